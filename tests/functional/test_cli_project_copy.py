"""`workbench project copy`: SQLite → PostgreSQL → SQLite keeps every row of every table
(documents, history, memories, settings, MT cache, the team's glossary), undo keeps working
on the copy, and a destination that holds a project is refused untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.pg_server import Server
from tests.store_fixtures import add_document, paragraph_texts
from workbench.core.glossary import Glossary, Term
from workbench.store import glossary_terms
from workbench.store.copying import table_rows
from workbench.store.memory import MemoryStore, NewUnit
from workbench.store.mt_cache import CachedTranslation, MtCache, UnmetTerm
from workbench.store.project import Project


def workbench(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=folder,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _full_project(path: Path) -> None:
    """A project with a row in every table."""
    with Project.open(path) as project:
        document = add_document(project, paragraph_texts(30))
        ids = [p.id for p in project.paragraphs(document)]
        project.set_machine_translation(ids[0], ["Machine English."])
        project.set_target(ids[1], "Edited English.")
        project.set_target(ids[2], "Undone English.")
        project.undo()
        project.set_note(ids[3], "查一下")
        project.move(ids[5], -2)
        project.set_setting("glossary.path", "/team/glossary.tsv")
        glossary_terms.edit_terms(  # as a server project's glossary would be
            project, lambda g: g.with_term(Term("治理", "governance", variants=("rule",))),
            seed=Glossary(),
        )  # fmt: skip
        memory = MemoryStore(project)
        memory.sync_project()
        memory.add_reference(
            "un", [NewUnit("共同努力。", "Joint efforts.")], path="/u.tmx", sha256="u"
        )
        cache = MtCache(project)
        cache.put(
            "model-a",
            [CachedTranslation("源。", "sig", "Source.", "source .", -0.25, "[]", "g1")],
        )
        sentence = project.sentences(ids[0])[0]
        cache.record(
            sentence.id,
            model_id="model-a",
            signature="sig",
            glossary_version="g1",
            text="Machine English.",
            unmet=[UnmetTerm("治理", "governance", "missing", "")],
        )


def test_sqlite_to_postgresql_and_back_keeps_every_row(tmp_path: Path, pg_server: Server) -> None:
    original = tmp_path / "original.sqlite"
    _full_project(original)
    url = pg_server.url(pg_server.create_database())
    back = tmp_path / "back.sqlite"

    there = workbench(tmp_path, "project", "copy", str(original), url)
    assert there.returncode == 0, there.stderr
    assert "30 paragraphs" in there.stdout
    again = workbench(tmp_path, "project", "copy", url, str(back))
    assert again.returncode == 0, again.stderr

    with Project.open(original, read_only=True) as a, Project.open(back, read_only=True) as b:
        before, after = table_rows(a), table_rows(b)
    assert all(before[table] for table in before), [t for t in before if not before[t]]
    assert after == before

    with Project.open(url) as copy:  # the copy works on: undo, new rows get new ids
        moved = {p.id: p.position for p in copy.paragraphs()}
        assert copy.undo()  # the move
        assert {p.id: p.position for p in copy.paragraphs()} != moved
        assert copy.undo()[0].note is None  # the note
        more = add_document(copy, paragraph_texts(2, tag="more"), name="more.txt")
        assert more == 2


def test_a_destination_holding_a_project_is_refused(tmp_path: Path, pg_server: Server) -> None:
    source = tmp_path / "a.sqlite"
    _full_project(source)
    url = pg_server.url(pg_server.create_database())
    with Project.open(url) as project:
        add_document(project, ["已有内容。"], name="theirs.txt")
    done = workbench(tmp_path, "project", "copy", str(source), url)
    assert done.returncode == 1
    assert "already holds a project" in done.stderr and done.stderr.count("\n") == 1
    with Project.open(url) as project:
        assert [d.name for d in project.documents()] == ["theirs.txt"]
