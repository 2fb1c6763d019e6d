"""Helpers for the store-safety tests: projects of many paragraphs made through the store,
SQLite files read without touching them, and places that cannot be written.

The session runs as root, for which file permissions do not count: an unwritable place is
a read-only tmpfs mount (made and removed here), or failing that an immutable file
(`chattr +i`); a test skips, saying why, only when neither can be made.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core.segments import CleanDocument, CleanParagraph, DocumentMetadata, ParagraphKind
from workbench.store.project import Project

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "glossary" / "governance.tsv"


def paragraph_texts(count: int, *, tag: str = "") -> list[str]:
    return [f"第{i}条{tag}，人工智能全球治理需要各国共同努力。" for i in range(count)]


def add_document(project: Project, texts: list[str], *, name: str = "doc.txt") -> int:
    """A document of one-sentence paragraphs; its id."""
    paragraphs = tuple(
        CleanParagraph(text=t, kind=ParagraphKind.BODY, line_no=i + 1, original=t)
        for i, t in enumerate(texts)
    )
    clean = CleanDocument(title=None, metadata=DocumentMetadata(), paragraphs=paragraphs)
    document = project.add_document(
        clean,
        name=name,
        path=f"/{name}",
        sha256=hashlib.sha256("\n".join(texts).encode()).hexdigest(),
        encoding="utf-8",
        fmt="txt",
        sentences=[[t] for t in texts],
    )
    return document.id


def make_project(path: Path, count: int, *, name: str = "doc.txt") -> None:
    with Project.open(path) as project:
        add_document(project, paragraph_texts(count), name=name)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[Path]:
    """The -wal, -shm and -journal files that exist beside `path`."""
    candidates = (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))
    return [p for p in candidates if p.exists()]


def main_file_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows as the main file alone holds them (what a plain copy of it would hold): read
    through an immutable connection, which ignores the -wal and writes nothing."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        ARGOS_PACKAGES_DIR=str(home / "packages"),
        WORKBENCH_GLOSSARY=str(GLOSSARY),
        PYTHONIOENCODING="utf-8",
        NO_COLOR="1",
    )
    env.update(extra)
    return env


def workbench(
    *args: str, cwd: Path, home: Path, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run `python -m workbench ARGS` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=cwd,
        env=cli_env(home, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (asserting it is one, with no traceback)."""
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


def _run(*command: str) -> bool:
    return subprocess.run(command, capture_output=True).returncode == 0


@contextlib.contextmanager
def mounted_tmpfs(folder: Path, *, size: str = "4m") -> Iterator[Path]:
    """A fresh tmpfs at `folder` (root only), unmounted afterwards; skips if none can be."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _run(
        "mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)
    ):
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def read_only_copy(project: Path, folder: Path) -> Iterator[Path]:
    """A copy of `project` in a place nobody (root included) can write: a tmpfs remounted
    read-only, else a folder and file made immutable with chattr."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0 and _run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)):
        try:
            shutil.copy(project, folder / project.name)
            if not _run("mount", "-o", "remount,ro", str(folder)):
                pytest.skip("cannot remount the tmpfs read-only here")
            yield folder / project.name
        finally:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        return
    copy = folder / project.name
    shutil.copy(project, copy)
    if not (_run("chattr", "+i", str(copy)) and _run("chattr", "+i", str(folder))):
        subprocess.run(["chattr", "-i", str(copy)], capture_output=True)
        pytest.skip("neither a read-only mount nor chattr +i is possible here")
    try:
        yield copy
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        subprocess.run(["chattr", "-i", str(copy)], capture_output=True)


@contextlib.contextmanager
def immutable_file(path: Path) -> Iterator[Path]:
    """`path` made immutable (chattr +i) while inside; skips where chattr cannot."""
    if not _run("chattr", "+i", str(path)):
        pytest.skip("chattr +i is not possible here")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
