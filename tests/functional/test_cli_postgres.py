"""The CLI on a PostgreSQL project: import → translate (generated model) → edit → undo →
export run as real processes, giving what the same commands give on a SQLite file; and a
server URL is never taken for a file name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.functional.reference import GLOSSARY, SEEDS
from tests.pg_server import Server

REPO = Path(__file__).resolve().parents[2]


def workbench(folder: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=folder,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def session(folder: Path, project: str, packages: Path) -> list[dict[str, object]]:
    """Every step of a translator's session; the pairs exported at the end."""
    folder.mkdir()
    env = {
        "WORKBENCH_PROJECT": project,
        "ARGOS_PACKAGES_DIR": str(packages),
        "WORKBENCH_GLOSSARY": str(GLOSSARY),
    }
    steps = [
        ["import", *map(str, SEEDS)],
        ["translate"],
        ["export", "-f", "tsv", "--status", "machine", "-o", "mt.tsv"],
        ["import-translations", "mt.tsv"],
        ["replace", "the", "THE", "--whole-word"],
        ["undo"],
        ["replace", "of", "OF", "--whole-word"],
        ["move", "10", "--up", "1"],
        ["export", "-f", "jsonl", "--level", "sentence", "-o", "out.jsonl"],
    ]
    for step in steps:
        done = workbench(folder, env, *step)
        assert done.returncode == 0, (step, done.stderr)
    lines = (folder / "out.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_a_session_on_postgresql_gives_what_it_gives_on_sqlite(
    tmp_path: Path, pg_server: Server, argos_packages_dir: Path
) -> None:
    on_file = session(tmp_path / "file", str(tmp_path / "p.sqlite"), argos_packages_dir)
    url = pg_server.url(pg_server.create_database())
    on_server = session(tmp_path / "server", url, argos_packages_dir)
    assert on_file and any("OF" in str(pair) for pair in on_file)
    assert on_server == on_file
    assert not (tmp_path / "server" / "postgresql:").exists()


def test_status_on_a_server_project_names_it_without_the_password(
    tmp_path: Path, pg_server: Server
) -> None:
    url = pg_server.url(pg_server.create_database()).replace("postgres@", "postgres:pw123@")
    done = workbench(tmp_path, {}, "import", str(SEEDS[0]), "--project", url)
    assert done.returncode == 0, done.stderr
    done = workbench(tmp_path, {"WORKBENCH_PROJECT": url}, "backup")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "pg_dump" in done.stderr
    assert "pw123" not in done.stderr and "postgres:***@" in done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing was made here: no `postgresql:` folder
