from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core.errors import FileBusyError, FileProtectedError, InputError
from workbench.fsutil import (
    atomic_write_text,
    atomic_writer,
    lock_timeout,
    remove_stale_temporaries,
    write_lock,
)


def test_new_file_gets_umask_mode_and_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    old = os.umask(0o022)
    try:
        atomic_write_text(path, "a")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o640)
    atomic_write_text(path, "b")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.read_text() == "b"


def test_failure_keeps_old_content_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    atomic_write_text(path, "old")
    with pytest.raises(RuntimeError), atomic_writer(path) as handle:
        handle.write("new, half")
        raise RuntimeError
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


# -- protected targets ------------------------------------------------------------------------


def test_a_file_without_write_bits_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("keep")
    path.chmod(0o444)
    with pytest.raises(
        FileProtectedError, match=r"out\.txt is write-protected \(mode -r--r--r--\)"
    ):
        atomic_write_text(path, "replaced")
    assert path.read_text() == "keep"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    path.chmod(0o200)  # write-only is still writable: only the write bits decide
    atomic_write_text(path, "replaced")
    path.chmod(0o644)
    assert path.read_text() == "replaced"


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "out.txt"
    path.write_text("keep")
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a file immutable here: {made.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_an_immutable_file_is_refused_before_anything_is_written(immutable: Path) -> None:
    with pytest.raises(FileProtectedError, match=r"is immutable \(chattr \+i\)"):
        atomic_write_text(immutable, "replaced")
    assert immutable.read_text() == "keep"
    assert sorted(p.name for p in immutable.parent.iterdir()) == ["out.txt"]


def test_a_fifo_or_a_folder_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="pipe is not a regular file"):
        atomic_write_text(fifo, "x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(InputError, match="folder is a folder"):
        atomic_write_text(folder, "x")
    assert folder.is_dir()


# -- stale temporary files --------------------------------------------------------------------


def _gone_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporaries_go_and_a_live_writers_stay(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    hour_ago = time.time() - 3600
    live, dead = os.getpid(), _gone_pid()
    names = {
        f".out.txt.{dead}.abcdefgh.tmp": False,  # writer gone
        f".out.txt.{live}.abcdefgh.tmp": True,  # live writer, recent
        f".out.txt.{live}.ijklmnop.tmp": False,  # live pid but an hour old (pid reused)
        ".out.txt.qrstuvwx.tmp": True,  # old naming, recent
        ".out.txt.yz012345.tmp": False,  # old naming, an hour old
        f".out.txt.more.{dead}.abcdefgh.tmp": True,  # out.txt.more's, not ours
        f".out.txt.x.{dead}.abcdefgh.tmp": True,  # neither
        "out.txt.tmp": True,
    }
    old = {f".out.txt.{live}.ijklmnop.tmp", ".out.txt.yz012345.tmp"}
    for name in names:
        (tmp_path / name).write_text("half")
        if name in old:
            os.utime(tmp_path / name, (hour_ago, hour_ago))
    atomic_write_text(path, "new")
    kept = {name for name, stays in names.items() if stays}
    assert {p.name for p in tmp_path.iterdir()} == kept | {"out.txt"}
    assert path.read_text() == "new"


def test_temporary_names_carry_the_writers_pid(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    with atomic_writer(path) as handle:
        handle.write("x")
        (temporary,) = [p.name for p in tmp_path.iterdir()]
    assert temporary.startswith(f".out.txt.{os.getpid()}.") and temporary.endswith(".tmp")
    assert remove_stale_temporaries(path) == []


# -- write lock -------------------------------------------------------------------------------


def test_a_second_writer_waits_then_gives_up_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    with write_lock(path) as locked:
        assert locked
        with (
            pytest.raises(FileBusyError, match=r"terms\.tsv: another program .* 0\.2 s"),
            write_lock(path, timeout=0.2),
        ):
            pass
    with write_lock(path, timeout=0) as again:  # released: free at once
        assert again
    assert (tmp_path / ".terms.tsv.lock").is_file()


def test_the_lock_is_released_when_the_block_fails(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    with pytest.raises(RuntimeError), write_lock(path):
        raise RuntimeError
    with write_lock(path, timeout=0) as locked:
        assert locked


def test_without_file_locks_the_write_goes_ahead_unlocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with write_lock(tmp_path / "terms.tsv") as locked:
        assert not locked


@pytest.mark.parametrize(("value", "seconds"), [("", 10.0), ("2.5", 2.5), ("0", 0.0)])
def test_lock_timeout_from_the_environment(
    value: str, seconds: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_LOCK_TIMEOUT", value)
    assert lock_timeout() == seconds


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_bad_lock_timeout_is_named(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_LOCK_TIMEOUT", value)
    with pytest.raises(InputError, match=f"WORKBENCH_LOCK_TIMEOUT='{value}'"):
        lock_timeout()
