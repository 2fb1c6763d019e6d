"""The 一是/二是 order warning follows the document: a move that repairs the order removes
it, an undo brings it back, and `workbench status` shows what holds now (issue 13, item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.functional.reference import GLOSSARY, SEEDS, import_seeds
from workbench.cli import cli
from workbench.store.project import Project

OUT_OF_ORDER = "004_f56eada79adc5973.txt"  # its 二是 comes before its 一是


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def project_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(GLOSSARY))
    path = tmp_path / "seeds.sqlite"
    import_seeds(path)
    return path


def order_warnings(project_path: Path) -> list[str]:
    with Project.open(project_path) as project:
        document = project.resolve_document(OUT_OF_ORDER)
        return [w for w in document.warnings if "enumeration out of order" in w]


def yi_shi_id(project_path: Path) -> int:
    with Project.open(project_path) as project:
        document = project.resolve_document(OUT_OF_ORDER)
        return next(p.id for p in project.paragraphs(document.id) if p.source.startswith("一是"))


def test_move_repairs_the_order_and_undo_brings_the_warning_back(project_path: Path) -> None:
    assert SEEDS and order_warnings(project_path)
    assert "enumeration out of order" in run("status", "--project", str(project_path)).output
    run("move", str(yi_shi_id(project_path)), "--up", "2", "--project", str(project_path))
    assert order_warnings(project_path) == []
    assert "enumeration out of order" not in run("status", "--project", str(project_path)).output
    run("undo", "--project", str(project_path))
    assert order_warnings(project_path)
    run("redo", "--project", str(project_path))
    assert order_warnings(project_path) == []


def test_other_import_warnings_are_kept(project_path: Path) -> None:
    with Project.open(project_path) as project:
        document = project.resolve_document(OUT_OF_ORDER)
        with project.transaction() as conn:
            conn.execute(
                "UPDATE documents SET warnings = json_insert(warnings, '$[#]', 'kept note')"
                " WHERE id = ?",
                (document.id,),
            )
    run("move", str(yi_shi_id(project_path)), "--up", "2", "--project", str(project_path))
    with Project.open(project_path) as project:
        assert project.resolve_document(OUT_OF_ORDER).warnings == ("kept note",)


def test_a_restored_block_is_counted_in_the_order(project_path: Path) -> None:
    run("move", str(yi_shi_id(project_path)), "--up", "2", "--project", str(project_path))
    with Project.open(project_path) as project:
        document = project.resolve_document(OUT_OF_ORDER)
        first = project.paragraphs(document.id)[0]
        # A paragraph starting 三是 put at the top makes the order wrong again.
        with project.transaction() as conn:
            conn.execute(
                "UPDATE paragraphs SET included = 0, source = '三是补充。' WHERE id = ?",
                (first.id,),
            )
    assert order_warnings(project_path) == []
    run("restore", str(first.id), "--project", str(project_path))
    assert any("paragraph 1 starts with 三是" in w for w in order_warnings(project_path))


def test_undoing_an_edit_of_the_english_does_not_recheck_the_order(project_path: Path) -> None:
    """Only steps that move, drop or restore paragraphs check the order again (a check
    reads the whole document): a warning set by hand survives the undo of a text edit."""
    with Project.open(project_path) as project:
        document = project.resolve_document(OUT_OF_ORDER)
        paragraph = project.paragraphs(document.id)[0]
        with project.transaction() as conn:
            conn.execute(
                "UPDATE documents SET warnings = '[\"enumeration out of order: by hand\"]'"
                " WHERE id = ?",
                (document.id,),
            )
        project.set_target(paragraph.id, "Some English.")
    run("undo", "--project", str(project_path))
    assert order_warnings(project_path) == ["enumeration out of order: by hand"]
    run("move", str(yi_shi_id(project_path)), "--up", "2", "--project", str(project_path))
    run("undo", "--project", str(project_path))
    assert order_warnings(project_path) != ["enumeration out of order: by hand"]
    assert order_warnings(project_path)
