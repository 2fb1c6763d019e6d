"""Reading numbers in Chinese text: figures with 万/亿, numerals in a quantity context,
dates, fractions and percentages, and the approximations around them."""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.core.numbers.base import (
    WIDTH,
    Approx,
    Extraction,
    Quantity,
    Strength,
    find_codes,
    masked,
)

_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_UNIT = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_NUMERAL_CHARS = "".join(_DIGIT) + "".join(_UNIT) + "".join(_BIG)

# Set phrases whose numerals are not quantities (or whose rendering is a name, e.g. G20):
# their numerals become weak tokens with the given values.
_SET_PHRASE_LIST = """
    二十国集团=20 七国集团=7 八国集团=8 一国两制=1,2 十四五=14,5 十三五=13,5 十五五=15,5
    三方合作=3 两岸=2 三农=3 两会=2 两国=2
    一带一路 千家万户 千行百业 千方百计 万众一心 一心一意 三心二意 五湖四海 四面八方 四通八达
    五花八门 七上八下 十全十美 百花齐放 百家争鸣 千差万别 万无一失 一以贯之 一如既往 一脉相承
    独一无二 亿万 成千上万 千千万万 万物 万象 万一 一揽子 一系列 一方面 另一方面 数以万计
    数以亿计 百姓 千兆 万千 九牛一毛
"""


def _set_phrases(listing: str) -> dict[str, tuple[float, ...]]:
    phrases: dict[str, tuple[float, ...]] = {}
    for item in listing.split():
        phrase, _, values = item.partition("=")
        phrases[phrase] = tuple(float(v) for v in values.split(",") if v)
    return phrases


_SET_PHRASES = _set_phrases(_SET_PHRASE_LIST)

# Measure words: a numeral before one of these counts something. Longest first.
_MEASURE_WORDS = """方面 百分点 个月 小时 分钟 周年 世纪 年代 千米 公里 平方公里 万元 亿元 美元 人次
    个 名 位 家 项 次 届 年 月 日 号 天 周 倍 国 种 条 件 大 批 场 所 座 部 份 层 类 轮
    期 代 段 张 本 篇 点 只 辆 台 架 艘 例 人 组 支 句 字 岁 元 吨 斤 亩 米 级 步 样 笔
    册 幅 首 块 颗 枚 根 片 套 款 省 市 县"""
_MEASURES = sorted(_MEASURE_WORDS.split(), key=len, reverse=True)
_MEASURE_RE = "|".join(_MEASURES)
# Characters that read as part of a number when they follow it: 2023年, 60余, 两名.
NUMBER_SUFFIXES = frozenset(m for m in _MEASURES if len(m) == 1) | frozenset("余多万亿千百")

_ZH_FIGURE = re.compile(
    r"(?<![\d.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<mult>万亿|亿|万|千(?![米瓦克伏卡兆字])|百(?!分))?"
)
_ZH_NUMERAL = re.compile(f"[{_NUMERAL_CHARS}]+")
_ZH_BEFORE_MORE = re.compile(r"(?:超过|超出|超|逾|多于|至少|不少于|不低于|高于|大于)\s*$")
_ZH_BEFORE_LESS = re.compile(r"(?:不到|不足|少于|低于|不超过|小于|近|将近|接近)\s*$")
_ZH_BEFORE_ABOUT = re.compile(r"(?:约|大约|大概|约为|估计)\s*$")
_ZH_AFTER = re.compile(
    rf"^(?:(?P<more_direct>余|多|几)|(?P<about_direct>来)(?=个|名|位|天|人|家|岁|次)|"
    rf"(?:{_MEASURE_RE})?(?P<more_after>以上|有余)|(?:{_MEASURE_RE})?(?P<less_after>以下|以内)|"
    rf"(?:{_MEASURE_RE})?(?P<about_after>左右|上下))"
)
_VAGUE_BEFORE = re.compile(r"(?:数|几|上|成|好几|若干)$")


def _zh_approx(text: str, start: int, end: int) -> Approx | None:
    before = text[max(0, start - 4) : start]
    after = text[end : end + 8]
    found = _ZH_AFTER.match(after)
    if found:
        if found.group("more_direct") or found.group("more_after"):
            return Approx.MORE
        if found.group("less_after"):
            return Approx.LESS
        return Approx.ABOUT
    if _ZH_BEFORE_MORE.search(before):
        return Approx.MORE
    if _ZH_BEFORE_ABOUT.search(before):
        return Approx.ABOUT
    if _ZH_BEFORE_LESS.search(before):
        # 近3年 / 近十年 is "the past three / ten years", not "nearly".
        if before.endswith("近") and re.match(rf"^(?:{_MEASURE_RE})?年", after):
            return None
        return Approx.LESS
    return None


