"""Traditional and Taiwan-phrased Chinese folded to mainland simplified, for matching only.

OpenCC (its `tw2sp` conversion: Taiwan variants and phrasing → mainland simplified, phrase
by phrase) does the folding: 人工智慧 → 人工智能, 智慧鴻溝 → 智能鸿沟, 以後 → 以后,
記憶體 → 内存. Its dictionaries ship inside the `opencc` wheel and are read by the
library's own loader the first time a text needs them; nothing here opens a file.

Simplified text is never changed. OpenCC's phrase tables would rewrite mainland words
(建立 → 创建, 显著 → 显着, 智慧 → 智能), so a text is converted only when it holds a
character simplified text does not use: one OpenCC changes, outside GB2312, or 後/於
(in GB2312, but simplified text writes 后/于). `to_simplified` converts whatever it is
given; matchers use it on their own keys so that a mainland word found in a traditional
text (建立 in 建立聯合國) still matches.

Phrase conversions change lengths (記憶體 → 内存), so `convert_with_offsets` also says
where each character of the result comes from: the result is aligned with the text
converted character by character (one for one), and the stretches where a phrase changed
more than that are mapped proportionally, end to end.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import opencc
from rapidfuzz.distance import Levenshtein

CONFIG = "tw2sp"
# In GB2312, changed by OpenCC, and never written in simplified text (后, 于 are).
_TRADITIONAL_IN_GB2312 = "後於"
# The ideographs of the Basic Multilingual Plane (Extension A, unified, compatibility):
# the rare traditional characters of Extension B and beyond would triple the start-up cost.
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@dataclass(frozen=True)
class _Tables:
    markers: re.Pattern[str]  # a character that only traditional text uses
    by_character: dict[int, str]  # str.translate table: OpenCC on each character alone


@functools.cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC(CONFIG)


@functools.cache
def _tables() -> _Tables:
    """OpenCC asked once about every ideograph on its own (one call, ~40 ms)."""
    chars = [chr(code) for first, last in _HAN_RANGES for code in range(first, last + 1)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a conversion across the line breaks: never seen
        converted = [_converter().convert(char) for char in chars]
    by_character: dict[int, str] = {}
    markers: list[str] = []
    for char, simplified in zip(chars, converted, strict=True):
        if simplified == char:
            continue
        if len(simplified) == 1:
            by_character[ord(char)] = simplified
        if char in _TRADITIONAL_IN_GB2312 or not _in_gb2312(char):
            markers.append(char)
    pattern = re.compile("[" + "".join(re.escape(char) for char in markers) + "]")
    return _Tables(pattern, by_character)


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def is_traditional(text: str) -> bool:
    """Whether `text` holds a character that simplified Chinese does not use."""
    return _tables().markers.search(text) is not None


def to_simplified(text: str) -> str:
    """`text` converted by OpenCC whatever it holds (simplified words may change too)."""
    if not text:
        return text
    return str(_converter().convert(text))


def to_simplified_each(texts: list[str]) -> list[str]:
    """`to_simplified` of each text (one call into OpenCC for all of them)."""
    if any("\n" in text for text in texts):
        return [to_simplified(text) for text in texts]
    converted = to_simplified("\n".join(texts)).split("\n")
    if len(converted) != len(texts):  # a conversion across the line breaks: never seen
        return [to_simplified(text) for text in texts]
    return converted


def fold(text: str) -> str:
    """`text` in mainland simplified when it is traditional; otherwise `text` itself."""
    return to_simplified(text) if is_traditional(text) else text


@dataclass(frozen=True)
class Offsets:
    """Where the characters of a converted text come from in the text as given."""

    starts: list[int]  # starts[i]: where the original of converted character i begins
    ends: list[int]  # ends[i]: where it ends (equal to the start for an inserted character)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of converted[start:end] (end > start)."""
        return self.starts[start], max(self.ends[end - 1], self.starts[start])

    def after(self, inner: Offsets) -> Offsets:
        """Offsets of a text converted twice: `inner` maps into the text `self` maps from."""
        starts: list[int] = []
        ends: list[int] = []
        limit = len(self.starts)
        for start, end in zip(inner.starts, inner.ends, strict=True):
            outer_start = self.starts[start] if start < limit else self._end()
            starts.append(outer_start)
            ends.append(self.ends[end - 1] if end > start else outer_start)
        return Offsets(starts, ends)

    def _end(self) -> int:
        return self.ends[-1] if self.ends else 0

    @classmethod
    def kept(cls, positions: list[int]) -> Offsets:
        """Offsets of a text that keeps the characters at `positions` (one for one)."""
        return cls(positions, [position + 1 for position in positions])


def convert_with_offsets(text: str) -> tuple[str, Offsets | None]:
    """`fold(text)` and where its characters come from; None when nothing moved (the text
    is simplified, or every change was one character for one)."""
    if not is_traditional(text):
        return text, None
    converted = to_simplified(text)
    by_character = text.translate(_tables().by_character)
    if converted == by_character:
        return converted, None
    return converted, _align(by_character, converted)


def _align(original: str, converted: str) -> Offsets:
    starts: list[int] = []
    ends: list[int] = []
    for equal, i1, i2, j1, j2 in _blocks(original, converted):
        if equal:
            starts.extend(range(i1, i2))
            ends.extend(range(i1 + 1, i2 + 1))
            continue
        before, after = i2 - i1, j2 - j1
        for k in range(after):
            starts.append(i1 + k * before // after)
            ends.append(i1 + -(-(k + 1) * before // after))
    return Offsets(starts, ends)


def _blocks(original: str, converted: str) -> list[tuple[bool, int, int, int, int]]:
    """Equal stretches and changed ones; a changed phrase is one block, even where the
    alignment found a shared character inside it (網際網路 → 互联网 shares 网)."""
    blocks: list[tuple[bool, int, int, int, int]] = []
    ops = Levenshtein.opcodes(original, converted)
    for index, op in enumerate(ops):
        equal = op.tag == "equal"
        inner = 0 < index < len(ops) - 1
        if equal and inner and op.src_end - op.src_start == 1:
            equal = False  # one character shared inside a changed phrase
        block = (equal, op.src_start, op.src_end, op.dest_start, op.dest_end)
        if blocks and not equal and not blocks[-1][0]:
            _, i1, _, j1, _ = blocks.pop()
            block = (False, i1, op.src_end, j1, op.dest_end)
        blocks.append(block)
    return blocks
