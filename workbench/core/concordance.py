"""Finding a Chinese or English string in text, and showing it in context (KWIC).

An English query ignores case and treats any run of whitespace in the query as any run of
whitespace in the text, so a phrase wrapped across lines is still found. A Chinese query is
matched the way glossary sources are (`workbench.core.glossary_chinese`): whitespace,
punctuation width, traditional script and Taiwan phrasing do not matter (数字鸿沟 finds
數字鴻溝 and the other way round, 人工智能 finds 人工智慧 in a traditional text). Spans are
reported in the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.errors import InputError
from workbench.core.glossary_chinese import SourceFinder, fold_with_index
from workbench.core.sentences import split_sentences
from workbench.core.text import is_han


def has_chinese(text: str) -> bool:
    return any(is_han(char) for char in text)


class Query:
    """A concordance query, ready to find its occurrences in texts."""

    def __init__(self, query: str) -> None:
        """InputError for an empty query."""
        parts = query.split()
        if not parts:
            raise InputError("the search text is empty")
        self._finder: SourceFinder | None = None
        self._pattern: re.Pattern[str] | None = None
        if has_chinese(query):
            self._finder = SourceFinder([fold_with_index(query)[0]])
        else:
            self._pattern = re.compile(r"\s+".join(map(re.escape, parts)), re.IGNORECASE)

    def spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """Where the query occurs in `text`, as written, in text order."""
        if self._finder is not None:
            return tuple((start, end) for start, end, _ in self._finder.find(text, _every))
        assert self._pattern is not None
        return tuple(m.span() for m in self._pattern.finditer(text) if m.end() > m.start())

    def search(self, text: str) -> bool:
        return bool(self.spans(text))


def _every(entry: int) -> bool:
    return True


def query_pattern(query: str) -> Query:
    """What a concordance query becomes; InputError for an empty query."""
    return Query(query)


def literal_runs(query: str) -> list[str]:
    """Runs of the query that every hit holds exactly as typed, for a prefilter: the words
    of an English query (global AI → global, AI). None for a Chinese query: a traditional
    hit may share no character with it (人工智能 finds 人工智慧, 数字 finds 數字)."""
    return [] if has_chinese(query) else query.split()


def find_spans(pattern: Query, text: str) -> tuple[tuple[int, int], ...]:
    return pattern.spans(text)


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
