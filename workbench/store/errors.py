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


def database_error(exc: sqlite3.Error, path: Path | str) -> WorkbenchError:
    """The user-facing error for a failed SQLite operation on the project at `path`."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return ProjectBusyError(
            f"{path}: another workbench is writing to the project; "
            "try again when it has finished (nothing was written)"
        )
    if "readonly" in text or "read-only" in text:
        return ProjectReadOnlyError(
            f"{path}: the project is read-only (check the permissions of the file and its "
            "folder); nothing was written"
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StorageFullError(
            f"{path}: the disk is full; free some space and try again (nothing was written)"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return ProjectError(
            f"{path}: the project file is damaged ({exc}); restore your last backup "
            f"(`workbench backup`) or try `sqlite3 {path} .recover`"
        )
    if "unable to open" in text:
        return ProjectError(f"{path}: cannot open the project file ({exc})")
    return ProjectError(f"{path}: database error: {exc}")
