"""Put an English rendering into a sentence without breaking the grammar around it.

Used when enforcement edits the model's English (placeholder restoration, replacing an
aligned or forbidden span): the indefinite article before the edit agrees with the new
words (a/an), a rendering at the start of the sentence gets a capital, a doubled article is
dropped, the plural of the replaced words carries over to the head noun, and spacing stays
single.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(a|an)(\s+)$", re.IGNORECASE)
_THE_BEFORE = re.compile(r"(?<![\w-])the\s+$", re.IGNORECASE)
_SENTENCE_END = ".!?:;\"“”'‘’)("
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ura", "uro", "eu", "one", "once", "ubiq")
_VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")
_LETTER_NAMES_WITH_VOWEL = set("AEFHILMNORSX")


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `replacement` (start == end inserts)."""

    start: int
    end: int
    replacement: str
    allow_plural: bool = True  # the head noun may take the plural of the replaced words


def indefinite_article(phrase: str) -> str:
    """'a' or 'an' for the phrase that follows it, by the sound of its first word."""
    match = _WORD.search(phrase)
    if not match:
        return "a"
    word = match.group()
    letters = word.replace("'", "").replace("’", "")
    if letters.isupper() and len(letters) > 1:  # acronym
        if len(letters) <= 3:
            return "an" if letters[0] in _LETTER_NAMES_WITH_VOWEL else "a"
        if letters[0] == "U":
            return "a"  # UNESCO, UNDP read as "you-"
        return "an" if letters[0] in "AEIO" else "a"
    low = word.lower()
    if low.startswith(_VOWEL_SOUND):
        return "an"
    if low.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if low[0] in "aeiou" else "a"


def pluralize(phrase: str) -> str:
    """The phrase with its last word (the head noun) in the plural."""
    match = list(_WORD.finditer(phrase))
    if not match:
        return phrase
    last = match[-1]
    word = last.group()
    low = word.lower()
    if low.endswith(("s", "x", "z", "ch", "sh")):
        plural = word + "es" if not low.endswith("s") else word
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        plural = word[:-1] + "ies"
    else:
        plural = word + "s"
    return phrase[: last.start()] + plural + phrase[last.end() :]


def looks_plural(text: str) -> bool:
    """Whether the last word of `text` is a regular English plural."""
    words = _WORD.findall(text)
    if not words:
        return False
    word = words[-1].lower()
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))


def at_sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \"“‘'([")
    return not before or before[-1] in ".!?"


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits (any order) and repair the grammar around each."""
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = _apply(text, edit)
    return re.sub(r"\s{2,}", " ", text).strip()


def _apply(text: str, edit: Edit) -> str:
    before, old, after = text[: edit.start], text[edit.start : edit.end], text[edit.end :]
    new = edit.replacement
    if edit.allow_plural and old and looks_plural(old) and not looks_plural(new):
        new = pluralize(new)
    if _THE_BEFORE.search(before) and re.match(r"the\s", new, re.IGNORECASE):
        new = new[4:]
    article = _ARTICLE_BEFORE.search(before)
    if article:
        wanted = indefinite_article(new)
        written = article.group(1)
        if written.lower() != wanted:
            fixed = wanted.capitalize() if written[0].isupper() else wanted
            before = before[: article.start(1)] + fixed + article.group(2)
    if at_sentence_start(before, len(before)) and new[:1].islower():
        new = new[0].upper() + new[1:]
    # One space between words; none before punctuation that follows.
    if before and not before[-1].isspace() and before[-1] not in "(\"“‘'":
        before += " "
    if after and not after[0].isspace() and after[0] not in ".,;:!?)\"”’'":
        after = " " + after
    return before + new + after
