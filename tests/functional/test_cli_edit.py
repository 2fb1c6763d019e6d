"""`workbench edit` and a bare `workbench`: what they open (the app itself is not run)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.tui_fixtures import GLOSSARY, SEED_000, SEED_004
from workbench.cli import cli
from workbench.store.project import Project
from workbench.tui.app import WorkbenchApp


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what the app would show instead of starting it."""
    calls: list[dict[str, Any]] = []

    def run(self: WorkbenchApp, *args: Any, **kwargs: Any) -> None:
        project = self.project
        calls.append(
            {
                "document": self.document_id,
                "documents": [d.name for d in project.documents()],
                "glossary": self.glossary_path,
                "terms": len(self.glossary),
            }
        )

    monkeypatch.setattr(WorkbenchApp, "run", run)
    return calls


def test_edit_file_imports_it_into_a_new_project(
    tmp_path: Path, opened: list[dict[str, Any]]
) -> None:
    project = tmp_path / "p.sqlite"
    result = CliRunner().invoke(cli, ["edit", str(SEED_000), "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert "imported as document 1" in result.output
    assert opened[0]["documents"] == [SEED_000.name]
    assert opened[0]["document"] == 1
    assert opened[0]["terms"] > 100  # the curated glossary


def test_edit_same_file_again_reuses_the_document(
    tmp_path: Path, opened: list[dict[str, Any]]
) -> None:
    project = tmp_path / "p.sqlite"
    runner = CliRunner()
    runner.invoke(cli, ["import", str(SEED_000), str(SEED_004), "--project", str(project)])
    result = runner.invoke(cli, ["edit", str(SEED_004), "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert "imported" not in result.output
    with Project.open(project) as opened_project:
        assert len(opened_project.documents()) == 2
        expected = opened_project.resolve_document(SEED_004.name).id
    assert opened[0]["document"] == expected


def test_bare_workbench_opens_the_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[dict[str, Any]]
) -> None:
    monkeypatch.chdir(tmp_path)
    glossary = tmp_path / "mine.tsv"
    shutil.copyfile(GLOSSARY, glossary)
    runner = CliRunner()
    runner.invoke(cli, ["import", str(SEED_000)])
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(glossary))
    result = runner.invoke(cli, [])
    assert result.exit_code == 0, result.output
    assert opened[0]["documents"] == [SEED_000.name]
    assert opened[0]["glossary"] == glossary


def test_edit_without_a_project_explains_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["edit", "--project", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1
    assert "workbench edit FILE" in result.output
    assert not (tmp_path / "none.sqlite").exists()


def test_edit_has_help() -> None:
    result = CliRunner().invoke(cli, ["edit", "--help"])
    assert result.exit_code == 0
    assert "terminal editor" in result.output
    assert "--glossary" in result.output
