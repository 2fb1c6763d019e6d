"""Reading a large project a page at a time, for work that streams (exports).

`Project.paragraphs` returns a whole document as a list; a document of a few hundred
thousand paragraphs then costs hundreds of megabytes twice over (the rows, the objects).
These read the same rows in pages, in the same order, holding one page at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

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
        for row in rows:
            yield paragraph_from_row(row)
        if len(rows) < page:
            return
        last = paragraph_from_row(rows[-1])
        position, last_id = last.position, last.id
