"""Character classes and punctuation normalization for Chinese text.

The normalization rule, in one place (see `normalize_punctuation`):

- A half-width , : ; ? ! becomes full-width when the nearest character before it (skipping
  spaces and quote marks) is Chinese — a Han character or CJK punctuation — or when the
  character right after it (skipping quote marks, *not* spaces) is Chinese. So "大国,中国",
  "2023年10月,习近平", "AI,推动" and "共计100,其中" convert, while "1,000", "10:09", "3.5",
  "Hello, 世界", "http://..." and e-mail addresses stay as they are: a half-width mark
  between two digits or two Latin characters is never Chinese punctuation, and in
  "Hello, 世界" the comma belongs to the Latin word before it (Latin style puts a space after).
- A pair of half-width parentheses becomes （ ） when the text inside contains a Chinese
  character or a Chinese character touches the pair from outside: "治理(和音)" → "治理（和音）",
  "人工智能(AI)技术" → "人工智能（AI）技术"; "f(x)" and "(see above)" stay.
- Full-width ASCII letters and digits (２０２４, ＡＩ) become half-width; odd spaces (no-break,
  ideographic, tabs) become ASCII spaces; zero-width characters go (a joiner inside an emoji
  sequence stays); runs of spaces collapse to one; spaces next to full-width punctuation and
  leading indentation are removed.
- Not converted: "." (a full stop, a decimal point and an abbreviation cannot be told apart
  reliably), straight quotes "..." (direction is ambiguous) and "..." ellipses.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cache

_HAN_RANGES = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x3FFFF),  # Extensions B and later (planes 2 and 3)
)
# Punctuation that only occurs in CJK text. Curly quotes, the ellipsis and dashes are shared
# with English typography, so they are deliberately not in here.
_CJK_PUNCT_RANGES = (
    (0x3000, 0x303F),  # CJK Symbols and Punctuation: 、。〈〉《》「」『』【】〔〕
    (0x3040, 0x30FF),  # kana, for Japanese names quoted in Chinese text
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFF0F),  # full-width ！＂＃＄％＆＇（）＊＋，－．／
    (0xFF1A, 0xFF20),  # full-width ：；＜＝＞？＠
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
)
# Full-width punctuation that never takes a space beside it.
_NO_SPACE_PUNCT = "，。、；：？！（）《》「」『』【】〔〕〈〉"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_QUOTES = "\"'“”‘’"
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width characters and stray control characters (but not the newline) carry no text.
# The zero-width joiner and non-joiner do between two other characters (emoji sequences such
# as 👩‍💻, Persian and Indic names); next to Chinese, a space or a line edge they are debris.
_CJK_OR_SPACE = (
    "\\s\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_LOOSE_JOINER = re.compile(
    f"(?<![^{_CJK_OR_SPACE}])[\u200c\u200d]|[\u200c\u200d](?![^{_CJK_OR_SPACE}])"
)
_SPACE_RUN = re.compile(r" {2,}")
_SPACE_AROUND_FULL = re.compile(rf" +(?=[{_NO_SPACE_PUNCT}])|(?<=[{_NO_SPACE_PUNCT}]) +")
# URLs and e-mail addresses are left alone. A URL ends before any trailing punctuation that
# is more likely to belong to the sentence than to the address.
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)[\x21-\x7e]+?(?=[.,;:!?)\]'\"]*(?:[^\x21-\x7e]|$))")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII)
SENTENCE_END_MARKS = "。！？!?…"


@cache  # called per character on every segment; the alphabet in use is small
def is_han(ch: str) -> bool:
    """True for a Chinese (Han) character."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _HAN_RANGES)


@cache
def is_cjk_punct(ch: str) -> bool:
    """True for punctuation used only in CJK text (、。，（）《》「」 ...)."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_PUNCT_RANGES)


def is_cjk(ch: str) -> bool:
    """True for a Han character or CJK-only punctuation: the context that makes marks Chinese."""
    return bool(ch) and (is_han(ch) or is_cjk_punct(ch))


def count_han(text: str) -> int:
    # One regex pass over runs: about 25 times faster than is_han per character, which
    # matters when `status` counts a whole project.
    return sum(len(run) for run in HAN_RUN.findall(text))


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


_HAN = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HAN_RANGES) + "]")
HAN_RUN = re.compile(_HAN.pattern + "+")


def display_width(text: str) -> int:
    """Columns the text takes in a monospace font: wide (CJK) characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clean_spaces(text: str) -> str:
    """Turn odd spaces into ASCII spaces, drop invisible characters, strip, collapse runs."""
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    if "\u200c" in text or "\u200d" in text:
        text = _LOOSE_JOINER.sub("", text)
    return _SPACE_RUN.sub(" ", text.strip())


def normalize_punctuation(text: str) -> str:
    """Normalize one paragraph (or each line of a text) for translation; see the module doc."""
    return "\n".join(_normalize_line(line) for line in text.split("\n"))


