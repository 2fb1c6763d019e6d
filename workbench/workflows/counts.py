"""Counts per document and for the whole project (`workbench status`, the editor's status
bar): Chinese characters, English words, rows by status, % approved. See `core.counts`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.core.counts import Counts, count_paragraphs
from workbench.core.segments import Document
from workbench.store.project import Project


@dataclass(frozen=True)
class ProjectCounts:
    documents: tuple[tuple[Document, Counts], ...]

    @property
    def total(self) -> Counts:
        return sum((counts for _, counts in self.documents), Counts())

    def as_dict(self) -> dict[str, Any]:
        """Fields named by what they count, per document and for the project (for JSON)."""
        return {
            "documents": [
                {"id": document.id, "name": document.name, **counts.as_dict()}
                for document, counts in self.documents
            ],
            "project": self.total.as_dict(),
        }


def document_counts(project: Project, document_id: int) -> Counts:
    """The counts of a document's rows (the paragraphs it keeps; dropped blocks are not rows)."""
    return count_paragraphs(project.paragraphs(document_id))


def project_counts(project: Project) -> ProjectCounts:
    return ProjectCounts(
        tuple((document, document_counts(project, document.id)) for document in project.documents())
    )
