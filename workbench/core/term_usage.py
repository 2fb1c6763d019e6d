"""How the glossary's terms are used across a project's paragraphs.

For each term: the paragraphs whose Chinese contains it (matched as `Glossary.find` does:
leftmost-longest, so 人工智能 inside 人工智能全球治理 belongs to the longer term), how many of
those have English, and how many of those use an approved rendering. For one term, the
English of those paragraphs grouped by how it renders the term: the approved rendering, a
variant, a forbidden rendering, or none of them (other wording, or the term left out).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workbench.core.glossary import (
    Glossary,
    Term,
    TermStatus,
    find_forbidden,
    find_renderings,
)
from workbench.core.segments import Paragraph


@dataclass(frozen=True)
class TermUsage:
    """Where a term occurs in the project and whether its English follows the glossary."""

    term: Term
    paragraphs: tuple[int, ...]  # ids of paragraphs whose Chinese contains the term
    translated: int  # of those, how many have English (translator's or machine)
    consistent: int  # of those, how many use the approved rendering or a variant

    @property
    def occurrences(self) -> int:
        return len(self.paragraphs)


class RenderingKind(StrEnum):
    APPROVED = "approved"
    VARIANT = "variant"
    FORBIDDEN = "forbidden"
    OTHER = "other"  # the English has none of the term's renderings
    UNTRANSLATED = "untranslated"


@dataclass(frozen=True)
class RenderingGroup:
    """Paragraphs whose English renders a term the same way."""

    kind: RenderingKind
    rendering: str  # the rendering as the glossary lists it ("" for OTHER / UNTRANSLATED)
    paragraphs: tuple[int, ...]


def term_usage(glossary: Glossary, paragraphs: Iterable[Paragraph]) -> dict[str, TermUsage]:
    """Usage of every term (candidates included, rejected terms never match), by source."""
    found: dict[str, list[int]] = {}
    translated: dict[str, int] = {}
    consistent: dict[str, int] = {}
    for paragraph in paragraphs:
        english = paragraph.english or ""
        terms = {hit.term for hit in glossary.find(paragraph.source, include_candidates=True)}
        for term in terms:
            found.setdefault(term.source, []).append(paragraph.id)
            if english.strip():
                translated[term.source] = translated.get(term.source, 0) + 1
                if find_renderings(term, english):
                    consistent[term.source] = consistent.get(term.source, 0) + 1
    return {
        term.source: TermUsage(
            term,
            tuple(found.get(term.source, ())),
            translated.get(term.source, 0),
            consistent.get(term.source, 0),
        )
        for term in glossary.terms
        if term.status is not TermStatus.REJECTED or term.source in found
    }


def rendering_groups(term: Term, paragraphs: Sequence[Paragraph]) -> list[RenderingGroup]:
    """The English of `paragraphs` (those containing `term`) grouped by how it renders it.

    A paragraph with both an approved and a forbidden rendering is listed under the forbidden
    one: that is what needs fixing. Groups come approved first, then variants, forbidden,
    other and untranslated.
    """
    groups: dict[tuple[RenderingKind, str], list[int]] = {}
    for paragraph in paragraphs:
        english = paragraph.english or ""
        if not english.strip():
            key = (RenderingKind.UNTRANSLATED, "")
        elif forbidden := find_forbidden(term, english):
            key = (RenderingKind.FORBIDDEN, _listed(term.forbidden, forbidden[0].found, term))
        elif spans := find_renderings(term, english):
            used = _listed(term.renderings, english[spans[0].start : spans[0].end], term)
            kind = RenderingKind.APPROVED if used == term.target else RenderingKind.VARIANT
            key = (kind, used)
        else:
            key = (RenderingKind.OTHER, "")
        groups.setdefault(key, []).append(paragraph.id)
    order = list(RenderingKind)
    return [
        RenderingGroup(kind, rendering, tuple(ids))
        for (kind, rendering), ids in sorted(
            groups.items(), key=lambda item: (order.index(item[0][0]), -len(item[1]))
        )
    ]


def is_inconsistent(groups: Sequence[RenderingGroup]) -> bool:
    """True when the translated paragraphs do not all render the term the same approved way."""
    translated = [g for g in groups if g.kind is not RenderingKind.UNTRANSLATED]
    return len(translated) > 1 or any(
        g.kind in (RenderingKind.FORBIDDEN, RenderingKind.OTHER) for g in translated
    )


def _listed(options: Sequence[str], found: str, term: Term) -> str:
    """Which of the term's listed renderings `found` is (matching tolerates spelling etc.)."""
    for option in options:
        probe = Term(term.source, option, case=term.case)
        if any(s.start == 0 and s.end == len(found) for s in find_renderings(probe, found)):
            return option
    return found
