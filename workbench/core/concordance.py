"""Finding a Chinese or English string in text, and showing it in context (KWIC).

Matching ignores case (English) and traditional/simplified spelling (数字鸿沟 finds 數字鴻溝
and the other way round), and treats any run of whitespace in the query as any run of
whitespace in the text, so a phrase wrapped across lines is still found. Spans are reported
in the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.errors import InputError
from workbench.core.sentences import split_sentences
from workbench.core.text import TO_SIMPLIFIED, is_han, spellings


def has_chinese(text: str) -> bool:
    return any(is_han(char) for char in text)


def query_pattern(query: str) -> re.Pattern[str]:
    """The expression a concordance query becomes; InputError for an empty query."""
    parts = query.translate(TO_SIMPLIFIED).split()
    if not parts:
        raise InputError("the search text is empty")
    # Chinese is written without spaces: a space typed in a Chinese query is optional.
    joiner = r"\s*" if has_chinese(query) else r"\s+"
    return re.compile(joiner.join(map(_any_spelling, parts)), re.IGNORECASE)


def _any_spelling(part: str) -> str:
    return "".join(
        re.escape(char) if len(forms := spellings(char)) == 1 else f"[{forms}]" for char in part
    )


def literal_runs(query: str) -> list[str]:
    """Runs of the query that every hit holds exactly as typed (no character in them has
    another spelling), for a prefilter: 数字鸿沟 → 字; global AI → global, AI."""
    runs: list[str] = []
    for part in query.translate(TO_SIMPLIFIED).split():
        run = ""
        for char in part:
            if len(spellings(char)) == 1:
                run += char
            elif run:
                runs.append(run)
                run = ""
        if run:
            runs.append(run)
    return runs


def find_spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    return tuple(match.span() for match in pattern.finditer(text) if match.end() > match.start())


@dataclass(frozen=True)
class Context:
    """A hit with some text on either side, on one line."""

    before: str  # starts with "…" when cut
    match: str
    after: str  # ends with "…" when cut


def keyword_in_context(text: str, start: int, end: int, *, width: int = 30) -> Context:
    """text[start:end] with up to `width` characters either side, whitespace collapsed."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    before = _one_line(text[left:start])
    after = _one_line(text[end:right])
    if left > 0:
        before = "…" + before.lstrip()
    if right < len(text):
        after = after.rstrip() + "…"
    return Context(before, _one_line(text[start:end]), after)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class AlignedSentence:
    """The sentence of the other side in the place of the sentence holding a hit."""

    number: int  # from 1
    count: int  # sentences on each side
    text: str


def aligned_sentence(text: str, position: int, other: str) -> AlignedSentence | None:
    """The sentence of `other` in the place of the sentence of `text` holding `position`;
    None when the two sides do not split into the same number of sentences (no pairing can
    then be trusted) or are single sentences."""
    mine, theirs = split_sentences(text), split_sentences(other)
    if len(mine) < 2 or len(mine) != len(theirs):
        return None
    end = 0
    for number, sentence in enumerate(mine, start=1):
        end = text.find(sentence, end) + len(sentence)
        if position < end:
            return AlignedSentence(number, len(mine), theirs[number - 1])
    return None
