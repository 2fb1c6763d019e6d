"""A project named by a URL (`postgresql://…`) is an address, never a file name: with no
server there, one line, exit 1, nothing created, no password echoed; a URL of another
scheme is refused the same way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

URL = "postgresql://bob:s3cret@127.0.0.1:1/team"  # nothing listens on port 1


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (URL, "cannot reach the PostgreSQL server"),
        ("mysql://bob:s3cret@db.example/team", "not a project; give a project file"),
    ],
)
@pytest.mark.parametrize("how", ["option", "environment"])
@pytest.mark.parametrize("command", [["status"], ["import", "x.txt"], ["edit"]])
def test_a_url_is_refused_and_nothing_is_created(
    tmp_path: Path, how: str, command: list[str], url: str, says: str
) -> None:
    (tmp_path / "x.txt").write_text("人工智能全球治理。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_PROJECT"}
    args = [sys.executable, "-m", "workbench", *command]
    if how == "option":
        args += ["--project", url]
    else:
        env["WORKBENCH_PROJECT"] = url
    done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert says in done.stderr
    assert "s3cret" not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]
