"""The store through the real command line, in real processes on real files: another
writer holding the lock, a bulk import other writers can get between, a kill -9 in the
middle of an import, a read-only project, a full disk, backups while the project is open
with rows still in its write-ahead log, and one file at rest after a command."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.store_fixtures import (
    cli_env,
    digest,
    main_file_rows,
    make_project,
    mounted_tmpfs,
    one_error_line,
    paragraph_texts,
    read_only_copy,
    side_files,
    workbench,
)
from workbench.core.segments import Level, Status, TranslationUnit, unit_key
from workbench.formats import tabular, tmx
from workbench.store.project import Project

BUSY = "another workbench is writing"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def _pairs_file(path: Path, project: Path, *, suffix: str = "English") -> int:
    """A TSV of every paragraph of the project with English; the number of pairs."""
    with Project.open(project) as opened:
        [document] = opened.documents()
        units = [
            TranslationUnit(
                key=unit_key(document.name, number),
                source=p.source,
                target=f"{suffix} {number}.",
                document=document.name,
                document_id=document.id,
                paragraph=number,
                status=Status.EDITED,
            )
            for number, p in enumerate(opened.paragraphs(document.id), start=1)
        ]
    tabular.write_tsv(path, units)
    return len(units)


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path, timeout=30)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


class WriteLock:
    """Another program's write transaction on the project (BEGIN IMMEDIATE)."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.close()


@pytest.fixture
def write_lock() -> Iterator[list[WriteLock]]:
    held: list[WriteLock] = []
    yield held
    for lock in held:
        lock.release()


def test_writing_commands_wait_for_another_writer_then_say_so_in_one_line(
    tmp_path: Path, home: Path, write_lock: list[WriteLock]
) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project, 5)
    _pairs_file(tmp_path / "pairs.tsv", project)
    (tmp_path / "new.txt").write_text("新的文件，人工智能全球治理。\n", encoding="utf-8")
    units = [TranslationUnit(key="r#1", source="数字鸿沟", target="digital divide")]
    tmx.write(tmp_path / "ref.tmx", units, level=Level.PARAGRAPH)
    write_lock.append(WriteLock(project))
    quick = {"WORKBENCH_BUSY_TIMEOUT": "0.3"}
    for args in (
        ["import", "new.txt"],
        ["import-translations", "pairs.tsv"],
        ["memory", "import", "ref.tmx"],
    ):
        done = workbench(*args, "-p", str(project), cwd=tmp_path, home=home, **quick)
        line = one_error_line(done)
        assert BUSY in line and str(project) in line, line
    # Reading goes on meanwhile, and so does a backup.
    assert workbench("status", "-p", str(project), cwd=tmp_path, home=home, **quick).returncode == 0
    backup = workbench("backup", "b.sqlite", "-p", str(project), cwd=tmp_path, home=home, **quick)
    assert backup.returncode == 0, backup.stderr
    write_lock.pop().release()
    with Project.open(project) as opened:
        assert [d.name for d in opened.documents()] == ["doc.txt"]
        assert all(p.target is None for p in opened.paragraphs())
        assert [p.position for p in opened.paragraphs()] == list(range(5))


