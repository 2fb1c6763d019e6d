"""The Chinese side of glossary matching: folded text and a leftmost-longest source finder.

One Aho-Corasick automaton per glossary over a *folded* form of the text and of every
source, so that full-width and half-width punctuation, the two kinds of quotes and dashes,
whitespace, and traditional or simplified characters do not matter (以共商促共享，以善治促善智
matches with ， or ,; 數字鴻溝 matches 数字鸿沟; simplified text itself is never changed by
the folding, see `workbench.core.traditional`). Occurrences
are chosen leftmost-longest without overlap: 人工智能全球治理 wins over 人工智能 and 全球治理.
Spans are reported in the original text.

This module knows sources as folded strings, not glossary terms: `workbench.core.glossary`
turns its spans into hits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import ahocorasick

from workbench.core.text import TO_SIMPLIFIED


def _fold_table() -> dict[int, str]:
    table = dict(TO_SIMPLIFIED)
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms: ，（）：；！？Ａ０ ...
        table[code] = chr(code - 0xFEE0).lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for chars, folded in (
        ("\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad", " "),  # dropped below as spaces
        ("、､", ","),
        ("。｡", "."),
        ("“”„‟「」『』〝〞\"'‘’‚‛", '"'),
        ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc", "-"),
        ("·•・‧･⋅∙", "·"),
        ("〈《", "<"),
        ("〉》", ">"),
    ):
        for char in chars:
            table[ord(char)] = folded
    return table


_FOLD = _fold_table()
_SPACE = re.compile(r"\s")
_SPACES = re.compile(r"\s+")
_NOT_SPACE = re.compile(r"\S+")


def fold_with_index(text: str) -> tuple[str, list[int] | None]:
    """Fold `text` and drop its whitespace.

    `index[i]` is the position in `text` of folded character i; without whitespace the
    positions are unchanged and the index is None.
    """
    folded = text.translate(_FOLD)  # one character for one: positions are kept
    if not _SPACE.search(folded):
        return folded, None
    index: list[int] = []
    for run in _NOT_SPACE.finditer(folded):
        index.extend(range(run.start(), run.end()))
    return _SPACES.sub("", folded), index


class SourceFinder:
    """Finds folded sources in Chinese text, leftmost-longest and without overlap."""

    def __init__(self, keys: Sequence[str | None]) -> None:
        """`keys[i]` is the folded source of entry i (see `fold_with_index`); None leaves
        the entry out."""
        self._automaton = _build_automaton(keys)

    def find(self, text: str, counts: Callable[[int], bool]) -> list[tuple[int, int, int]]:
        """(start, end, entry) of every occurrence in `text` as written, in text order.

        `counts(entry)` says whether an entry's occurrences take part at all; it is asked
        before overlaps are resolved, so an entry left out cannot hide a shorter one.
        """
        if self._automaton is None or not text:
            return []
        folded, index = fold_with_index(text)
        found: list[tuple[int, int, int]] = []
        for last, (length, entry, left_edge, right_edge) in self._automaton.iter(folded):
            if not counts(entry):
                continue
            start, end = last - length + 1, last + 1
            # A source that begins or ends with a Latin letter or digit (G20峰会) must not
            # match inside a longer Latin word or number.
            if left_edge and start > 0 and _is_ascii_alnum(folded[start - 1]):
                continue
            if right_edge and end < len(folded) and _is_ascii_alnum(folded[end]):
                continue
            found.append((start, end, entry))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        spans: list[tuple[int, int, int]] = []
        reached = 0
        for start, end, entry in found:
            if start < reached:
                continue
            reached = end
            if index is None:
                spans.append((start, end, entry))
            else:
                spans.append((index[start], index[end - 1] + 1, entry))
        return spans


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _build_automaton(keys: Sequence[str | None]) -> Any:
    automaton = ahocorasick.Automaton()
    for entry, key in enumerate(keys):
        if key is None:
            continue
        value = (len(key), entry, _is_ascii_alnum(key[0]), _is_ascii_alnum(key[-1]))
        automaton.add_word(key, value)
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton
