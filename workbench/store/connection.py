"""Opening a project file: refuse what is not one, then make SQLite durable and current.

The connection is shared by every thread of the application (the `Project` guards it with a
lock) and runs in autocommit mode: the `Project` opens its own transactions.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.core.errors import ProjectError
from workbench.store.migrations import LATEST_VERSION, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"


def open_connection(path: Path, *, create: bool, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the project at `path`, migrated to the latest schema; a new project
    file when there is none and `create`. ProjectError names the path when it cannot be.
    `read_only` writes nothing (the schema must already be current)."""
    if read_only:
        return _open_read_only(path)
    if path.is_dir():
        raise ProjectError(f"{path} is a folder; give the path of a project file")
    if path.exists():
        _check_is_sqlite(path)
    elif not create:
        raise ProjectError(
            f"no project at {path}; create one with `workbench import FILE --project {path}`"
        )
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        # FULL: a committed edit survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn, path=str(path))
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"cannot open project {path}: {exc}") from exc
    if mode.lower() != "wal":
        conn.close()
        raise ProjectError(f"cannot use write-ahead logging for {path} (got {mode})")
    return conn


def _open_read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise ProjectError(f"no project at {path}")
    _check_is_sqlite(path)
    uri = f"{path.resolve().as_uri().replace('file://', 'file:', 1)}"
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A WAL project in a folder we cannot write: SQLite cannot make the -shm file, so
        # read the main file as it is (saved rows in a left-over -wal are not seen).
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)
    conn.isolation_level = None
    conn.row_factory = sqlite3.Row
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version != LATEST_VERSION:
        conn.close()
        raise ProjectError(
            f"{path} has schema version {version} and this workbench uses {LATEST_VERSION}; "
            "it cannot be upgraded while it is read-only"
        )
    return conn


def _check_is_sqlite(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError(f"cannot read project {path}: {exc.strerror}") from exc
    if head and head != SQLITE_MAGIC:
        raise ProjectError(f"{path} is not a workbench project (not an SQLite file)")
