"""Projects on a PostgreSQL server: the dialect layer, opening and its one-line errors (the
password never shown), schema checks, long texts, and several processes at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.pg_server import Server
from tests.store_fixtures import add_document, paragraph_texts
from workbench.cli.common import project_file
from workbench.core.errors import InputError, ProjectError
from workbench.store.memory import MemoryStore, NewUnit
from workbench.store.migrations import LATEST_VERSION, MIGRATIONS, POSTGRES_TEXT
from workbench.store.project import ConflictError, Project
from workbench.store.server import ServerAddress, redact, to_postgres

REPO = Path(__file__).resolve().parents[2]

# -- the dialect layer (no server needed) ----------------------------------------------------


def test_placeholders_and_literals_are_rendered() -> None:
    text, returns = to_postgres("SELECT * FROM t WHERE a = ? AND b LIKE '50%?' AND c = :name")
    assert text == "SELECT * FROM t WHERE a = %s AND b LIKE '50%%?' AND c = %(name)s"
    assert not returns


def test_inserts_become_on_conflict_and_return_the_id() -> None:
    text, returns = to_postgres(
        "INSERT OR IGNORE INTO memory_units(memory_id, source) VALUES (?, ?)"
    )
    assert text == (
        "INSERT INTO memory_units(memory_id, source) VALUES (%s, %s)"
        " ON CONFLICT DO NOTHING RETURNING id"
    )
    assert returns
    text, _ = to_postgres("INSERT OR REPLACE INTO sentence_mt(sentence_id, text) VALUES (?, ?)")
    assert text.endswith(
        "ON CONFLICT (sentence_id) DO UPDATE SET sentence_id = EXCLUDED.sentence_id,"
        " text = EXCLUDED.text"
    )


def test_is_between_values_compares_nulls_as_sqlite_does() -> None:
    text, _ = to_postgres(
        "SELECT 1 WHERE s.mt IS r.text AND a IS NOT b AND c IS NULL AND d IS NOT NULL"
    )
    assert text == (
        "SELECT 1 WHERE s.mt IS NOT DISTINCT FROM r.text AND a IS DISTINCT FROM b"
        " AND c IS NULL AND d IS NOT NULL"
    )


def test_every_postgres_difference_applies_to_a_migration() -> None:
    """A migration text edited so that its PostgreSQL replacement no longer matches would
    silently give the server another schema."""
    from workbench.store import migrations

    texts = [
        value
        for name, value in vars(migrations).items()
        if name.startswith("V") and isinstance(value, str)
    ]
    assert len(texts) == len(MIGRATIONS)
    for sqlite_text, _ in POSTGRES_TEXT:
        assert sum(sqlite_text in text for text in texts) == 1, sqlite_text


def test_a_url_is_a_server_project_and_its_password_is_never_shown() -> None:
    location = project_file("postgresql://alice:s3cret@db.example:5433/team?sslmode=require")
    assert isinstance(location, ServerAddress)
    assert "s3cret" not in str(location) and "s3cret" not in repr(location)
    assert str(location) == "postgresql://alice:***@db.example:5433/team?sslmode=require"
    assert location.stem == "team"
    assert redact("postgres://h/db?password=pw&sslmode=verify-full") == (
        "postgres://h/db?password=***&sslmode=verify-full"
    )
    with pytest.raises(InputError, match=r"^ftp://u:\*\*\*@h/x: not a project"):
        project_file("ftp://u:pw@h/x")


# -- opening: one line for each way it fails ------------------------------------------------------


def test_a_server_that_is_down_is_one_line_without_the_password() -> None:
    with pytest.raises(ProjectError) as caught:
        Project.open("postgresql://alice:s3cret@127.0.0.1:1/team")
    message = str(caught.value)
    assert "cannot reach the PostgreSQL server" in message
    assert "s3cret" not in message and "\n" not in message


def test_a_refused_login_is_one_line_without_the_password(pg_server: Server) -> None:
    url = f"postgresql://ghost:s3cret@127.0.0.1:{pg_server.port}/postgres"
    with pytest.raises(ProjectError) as caught:
        Project.open(url)
    message = str(caught.value)
    assert "refused the login" in message
    assert "s3cret" not in message and "\n" not in message


def test_a_missing_database_says_to_create_it(pg_server: Server) -> None:
    with pytest.raises(ProjectError, match="no database 'nowhere'; create it first"):
        Project.open(pg_server.url("nowhere"))


def test_a_missing_project_is_not_created_by_a_reader(pg_database: str) -> None:
    with pytest.raises(ProjectError, match="no project in"):
        Project.open(pg_database, create=False)
    with psycopg.connect(pg_database) as conn:
        assert conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone() == (0,)


def test_another_applications_database_is_refused_untouched(pg_database: str) -> None:
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(ProjectError, match="tables of another application"):
        Project.open(pg_database)
    with psycopg.connect(pg_database) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        assert [row[0] for row in tables] == ["invoices"]


def test_a_newer_schema_is_refused(pg_database: str) -> None:
    Project.open(pg_database).close()
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("UPDATE workbench_schema SET version = %s", (LATEST_VERSION + 1,))
    with pytest.raises(ProjectError, match="newer than this workbench understands"):
        Project.open(pg_database)


def test_read_only_open_writes_nothing(pg_database: str) -> None:
    with Project.open(pg_database) as project:
        add_document(project, paragraph_texts(3))
    with Project.open(pg_database, read_only=True) as project:
        assert len(project.paragraphs()) == 3
        with pytest.raises(ProjectError, match="read-only"):
            project.set_target(project.paragraphs()[0].id, "x")


# -- what only a server project meets --------------------------------------------------------------


def test_long_paragraphs_and_memory_pairs_are_stored(pg_database: str) -> None:
    """A B-tree index entry holds about 2,700 bytes; the long texts are indexed by hash."""
    long_text = "人工智能全球治理需要各国共同努力。" * 400  # ~20 kB of UTF-8
    with Project.open(pg_database) as project:
        document = add_document(project, [long_text])
        [paragraph] = project.paragraphs(document)
        project.set_target(paragraph.id, "Global AI governance. " * 400)
        store = MemoryStore(project)
        assert store.sync_project().added == 1
        store.add_reference("big", [NewUnit(long_text, "x" * 5000)], path="/b.tmx", sha256="b")
        assert len(store.units(["big"])) == 1


def test_data_version_moves_for_another_connection_only(pg_database: str) -> None:
    with Project.open(pg_database) as mine, Project.open(pg_database) as theirs:
        add_document(mine, paragraph_texts(2))
        seen = mine.data_version()
        first = mine.paragraphs()[0].id
        mine.set_target(first, "mine")
        assert mine.data_version() == seen
        theirs.set_target(first, "theirs", expected="mine")
        assert mine.data_version() != seen


def _import(url: str, tag: str) -> subprocess.Popen[bytes]:
    script = (
        "import sys\n"
        "from tests.store_fixtures import add_document, paragraph_texts\n"
        "from workbench.store.project import Project\n"
        "with Project.open(sys.argv[1]) as p:\n"
        "    add_document(p, paragraph_texts(300, tag=sys.argv[2]), name=sys.argv[2] + '.txt')\n"
    )
    env = {**os.environ, "WORKBENCH_BULK_ROWS": "50"}
    return subprocess.Popen([sys.executable, "-c", script, url, tag], cwd=REPO, env=env)


def test_processes_creating_and_importing_at_once_lose_nothing(pg_database: str) -> None:
    """Four processes create the same new project and import into it at the same time."""
    processes = [_import(pg_database, f"d{i}") for i in range(4)]
    assert [p.wait(timeout=120) for p in processes] == [0] * 4
    with Project.open(pg_database) as project:
        documents = project.documents()
        assert sorted(d.name for d in documents) == [f"d{i}.txt" for i in range(4)]
        assert all(len(project.paragraphs(d.id)) == 300 for d in documents)


def test_a_stale_save_from_another_process_is_refused(pg_database: str) -> None:
    """Two translators opened the same row; the second to save is refused, not written over."""
    with Project.open(pg_database) as project:
        add_document(project, paragraph_texts(2))
        row = project.paragraphs()[0]
        assert row.target is None  # what this translator's editor shows
        script = (
            "import sys\n"
            "from workbench.store.project import Project\n"
            "with Project.open(sys.argv[1]) as p:\n"
            "    p.set_target(int(sys.argv[2]), 'The colleague was first.', expected=None)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, pg_database, str(row.id)],
            cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        with pytest.raises(ConflictError, match="changed elsewhere"):
            project.set_target(row.id, "Mine, decided on the empty row.", expected=None)
        assert project.paragraph(row.id).target == "The colleague was first."
