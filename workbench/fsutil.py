"""Writing the files a user keeps: atomically, never over a protected file, one writer at a
time where a read-modify-write needs it.

Atomic: the content goes to a temporary file in the target's folder, is fsynced and renamed
over the target, so a reader (or a crash) sees the old file or the new one, never half.

Protected: a rename replaces a file whatever that file's own mode, and root ignores modes
altogether. So before writing, the target's mode bits and attributes decide (not
`os.access` alone, which says yes to root): a file without any write bit (`chmod 444`), an
immutable or append-only one (`chattr +i` / `+a`), one this user may not write, one on a
read-only mount, or something that is not a regular file (a device, a FIFO) is refused
with one line naming it, and left as it is.

Stale temporaries: temporary files are named `.NAME.PID.XXXXXXXX.tmp`. A writer killed
between creating and renaming one leaves it behind; the next write of NAME removes those
whose writer process is gone or that are older than `STALE_AFTER` seconds. Another live
writer's file (its process exists, the file is recent) is never touched. Process ids are
those of this machine: a folder shared with another machine's live writer may lose that
writer's temporary file, which makes that write fail with a message (its target is intact).

Write lock: `write_lock(path)` holds an exclusive `flock` on `.NAME.lock` beside the file
for a read-modify-write (read the file, change it, write it back), so that two writers
cannot both start from the same content and lose one's change. Waiting is bounded
(`WORKBENCH_LOCK_TIMEOUT` seconds, default 10); past it `FileBusyError` says so. The lock
file stays (removing it would let a third writer lock a new file while the second still
holds the old one); it is empty. On a file system without locks (some network and FUSE
mounts answer flock with ENOLCK or EOPNOTSUPP), or where the lock file cannot be opened,
the write goes ahead unlocked: still atomic, but two writers at the same instant can lose
one's change there, as with any program without locks.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import random
import re
import stat
import struct
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from workbench.core.errors import FileBusyError, FileProtectedError, InputError

STALE_AFTER = 300.0  # seconds: no workbench write keeps a temporary file open this long
LOCK_TIMEOUT_ENV = "WORKBENCH_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0  # seconds; a 20,000-term import holds the lock about a second

_TEMP_SUFFIX = ".tmp"
# .NAME.PID.XXXXXXXX.tmp: PID (absent in files from before it was added) and mkstemp's part.
_TEMPORARY = re.compile(r"\.(?P<name>.+?)\.(?:(?P<pid>\d{1,10})\.)?[a-z0-9_]{8}\.tmp")
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}

# Linux inode attributes (chattr): FS_IOC_GETFLAGS, FS_IMMUTABLE_FL, FS_APPEND_FL.
_FS_IOC_GETFLAGS = 0x80086601
_IMMUTABLE = 0x10
_APPEND_ONLY = 0x20


# -- atomic writes --------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_writer(
    path: Path, *, mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO[str]]:
    """Yield a file in the target's folder; on success fsync and rename it over `path`.

    A protected target raises FileProtectedError before anything is written. On any
    exception the temporary file is removed and the previous file, if any, is untouched.
    """
    path = Path(path)
    refuse_protected(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=temporary_prefix(path), suffix=_TEMP_SUFFIX, dir=path.parent
        )
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
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
        try:
            os.replace(tmp, path)
        except PermissionError:
            refuse_protected(path)  # made protected while we wrote: say so
            raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


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


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries (a rename, new files) durable; not possible everywhere (e.g.
    some network mounts refuse it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# -- protected files ------------------------------------------------------------------------


def refuse_protected(path: Path) -> None:
    """Raise FileProtectedError (or InputError for a device or FIFO) if the existing file at
    `path` must not be replaced. A missing file is fine; other stat failures are left to
    the write itself, which names them."""
    try:
        status = os.stat(path)
    except OSError:
        return
    shown = stat.filemode(status.st_mode)
    if stat.S_ISDIR(status.st_mode):
        raise InputError(f"{path} is a folder; nothing was written. Give the path of a file")
    if not stat.S_ISREG(status.st_mode):
        raise InputError(
            f"{path} is not a regular file ({shown}); nothing was written. "
            "Give the path of a file to write"
        )
    keep = "it was left as it is and nothing was written"
    if not status.st_mode & 0o222:
        raise FileProtectedError(
            f"{path} is write-protected (mode {shown}); {keep}. "
            "Make it writable (chmod u+w) or write to another file"
        )
    flags = _inode_flags(path)
    if flags & (_IMMUTABLE | _APPEND_ONLY):
        kind = "immutable (chattr +i)" if flags & _IMMUTABLE else "append-only (chattr +a)"
        raise FileProtectedError(
            f"{path} is {kind}; {keep}. Remove the attribute or write to another file"
        )
    if _on_read_only_mount(path):
        raise FileProtectedError(
            f"{path} is on a read-only file system; {keep}. Choose a writable folder"
        )
    if os.geteuid() != 0 and not _writable_by_me(path):
        raise FileProtectedError(
            f"{path} is not writable for this user (mode {shown}, owner {_owner(status)}); "
            f"{keep}. Ask its owner, or write to another file"
        )


def _inode_flags(path: Path) -> int:
    if not sys.platform.startswith("linux"):
        return 0
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return 0  # cannot look: the write will say what is wrong
    try:
        raw = fcntl.ioctl(fd, _FS_IOC_GETFLAGS, struct.pack("i", 0))
        return int(struct.unpack("i", raw)[0])
    except OSError:
        return 0  # a file system without inode attributes
    finally:
        os.close(fd)


def _on_read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _writable_by_me(path: Path) -> bool:
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)


def _owner(status: os.stat_result) -> str:
    import pwd  # POSIX only, like the rest of this module

    try:
        return pwd.getpwuid(status.st_uid).pw_name
    except KeyError:
        return f"uid {status.st_uid}"


# -- stale temporary files ------------------------------------------------------------------


def temporary_prefix(path: Path) -> str:
    """How this process's temporary files for an atomic write to `path` begin."""
    return f".{Path(path).name}.{os.getpid()}."


