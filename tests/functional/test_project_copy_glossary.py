"""`workbench project copy` carries the glossary a project uses, both ways.

A file project uses a glossary file; a team project keeps its glossary in its database.
Copying a file project to a server brings the file's terms into the database (the team
starts from them); copying a team project to a file keeps the team's glossary in effect on
the file (commands and the editor read and edit the copied terms), and copying that file to
a server again carries what was edited offline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_server import Server
from tests.tui_fixtures import SEED_000, FakeTranslation
from workbench.core.glossary import Glossary, Term, TermStatus
from workbench.formats import glossary_file
from workbench.ingest_rules import default_rules
from workbench.store import glossary_terms
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens import editor as editor_screen
from workbench.workflows.importing import import_file


def workbench(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(folder / "home")}
    for name in ("WORKBENCH_GLOSSARY", "WORKBENCH_PROJECT", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_file_projects_glossary_goes_into_the_servers_database(
    tmp_path: Path, pg_server: Server
) -> None:
    own = tmp_path / "ours.tsv"
    glossary_file.write(Glossary([Term("乡村振兴", "rural revitalization")]), own)
    written = own.read_bytes()
    project = tmp_path / "p.sqlite"
    ok(workbench(tmp_path, "import", str(SEED_000), "--project", str(project)))
    ok(workbench(tmp_path, "glossary", "use", str(own), "--project", str(project)))
    url = pg_server.url(pg_server.create_database())

    copied = ok(workbench(tmp_path, "project", "copy", str(project), url))
    assert "1 glossary term in the database" in copied
    assert f"the team's glossary starts from {own}" in copied
    listed = ok(workbench(tmp_path, "glossary", "list", "--project", url))
    assert "乡村振兴\trural revitalization" in listed
    with Project.open(url, read_only=True) as team:
        stored = glossary_terms.read_terms(team)
    assert stored is not None and [term.source for term in stored.terms] == ["乡村振兴"]
    assert own.read_bytes() == written  # the file is only read


def test_a_file_project_on_the_curated_glossary_leaves_the_server_reading_it(
    tmp_path: Path, pg_server: Server
) -> None:
    project = tmp_path / "p.sqlite"
    ok(workbench(tmp_path, "import", str(SEED_000), "--project", str(project)))
    url = pg_server.url(pg_server.create_database())
    copied = ok(workbench(tmp_path, "project", "copy", str(project), url))
    assert "0 glossary terms in the database" in copied
    assert "starts from" not in copied
    with Project.open(url, read_only=True) as team:
        assert glossary_terms.read_terms(team) is None  # reads as the curated glossary


def test_a_team_glossary_stays_in_effect_on_a_file_copy_and_goes_back(
    tmp_path: Path, pg_server: Server
) -> None:
    url = pg_server.url(pg_server.create_database())
    ok(workbench(tmp_path, "import", str(SEED_000), "--project", url))
    ok(workbench(tmp_path, "glossary", "add", "算力", "computing power", "--project", url))
    offline = tmp_path / "offline.sqlite"
    ok(workbench(tmp_path, "project", "copy", url, str(offline)))

    where = ok(workbench(tmp_path, "glossary", "where", "--project", str(offline)))
    assert "the project's glossary (in the database)" in where
    assert "copied from a team project" in where
    listed = ok(workbench(tmp_path, "glossary", "list", "--project", str(offline)))
    assert "算力\tcomputing power" in listed
    ok(workbench(tmp_path, "glossary", "add", "数据跨境", "cross-border data", "--project",
                 str(offline)))  # fmt: skip
    assert not list((tmp_path / "home").rglob("*.tsv"))  # no personal glossary was made

    back = pg_server.url(pg_server.create_database())
    ok(workbench(tmp_path, "project", "copy", str(offline), back))
    listed = ok(workbench(tmp_path, "glossary", "list", "--project", back))
    assert "算力\tcomputing power" in listed and "数据跨境\tcross-border data" in listed


async def test_the_editor_on_a_file_copy_sees_another_programs_glossary_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No server here: the file's own watcher (polling) brings the change."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(editor_screen, "WATCH_INTERVAL", 0.2)
    path = tmp_path / "offline.sqlite"
    project = Project.open(path)
    import_file(project, SEED_000, default_rules())
    glossary_terms.edit_terms(  # as a copy of a team project holds it
        project, lambda g: g.with_term(Term("算力", "computing power")), seed=Glossary()
    )
    app = create_app(project, ProjectGlossary(path), translator_provider=lambda: FakeTranslation())
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert [term.source for term in app.glossary.terms] == ["算力"]
            ok(workbench(tmp_path, "glossary", "add", "乡村振兴", "rural revitalization",
                         "--status", "approved", "--project", str(path)))  # fmt: skip
            for _ in range(200):
                await pilot.pause(0.05)
                if "乡村振兴" in app.glossary:
                    break
            assert "乡村振兴" in app.glossary
            await pilot.pause()
            notes = [str(note.message) for note in app._notifications]
            assert (
                "The project's glossary was changed by another program: rows re-checked." in notes
            )
            mine = Term("共同富裕", "common prosperity", status=TermStatus.CANDIDATE)
            app.update_glossary(app.glossary.with_term(mine))
            stored = glossary_terms.read_terms(project)
            assert stored is not None and "共同富裕" in stored and "乡村振兴" in stored
    finally:
        project.close()
