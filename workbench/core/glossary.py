"""Glossary terms, CJK-aware matching of Chinese sources and checking of English renderings.

Chinese side (`Glossary.find`): sources match whatever the width of their punctuation and
the whitespace inside them, leftmost-longest without overlap (人工智能全球治理 wins over
人工智能 and 全球治理): see `workbench.core.glossary_chinese`.

English side (`Glossary.check`): every rendering becomes one regular expression that
tolerates what good official translations vary in without changing the term (case, quotes,
hyphens, British/American spelling, singular/plural of the head noun): see
`workbench.core.glossary_english`.

A term found several times in the Chinese is satisfied by one English occurrence: official
translations routinely replace repeats by a pronoun, "the Initiative" or nothing at all.

Overlaps are resolved so that nested renderings cannot produce false results: within a term
the leftmost-longest of its approved and forbidden renderings wins (an approved "small yard,
high fence" inside a longer forbidden phrase does not count, a forbidden phrase inside a
longer approved one is not reported); across terms a match inside a longer match of another
term is ignored ("global AI governance" inside "Global AI Governance Initiative").
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeVar

from workbench.core.errors import GlossaryError
from workbench.core.glossary_chinese import SourceFinder, fold_with_index
from workbench.core.glossary_english import (
    EnglishMatch,
    drop_nested_in_other_terms,
    english_key,
    english_matches,
    leftmost_longest,
)


class TermStatus(StrEnum):
    APPROVED = "approved"  # enforced: MT must use it, checks flag its absence
    CANDIDATE = "candidate"  # proposed, shown but not enforced
    REJECTED = "rejected"  # kept so that it is not proposed again


class CaseRule(StrEnum):
    INSENSITIVE = "insensitive"  # "community with a shared future for mankind"
    SENSITIVE = "sensitive"  # "Global AI Governance Initiative": capitals matter


@dataclass(frozen=True)
class Term:
    """One glossary entry.

    Construction validates the entry and raises GlossaryError; surrounding whitespace is
    removed and plain strings are accepted for `status` and `case`.
    """

    source: str  # Chinese term, the key
    target: str  # approved English rendering
    status: TermStatus = TermStatus.APPROVED
    forbidden: tuple[str, ...] = ()  # renderings that must not be used
    variants: tuple[str, ...] = ()  # other acceptable renderings (also satisfy the check)
    pos: str = ""  # part of speech, e.g. noun, phrase, slogan
    case: CaseRule = CaseRule.INSENSITIVE
    note: str = ""  # usage note and/or source of the official rendering

    def __post_init__(self) -> None:
        clean = object.__setattr__  # frozen: normalise once, here
        clean(self, "source", str(self.source).strip())
        clean(self, "target", str(self.target).strip())
        clean(self, "pos", str(self.pos).strip())
        clean(self, "note", str(self.note).strip())
        clean(self, "variants", tuple(s.strip() for s in self.variants if s.strip()))
        clean(self, "forbidden", tuple(s.strip() for s in self.forbidden if s.strip()))
        clean(self, "status", parse_choice(TermStatus, self.status, self.source, "status"))
        clean(self, "case", parse_choice(CaseRule, self.case, self.source, "case"))
        _validate(self)

    @property
    def renderings(self) -> tuple[str, ...]:
        """The target followed by its variants: every rendering that satisfies the check."""
        return (self.target, *self.variants)


@dataclass(frozen=True)
class GlossaryHit:
    """An occurrence of a term in a Chinese text.

    text[start:end] is the occurrence as written: term.source up to the width of its
    punctuation and any whitespace inside it.
    """

    term: Term
    start: int
    end: int


class TermProblem(StrEnum):
    MISSING = "missing"  # approved rendering (or a variant) not found in the English
    FORBIDDEN = "forbidden"  # a forbidden rendering is present


@dataclass(frozen=True)
class TermIssue:
    """A glossary violation in one segment."""

    term: Term
    problem: TermProblem
    found: str = ""  # for FORBIDDEN: the offending English text as it stands
    start: int = -1  # span of `found` in the English, -1 when not applicable
    end: int = -1


@dataclass(frozen=True)
class RenderingSpan:
    """Where an approved rendering (or variant) of a term stands in an English text."""

    term: Term
    start: int
    end: int


@dataclass(frozen=True)
class SegmentCheck:
    """Result of checking one Chinese/English pair against the glossary."""

    hits: tuple[GlossaryHit, ...]  # terms found in the Chinese (longest match, no overlaps)
    issues: tuple[TermIssue, ...]
    renderings: tuple[RenderingSpan, ...]  # approved renderings found in the English

    @property
    def ok(self) -> bool:
        return not self.issues


class Glossary:
    """An immutable set of terms with a fast matcher (Aho-Corasick automaton).

    Terms keep the order they were given in; equality and `version` ignore that order.
    Edits return a new Glossary (`with_term`, `without`, `approve`, ...).
    """

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        by_key: dict[str, Term] = {}
        for term in terms:
            if not isinstance(term, Term):
                raise TypeError(f"expected a Term, got {type(term).__name__}")
            key = chinese_key(term.source)
            if key in by_key:
                raise GlossaryError(_duplicate_message(term.source, by_key[key].source))
            by_key[key] = term
        self._by_key = by_key
        self._terms = tuple(by_key.values())
        # Rejected terms are kept so that they are not proposed again, but never match.
        self._finder = SourceFinder(
            [None if t.status is TermStatus.REJECTED else key for key, t in by_key.items()]
        )
        self._version: str | None = None

    # -- reading ---------------------------------------------------------------------------

    @property
    def terms(self) -> Sequence[Term]:
        return self._terms

    @property
    def version(self) -> str:
        """Stable content hash; changes whenever any term changes."""
        if self._version is None:
            rows = sorted(_canonical(term) for term in self._terms)
            payload = json.dumps(["workbench-glossary/1", rows], ensure_ascii=False)
            self._version = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        return self._version

    def get(self, source: str) -> Term | None:
        return self._by_key.get(chinese_key(source))

    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __contains__(self, source: object) -> bool:
        return isinstance(source, str) and chinese_key(source) in self._by_key

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Glossary):
            return NotImplemented
        return self._by_key == other._by_key

    def __hash__(self) -> int:
        return hash(self.version)

    def __repr__(self) -> str:
        return f"<Glossary: {len(self)} terms, version {self.version[:12]}>"

    # -- edits -----------------------------------------------------------------------------

    def with_term(self, term: Term) -> Glossary:
        """Add `term`, or replace the term with the same source (keeping its position)."""
        return self.with_terms([term])

    def with_terms(self, terms: Iterable[Term]) -> Glossary:
        """Add or replace several terms; a later term replaces an earlier one."""
        merged = dict(self._by_key)
        for term in terms:
            merged[chinese_key(term.source)] = term
        return Glossary(merged.values())

    def without(self, source: str) -> Glossary:
        """The glossary without the term `source`; GlossaryError if there is none."""
        key = chinese_key(source)
        if key not in self._by_key:
            raise GlossaryError(f"no term {source!r} in the glossary")
        return Glossary(t for k, t in self._by_key.items() if k != key)

    def rebased(self, base: Glossary, onto: Glossary) -> Glossary:
        """The edits that made this glossary from `base`, made to `onto` instead (the file as
        another program left it meanwhile): terms added or changed here win, terms removed
        here go, every other term of `onto` stays as it is there."""
        merged = dict(onto._by_key)
        keys = [*base._by_key, *(key for key in self._by_key if key not in base._by_key)]
        for key in keys:
            mine = self._by_key.get(key)
            if mine == base._by_key.get(key):
                continue
            if mine is None:
                merged.pop(key, None)
            else:
                merged[key] = mine
        return Glossary(merged.values())

    def with_status(self, source: str, status: TermStatus) -> Glossary:
        term = self.get(source)
        if term is None:
            raise GlossaryError(f"no term {source!r} in the glossary")
        return self.with_term(replace(term, status=status))

    def approve(self, source: str) -> Glossary:
        return self.with_status(source, TermStatus.APPROVED)

    def reject(self, source: str) -> Glossary:
        return self.with_status(source, TermStatus.REJECTED)

    # -- matching --------------------------------------------------------------------------

    def find(self, chinese: str, *, include_candidates: bool = False) -> list[GlossaryHit]:
        """All term occurrences, leftmost-longest, non-overlapping, in text order.

        Approved terms only, unless `include_candidates`; rejected terms never match.
        """
        terms = self._terms

        def counts(position: int) -> bool:
            return include_candidates or terms[position].status is not TermStatus.CANDIDATE

        return [
            GlossaryHit(terms[position], start, end)
            for start, end, position in self._finder.find(chinese, counts)
        ]

    def check(
        self, chinese: str, english: str, *, include_candidates: bool = False
    ) -> SegmentCheck:
        """Check that every term found in `chinese` is rendered as agreed in `english`.

        Only terms found in the Chinese are checked: a forbidden rendering is reported only
        when its term occurs in the source. Candidates are checked only on request.
        """
        hits = self.find(chinese, include_candidates=include_candidates)
        terms = list(dict.fromkeys(hit.term for hit in hits))
        found: list[EnglishMatch] = []
        for slot, term in enumerate(terms):
            found.extend(_term_matches(term, english, slot))
        found = drop_nested_in_other_terms(found)

        issues: list[TermIssue] = []
        renderings: list[RenderingSpan] = []
        for slot, term in enumerate(terms):
            own = [f for f in found if f.slot == slot]
            approved = [f for f in own if not f.forbidden]
            renderings.extend(RenderingSpan(term, f.start, f.end) for f in approved)
            issues.extend(_forbidden_issue(term, english, f) for f in own if f.forbidden)
            if not approved:
                issues.append(TermIssue(term, TermProblem.MISSING))
        renderings.sort(key=lambda r: (r.start, r.end))
        return SegmentCheck(tuple(hits), tuple(issues), tuple(renderings))


def find_renderings(term: Term, english: str) -> list[RenderingSpan]:
    """Approved renderings (target or variants) of one term in an English text."""
    return [
        RenderingSpan(term, f.start, f.end) for f in _term_matches(term, english) if not f.forbidden
    ]


def find_forbidden(term: Term, english: str) -> list[TermIssue]:
    """Forbidden renderings of one term in an English text, as FORBIDDEN issues."""
    return [_forbidden_issue(term, english, f) for f in _term_matches(term, english) if f.forbidden]


def _term_matches(term: Term, english: str, slot: int = 0) -> list[EnglishMatch]:
    """One term's approved and forbidden renderings in `english`, leftmost-longest."""
    sensitive = term.case is CaseRule.SENSITIVE
    found = english_matches(
        term.renderings, term.forbidden, english, sensitive=sensitive, slot=slot
    )
    return leftmost_longest(found)


