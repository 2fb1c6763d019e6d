"""Glossary checks: approved renderings present, forbidden renderings absent.

The matching itself is the glossary's (`Glossary.check`): substring matching on the Chinese
side, so terms are found without word boundaries, and a tolerant expression per rendering on
the English side. These checks only turn its verdict into issues.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from workbench.core.checks.base import Finding, Segment, Severity, Span, quote, segment_check
from workbench.core.glossary import Glossary, SegmentCheck, TermProblem

_EMPTY = SegmentCheck(hits=(), issues=(), renderings=())


def glossary_check(glossary: Glossary | None, source: str, target: str) -> SegmentCheck:
    """The glossary's verdict on a pair, computed once for all checks that need it."""
    if glossary is None or not target.strip():
        return _EMPTY
    return _cached_check(glossary, source, target)


@lru_cache(maxsize=2048)
def _cached_check(glossary: Glossary, source: str, target: str) -> SegmentCheck:
    return glossary.check(source, target)


@segment_check("term-missing", Severity.ERROR, "Approved glossary rendering missing")
def term_missing(segment: Segment) -> Iterator[Finding]:
    """A glossary term in the Chinese whose approved rendering (or an accepted variant) is
    not in the English."""
    check = glossary_check(segment.glossary, segment.source, segment.target)
    for term_issue in check.issues:
        if term_issue.problem is not TermProblem.MISSING:
            continue
        term = term_issue.term
        others = f" (or {', '.join(quote(v) for v in term.variants[:3])})" if term.variants else ""
        yield Finding(
            f"{term.source} should be rendered {quote(term.target)}{others}",
            source_spans=tuple(Span(h.start, h.end) for h in check.hits if h.term == term),
        )


@segment_check("term-forbidden", Severity.ERROR, "Forbidden glossary rendering used")
def term_forbidden(segment: Segment) -> Iterator[Finding]:
    """A rendering the glossary forbids for a term in the Chinese (e.g. "small courtyard,
    high wall" for 小院高墙)."""
    check = glossary_check(segment.glossary, segment.source, segment.target)
    for term_issue in check.issues:
        if term_issue.problem is not TermProblem.FORBIDDEN:
            continue
        term = term_issue.term
        yield Finding(
            f"{quote(term_issue.found)} is a forbidden rendering of {term.source}; "
            f"use {quote(term.target)}",
            source_spans=tuple(Span(h.start, h.end) for h in check.hits if h.term == term),
            target_spans=(Span(term_issue.start, term_issue.end),) if term_issue.start >= 0 else (),
        )
