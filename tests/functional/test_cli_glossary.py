"""`workbench glossary …` on a copy of the curated glossary and the imported seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from translate.storage import tbx as tt_tbx

from tests.functional.reference import GLOSSARY, import_seeds, translated_seeds
from workbench.cli import cli
from workbench.formats import glossary_table
from workbench.store.project import Project


@pytest.fixture
def glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "terms.tsv"
    shutil.copy(GLOSSARY, copy)
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(copy))
    monkeypatch.chdir(tmp_path)
    return copy


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_list_and_search(glossary: Path) -> None:
    result = run("glossary", "list", "--search", "小院高墙")
    assert result.exit_code == 0
    assert "small yard, high fence" in result.output
    assert "never: small courtyard, high wall" in result.output
    assert "1 of" in result.output
    candidates = run("glossary", "list", "--status", "candidate")
    assert "[approved]" not in candidates.output


def test_add_edit_approve_remove(glossary: Path) -> None:
    added = run("glossary", "add", "算力", "computing power", "--note", "MIIT usage")
    assert added.exit_code == 0, added.output
    assert glossary_table.read(glossary).get("算力").status.value == "candidate"  # type: ignore[union-attr]
    duplicate = run("glossary", "add", "算力", "compute")
    assert duplicate.exit_code == 1 and "already in the glossary" in duplicate.output
    traditional = run("glossary", "add", "數字鴻溝", "digital gap")
    assert traditional.exit_code == 1
    assert "already in the glossary as '数字鸿沟' ('digital divide')" in traditional.output
    edited = run(
        "glossary", "edit", "算力", "--variant", "compute", "--forbidden", "calculation force"
    )
    assert edited.exit_code == 0, edited.output
    assert run("glossary", "approve", "算力").exit_code == 0
    term = glossary_table.read(glossary).get("算力")
    assert term is not None
    assert (term.status.value, term.variants, term.forbidden) == (
        "approved",
        ("compute",),
        ("calculation force",),
    )
    assert run("glossary", "remove", "算力").exit_code == 0
    assert glossary_table.read(glossary).get("算力") is None
    missing = run("glossary", "remove", "算力")
    assert missing.exit_code == 1 and "no term" in missing.output


def test_invalid_term_is_refused_with_reason(glossary: Path) -> None:
    before = glossary.read_bytes()
    result = run("glossary", "add", "AI", "AI")
    assert result.exit_code == 1
    assert "Error" in result.output and "Traceback" not in result.output
    assert glossary.read_bytes() == before


def test_check_reports_per_segment_and_exit_code(glossary: Path, tmp_path: Path) -> None:
    project = translated_seeds(tmp_path / "p.sqlite")
    clean = run("glossary", "check", "--project", str(project))
    assert clean.exit_code == 0, clean.output
    assert "0 violations" in clean.output
    with Project.open(project) as store:
        row = next(p for p in store.paragraphs() if "小院高墙" in p.source)
        assert row.target is not None
        store.set_target(
            row.id, row.target.replace("small yard, high fence", "small courtyard, high wall")
        )
    flagged = run("glossary", "check", "--project", str(project))
    assert flagged.exit_code == 1
    assert "forbidden: “small courtyard, high wall” for 小院高墙" in flagged.output
    assert "missing: 小院高墙 → “small yard, high fence”" in flagged.output


def test_check_without_english_lists_terms(glossary: Path, tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    import_seeds(project)
    result = run("glossary", "check", "--all", "--project", str(project))
    assert result.exit_code == 0
    assert "人工智能全球治理=global AI governance" in result.output
    assert "no English yet" in result.output


def test_export_tbx_and_import_back(glossary: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    assert run("glossary", "export", "--format", "tbx", "-o", str(out)).exit_code == 0
    parsed = tt_tbx.tbxfile(out.read_bytes())
    assert len(parsed.units) == len(glossary_table.read(glossary))
    empty = tmp_path / "empty.tsv"
    empty.write_text("source\ttarget\n", encoding="utf-8")
    result = run("glossary", "import", str(out), "--glossary", str(empty))
    assert result.exit_code == 0, result.output
    assert glossary_table.read(empty) == glossary_table.read(glossary)


def test_import_pairs_as_candidates(glossary: Path, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("算力,computing power\n数字鸿沟,digital gap\n", encoding="utf-8")
    result = run("glossary", "import", str(pairs), "--pairs")
    assert "1 added" in result.output and "1 already present" in result.output
    terms = glossary_table.read(glossary)
    assert terms.get("数字鸿沟").target == "digital divide"  # type: ignore[union-attr]
    assert terms.get("算力").status.value == "candidate"  # type: ignore[union-attr]