def _forbidden_issue(term: Term, english: str, found: EnglishMatch) -> TermIssue:
    start, end = found.start, found.end
    return TermIssue(term, TermProblem.FORBIDDEN, english[start:end], start, end)


def chinese_key(text: str) -> str:
    """The form of a Chinese string used for matching: folded punctuation, no whitespace,
    traditional text in mainland simplified (see `workbench.core.chinese_script`)."""
    return fold_with_index(text)[0]


# -- validation -----------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


_Choice = TypeVar("_Choice", TermStatus, CaseRule)


def parse_choice(kind: type[_Choice], value: object, source: str, name: str) -> _Choice:
    """`value` (any case, spaces around) as a TermStatus or CaseRule of the term `source`.

    Shared with the glossary file readers so that a bad value reads the same everywhere.
    """
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise GlossaryError(
            f"term {source!r}: unknown {name} {value!r} (expected one of: {allowed})"
        ) from None


def _validate(term: Term) -> None:
    label = f"term {term.source!r}"
    if not term.source:
        raise GlossaryError("a term has an empty Chinese source")
    if not _CJK.search(term.source):
        raise GlossaryError(f"{label}: the source contains no Chinese characters")
    if not term.target:
        raise GlossaryError(f"{label}: the English target is empty")
    fields = {"source": term.source, "target": term.target, "pos": term.pos, "note": term.note}
    fields.update({f"variant {v!r}": v for v in term.variants})
    fields.update({f"forbidden {f!r}": f for f in term.forbidden})
    for name, value in fields.items():
        if _CONTROL.search(value):
            raise GlossaryError(f"{label}: the {name} contains a tab or line break")
    seen: dict[str, str] = {}
    for kind, rendering in [("rendering", r) for r in term.renderings] + [
        ("forbidden rendering", f) for f in term.forbidden
    ]:
        if "|" in rendering:
            raise GlossaryError(
                f"{label}: {kind} {rendering!r} contains '|', which separates multiple values"
            )
        if not _LETTER_OR_DIGIT.search(rendering):
            raise GlossaryError(f"{label}: {kind} {rendering!r} has no letters")
        key = english_key(rendering, fold_case=term.case is CaseRule.INSENSITIVE)
        if key in seen:
            if kind == "forbidden rendering" and seen[key] == "rendering":
                raise GlossaryError(f"{label}: {rendering!r} is both approved and forbidden")
            raise GlossaryError(f"{label}: {rendering!r} is listed twice")
        seen[key] = kind


def _duplicate_message(source: str, existing: str) -> str:
    if source == existing:
        return f"duplicate term {source!r}"
    return (
        f"duplicate term {source!r}: same as {existing!r} once punctuation width "
        "and spaces are ignored"
    )


def _canonical(term: Term) -> str:
    return json.dumps(
        [
            term.source,
            term.target,
            term.status.value,
            list(term.variants),
            list(term.forbidden),
            term.pos,
            term.case.value,
            term.note,
        ],
        ensure_ascii=False,
    )
