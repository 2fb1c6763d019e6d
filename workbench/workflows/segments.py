"""Split and join a paragraph's source sentences (where the Chinese splitter was wrong),
each one undo step; the project memory's sentence pairs follow the new boundaries.

Sentence-level exports, checks and the memory read the `sentences` rows, so they follow by
themselves; the paragraph's own Chinese, English and MT are left as they are. Numbers here
are 0-based; the CLI and the editor show them from 1.
"""

from __future__ import annotations

from workbench.core.segments import Sentence
from workbench.core.sentence_edits import join_at, split_at, split_offset
from workbench.store.memory import MemoryStore
from workbench.store.project import Project


def join_sentence(project: Project, paragraph_id: int, index: int) -> list[Sentence]:
    """Sentence `index` and the next as one; the paragraph's sentences after."""
    with project.transaction():
        paragraph = project.paragraph(paragraph_id).source
        sentences = project.set_sentences(
            paragraph_id, lambda s: join_at(s, index, paragraph=paragraph)
        )
        MemoryStore(project).sync_project([paragraph_id])
    return sentences


def split_sentence(
    project: Project,
    paragraph_id: int,
    index: int,
    offset: int | None = None,
    *,
    at: str | None = None,
) -> list[Sentence]:
    """Sentence `index` cut before character `offset`, or before the first occurrence of
    the text `at`; the paragraph's sentences after."""

    def split(current: list[str]) -> int:
        if offset is not None:
            return offset
        if not 0 <= index < len(current):
            return -1  # split_at names the bad sentence number
        return split_offset(current[index], at or "")

    with project.transaction():
        sources = [s.source for s in project.sentences(paragraph_id)]
        cut = split(sources)
        sentences = project.set_sentences(paragraph_id, lambda s: split_at(s, index, cut))
        MemoryStore(project).sync_project([paragraph_id])
    return sentences