def parse_chinese_numeral(numeral: str) -> int | None:
    """二十 → 20, 一百零五 → 105, 三千万 → 30000000, 二〇二三 → 2023; None if malformed."""
    if not numeral or any(c not in _NUMERAL_CHARS for c in numeral):
        return None
    if not any(c in _UNIT or c in _BIG for c in numeral):
        if len(numeral) == 1:
            return _DIGIT[numeral]
        # Read digit by digit only where that is the convention: years like 二〇二三.
        if any(c in "〇零○" for c in numeral) or len(numeral) >= 3:
            return int("".join(str(_DIGIT[c]) for c in numeral))
        return None
    total = section = 0
    digit: int | None = None
    last_unit = 10**13
    for char in numeral:
        if char in _DIGIT:
            if digit is not None and _DIGIT[char] != 0:
                return None  # two digits in a row: 三四 is "three or four", not a number
            digit = _DIGIT[char] if _DIGIT[char] else None
        elif char in _UNIT:
            unit = _UNIT[char]
            if unit >= last_unit:
                return None
            section += (digit if digit is not None else 1) * unit
            digit = None
            last_unit = unit
        else:
            big = _BIG[char]
            section += digit or 0
            if section == 0 and total == 0:
                section = 1
            if total and big == 10**4 and total % 10**8 == 0 and section < 10**4:
                total += section * big  # 一亿三千万: 亿 then a 万 section
            else:
                total = (total + section) * big
            section = 0
            digit = None
            last_unit = 10**13
    return total + section + (digit or 0)


def _mask_phrases(text: str) -> tuple[str, list[Quantity]]:
    spans: list[tuple[int, int]] = []
    weak: list[Quantity] = []
    for phrase, values in _SET_PHRASES.items():
        for found in re.finditer(re.escape(phrase), text):
            spans.append((found.start(), found.end()))
            weak += [
                Quantity(phrase, found.start(), found.end(), frozenset({float(v)}), Strength.WEAK)
                for v in values
            ]
    return masked(text, spans), weak


@lru_cache(maxsize=4096)
def extract_chinese(text: str) -> Extraction:
    """Numbers and codes in a Chinese text, with offsets into `text`."""
    work = text.translate(WIDTH)
    codes = find_codes(work)
    work = masked(work, [(c.start, c.end) for c in codes])
    work, found = _mask_phrases(work)
    found += _zh_figures(work)
    found += _zh_fractions(work)
    work = masked(work, [(q.start, q.end) for q in found if q.strength is not Strength.WEAK])
    found += _zh_numerals(work)
    found.sort(key=lambda q: (q.start, q.end))
    return Extraction(quantities=tuple(found), codes=tuple(codes))


def _zh_figures(work: str) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _ZH_FIGURE.finditer(work):
        value = float(m.group("num").replace(",", ""))
        mult = m.group("mult")
        if mult:
            value *= {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "百": 10**2}[mult]
        values = {value}
        after = work[m.end() : m.end() + 2]
        if after == "年代" and value < 100:
            values.add(1900 + value)
        found.append(
            Quantity(
                text=m.group(),
                start=m.start(),
                end=m.end(),
                values=frozenset(values),
                strength=Strength.FIGURE,
                approx=_zh_approx(work, m.start(), m.end()),
            )
        )
    return found


def _zh_fractions(work: str) -> list[Quantity]:
    # 三分之一: the denominator is what an English "a third" names; 百分之五 is a percentage.
    found: list[Quantity] = []
    for m in re.finditer(rf"([{_NUMERAL_CHARS}]+)分之([{_NUMERAL_CHARS}\d.]+)", work):
        denominator = parse_chinese_numeral(m.group(1))
        numerator_text = m.group(2)
        numerator = (
            float(numerator_text)
            if re.fullmatch(r"[\d.]+", numerator_text)
            else parse_chinese_numeral(numerator_text)
        )
        if denominator is None or numerator is None:
            continue
        value = float(numerator) if denominator == 100 else float(denominator)
        found.append(
            Quantity(
                m.group(),
                m.start(),
                m.end(),
                frozenset({value}),
                Strength.FIGURE if re.search(r"\d", numerator_text) else Strength.NUMERAL,
                _zh_approx(work, m.start(), m.end()),
            )
        )
    return found


def _zh_numerals(work: str) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _ZH_NUMERAL.finditer(work):
        numeral, start, end = m.group(), m.start(), m.end()
        before, after = work[max(0, start - 3) : start], work[end : end + 5]
        pair = _approximate_pair(numeral)
        if pair:
            found += [
                Quantity(numeral, start, end, frozenset({float(v)}), Strength.NUMERAL, Approx.ABOUT)
                for v in pair
            ]
            continue
        value = parse_chinese_numeral(numeral)
        if value is None:
            continue
        measure = re.match(rf"(?:余|多|来)?(?:{_MEASURE_RE})", after)
        ordinal = before.endswith("第")
        date_part = re.match(r"[月日号]", after) is not None
        strength = Strength.WEAK
        if (measure or ordinal) and not _VAGUE_BEFORE.search(before):
            strength = Strength.NUMERAL
        # 一 as a count is "a"/"an" or nothing in English; 一月 (January) still counts.
        if value == 1 and not date_part:
            strength = Strength.WEAK
        values = {float(value)}
        if after.startswith("年代") and value < 100:
            values.add(1900.0 + value)
        found.append(
            Quantity(
                numeral,
                start,
                end,
                frozenset(values),
                strength,
                _zh_approx(work, start, end) if strength is Strength.NUMERAL else None,
            )
        )
    return found


def _approximate_pair(numeral: str) -> tuple[int, int] | None:
    """三四 / 五六 / 七八: "three or four" — two adjacent digits, an estimate."""
    if len(numeral) == 2 and all(c in _DIGIT for c in numeral):
        a, b = _DIGIT[numeral[0]], _DIGIT[numeral[1]]
        if a and b == a + 1:
            return a, b
    return None
