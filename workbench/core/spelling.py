"""English spelling: which words of a text a dictionary does not know.

The dictionary itself (hunspell en_US or en_GB) is loaded outside the core
(`workbench.spelling`); here it is only something that says whether it knows a word. Words
the project knows count as spelled right: the glossary's English (its approved renderings
and variants, proper names included) and the words the translator added to the project's
word list. Acronyms (all capitals: AI, BRICS, UNESCO), single letters and words with digits
(5G, G20) are not checked; a word is known if the dictionary knows it as written, or with
its first letter lower-cased at the start of a sentence. Chinese names in pinyin (a
capitalized word of one to four syllables: Xiaobo, Wuzhen) count as names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

# A word: Latin letters with inner apostrophes or hyphens (a hyphenated word is checked
# part by part). Digits next to letters make a code (5G, G20): not a word.
WORD = re.compile(r"(?<![\w’'])[A-Za-z]+(?:['’][A-Za-z]+)*(?![\w])")
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
APOSTROPHES = str.maketrans({"’": "'"})


# Pinyin, for Chinese names written in Latin letters (Xi Jinping, Liu Bochao, Wuzhen):
# a capitalized word made of at most four syllables is taken as a name.
_INITIALS = (
    "",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "zh",
    "ch",
    "sh",
    "r",
    "z",
    "c",
    "s",
    "y",
    "w",
)
_FINALS = (
    "a",
    "o",
    "e",
    "i",
    "u",
    "ai",
    "ei",
    "ui",
    "ao",
    "ou",
    "iu",
    "ie",
    "er",
    "an",
    "en",
    "in",
    "un",
    "ang",
    "eng",
    "ing",
    "ong",
    "ia",
    "iao",
    "ian",
    "iang",
    "iong",
    "ua",
    "uo",
    "uai",
    "uan",
    "uang",
    "ue",
    "v",
    "ve",
)
_SYLLABLES = frozenset(i + f for i in _INITIALS for f in _FINALS)
_NAME_SYLLABLES = 4


def is_pinyin_name(word: str) -> bool:
    """A capitalized word made of one to four pinyin syllables (tone marks left out)."""
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    text = word.lower()
    reachable = {0: 0}  # end of a split → fewest syllables to get there
    for start in range(len(text)):
        if start not in reachable:
            continue
        for end in range(start + 1, min(len(text), start + 6) + 1):
            if text[start:end] in _SYLLABLES:
                count = reachable[start] + 1
                reachable[end] = min(reachable.get(end, count), count)
    return 0 < reachable.get(len(text), _NAME_SYLLABLES + 1) <= _NAME_SYLLABLES


class Dictionary(Protocol):
    """A spelling dictionary: does it know this word (as written)?"""

    def knows(self, word: str) -> bool: ...


@dataclass(frozen=True)
class Misspelling:
    """A word the dictionary does not know, at text[start:end]."""

    start: int
    end: int
    word: str


def known_words(phrases: Iterable[str]) -> frozenset[str]:
    """The words of `phrases` (glossary English, a word list), lower-cased."""
    found: set[str] = set()
    for phrase in phrases:
        for match in _TOKEN.finditer(phrase):
            found.add(match.group().translate(APOSTROPHES).lower())
    return frozenset(found)


class Speller:
    """A dictionary with the project's own words, remembering every answer (a paragraph
    is checked again on every keystroke; its words mostly are the same)."""

    def __init__(self, dictionary: Dictionary, known: Iterable[str] = ()) -> None:
        self._dictionary = dictionary
        self._known = frozenset(w.lower() for w in known)
        self._answers: dict[str, bool] = {}

    @property
    def known(self) -> frozenset[str]:
        return self._known

    def with_known(self, known: Iterable[str]) -> Speller:
        """The same dictionary (and its remembered answers) with other project words."""
        speller = Speller(self._dictionary, known)
        speller._answers = self._answers
        return speller

    def is_known(self, word: str) -> bool:
        word = word.translate(APOSTROPHES)
        if len(word) < 2 or word.isupper() or word.lower() in self._known:
            return True
        answer = self._answers.get(word)
        if answer is None:
            answer = self._dictionary.knows(word)
            if not answer and word[0].isupper() and word[1:].islower():
                answer = self._dictionary.knows(word.lower())  # Sentence-initial capital
            if not answer and word.endswith("'s"):
                answer = self.is_known(word[:-2])  # possessive of a name or a noun
            if not answer:
                answer = is_pinyin_name(word)
            self._answers[word] = answer
        return answer

    def misspellings(self, text: str) -> list[Misspelling]:
        """The words of `text` the dictionary and the project do not know, in order."""
        return [
            Misspelling(match.start(), match.end(), match.group())
            for match in WORD.finditer(text)
            if not self.is_known(match.group())
        ]
