"""Enumerations out of order: paragraphs starting 二是 before the one starting 一是, etc.

Only a marker at the very start of a paragraph counts as an item; ordinals inside a
paragraph ("体现了两方面：一是……二是……") are text. Items of one family (一是/二是,
第一/第二, 首先/其次/最后, （一）, 一、, 1., （1）, ①) are read in paragraph order and split into
lists: an item numbered 1 starts a new list when the current list also started at 1, so two
separate enumerations in one document are fine. Within a list, an item that comes after an
item with a higher number is reported against the first such item.

A list may begin inside a paragraph: "主要有三方面：一是……。" followed by paragraphs 二是,
三是. Such a paragraph (the first item inline, the second not) opens a list at 1 without
being an item itself, so the next 一是 list is not taken for a misplaced item.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN = "[一二三四五六七八九十]{1,3}"
_SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}
_INLINE_BEFORE = r"(?<=[：:；;。！？，,])\s*"
ORDER_WARNING_PREFIX = "enumeration out of order:"  # how every message of this check starts


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一, 十, 十二, 二十, 二十三), else None."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


@dataclass(frozen=True)
class _Family:
    """One style of enumeration marker; group `marker` is the marker, `n` its number."""

    name: str
    pattern: str
    value: Callable[[str], int | None]
    one: tuple[str, ...] = ("",)  # an item numbered 1 has one of these (unknown: "")

    @cached_property
    def _start(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    @cached_property
    def _inline(self) -> re.Pattern[str]:
        return re.compile(_INLINE_BEFORE + self.pattern)

    def at_start(self, text: str) -> re.Match[str] | None:
        return self._start.match(text)

    def inline_values(self, text: str) -> set[int]:
        if not any(one in text for one in self.one):
            return set()  # a quick answer for "is there an item 1 inside": no
        found = self._inline.finditer(text)
        return {v for m in found if (v := self.value(m["n"])) is not None}


_FAMILIES = (
    _Family("shi", rf"(?P<marker>(?P<n>{_CN})是)", chinese_number, ("一是",)),
    _Family(
        "di", rf"(?P<marker>第(?P<n>{_CN}))(?:[，,、：:]|是|点|个方面)", chinese_number, ("第一",)
    ),
    _Family("di_tiao", rf"(?P<marker>第(?P<n>{_CN})条)", chinese_number, ("第一条",)),
    _Family("di_zhang", rf"(?P<marker>第(?P<n>{_CN})章)", chinese_number, ("第一章",)),
    _Family("di_jie", rf"(?P<marker>第(?P<n>{_CN})节)", chinese_number, ("第一节",)),
    _Family("di_bufen", rf"(?P<marker>第(?P<n>{_CN})部分)", chinese_number, ("第一部分",)),
    _Family(
        "sequence",
        r"(?P<marker>(?P<n>首先|其次|再次|最后))(?:[，,：:]|是|要|应|需|还)",
        _SEQUENCE_WORDS.get,
        ("首先",),
    ),
    _Family("paren_cn", rf"(?P<marker>[（(](?P<n>{_CN})[）)])", chinese_number, ("一)", "一）")),
    _Family("dun_cn", rf"(?P<marker>(?P<n>{_CN})、)", chinese_number, ("一、",)),
    _Family("arabic", r"(?P<marker>(?P<n>\d{1,2})[.．、](?!\d))", int),
    _Family("arabic_paren", r"(?P<marker>[（(](?P<n>\d{1,2})[）)])", int),
    _Family("arabic_right", r"(?P<marker>(?P<n>\d{1,2})[）)])", int),
    _Family("circled", r"(?P<marker>(?P<n>[①-⑳]))", lambda n: ord(n) - ord("①") + 1, ("①",)),
)


@dataclass(frozen=True)
class _Item:
    paragraph: int  # 1-based
    value: int
    marker: str  # "" for a list opened inside a paragraph


def find_enumeration_problems(paragraphs: Sequence[str]) -> list[str]:
    """Messages for enumeration items out of order, by paragraph number (1-based)."""
    problems: list[tuple[int, str]] = []
    texts = [paragraph.lstrip(' \t\u3000“"') for paragraph in paragraphs]
    # Most paragraphs cannot start an item of any family: one test instead of thirteen.
    may_start = [_ITEM_START.match(text) is not None for text in texts]
    may_open = [_INLINE_ONE.search(text) is not None for text in texts]
    for family in _FAMILIES:
        for items in _lists(_items(texts, may_start, may_open, family)):
            problems.extend(_inversions(items))
    return [message for _, message in sorted(problems)]


# The characters an item marker of some family can start with (see _FAMILIES).
_ITEM_START = re.compile(r"[一二三四五六七八九十第首其再最（(\d①-⑳]")
# What every family's inline item numbered 1 needs (in some family's form): a paragraph
# without it opens no list inside.
_INLINE_ONE = re.compile(_INLINE_BEFORE + r"(?:一是|第一|首先|[（(]一|一、|[（(]?\d|①)")


def _items(
    texts: Sequence[str], may_start: Sequence[bool], may_open: Sequence[bool], family: _Family
) -> list[_Item]:
    items: list[_Item] = []
    rows = zip(texts, may_start, may_open, strict=True)
    for number, (text, starts, opens) in enumerate(rows, start=1):
        found = family.at_start(text) if starts else None
        value = family.value(found["n"]) if found else None
        if found and value is not None:
            items.append(_Item(number, value, found["marker"]))
        elif opens and {1} == family.inline_values(text) & {1, 2}:
            items.append(_Item(number, 1, ""))
    return items


def _lists(items: list[_Item]) -> list[list[_Item]]:
    lists: list[list[_Item]] = []
    for item in items:
        if not lists or (item.value == 1 and lists[-1][0].value == 1):
            lists.append([item])
        else:
            lists[-1].append(item)
    return lists


def _inversions(items: list[_Item]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    # The first earlier item with a higher number is always one that set a new highest
    # number when it came: a binary search over those (a long list must not be quadratic).
    records: list[_Item] = []
    values: list[int] = []  # their numbers, increasing
    for later in items:
        earlier = None
        if later.marker:
            place = bisect.bisect_right(values, later.value)
            earlier = records[place] if place < len(records) else None
            if not values or later.value > values[-1]:
                records.append(later)
                values.append(later.value)
        if earlier is not None and later.marker:
            found.append(
                (
                    later.paragraph,
                    f"{ORDER_WARNING_PREFIX} paragraph {earlier.paragraph} starts with "
                    f"{earlier.marker} before paragraph {later.paragraph} starting with "
                    f"{later.marker}",
                )
            )
    return found
