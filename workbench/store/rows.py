"""What a project's rows hold: mappers between rows and domain types, derived values.

The timestamp format and the status rule live here because the project, its history and
the caches built on it all write them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from workbench.core.segments import (
    CleanDocument,
    Document,
    DocumentMetadata,
    Paragraph,
    ParagraphKind,
    Sentence,
    Status,
)
from workbench.store.dbapi import Row


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def derive_status(target: str | None, mt: str | None, *, approved: bool = False) -> Status:
    """The one rule for status: only approval is a choice, the rest follows from the text."""
    if approved and target:
        return Status.APPROVED
    if target:
        return Status.EDITED
    if mt:
        return Status.MACHINE
    return Status.NEW


def paragraph_rows(
    clean: CleanDocument, sentences: Sequence[Sequence[str]]
) -> list[tuple[dict[str, Any], Sequence[str]]]:
    """The `paragraphs` rows of a cleaned document, each with its sentences: kept paragraphs
    and dropped blocks in input order. `sentences[i]` are those of `clean.paragraphs[i]`;
    dropped blocks have none until they are restored."""
    blocks: list[tuple[int, dict[str, Any], Sequence[str]]] = []
    for paragraph, its_sentences in zip(clean.paragraphs, sentences, strict=True):
        row = {
            "line_no": paragraph.line_no,
            "kind": paragraph.kind.value,
            "source": paragraph.text,
            "original": paragraph.original,
            "changes": json.dumps(list(paragraph.changes), ensure_ascii=False),
            "included": 1,
            "drop_rule": None,
            "drop_reason": None,
        }
        blocks.append((paragraph.line_no, row, its_sentences))
    for block in clean.dropped:
        row = {
            "line_no": block.line_no,
            "kind": ParagraphKind.BODY.value,
            "source": block.text,
            "original": block.text,
            "changes": "[]",
            "included": 0,
            "drop_rule": block.rule_id,
            "drop_reason": block.reason,
        }
        blocks.append((block.line_no, row, ()))
    blocks.sort(key=lambda item: item[0])
    return [(row, its_sentences) for _, row, its_sentences in blocks]


def document_from_row(row: Row) -> Document:
    return Document(
        id=row["id"],
        name=row["name"],
        path=row["path"],
        sha256=row["sha256"],
        encoding=row["encoding"],
        format=row["format"],
        title=row["title"],
        metadata=DocumentMetadata(
            source=row["meta_source"],
            date=row["meta_date"],
            author=row["meta_author"],
            url=row["meta_url"],
        ),
        warnings=tuple(json.loads(row["warnings"])),
        imported_at=row["imported_at"],
    )


# The columns a `Paragraph` is made of, in the order `paragraph_from_row` unpacks them.
# Reading these rather than `*` skips `original` and `changes` (the cleaner's record, as
# long as the text again), which no reader of paragraphs needs.
PARAGRAPH_COLUMNS = (
    "id, document_id, position, kind, source, mt, target, status, included, review,"
    " drop_rule, drop_reason, line_no, updated_at, propagated, alternative, note"
)
# Enum look-ups by dict: calling the enum class costs ~10x a dict look-up per row.
_KINDS = {kind.value: kind for kind in ParagraphKind}
_STATUSES = {status.value: status for status in Status}


def paragraph_from_row(row: Row) -> Paragraph:
    """A paragraph from a row of `SELECT {PARAGRAPH_COLUMNS}` (unpacked by position: a
    row's name look-up costs more than the rest of the mapping, on either backend)."""
    (
        id_,
        document_id,
        position,
        kind,
        source,
        mt,
        target,
        status,
        included,
        review,
        drop_rule,
        drop_reason,
        line_no,
        updated_at,
        propagated,
        alternative,
        note,
    ) = row
    return Paragraph(
        id_,
        document_id,
        position,
        _KINDS[kind],
        source,
        mt,
        target,
        _STATUSES[status],
        bool(included),
        bool(review),
        drop_rule,
        drop_reason,
        line_no,
        updated_at,
        bool(propagated),
        bool(alternative),
        note,
    )


def sentence_from_row(row: Row) -> Sentence:
    return Sentence(
        id=row["id"],
        paragraph_id=row["paragraph_id"],
        index=row["idx"],
        source=row["source"],
        mt=row["mt"],
    )
