"""A consistent copy of a project, taken with SQLite's backup API.

The copy sees every committed row, also those still in the write-ahead log of an editor
(or any program) that has the project open, which a plain file copy misses. It is written
to a temporary file beside the target, checked, synced and only then given its name, never
over the project itself or the files SQLite keeps beside it; a default name (with the time)
is never taken twice.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbench.core.errors import InputError, ProjectError, StorageFullError, os_error_message
from workbench.fsutil import fsync_dir
from workbench.store.connection import not_writable, read_only_connection, side_files
from workbench.store.errors import database_error
from workbench.store.identity import FileKind, check_file, uri
from workbench.store.limits import busy_timeout

BACKUP_SUFFIX = ".sqlite"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    documents: int
    paragraphs: int


def default_backup_name(project: Path, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{project.stem}-backup-{stamp}{BACKUP_SUFFIX}"


def backup_project(
    project: Path,
    target: Path | None = None,
    *,
    force: bool = False,
    when: datetime | None = None,
) -> BackupResult:
    """Copy the project at `project` to `target`: a file, a folder to put it in, or None
    for the project's folder. With a folder or None the file is named after the project and
    the time (`-2`, `-3`, ... when that name is taken); a named file that exists is replaced
    only with `force`. `when` is the time in the default name (default: now)."""
    found = check_file(project)
    if found.kind is not FileKind.PROJECT:
        raise ProjectError(f"no project at {project}; nothing to back up")
    if target is None or target.is_dir():
        folder = target if target is not None else project.parent
        first, named = folder / default_backup_name(project, when), False
    else:
        folder, first, named = target.parent, target, True
    _refuse_project_files(project, first)
    if named and first.exists() and not force:
        raise InputError(f"{first} exists; give another name, or --force to replace it")
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder for the backup")
    temporary = _temporary_file(folder, first.name, mode=stat.S_IMODE(project.stat().st_mode))
    try:
        _copy(project, temporary)
        documents, paragraphs = _verify(temporary)
        final = _install(temporary, first, replace=named and force, numbered=not named)
    finally:
        temporary.unlink(missing_ok=True)
    return BackupResult(final, final.stat().st_size, documents, paragraphs)


def _refuse_project_files(project: Path, target: Path) -> None:
    resolved = os.path.realpath(target)
    for path in (project, *side_files(project)):
        same = resolved == os.path.realpath(path)
        with contextlib.suppress(OSError):  # samefile: a hard link to the project too
            same = same or (target.exists() and path.exists() and target.samefile(path))
        if same:
            raise InputError(
                f"{target} is the project itself (or a file SQLite keeps beside it); "
                "give another name for the backup"
            )


def _temporary_file(folder: Path, name: str, *, mode: int) -> Path:
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write the backup: {os_error_message(exc)}") from exc
    os.close(fd)
    with contextlib.suppress(OSError):  # the project's permissions, not mkstemp's 0600
        os.chmod(temporary, mode)
    return Path(temporary)


def _source(project: Path) -> sqlite3.Connection:
    """A connection that reads the project with what its -wal holds and writes nothing of
    ours: read-write where the project is writable (so that, closing last, SQLite folds
    the log into the file as usual), read-only otherwise."""
    if not_writable(project):
        return read_only_connection(project)
    return sqlite3.connect(project, timeout=busy_timeout())


def _copy(project: Path, temporary: Path) -> None:
    try:
        source = _source(project)
    except sqlite3.Error as exc:
        raise database_error(exc, project) from exc
    try:
        target = sqlite3.connect(temporary, isolation_level=None)
        try:
            source.backup(target)  # one step: a consistent snapshot; writers are not blocked
            # The copy is one file on its own: no write-ahead log beside it.
            target.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            target.close()
    except sqlite3.Error as exc:
        text = str(exc).lower()
        if "full" in text:
            raise StorageFullError(
                f"{temporary.parent}: the disk is full; the backup was not written "
                "(free some space, or give a folder on another disk)"
            ) from exc
        if "malformed" in text or "not a database" in text:
            raise database_error(exc, project) from exc
        raise ProjectError(f"cannot back up {project} to {temporary.parent}: {exc}") from exc
    finally:
        source.close()
    try:
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())  # the name must not arrive before the content
    except OSError as exc:
        raise InputError(f"cannot write the backup: {os_error_message(exc)}") from exc


def _verify(copy: Path) -> tuple[int, int]:
    conn = sqlite3.connect(uri(copy, mode="ro"), uri=True)
    try:
        verdict = str(conn.execute("PRAGMA quick_check").fetchone()[0])
        documents = int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        paragraphs = int(conn.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0])
    except sqlite3.Error as exc:
        raise ProjectError(f"the backup copy does not read back ({exc}); nothing was kept") from exc
    finally:
        conn.close()
    if verdict != "ok":
        raise ProjectError(f"the backup copy failed its check ({verdict}); nothing was kept")
    return documents, paragraphs


def _install(temporary: Path, first: Path, *, replace: bool, numbered: bool) -> Path:
    """Give the checked copy its name: `first`, or with `numbered` the first of `first`,
    `first-2`, ... that nobody has taken. A hard link fails rather than replace a file, so
    two backups started in the same second never write over each other."""
    try:
        if replace:
            os.replace(temporary, first)
            fsync_dir(first.parent)
            return first
        for number in range(1, 10_000):
            candidate = first if number == 1 else _numbered(first, number)
            try:
                _link_new(temporary, candidate)
            except FileExistsError:
                if not numbered:
                    raise InputError(
                        f"{first} exists; give another name, or --force to replace it"
                    ) from None
                continue
            fsync_dir(candidate.parent)
            return candidate
    except OSError as exc:
        raise InputError(f"cannot write the backup: {os_error_message(exc)}") from exc
    raise InputError(f"too many backups named like {first} in {first.parent}")


def _link_new(temporary: Path, candidate: Path) -> None:
    """Put `temporary` at `candidate`, which must not exist (FileExistsError otherwise)."""
    try:
        os.link(temporary, candidate)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some network or FAT file systems): claim the name, then move.
        os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        os.replace(temporary, candidate)


def _numbered(path: Path, number: int) -> Path:
    return path.with_name(f"{path.stem}-{number}{path.suffix}")
