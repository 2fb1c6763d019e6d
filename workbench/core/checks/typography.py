"""Marks and spacing in the English: brackets, quotes, titles, spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.checks.base import Finding, Segment, Severity, Span, quote, segment_check
from workbench.core.checks.terms import glossary_check

_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {v: k for k, v in _BRACKETS.items()}


@segment_check("unbalanced-brackets", Severity.ERROR, "Unbalanced brackets")
def unbalanced_brackets(segment: Segment) -> Iterator[Finding]:
    """A ( [ or { in the English without its partner, or a closing one without an opening."""
    stack: list[int] = []
    strays: list[int] = []
    text = segment.target
    for i, char in enumerate(text):
        if char in _BRACKETS:
            stack.append(i)
        elif char in _CLOSING:
            if stack and text[stack[-1]] == _CLOSING[char]:
                stack.pop()
            else:
                strays.append(i)
    unmatched = sorted(strays + stack)
    if unmatched:
        marks = " ".join(text[i] for i in unmatched)
        yield Finding(
            f"unbalanced bracket in the English: {marks} at {_context(text, unmatched[0])}",
            target_spans=tuple(Span(i, i + 1) for i in unmatched),
        )


@segment_check("unbalanced-quotes", Severity.WARNING, "Unbalanced quotation marks")
def unbalanced_quotes(segment: Segment) -> Iterator[Finding]:
    """An opening quotation mark in the English without its closing one (or the reverse).

    ’ doubles as the apostrophe, so only an unclosed ‘ counts for single quotes."""
    text = segment.target
    unmatched: list[int] = []
    doubles: list[int] = []
    singles: list[int] = []
    for i, char in enumerate(text):
        if char == "“":
            doubles.append(i)
        elif char == "”":
            if doubles:
                doubles.pop()
            else:
                unmatched.append(i)
        elif char == "‘":
            singles.append(i)
        elif char == "’" and singles:
            singles.pop()
    unmatched += doubles + singles
    straight = [i for i, char in enumerate(text) if char == '"']
    if len(straight) % 2:
        unmatched.append(straight[-1])
    if unmatched:
        unmatched.sort()
        yield Finding(
            f"unbalanced quotation mark in the English at {_context(text, unmatched[0])}",
            target_spans=tuple(Span(i, i + 1) for i in unmatched),
        )


_TITLE = re.compile(r"《([^《》]+)》")
_FUNCTION_WORDS = "of|the|and|for|on|in|to|a|an|with|at|by|from|against|into|under|between"
_WORD = r"[\w'’-]*(?:\.(?=\w)[\w'’-]*)*"  # inner dots (U.N.) but not a full stop
_CAPITALISED = re.compile(rf"\b[A-Z]{_WORD}(?:[ -](?:(?:{_FUNCTION_WORDS})[ -])*[A-Z0-9]{_WORD})+")
_MARKED = re.compile(r"“[^”]+”|\"[^\"]+\"|‘[^’]+’|\*[^*]+\*|_[^_]+_|<(i|em)>.+?</\1>")


@segment_check("title-marks", Severity.WARNING, "《》 title without a counterpart")
def title_marks(segment: Segment) -> Iterator[Finding]:
    """A title in 《》 (a document, law, book or journal) should stand out in the English:
    in italics, in quotation marks, or as a Capitalised Title.

    A title the glossary renders is judged by that rendering; the others need as many
    marked or capitalised phrases in the English, not counting the glossary's renderings of
    other terms (a capitalised "President Xi Jinping" is not a title)."""
    titles = list(_TITLE.finditer(segment.source))
    if not titles:
        return
    target = segment.target
    marked = [Span(m.start(), m.end()) for m in _MARKED.finditer(target)]
    check = glossary_check(segment.glossary, segment.source, target)
    claimed: list[Span] = []  # English already accounted for by the glossary
    unresolved: list[re.Match[str]] = []
    for title in titles:
        inside = {h.term for h in check.hits if title.start() <= h.start and h.end <= title.end()}
        spans = [Span(r.start, r.end) for r in check.renderings if r.term in inside]
        if not any(_stands_out(target, s, marked) for s in spans):
            unresolved.append(title)
    if not unresolved:
        return
    open_terms = {
        h.term
        for h in check.hits
        if any(t.start() <= h.start and h.end <= t.end() for t in unresolved)
    }
    claimed = [Span(r.start, r.end) for r in check.renderings if r.term not in open_terms]
    phrases = marked + [Span(m.start(), m.end()) for m in _CAPITALISED.finditer(target)]
    candidates = [p for p in phrases if not any(_within(p, c) for c in claimed)]
    if len(candidates) >= len(unresolved):
        return
    yield Finding(
        "no title in the English (italics, quotation marks or capitals) for "
        + "".join(t.group() for t in unresolved),
        source_spans=tuple(Span(t.start(), t.end()) for t in unresolved),
    )


def _stands_out(text: str, span: Span, marked: list[Span]) -> bool:
    if any(m.start <= span.start and span.end <= m.end for m in marked):
        return True
    words = re.findall(r"[A-Za-z][\w'’-]*", text[span.start : span.end])
    content = [w for w in words if not re.fullmatch(_FUNCTION_WORDS, w)]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def _within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0\u3000]{2,}(?=\S)")


@segment_check("double-space", Severity.WARNING, "Doubled spaces")
def double_space(segment: Segment) -> Iterator[Finding]:
    """Two or more spaces in a row inside the English."""
    runs = list(_DOUBLE_SPACE.finditer(segment.target))
    if runs:
        yield Finding(
            f"doubled space in the English at {_context(segment.target, runs[0].start())}",
            target_spans=tuple(Span(m.start(), m.end()) for m in runs),
        )


@segment_check("whitespace", Severity.WARNING, "Leading or trailing whitespace")
def whitespace(segment: Segment) -> Iterator[Finding]:
    """Spaces, tabs or line breaks at the start or end of the English."""
    text = segment.target
    if not text.strip():
        return
    spans = []
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    if lead:
        spans.append(Span(0, lead))
    if trail:
        spans.append(Span(len(text) - trail, len(text)))
    if spans:
        where = " and ".join(w for w, n in (("leading", lead), ("trailing", trail)) if n)
        yield Finding(f"{where} whitespace in the English", target_spans=tuple(spans))


def _context(text: str, index: int, width: int = 12) -> str:
    return quote(text[max(0, index - width) : index + width], 2 * width + 2)
