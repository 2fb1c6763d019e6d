"""Numbers, dates and amounts: every figure in the Chinese has its value in the English and
the English has no figure the Chinese lacks. See workbench.core.numbers for the reading."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.core.checks.base import Finding, Segment, Severity, Span, quote, segment_check
from workbench.core.checks.terms import glossary_check
from workbench.core.numbers import (
    Approx,
    Extraction,
    Quantity,
    Strength,
    extract_chinese,
    extract_english,
    overlaps,
)
from workbench.core.numbers.chinese import NUMBER_SUFFIXES


@dataclass(frozen=True)
class _Pair:
    zh: Extraction
    en: Extraction
    zh_terms: tuple[Span, ...]  # glossary terms in the Chinese: their numerals are names
    en_terms: tuple[Span, ...]  # approved renderings in the English


def _pair(segment: Segment) -> _Pair:
    check = glossary_check(segment.glossary, segment.source, segment.target)
    return _Pair(
        extract_chinese(segment.source),
        extract_english(segment.target),
        tuple(Span(h.start, h.end) for h in check.hits),
        tuple(Span(r.start, r.end) for r in check.renderings),
    )


def _inside(q: Quantity, spans: tuple[Span, ...]) -> bool:
    return any(s.start <= q.start and q.end <= s.end for s in spans)


def _counterpart(q: Quantity, others: tuple[Quantity, ...]) -> list[Quantity]:
    return [o for o in others if overlaps(q.values, o.values)]


def _missing(pair: _Pair, strength: Strength, source: str = "") -> list[Quantity]:
    wanted = [
        q
        for q in pair.zh.quantities
        if q.strength is strength
        and not (
            strength is Strength.NUMERAL
            and (_inside(q, pair.zh_terms) or _counts_the_list_before(source, q))
        )
    ]
    return [q for q in wanted if not _counterpart(q, pair.en.quantities)]


_CLAUSE_END = re.compile(r"[，。；：！？,;:!?（）()“”‘’《》「」\s]")
_LAST_JOIN = re.compile(r"和|与|及|以及")


def _counts_the_list_before(source: str, q: Quantity) -> bool:
    """发展、安全、治理三方面: the numeral sums up the list it follows, and English names the
    items without the count ("development, security and governance")."""
    before = source[: q.start].removesuffix("等").removesuffix("这")
    clause = _CLAUSE_END.split(before)[-1]
    items = clause.split("、")
    if len(items) < 2:
        return False
    count = len(items) - 1 + len(_LAST_JOIN.split(items[-1]))
    return q.value == count


def _shown(source: str, q: Quantity) -> str:
    """The number as written with the character after it (年, 名, 余 …), and its value
    where that reads differently: “1.4万亿斤” (1.4 trillion)."""
    follows = source[q.end : q.end + 1]
    end = q.end + 1 if follows and follows in NUMBER_SUFFIXES else q.end
    written = source[q.start : end]
    value = q.display()
    return quote(written) if value in (q.text, written) else f"{quote(written)} ({value})"


def _group(quantities: list[Quantity]) -> dict[float, list[Quantity]]:
    groups: dict[float, list[Quantity]] = {}
    for q in quantities:
        groups.setdefault(q.value, []).append(q)
    return groups


@segment_check("number-mismatch", Severity.ERROR, "Number, date or amount differs")
def number_mismatch(segment: Segment) -> Iterator[Finding]:
    """A figure, date, amount, percentage or code (5G, A/RES/78/311) in the Chinese whose
    value is not in the English, or a figure in the English that the Chinese does not have.

    Values are compared, not spellings: 2023年10月 = October 2023, 1.4万亿 = 1.4 trillion,
    14298亿 = 1.4298 trillion, 5% = 5 percent, 第42次 = 42nd."""
    pair = _pair(segment)
    for quantities in _group(_missing(pair, Strength.FIGURE)).values():
        yield Finding(
            f"{_shown(segment.source, quantities[0])} in the Chinese is not in the English",
            source_spans=tuple(Span(q.start, q.end) for q in quantities),
        )
    squashed = "".join(segment.target.split()).replace("-", "").lower()
    for code in pair.zh.codes:
        if code.key not in squashed:
            yield Finding(
                f"{code.text} (in the Chinese) is not in the English",
                source_spans=(Span(code.start, code.end),),
            )
    extra = [
        q
        for q in pair.en.quantities
        if q.strength is Strength.FIGURE
        and not _inside(q, pair.en_terms)
        and not _counterpart(q, pair.zh.quantities)
    ]
    for quantities in _group(extra).values():
        first = quantities[0]
        yield Finding(
            f"{quote(first.text)} in the English has no counterpart in the Chinese",
            target_spans=tuple(Span(q.start, q.end) for q in quantities),
        )


@segment_check("numeral-mismatch", Severity.WARNING, "Counted quantity differs")
def numeral_mismatch(segment: Segment) -> Iterator[Finding]:
    """A quantity written in Chinese numerals (两名专家, 三方面, 第二次, 百分之五) whose value
    is not in the English, in figures or in words; a count that sums up the list before it
    (发展、安全、治理三方面) is implied by the English list."""
    pair = _pair(segment)
    for quantities in _group(_missing(pair, Strength.NUMERAL, segment.source)).values():
        yield Finding(
            f"{_shown(segment.source, quantities[0])} in the Chinese is not in the English",
            source_spans=tuple(Span(q.start, q.end) for q in quantities),
        )


_APPROX_WORDS = {
    Approx.MORE: "“more than”, “over”",
    Approx.LESS: "“less than”, “nearly”, “up to”",
    Approx.ABOUT: "“about”, “around”, “nearly”",
}


def _compatible(zh: Approx, en: Approx | None) -> bool:
    if en is None:
        return False
    return zh is en or {zh, en} <= {Approx.ABOUT, Approx.LESS}


@segment_check("number-approximation", Severity.WARNING, "Approximate number given as exact")
def number_approximation(segment: Segment) -> Iterator[Finding]:
    """An approximate number in the Chinese (60余家, 30多年, 超过, 约, 左右) rendered without
    its qualifier ("more than 60", "over 30", "about") or with the opposite one."""
    pair = _pair(segment)
    for q in pair.zh.quantities:
        if q.approx is None or q.strength is Strength.WEAK:
            continue
        matches = _counterpart(q, pair.en.quantities)
        if matches and not any(_compatible(q.approx, m.approx) for m in matches):
            shown = matches[0]
            yield Finding(
                f"{_shown(segment.source, q)} is approximate in the Chinese, but "
                f"{quote(shown.text)} in the English "
                f"does not say so (e.g. {_APPROX_WORDS[q.approx]})",
                source_spans=(Span(q.start, q.end),),
                target_spans=(Span(shown.start, shown.end),),
            )
