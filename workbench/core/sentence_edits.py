"""Splitting and joining a paragraph's source sentences where the splitter was wrong.

Pure: a paragraph's sentences in, the new list out (or an InputError naming the problem).
Sentence numbers in messages are 1-based, as the CLI and the editor show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.errors import InputError
from workbench.core.joining import join_sentences


@dataclass(frozen=True)
class SentenceText:
    """A source sentence with its machine translation (None: none, or no longer valid)."""

    source: str
    mt: str | None


def _check_index(sentences: Sequence[SentenceText], index: int, *, joining: bool) -> None:
    count = len(sentences)
    if not 0 <= index < count:
        raise InputError(
            f"no sentence {index + 1}: the paragraph has {count} sentence"
            f"{'' if count == 1 else 's'} (number them from 1)"
        )
    if joining and index == count - 1:
        raise InputError(f"sentence {index + 1} is the last one: there is no next sentence to join")


def join_at(
    sentences: Sequence[SentenceText], index: int, *, paragraph: str = ""
) -> list[SentenceText]:
    """Sentence `index` and the next as one, written as the paragraph's text `paragraph`
    has them (with or without a space between), else by the usual joining rule. Their
    machine translations are joined when both exist (a translation of the two halves is
    one of the whole); otherwise the joined sentence has none, so it never pairs with the
    wrong source."""
    _check_index(sentences, index, joining=True)
    first, second = sentences[index], sentences[index + 1]
    mt = join_sentences([first.mt, second.mt]) if first.mt and second.mt else None
    source = next(
        (
            joined
            for joined in (first.source + second.source, f"{first.source} {second.source}")
            if joined in paragraph
        ),
        join_sentences([first.source, second.source]),
    )
    joined = SentenceText(source, mt or None)
    return [*sentences[:index], joined, *sentences[index + 2 :]]


def split_at(sentences: Sequence[SentenceText], index: int, offset: int) -> list[SentenceText]:
    """Sentence `index` cut before character `offset` (0-based); both halves lose their
    machine translation (it translated the whole)."""
    _check_index(sentences, index, joining=False)
    source = sentences[index].source
    head, tail = source[:offset].strip(), source[offset:].strip()
    if not 0 < offset < len(source) or not head or not tail:
        raise InputError(
            f"cannot split sentence {index + 1} at {offset}: the point must leave text on "
            f"both sides (1 to {max(len(source) - 1, 1)} characters in)"
        )
    parts = [SentenceText(head, None), SentenceText(tail, None)]
    return [*sentences[:index], *parts, *sentences[index + 1 :]]


def split_offset(source: str, marker: str) -> int:
    """Where `marker` first occurs in `source` (the split point `--at TEXT` names)."""
    found = source.find(marker) if marker else -1
    if found < 0:
        raise InputError(f"{marker!r} is not in the sentence {source!r}")
    return found
