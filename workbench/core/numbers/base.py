"""The types the number readers produce, and what both languages share."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum


class Strength(StrEnum):
    FIGURE = "figure"  # written with digits: must appear in the translation
    NUMERAL = "numeral"  # Chinese numeral in a quantity context: should appear
    WEAK = "weak"  # may be a counterpart, never required


class Approx(StrEnum):
    MORE = "more"  # 余, 多, 超过, 以上: "more than", "over"
    LESS = "less"  # 不到, 不足, 近: "less than", "nearly"
    ABOUT = "about"  # 约, 左右: "about", "around"


@dataclass(frozen=True)
class Quantity:
    """A number found in a text, with the values it may stand for."""

    text: str  # as written, e.g. "1.4万亿", "60余", "October"
    start: int
    end: int
    values: frozenset[float]  # usually one; decades carry two (80年代: 80 and 1980)
    strength: Strength
    approx: Approx | None = None

    @property
    def value(self) -> float:
        return min(self.values)

    def display(self) -> str:
        return _fmt(self.value)


@dataclass(frozen=True)
class Code:
    """An identifier mixing letters and digits (5G, A/RES/78/311): compared as a string."""

    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return re.sub(r"[\s\-]", "", self.text).lower()


@dataclass(frozen=True)
class Extraction:
    quantities: tuple[Quantity, ...]
    codes: tuple[Code, ...]


def _fmt(value: float) -> str:
    """A value as an English reader writes it: 2023, 60, 1.4 trillion, 20.092 million."""
    for scale, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:.6f}".rstrip("0").rstrip(".") + f" {word}"
    if value == int(value):
        return f"{int(value):,}" if abs(value) >= 10000 else str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def overlaps(a: frozenset[float], b: frozenset[float]) -> bool:
    return any(same(x, y) for x in a for y in b)


# Full-width digits and signs map one to one onto ASCII, so offsets stay valid.
WIDTH = str.maketrans(
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
    | {"％": "%", "．": ".", "，": "，", "／": "/", "－": "-", "：": ":"}
)

_CODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?=[A-Za-z0-9]*(?:[-/.][A-Za-z0-9]+)*[A-Za-z])"
    r"(?=[A-Za-z0-9]*(?:[-/.][A-Za-z0-9]+)*\d)"
    r"[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*(?![A-Za-z0-9])"
)
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_ORDINAL_SUFFIX = re.compile(r"^\d+(?:st|nd|rd|th|s)$", re.IGNORECASE)


def _is_code(token: str) -> bool:
    # "60-plus", "30-year" are a number and a word; "COVID-19", "5G", "A/RES/78/311" are codes.
    parts = re.split(r"[-/]", token)
    return not _ORDINAL_SUFFIX.match(token) and not any(
        len(p) >= 3 and p.isalpha() and p.islower() for p in parts
    )


def find_codes(text: str) -> list[Code]:
    codes = [
        Code(m.group(), m.start(), m.end()) for m in _CODE.finditer(text) if _is_code(m.group())
    ]
    codes += [Code(m.group(), m.start(), m.end()) for m in _TIME.finditer(text)]
    return codes


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = "\x00"
    return "".join(chars)
