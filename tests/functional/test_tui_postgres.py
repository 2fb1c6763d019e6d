"""The editor on a PostgreSQL project: a colleague's change, made by another process, arrives
in the open editor through LISTEN/NOTIFY (the polling watcher is slowed to once an hour, so
nothing else could bring it), and a stale save is refused into the conflict flow."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_server import Server
from tests.tui_fixtures import GLOSSARY, SEED_000, FakeTranslation, grid_text
from workbench.ingest_rules import default_rules
from workbench.store.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens import editor as editor_screen
from workbench.workflows.importing import import_file

REPO = Path(__file__).resolve().parents[2]
SIZE = (120, 40)


def colleague_saves(url: str, paragraph_id: int, text: str) -> None:
    """Another translator's workbench, in its own process, saves a row."""
    script = (
        "import sys\n"
        "from workbench.store.project import Project\n"
        "with Project.open(sys.argv[1]) as p:\n"
        "    p.set_target(int(sys.argv[2]), sys.argv[3])\n"
    )
    env = {**os.environ, "WORKBENCH_USER": "colleague"}
    done = subprocess.run(
        [sys.executable, "-c", script, url, str(paragraph_id), text],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


async def test_a_colleagues_change_arrives_in_the_open_editor(
    tmp_path: Path, pg_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(editor_screen, "WATCH_INTERVAL", 3600.0)  # no polling to help
    url = pg_server.url(pg_server.create_database())
    project = Project.open(url)
    import_file(project, SEED_000, default_rules())
    glossary = tmp_path / "glossary.tsv"
    shutil.copyfile(GLOSSARY, glossary)
    second = project.paragraphs()[1]
    engine = FakeTranslation()
    app = create_app(project, glossary, translator_provider=lambda: engine)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            colleague_saves(url, second.id, "Written by a colleague")
            shown = None
            for _ in range(200):  # up to 10 s on a loaded machine
                await pilot.pause(0.05)
                shown = app.editor.grid.rows[1].paragraph.target
                if shown == "Written by a colleague":
                    break
            assert shown == "Written by a colleague"
            await pilot.pause()
            assert "Written by a colleague" in grid_text(app)
            notes = [str(note.message) for note in app._notifications]
            assert "1 row changed by another program." in notes
    finally:
        project.close()
