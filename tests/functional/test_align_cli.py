"""`workbench align` and `workbench eval-align` in real subprocesses on the evaluation data.

tests/data/align holds the official dev pairs assembled into two documents with the
mismatches alignment meets: an English paragraph split in two, Chinese paragraphs joined,
a translator's note with no Chinese, a Chinese sentence left untranslated, page junk on
both sides. The target: 95% of the gold pairs recovered exactly, the note linked to nothing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from workbench.core.text import normalize_punctuation
from workbench.formats import tmx
from workbench.store.memory import MemoryStore
from workbench.store.project import Project

DATA = Path(__file__).resolve().parent.parent / "data" / "align"
ZH, EN = DATA / "policy_zh.txt", DATA / "policy_en.txt"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_eval_align_reaches_the_target(tmp_path: Path) -> None:
    done = _run(
        "eval-align",
        str(ZH),
        str(EN),
        str(DATA / "policy_gold.tsv"),
        "--unlinked",
        str(DATA / "policy_unlinked.txt"),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    figures = dict(re.findall(r"^([a-z ]+): ([\d.]+)$", done.stdout, re.MULTILINE))
    assert float(figures["recall"]) >= 0.95, done.stdout
    assert float(figures["precision"]) >= 0.95, done.stdout
    assert figures["unlinked lines linked"] == "0", done.stdout


def test_align_writes_tmx_with_confidence(tmp_path: Path) -> None:
    out = tmp_path / "pairs.tmx"
    done = _run("align", str(ZH), str(EN), "--output", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    units = tmx.read(out)
    gold = (DATA / "policy_gold.tsv").read_text(encoding="utf-8").splitlines()
    assert len(units) == len(gold) - 1  # the header line
    assert all(u.source and u.target for u in units)
    confidences = re.findall(
        r'type="x-align-confidence">([\d.]+)<', out.read_text(encoding="utf-8")
    )
    assert len(confidences) == len(units)
    assert all(0.0 <= float(c) <= 1.0 for c in confidences)
    assert not any("Translator's note" in u.target for u in units)


def test_align_loads_a_reference_memory(tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    done = _run(
        "align", str(ZH), str(EN), "--memory", "official", "--project", str(project), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    with Project.open(project, read_only=True) as opened:
        info = MemoryStore(opened).memory("official")
        assert info.kind == "reference"
        assert info.units == 20


def test_align_refuses_an_unknown_format_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "text.pdf"
    bad.write_bytes(b"%PDF-1.4")
    done = _run("align", str(bad), str(EN), cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "text.pdf" in done.stderr


def test_align_import_fills_rows_and_marks_the_untranslated_one(tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    args = ("align", str(ZH), str(EN), "--import", "--project", str(project))
    done = _run(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    gold = dict(
        line.split("\t")[:2]
        for line in (DATA / "policy_gold.tsv").read_text(encoding="utf-8").splitlines()[1:]
    )
    with Project.open(project, read_only=True) as opened:
        (document,) = opened.documents()
        rows = [p for p in opened.paragraphs(document.id) if p.included]
    assert all(row.target for row in rows)
    assert {row.status.value for row in rows} == {"edited"}
    # Every gold English sentence sits in the row holding its Chinese.
    for zh, en in gold.items():
        holder = [row for row in rows if normalize_punctuation(zh)[:12] in row.source]
        assert holder and en in (holder[0].target or ""), zh
    untranslated = next(row for row in rows if "另行制定" in row.source)
    assert untranslated.review
    assert "Translator's note" not in " ".join(row.target or "" for row in rows)
    # Again: nothing changes, nothing is overwritten.
    again = _run(*args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 rows given" in again.stdout


def test_glossary_candidates_from_aligned(tmp_path: Path) -> None:
    done = _run(
        "glossary",
        "candidates",
        "--from-aligned",
        str(ZH),
        str(EN),
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    mined = json.loads(done.stdout)
    terms = {t["chinese"]: t for t in mined["terms"]}
    # The official English says "digital divide" where the glossary has "AI divide".
    divide = terms["智能鸿沟"]
    assert (divide["approved"], divide["other"]) == (0, 1)
    assert "digital divide" in divide["examples"][0]["english"]
    assert mined["terms"][0]["chinese"] == "智能鸿沟"  # inconsistencies first
    assert terms["人工智能"]["other"] == 0
    phrases = {c["chinese"]: c for c in mined["candidates"]}
    assert phrases["赞比亚"]["renderings"][0]["english"] == "Zambia"
    assert all(c["chinese"] not in terms for c in mined["candidates"])


def test_align_never_writes_over_its_own_inputs(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_bytes(ZH.read_bytes())
    en.write_bytes(EN.read_bytes())
    for target in (zh, en):
        before = target.read_bytes()
        done = _run("align", str(zh), str(en), "--output", str(target), cwd=tmp_path)
        assert done.returncode == 1
        assert "aligned" in done.stderr and "nothing was written" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert target.read_bytes() == before
