"""Counts of a translation: Chinese characters (how Chinese work is billed), English words,
rows by status and how much is approved.

Chinese characters are Han ideographs (punctuation, digits and Latin letters in the Chinese
are not counted). English words are counted in the translator's English only: machine output
is not work done. A word is a run of letters or digits, with inner apostrophes and hyphens
(`don't`, `capacity-building`, `2,024` and `3.5` are one word each).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from workbench.core.segments import Paragraph, Status
from workbench.core.text import HAN_RUN, count_han

_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")


def chinese_characters(text: str) -> int:
    """Han characters in `text` (`core.text`'s one definition of Han), and 〇, the zero of
    Chinese dates (二〇二四年), which is billed like any character."""
    return count_han(text) + text.count("〇")


def english_words(text: str) -> int:
    """Words in `text` (Han characters are not words: they are left out)."""
    return sum(1 for word in _WORD.findall(HAN_RUN.sub(" ", text)))


def _no_statuses() -> dict[Status, int]:
    return dict.fromkeys(Status, 0)


@dataclass(frozen=True)
class Counts:
    """What a set of rows holds."""

    rows: int = 0
    by_status: Mapping[Status, int] = field(default_factory=_no_statuses)
    chinese_characters: int = 0
    approved_chinese_characters: int = 0
    english_words: int = 0

    @property
    def approved_percent(self) -> float:
        """Approved rows, in percent of the rows (0 for no rows)."""
        return 100.0 * self.by_status[Status.APPROVED] / self.rows if self.rows else 0.0

    @property
    def approved_characters_percent(self) -> float:
        if not self.chinese_characters:
            return 0.0
        return 100.0 * self.approved_chinese_characters / self.chinese_characters

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.rows + other.rows,
            {status: self.by_status[status] + other.by_status[status] for status in Status},
            self.chinese_characters + other.chinese_characters,
            self.approved_chinese_characters + other.approved_chinese_characters,
            self.english_words + other.english_words,
        )


def percent_text(value: float) -> str:
    """`35%`; never `100%` before everything is done, nor `0%` once something is."""
    if 99 < value < 100:
        return "99%"
    if 0 < value < 1:
        return "<1%"
    return f"{value:.0f}%"


class Counter:
    """Counts rows, remembering the counts of texts already seen (the editor counts its
    rows again after every change; only changed texts are counted anew)."""

    def __init__(self) -> None:
        self._characters: dict[str, int] = {}
        self._words: dict[str, int] = {}

    def count(self, paragraphs: Iterable[Paragraph]) -> Counts:
        by_status = _no_statuses()
        rows = characters = approved = words = 0
        known_characters = self._characters
        known_words = self._words
        for paragraph in paragraphs:
            rows += 1
            by_status[paragraph.status] += 1
            source = paragraph.source
            found = known_characters.get(source)
            if found is None:
                found = known_characters[source] = chinese_characters(source)
            characters += found
            if paragraph.status is Status.APPROVED:
                approved += found
            target = paragraph.target
            if target:
                count = known_words.get(target)
                if count is None:
                    count = known_words[target] = english_words(target)
                words += count
        if len(known_characters) > 200_000 or len(known_words) > 200_000:
            known_characters.clear()
            known_words.clear()
        return Counts(rows, by_status, characters, approved, words)


def count_paragraphs(paragraphs: Iterable[Paragraph]) -> Counts:
    return Counter().count(paragraphs)