def temporary_target(name: str) -> tuple[str, int | None] | None:
    """The target file name and writer pid (None for files from before pids were in the
    name) of an atomic write's temporary file name; None for any other name."""
    match = _TEMPORARY.fullmatch(name)
    if match is None:
        return None
    return match["name"], int(match["pid"]) if match["pid"] else None


def remove_stale_temporaries(path: Path, *, now: float | None = None) -> list[Path]:
    """Remove the temporary files a killed writer of `path` left behind; return them.

    Stale: the writer process named in the file name is gone, or the file is older than
    STALE_AFTER. A file that cannot be removed is left (this is tidying, never a reason to
    refuse the write)."""
    path = Path(path)
    return _remove_stale(path.parent, lambda target: target == path.name, now)


def remove_stale_temporaries_in(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove every stale temporary file in `folder`, whatever its target (an export that
    was killed before its rename, under a name no later export will use)."""
    return _remove_stale(Path(folder), lambda _target: True, now)


def _remove_stale(folder: Path, wanted: Callable[[str], bool], now: float | None) -> list[Path]:
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = temporary_target(entry.name)
        if found is None or not wanted(found[0]):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(status.st_mode):
            continue
        writer = found[1]
        old = now - status.st_mtime > STALE_AFTER
        if old or (writer is not None and not _process_exists(writer)):
            try:
                os.unlink(entry.path)
            except OSError:
                continue  # gone already (another writer tidied first) or not ours to remove
            removed.append(Path(entry.path))
    return removed


def _process_exists(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process id we write: leave the file to the age rule
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or a number we cannot ask about
    return True


# -- write lock -----------------------------------------------------------------------------


def lock_path_for(path: Path) -> Path:
    """The lock file beside `path`: `.NAME.lock`."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def lock_timeout() -> float:
    """Seconds to wait for a write lock: $WORKBENCH_LOCK_TIMEOUT, else the default."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also NaN
        raise InputError(
            f"{LOCK_TIMEOUT_ENV}={raw!r} is not a number of seconds; unset it or fix it"
        )
    return value


@contextlib.contextmanager
def write_lock(path: Path, *, timeout: float | None = None) -> Iterator[bool]:
    """Hold the exclusive write lock of `path` while the block runs.

    Yields True when locked, False when the file system offers no lock (the caller goes
    ahead unlocked). Raises FileBusyError when another writer holds it longer than
    `timeout` seconds (default: `lock_timeout()`)."""
    path = Path(path)
    wait = lock_timeout() if timeout is None else timeout
    lock_file = lock_path_for(path)
    fd = _open_lock_file(lock_file)
    if fd is None:
        yield False
        return
    try:
        locked = _acquire(fd, path, lock_file, wait)
        try:
            yield locked
        finally:
            if locked:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open_lock_file(lock_file: Path) -> int | None:
    with contextlib.suppress(OSError):  # the folder is created by the write if need be
        lock_file.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        return os.open(lock_file, flags | os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        pass
    try:  # another user's lock file: flock works on a descriptor opened for reading
        return os.open(lock_file, flags | os.O_RDONLY)
    except OSError:
        return None  # cannot lock here; the write itself reports what stops it, if anything


def _acquire(fd: int, path: Path, lock_file: Path, wait: float) -> bool:
    deadline = time.monotonic() + wait
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        except OSError as exc:
            if exc.errno in _NO_LOCKS:
                return False
            raise
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FileBusyError(
                f"{path}: another program has been writing it for more than {wait:g} s "
                f"(lock {lock_file.name}); nothing was written. Try again when it is done"
            )
        time.sleep(min(remaining, delay * random.uniform(0.5, 1.5)))
        delay = min(delay * 2, 0.1)
