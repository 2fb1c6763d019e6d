"""Alt+digit as terminals send it.

A terminal sends alt+1 as ESC followed by "1" (kitty-protocol terminals send a sequence of
their own, which Textual already reads as alt+1). Textual reads ESC "1" … ESC "0" as the
characters WezTerm on macOS means by them (¡ ™ £ ¢ ∞ § ¶ • ª º), so the editor's alt+1 …
alt+9 would never arrive and a UK "£" could not be told from alt+3 by a binding. Dropping
those ten entries from Textual's table makes ESC digit what every other terminal means by
it: alt+digit, with the digit as its character.
"""

from __future__ import annotations

from typing import Any, cast

from textual import _ansi_sequences

ESC_DIGITS = tuple(f"\x1b{digit}" for digit in "0123456789")


def read_alt_digits() -> None:
    """Make ESC digit arrive as alt+digit (idempotent)."""
    table = cast("dict[str, Any]", _ansi_sequences.ANSI_SEQUENCES_KEYS)
    for sequence in ESC_DIGITS:
        table.pop(sequence, None)
