from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workbench.fsutil import atomic_write_text, atomic_writer


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
