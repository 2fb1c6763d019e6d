"""The team's glossary on a PostgreSQL project, through the CLI in real processes: `glossary
where/list/add/export/check` read and edit the glossary in the project's database (the
curated glossary until its first edit), every translator sees the same terms, and
translators adding different terms at the same moment all land. A SQLite file project
keeps its glossary file and leaves the table empty."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.functional.reference import SEEDS
from tests.pg_server import Server
from workbench.core.glossary import Glossary
from workbench.formats import tbx
from workbench.store import glossary_terms
from workbench.store.project import Project
from workbench.workflows.glossary_edit import curated

TERM = ("乡村振兴", "rural revitalization")


def workbench(
    folder: Path, *args: str, person: str = "a", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """One translator's workbench: each `person` has their own config and data folders (so
    their own personal glossary), as on separate machines."""
    home = folder / f"person-{person}"
    environment = {
        **os.environ,
        "WORKBENCH_CONFIG_DIR": str(home / "config"),
        "WORKBENCH_DATA_DIR": str(home / "data"),
        **(env or {}),
    }
    environment.pop("WORKBENCH_GLOSSARY", None)
    environment.pop("WORKBENCH_PROJECT", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def stored(url: str) -> Glossary | None:
    with Project.open(url, create=False, read_only=True) as project:
        return glossary_terms.read_terms(project)


def test_glossary_commands_read_and_edit_the_projects_glossary(
    tmp_path: Path, pg_server: Server
) -> None:
    url = pg_server.url(pg_server.create_database())
    seed = curated()
    assert len(seed) > 50 and TERM[0] not in seed
    done = workbench(tmp_path, "import", str(SEEDS[0]), "--project", url)
    assert done.returncode == 0, done.stderr

    where = workbench(tmp_path, "glossary", "where", "--project", url)
    assert where.returncode == 0, where.stderr
    assert "1. the project's glossary (in the database)" in where.stdout
    assert "edits go to: the project's glossary (in the database)" in where.stdout

    # Before its first edit the project's glossary reads as the curated one.
    listed = workbench(tmp_path, "glossary", "list", "--project", url, "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["total"] == len(seed)
    assert stored(url) is None

    added = workbench(
        tmp_path, "glossary", "add", *TERM, "--status", "approved", "--project", url, person="a"
    )
    assert added.returncode == 0, added.stderr
    assert "to the project's glossary (in the database)" in added.stdout
    in_database = stored(url)
    assert in_database is not None and len(in_database) == len(seed) + 1  # seeded, then added
    assert in_database.get(TERM[0]) is not None
    assert not list((tmp_path / "person-a" / "data").rglob("*.tsv"))  # no personal file made

    # A colleague (other config, other personal glossary) sees the term, by $WORKBENCH_PROJECT.
    colleague = {"WORKBENCH_PROJECT": url}
    listed = workbench(tmp_path, "glossary", "list", "--search", TERM[0], person="b", env=colleague)
    assert listed.returncode == 0, listed.stderr
    assert f"{TERM[0]}\t{TERM[1]}\t[approved]" in listed.stdout
    exported = workbench(
        tmp_path, "glossary", "export", "-o", "team.tbx", person="b", env=colleague
    )
    assert exported.returncode == 0, exported.stderr
    assert tbx.read(tmp_path / "team.tbx") == in_database
    exported = workbench(
        tmp_path, "glossary", "export", "--format", "tsv", "-o", "team.tsv", env=colleague
    )
    assert exported.returncode == 0, exported.stderr
    assert f"{TERM[0]}\t{TERM[1]}" in (tmp_path / "team.tsv").read_text(encoding="utf-8")

    # The colleague approves nothing new but removes the term: gone for everyone.
    removed = workbench(tmp_path, "glossary", "remove", TERM[0], person="b", env=colleague)
    assert removed.returncode == 0, removed.stderr
    after = stored(url)
    assert after is not None and TERM[0] not in after and len(after) == len(seed)


def test_glossary_check_and_import_use_the_projects_glossary(
    tmp_path: Path, pg_server: Server
) -> None:
    url = pg_server.url(pg_server.create_database())
    env = {"WORKBENCH_PROJECT": url}
    assert workbench(tmp_path, "import", str(SEEDS[0]), env=env).returncode == 0
    with Project.open(url, create=False, read_only=True) as project:
        text = "".join(paragraph.source for paragraph in project.paragraphs())
    chinese = next(
        text[i : i + 4]
        for i in range(len(text))
        if all("\u4e00" <= c <= "\u9fff" for c in text[i : i + 4])
        and text[i : i + 4] not in curated()
    )
    terms = tmp_path / "terms.tsv"
    terms.write_text(f"source\ttarget\tstatus\n{chinese}\tzz-rendering\tapproved\n", "utf-8")
    imported = workbench(tmp_path, "glossary", "import", str(terms), env=env)
    assert imported.returncode == 0, imported.stderr
    assert "1 added" in imported.stdout
    checked = workbench(tmp_path, "glossary", "check", "--all", "--format", "json", env=env)
    found = {t["source"] for s in json.loads(checked.stdout)["segments"] for t in s["terms"]}
    assert chinese in found, checked.stderr
    refused = workbench(tmp_path, "glossary", "use", str(terms), env=env)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert "glossary import" in refused.stderr


def test_translators_adding_terms_at_once_all_land(tmp_path: Path, pg_server: Server) -> None:
    url = pg_server.url(pg_server.create_database())
    with Project.open(url):
        pass  # the schema is made before the race: the race is over the glossary
    terms = [(f"测试术语{'一二三四五六'[n]}", f"test term {n}") for n in range(6)]
    environment = {**os.environ, "WORKBENCH_PROJECT": url}
    environment.pop("WORKBENCH_GLOSSARY", None)
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "workbench", "glossary", "add", *term],
            cwd=tmp_path,
            env={**environment, "WORKBENCH_DATA_DIR": str(tmp_path / f"data{n}")},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, term in enumerate(terms)
    ]
    for process in running:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    in_database = stored(url)
    assert in_database is not None
    assert all(in_database.get(source) is not None for source, _ in terms)
    assert len(in_database) == len(curated()) + len(terms)  # seeded once, every term kept


def test_a_sqlite_project_keeps_its_glossary_file(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    assert workbench(tmp_path, "import", str(SEEDS[0]), "--project", str(project)).returncode == 0
    added = workbench(tmp_path, "glossary", "add", *TERM, "--project", str(project))
    assert added.returncode == 0, added.stderr
    personal = tmp_path / "person-a" / "data"
    assert any(TERM[0] in f.read_text("utf-8") for f in personal.rglob("*.tsv"))
    where = workbench(tmp_path, "glossary", "where", "--project", str(project))
    assert "in the database" not in where.stdout
    with Project.open(project, read_only=True) as opened:
        assert glossary_terms.read_terms(opened) is None
        assert opened.query("SELECT COUNT(*) FROM glossary_terms")[0][0] == 0


def test_a_team_can_set_up_its_glossary_before_importing_anything(
    tmp_path: Path, pg_server: Server
) -> None:
    url = pg_server.url(pg_server.create_database())  # empty: no schema yet
    env = {"WORKBENCH_PROJECT": url}
    added = workbench(tmp_path, "glossary", "add", *TERM, env=env)
    assert added.returncode == 0, added.stderr
    listed = workbench(tmp_path, "glossary", "list", "--search", TERM[0], env=env, person="b")
    assert listed.returncode == 0, listed.stderr
    assert f"{TERM[0]}\t{TERM[1]}\t[candidate]" in listed.stdout
