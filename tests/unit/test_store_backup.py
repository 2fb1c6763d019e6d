"""`backup_project` on real files: names that never collide, never over the project or the
files beside it, a named file replaced only when asked, read-only projects backed up too."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from tests.store_fixtures import digest, immutable_file, main_file_rows, make_project, side_files
from workbench.core.errors import InputError, ProjectError
from workbench.store.backup import backup_project

NOON = datetime(2026, 12, 3, 12, 0, 0)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.sqlite"
    make_project(path, 4)
    return path


def test_default_names_carry_the_time_and_never_collide(project: Path, tmp_path: Path) -> None:
    first = backup_project(project, when=NOON)
    second = backup_project(project, when=NOON)
    into_folder = backup_project(project, tmp_path, when=NOON)
    assert first.path.name == "p-backup-20261203-120000.sqlite"
    assert second.path.name == "p-backup-20261203-120000-2.sqlite"
    assert into_folder.path.name == "p-backup-20261203-120000-3.sqlite"
    assert first.documents == 1 and first.paragraphs == 4
    assert digest(first.path) == digest(second.path)
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left
    assert side_files(first.path) == []


def test_a_named_backup_is_replaced_only_when_asked(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite"
    target.write_bytes(b"my notes")
    with pytest.raises(InputError, match="exists"):
        backup_project(project, target)
    assert target.read_bytes() == b"my notes"
    backup_project(project, target, force=True)
    assert main_file_rows(target, "SELECT COUNT(*) FROM paragraphs") == [(4,)]


def test_never_over_the_project_or_the_files_beside_it(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.sqlite"
    os.link(project, link)
    before = digest(project)
    for target in (project, tmp_path / "p.sqlite-wal", tmp_path / "p.sqlite-shm", link):
        with pytest.raises(InputError, match="project itself"):
            backup_project(project, target, force=True)
    assert digest(project) == before
    assert not (tmp_path / "p.sqlite-wal").exists()


def test_only_projects_are_backed_up(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no project"):
        backup_project(tmp_path / "missing.sqlite")
    other = tmp_path / "notes.txt"
    other.write_text("not a database", encoding="utf-8")
    with pytest.raises(ProjectError, match="not an SQLite file"):
        backup_project(other)


def test_a_read_only_project_is_backed_up(project: Path, tmp_path: Path) -> None:
    with immutable_file(project):
        result = backup_project(project, tmp_path / "out.sqlite")
        assert side_files(project) == []
    assert main_file_rows(result.path, "SELECT COUNT(*) FROM paragraphs") == [(4,)]
