"""The English side of glossary checking: where a term's renderings stand in an English text.

Every rendering becomes one regular expression, run on the English as written so that spans
stay exact. The expression tolerates what good official translations vary in without
changing the term:
- case, unless the term is case-sensitive (then only the first letter of a sentence may be
  capitalised);
- curly or straight quotes and apostrophes;
- hyphens, dashes and spaces between words (people-centred, people centred, multistakeholder);
  a comma where the rendering has one may be left out, and a serial comma may be added;
- British/American spelling (-ise/-ize, -isation/-ization, -yse/-yze, centre/center,
  labour/labor, defence/defense, programme/program, dialogue/dialog, modelling/modeling);
- number of the last word (the head noun: benefit/benefits, country/countries,
  crisis/crises, criterion/criteria, by inflect) and a possessive 's, and number of a noun
  before a prepositional phrase (community/communities with a shared future); dotted short
  acronyms (UN / U.N.);
- in ordinary phrases (not names), modifiers coordinated before a shared head: "digital and
  intelligence divides" holds "digital divide".

This module knows renderings as plain strings, not glossary terms: `workbench.core.glossary`
turns its matches into hits, issues and rendering spans.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from workbench.core.english_number import number_forms

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


_LIST_WORD = r"[^\W\d_][\w'’\-]*"
# Coordinated modifiers before a shared head: "digital[, data and intelligence] divides".
_SHARED_HEAD = (
    rf"(?P<shared>(?:\s*,\s*{_LIST_WORD})*\s*,?\s+(?:and|or)\s+{_LIST_WORD}"
    rf"(?:\s+{_LIST_WORD})?)?"
)
_PREPOSITIONS = frozenset(
    {"of", "with", "for", "in", "on", "to", "among", "between", "against", "under", "across"}
    | {"at", "by", "from", "into", "through"}
)


@dataclass(frozen=True)
class EnglishMatch:
    """A rendering found in an English text, before overlaps between renderings are resolved."""

    start: int
    end: int
    slot: int  # which term: the caller's index, so that matches of several terms can be mixed
    forbidden: bool  # a forbidden rendering (False: the target or a variant)
    shared: bool = False  # the head is shared with coordinated modifiers ("digital and
    # intelligence divides"): another term's rendering inside it still counts


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]
    initial: re.Pattern[str] | None  # capitalised first word, allowed at a sentence start


def english_matches(
    renderings: Iterable[str],
    forbidden: Iterable[str],
    english: str,
    *,
    sensitive: bool,
    slot: int = 0,
) -> list[EnglishMatch]:
    """Every match of the approved `renderings` and of the `forbidden` ones, overlaps kept."""
    found: list[EnglishMatch] = []
    for is_forbidden, phrases in ((False, renderings), (True, forbidden)):
        for rendering in phrases:
            # Only approved renderings of ordinary phrases may share their head; names and
            # forbidden renderings are matched as written.
            matcher = _matcher(rendering, sensitive, not (sensitive or is_forbidden))
            found.extend(
                EnglishMatch(m.start(), m.end(), slot, is_forbidden, bool(m.group("shared")))
                for m in matcher.pattern.finditer(english)
            )
            if matcher.initial is not None:
                found.extend(
                    EnglishMatch(m.start(), m.end(), slot, is_forbidden, bool(m.group("shared")))
                    for m in matcher.initial.finditer(english)
                    if _at_sentence_start(english, m.start())
                )
    return found


def leftmost_longest(found: list[EnglishMatch]) -> list[EnglishMatch]:
    """Matches without overlaps: the leftmost wins, then the longest."""
    # On an identical span an approved rendering wins over a forbidden one.
    ordered = sorted(found, key=lambda f: (f.start, f.start - f.end, f.forbidden))
    kept: list[EnglishMatch] = []
    reached = 0
    for f in ordered:
        if f.start >= reached:
            kept.append(f)
            reached = f.end
    return kept


def drop_nested_in_other_terms(found: list[EnglishMatch]) -> list[EnglishMatch]:
    """Matches that do not stand inside a longer match of another slot (term)."""
    return [
        f
        for f in found
        if not any(
            g.slot != f.slot
            and not g.shared
            and g.start <= f.start
            and f.end <= g.end
            and g.end - g.start > f.end - f.start
            for g in found
        )
    ]


def english_key(text: str, *, fold_case: bool) -> str:
    """Loose identity of an English rendering, used only to catch duplicates."""
    text = re.sub(r"[‘’ʼ]", "'", text.casefold() if fold_case else text)
    text = re.sub(r"[“”„]", '"', text)
    return re.sub(r"[\s\-\u2010-\u2015\u2212]+", " ", text).strip()


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\u00a0\"'“‘«([{（【「『*•-–—")
    return not before or before[-1] in ".!?:;。！？：；\n\r"


@functools.lru_cache(maxsize=16384)
def _matcher(rendering: str, sensitive: bool, coordinate: bool) -> _Matcher:
    if not sensitive:
        regex = _rendering_regex(rendering, coordinate)
        return _Matcher(re.compile(regex, re.IGNORECASE), None)
    initial = None
    first = rendering[0]
    if first.isalpha() and first.islower():
        initial = re.compile(_rendering_regex(first.upper() + rendering[1:], coordinate))
    return _Matcher(re.compile(_rendering_regex(rendering, coordinate)), initial)


def _rendering_regex(rendering: str, coordinate: bool = False) -> str:
    """The expression of one rendering; `coordinate` lets modifiers share its head noun
    ("digital and intelligence divides" holds "digital divide"). The group `shared` is
    always there, so that every match can be asked about it."""
    tokens = [(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(rendering)]
    words = [i for i, (kind, _) in enumerate(tokens) if kind == "word"]
    head = words[-1] if words else -1
    # A noun followed by a prepositional phrase is the head too: "communities with a shared
    # future", "Ministries of ...".
    inner = next(
        (before for before, i in pairwise(words) if tokens[i][1].lower() in _PREPOSITIONS), -1
    )
    # Modifiers may share the head only in a plain phrase: no comma, no noun phrase before.
    shares = coordinate and inner == -1 and len(words) >= 2 and head - 1 == words[-2] + 1
    shares = shares and not any(kind == "comma" for kind, _ in tokens)
    parts: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if shares and i == head - 1 and kind == "sep" and text.isspace():
            parts.append(_SHARED_HEAD + _SEP)
        elif kind == "word" and i == inner:
            parts.append(_any_number(text))
        elif kind == "word":
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
    if not any(part.startswith(_SHARED_HEAD) for part in parts):
        parts.append("(?P<shared>)")  # never takes part: no shared head
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
    return _any_number(word) + "(?:['’]s)?"


def _any_number(word: str) -> str:
    """An expression for the word in either number, spelling variants allowed."""
    return "(?:" + "|".join(_spelling(form) for form in number_forms(word)) + ")"


def _spelling(word: str) -> str:
    for rule, alternative in _SPELLING:
        match = rule.match(word)
        if match:
            stem, varying, suffix = match.groups()
            if varying and varying.isupper():
                alternative = alternative.upper()
            return re.escape(stem) + alternative + re.escape(suffix)
    return re.escape(word)
