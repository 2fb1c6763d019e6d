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


def paragraph_from_row(row: Row) -> Paragraph:
    return Paragraph(
        id=row["id"],
        document_id=row["document_id"],
        position=row["position"],
        kind=ParagraphKind(row["kind"]),
        source=row["source"],
        mt=row["mt"],
        target=row["target"],
        status=Status(row["status"]),
        included=bool(row["included"]),
        review=bool(row["review"]),
        drop_rule=row["drop_rule"],
        drop_reason=row["drop_reason"],
        line_no=row["line_no"],
        updated_at=row["updated_at"],
        propagated=bool(row["propagated"]),
        alternative=bool(row["alternative"]),
        note=row["note"],
    )


def sentence_from_row(row: Row) -> Sentence:
    return Sentence(
        id=row["id"],
        paragraph_id=row["paragraph_id"],
        index=row["idx"],
        source=row["source"],
        mt=row["mt"],
    )
