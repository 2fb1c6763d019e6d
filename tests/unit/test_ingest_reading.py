"""Reading source files: only regular files, never a blocking open, the size limit checked on
what is read, non-UTF-8 names, and system errors as one line while the other files go in."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.core.errors import InputError
from workbench.core.sizes import format_size, parse_size
from workbench.store.project import Project
from workbench.workflows.importing import MAX_BYTES, read_source

REPO = Path(__file__).resolve().parents[2]
ARTICLE = (
    "全球人工智能治理倡议发布\n\n"
    "国家主席习近平在会上指出，人工智能是人类发展的新领域，各方应当秉持共商共建共享理念。\n"
)


def _article(path: Path) -> Path:
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _workbench(
    *args: str, cwd: Path, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(HOME=str(cwd), PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run(
        [*prefix, sys.executable, "-m", "workbench", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard, not a measurement
    )


# ---------------------------------------------------------------- read_source


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"x" * 1024)
    assert read_source(path, max_bytes=1024) == b"x" * 1024
    with pytest.raises(InputError) as refused:
        read_source(path, max_bytes=1023)
    assert str(refused.value) == (
        f"{path} is larger than the 1023 bytes limit; use --max-size to raise it"
    )


def test_the_default_limit_is_named_plainly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: nothing is written, nothing needs to be read
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match=r"huge\.txt is larger than the 50 MB limit; use --max"):
        read_source(path)


def test_the_limit_holds_on_what_is_read_not_on_the_size_claimed(tmp_path: Path) -> None:
    # /proc files claim a size of 0 and still have content: the read itself is bounded.
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs a Linux /proc file that claims size 0")
    link = tmp_path / "status.txt"
    link.symlink_to(status)
    assert read_source(link).startswith(b"Name:")
    with pytest.raises(InputError, match="larger than the 16 bytes limit"):
        read_source(link, max_bytes=16)


def test_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = _article(tmp_path / "target.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_source(link) == target.read_bytes()


@pytest.mark.parametrize(("target", "what"), [("/dev/null", "a character device")])
def test_symlink_to_a_device_is_refused(tmp_path: Path, target: str, what: str) -> None:
    link = tmp_path / "device.txt"
    link.symlink_to(target)
    with pytest.raises(InputError) as refused:
        read_source(link)
    assert str(refused.value) == (
        f"{link} is a symbolic link to {target}, {what}; only regular files can be imported"
    )


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(InputError, match=r"s\.txt is a socket; only regular files"):
            read_source(path)
    finally:
        server.close()


def test_fifo_is_refused_even_with_a_writer_waiting(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    writer = os.open(path, os.O_RDWR | os.O_NONBLOCK)  # a reader would block on it forever
    lock = threading.Lock()
    open_writer = [writer]

    def release() -> None:  # a hang guard: a blocking read gets its end of file
        with lock:
            while open_writer:
                os.close(open_writer.pop())

    guard = threading.Timer(30, release)
    guard.start()
    try:
        with pytest.raises(InputError, match=r"pipe\.txt is a named pipe \(FIFO\)"):
            read_source(path)
    finally:
        guard.cancel()
        release()


def test_missing_file_and_dangling_link(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: no such file$"):
        read_source(tmp_path / "missing.txt")
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="a symbolic link to a missing file"):
        read_source(link)


# ---------------------------------------------------------------- sizes


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("200M", 200 << 20),
        ("200m", 200 << 20),
        ("200MB", 200 << 20),
        ("200 MiB", 200 << 20),
        ("1.5G", 3 << 29),
        ("512K", 512 << 10),
        ("52428800", 50 << 20),
        ("100b", 100),
    ],
)
def test_sizes_are_parsed_in_binary_units(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "-5M", "0", "5X", "5 M B", "1e9"])
def test_bad_sizes_are_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_size(text)


@pytest.mark.parametrize(
    ("size", "text"),
    [(50 << 20, "50 MB"), (3 << 29, "1.5 GB"), (1536, "1.5 KB"), (900, "900 bytes")],
)
def test_sizes_are_formatted(size: int, text: str) -> None:
    assert format_size(size) == text


# ---------------------------------------------------------------- through the CLI


def test_max_size_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _article(tmp_path / "a.txt")
    refused = CliRunner().invoke(cli, ["import", "--max-size", "64", "a.txt"])
    assert refused.exit_code == 1
    assert "a.txt is larger than the 64 bytes limit; use --max-size to raise it" in refused.output
    bad = CliRunner().invoke(cli, ["import", "--max-size", "lots", "a.txt"])
    assert bad.exit_code == 2 and "'lots' is not a size" in bad.output
    assert CliRunner().invoke(cli, ["import", "--max-size", "1K", "a.txt"]).exit_code == 0


def test_gbk_file_name_is_stored_and_shown_escaped(tmp_path: Path) -> None:
    name = "中文.txt".encode("gbk")
    (tmp_path / os.fsdecode(name)).write_text(ARTICLE, encoding="utf-8")
    done = _workbench("import", os.fsdecode(name), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\\xd6\\xd0\\xce\\xc4.txt: imported as document 1" in done.stdout
    with Project.open(tmp_path / "workbench.sqlite") as project:
        [document] = project.documents()
    assert document.name == "\\xd6\\xd0\\xce\\xc4.txt"
    assert document.path.endswith("\\xd6\\xd0\\xce\\xc4.txt")


def _without_file_permission_override() -> tuple[str, ...]:
    """A prefix that makes root obey file permissions (it drops CAP_DAC_OVERRIDE)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: root reads every file regardless")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


def test_unreadable_file_is_one_line_and_the_others_go_in(tmp_path: Path) -> None:
    prefix = _without_file_permission_override()
    _article(tmp_path / "secret.txt").chmod(0)
    (tmp_path / "good.txt").write_text(ARTICLE.replace("习近平", "主席"), encoding="utf-8")
    done = _workbench("import", "secret.txt", "good.txt", cwd=tmp_path, prefix=prefix)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [
        "not imported: secret.txt: Permission denied "
        "(check the permissions of the file and its folder)"
    ]
    assert "good.txt: imported as document 1" in done.stdout


def test_file_in_an_unreadable_folder_is_not_called_missing(tmp_path: Path) -> None:
    prefix = _without_file_permission_override()
    locked = tmp_path / "locked"
    locked.mkdir()
    _article(locked / "a.txt")
    locked.chmod(0)
    try:
        done = _workbench("import", "locked/a.txt", cwd=tmp_path, prefix=prefix)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 1
    assert "Permission denied" in done.stderr and "no such file" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_disk_full_while_importing_is_one_line(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        (disk / "filler").write_bytes(b"\0" * 56 * 1024)
        seed = REPO / "seeds" / "000_9819b9711a7bf496.txt"
        done = _workbench("import", str(seed), "--project", "disk/p.sqlite", cwd=tmp_path)
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    # The wording is the store's (full, or an I/O error when the journal cannot be written).
    assert len(lines) == 1 and "p.sqlite" in lines[0], done.stderr
    assert "Traceback" not in done.stdout + done.stderr
