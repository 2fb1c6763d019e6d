"""Term mining from aligned text (pure): how official English renders the glossary's terms,
and which English renders the frequent Chinese phrases the glossary lacks.

- For each glossary term found in the Chinese of a linked pair: does its English use the
  approved rendering, a variant, or something else? "Something else" is an inconsistency to
  look at, with the English phrase that goes with the term most often proposed as a variant.
- For frequent Chinese phrases not in the glossary (`term_candidates.suggest_candidates` on
  the linked Chinese): candidate English renderings, English word n-grams ranked by how
  exclusively they occur in the same pairs (Dice: 2·together / (zh pairs + en pairs)),
  with the pairs as evidence (concordance lines) and the mean confidence of their links.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from workbench.core.align_signals import word_key
from workbench.core.glossary import Glossary, Term, find_renderings
from workbench.core.term_candidates import suggest_candidates

MAX_WORDS = 4  # longest English rendering proposed
MAX_EXAMPLES = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+")
_EDGE_WORDS_TEXT = """
a an the and or but of to in on at by for with from as is are was were be it its this that
these those their our we they has have had will would can not also which who than such
"""
_EDGE_WORDS = frozenset(_EDGE_WORDS_TEXT.split())


@dataclass(frozen=True)
class AlignedText:
    """A linked pair: Chinese, English, and the link's confidence."""

    zh: str
    en: str
    confidence: float


@dataclass(frozen=True)
class Rendering:
    """An English phrase proposed for a Chinese phrase."""

    english: str
    together: int  # pairs where both occur
    score: float  # Dice coefficient over pairs, 0–1


@dataclass(frozen=True)
class TermUse:
    """How the aligned English renders one glossary term."""

    term: Term
    approved: int  # pairs using the approved rendering
    variant: int  # pairs using a listed variant
    other: int  # pairs using neither
    proposal: Rendering | None  # what the "other" pairs use most, proposed as a variant
    examples: tuple[AlignedText, ...]  # pairs using neither

    @property
    def consistent(self) -> bool:
        return self.other == 0


@dataclass(frozen=True)
class PhraseCandidate:
    """A frequent Chinese phrase missing from the glossary, with English renderings."""

    chinese: str
    count: int  # pairs whose Chinese contains it
    renderings: tuple[Rendering, ...]
    confidence: float  # mean confidence of the links it occurs in
    examples: tuple[AlignedText, ...]


def term_uses(
    pairs: Sequence[AlignedText],
    glossary: Glossary,
    glosses: Callable[[str], frozenset[str]] | None = None,
) -> list[TermUse]:
    """Every approved glossary term found in the linked Chinese, least consistent first."""
    found: dict[str, list[AlignedText]] = defaultdict(list)
    terms: dict[str, Term] = {}
    for pair in pairs:
        for hit in glossary.find(pair.zh):
            if not found[hit.term.source] or found[hit.term.source][-1] is not pair:
                found[hit.term.source].append(pair)
            terms[hit.term.source] = hit.term
    uses = []
    for source, with_term in found.items():
        term = terms[source]
        approved_only = replace(term, variants=())
        approved = variant = 0
        others: list[AlignedText] = []
        for pair in with_term:
            if find_renderings(approved_only, pair.en):
                approved += 1
            elif find_renderings(term, pair.en):
                variant += 1
            else:
                others.append(pair)
        proposal = None
        if others:
            best = renderings(source, others, pairs, limit=1, min_together=1, glosses=glosses)
            proposal = best[0] if best else None
        uses.append(
            TermUse(term, approved, variant, len(others), proposal, tuple(others[:MAX_EXAMPLES]))
        )
    uses.sort(key=lambda u: (-u.other, -(u.approved + u.variant), u.term.source))
    return uses


def phrase_candidates(
    pairs: Sequence[AlignedText],
    glossary: Glossary,
    *,
    dismissed: Iterable[str] = (),
    limit: int = 30,
    min_count: int = 2,
    glosses: Callable[[str], frozenset[str]] | None = None,
) -> list[PhraseCandidate]:
    """Frequent Chinese phrases of the linked pairs that the glossary lacks, each with its
    likeliest English renderings."""
    found = suggest_candidates(
        [p.zh for p in pairs],
        [t.source for t in glossary],
        dismissed=dismissed,
        min_count=min_count,
        limit=limit,
    )
    result = []
    for candidate in found:
        with_phrase = [p for p in pairs if candidate.text in p.zh]
        if not with_phrase:
            continue
        confidence = sum(p.confidence for p in with_phrase) / len(with_phrase)
        result.append(
            PhraseCandidate(
                candidate.text,
                len(with_phrase),
                tuple(renderings(candidate.text, with_phrase, pairs, glosses=glosses)),
                round(confidence, 3),
                tuple(with_phrase[:MAX_EXAMPLES]),
            )
        )
    return result


def renderings(
    chinese: str,
    with_phrase: Sequence[AlignedText],
    pairs: Sequence[AlignedText],
    *,
    limit: int = 3,
    min_together: int = 2,
    glosses: Callable[[str], frozenset[str]] | None = None,
) -> list[Rendering]:
    """English n-grams that occur in the pairs holding `chinese` and rarely elsewhere.

    `glosses` gives the dictionary's English word keys for a Chinese phrase (see
    `align_signals.word_key`): among equally good n-grams, those it confirms come first."""
    inside = Counter(gram for p in with_phrase for gram in _grams(p.en))
    if not inside:
        return []
    wanted = {g for g, n in inside.items() if n >= min(min_together, len(with_phrase))}
    everywhere: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for pair in pairs:
        for gram, written in _grams(pair.en).items():
            if gram in wanted:
                everywhere[gram] += 1
                surface[gram][written] += 1
    known = glosses(chinese) if glosses is not None else frozenset()

    def confirmed(english: str) -> float:
        """The share of its words that the dictionary's senses of `chinese` use."""
        words = english.split()
        return sum(1 for word in words if word_key(word) in known) / len(words)

    # An n-gram never seen outside one longer n-gram gives way to it (new quality →
    # new quality productive forces), as Chinese candidates do, unless the dictionary
    # confirms more of the shorter one (Zambia, not delegate of Zambia).
    wanted = {
        g
        for g in wanted
        if not any(
            other != g
            and f" {g} " in f" {other} "
            and (inside[other], everywhere[other]) == (inside[g], everywhere[g])
            and confirmed(other) >= confirmed(g)
            for other in wanted
        )
    }
    scored = [
        Rendering(
            surface[g].most_common(1)[0][0],
            inside[g],
            round(2 * inside[g] / (len(with_phrase) + everywhere[g]), 3),
        )
        for g in wanted
    ]
    # Best score first; on a tie the phrase whose length suits the Chinese (about one
    # English word for two characters), so neither a stray head word nor a whole clause.
    expected = len(chinese) / 2
    scored.sort(
        key=lambda r: (
            -r.score,
            -r.together,
            -confirmed(r.english.lower()),
            abs(len(r.english.split()) - expected),
            r.english,
        )
    )
    return scored[:limit]


def _grams(english: str) -> dict[str, str]:
    """Word n-grams of one text (lower-cased key → as written), not starting or ending with
    a function word."""
    words = _WORD.findall(english)
    found: dict[str, str] = {}
    for size in range(1, MAX_WORDS + 1):
        for start in range(len(words) - size + 1):
            piece = words[start : start + size]
            if piece[0].lower() in _EDGE_WORDS or piece[-1].lower() in _EDGE_WORDS:
                continue
            found.setdefault(" ".join(piece).lower(), " ".join(piece))
    return found
