"""Ingest: from the bytes of a document to clean, ordered paragraphs ready to translate.

The public API of the ingest core, in pipeline order:

    decode(data, name=...)                       bytes → DecodedText (encoding detected)
    clean_document(text, fmt=..., rules=...)     text → CleanDocument (title, metadata,
                                                 paragraphs, dropped blocks, warnings)
    normalize_punctuation(text)                  half-width marks in Chinese → full-width
    split_sentences(text)                        a paragraph → sentences (zh and en)
    find_enumeration_problems(paragraphs)        一是/二是… out of order → messages
    load_rules(toml_text, base=...)              cleaning rules from a TOML string

`workbench.ingest_rules` reads the packaged default rules and user rule files (I/O stays
out of the core).

clean_document, step by step: the format is turned into blocks (lines of a .txt, paragraphs
of a .md, block elements of an .html with page furniture removed by element rules); each
block is classified by the rules file (cleaning.py); the title, navigation and lead are
found from the article's shape (structure.py); kept blocks become paragraphs with their
punctuation normalized; every other block is reported with the id and reason of the rule
that removed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from workbench.core.blocks import Extraction, text_blocks
from workbench.core.cleaning import Line, LineState, classify
from workbench.core.cleaning_rules import CleaningRules, Rule, RuleKind, load_rules
from workbench.core.decoding import DecodedText, decode
from workbench.core.enumeration import find_enumeration_problems
from workbench.core.errors import InputError
from workbench.core.html_blocks import html_blocks
from workbench.core.markdown_blocks import markdown_blocks
from workbench.core.metadata import normalize_date
from workbench.core.segments import (
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    DroppedBlock,
    ParagraphKind,
    RemovedCharacters,
)
from workbench.core.sentences import split_sentences
from workbench.core.structure import choose_title, drop_navigation, find_lead
from workbench.core.text import has_han, normalize_punctuation
from workbench.core.text_policy import UNWRITABLE, sanitize, sanitize_text

__all__ = [
    "CleaningRules",
    "DecodedText",
    "Format",
    "Rule",
    "RuleKind",
    "clean_document",
    "decode",
    "find_enumeration_problems",
    "load_rules",
    "normalize_punctuation",
    "split_sentences",
]

Format = Literal["txt", "md", "html"]
FORMATS: tuple[Format, ...] = ("txt", "md", "html")


def clean_document(
    text: str, *, fmt: Format, rules: CleaningRules, name: str = ""
) -> CleanDocument:
    """Extract the article of a document: title, metadata and paragraphs in document order."""
    extraction, removed = _sanitized(_extract(text, fmt, rules, name), text, fmt)
    lines = classify(extraction.blocks, rules)
    title = choose_title(lines, rules.heuristics)
    drop_navigation(lines, title, rules.heuristics)
    lead = find_lead(lines, title, rules)
    paragraphs = _paragraphs(lines, title, lead)
    return CleanDocument(
        title=paragraphs[0].text if title is not None else None,
        metadata=_metadata(lines, extraction.metadata),
        paragraphs=paragraphs,
        dropped=_dropped(lines, extraction),
        warnings=_warnings(paragraphs, name),
        removed=removed,
    )


def _extract(text: str, fmt: Format, rules: CleaningRules, name: str) -> Extraction:
    if fmt == "txt":
        return text_blocks(text)
    if fmt == "md":
        return markdown_blocks(text)
    if fmt == "html":
        return html_blocks(text, rules)
    raise InputError(
        f"{name or 'input'}: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}"
    )


def _sanitized(
    extraction: Extraction, text: str, fmt: Format
) -> tuple[Extraction, tuple[RemovedCharacters, ...]]:
    """The extraction without the characters no file may carry, and where they were.

    Only blocks are cleaned: in HTML a character reference (&#xFFFE;) makes such characters
    out of plain ASCII, so the decoded page as a whole cannot be checked for them."""
    if fmt != "html" and UNWRITABLE.search(text) is None:
        return extraction, ()
    removed: list[RemovedCharacters] = []

    def clean(source: str, line_no: int) -> str:
        if UNWRITABLE.search(source) is None:
            return source
        result = sanitize(source)
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(UNWRITABLE.findall(source)))
        removed.append(RemovedCharacters(line_no, result.removed, codes))
        return result.text

    blocks = []
    for block in extraction.blocks:
        if UNWRITABLE.search(block.source_text) is None:
            blocks.append(block)
            continue
        original = clean(block.source_text, block.line_no)
        text = sanitize_text(block.text)
        blocks.append(replace(block, text=text, original=original if block.original else ""))
    dropped = [
        replace(block, text=clean(block.text, block.line_no)) for block in extraction.dropped
    ]
    meta = extraction.metadata
    metadata = replace(
        meta,
        **{
            name: clean(value, 0)
            for name in ("source", "author", "date", "url")
            if (value := getattr(meta, name))
        },
    )
    cleaned = Extraction(blocks=tuple(blocks), dropped=tuple(dropped), metadata=metadata)
    return cleaned, tuple(sorted(removed, key=lambda r: r.line_no))


def _paragraphs(
    lines: Sequence[Line], title: int | None, lead: int | None
) -> tuple[CleanParagraph, ...]:
    kinds = {title: ParagraphKind.TITLE, lead: ParagraphKind.LEAD}
    return tuple(
        CleanParagraph(
            text=line.normalized(),
            kind=kinds.get(n, ParagraphKind.BODY),
            line_no=line.block.line_no,
            original=line.block.source_text,
            changes=line.changes,
        )
        for n, line in enumerate(lines)
        if line.kept
    )


def _metadata(lines: Sequence[Line], from_markup: DocumentMetadata) -> DocumentMetadata:
    """Metadata lines of the page first (what the reader sees), then <meta> or front matter."""
    found: dict[str, str] = {}
    for line in lines:
        if line.metadata is not None:
            for name in ("source", "author", "date", "url"):
                value = getattr(line.metadata, name)
                if value:
                    found.setdefault(name, value)
    for name in ("source", "author", "date", "url"):
        value = getattr(from_markup, name)
        if value:
            found.setdefault(name, (normalize_date(value) or value) if name == "date" else value)
    return DocumentMetadata(**found)


def _dropped(lines: Sequence[Line], extraction: Extraction) -> tuple[DroppedBlock, ...]:
    removed = [
        line.dropped_block()
        for line in lines
        if line.state in (LineState.DROPPED, LineState.METADATA)
    ]
    return tuple(sorted([*extraction.dropped, *removed], key=lambda block: block.line_no))


def _warnings(paragraphs: Sequence[CleanParagraph], name: str) -> tuple[str, ...]:
    what = name or "the input"
    if not paragraphs:
        return (f"{what}: no paragraphs kept; every block looked like page furniture",)
    warnings = find_enumeration_problems([p.text for p in paragraphs])
    if not any(has_han(p.text) for p in paragraphs):
        warnings.append(f"{what}: the kept paragraphs contain no Chinese text")
    return tuple(warnings)
