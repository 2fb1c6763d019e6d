"""How far the translation of each document and of the whole project has come.

One counting for `workbench status` (text and JSON) and the editor's status bar: paragraphs
by status, Chinese characters of the source, English words of the translator's English
(machine output is not work done) and the share approved; what counts as a character or a
word is `core.counts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.core.counts import chinese_characters, english_words
from workbench.core.segments import Document, Paragraph, Status
from workbench.store.project import Project


@dataclass(frozen=True)
class Progress:
    """Counts over a set of paragraphs (those the cleaner kept)."""

    paragraphs: int = 0
    by_status: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))
    chinese_characters: int = 0  # Han characters of the source
    english_words: int = 0  # words of the translator's English
    chinese_characters_approved: int = 0

    @property
    def translated_by_hand(self) -> int:
        return self.by_status[Status.EDITED] + self.by_status[Status.APPROVED]

    @property
    def percent_approved(self) -> float:
        """Approved paragraphs as a percentage of all, one decimal (0 without paragraphs)."""
        if not self.paragraphs:
            return 0.0
        return round(100 * self.by_status[Status.APPROVED] / self.paragraphs, 1)

    def plus(self, other: Progress) -> Progress:
        return Progress(
            paragraphs=self.paragraphs + other.paragraphs,
            by_status={s: self.by_status[s] + other.by_status[s] for s in Status},
            chinese_characters=self.chinese_characters + other.chinese_characters,
            english_words=self.english_words + other.english_words,
            chinese_characters_approved=(
                self.chinese_characters_approved + other.chinese_characters_approved
            ),
        )


def count_progress(paragraphs: Iterable[Paragraph]) -> Progress:
    by_status = dict.fromkeys(Status, 0)
    total = han = words = han_approved = 0
    for paragraph in paragraphs:
        if not paragraph.included:
            continue
        total += 1
        by_status[paragraph.status] += 1
        chars = chinese_characters(paragraph.source)
        han += chars
        if paragraph.status is Status.APPROVED:
            han_approved += chars
        if paragraph.target:
            words += english_words(paragraph.target)
    return Progress(total, by_status, han, words, han_approved)


@dataclass(frozen=True)
class DocumentProgress:
    document: Document
    progress: Progress


@dataclass(frozen=True)
class ProjectProgress:
    documents: tuple[DocumentProgress, ...]
    total: Progress


def project_progress(project: Project, document_id: int | None = None) -> ProjectProgress:
    """Progress per document (or of one) and the total over them."""
    documents = project.documents()
    if document_id is not None:
        documents = [d for d in documents if d.id == document_id]
    rows = tuple(
        DocumentProgress(document, count_progress(project.paragraphs(document.id)))
        for document in documents
    )
    total = Progress()
    for row in rows:
        total = total.plus(row.progress)
    return ProjectProgress(rows, total)
