"""The daily-loop keys in a real terminal (tmux) at 80x24 and 120x40, sent as a terminal
sends them: alt+1 and alt+n as ESC 1 and ESC n, ctrl+j as a line feed."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.functional.test_tui_terminal import Terminal, terminal  # noqa: F401  (fixture)
from tests.tui_fixtures import GLOSSARY, ROOT, SEED_000
from workbench.core.segments import Status
from workbench.ingest_rules import default_rules
from workbench.store.memory import MemoryStore, NewUnit
from workbench.store.project import Project
from workbench.workflows.importing import import_file

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
TITLE = "Take part in and lead global AI governance (He Yin)"


def start(terminal: Terminal, folder: Path, size: tuple[int, int], *args: str) -> None:  # noqa: F811
    env = {
        "HOME": str(folder / "home"),
        "WORKBENCH_CACHE_DIR": str(folder / "cache"),
        "PATH": os.environ.get("PATH", ""),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(ROOT),
    }
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    command = " ".join(shlex.quote(arg) for arg in (sys.executable, "-m", "workbench", *args))
    status = shlex.quote(str(terminal.status))
    script = f"cd {shlex.quote(str(folder))} && env -i {exports} {command}; echo $? > {status}"
    width, height = size
    subprocess.run(
        [
            *("tmux", "new-session", "-d", "-s", terminal.name),
            *("-x", str(width), "-y", str(height), "sh", "-c", script),
        ],
        check=True,
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_match_confirm_and_note_keys_in_a_real_terminal(
    tmp_path: Path,
    terminal: Terminal,  # noqa: F811
    size: tuple[int, int],
) -> None:
    project_path = tmp_path / "project.sqlite"
    project = Project.open(project_path)
    import_file(project, SEED_000, default_rules())
    first = project.paragraphs()[0]
    MemoryStore(project).add_reference(
        "ref", [NewUnit(first.source, TITLE)], path="ref.tmx", sha256="0"
    )
    project.close()
    glossary = tmp_path / "glossary.tsv"
    shutil.copyfile(GLOSSARY, glossary)
    (tmp_path / "home").mkdir()
    start(terminal, tmp_path, size, "edit", "-p", str(project_path), "-g", str(glossary))
    terminal.wait_for("¶")
    terminal.keys("M-1")  # ESC 1: the editor opens on row 1 with memory match 1
    terminal.wait_for("Row 1 ·")
    terminal.wait_for(TITLE)
    terminal.keys(" 2025", literal=True)
    terminal.wait_for("2025” in the English")  # checked while typing: a number not in the Chinese
    terminal.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
    terminal.wait_for("no problems found")
    terminal.keys("C-j")  # confirm and go on
    terminal.wait_for("Row 2 ·")
    terminal.keys("M-n")
    terminal.wait_for("Note on row 2")
    terminal.keys("Check the figures", literal=True)
    terminal.keys("Enter")
    terminal.wait_for("Note: Check the figures")
    terminal.keys("C-q")
    assert terminal.exit_status() == 0
    project = Project.open(project_path)
    first, second = project.paragraphs()[:2]
    assert (first.target, first.status) == (TITLE, Status.APPROVED)
    assert (second.note, second.target) == ("Check the figures", None)
    project.close()
