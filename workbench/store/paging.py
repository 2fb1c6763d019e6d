"""Reading a large project a page at a time, for work that streams (exports), and the
rows around one paragraph, for an editor's first paint.

`Project.paragraphs` returns a whole document as a list; a document of a few hundred
thousand paragraphs then costs hundreds of megabytes twice over (the rows, the objects).
These read the same rows in pages, in the same order, holding one page at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from workbench.core.segments import Paragraph
from workbench.store.project import Project
from workbench.store.rows import PARAGRAPH_COLUMNS, paragraph_from_row

PAGE = 2000


def iter_paragraphs(project: Project, document_id: int, *, page: int = PAGE) -> Iterator[Paragraph]:
    """The included paragraphs of a document in order, as `Project.paragraphs` gives them.

    Each page is one short query that starts where the last one ended (a row-value range on
    position and id, which the index serves); the project is not locked between pages.
    """
    position, last_id = -1, -1
    while True:
        rows = project.query(
            f"SELECT {PARAGRAPH_COLUMNS} FROM paragraphs WHERE document_id = ? AND included = 1"
            " AND (position, id) > (?, ?) ORDER BY position, id LIMIT ?",
            (document_id, position, last_id, page),
        )
        paragraph = None
        for row in rows:
            paragraph = paragraph_from_row(row)
            yield paragraph
        if paragraph is None or len(rows) < page:
            return
        position, last_id = paragraph.position, paragraph.id


@dataclass(frozen=True)
class Window:
    """Some consecutive included paragraphs of a document, and where they stand in it."""

    paragraphs: list[Paragraph]
    offset: int  # how many included paragraphs come before the first one
    total: int  # the document's included paragraphs
    cursor: int  # index in `paragraphs` of the paragraph asked for (0 if it is not there)


def paragraph_window(
    project: Project, document_id: int, paragraph_id: int | None, *, around: int
) -> Window:
    """Up to `around` included paragraphs either side of `paragraph_id` (the document's start
    when it is None or not an included paragraph of the document), in `Project.paragraphs`
    order, with the document's count: what an editor needs to show the rows near its cursor
    before it has read the rest. Three short queries; the counts scan the document's rows
    once (an index serves position, not `included`)."""
    where = "document_id = ? AND included = 1"
    anchor: tuple[int, int] = (-1, -1)
    if paragraph_id is not None:
        rows = project.query(
            f"SELECT position, id FROM paragraphs WHERE id = ? AND {where}",
            (paragraph_id, document_id),
        )
        if rows:
            anchor = (rows[0][0], rows[0][1])
    counts = project.query(
        f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN (position, id) < (?, ?) THEN 1 ELSE 0 END), 0)"
        f" FROM paragraphs WHERE {where}",
        (*anchor, document_id),
    )
    total, before = int(counts[0][0]), int(counts[0][1])
    columns = PARAGRAPH_COLUMNS
    earlier = project.query(
        f"SELECT {columns} FROM paragraphs WHERE {where} AND (position, id) < (?, ?)"
        " ORDER BY position DESC, id DESC LIMIT ?",
        (document_id, *anchor, around),
    )
    later = project.query(
        f"SELECT {columns} FROM paragraphs WHERE {where} AND (position, id) >= (?, ?)"
        " ORDER BY position, id LIMIT ?",
        (document_id, *anchor, around + 1),
    )
    paragraphs = [paragraph_from_row(row) for row in reversed(earlier)]
    cursor = len(paragraphs)
    paragraphs += [paragraph_from_row(row) for row in later]
    return Window(paragraphs, before - len(earlier), total, cursor)
