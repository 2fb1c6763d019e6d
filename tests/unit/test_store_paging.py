"""The rows around one paragraph (`paragraph_window`, an editor's first paint) and the paged
read (`iter_paragraphs`) give what `Project.paragraphs` gives, on both backends."""

from __future__ import annotations

import pytest

from workbench.core.segments import (
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    DroppedBlock,
    ParagraphKind,
    Status,
)
from workbench.store.paging import iter_paragraphs, paragraph_window
from workbench.store.project import Project
from workbench.workflows.memory import save_translation

KEPT = 30
DROPPED_AT = (0, 7, 8, 31)  # line numbers of dropped blocks: before, inside and after


def _document(project: Project, name: str) -> int:
    paragraphs = tuple(
        CleanParagraph(f"{name}第{i}段。", ParagraphKind.BODY, line_no=i + 1, original="x")
        for i in range(KEPT)
    )
    dropped = tuple(DroppedBlock(f"广告{n}", n, "ads", "advert") for n in DROPPED_AT)
    clean = CleanDocument(None, DocumentMetadata(), paragraphs, dropped)
    document = project.add_document(
        clean,
        name=name,
        path=name,
        sha256=name,
        encoding="utf-8",
        fmt="txt",
        sentences=[[p.text] for p in paragraphs],
    )
    return document.id


@pytest.fixture
def project(project_location: str) -> Project:
    """Two documents, each with dropped blocks among its paragraphs; some rows edited."""
    project = Project.open(project_location)
    _document(project, "other")
    document_id = _document(project, "doc")
    for paragraph in project.paragraphs(document_id)[::4]:
        save_translation(project, paragraph.id, f"Row {paragraph.position}.")
    return project


def test_the_window_is_a_slice_of_the_document_around_the_paragraph(project: Project) -> None:
    document_id = project.resolve_document("doc").id
    every = project.paragraphs(document_id)
    assert len(every) == KEPT
    assert {p.status for p in every} == {Status.NEW, Status.EDITED}
    for index in (0, 1, 4, 15, KEPT - 2, KEPT - 1):
        window = paragraph_window(project, document_id, every[index].id, around=4)
        assert window.total == KEPT
        assert window.paragraphs == every[window.offset : window.offset + len(window.paragraphs)]
        assert window.offset == max(0, index - 4)
        assert window.paragraphs[window.cursor] == every[index]
        assert len(window.paragraphs) == min(KEPT, index + 5) - max(0, index - 4)


def test_without_a_paragraph_of_the_document_the_window_starts_at_the_top(
    project: Project,
) -> None:
    document_id = project.resolve_document("doc").id
    every = project.paragraphs(document_id)
    dropped = project.paragraphs(document_id, include_dropped=True)
    dropped_id = next(p.id for p in dropped if not p.included)
    other_id = project.paragraphs(project.resolve_document("other").id)[10].id
    for paragraph_id in (None, dropped_id, other_id, 10**9):
        window = paragraph_window(project, document_id, paragraph_id, around=3)
        assert (window.offset, window.cursor, window.total) == (0, 0, KEPT)
        assert window.paragraphs == every[:4]


def test_the_paged_read_is_the_whole_document(project: Project) -> None:
    document_id = project.resolve_document("doc").id
    assert list(iter_paragraphs(project, document_id, page=7)) == project.paragraphs(document_id)
