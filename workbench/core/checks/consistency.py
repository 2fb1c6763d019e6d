"""Consistency across a project: one Chinese text, one English; one English, one Chinese.

Texts are compared after folding width, quotes and whitespace, so a difference in a space
or a quote style is not an inconsistency. Segments marked as an alternative translation
(deliberately different in their place) are left out of the first check.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from workbench.core.checks.base import Finding, ProjectSegment, Severity, project_check, quote
from workbench.core.tm import normalize


def _target_key(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


@project_check("inconsistent-translation", Severity.WARNING, "Same Chinese, different English")
def inconsistent_translation(segments: Sequence[ProjectSegment]) -> Iterator[tuple[int, Finding]]:
    """The same Chinese text is translated differently in different places (mark one as an
    alternative translation if the difference is deliberate)."""
    groups: dict[str, list[ProjectSegment]] = {}
    for segment in segments:
        if segment.target.strip() and not segment.alternative and normalize(segment.source):
            groups.setdefault(normalize(segment.source), []).append(segment)
    for group in groups.values():
        versions = {_target_key(s.target) for s in group}
        if len(versions) < 2:
            continue
        for segment in group:
            others = [s for s in group if _target_key(s.target) != _target_key(segment.target)]
            yield (
                segment.key,
                Finding(
                    f"{quote(segment.source, 24)} is translated differently elsewhere: "
                    f"{quote(others[0].target, 50)}",
                    related=tuple(s.key for s in others),
                ),
            )


@project_check("same-translation", Severity.WARNING, "Different Chinese, same English")
def same_translation(segments: Sequence[ProjectSegment]) -> Iterator[tuple[int, Finding]]:
    """Different Chinese texts have the very same English: one of them is probably a copy
    left in the wrong place."""
    groups: dict[str, list[ProjectSegment]] = {}
    for segment in segments:
        if segment.target.strip():
            groups.setdefault(_target_key(segment.target), []).append(segment)
    for group in groups.values():
        sources = {normalize(s.source) for s in group}
        if len(sources) < 2:
            continue
        for segment in group:
            others = [s for s in group if normalize(s.source) != normalize(segment.source)]
            yield (
                segment.key,
                Finding(
                    f"the English {quote(segment.target, 40)} also translates a different Chinese "
                    f"text: {quote(others[0].source, 24)}",
                    related=tuple(s.key for s in others),
                ),
            )
