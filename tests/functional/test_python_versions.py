"""The workbench supports Python 3.11 to 3.13 (`requires-python = ">=3.11"`). The suite runs
on the README's Python (3.11); this runs the smoke subset (tests marked `smoke`, named in
tests/conftest.py: every layer once and the places where Python versions differ) on Python
3.13 in the venv setup.sh makes beside .venv, so that the README's one test command covers
both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENV_313 = REPO / ".venv313" / "bin" / "python"


@pytest.mark.slow
@pytest.mark.skipif(
    not VENV_313.is_file(), reason="no .venv313: setup.sh found no Python 3.13 on this machine"
)
def test_the_smoke_subset_passes_on_python_313(tmp_path: Path) -> None:
    version = subprocess.run(
        [str(VENV_313), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version == "3.13"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_XDIST_WORKER", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    done = subprocess.run(
        [
            str(VENV_313),
            "-m",
            "pytest",
            "-m",
            "smoke",
            "-n",
            "0",
            "-q",
            "-p",
            "no:cacheprovider",
            "--basetemp",
            str(tmp_path / "smoke"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    tail = "\n".join(done.stdout.splitlines()[-15:])
    assert done.returncode == 0, f"{sys.executable} ran the smoke subset on 3.13:\n{tail}"
    assert " passed" in tail
