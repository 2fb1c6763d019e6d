"""`workbench lookup` and `workbench concordance` on the real CC-CEDICT (indexed once per
session) and the seeds imported and translated with the real import command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.functional.reference import GLOSSARY, translated_seeds
from workbench.cli import cli
from workbench.core.glossary import TermStatus
from workbench.formats import glossary_table
from workbench.store.dictionary_index import CACHE_ENV, CEDICT_ENV

MEMORY = Path(__file__).resolve().parents[1] / "data" / "memory" / "other_tool.tmx"
SMALL = Path(__file__).resolve().parents[1] / "data" / "dictionary" / "small_cedict.txt"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    """A copy of the curated glossary that the test may write to."""
    copy = tmp_path / "glossary.tsv"
    shutil.copy(GLOSSARY, copy)
    return copy


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The translated seeds plus a reference memory from another tool, named 'desk'."""
    project = translated_seeds(tmp_path_factory.mktemp("lookup") / "seeds.sqlite")
    loaded = run("memory", "import", str(MEMORY), "--name", "desk", "--project", str(project))
    assert loaded.exit_code == 0, loaded.output
    return project


# -- lookup -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("real_dictionary")
def test_lookup_prints_pinyin_and_senses_in_either_script(glossary: Path) -> None:
    for word in ("国际", "國際"):
        result = run("lookup", word, "--glossary", str(glossary))
        assert result.exit_code == 0, result.output
        assert "国际 (國際)  guó jì  [guo2 ji4]" in result.output
        assert "1. international" in result.output


@pytest.mark.usefixtures("real_dictionary")
def test_lookup_shows_the_glossary_entry_first(glossary: Path) -> None:
    output = run("lookup", "人工智能", "--glossary", str(glossary)).output
    assert "人工智能  glossary [approved]: AI" in output
    assert "also: artificial intelligence" in output
    assert output.index("glossary [approved]") < output.index("rén gōng zhì néng")
    candidate = run("lookup", "人工智能大国", "--glossary", str(glossary)).output
    assert "glossary [candidate]: major country in AI" in candidate
    assert "never: AI superpower" in candidate
    assert "大国" in candidate  # its dictionary words follow


@pytest.mark.usefixtures("real_dictionary")
def test_lookup_of_a_text_prints_each_word(glossary: Path) -> None:
    text = "推动全球治理体系变革，弥合数字鸿沟"
    result = run("lookup", text, "--glossary", str(glossary))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    firsts = [line.split()[0] for line in lines if line and not line.startswith(" ")]
    assert firsts == ["推动", "全球治理体系", "变革", "弥合", "数字鸿沟"]
    assert any("glossary [approved]: digital divide" in line for line in lines)
    assert "，" not in result.output


@pytest.mark.usefixtures("real_dictionary")
def test_lookup_hides_extra_senses_and_variants_unless_asked(glossary: Path) -> None:
    short = run("lookup", "个", "--glossary", str(glossary)).output
    full = run("lookup", "个", "--all-senses", "--glossary", str(glossary)).output
    assert "variant of" not in short and "variant entry not shown" in short
    assert "6. variant of 個|个[gè]" in full
    assert "more (--all-senses)" in run("lookup", "行", "-g", str(glossary)).output


@pytest.mark.usefixtures("real_dictionary")
def test_lookup_json(glossary: Path) -> None:
    result = run("lookup", "数字鸿沟", "--format", "json", "--glossary", str(glossary))
    payload = json.loads(result.stdout)
    (word,) = payload["words"]
    assert word["glossary"]["target"] == "digital divide"
    assert word["glossary"]["status"] == "approved"
    assert [p["text"] for p in word["parts"]] == ["数字", "鸿沟"]
    digits = word["parts"][0]["entries"][0]
    assert digits["pinyin"] == "shù zì" and digits["pinyin_numbered"] == "shu4 zi4"
    assert "digital (electronics etc)" in digits["senses"]
    assert digits["classifiers"] == ["個|个[gè]"]


@pytest.mark.usefixtures("real_dictionary")
def test_unknown_words_say_so(glossary: Path) -> None:
    result = run("lookup", "𠀋", "--glossary", str(glossary))
    assert result.exit_code == 0 and "not in the glossary or the dictionary" in result.output
    assert run("lookup", "--glossary", str(glossary)).exit_code == 2


