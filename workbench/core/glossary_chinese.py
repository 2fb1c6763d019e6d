"""The Chinese side of glossary matching: folded text and a leftmost-longest source finder.

One Aho-Corasick automaton per glossary over a *folded* form of the text and of every
source, so that full-width and half-width punctuation, the two kinds of quotes and dashes,
whitespace, and traditional script or Taiwan phrasing do not matter (以共商促共享，以善治促善智
matches with ， or ,; 數字鴻溝 matches 数字鸿沟, 人工智慧 in a traditional text matches
人工智能; simplified text itself is never changed by the folding, see
`workbench.core.chinese_script`). Each source is also looked for in the form OpenCC gives
it, so that a mainland word in a traditional text (顯著, which OpenCC's tables turn into
显着 when they see 显著) is found too. Occurrences are chosen leftmost-longest without
overlap: 人工智能全球治理 wins over 人工智能 and 全球治理. Spans are reported in the
original text, also where a phrase conversion changed the length (記憶體 → 内存).

This module knows sources as folded strings, not glossary terms: `workbench.core.glossary`
turns its spans into hits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import ahocorasick

from workbench.core.chinese_script import (
    Offsets,
    convert_with_offsets,
    is_traditional,
    to_simplified_each,
)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
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


def fold_with_index(text: str) -> tuple[str, Offsets | None]:
    """Fold `text`, drop its whitespace and convert it to simplified if it is traditional.

    The offsets say where each folded character comes from in `text`; None when the
    positions are unchanged.
    """
    folded, offsets, _ = _fold(text)
    return folded, offsets


def _fold(text: str) -> tuple[str, Offsets | None, bool]:
    """`fold_with_index`, and whether the text was traditional (converted by OpenCC)."""
    folded = text.translate(_FOLD)  # one character for one: positions are kept
    offsets: Offsets | None = None
    if _SPACE.search(folded):
        index: list[int] = []
        for run in _NOT_SPACE.finditer(folded):
            index.extend(range(run.start(), run.end()))
        folded = _SPACES.sub("", folded)
        offsets = Offsets.kept(index)
    if not is_traditional(folded):
        return folded, offsets, False
    folded, moved = convert_with_offsets(folded)
    if moved is not None:
        offsets = moved if offsets is None else offsets.after(moved)
    return folded, offsets, True


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
        folded, offsets, traditional = _fold(text)
        found: list[tuple[int, int, int]] = []
        for last, value in self._automaton.iter(folded):
            length, entry, left_edge, right_edge, converted = value
            # A source in the form OpenCC gives it (智慧 → 智能) only stands for the
            # source in a traditional text: simplified text is taken as written.
            if (converted and not traditional) or not counts(entry):
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
            if offsets is None:
                spans.append((start, end, entry))
            else:
                spans.append((*offsets.span(start, end), entry))
        return spans


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _build_automaton(keys: Sequence[str | None]) -> Any:
    automaton = ahocorasick.Automaton()
    present = [(entry, key) for entry, key in enumerate(keys) if key]
    simplified = to_simplified_each([key for _, key in present])
    other_forms = [
        (entry, form) for (entry, key), form in zip(present, simplified, strict=True) if form != key
    ]
    # The converted forms first: where one equals another entry's own key, that entry wins.
    for converted, forms in ((True, other_forms), (False, present)):
        for entry, key in forms:
            edges = _is_ascii_alnum(key[0]), _is_ascii_alnum(key[-1])
            automaton.add_word(key, (len(key), entry, *edges, converted))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton
