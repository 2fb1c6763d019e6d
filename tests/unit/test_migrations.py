"""Every old schema version migrates to the latest with its data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.store.identity import FileKind, check_file
from workbench.store.migrations import (
    APPLICATION_ID,
    LATEST_VERSION,
    MIGRATIONS,
    current_version,
    migrate,
)
from workbench.store.project import Project


@pytest.mark.parametrize("start", [0, *[m.version for m in MIGRATIONS]])
def test_migrates_from_every_version(tmp_path: Path, start: int) -> None:
    path = tmp_path / f"v{start}.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=start)
    assert current_version(conn) == start
    if start >= 1:
        conn.execute(
            "INSERT INTO documents(name, path, sha256, encoding, format, imported_at)"
            " VALUES ('a.txt', '/a.txt', 'h', 'utf-8', 'txt', '2024-01-01')"
        )
        conn.execute(
            "INSERT INTO paragraphs(document_id, position, line_no, kind, source, original,"
            " target, status, updated_at) VALUES (1, 0, 1, 'body', '数字鸿沟', '数字鸿沟',"
            " 'digital divide', 'edited', '2024-01-01')"
        )
        # An edit made before the upgrade, to be undone after it.
        conn.execute(
            "INSERT INTO history(grp, paragraph_id, action, before, after, at) VALUES"
            """ (1, 1, 'target', '{"target": null}', '{"target": "digital divide"}', '')"""
        )
    conn.close()

    project = Project.open(path)
    assert current_version(project._conn) == LATEST_VERSION
    if start >= 1:
        [paragraph] = project.paragraphs()
        assert paragraph.target == "digital divide"
        [document] = project.documents()  # an old document counts as complete
        assert document.name == "a.txt"
        [undone] = project.undo()
        assert undone.target is None
    project.close()
    # Migrated or new, the file says it is a workbench project.
    header = path.read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID
    assert int.from_bytes(header[60:64], "big") == LATEST_VERSION


@pytest.mark.parametrize("start", [m.version for m in MIGRATIONS[:-1]])
def test_an_old_project_without_our_application_id_is_recognised_by_its_tables(
    tmp_path: Path, start: int
) -> None:
    path = tmp_path / f"v{start}.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, target=start)
    conn.close()
    assert check_file(path).kind is FileKind.PROJECT
    Project.open(path).close()
    assert check_file(path).version == LATEST_VERSION


def test_the_latest_schema_has_the_indexes_bulk_writes_rely_on(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.sqlite") as project:
        indexes = {str(r["name"]) for r in project.query("SELECT name FROM sqlite_master")}
        columns = {str(r["name"]) for r in project.query("PRAGMA table_info(documents)")}
        memory_columns = {str(r["name"]) for r in project.query("PRAGMA table_info(memories)")}
    assert {"history_by_state", "history_by_paragraph"} <= indexes
    assert "import_pid" in columns and "import_pid" in memory_columns


def test_versions_are_consecutive() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.store import migrations

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("disk full")

    extra = migrations.Migration(LATEST_VERSION + 1, "broken", broken)
    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, extra))
    monkeypatch.setattr(migrations, "LATEST_VERSION", LATEST_VERSION + 1)
    conn = sqlite3.connect(tmp_path / "p.sqlite", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(conn, target=LATEST_VERSION + 1)
    assert current_version(conn) == LATEST_VERSION
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchall()
