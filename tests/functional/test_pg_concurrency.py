"""Eight processes on one PostgreSQL project at once, as a team works: three import
documents, three save translations (row by row, and in bulk), two write machine
translation. Nothing is lost, nobody waits out the busy timeout, nothing deadlocks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.pg_server import Server
from tests.store_fixtures import add_document, paragraph_texts
from workbench.core.segments import Status
from workbench.store.project import Project

REPO = Path(__file__).resolve().parents[2]
ROWS = 120  # rows of the shared document; each editor and MT writer takes its own share

WORKER = """
import sys
from tests.store_fixtures import add_document, paragraph_texts
from workbench.store.project import Project, TargetEdit

url, role, number = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Project.open(url) as project:
    shared = [p for p in project.paragraphs() if p.document_id == 1]
    mine = shared[number::3]
    if role == "import":
        add_document(project, paragraph_texts(400, tag=f"i{number}"), name=f"import{number}.txt")
    elif role == "edit" and number == 2:  # one bulk save (chunked) of its share
        project.set_targets([TargetEdit(p.id, f"Bulk {p.id}.", expected=None) for p in mine])
    elif role == "edit":
        for p in mine:
            project.set_target(p.id, f"Edit {p.id}.", expected=None)
    elif role == "mt":
        for p in shared[number::2]:
            project.set_machine_translation(p.id, [f"MT {p.id}."])
"""


def test_eight_processes_import_translate_and_edit_at_once(pg_server: Server) -> None:
    url = pg_server.url(pg_server.create_database())
    with Project.open(url) as project:
        add_document(project, paragraph_texts(ROWS), name="shared.txt")
    env = {**os.environ, "WORKBENCH_BULK_ROWS": "40", "WORKBENCH_BUSY_TIMEOUT": "120"}
    roles = [("import", n) for n in range(3)] + [("edit", n) for n in range(3)]
    roles += [("mt", n) for n in range(2)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, role, str(number)],
            cwd=REPO,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role, number in roles
    ]
    errors = [p.communicate(timeout=300)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * 8, errors

    with Project.open(url) as project:
        documents = {d.name: d.id for d in project.documents()}
        assert sorted(documents) == ["import0.txt", "import1.txt", "import2.txt", "shared.txt"]
        for n in range(3):
            assert len(project.paragraphs(documents[f"import{n}.txt"])) == 400
        shared = project.paragraphs(documents["shared.txt"])
        for index, paragraph in enumerate(shared):
            who = index % 3
            assert paragraph.target == (
                f"Bulk {paragraph.id}." if who == 2 else f"Edit {paragraph.id}."
            )
            assert paragraph.mt == f"MT {paragraph.id}."
            assert paragraph.status is Status.EDITED
        history = project.query("SELECT COUNT(*), COUNT(DISTINCT paragraph_id) FROM history")[0]
        assert (history[0], history[1]) == (ROWS, ROWS)
