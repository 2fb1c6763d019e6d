"""Where exports may be written: never over the project, the glossary or an input.

Every command that writes a file the user asked for (export, memory export, glossary export)
goes through here before writing:

- `output_path` turns the `--output` text into a path (an empty one is refused);
- `protected_files` lists what must never be overwritten: the project file and its SQLite
  companions (-wal, -shm, -journal), the glossary in use, the files the project's documents
  and reference memories came from;
- `check_output` refuses an output that is one of them (compared by resolved path and by
  device and inode, so `./`, `..`, symbolic and hard links do not get through), a folder,
  a device or pipe, or a path in a folder that does not exist;
- `unique_path` gives default names that never collide (a counter after the time stamp);
- `writing` removes temporary files left by a killed export and turns a failed write into
  one line naming the output (disk full, permissions, read-only file system).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench import paths
from workbench.core.errors import (
    InputError,
    StorageFullError,
    WorkbenchError,
    os_error_message,
)
from workbench.fsutil import remove_stale_temporaries_in, temporary_target
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.memory import MemoryStore
from workbench.store.project import Project

SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


class OutputError(WorkbenchError):
    """An output file cannot or must not be written; nothing was written."""


@dataclass(frozen=True)
class Protected:
    """A file an output must not replace, and what it is (for the message)."""

    path: Path
    what: str


def output_path(given: str | Path | None) -> Path | None:
    """The `--output` value as a path; None when not given. An empty value is an error."""
    if given is None:
        return None
    text = os.fspath(given)
    if not text.strip():
        raise InputError("the output path is empty; give a file name (or leave --output out)")
    if text.endswith(("/", os.sep)):
        raise InputError(f"{text}: names a folder; give a file name")
    return Path(text).expanduser()


def protected_files(
    project: Project | None,
    glossary: Path | ProjectGlossary | None = None,
    *,
    extra: Iterable[Protected] = (),
) -> list[Protected]:
    """What an output of this project must never overwrite (a glossary kept in a server
    project's database is no file here)."""
    found: list[Protected] = list(extra)
    if isinstance(glossary, Path):
        found.append(Protected(Path(glossary), "the glossary in use"))
    if project is not None:
        if isinstance(project.path, Path):  # a server project has no file here
            found.extend(project_files(project.path))
        for document in project.documents():
            if document.path:
                found.append(
                    Protected(Path(document.path), f"the file document {document.name!r} came from")
                )
        for memory in MemoryStore(project).memories():
            if memory.path:
                found.append(
                    Protected(Path(memory.path), f"the file memory {memory.name!r} was loaded from")
                )
    return found


def project_files(path: Path) -> list[Protected]:
    """A project file and its SQLite companions, for commands that do not open it."""
    base = Path(path)
    return [
        Protected(base, "the project file"),
        *(
            Protected(base.with_name(base.name + suffix), "a file of the project database")
            for suffix in SQLITE_COMPANIONS
        ),
    ]


def check_output(
    path: Path, protected: Iterable[Protected], *, create_folder: bool = False
) -> None:
    """Refuse an output that would replace a protected file or cannot be a file.

    `create_folder` is for the default exports/ folder; a folder the user named must exist
    (a typo should not scatter files).
    """
    path = Path(path)
    reason = paths.read_only_reason(path)
    if reason is not None:
        raise OutputError(
            f"{path}: this is {reason}; choose another output file (nothing was written)"
        )
    for item in protected:
        if same_file(path, item.path):
            also = f" ({item.path})" if str(item.path) != str(path) else ""
            raise OutputError(
                f"{path}: this is {item.what}{also}; choose another output file "
                "(nothing was written)"
            )
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"cannot write {os_error_message(exc)}") from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a folder; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(f"{path}: is not a regular file (a device or a pipe); choose a file")
    folder = path.parent  # a file in its place was reported by stat (ENOTDIR) above
    if not folder.is_dir() and not create_folder:
        raise OutputError(
            f"{path}: the folder {folder} does not exist; create it first or choose another path"
        )


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file: resolved paths, else device and inode."""
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
    except (OSError, RuntimeError):  # a symbolic link loop: compare by inode below
        pass
    try:
        first, second = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def unique_path(path: Path) -> Path:
    """`path`, or `stem-2.ext`, `stem-3.ext`, … : the first taken neither by a file nor by
    an export still being written (its temporary file)."""
    path = Path(path)
    busy = _being_written(path.parent)
    candidate, number = path, 1
    while candidate.exists() or candidate.is_symlink() or candidate.name in busy:
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _being_written(folder: Path) -> set[str]:
    try:
        names = os.listdir(folder)
    except OSError:
        return set()
    return {found[0] for name in names if (found := temporary_target(name)) is not None}


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Around the write of an output: clean up temporaries that killed exports left in its
    folder, and report a failed write as one line naming the output."""
    path = Path(path)
    if path.parent.is_dir():
        remove_stale_temporaries_in(path.parent)
    try:
        yield
    except OSError as exc:
        detail = OSError(exc.errno, exc.strerror or str(exc), str(path))
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageFullError(f"{os_error_message(detail)}; nothing was written") from exc
        raise OutputError(f"cannot write {os_error_message(detail)}; nothing was written") from exc