@pytest.mark.usefixtures("real_dictionary")
def test_about_and_help_credit_cc_cedict() -> None:
    about = run("lookup", "--about")
    assert about.exit_code == 0
    assert "Published by MDBG" in about.output
    assert "Creative Commons Attribution-ShareAlike 4.0 International License" in about.output
    assert "118961 entries" in about.output and "Edition: 2020-12-21" in about.output
    help_text = " ".join(run("lookup", "--help").output.split())
    assert "CC-CEDICT, published by MDBG" in help_text
    assert "Creative Commons Attribution-ShareAlike 4.0" in help_text
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "## Dictionary" in readme and "CC BY-SA 4.0" in readme and "MDBG" in readme


@pytest.mark.usefixtures("real_dictionary")
def test_add_a_dictionary_sense_to_the_glossary(glossary: Path) -> None:
    result = run("lookup", "鸿沟", "--add-to-glossary", "--sense", "3", "-g", str(glossary))
    assert result.exit_code == 0, result.output
    assert "added 鸿沟 → wide gap [candidate]" in result.output
    term = glossary_table.read(glossary).get("鸿沟")
    assert term is not None and term.target == "wide gap"
    assert term.status is TermStatus.CANDIDATE and "CC-CEDICT" in term.note
    again = run("lookup", "鸿沟", "--add-to-glossary", "-g", str(glossary))
    assert again.exit_code == 1 and "already in the glossary" in again.output
    too_far = run("lookup", "国际", "--add-to-glossary", "--sense", "9", "-g", str(glossary))
    assert too_far.exit_code == 1 and "no sense 9" in too_far.output
    text = run("lookup", "国际合作", "--add-to-glossary", "-g", str(glossary))
    assert text.exit_code == 2 and "not one dictionary word" in text.output
    traditional = run("lookup", "國際", "--add-to-glossary", "-g", str(glossary))
    assert traditional.exit_code == 0, traditional.output
    terms = glossary_table.read(glossary)
    # Saved in simplified form; the traditional spelling finds the same term.
    assert "國際" not in {term.source for term in terms}
    saved = terms.get("国际")
    assert saved is not None and saved.source == "国际" and terms.get("國際") == saved


def test_first_use_builds_the_index_with_progress(tmp_path: Path) -> None:
    env = {CACHE_ENV: str(tmp_path / "cache"), CEDICT_ENV: str(SMALL)}
    first = run("lookup", "國際社會", env=env)
    assert first.exit_code == 0, first.output
    assert "Building the CC-CEDICT index (first use only)" in first.stderr
    assert "international community" in first.stdout
    second = run("lookup", "國際社會", env=env)
    assert second.exit_code == 0 and "Building" not in second.stderr
    missing = run("lookup", "国际", env={**env, CEDICT_ENV: str(tmp_path / "none.txt")})
    assert missing.exit_code == 1 and "WORKBENCH_CEDICT" in missing.output


# -- concordance --------------------------------------------------------------------------------


def test_concordance_of_chinese_over_rows_and_memories(seeded: Path) -> None:
    result = run("concordance", "不均衡", "--project", str(seeded))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1. 000_9819b9711a7bf496.txt ¶7" in out
    assert "并[不均衡]。中国积极" in out
    # The paragraph's English is long: the sentence facing the hit is shown.
    facing = "(sentence 2/4) The development and governance of AI around the world remain uneven."
    assert f"en  {facing}" in out
    assert "2. memory 'desk'" in out
    assert "zh  全球人工智能发展和治理并[不均衡]。" in out
    assert "en  The development and governance of AI worldwide are still unbalanced." in out
    assert "2 hits for '不均衡'" in out


def test_concordance_of_english_ignores_case_and_skips_duplicate_memory_pairs(
    seeded: Path,
) -> None:
    payload = json.loads(
        run("concordance", "DIGITAL DIVIDE", "-p", str(seeded), "--format", "json").stdout
    )
    assert payload["language"] == "en" and payload["total"] >= 1
    for hit in payload["hits"]:
        start, end = hit["spans"][0]
        assert hit["english"][start:end].lower() == "digital divide"
        assert "数字鸿沟" in hit["chinese"]
    rows = [h for h in payload["hits"] if not h["memory"]]
    assert rows and all(h["document"] and h["paragraph"] for h in rows)
    # The project memory holds the same pairs as the rows: they are listed once.
    assert not [h for h in payload["hits"] if h["memory"] and h["origin"] == "project"
                and h["chinese"] in {r["chinese"] for r in rows}]  # fmt: skip


