"""Opening a project file: refuse what is not one, then make SQLite durable and current.

Nothing is written before the file is known to be a workbench project of a schema this
workbench understands (`workbench.store.identity`): another application's SQLite file and
a newer project are refused byte for byte intact. A file or folder that cannot be written
opens read-only. The connection is shared by every thread of the application (the
`Project` guards it with a lock) and runs in autocommit mode: the `Project` opens its own
transactions.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import ProjectError, ProjectReadOnlyError, WorkbenchError
from workbench.store.errors import database_error
from workbench.store.identity import FileCheck, FileKind, check_file, uri, verify_open
from workbench.store.limits import busy_timeout
from workbench.store.migrations import LATEST_VERSION, migrate

SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class OpenedFile:
    """A connection to a project and how it was opened."""

    conn: sqlite3.Connection
    read_only: bool
    created: bool = False  # this call made the file (and `folders`)
    folders: tuple[Path, ...] = ()  # folders made for it, deepest first
    why_read_only: str = ""  # why it was opened read-only by itself ("" when asked for)


def side_files(path: Path) -> list[Path]:
    """The -wal, -shm and -journal files SQLite keeps beside `path`."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILES]


def open_connection(path: Path, *, create: bool, read_only: bool = False) -> OpenedFile:
    """A connection to the project at `path`, migrated to the latest schema; a new project
    file when there is none and `create`. WorkbenchError names the path when it cannot be.
    `read_only` writes nothing (the schema must already be current); a file or folder that
    cannot be written is opened so too."""
    found = check_file(path)
    if found.kind is FileKind.ABSENT:
        if not create or read_only:
            raise ProjectError(
                f"no project at {path}; create one with `workbench import FILE --project {path}`"
            )
        return _create(path)
    if read_only:
        return _open_read_only(path, found, "")
    why = not_writable(path)
    if why:
        return _open_read_only(path, found, why)
    return OpenedFile(_open_read_write(path), read_only=False)


def not_writable(path: Path) -> str:
    """Why the project at `path` cannot be written, or "" (SQLite also needs its folder,
    for the -wal and -shm files)."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "it is on a read-only file system, so it cannot be written"
    except OSError:
        pass  # no answer: the permission checks below still tell
    if not os.access(path, os.W_OK):
        return "the file is read-only (its permissions or flags)"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return ""


def _create(path: Path) -> OpenedFile:
    folders = _make_folders(path.parent)
    try:
        # O_EXCL: of two workbenches creating the same project, one makes it.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except FileExistsError:
        return open_connection(path, create=False)
    except OSError as exc:
        _remove_created(path, folders)
        if not os.access(path.parent, os.W_OK):
            raise ProjectReadOnlyError(
                f"cannot create the project {path}: its folder is read-only; "
                "choose a writable folder with --project"
            ) from exc
        raise ProjectError(f"cannot create the project {path}: {exc.strerror}") from exc
    try:
        conn = _open_read_write(path)
    except BaseException:
        _remove_created(path, folders)
        raise
    return OpenedFile(conn, read_only=False, created=True, folders=folders)


def _make_folders(folder: Path) -> tuple[Path, ...]:
    missing: list[Path] = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    try:
        for made in reversed(missing):
            made.mkdir()
    except OSError as exc:
        raise ProjectError(f"cannot create the folder {made}: {exc.strerror}") from exc
    return tuple(missing)


def _remove_created(path: Path, folders: tuple[Path, ...]) -> None:
    """Undo `_create`: the file, what SQLite made beside it, the folders made for it."""
    for leftover in (*side_files(path), path):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    for folder in folders:
        with contextlib.suppress(OSError):  # not empty: something else lives there now
            folder.rmdir()


def _connect(target: str | Path, *, is_uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target,
        isolation_level=None,
        check_same_thread=False,
        timeout=busy_timeout(),
        uri=is_uri,
    )
    conn.row_factory = sqlite3.Row
    return conn


def _open_read_write(path: Path) -> sqlite3.Connection:
    try:
        conn = _connect(path)
    except sqlite3.Error as exc:
        raise database_error(exc, path) from exc
    try:
        verify_open(conn, path)  # reads only: refuse before the first write
        conn.execute("PRAGMA foreign_keys = ON")
        mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        if mode.lower() != "wal":
            raise ProjectError(f"cannot use write-ahead logging for {path} (got {mode})")
        # FULL: a committed edit survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn, path=str(path))
    except WorkbenchError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise database_error(exc, path) from exc
    return conn


def _open_read_only(path: Path, found: FileCheck, why: str) -> OpenedFile:
    empty = ProjectError(f"{path} is empty, not a project yet ({why or 'opened read-only'})")
    wal = path.with_name(path.name + "-wal")
    if found.kind is FileKind.EMPTY and not (wal.is_file() and wal.stat().st_size):
        raise empty
    # A new project whose writer is still open may hold everything in its -wal (nothing
    # checkpointed into the file yet): read through SQLite, which sees the -wal.
    try:
        conn = read_only_connection(path)
        version = verify_open(conn, path)
    except sqlite3.Error as exc:
        raise database_error(exc, path) from exc
    if version == 0:
        conn.close()
        raise empty
    if version != LATEST_VERSION:
        conn.close()
        raise ProjectReadOnlyError(
            f"{path} has schema version {version} and this workbench uses {LATEST_VERSION}; "
            f"it cannot be upgraded while it is read-only ({why or 'opened read-only'})"
        )
    return OpenedFile(conn, read_only=True, why_read_only=why)


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that can only read `path`, seeing what a -wal beside it holds where
    SQLite can, and creating no -wal or -shm where none is."""
    if not any(side.exists() for side in side_files(path)):
        # No writer has the file open (it would have a -wal), so the file holds every saved
        # row: read it as it is, creating no -wal or -shm beside it.
        return _connect(uri(path, immutable="1"), is_uri=True)
    conn = _connect(uri(path, mode="ro"), is_uri=True)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        # A -wal left in a folder we cannot write: SQLite cannot make the -shm file, so read
        # the main file as it is (the rows in that -wal are not seen).
        return _connect(uri(path, immutable="1"), is_uri=True)
