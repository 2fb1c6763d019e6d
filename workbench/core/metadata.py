"""Metadata lines such as "来源:人民日报2024-04-03 10:09" or "作者：张三 | 发布时间：...".

A line is metadata when it starts with a known label (followed by a colon) or a date, and
consists only of labels, their values and dates; the labels come from the rules file.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache

from workbench.core.cleaning_rules import MetadataLabels
from workbench.core.segments import DocumentMetadata

DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*T?\s*(?P<H>\d{1,2})[:：时](?P<M>\d{2})分?(?:[:：](?P<S>\d{2})秒?)?)?"
)
_OPENING = "【[（( \t"
_VALUE_TRIM = " \t|丨/·,，;；、】]）)【[（("
_FIELDS = ("source", "author", "date", "url")


def normalize_date(text: str) -> str | None:
    """The first date (and time) in `text` as YYYY-MM-DD[ HH:MM[:SS]], or None."""
    found = DATE.search(text)
    return _format_date(found) if found else None


def _format_date(found: re.Match[str]) -> str:
    date = f"{found['y']}-{int(found['m']):02d}-{int(found['d']):02d}"
    if found["H"] is None:
        return date
    time = f"{int(found['H']):02d}:{found['M']}"
    return f"{date} {time}:{found['S']}" if found["S"] else f"{date} {time}"


def parse_metadata_line(line: str, labels: MetadataLabels) -> DocumentMetadata | None:
    """The metadata in a line, or None when the line is not (only) metadata."""
    if len(line) > labels.max_chars:
        return None
    for pattern in (labels.byline, labels.account_byline):
        if pattern is not None and (byline := pattern.match(line)):
            return _byline_metadata(byline)
    tokens = _tokens(line, labels)
    if not tokens or line[: tokens[0][0]].strip(_OPENING):
        return None
    found: dict[str, str] = {}
    for n, (start, end, name) in enumerate(tokens):
        stop = tokens[n + 1][0] if n + 1 < len(tokens) else len(line)
        if name in ("date", "date_value"):
            if not _take_date(line, start if name == "date_value" else end, stop, found):
                return None
        elif name in _FIELDS and (value := _clean_value(line[end:stop])):
            found.setdefault(name, value)
    return DocumentMetadata(**found) if found else None


def _byline_metadata(byline: re.Match[str]) -> DocumentMetadata:
    groups = {name: value for name, value in byline.groupdict().items() if value}
    found: dict[str, str] = {
        name: _clean_value(groups[name]) for name in ("author", "source") if name in groups
    }
    if "date" in groups and (date := DATE.match(groups["date"])):
        found["date"] = _format_date(date)
    return DocumentMetadata(**found)


def _take_date(line: str, at: int, stop: int, found: dict[str, str]) -> bool:
    """Read the date at `at`; up to `stop` only a site name may follow ("… 10:09 新华网")."""
    date = DATE.match(line, at + len(line[at:]) - len(line[at:].lstrip()))
    if date is None:
        return False
    rest = _clean_value(line[date.end() : stop])
    if not _is_source_like(rest):
        return False
    found.setdefault("date", _format_date(date))
    if rest:
        found.setdefault("source", rest)
    return True


def _is_source_like(text: str) -> bool:
    """Empty, or a short name without punctuation (what may follow a date on a byline)."""
    return len(text) <= 15 and not re.search(r"[，。；！？,;!?：:]", text)


def _tokens(line: str, labels: MetadataLabels) -> list[tuple[int, int, str]]:
    """(start, end, field) of every label with its colon, and of every date, in order."""
    tokens = [(m.start(), m.end(), "date_value") for m in DATE.finditer(line)]
    taken = [(start, end) for start, end, _ in tokens]
    for pattern, name in _label_patterns(labels):
        for m in pattern.finditer(line):
            if not any(start < m.end() and m.start() < end for start, end in taken):
                tokens.append((m.start(), m.end(), name))
                taken.append((m.start(), m.end()))
    # A date right after a date label is that label's value, not a token of its own.
    tokens.sort()
    return [
        t
        for n, t in enumerate(tokens)
        if not (
            t[2] == "date_value"
            and n
            and tokens[n - 1][2] == "date"
            and _adjacent(line, tokens[n - 1], t)
        )
    ]


@cache
def _label_patterns(labels: MetadataLabels) -> tuple[tuple[re.Pattern[str], str], ...]:
    """One pattern per label with its colon, longest first (文章来源 before 来源)."""
    names = [name for name in (f.name for f in fields(labels)) if name in (*_FIELDS, "other")]
    by_length = sorted(
        ((label, name) for name in names for label in getattr(labels, name)),
        key=lambda pair: -len(pair[0]),
    )
    return tuple((re.compile(rf"{re.escape(label)}\s*[:：]\s*"), name) for label, name in by_length)


def _adjacent(line: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    return not line[left[1] : right[0]].strip()


def _clean_value(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(_VALUE_TRIM)
