"""Is there an English translation at all, and is it English?"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.checks.base import Finding, Segment, Severity, Span, quote, segment_check
from workbench.core.text import has_han, is_cjk_punct, is_han

_HAN_RUN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+"
    r"(?:[\s\u3000-\u303f\uff01-\uff65]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+)*"
)


def _squash(text: str) -> str:
    return "".join(text.split())


@segment_check("untranslated", Severity.ERROR, "No English", needs_english=False)
def untranslated(segment: Segment) -> Iterator[Finding]:
    """The Chinese has no English translation yet (or only whitespace)."""
    if segment.source.strip() and not segment.target.strip():
        yield Finding(f"no English for {quote(segment.source)}")


@segment_check("identical", Severity.ERROR, "English identical to the Chinese")
def identical(segment: Segment) -> Iterator[Finding]:
    """The English is the Chinese copied unchanged (a pasted source, an MT fallback)."""
    if has_han(segment.source) and _squash(segment.source) == _squash(segment.target):
        yield Finding(
            f"the English is the Chinese text unchanged: {quote(segment.target)}",
            source_spans=(Span(0, len(segment.source)),),
            target_spans=(Span(0, len(segment.target)),),
        )


@segment_check("chinese-left", Severity.ERROR, "Chinese characters in the English")
def chinese_left(segment: Segment) -> Iterator[Finding]:
    """Chinese characters left in the English: an untranslated word or a paste error."""
    if _squash(segment.source) == _squash(segment.target):
        return  # reported by `identical`
    runs = list(_HAN_RUN.finditer(segment.target))
    if runs:
        shown = ", ".join(quote(m.group(), 20) for m in runs[:5])
        more = f" and {len(runs) - 5} more" if len(runs) > 5 else ""
        yield Finding(
            f"Chinese left in the English: {shown}{more}",
            target_spans=tuple(Span(m.start(), m.end()) for m in runs),
        )


@segment_check("fullwidth-punctuation", Severity.ERROR, "Full-width punctuation in the English")
def fullwidth_punctuation(segment: Segment) -> Iterator[Finding]:
    """Chinese (full-width) punctuation such as ， 。 、 ： （ ） 《 》 in the English.

    Curly quotes, dashes and the ellipsis belong to English typography and are not reported;
    marks next to Chinese characters are left to `chinese-left`."""
    target = segment.target
    spans = [
        Span(i, i + 1)
        for i, char in enumerate(target)
        if is_cjk_punct(char) and not _touches_han(target, i)
    ]
    if spans:
        marks = " ".join(dict.fromkeys(target[s.start] for s in spans))
        yield Finding(f"full-width punctuation in the English: {marks}", target_spans=tuple(spans))


def _touches_han(text: str, index: int) -> bool:
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (bool(before) and is_han(before)) or (bool(after) and is_han(after))
