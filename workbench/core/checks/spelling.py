"""English spelling: words neither the dictionary nor the project knows."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.checks.base import Finding, Segment, Severity, Span, segment_check

MAX_WORDS = 10  # listed per segment; the message says how many more


@segment_check("spelling", Severity.WARNING, "English spelling")
def spelling(segment: Segment) -> Iterator[Finding]:
    """A word of the English that the spelling dictionary (hunspell en_US or en_GB), the
    glossary's English and the project's word list do not know. Acronyms and codes (AI,
    G20) are not checked; ctrl+n in the editor adds the word at the cursor to the list."""
    speller = segment.context.speller
    if speller is None:
        return
    wrong = speller.misspellings(segment.target)
    if not wrong:
        return
    words = list(dict.fromkeys(m.word for m in wrong))
    shown = ", ".join(f"“{w}”" for w in words[:MAX_WORDS])
    more = f" and {len(words) - MAX_WORDS} more" if len(words) > MAX_WORDS else ""
    noun = "word" if len(words) == 1 else "words"
    yield Finding(
        f"unknown {noun} in the English: {shown}{more}",
        target_spans=tuple(Span(m.start, m.end) for m in wrong),
    )