def _normalize_line(line: str) -> str:
    # Removing a space can put a mark next to Chinese ("中国 , 美国"), so the steps repeat
    # until the line is stable; each round only widens marks or removes spaces.
    if _FULL_WIDTH_ALNUM_CHAR.search(line) is not None:
        line = line.translate(_FULL_WIDTH_ALNUM)
    line = clean_spaces(line)
    if _HALF_WIDTH_MARK.search(line) is None:
        return _SPACE_AROUND_FULL.sub("", line)  # nothing to widen: one round is enough
    while True:
        protected = _protected_positions(line)
        widened = False
        if not protected:  # the usual case, in C: a mark right after a Chinese character
            line, count = _MARK_AFTER_CJK.subn(_widen, line)
            widened = count > 0
        chars = list(line)
        widened = _convert_parentheses(chars, line, protected) or widened
        widened = _convert_marks(chars, protected) or widened
        joined = "".join(chars)
        result = _SPACE_AROUND_FULL.sub("", joined)
        # Another round can change something only if spaces went (new neighbours) or
        # something widened while half-width parentheses are left (they may convert now).
        if result == joined and not (widened and _HALF_WIDTH_PARENTHESIS.search(result)):
            return result
        line = result


# Full-width Ａ-Ｚ ａ-ｚ ０-９ to ASCII: MT and glossary matching expect ASCII.
_FULL_WIDTH_ALNUM = {
    code: code - 0xFEE0
    for first, last in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ"))
    for code in range(ord(first), ord(last) + 1)
}
_FULL_WIDTH_ALNUM_CHAR = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_HALF_WIDTH_MARK = re.compile(r"[,:;?!()]")
_MARK = re.compile(r"[,:;?!]")
_MARK_AFTER_CJK = re.compile(
    "(?<=["
    + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in (*_HAN_RANGES, *_CJK_PUNCT_RANGES))
    + "])[,:;?!]"
)


def _widen(found: re.Match[str]) -> str:
    return _HALF_TO_FULL[found.group()]


_HALF_WIDTH_PARENTHESIS = re.compile(r"[()]")
_PARENTHESIS = re.compile(r"[()（）]")


def _protected_positions(line: str) -> frozenset[int]:
    if "://" not in line and "www." not in line and "@" not in line:
        return frozenset()
    spans = [m.span() for m in _URL.finditer(line)] + [m.span() for m in _EMAIL.finditer(line)]
    return frozenset(i for start, end in spans for i in range(start, end))


def _convert_marks(chars: list[str], protected: frozenset[int]) -> bool:
    """Widen the marks in Chinese context; True if any was widened.

    Left to right, reading converted marks as Chinese context ("什么?!" → "什么？！"), then
    right to left for chains that lean on what follows them ("?!。"): after both passes no
    mark that could widen is left."""
    marks = [m.start() for m in _MARK.finditer("".join(chars)) if m.start() not in protected]
    widened = False
    for order in (marks, marks[::-1]):
        for i in order:
            ch = chars[i]
            if ch in _HALF_TO_FULL and _chinese_context(chars, i):
                chars[i] = _HALF_TO_FULL[ch]
                widened = True
    return widened


def _chinese_context(chars: list[str], i: int) -> bool:
    if i > 0 and is_cjk(chars[i - 1]):
        return True  # the usual case, without the walks below
    before = _neighbour(chars, i, step=-1, skip=" " + _QUOTES)
    after = _neighbour(chars, i, step=1, skip=_QUOTES)
    return is_cjk(before) or is_cjk(after)


def _neighbour(chars: list[str], i: int, *, step: int, skip: str) -> str:
    j = i + step
    while 0 <= j < len(chars) and chars[j] in skip:
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _convert_parentheses(chars: list[str], line: str, protected: frozenset[int]) -> bool:
    """Widen the pairs in Chinese context; True if any was widened. (`line` is `chars` as a
    string before this step: the positions of parentheses and Han characters.)"""
    if "(" not in line and ")" not in line:
        return False  # only full-width pairs, if any: nothing to convert
    pairs = _paren_pairs(line, protected)
    if not pairs:
        return False
    widened = False
    # Runs of Han characters, by their ends: "is there Han inside this pair" by a binary
    # search (nested pairs would otherwise rescan their insides).
    runs = [found.span() for found in HAN_RUN.finditer(line)]
    ends = [end for _, end in runs]
    for start, end in pairs:
        before = chars[start - 1] if start > 0 else ""
        after = chars[end + 1] if end + 1 < len(chars) else ""
        first = bisect.bisect_right(ends, start + 1)  # the first run ending inside or after
        inside = first < len(runs) and runs[first][0] < end
        if inside or is_cjk(before) or is_cjk(after):
            widened = widened or chars[start] == "(" or chars[end] == ")"
            chars[start], chars[end] = "（", "）"
    return widened


def _paren_pairs(line: str, protected: frozenset[int]) -> list[tuple[int, int]]:
    """Matched parenthesis pairs, half- or full-width, outermost last; strays are ignored."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for found in _PARENTHESIS.finditer(line):
        i = found.start()
        if i in protected:
            continue
        if found.group() in "(（":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
    return pairs
