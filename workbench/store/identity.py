"""Is this file a workbench project? Decided without writing a byte to it.

A project is refused before any write or journal-mode switch when it belongs to another
application or to a newer workbench. The answer comes from the 100-byte SQLite header
(read as plain bytes) and, when the header alone cannot tell, from the schema read through
an `immutable` connection, which takes no lock and creates no -wal, -shm or -journal file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from workbench.core.errors import ProjectError
from workbench.store.errors import damaged_message, database_error
from workbench.store.migrations import APPLICATION_ID, LATEST_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# The tables of schema version 1: a file without our application id (made before version
# 4 set it) is a project only if it has every one of them.
PROJECT_TABLES = frozenset({"meta", "documents", "paragraphs", "sentences", "history"})


class FileKind(Enum):
    ABSENT = "absent"
    EMPTY = "empty"  # no byte, or an SQLite file with no schema: fit to become a project
    PROJECT = "project"


@dataclass(frozen=True)
class FileCheck:
    kind: FileKind
    version: int = 0  # the schema version (PRAGMA user_version) of a project


def check_file(path: Path) -> FileCheck:
    """What `path` holds. ProjectError (naming the file, saying what to do) when it is not a
    workbench project or one this workbench cannot use; the file is left untouched."""
    if not path.exists():
        return FileCheck(FileKind.ABSENT)
    if path.is_dir():
        raise ProjectError(f"{path} is a folder; give the path of a project file")
    if not path.is_file():  # a pipe or a device: reading it could block or never end
        raise ProjectError(f"{path} is not a regular file; give the path of a project file")
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except OSError as exc:
        raise ProjectError(f"cannot read project {path}: {exc.strerror}") from exc
    if not header:
        return FileCheck(FileKind.EMPTY)
    if not header.startswith(SQLITE_MAGIC):
        raise ProjectError(f"{path} is not a workbench project (not an SQLite file)")
    if len(header) < HEADER_SIZE:
        raise ProjectError(damaged_message(path, "the file is truncated"))
    application_id = int.from_bytes(header[68:72], "big")
    if application_id not in (0, APPLICATION_ID):
        raise _foreign(path)
    tables, version = _peek(path)
    if application_id == 0 and not tables:
        if version:
            raise _foreign(path)
        return FileCheck(FileKind.EMPTY)
    if application_id == 0 and not tables >= PROJECT_TABLES:
        raise _foreign(path)
    refuse_newer(path, version)
    return FileCheck(FileKind.PROJECT, version=version)


def refuse_newer(path: Path, version: int) -> None:
    if version > LATEST_VERSION:
        raise ProjectError(
            f"{path} has schema version {version}, newer than this workbench understands "
            f"({LATEST_VERSION}); upgrade workbench to open it (the file was not changed)"
        )


def verify_open(conn: sqlite3.Connection, path: Path) -> int:
    """Check again through the connection that will write, which also sees what a -wal file
    holds; the schema version. Reads only."""
    application_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = {
        str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if application_id not in (0, APPLICATION_ID):
        raise _foreign(path)
    if application_id == 0 and (version or tables) and not tables >= PROJECT_TABLES:
        raise _foreign(path)
    refuse_newer(path, version)
    return version


def uri(path: Path, **params: str) -> str:
    """An SQLite URI for `path` (any characters in the name) with query parameters."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path.resolve().as_uri()}?{query}" if query else path.resolve().as_uri()


def _peek(path: Path) -> tuple[set[str], int]:
    try:
        conn = sqlite3.connect(uri(path, immutable="1"), uri=True)
    except sqlite3.Error as exc:
        raise database_error(exc, path) from exc
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as exc:
        raise database_error(exc, path) from exc
    finally:
        conn.close()
    return {str(row[0]) for row in rows}, version


def _foreign(path: Path) -> ProjectError:
    return ProjectError(
        f"{path} is an SQLite file of another application, not a workbench project; it was "
        "not changed. Give another file with --project"
    )
