"""A throwaway PostgreSQL server for the tests, started by the project's own files.

When PostgreSQL's programs are on the machine (`pg_config --bindir`, else
/usr/lib/postgresql/*/bin), the first test that asks for `pg_server` inits a cluster in a
temporary folder (`initdb -A trust`; as root, run as the `postgres` user), starts it on
127.0.0.1 on a free port with its socket in that folder, and stops it (`pg_ctl stop -m
immediate`) and removes the folder at the end of the session, also at interpreter exit. Each
test gets its own database (`pg_database`). Without PostgreSQL the tests that need it skip
saying why, except under CI (`CI=true`), where that is a failure.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SUPERUSER = "postgres"


def bindir() -> Path | None:
    """Where initdb and pg_ctl are, or None."""
    candidates: list[str] = []
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        candidates.append(
            subprocess.run(
                ["pg_config", "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").is_file():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, programs: Path, *, durable: bool = False) -> None:
        self.programs = programs
        self.durable = durable  # fsync as a real server does (benchmarks); tests skip it
        # As root the server runs as `postgres`, which must reach the folder: /tmp, not a
        # $TMPDIR that may sit in root's home.
        root = os.geteuid() == 0 and Path("/tmp").is_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="workbench-pg-", dir="/tmp" if root else None))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._as_postgres: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root
            shutil.chown(self.folder, SUPERUSER, SUPERUSER)
            self._as_postgres = ["runuser", "-u", SUPERUSER, "--"]
        self.started = False

    def _run(self, *command: str) -> None:
        result = subprocess.run(
            [*self._as_postgres, *command], capture_output=True, text=True, check=False
        )
        if result.returncode:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stderr or result.stdout}")

    def start(self) -> None:
        self._run(
            str(self.programs / "initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            SUPERUSER,
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=100"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.programs / "pg_ctl"),
            "start",
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.folder / "log"),
            "-o",
            options,
        )
        self.started = True

    def stop(self) -> None:
        if self.started:
            self.started = False
            with contextlib.suppress(RuntimeError):
                self._run(
                    str(self.programs / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate"
                )
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its name."""
        import psycopg

        name = f"wb_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return name


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs PostgreSQL for the server tests: {reason} (setup.sh installs it)")
    pytest.skip(f"no PostgreSQL server for this test: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    programs = bindir()
    if programs is None:
        _unavailable("initdb not found (pg_config --bindir, /usr/lib/postgresql/*/bin)")
        raise AssertionError("unreachable")
    server = Server(programs)
    atexit.register(server.stop)
    try:
        server.start()
    except (RuntimeError, OSError) as exc:
        server.stop()
        _unavailable(str(exc).strip().splitlines()[0])
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_database(pg_server: Server) -> str:
    """The URL of a new empty database on the test server."""
    return pg_server.url(pg_server.create_database())


@pytest.fixture(params=["sqlite", "postgresql"])
def project_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new project goes, once per backend: a file, then a server database."""
    if request.param == "sqlite":
        return str(tmp_path / "p.sqlite")
    return str(request.getfixturevalue("pg_database"))
