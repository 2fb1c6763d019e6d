"""Every old schema version migrates to the latest with its data intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.store.migrations import LATEST_VERSION, MIGRATIONS, current_version, migrate
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
    conn.close()

    project = Project.open(path)
    assert current_version(project._conn) == LATEST_VERSION
    if start >= 1:
        [paragraph] = project.paragraphs()
        assert paragraph.target == "digital divide"
    project.close()


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
