"""The project: documents, edits, history (undo/redo across restarts), reordering; each test
taking `project` runs on both backends, a SQLite file and a PostgreSQL database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.core.errors import ProjectError
from workbench.core.segments import (
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    DroppedBlock,
    ParagraphKind,
    Status,
)
from workbench.store.migrations import LATEST_VERSION
from workbench.store.project import ConflictError, Project


def _clean() -> CleanDocument:
    texts = ["标题", "一是第一段。", "二是第二段。第二句。", "三是第三段。"]
    paragraphs = tuple(
        CleanParagraph(
            text=t,
            kind=ParagraphKind.TITLE if i == 0 else ParagraphKind.BODY,
            line_no=i * 2 + 1,
            original=t,
        )
        for i, t in enumerate(texts)
    )
    dropped = (DroppedBlock(text="分享到微信", line_no=2, rule_id="share", reason="share widget"),)
    return CleanDocument(
        title="标题",
        metadata=DocumentMetadata(source="人民日报", date="2024-04-03"),
        paragraphs=paragraphs,
        dropped=dropped,
        warnings=("enumeration out of order",),
    )


@pytest.fixture
def project(project_location: str) -> Project:
    project = Project.open(project_location)
    clean = _clean()
    project.add_document(
        clean,
        name="doc.txt",
        path="/x/doc.txt",
        sha256="abc",
        encoding="utf-8",
        fmt="txt",
        sentences=[
            [p.text] if "第二句" not in p.text else ["二是第二段。", "第二句。"]
            for p in clean.paragraphs
        ],
    )
    return project


def test_schema_version_and_wal(project: Project) -> None:
    assert project.query("PRAGMA user_version")[0][0] == LATEST_VERSION
    if project.on_server:
        return  # no write-ahead log file to ask about
    conn = sqlite3.connect(str(project.path))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_document_is_stored_in_order_with_dropped_blocks(project: Project) -> None:
    [document] = project.documents()
    assert document.title == "标题"
    assert document.metadata.source == "人民日报"
    assert document.warnings == ("enumeration out of order",)
    kept = project.paragraphs(document.id)
    assert [p.source for p in kept] == [
        "标题",
        "一是第一段。",
        "二是第二段。第二句。",
        "三是第三段。",
    ]
    everything = project.paragraphs(document.id, include_dropped=True)
    assert [p.source for p in everything][:2] == ["标题", "分享到微信"]
    dropped = everything[1]
    assert not dropped.included and dropped.drop_reason == "share widget"
    assert [s.source for s in project.sentences(kept[2].id)] == ["二是第二段。", "第二句。"]


def test_same_file_cannot_be_added_twice(project: Project) -> None:
    with pytest.raises(ProjectError, match="already"):
        project.add_document(
            _clean(),
            name="doc.txt",
            path="/x",
            sha256="abc",
            encoding="utf-8",
            fmt="txt",
            sentences=[[p.text] for p in _clean().paragraphs],
        )
    assert len(project.documents()) == 1


def test_edit_status_and_undo_redo_survive_restart(project: Project) -> None:
    paragraph = project.paragraphs()[1]
    assert paragraph.status is Status.NEW
    edited = project.set_target(paragraph.id, "  First, the first paragraph.  ")
    assert edited.target == "First, the first paragraph."
    assert edited.status is Status.EDITED
    approved = project.set_approved(paragraph.id)
    assert approved.status is Status.APPROVED
    path = project.path
    project.close()

    reopened = Project.open(path)
    assert reopened.undo()[0].status is Status.EDITED
    [undone] = reopened.undo()
    assert undone.target is None and undone.status is Status.NEW
    assert reopened.undo() == []
    assert reopened.redo()[0].target == "First, the first paragraph."
    reopened.close()


def test_new_edit_clears_redo(project: Project) -> None:
    pid = project.paragraphs()[1].id
    project.set_target(pid, "one")
    project.set_target(pid, "two")
    project.undo()
    project.set_target(pid, "three")
    assert project.redo() == []
    assert project.paragraph(pid).target == "three"


def test_stale_edit_is_refused(project: Project) -> None:
    pid = project.paragraphs()[1].id
    project.set_target(pid, "someone else's text")
    with pytest.raises(ConflictError):
        project.set_target(pid, "mine", expected=None)
    assert project.paragraph(pid).target == "someone else's text"


def test_machine_translation_never_overwrites_the_translator(project: Project) -> None:
    paragraph = project.paragraphs()[2]
    project.set_target(paragraph.id, "Human text.")
    updated = project.set_machine_translation(paragraph.id, ["Machine one.", "Machine two."])
    assert updated.target == "Human text."
    assert updated.mt == "Machine one. Machine two."
    assert updated.status is Status.EDITED
    assert [s.mt for s in project.sentences(paragraph.id)] == ["Machine one.", "Machine two."]
    # Undo of the human edit falls back to the machine text, and the status says so.
    [undone] = project.undo()
    assert undone.target is None and undone.status is Status.MACHINE


def test_accept_mt_and_approve_machine_text(project: Project) -> None:
    pid = project.paragraphs()[1].id
    with pytest.raises(ProjectError, match="no machine translation"):
        project.accept_mt(pid)
    with pytest.raises(ProjectError, match="no English"):
        project.set_approved(pid)
    project.set_machine_translation(pid, ["MT."])
    assert project.accept_mt(pid).target == "MT."
    assert project.set_approved(pid).status is Status.APPROVED


def test_move_reorders_and_undoes_as_one(project: Project) -> None:
    sources = lambda: [p.source for p in project.paragraphs()]  # noqa: E731
    third = project.paragraphs()[3]
    project.move(third.id, -2)
    assert sources() == ["标题", "三是第三段。", "一是第一段。", "二是第二段。第二句。"]
    # dropped block keeps its place between title and body
    everything = project.paragraphs(include_dropped=True)
    assert everything[1].source == "分享到微信"
    project.undo()
    assert sources() == ["标题", "一是第一段。", "二是第二段。第二句。", "三是第三段。"]
    assert project.move(project.paragraphs()[0].id, -1).position == 0  # at the top already


def test_restore_dropped_block(project: Project) -> None:
    dropped = next(p for p in project.paragraphs(include_dropped=True) if not p.included)
    restored = project.set_included(dropped.id, True)
    assert restored.included
    assert [p.source for p in project.paragraphs()][1] == "分享到微信"
    assert [s.source for s in project.sentences(dropped.id)] == ["分享到微信"]
    project.undo()
    assert "分享到微信" not in [p.source for p in project.paragraphs()]


def test_status_counts(project: Project) -> None:
    pid = project.paragraphs()[0].id
    project.set_target(pid, "Title")
    counts = project.status_counts()
    assert counts[Status.EDITED] == 1 and counts[Status.NEW] == 3


def test_failed_transaction_leaves_nothing(project: Project) -> None:
    pid = project.paragraphs()[1].id
    with pytest.raises(RuntimeError), project.transaction():
        project.set_target(pid, "half done")
        raise RuntimeError("crash")
    assert project.paragraph(pid).target is None
    assert not project.can_undo()


def test_resolve_document(project: Project) -> None:
    assert project.resolve_document("doc.txt").id == project.resolve_document("1").id
    assert project.resolve_document("doc").name == "doc.txt"
    with pytest.raises(ProjectError, match="no document matches"):
        project.resolve_document("other")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"this is a text file, not a project", "not a workbench project")],
)
def test_not_a_project(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=message):
        Project.open(path)


def test_missing_project_without_create(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no project at"):
        Project.open(tmp_path / "none.sqlite", create=False)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    with pytest.raises(ProjectError, match="newer"):
        Project.open(path)


def test_resolve_document_by_prefix_before_id(project: Project) -> None:
    # "do" is a prefix of doc.txt; a number that is no id falls back to names too.
    assert project.resolve_document("do").name == "doc.txt"
    with pytest.raises(ProjectError, match="no document matches '7'"):
        project.resolve_document("7")
