"""SQLite's errors in the words of the workbench: which file, what happened, what to do.

Every path out of the store goes through `database_error`, so the CLI prints one line and
the editor shows one notification, whatever SQLite said.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.core.errors import (
    ProjectBusyError,
    ProjectError,
    ProjectReadOnlyError,
    StorageFullError,
    WorkbenchError,
)
from workbench.store.limits import busy_timeout


def database_error(exc: sqlite3.Error, path: Path | str | object) -> WorkbenchError:
    """The user-facing error for a failed SQLite operation on the project at `path` (or a
    server's, `ServerError`, on a PostgreSQL project: `str(path)` never shows a password)."""
    sqlstate = getattr(exc, "sqlstate", None)
    if sqlstate is not None:
        return _server_error(exc, sqlstate, path)
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        waited = f"{busy_timeout():g} s"
        return ProjectBusyError(
            f"{path}: another workbench is writing to the project (waited {waited}); "
            "try again when it has finished"
        )
    if "readonly" in text or "read-only" in text:
        return ProjectReadOnlyError(
            f"{path}: the project is read-only (check the permissions of the file and its "
            "folder); nothing was written"
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StorageFullError(
            f"{path}: the disk is full (or the project reached its size limit); free some "
            "space and try again (the last change was not saved)"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return ProjectError(damaged_message(str(path), str(exc)))
    if "unable to open" in text:
        return ProjectError(f"{path}: cannot open the project file ({exc})")
    return ProjectError(f"{path}: database error: {exc}")


def damaged_message(path: Path | str, detail: str) -> str:
    """What to do with a damaged project file: one line."""
    return (
        f"{path}: the project file is damaged ({detail}); go back to your last backup "
        f"(made by `workbench backup`), or recover what it holds with "
        f"`sqlite3 {path} .recover | sqlite3 recovered.sqlite`"
    )


def _server_error(exc: sqlite3.Error, sqlstate: str, path: object) -> WorkbenchError:
    """A PostgreSQL server's error by its SQLSTATE (see the PostgreSQL manual, appendix A)."""
    if sqlstate in ("55P03", "40P01", "40001"):  # lock timeout, deadlock, serialization
        waited = f"{busy_timeout():g} s"
        return ProjectBusyError(
            f"{path}: another workbench is writing to the project (waited {waited}); "
            "try again when it has finished"
        )
    if sqlstate == "25006" or sqlstate == "42501":  # read-only transaction, no privilege
        return ProjectReadOnlyError(
            f"{path}: the server does not let this user write to the project ({exc}); "
            "nothing was written"
        )
    if sqlstate in ("53100", "53200"):  # disk full, out of memory
        return StorageFullError(
            f"{path}: the server is out of space ({exc}); the last change was not saved"
        )
    if sqlstate.startswith("08") or sqlstate.startswith("57P"):
        return ProjectError(
            f"{path}: lost the connection to the PostgreSQL server ({exc}); the last change "
            "was not saved: try again when the server is back"
        )
    return ProjectError(f"{path}: database error: {exc}")
