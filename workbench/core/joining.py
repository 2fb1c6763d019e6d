"""Sentences put back together into a paragraph (another tool's sentence-level pairs)."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.core.text import is_cjk, is_cjk_punct


def join_sentences(parts: Iterable[str]) -> str:
    """Sentences as one paragraph: each trimmed, one space between (English), none before
    CJK punctuation or between two CJK characters (Chinese)."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and not _joins_tight(text[-1], part[0]):
            text += " "
        text += part
    return text


def _joins_tight(before: str, after: str) -> bool:
    return is_cjk_punct(after) or (is_cjk(before) and is_cjk(after))
