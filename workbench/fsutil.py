"""Atomic file writes: a reader never sees a half-written file under the final name."""

from __future__ import annotations

import contextlib
import os
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
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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
