"""Whether a text holds a literal, as Python's `re` would find it, without running the regex.

Find-all and the editor's text filters test every row of a document (100,000 rows in a
large one). A substring test (`in`, a fast search in C) decides most rows far faster than
the regex engine, above all under IGNORECASE, where `re` compares character by character.

Case-insensitive, an ASCII literal is looked for in the text's UTF-8 bytes lower-cased:
lower-casing bytes touches ASCII letters only (several times faster than `str.lower` on a
non-ASCII text), and an ASCII byte is never part of another character in UTF-8. A hit there
is a hit for `re`. A miss is final except in a text holding one of the four non-ASCII
characters `re` folds together with an ASCII letter of the literal (the dotted and dotless
i, the long s, the Kelvin sign): then the test answers None and the regex decides. A
literal with non-ASCII letters that have a case (Greek, Cyrillic) is always the regex's.

Joining all the texts into one string and searching it once was tried: copying 69 million
characters of English to join them costs more than the searches it saves (see
benchmarks/README.md).
"""

from __future__ import annotations

from collections.abc import Callable

# Non-ASCII characters that `re.IGNORECASE` takes for an ASCII letter, by that letter (a
# test recomputes them from the regex engine's own tables).
FOLDS_WITH_ASCII = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}  # İ ı ſ K

LiteralTest = Callable[[str], bool | None]


def literal_test(
    needle: str, *, case_sensitive: bool, whole_word: bool = False
) -> LiteralTest | None:
    """A test telling whether a text holds `needle` (True/False, None: ask the regex), or
    None when only the regex can say (a cased non-ASCII needle under IGNORECASE). With
    `whole_word`, a hit counts only with no word character (`str.isalnum()` or "_", what
    `\\w` is in a `str` pattern) right before or after it."""
    if not needle:
        return None
    if case_sensitive or needle.lower() == needle.upper():
        if whole_word:
            return lambda text: _has_word(text, needle, text)
        return lambda text: needle in text
    if not needle.isascii():
        return None
    lowered = needle.lower()
    encoded = lowered.encode()
    folding = "".join(FOLDS_WITH_ASCII.get(letter, "") for letter in set(lowered))

    def test(text: str) -> bool | None:
        if text.isascii():
            if whole_word:
                return _has_word(text.lower(), lowered, text)
            return lowered in text.lower()
        if encoded in text.encode("utf-8", "surrogatepass").lower():
            return None if whole_word else True
        if folding and any(char in text for char in folding):
            return None
        return False

    return test


def _has_word(haystack: str, needle: str, text: str) -> bool:
    """Whether `needle` occurs in `haystack` (`text` or its lower case, offset for offset)
    with no word character of `text` next to it."""
    size = len(needle)
    start = haystack.find(needle)
    while start >= 0:
        end = start + size
        if not (start and _is_word(text[start - 1])) and not (
            end < len(text) and _is_word(text[end])
        ):
            return True
        start = haystack.find(needle, start + 1)
    return False


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"
