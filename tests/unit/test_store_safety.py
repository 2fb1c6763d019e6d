"""The store never breaks a file it does not own, never loses work and stays one file at
rest: other applications' and newer files are refused untouched, bulk writes commit in
chunks yet undo as one step, killed bulk writers leave nothing visible, a full database
keeps what it had, read-only projects read, and the log is folded in at close."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store_fixtures import (
    add_document,
    digest,
    immutable_file,
    main_file_rows,
    paragraph_texts,
    side_files,
)
from workbench.core.errors import (
    ProjectError,
    ProjectReadOnlyError,
    StorageFullError,
)
from workbench.store.limits import BulkLimits
from workbench.store.memory import MemoryStore, NewUnit
from workbench.store.migrations import APPLICATION_ID, LATEST_VERSION
from workbench.store.mt_cache import MtCache
from workbench.store.project import Project, TargetEdit


def _foreign(path: Path, *, wal: bool = False, application_id: int = 0) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    if application_id:
        conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes(body) VALUES ('keep me')")
    conn.close()


@pytest.mark.parametrize(
    ("wal", "application_id"),
    [(False, 0), (True, 0), (False, 0x1234), (True, 0x1234)],
    ids=["rollback", "wal", "other-id", "other-id-wal"],
)
def test_another_applications_file_is_refused_byte_for_byte(
    tmp_path: Path, wal: bool, application_id: int
) -> None:
    path = tmp_path / "other.db"
    _foreign(path, wal=wal, application_id=application_id)
    before = digest(path)
    for attempt in (
        lambda: Project.open(path),
        lambda: Project.open(path, create=False),
        lambda: Project.open(path, read_only=True),
    ):
        with pytest.raises(ProjectError, match="another application"):
            attempt()
        assert digest(path) == before
        assert side_files(path) == []


def test_a_newer_project_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.close()
    before = digest(path)
    with pytest.raises(ProjectError, match="newer"):
        Project.open(path)
    assert digest(path) == before
    assert side_files(path) == []


def test_new_and_empty_files_become_projects_with_our_application_id(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    for path in (tmp_path / "new.sqlite", empty):
        Project.open(path).close()
        header = path.read_bytes()[:100]
        assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
        assert side_files(path) == []  # one file at rest


def test_a_project_made_for_a_command_that_stores_nothing_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "new" / "place" / "p.sqlite"
    project = Project.open(path, remove_if_unused=True)
    assert project.created and path.exists()
    project.close()
    assert not path.exists() and not (tmp_path / "new").exists()
    assert side_files(path) == []

    kept = tmp_path / "kept.sqlite"
    with Project.open(kept, remove_if_unused=True) as project:
        add_document(project, paragraph_texts(2))
    assert kept.exists()
    # An existing project is never removed, empty or not.
    existing = tmp_path / "existing.sqlite"
    Project.open(existing).close()
    Project.open(existing, remove_if_unused=True).close()
    assert existing.exists()


def test_closing_folds_the_log_into_the_file_while_another_connection_reads(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.sqlite"
    project = Project.open(path)
    document_id = add_document(project, paragraph_texts(3))
    reader = sqlite3.connect(path)  # another program with the project open keeps the -wal
    reader.execute("SELECT COUNT(*) FROM paragraphs").fetchone()
    first = project.paragraphs(document_id)[0].id
    project.set_target(first, "Saved in the editor.")
    project.close()
    try:
        # What a plain copy of the project file holds: the saved row is in it.
        rows = main_file_rows(path, f"SELECT target FROM paragraphs WHERE id = {first}")
        assert rows == [("Saved in the editor.",)]
    finally:
        reader.close()


def _project(
    tmp_path: Path, count: int, *, rows: int, location: str | None = None
) -> tuple[Project, list[int]]:
    project = Project.open(location or tmp_path / "p.sqlite")
    project.bulk_limits = BulkLimits(seconds=60, rows=rows, pause=0)
    document_id = add_document(project, paragraph_texts(count))
    return project, [p.id for p in project.paragraphs(document_id)]


def _targets(project: Project) -> list[str | None]:
    return [p.target for p in project.paragraphs()]


def test_a_bulk_edit_in_many_transactions_undoes_and_redoes_as_one_step(tmp_path: Path) -> None:
    project, ids = _project(tmp_path, 60, rows=7)
    project.set_target(ids[0], "Earlier edit.")
    commits = []
    project._conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    edits = [TargetEdit(pid, f"English {n}.", expected=None) for n, pid in enumerate(ids)]
    result = project.set_targets(edits)
    project._conn.set_trace_callback(None)
    assert len(commits) >= 60 // 7  # written in chunks, not one transaction
    assert result.conflicts == (ids[0],)  # it held other English: left alone
    assert len(result.written) == 59
    assert _targets(project)[1:] == [f"English {n}." for n in range(1, 60)]

    undone = project.undo()  # one step takes back every chunk
    assert len(undone) == 59
    assert _targets(project) == ["Earlier edit.", *[None] * 59]
    assert len(project.redo()) == 59
    assert _targets(project)[1:] == [f"English {n}." for n in range(1, 60)]
    project.undo()
    project.undo()
    assert _targets(project) == [None] * 60
    project.close()


def test_history_upkeep_uses_indexes_not_scans(tmp_path: Path) -> None:
    project, _ = _project(tmp_path, 2, rows=100)
    plans = {
        sql: " ".join(str(row[3]) for row in project.query(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in (
            "DELETE FROM history WHERE undone = 1",
            "SELECT MAX(grp) FROM history WHERE undone = 0",
            "SELECT MIN(grp) FROM history WHERE undone = 1",
            "SELECT * FROM history WHERE paragraph_id = 1",
        )
    }
    project.close()
    for sql, plan in plans.items():
        assert "SCAN history" not in plan, (sql, plan)
        assert "INDEX" in plan, (sql, plan)


def test_a_killed_import_is_never_seen_and_the_next_import_removes_it(
    tmp_path: Path, project_location: str
) -> None:
    project, _ = _project(tmp_path, 3, rows=100, location=project_location)
    # What an import killed between chunks leaves: a document marked with its dead writer.
    dead = _dead_pid()
    with project.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO documents(name, path, sha256, encoding, format, warnings, imported_at,"
            " import_pid) VALUES ('half.txt', '/half.txt', 'h', 'utf-8', 'txt', '[]', ?, ?)",
            ("2026-01-01T00:00:00+00:00", dead),
        )
        conn.execute(
            "INSERT INTO paragraphs(document_id, position, line_no, kind, source, original,"
            " updated_at) VALUES (?, 0, 1, 'body', '半个文件。', '半个文件。', '')",
            (cursor.lastrowid,),
        )
    assert [d.name for d in project.documents()] == ["doc.txt"]
    assert "半个文件。" not in [p.source for p in project.paragraphs()]
    assert "半个文件。" not in [s.source for s in project.all_sentences()]

    add_document(project, ["新的段落。"], name="next.txt")
    left = project.query("SELECT COUNT(*) FROM documents WHERE import_pid IS NOT NULL")[0][0]
    assert left == 0
    assert not project.query("SELECT 1 FROM paragraphs WHERE source = '半个文件。'")
    project.close()


def test_a_large_document_is_written_in_chunks_and_shown_only_when_complete(
    tmp_path: Path,
) -> None:
    project, _ = _project(tmp_path, 1, rows=10)
    seen: list[tuple[int, int]] = []  # (documents shown, paragraphs stored) before each commit
    watcher = sqlite3.connect(tmp_path / "p.sqlite")

    def look(sql: str) -> None:
        if sql == "COMMIT":  # traced as it starts: the watcher sees the earlier commits
            shown = watcher.execute("SELECT COUNT(*) FROM documents WHERE import_pid IS NULL")
            stored = watcher.execute("SELECT COUNT(*) FROM paragraphs")
            seen.append((int(shown.fetchone()[0]), int(stored.fetchone()[0])))

    project._conn.set_trace_callback(look)
    add_document(project, paragraph_texts(100, tag="b"), name="big.txt")
    project._conn.set_trace_callback(None)
    watcher.close()
    assert {shown for shown, _ in seen} == {1}  # the new document was never shown half-written
    assert any(1 < stored < 101 for _, stored in seen)  # yet its paragraphs came in chunks
    assert len(project.documents()) == 2
    assert len(project.paragraphs()) == 101
    project.close()


def test_a_full_database_refuses_the_write_and_keeps_what_it_had(tmp_path: Path) -> None:
    project, ids = _project(tmp_path, 20, rows=5)
    project.set_target(ids[0], "Kept.")
    pages = int(project.query("PRAGMA page_count")[0][0])
    project._conn.execute(f"PRAGMA max_page_count = {pages}")  # the database is full
    with pytest.raises(StorageFullError, match="full"):
        add_document(project, paragraph_texts(400, tag="x"), name="more.txt")
    with pytest.raises(StorageFullError):
        project.set_targets(
            [TargetEdit(pid, "long English " * 300, expected=None) for pid in ids[1:]]
        )
    assert [d.name for d in project.documents()] == ["doc.txt"]
    assert _targets(project)[0] == "Kept."
    assert str(project.query("PRAGMA integrity_check")[0][0]) == "ok"
    project.close()


def test_a_reference_memory_is_loaded_in_chunks_and_replaced_whole(
    tmp_path: Path, project_location: str
) -> None:
    project, _ = _project(tmp_path, 1, rows=10, location=project_location)
    store = MemoryStore(project)
    units = [NewUnit(f"源{i}。", f"Source {i}.") for i in range(55)]
    store.add_reference("ref", units, path="/ref.tmx", sha256="a")
    assert store.memory("ref").units == 55
    store.add_reference("ref", units[:5], path="/ref2.tmx", sha256="b", replace=True)
    assert store.memory("ref").units == 5
    assert [m.name for m in store.memories()] == ["project", "ref"]
    hidden = project.query("SELECT COUNT(*) FROM memories WHERE import_pid IS NOT NULL")[0][0]
    assert hidden == 0
    assert store.remove_reference("ref") == 5
    assert project.query("SELECT COUNT(*) FROM memory_units")[0][0] == 0
    project.close()


def test_an_unwritable_project_opens_read_only_for_reading(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with Project.open(path) as project:
        document_id = add_document(project, paragraph_texts(3))
    before = digest(path)
    with immutable_file(path):
        project = Project.open(path)
        assert project.read_only and "read-only" in project.why_read_only
        assert len(project.paragraphs(document_id)) == 3
        assert MtCache(project).records([p.id for p in project.paragraphs()]) == {}
        assert MemoryStore(project).sync_project().added == 0
        with pytest.raises(ProjectReadOnlyError, match="read-only"):
            project.set_target(project.paragraphs()[0].id, "No.")
        project.close()
    assert digest(path) == before
    assert side_files(path) == []


def _dead_pid() -> int:
    """A process id no process has (the highest ones are free on a normal machine)."""
    for pid in range(4_194_000, 4_194_304):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            continue
    pytest.skip("no free process id found")


def test_a_killed_memory_load_is_never_seen_and_the_next_load_removes_it(
    tmp_path: Path, project_location: str
) -> None:
    project, _ = _project(tmp_path, 1, rows=10, location=project_location)
    with project.transaction() as conn:  # what a load killed between chunks leaves
        cursor = conn.execute(
            "INSERT INTO memories(name, kind, path, sha256, loaded_at, import_pid)"
            " VALUES (?, 'reference', '/x.tmx', 'x', ?, ?)",
            (" loading:1", "2026-01-01T00:00:00+00:00", _dead_pid()),
        )
        conn.execute(
            "INSERT INTO memory_units(memory_id, source, target, changed_at)"
            " VALUES (?, '半个记忆。', 'Half a memory.', '')",
            (cursor.lastrowid,),
        )
    store = MemoryStore(project)
    assert [m.name for m in store.memories()] == ["project"]
    assert store.units() == []
    store.add_reference("ref", [NewUnit("源。", "Source.")], path="/ref.tmx", sha256="r")
    assert [u.source for u in store.units()] == ["源。"]
    assert project.query("SELECT COUNT(*) FROM memories WHERE import_pid IS NOT NULL")[0][0] == 0
    project.close()


def test_a_new_project_still_held_by_its_writer_opens_read_only(tmp_path: Path) -> None:
    """Everything of a new project may still be in its -wal (the writer has not closed, so
    nothing was checkpointed): another program reading it (`workbench status`, the glossary
    a command chooses) must see it, not take the file for an empty one."""
    path = tmp_path / "new.sqlite"
    with Project.open(path) as writer:
        writer.set_setting("glossary.revision", "1")
        assert Path(f"{path}-wal").stat().st_size > 0
        with Project.open(path, create=False, read_only=True) as reader:
            assert reader.get_setting("glossary.revision") == "1"
        shown = subprocess.run(
            [sys.executable, "-m", "workbench", "glossary", "where", "--project", str(path)],
            capture_output=True, text=True, timeout=60, check=False,
            env={**os.environ, "HOME": str(tmp_path / "home")},
        )  # fmt: skip
        assert shown.returncode == 0, shown.stderr
        assert "the project's glossary (in the database)" in shown.stdout
