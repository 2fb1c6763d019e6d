"""The editor on a PostgreSQL project uses the team's glossary in the project's database: a
term a colleague adds with `workbench glossary add` in another process arrives in the open
editor through LISTEN/NOTIFY (the polling watcher is slowed to once an hour, so nothing else
could bring it), and a term added in the editor goes to the database, not to a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_server import Server
from tests.tui_fixtures import SEED_000, FakeTranslation
from workbench.core.glossary import Term, TermStatus
from workbench.ingest_rules import default_rules
from workbench.store import glossary_terms
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens import editor as editor_screen
from workbench.workflows.glossary_edit import curated
from workbench.workflows.importing import import_file

REPO = Path(__file__).resolve().parents[2]
SIZE = (120, 40)


def colleague_adds(folder: Path, url: str, source: str, target: str) -> None:
    """Another translator's workbench, in its own process, adds a term."""
    env = {**os.environ, "WORKBENCH_PROJECT": url, "WORKBENCH_USER": "colleague"}
    env.pop("WORKBENCH_GLOSSARY", None)
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "glossary", "add", source, target,
         "--status", "approved"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


async def test_a_colleagues_term_arrives_in_the_open_editor(
    tmp_path: Path, pg_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(editor_screen, "WATCH_INTERVAL", 3600.0)  # no polling to help
    url = pg_server.url(pg_server.create_database())
    project = Project.open(url)
    import_file(project, SEED_000, default_rules())
    engine = FakeTranslation()
    app = create_app(project, ProjectGlossary(project.path), translator_provider=lambda: engine)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.glossary == curated()  # the curated terms until the first edit
            colleague_adds(tmp_path, url, "乡村振兴", "rural revitalization")
            for _ in range(200):  # up to 10 s on a loaded machine
                await pilot.pause(0.05)
                if "乡村振兴" in app.glossary:
                    break
            assert "乡村振兴" in app.glossary
            assert len(app.glossary) == len(curated()) + 1
            await pilot.pause()
            notes = [str(note.message) for note in app._notifications]
            assert "The project's glossary was changed by a colleague: rows re-checked." in notes

            # A term added in the editor goes to the team's glossary, the colleague's kept.
            mine = Term("共同富裕", "common prosperity", status=TermStatus.CANDIDATE)
            app.update_glossary(app.glossary.with_term(mine))
            stored = glossary_terms.read_terms(project)
            assert stored is not None and "共同富裕" in stored and "乡村振兴" in stored
            assert not list(tmp_path.rglob("*.tsv"))  # no glossary file anywhere
    finally:
        project.close()