@pytest.mark.slow
def test_import_translations_lets_other_writers_in_and_undoes_in_one_step(
    tmp_path: Path, home: Path, write_lock: list[WriteLock]
) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project, 1500)
    total = _pairs_file(tmp_path / "pairs.tsv", project)
    env = cli_env(home, WORKBENCH_BULK_ROWS="100", WORKBENCH_BUSY_TIMEOUT="60")
    command = [sys.executable, "-m", "workbench", "import-translations", "pairs.tsv"]
    process = subprocess.Popen(
        [*command, "-p", str(project)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    translated = "SELECT COUNT(*) FROM paragraphs WHERE target IS NOT NULL"
    try:
        deadline = time.monotonic() + 120
        while _count(project, translated) == 0:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "nothing was written within 120 s"
            time.sleep(0.01)
        # Another writer gets the lock while the import is under way ...
        lock = WriteLock(project)
        write_lock.append(lock)
        written = int(lock.conn.execute(translated).fetchone()[0])
        assert 0 < written < total  # ... between two of its chunks
        write_lock.pop().release()
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert f"{total} applied" in out
    assert _count(project, translated) == total

    undo = workbench("undo", "-p", str(project), cwd=tmp_path, home=home)
    assert undo.returncode == 0, undo.stderr
    assert f"{total:,} paragraphs in this step" in undo.stdout
    assert _count(project, translated) == 0  # one undo took back every chunk
    nothing = workbench("undo", "-p", str(project), cwd=tmp_path, home=home)
    assert "nothing to undo" in one_error_line(nothing)
    redo = workbench("redo", "-p", str(project), cwd=tmp_path, home=home)
    assert redo.returncode == 0, redo.stderr
    assert _count(project, translated) == total


def _large_source(path: Path, paragraphs: int) -> None:
    path.write_text("\n\n".join(paragraph_texts(paragraphs, tag="大")), encoding="utf-8")


@pytest.mark.slow
def test_kill_9_during_the_import_of_a_large_file_leaves_no_half_document(
    tmp_path: Path, home: Path, write_lock: list[WriteLock]
) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project, 2, name="first.txt")
    _large_source(tmp_path / "large.txt", 2000)
    env = cli_env(home, WORKBENCH_BULK_ROWS="100", WORKBENCH_BUSY_TIMEOUT="60")
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "import", "large.txt", "-p", str(project)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stored = "SELECT COUNT(*) FROM paragraphs"
    try:
        deadline = time.monotonic() + 120
        while _count(project, stored) <= 2:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the import wrote nothing within 120 s"
            time.sleep(0.01)
        write_lock.append(WriteLock(project))  # hold it between two chunks ...
        half = int(write_lock[0].conn.execute(stored).fetchone()[0])
        process.send_signal(signal.SIGKILL)  # ... and kill it there
        process.wait(timeout=30)
        write_lock.pop().release()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert 2 < half < 2002  # it had written part of the document

    assert (
        _count(project, "SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'")
        == 1
    )
    status = workbench("status", "-p", str(project), cwd=tmp_path, home=home)
    assert status.returncode == 0, status.stderr
    assert "first.txt" in status.stdout and "large.txt" not in status.stdout
    with Project.open(project, read_only=True) as opened:
        assert [d.name for d in opened.documents()] == ["first.txt"]
        assert len(opened.paragraphs()) == 2

    again = workbench("import", "large.txt", "-p", str(project), cwd=tmp_path, home=home)
    assert again.returncode == 0, again.stderr
    assert "2,000 paragraphs kept" in again.stdout
    assert _count(project, stored) == 2002  # nothing of the killed run is left
    assert _count(project, "SELECT COUNT(*) FROM documents WHERE import_pid IS NOT NULL") == 0


def test_a_read_only_project_reads_and_refuses_writes_in_one_line(
    tmp_path: Path, home: Path
) -> None:
    source = tmp_path / "p.sqlite"
    make_project(source, 4)
    _pairs_file(tmp_path / "pairs.tsv", source)
    with read_only_copy(source, tmp_path / "ro") as project:
        before = digest(project)
        status = workbench("status", "-p", str(project), cwd=tmp_path, home=home)
        assert status.returncode == 0 and "doc.txt" in status.stdout, status.stderr
        export = workbench(
            "export", "--format", "tsv", "--include-empty", "-o", str(tmp_path / "out.tsv"),
            "-p", str(project), cwd=tmp_path, home=home,
        )  # fmt: skip
        assert export.returncode == 0, export.stderr
        assert len(tabular.read_tsv(tmp_path / "out.tsv")) == 4
        check = workbench("check", "-p", str(project), cwd=tmp_path, home=home)
        assert "read-only" not in check.stderr and "Traceback" not in check.stderr
        backup = workbench("backup", str(tmp_path), "-p", str(project), cwd=tmp_path, home=home)
        assert backup.returncode == 0, backup.stderr
        for args in (["import-translations", "pairs.tsv"], ["undo"], ["translate"]):
            line = one_error_line(workbench(*args, "-p", str(project), cwd=tmp_path, home=home))
            assert "read-only" in line and str(project) in line, (args, line)
        assert digest(project) == before
        assert side_files(project) == []


def test_a_full_disk_is_one_line_and_the_project_keeps_what_it_had(
    tmp_path: Path, home: Path
) -> None:
    with mounted_tmpfs(tmp_path / "small", size="1m") as disk:
        project = disk / "p.sqlite"
        make_project(project, 3, name="first.txt")
        _large_source(tmp_path / "large.txt", 6000)  # several MB of rows: more than fits
        done = workbench("import", "large.txt", "-p", str(project), cwd=tmp_path, home=home)
        line = one_error_line(done)
        assert "full" in line and str(project) in line, line
        with Project.open(project, read_only=True) as opened:
            assert [d.name for d in opened.documents()] == ["first.txt"]
            assert len(opened.paragraphs()) == 3
            assert str(opened.query("PRAGMA integrity_check")[0][0]) == "ok"


def test_backup_holds_rows_still_in_the_log_of_a_program_that_has_the_project_open(
    tmp_path: Path, home: Path
) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project, 3)
    editor = sqlite3.connect(project, isolation_level=None)  # the editor, say, mid-session
    try:
        editor.execute("PRAGMA wal_autocheckpoint = 0")
        editor.execute("UPDATE paragraphs SET target = 'Saved, only in the log.' WHERE id = 2")
        saved = "SELECT target FROM paragraphs WHERE id = 2"
        assert main_file_rows(project, saved) == [(None,)]  # a plain copy would miss it
        first = workbench("backup", "-p", str(project), cwd=tmp_path, home=home)
        second = workbench("backup", "-p", str(project), cwd=tmp_path, home=home)
        for done in (first, second):
            assert done.returncode == 0, done.stderr
        over = workbench("backup", "p.sqlite-wal", "-p", str(project), cwd=tmp_path, home=home)
        assert "project itself" in one_error_line(over)
    finally:
        editor.close()
    backups = sorted(tmp_path.glob("p-backup-*.sqlite"))
    assert len(backups) == 2  # each backup gets its own name
    for backup in backups:
        assert side_files(backup) == []
        assert main_file_rows(backup, saved) == [("Saved, only in the log.",)]
        assert main_file_rows(backup, "PRAGMA integrity_check") == [("ok",)]
        with Project.open(backup, read_only=True) as opened:
            assert len(opened.paragraphs()) == 3


def test_a_command_leaves_the_project_one_file_even_while_another_program_reads_it(
    tmp_path: Path, home: Path
) -> None:
    project = tmp_path / "p.sqlite"
    make_project(project, 3)
    reader = sqlite3.connect(project)  # keeps the -wal in place after the command ends
    try:
        reader.execute("SELECT COUNT(*) FROM paragraphs").fetchone()
        moved = workbench("move", "3", "--to", "1", "-p", str(project), cwd=tmp_path, home=home)
        assert moved.returncode == 0, moved.stderr
        # What the file alone holds (a plain copy of it) has the change.
        assert main_file_rows(project, "SELECT position FROM paragraphs WHERE id = 3") == [(0,)]
    finally:
        reader.close()
    assert side_files(project) == []
