"""Who made each change, and undo per person: a translator's undo takes back only their own
changes, and never writes over a colleague's later change to the same paragraph. On both
backends; with two connections, as two translators on one project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store_fixtures import add_document, paragraph_texts
from workbench.store.project import ConflictError, Project


def _two(location: str) -> tuple[Project, Project, list[int]]:
    alice = Project.open(location)
    alice.user = "alice"
    ids = [p.id for p in alice.paragraphs(add_document(alice, paragraph_texts(4)))]
    bob = Project.open(location)
    bob.user = "bob"
    return alice, bob, ids


def test_each_change_records_its_author(project_location: str) -> None:
    alice, bob, ids = _two(project_location)
    alice.set_target(ids[0], "Alice's.")
    bob.set_target(ids[1], "Bob's.")
    rows = alice.query("SELECT paragraph_id, author FROM history ORDER BY id")
    assert [(r[0], r[1]) for r in rows] == [(ids[0], "alice"), (ids[1], "bob")]
    alice.close()
    bob.close()


def test_undo_takes_back_only_ones_own_changes(project_location: str) -> None:
    alice, bob, ids = _two(project_location)
    alice.set_target(ids[0], "Alice's.")
    bob.set_target(ids[1], "Bob's.")  # the latest change in the project is Bob's
    assert [p.id for p in alice.undo()] == [ids[0]]
    assert [alice.paragraph(i).target for i in ids[:2]] == [None, "Bob's."]
    assert not alice.can_undo()
    assert bob.can_undo()
    assert alice.redo()[0].target == "Alice's."
    bob.close()
    alice.close()


def test_undo_never_writes_over_a_colleagues_later_change(project_location: str) -> None:
    alice, bob, ids = _two(project_location)
    alice.set_target(ids[2], "Alice's.")
    bob.set_target(ids[2], "Bob's, after Alice.", expected="Alice's.")
    with pytest.raises(ConflictError, match=f"paragraph #{ids[2]} was changed by bob"):
        alice.undo()
    assert alice.paragraph(ids[2]).target == "Bob's, after Alice."
    assert [p.target for p in bob.undo()] == ["Alice's."]  # Bob may take his back
    alice.close()
    bob.close()


def test_the_global_user_option_names_the_author(tmp_path: Path) -> None:
    seed = tmp_path / "a.txt"
    seed.write_text("人工智能全球治理。\n\n各国共同努力。\n", encoding="utf-8")
    project = tmp_path / "p.sqlite"
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_USER"}

    def run(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "workbench", *args, ], cwd=tmp_path, env=env,
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr

    run("import", str(seed), "--project", str(project))
    run("--user", "carol", "move", "2", "--up", "1", "--project", str(project))
    with Project.open(project) as opened:
        assert {r[0] for r in opened.query("SELECT author FROM history")} == {"carol"}
