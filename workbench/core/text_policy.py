"""The one text policy at the workbench's boundaries: which characters never reach a file.

Every file the workbench writes (TMX, XLIFF, TBX, PO, TSV, JSONL, the glossary) must be
readable by other tools, and XML 1.0 is the strictest of them. So text that enters the
workbench (an imported page, a typed or pasted translation, an imported translation file,
machine output) loses the characters that XML 1.0 cannot carry or that carry no text:

- C0 controls other than tab, line feed and carriage return (ESC, BEL, VT, FF, NUL, ...);
- DEL and the C1 controls, except NEL (U+0085), which is a line break and becomes "\\n";
- noncharacters: U+FFFE and U+FFFF, the same two at the end of every plane, U+FDD0..U+FDEF;
- lone surrogates (only reachable through broken decoders or JSON escapes);
- terminal escape sequences (ECMA-48) whole, not only their ESC: text copied from a console
  carries colours and window titles, and dropping the ESC alone left "[31m" in the
  translation. Only forms whose end is certain go whole (CSI, string commands with their
  terminator, character-set choices); any other ESC goes alone and the text after it stays.

Kept on purpose, because they are text: zero-width joiner and non-joiner (emoji sequences,
Indic and Persian names), variation selectors, bidi marks and isolates, the line and
paragraph separators U+2028/U+2029 (writers whose readers split lines on them escape them).

`sanitize` is the only place this is decided; readers and writers call it (writers as a
last line of defence, so that one stray character never stops an export).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters removed at the boundaries (see the module docstring for why each range).
_UNWRITABLE_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f"  # C0 controls but tab, LF, CR
    "\x7f-\x84\x86-\x9f"  # DEL, C1 controls but NEL
    "\ud800-\udfff"  # surrogates: never valid on their own in a str meant as text
    "\ufdd0-\ufdef"  # the noncharacter block in Arabic Presentation Forms-A
    "\ufffe\uffff"
)
_PLANE_END_NONCHARACTERS = "".join(
    chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF)
)
UNWRITABLE = re.compile(f"[{_UNWRITABLE_CLASS}{_PLANE_END_NONCHARACTERS}]")
_NEL = "\x85"
# CSI (ESC [ or its 8-bit form): colours, cursor moves, clearing the screen. OSC, DCS, SOS,
# PM and APC strings (window titles, hyperlinks, in any script) when their terminator
# follows within 2,048 characters with no control between; an unterminated one is not a
# sequence whose end is known, and the text after its ESC stays. ESC ( B and
# its kin choose a character set (tput sgr0 writes one); ESC = and ESC > set keypad modes.
ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x00-\x1f\x7f-\x9f]{0,2048}?(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[()*+][0-~]|\x1b[=>]"
)

# Characters that some readers treat as line ends although they are not LF/CR: escaped by
# line-oriented writers (JSONL), never removed from the text.
LINE_SEPARATORS = "\u2028\u2029\x85\x1c\x1d\x1e\x0b\x0c"

# What a writer puts where it still meets an unwritable character (U+FFFD REPLACEMENT
# CHARACTER is itself writable everywhere and says "something was here").
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Sanitized:
    """Text after the policy, with how many characters the policy removed."""

    text: str
    removed: int
    """Characters dropped, a whole escape sequence's included (a NEL turned into a line feed
    does not count)."""


def is_unwritable(char: str) -> bool:
    """True for a character no file the workbench writes may carry."""
    return UNWRITABLE.fullmatch(char) is not None


def sanitize(text: str) -> Sanitized:
    """Remove the unwritable characters from text entering the workbench."""
    if _NEL in text:
        text = text.replace(_NEL, "\n")
    cleaned = UNWRITABLE.sub("", ESCAPE_SEQUENCE.sub("", text))
    return Sanitized(cleaned, len(text) - len(cleaned))


def sanitize_text(text: str) -> str:
    """`sanitize` for callers that report nothing."""
    return sanitize(text).text


def replace_unwritable(text: str) -> str:
    """For writers: each unwritable character or escape sequence becomes U+FFFD, so that an
    export never fails on text that slipped past the boundaries (an old project, a
    hand-edited database)."""
    if _NEL in text:
        text = text.replace(_NEL, "\n")
    return UNWRITABLE.sub(REPLACEMENT, ESCAPE_SEQUENCE.sub(REPLACEMENT, text))


def count_unwritable(text: str) -> int:
    """How many characters `sanitize` removes from text."""
    return sanitize(text).removed
