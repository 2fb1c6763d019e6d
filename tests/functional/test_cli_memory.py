"""`workbench memory ...`: TMX reference memories (written by another tool), lookup with
fuzzy matches and diffs, matches for a paragraph, propagation and alternatives, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from translate.storage import tmx as tt_tmx

from tests.functional.reference import translated_seeds
from workbench.cli import cli
from workbench.store.project import Project
from workbench.workflows.memory import save_translation

DATA = Path(__file__).resolve().parents[1] / "data" / "memory"
OTHER_TOOL = DATA / "other_tool.tmx"


def run(project: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--project", str(project)])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translated_seeds(tmp_path_factory.mktemp("memory") / "seeds.sqlite")


def test_import_a_tmx_from_another_tool(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    result = run(project, "memory", "import", str(OTHER_TOOL), "--name", "desk")
    assert result.exit_code == 0, result.output
    assert (
        "loaded 3 pairs as memory 'desk'" in result.output
    )  # the unit without English is left out
    listing = run(project, "memory", "list").output
    assert "desk" in listing and "reference, read-only" in listing and str(OTHER_TOOL) in listing
    found = run(project, "memory", "lookup", "全球人工智能发展和治理并不均衡。").output
    assert "exact  [desk]" in found
    assert "The development and governance of AI worldwide are still unbalanced." in found
    again = run(project, "memory", "import", str(OTHER_TOOL), "--name", "desk2")
    assert again.exit_code == 1 and "already loaded as memory 'desk'" in again.output
    assert run(project, "memory", "import", str(OTHER_TOOL), "--name", "desk").exit_code == 1
    assert (
        run(project, "memory", "import", str(OTHER_TOOL), "--name", "desk", "--replace").exit_code
        == 0
    )
    assert run(project, "memory", "remove", "desk").exit_code == 0
    assert "desk" not in run(project, "memory", "list").output


def test_bad_tmx_is_refused_clearly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    result = run(tmp_path / "p.sqlite", "memory", "import", str(broken))
    assert result.exit_code == 1 and "broken.tmx" in result.output
    missing = run(tmp_path / "p.sqlite", "memory", "import", str(tmp_path / "none.tmx"))
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_fuzzy_lookup_shows_score_origin_and_diff(seeded: Path) -> None:
    result = run(seeded, "memory", "lookup", "参与和引领人工智能全球治理，有助于促进数字经济发展。")
    assert result.exit_code == 0
    assert "[project]" in result.output
    assert "diff: " in result.output and "{+数字经济+}" in result.output
    assert "→ Participating in and leading global AI governance helps" in result.output
    strict = run(seeded, "memory", "lookup", "参与和引领人工智能全球治理，有助于促进数字经济发展。",
                 "--threshold", "99")  # fmt: skip
    assert "no match at 99% or above" in strict.output


def test_matches_for_a_paragraph_by_sentence(seeded: Path, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    project.write_bytes(seeded.read_bytes())
    run(project, "memory", "import", str(OTHER_TOOL), "--name", "desk")
    with Project.open(project) as opened:
        paragraph_id = opened.paragraphs(1)[3].id  # 元首外交发挥了重要引领作用。…
    result = run(project, "memory", "matches", str(paragraph_id))
    assert result.exit_code == 0
    assert "sentence 1: 元首外交发挥了重要引领作用。" in result.output
    assert "exact  [desk]" in result.output


def test_export_memory_as_tmx(seeded: Path, tmp_path: Path) -> None:
    output = tmp_path / "memory.tmx"
    result = run(seeded, "memory", "export", "--output", str(output))
    assert result.exit_code == 0, result.output
    store = tt_tmx.tmxfile(output.read_bytes())
    sources = [unit.source for unit in store.units]
    # 18 paragraph pairs and the sentence pairs of the paragraphs whose English aligns.
    assert len(sources) > 18
    assert "积极参与和引领人工智能全球治理（和音）" in sources
    assert "元首外交发挥了重要引领作用。" in sources


REPEATED = (
    "推动人工智能健康发展。\n\n加强国际合作。\n\n推动人工智能健康发展。\n\n推动人工智能健康发展。\n"
)


def test_propagation_alternative_and_undo(tmp_path: Path) -> None:
    source = tmp_path / "repeats.txt"
    source.write_text(REPEATED, encoding="utf-8")
    project = tmp_path / "p.sqlite"
    assert run(project, "import", str(source)).exit_code == 0
    with Project.open(project) as opened:
        first, _, second, third = (p.id for p in opened.paragraphs())
        outcome = save_translation(opened, first, "Promote the sound development of AI.")
        assert [p.id for p in outcome.propagated] == [second, third]
    result = run(project, "memory", "alternative", str(third))
    assert "is now an alternative translation" in result.output
    with Project.open(project) as opened:
        save_translation(opened, third, "Foster the healthy growth of AI.")
        save_translation(opened, first, "Promote the healthy development of AI.")
        targets = [p.target for p in opened.paragraphs()]
    assert targets == [
        "Promote the healthy development of AI.",
        None,
        "Promote the healthy development of AI.",
        "Foster the healthy growth of AI.",
    ]
    check = CliRunner().invoke(cli, ["check", "--project", str(project), "--format", "json"])
    assert "inconsistent-translation" not in check.output  # the alternative is deliberate
    assert run(project, "undo").exit_code == 0  # the last save and its propagation, together
    with Project.open(project) as opened:
        assert [p.target for p in opened.paragraphs()][2] == "Promote the sound development of AI."
    result = run(project, "memory", "alternative", str(third), "--off")
    assert "following its repeats" in result.output
    with Project.open(project) as opened:
        assert opened.paragraph(third).target == "Promote the sound development of AI."


def test_propagate_command_fills_repeats_after_an_import(tmp_path: Path) -> None:
    source = tmp_path / "repeats.txt"
    source.write_text(REPEATED, encoding="utf-8")
    project = tmp_path / "p.sqlite"
    run(project, "import", str(source))
    with Project.open(project) as opened:
        opened.set_target(opened.paragraphs()[0].id, "Promote the sound development of AI.")
    result = run(project, "memory", "propagate")
    assert "filled 2 repeated paragraphs" in result.output
    assert run(project, "undo").exit_code == 0
    with Project.open(project) as opened:
        assert [p.target for p in opened.paragraphs()][1:] == [None, None, None]
