"""Running `python -m workbench` as an unprivileged user, for permission cases.

The tests run as root (CI too), and root ignores file modes; `nobody` does not. The virtualenv's
interpreter may sit where `nobody` cannot reach it (e.g. under /root/.pyenv), so another
Python of the same version is tried, with the checkout and the virtualenv's packages on its
path. When nothing works the test skips and says why.
"""

from __future__ import annotations

import functools
import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
USER = "nobody"


@functools.cache
def _launcher() -> tuple[list[str], dict[str, str]] | str:
    """(argv prefix, extra environment) running Python as `nobody`, or why there is none."""
    if os.geteuid() != 0:
        return [sys.executable], {}  # already unprivileged: run as we are
    if shutil.which("runuser") is None:
        return "runuser is not installed"
    try:
        pwd.getpwnam(USER)
    except KeyError:
        return f"there is no user {USER!r}"
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    packages = sysconfig.get_paths()["purelib"]
    candidates = [
        (sys.executable, {}),
        *(
            (path, {"PYTHONPATH": f"{REPO}{os.pathsep}{packages}"})
            for path in (shutil.which(version), f"/usr/bin/{version}", f"/usr/local/bin/{version}")
            if path
        ),
    ]
    for python, extra in candidates:
        argv = ["runuser", "-u", USER, "--", "env", *(f"{k}={v}" for k, v in extra.items())]
        probe = subprocess.run(
            [*argv, python, "-c", "import workbench.cli, lxml.etree, click"],
            capture_output=True,
            cwd="/",
        )
        if probe.returncode == 0:
            return [*argv, python], {}
    return f"no {version} that {USER!r} can run with the virtualenv's packages"


def command(*args: str) -> list[str]:
    """argv for `python -m workbench ARGS` as `nobody` (skips the test when impossible)."""
    launcher = _launcher()
    if isinstance(launcher, str):
        pytest.skip(f"cannot run as {USER}: {launcher}")
    prefix, _ = launcher
    return [*prefix, "-m", "workbench", *args]


def folder() -> Iterator[Path]:
    """A fresh folder `nobody` owns (outside pytest's private tmp tree); removed after."""
    path = Path(tempfile.mkdtemp(prefix="workbench-nobody-"))
    try:
        if os.geteuid() == 0:
            entry = pwd.getpwnam(USER)
            os.chown(path, entry.pw_uid, entry.pw_gid)
        path.chmod(0o755)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def give(path: Path, mode: int) -> None:
    """Make `path` nobody's with `mode` (when running as root)."""
    if os.geteuid() == 0:
        entry = pwd.getpwnam(USER)
        os.chown(path, entry.pw_uid, entry.pw_gid)
    path.chmod(mode)
