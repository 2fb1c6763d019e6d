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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN = "[一二三四五六七八九十]{1,3}"
_SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 99}
_INLINE_BEFORE = r"(?<=[：:；;。！？，,])\s*"


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

    def at_start(self, text: str) -> re.Match[str] | None:
        return re.match(self.pattern, text)

    def inline_values(self, text: str) -> set[int]:
        inline = _INLINE_BEFORE + self.pattern
        return {v for m in re.finditer(inline, text) if (v := self.value(m["n"])) is not None}


_FAMILIES = (
    _Family("shi", rf"(?P<marker>(?P<n>{_CN})是)", chinese_number),
    _Family("di", rf"(?P<marker>第(?P<n>{_CN}))(?:[，,、：:]|是|点|个方面)", chinese_number),
    _Family("di_tiao", rf"(?P<marker>第(?P<n>{_CN})条)", chinese_number),
    _Family("di_zhang", rf"(?P<marker>第(?P<n>{_CN})章)", chinese_number),
    _Family("di_jie", rf"(?P<marker>第(?P<n>{_CN})节)", chinese_number),
    _Family("di_bufen", rf"(?P<marker>第(?P<n>{_CN})部分)", chinese_number),
    _Family(
        "sequence",
        r"(?P<marker>(?P<n>首先|其次|再次|最后))(?:[，,：:]|是|要|应|需|还)",
        _SEQUENCE_WORDS.get,
    ),
    _Family("paren_cn", rf"(?P<marker>[（(](?P<n>{_CN})[）)])", chinese_number),
    _Family("dun_cn", rf"(?P<marker>(?P<n>{_CN})、)", chinese_number),
    _Family("arabic", r"(?P<marker>(?P<n>\d{1,2})[.．、](?!\d))", int),
    _Family("arabic_paren", r"(?P<marker>[（(](?P<n>\d{1,2})[）)])", int),
    _Family("arabic_right", r"(?P<marker>(?P<n>\d{1,2})[）)])", int),
    _Family("circled", r"(?P<marker>(?P<n>[①-⑳]))", lambda n: ord(n) - ord("①") + 1),
)


@dataclass(frozen=True)
class _Item:
    paragraph: int  # 1-based
    value: int
    marker: str  # "" for a list opened inside a paragraph


def find_enumeration_problems(paragraphs: Sequence[str]) -> list[str]:
    """Messages for enumeration items out of order, by paragraph number (1-based)."""
    problems: list[tuple[int, str]] = []
    for family in _FAMILIES:
        for items in _lists(_items(paragraphs, family)):
            problems.extend(_inversions(items))
    return [message for _, message in sorted(problems)]


def _items(paragraphs: Sequence[str], family: _Family) -> list[_Item]:
    items: list[_Item] = []
    for number, paragraph in enumerate(paragraphs, start=1):
        text = paragraph.lstrip(' \t\u3000“"')
        found = family.at_start(text)
        value = family.value(found["n"]) if found else None
        if found and value is not None:
            items.append(_Item(number, value, found["marker"]))
        elif {1} == family.inline_values(text) & {1, 2}:
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
    for n, later in enumerate(items):
        earlier = next((e for e in items[:n] if e.value > later.value and e.marker), None)
        if earlier is not None and later.marker:
            found.append(
                (
                    later.paragraph,
                    f"enumeration out of order: paragraph {earlier.paragraph} starts with "
                    f"{earlier.marker} before paragraph {later.paragraph} starting with "
                    f"{later.marker}",
                )
            )
    return found
