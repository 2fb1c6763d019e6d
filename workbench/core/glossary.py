"""Glossary terms, CJK-aware matching of Chinese sources and checking of English renderings.

Chinese side (`Glossary.find`): one Aho-Corasick automaton per glossary over a *folded* form
of the text and of every source, so that full-width and half-width punctuation, the two
kinds of quotes and dashes, and whitespace do not matter (以共商促共享，以善治促善智 matches
with ， or ,). Occurrences are chosen leftmost-longest without overlap: 人工智能全球治理 wins
over 人工智能 and 全球治理. Spans are reported in the original text.

English side (`Glossary.check`): every rendering becomes one regular expression, run on the
English as written so that spans stay exact. The expression tolerates what good official
translations vary in without changing the term:
- case, unless the term is CaseRule.SENSITIVE (then only the first letter of a sentence may
  be capitalised);
- curly or straight quotes and apostrophes;
- hyphens, dashes and spaces between words (people-centred, people centred, multistakeholder);
  a comma where the rendering has one may be left out, and a serial comma may be added;
- British/American spelling (-ise/-ize, -isation/-ization, -yse/-yze, centre/center,
  labour/labor, defence/defense, programme/program, dialogue/dialog, modelling/modeling);
- number of the last word (the head noun: benefit/benefits, country/countries) and a
  possessive 's; dotted short acronyms (UN / U.N.).

A term found several times in the Chinese is satisfied by one English occurrence: official
translations routinely replace repeats by a pronoun, "the Initiative" or nothing at all.

Overlaps are resolved so that nested renderings cannot produce false results: within a term
the leftmost-longest of its approved and forbidden renderings wins (an approved "small yard,
high fence" inside a longer forbidden phrase does not count, a forbidden phrase inside a
longer approved one is not reported); across terms a match inside a longer match of another
term is ignored ("global AI governance" inside "Global AI Governance Initiative").
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import ahocorasick

from workbench.core.errors import GlossaryError


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
        clean(self, "status", _enum(TermStatus, self.status, self.source, "status"))
        clean(self, "case", _enum(CaseRule, self.case, self.source, "case"))
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
        self._automaton = _build_automaton(self._terms)
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
        if self._automaton is None or not chinese:
            return []
        folded, index = _fold_with_index(chinese)
        found: list[tuple[int, int, Term]] = []
        for last, (length, position, left_edge, right_edge) in self._automaton.iter(folded):
            term = self._terms[position]
            if term.status is TermStatus.CANDIDATE and not include_candidates:
                continue
            start, end = last - length + 1, last + 1
            # A source that begins or ends with a Latin letter or digit (G20峰会) must not
            # match inside a longer Latin word or number.
            if left_edge and start > 0 and _is_ascii_alnum(folded[start - 1]):
                continue
            if right_edge and end < len(folded) and _is_ascii_alnum(folded[end]):
                continue
            found.append((start, end, term))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        hits: list[GlossaryHit] = []
        reached = 0
        for start, end, term in found:
            if start < reached:
                continue
            reached = end
            if index is None:
                hits.append(GlossaryHit(term, start, end))
            else:
                hits.append(GlossaryHit(term, index[start], index[end - 1] + 1))
        return hits

    def check(
        self, chinese: str, english: str, *, include_candidates: bool = False
    ) -> SegmentCheck:
        """Check that every term found in `chinese` is rendered as agreed in `english`.

        Only terms found in the Chinese are checked: a forbidden rendering is reported only
        when its term occurs in the source. Candidates are checked only on request.
        """
        hits = self.find(chinese, include_candidates=include_candidates)
        terms = list(dict.fromkeys(hit.term for hit in hits))
        found: list[_Found] = []
        for slot, term in enumerate(terms):
            found.extend(_leftmost_longest(_matches(term, english, slot)))
        found = _drop_nested_in_other_terms(found)

        issues: list[TermIssue] = []
        renderings: list[RenderingSpan] = []
        for slot, term in enumerate(terms):
            own = [f for f in found if f.slot == slot]
            approved = [f for f in own if not f.forbidden]
            renderings.extend(RenderingSpan(term, f.start, f.end) for f in approved)
            issues.extend(
                TermIssue(term, TermProblem.FORBIDDEN, english[f.start : f.end], f.start, f.end)
                for f in own
                if f.forbidden
            )
            if not approved:
                issues.append(TermIssue(term, TermProblem.MISSING))
        renderings.sort(key=lambda r: (r.start, r.end))
        return SegmentCheck(tuple(hits), tuple(issues), tuple(renderings))


def find_renderings(term: Term, english: str) -> list[RenderingSpan]:
    """Approved renderings (target or variants) of one term in an English text."""
    return [
        RenderingSpan(term, f.start, f.end)
        for f in _leftmost_longest(_matches(term, english, 0))
        if not f.forbidden
    ]


def find_forbidden(term: Term, english: str) -> list[TermIssue]:
    """Forbidden renderings of one term in an English text, as FORBIDDEN issues."""
    return [
        TermIssue(term, TermProblem.FORBIDDEN, english[f.start : f.end], f.start, f.end)
        for f in _leftmost_longest(_matches(term, english, 0))
        if f.forbidden
    ]


def chinese_key(text: str) -> str:
    """The form of a Chinese string used for matching: folded punctuation, no whitespace."""
    return _fold_with_index(text)[0]


# -- validation -----------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _enum(kind: type[TermStatus] | type[CaseRule], value: object, source: str, name: str) -> Any:
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
        key = _english_key(rendering, fold_case=term.case is CaseRule.INSENSITIVE)
        if key in seen:
            if kind == "forbidden rendering" and seen[key] == "rendering":
                raise GlossaryError(f"{label}: {rendering!r} is both approved and forbidden")
            raise GlossaryError(f"{label}: {rendering!r} is listed twice")
        seen[key] = kind


def _english_key(text: str, *, fold_case: bool) -> str:
    """Loose identity of an English rendering, used only to catch duplicates."""
    text = re.sub(r"[‘’ʼ]", "'", text.casefold() if fold_case else text)
    text = re.sub(r"[“”„]", '"', text)
    return re.sub(r"[\s\-\u2010-\u2015\u2212]+", " ", text).strip()


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


# -- Chinese side ---------------------------------------------------------------------------


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms: ，（）：；！？Ａ０ ...
        table[code] = chr(code - 0xFEE0).lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for chars, folded in (
        ("\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad", " "),  # dropped below as spaces
        ("、､", ","),
        ("。｡", "."),
        ("“”„‟「」『』〝〞\"'‘’‚‛", '"'),
        ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc", "-"),
        ("·•・‧･⋅∙", "·"),
        ("〈《", "<"),
        ("〉》", ">"),
    ):
        for char in chars:
            table[ord(char)] = folded
    return table


_FOLD = _fold_table()
_SPACE = re.compile(r"\s")
_SPACES = re.compile(r"\s+")
_NOT_SPACE = re.compile(r"\S+")


def _fold_with_index(text: str) -> tuple[str, list[int] | None]:
    """Fold `text`; without whitespace the positions are unchanged (index None)."""
    folded = text.translate(_FOLD)  # one character for one: positions are kept
    if not _SPACE.search(folded):
        return folded, None
    index: list[int] = []
    for run in _NOT_SPACE.finditer(folded):
        index.extend(range(run.start(), run.end()))
    return _SPACES.sub("", folded), index


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _build_automaton(terms: Sequence[Term]) -> Any:
    automaton = ahocorasick.Automaton()
    for position, term in enumerate(terms):
        if term.status is TermStatus.REJECTED:
            continue
        key = chinese_key(term.source)
        value = (len(key), position, _is_ascii_alnum(key[0]), _is_ascii_alnum(key[-1]))
        automaton.add_word(key, value)
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


# -- English side ---------------------------------------------------------------------------

_DASHES = r"\-\u2010-\u2015\u2212"
_SEP = rf"(?:\s*,)?[\s{_DASHES}]+"  # a space: any run of spaces/dashes, serial comma allowed
_SEP_OPTIONAL = rf"[\s{_DASHES}]*"  # a hyphen: as above, or nothing (multistakeholder)
_COMMA = rf"(?:\s*[,;，；、]\s*|[\s{_DASHES}]+)"  # a comma: may also be left out
_TOKEN = re.compile(
    rf"(?P<comma>\s*[,;，；、]\s*)|(?P<sep>[\s{_DASHES}]+)|(?P<apos>['‘’ʼ])"
    r"|(?P<quote>[\"“”„])|(?P<word>[^\W_]+)|(?P<other>.)",
    re.DOTALL,
)

# (stem)(varying part)(suffix) -> the varying part becomes the given alternative.
_SPELLING: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), alternative)
    for pattern, alternative in (
        (r"^(.{2,}?)(i[sz])(e|es|ed|ing|ation|ations|ational|er|ers)$", "i[sz]"),
        (r"^(.{2,}?)(y[sz])(e|es|ed|ing|er|ers)$", "y[sz]"),
        (
            r"^(cent|theat|fib|lit|met)(re|er|red|ered|res|ers|ring|ering)()$",
            "(?:re|er|red|ered|res|ers|ring|ering)",
        ),
        (
            r"^(labo|behavio|neighbo|favo|hono|colo|endeavo|harbo|rumo|vigo|flavo|humo|armo"
            r"|parlo|savo|vapo)(u?)(r\w*)$",
            "u?",
        ),
        (r"^(defen|licen|offen|preten)([cs])(e|es)$", "[cs]"),
        (r"^(program)(me|)(s?)$", "(?:me)?"),
        (r"^(dialog|catalog|analog)(ue|)(s?)$", "(?:ue)?"),
        (r"^(.{2,}[aeiou])(ll|l)(ed|ing|er|ers|or|ors)$", "ll?"),
    )
)


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]
    initial: re.Pattern[str] | None  # capitalised first word, allowed at a sentence start


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    slot: int  # which term (index in the check's term list)
    forbidden: bool


def _matches(term: Term, english: str, slot: int) -> list[_Found]:
    sensitive = term.case is CaseRule.SENSITIVE
    found: list[_Found] = []
    for forbidden, renderings in ((False, term.renderings), (True, term.forbidden)):
        for rendering in renderings:
            matcher = _matcher(rendering, sensitive)
            found.extend(
                _Found(m.start(), m.end(), slot, forbidden)
                for m in matcher.pattern.finditer(english)
            )
            if matcher.initial is not None:
                found.extend(
                    _Found(m.start(), m.end(), slot, forbidden)
                    for m in matcher.initial.finditer(english)
                    if _at_sentence_start(english, m.start())
                )
    return found


def _leftmost_longest(found: list[_Found]) -> list[_Found]:
    # On an identical span an approved rendering wins over a forbidden one.
    ordered = sorted(found, key=lambda f: (f.start, f.start - f.end, f.forbidden))
    kept: list[_Found] = []
    reached = 0
    for f in ordered:
        if f.start >= reached:
            kept.append(f)
            reached = f.end
    return kept


def _drop_nested_in_other_terms(found: list[_Found]) -> list[_Found]:
    return [
        f
        for f in found
        if not any(
            g.slot != f.slot
            and g.start <= f.start
            and f.end <= g.end
            and g.end - g.start > f.end - f.start
            for g in found
        )
    ]


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0\"'“‘«([{（【「『*•-–—")
    return not before or before[-1] in ".!?:;。！？：；\n\r"


@functools.lru_cache(maxsize=16384)
def _matcher(rendering: str, sensitive: bool) -> _Matcher:
    if not sensitive:
        return _Matcher(re.compile(_rendering_regex(rendering), re.IGNORECASE), None)
    initial = None
    first = rendering[0]
    if first.isalpha() and first.islower():
        initial = re.compile(_rendering_regex(first.upper() + rendering[1:]))
    return _Matcher(re.compile(_rendering_regex(rendering)), initial)


def _rendering_regex(rendering: str) -> str:
    tokens = [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(rendering)]
    words = [i for i, (kind, _) in enumerate(tokens) if kind == "word"]
    head = words[-1] if words else -1
    parts: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "word":
            parts.append(_word_regex(text, head=i == head))
        elif kind == "comma":
            parts.append(_COMMA)
        elif kind == "sep":
            parts.append(_SEP if any(c.isspace() for c in text) else _SEP_OPTIONAL)
        elif kind == "apos":
            parts.append("['‘’ʼ]")
        elif kind == "quote":
            parts.append('["“”„]')
        else:
            parts.append(re.escape(text))
    if tokens and tokens[0][0] == "word":
        parts.insert(0, r"(?<!\w)")
    if tokens and tokens[-1][0] == "word":
        parts.append(r"(?!\w)")
    return "".join(parts)


def _word_regex(word: str, *, head: bool) -> str:
    if word.isascii() and word.isalpha() and word.isupper() and len(word) > 1:
        # Acronym: UN also as U.N.; plural or possessive only on the head (AIs, UN's).
        core = re.escape(word)
        if len(word) <= 3:
            dotted = r"\.".join(word)
            core = rf"(?:{dotted}\.?|{word})"
        return core + ("(?:['’]?s)?" if head else "")
    if not head:
        return _spelling(word)
    stem, ending = _inflection(word)
    return _spelling(stem) + ending + "(?:['’]s)?"


def _inflection(word: str) -> tuple[str, str]:
    """Split the head noun into a stem and an ending that allows singular and plural."""
    low = word.lower()
    if len(low) > 4 and low.endswith("ies"):
        return word[:-3], "(?:y|ies)"
    if len(low) > 2 and low.endswith("y") and low[-2] not in "aeiou":
        return word[:-1], "(?:y|ies)"
    if low.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2], "(?:es)?"
    if low.endswith(("ss", "us", "is", "x", "z", "ch", "sh")):
        return word, "(?:es)?"
    if len(low) > 3 and low.endswith("s"):
        return word[:-1], "s?"
    if not word.isalpha():  # G20, 2030
        return word, "s?"
    return word, "(?:s|es)?"


def _spelling(word: str) -> str:
    for rule, alternative in _SPELLING:
        match = rule.match(word)
        if match:
            stem, varying, suffix = match.groups()
            if varying and varying.isupper():
                alternative = alternative.upper()
            return re.escape(stem) + alternative + re.escape(suffix)
    return re.escape(word)
