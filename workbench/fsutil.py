"""Atomic file writes: a reader never sees a half-written file under the final name.

The temporary file sits beside the target as `.NAME.PID.XXXXXXXX.tmp` (PID: the writing
process), so that one left behind by a killed process can be told from one being written:
`remove_stale_temporaries` deletes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_writer(
    path: Path, *, mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO[str]]:
    """Yield a file in the target's folder; on success fsync and rename it over `path`.

    On any exception the temporary file is removed and the previous file, if any, is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); give it the mode a plain open() would.
    os.chmod(tmp, _mode_for(path))
    try:
        with os.fdopen(
            fd,
            mode,
            encoding=None if "b" in mode else encoding,
            newline="" if "b" not in mode else None,
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def temporary_prefix(path: Path) -> str:
    """How the temporary files of an atomic write to `path` begin."""
    return f".{Path(path).name}.{os.getpid()}."


# mkstemp's random part: 8 characters of [a-z0-9_].
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.tmp$")


def temporary_target(name: str) -> tuple[str, int] | None:
    """The target file name and writer pid of a temporary file name, or None."""
    match = _TEMPORARY.match(name)
    return (match["name"], int(match["pid"])) if match else None


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files in `folder` left by atomic writes whose process died
    (kill -9, power loss); returns them. Files of live processes are left alone."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        found = temporary_target(name)
        if found is None or _process_alive(found[1]):
            continue
        try:
            (Path(folder) / name).unlink()
        except OSError:  # gone meanwhile, or not ours to delete: the export goes on
            continue
        removed.append(Path(folder) / name)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    except OverflowError:
        return False
    return True


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777  # keep the mode of the file being replaced
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_writer(path, mode="wb") as handle:
        handle.write(data)  # type: ignore[arg-type]


def atomic_write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    with atomic_writer(path, mode="w", encoding=encoding) as handle:
        handle.write(text)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not supported everywhere (e.g. some network mounts).
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
