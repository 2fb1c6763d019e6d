"""Wording of the messages shown to users."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 paragraph`, `2 paragraphs`, `1,234 paragraphs`; `plural` for nouns without a
    regular -s plural."""
    if number == 1:
        return f"{number} {noun}"
    return f"{number:,} {plural or noun + 's'}"
