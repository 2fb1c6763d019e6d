"""Counts in user messages agree with their nouns."""

from __future__ import annotations

from workbench.core.phrasing import counted


def test_counted_agrees_in_number() -> None:
    assert counted(1, "row") == "1 row"
    assert counted(0, "row") == "0 rows"
    assert counted(18, "paragraph") == "18 paragraphs"
    assert counted(2, "entry", "entries") == "2 entries"
