"""The editor in a real terminal: `workbench edit` under tmux, keys sent as a terminal sends
them (a burst with no pause), the project checked afterwards through the store."""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.tui_fixtures import GLOSSARY, ROOT, SEED_004
from workbench.store.project import Project
from workbench.workflows import drafts

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
WAIT = 60.0  # seconds; a loaded machine starts Python and Textual slowly


@dataclass
class Terminal:
    """A tmux session running one command in a 120x40 terminal."""

    name: str
    status: Path  # the command's exit status is written here when it ends

    def keys(self, *keys: str, literal: bool = False) -> None:
        command = ["tmux", "send-keys", "-t", self.name]
        subprocess.run([*command, *(["-l"] if literal else []), *keys], check=True)

    def paste(self, text: str, folder: Path) -> None:
        """Paste as a terminal does when the application asked for bracketed paste."""
        source = folder / "paste.txt"
        source.write_text(text, encoding="utf-8")
        buffer = f"{self.name}-paste"
        subprocess.run(["tmux", "load-buffer", "-b", buffer, str(source)], check=True)
        subprocess.run(
            ["tmux", "paste-buffer", "-p", "-d", "-b", buffer, "-t", self.name], check=True
        )

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the screen:\n{self.screen()}")

    def exit_status(self) -> int:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(0.1)
        raise AssertionError(f"the editor did not end:\n{self.screen()}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    name = f"workbench-test-{uuid.uuid4().hex[:8]}"
    session = Terminal(name, tmp_path / "status")
    yield session
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def start(terminal: Terminal, folder: Path, *args: str) -> None:
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
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            terminal.name,
            "-x",
            "120",
            "-y",
            "40",
            "sh",
            "-c",
            script,
        ],
        check=True,
    )


def test_esc_and_a_burst_after_tab_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    project_path = tmp_path / "project.sqlite"
    glossary = tmp_path / "glossary.tsv"
    shutil.copyfile(GLOSSARY, glossary)
    (tmp_path / "home").mkdir()
    start(
        terminal,
        tmp_path,
        "edit",
        str(SEED_004),
        "--project",
        str(project_path),
        "--glossary",
        str(glossary),
    )
    terminal.wait_for("¶ 1/10")
    # Row 1: type a translation, then esc: kept as the row's draft, not saved.
    terminal.keys("Enter")
    terminal.wait_for("Row 1 ·")
    terminal.keys("Esc typed, then put aside", literal=True)
    terminal.wait_for("Esc typed, then put aside")
    terminal.keys("Escape")
    terminal.wait_for("Draft, not saved")
    # Row 8, then a burst with no pause: text, tab, text.
    terminal.keys("g")
    terminal.wait_for("Go to row")
    terminal.keys("8", "Enter")
    terminal.wait_for("¶ 8/10")
    terminal.keys("Enter")
    terminal.wait_for("Row 8 ·")
    terminal.keys("Row eight.", literal=True)
    terminal.keys("Tab")
    terminal.keys("Row nine.", literal=True)
    terminal.wait_for("Row 9 ·")
    terminal.keys("C-s")
    terminal.wait_for("¶ 9/10")
    # Quitting with the draft of row 1 unsaved asks; k keeps it for next time.
    terminal.keys("C-q")
    terminal.wait_for("text that is not saved")
    terminal.keys("k")
    assert terminal.exit_status() == 0

    with Project.open(project_path) as project:
        rows = project.paragraphs(project.resolve_document(SEED_004.name).id)
        assert [row.target for row in rows[7:9]] == ["Row eight.", "Row nine."]
        assert rows[0].target is None
        ended = drafts.open_window()  # a new window takes over what the editor kept
        try:
            kept = drafts.take_over_ended(project, ended)
        finally:
            drafts.close_window(ended)
        assert [(d.paragraph_id, d.text) for d in kept] == [
            (rows[0].id, "Esc typed, then put aside")
        ]


def test_a_paste_with_terminal_colours_arrives_whole_and_in_order(
    tmp_path: Path, terminal: Terminal
) -> None:
    project_path = tmp_path / "project.sqlite"
    glossary = tmp_path / "glossary.tsv"
    shutil.copyfile(GLOSSARY, glossary)
    (tmp_path / "home").mkdir()
    start(terminal, tmp_path, "edit", str(SEED_004), "-p", str(project_path), "-g", str(glossary))
    terminal.wait_for("¶ 1/10")
    terminal.keys("Enter")
    terminal.wait_for("Row 1 ·")
    terminal.keys("Before, ", literal=True)
    # Copied from a console: colours, a window title, a character-set choice.
    terminal.paste("pasted \x1b[1;31mred\x1b[0m text\x1b]0;标题\x07 and\x1b(B\x1b[m more", tmp_path)
    terminal.wait_for("Removed 5 characters")  # one per code
    terminal.keys(" after.", literal=True)
    terminal.keys("C-s")
    terminal.wait_for("✎ 1 edited")
    terminal.keys("C-q")
    assert terminal.exit_status() == 0
    with Project.open(project_path) as project:
        first = project.paragraphs(project.resolve_document(SEED_004.name).id)[0]
    assert first.target == "Before, pasted red text and more after."


def test_a_project_on_a_read_only_disk_opens_read_only(tmp_path: Path, terminal: Terminal) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    (tmp_path / "home").mkdir()
    with Project.open(tmp_path / "source.sqlite") as source:
        from workbench.ingest_rules import default_rules
        from workbench.workflows.importing import import_file

        import_file(source, SEED_004, default_rules())
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount a read-only file system here (needs root): {exc}")
    try:
        with Project.open(tmp_path / "source.sqlite") as source:
            source.query("VACUUM INTO ?", (str(disk / "project.sqlite"),))
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        before = hashlib.sha256((disk / "project.sqlite").read_bytes()).hexdigest()
        glossary = tmp_path / "glossary.tsv"
        shutil.copyfile(GLOSSARY, glossary)
        start(
            terminal,
            tmp_path,
            "edit",
            "--project",
            str(disk / "project.sqlite"),
            "--glossary",
            str(glossary),
        )
        screen = terminal.wait_for("Read-only:")
        assert "cannot be written" in " ".join(screen.split())  # the banner wraps
        terminal.keys("Enter")
        terminal.wait_for("Cannot edit a row")
        terminal.keys("C-q")
        assert terminal.exit_status() == 0
        assert hashlib.sha256((disk / "project.sqlite").read_bytes()).hexdigest() == before
        assert sorted(p.name for p in disk.iterdir()) == ["project.sqlite"]
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
