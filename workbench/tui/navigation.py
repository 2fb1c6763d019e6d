"""Finding the next row that matters: untranslated, flagged or matching a search."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.tui.rows import Row


@dataclass(frozen=True)
class Found:
    index: int
    wrapped: bool  # the search went past the end (or the start) and continued


def find_row(
    rows: Sequence[Row], start: int, step: int, predicate: Callable[[Row], bool]
) -> Found | None:
    """The next row after `start` in direction `step` (+1/-1) satisfying `predicate`,
    continuing from the other end; `start` itself comes last."""
    count = len(rows)
    for distance in range(1, count + 1):
        index = (start + step * distance) % count
        if predicate(rows[index]):
            wrapped = (step > 0 and index <= start) or (step < 0 and index >= start)
            return Found(index, wrapped)
    return None


def search_pattern(query: str) -> re.Pattern[str]:
    """Literal, case-insensitive; runs of spaces match any whitespace."""
    parts = [re.escape(part) for part in query.split()]
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def row_matches(pattern: re.Pattern[str]) -> Callable[[Row], bool]:
    def matches(row: Row) -> bool:
        return bool(pattern.search(row.paragraph.source) or pattern.search(row.english))

    return matches
