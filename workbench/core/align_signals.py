"""What the aligner compares besides length: anchors and dictionary words of one sentence.

An *anchor* is a key both languages write recognizably: a number or date (2023年10月 and
October 2023 both give n:10 and n:2023), a code (A/RES/78/311), a glossary term (the Chinese
term on one side, its approved rendering or a variant on the other: both give t:<term>), an
enumeration marker at the start (一、 and I., （一） and 1.: e:<n>) and a question mark. Two
sentences that translate each other share most of their anchors.

*Dictionary words* are the CC-CEDICT side: each Chinese word of the sentence carries the set
of English word keys its senses use; an English sentence carries the keys of its content
words. A key is a word's first five letters (lower case), so that "develop", "developing"
and "development" meet. The caller looks the words up (the dictionary is a file): here only
the text handling, pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from workbench.core.enumeration import chinese_number
from workbench.core.glossary import Glossary, Term, find_renderings
from workbench.core.numbers.base import Quantity, Strength
from workbench.core.numbers.chinese import extract_chinese
from workbench.core.numbers.english import extract_english
from workbench.core.text import is_han

_STOPWORD_TEXT = """
a an the and or but nor of to in on at by for with from into onto as is are was were be
been being it its this that these those there their they them we our us you your he she
his her i me my not no so than then also such which who whom whose what when where how all
any each every both other some more most very can could may might must shall should will
would do does did has have had one ones thing something someone used use etc sb sth see
variant
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PAREN = re.compile(r"\([^)]*\)|\[[^]]*\]")
_ZH_MARKER = re.compile(
    r"^\s*(?:[（(]([一二三四五六七八九十]+)[）)]|([一二三四五六七八九十]+)、|第([一二三四五六七八九十]+)[，,、]?|(\d+)[.．、])"
)
_EN_MARKER = re.compile(r"^\s*(?:\(?(\d+)[.)]|([IVXLC]+)\.|\(([ivxlc]+)\))\s")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_MAX_GLOSSES = 24  # keys kept per Chinese word: the first senses are the common ones


def word_key(word: str) -> str:
    """The key an English word is compared by: lower case, its first five letters."""
    word = word.lower().replace("’", "'").strip("'-")
    return word[:5]


def english_keys(text: str) -> frozenset[str]:
    """Keys of the content words of an English text (function words left out)."""
    return frozenset(
        word_key(w) for w in _EN_WORD.findall(text) if len(w) > 2 and w.lower() not in _STOPWORDS
    )


def sense_keys(senses: Iterable[str]) -> frozenset[str]:
    """Keys of the content words of a dictionary entry's senses (parentheses left out)."""
    keys: list[str] = []
    for sense in senses:
        keys.extend(english_keys(_PAREN.sub(" ", sense)))
        if len(keys) >= _MAX_GLOSSES:
            break
    return frozenset(keys[:_MAX_GLOSSES])


def chinese_words(text: str, is_word: Callable[[str], bool], longest: int = 4) -> list[str]:
    """Dictionary words of two or more characters, longest match first, left to right.

    Single characters are left out: their senses are too many and too general to tell one
    sentence from the next."""
    words: list[str] = []
    position = 0
    while position < len(text):
        if not is_han(text[position]):
            position += 1
            continue
        for size in range(min(longest, len(text) - position), 1, -1):
            piece = text[position : position + size]
            if is_word(piece):
                words.append(piece)
                position += size
                break
        else:
            position += 1
    return words


@dataclass(frozen=True)
class SentenceSignals:
    """What one sentence offers the aligner besides its length."""

    length: int  # characters without spaces
    anchors: frozenset[str] = frozenset()
    words: tuple[frozenset[str], ...] = ()  # Chinese: gloss keys per word; English: ()
    keys: frozenset[str] = frozenset()  # English: content word keys; Chinese: all gloss keys


_MONTH_TEXT = (
    "january february march april may june july august september october november december"
)
_MONTHS = frozenset(_MONTH_TEXT.split())


def _number_anchors(quantities: Iterable[Quantity]) -> set[str]:
    """Figures and numerals; of the weak ones only month names (October ↔ 10月)."""
    found: set[str] = set()
    for quantity in quantities:
        if quantity.strength is Strength.WEAK and quantity.text.lower() not in _MONTHS:
            continue
        found.update(f"n:{value:g}" for value in quantity.values)
    return found


def chinese_anchors(text: str, terms: Sequence[Term]) -> frozenset[str]:
    """Anchors of a Chinese sentence; `terms` are the glossary terms found in it."""
    extraction = extract_chinese(text)
    anchors = _number_anchors(extraction.quantities)
    anchors.update(f"c:{code.key}" for code in extraction.codes)
    anchors.update(f"t:{term.source}" for term in terms)
    marker = _ZH_MARKER.match(text)
    if marker:
        numeral = next(group for group in marker.groups() if group)
        value = int(numeral) if numeral.isdigit() else chinese_number(numeral)
        if value is not None:
            anchors.add(f"e:{value}")
            anchors.discard(f"n:{value:g}")  # the marker is not a quantity of the text
    if "？" in text or "?" in text:
        anchors.add("p:?")
    return frozenset(anchors)


def english_anchors(text: str, terms: Sequence[Term]) -> frozenset[str]:
    """Anchors of an English sentence; `terms` are the glossary terms worth looking for."""
    extraction = extract_english(text)
    anchors = _number_anchors(extraction.quantities)
    anchors.update(f"c:{code.key}" for code in extraction.codes)
    anchors.update(f"t:{term.source}" for term in terms if find_renderings(term, text))
    marker = _EN_MARKER.match(text)
    if marker:
        arabic, roman, small_roman = marker.groups()
        value = int(arabic) if arabic else _roman_value(roman or small_roman)
        anchors.add(f"e:{value}")
        anchors.discard(f"n:{value:g}")
    if "?" in text:
        anchors.add("p:?")
    return frozenset(anchors)


def _roman_value(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def glossary_terms(glossary: Glossary, chinese: Iterable[str]) -> dict[str, tuple[Term, ...]]:
    """The approved glossary terms found in each Chinese sentence."""
    return {text: tuple(dict.fromkeys(hit.term for hit in glossary.find(text))) for text in chinese}


def chinese_signals(
    text: str, terms: Sequence[Term], glosses: Mapping[str, frozenset[str]], words: Sequence[str]
) -> SentenceSignals:
    """Signals of a Chinese sentence; `words` its dictionary words, `glosses` their keys."""
    per_word = tuple(glosses[w] for w in words if glosses.get(w))
    every = frozenset().union(*per_word) if per_word else frozenset()
    return SentenceSignals(
        length=_length(text), anchors=chinese_anchors(text, terms), words=per_word, keys=every
    )


def english_signals(text: str, terms: Sequence[Term]) -> SentenceSignals:
    return SentenceSignals(
        length=_length(text), anchors=english_anchors(text, terms), keys=english_keys(text)
    )


def _length(text: str) -> int:
    return sum(1 for char in text if not char.isspace())