def test_concordance_limits_and_memory_choice(seeded: Path) -> None:
    limited = run("concordance", "人工智能", "-p", str(seeded), "--limit", "2")
    assert "3. " not in limited.output and "(showing 2; --limit to see more)" in limited.stdout
    only_desk = json.loads(
        run(
            "concordance", "人工智能", "-p", str(seeded), "--memory", "desk", "--format", "json"
        ).stdout
    )
    assert {h["origin"] for h in only_desk["hits"] if h["memory"]} == {"desk"}
    no_memory = json.loads(
        run("concordance", "不均衡", "-p", str(seeded), "--no-memory", "--format", "json").stdout
    )
    assert no_memory["total"] == 1 and not no_memory["hits"][0]["memory"]
    unknown = run("concordance", "人工智能", "-p", str(seeded), "--memory", "nope")
    assert unknown.exit_code == 1 and "no memory named 'nope'" in unknown.output
    none = run("concordance", "量子引力", "-p", str(seeded))
    assert none.exit_code == 0 and "no hits for '量子引力'" in none.output


def test_concordance_needs_an_existing_project(tmp_path: Path) -> None:
    result = run("concordance", "治理", "-p", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 1 and "no project" in result.output


@pytest.mark.usefixtures("real_dictionary")
def test_add_a_concordance_hit_to_the_glossary(seeded: Path, glossary: Path) -> None:
    result = run("concordance", "治理", "-p", str(seeded), "--add-to-glossary", "-g", str(glossary))
    assert result.exit_code == 0, result.output
    term = glossary_table.read(glossary).get("治理")
    assert term is not None and term.status is TermStatus.CANDIDATE
    assert term.target == "governance"  # the CC-CEDICT sense the hit's English uses
    assert "concordance" in term.note and "000_9819b9711a7bf496.txt ¶1" in term.note
    # The reference English renders 鸿沟 as "divide", which is not a CC-CEDICT sense.
    gap = run("concordance", "鸿沟", "-p", str(seeded), "--add-to-glossary", "-g", str(glossary))
    assert gap.exit_code == 1 and "give the English (--target)" in gap.output
    given = run(
        "concordance", "鸿沟", "-p", str(seeded), "--add-to-glossary", "--target", "divide",
        "-g", str(glossary),
    )  # fmt: skip
    assert given.exit_code == 0 and "added 鸿沟 → divide [candidate]" in given.output
    english = run(
        "concordance", "unbalanced", "-p", str(seeded), "--add-to-glossary",
        "--source", "不均衡", "-g", str(glossary),
    )  # fmt: skip
    assert english.exit_code == 0, english.output
    added = glossary_table.read(glossary).get("不均衡")
    assert added is not None and added.target == "unbalanced" and "memory 'desk'" in added.note
    beyond = run("concordance", "不均衡", "-p", str(seeded), "--add-to-glossary", "--hit", "5")
    assert beyond.exit_code == 2 and "there is no hit 5" in beyond.output


def test_concordance_finds_either_spelling_in_rows_and_memories(
    seeded: Path, tmp_path: Path
) -> None:
    project = tmp_path / "copy.sqlite"
    shutil.copy(seeded, project)
    taiwan = tmp_path / "taiwan.tmx"
    taiwan.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="zh-TW" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="zh-TW"><seg>彌合數字鴻溝。</seg></tuv>'
        '<tuv xml:lang="en"><seg>Bridge the digital divide.</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    loaded = run("memory", "import", str(taiwan), "--name", "tw", "--project", str(project))
    assert loaded.exit_code == 0, loaded.output
    simplified = json.loads(
        run("concordance", "数字鸿沟", "-p", str(project), "--format", "json").stdout
    )
    memory_hits = [h for h in simplified["hits"] if h["origin"] == "tw"]
    assert [h["chinese"] for h in memory_hits] == ["彌合數字鴻溝。"]
    start, end = memory_hits[0]["spans"][0]
    assert memory_hits[0]["chinese"][start:end] == "數字鴻溝"
    traditional = json.loads(
        run("concordance", "數字鴻溝", "-p", str(project), "--format", "json").stdout
    )
    assert traditional["total"] == simplified["total"]
    assert any(not h["memory"] and "数字鸿沟" in h["chinese"] for h in traditional["hits"])


@pytest.mark.usefixtures("real_dictionary")
def test_lookup_json_flag_is_a_deprecated_alias_of_format_json(glossary: Path) -> None:
    result = run("lookup", "数字鸿沟", "--json", "--glossary", str(glossary))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["query"] == "数字鸿沟"
    assert "--json is deprecated" in result.stderr
    assert "--json" not in run("lookup", "--help").stdout  # hidden
