"""Quality checks on Chinese/English pairs: the registry and the functions that run it.

Segment checks look at one pair (`run_checks`); project checks compare pairs with each other
(`run_project_checks`). Every check has an id, a severity and a title (`all_checks`), and
can be switched off by id. The checks themselves live in `workbench.core.checks`, one
module per family:

- completeness: untranslated, identical, chinese-left, fullwidth-punctuation
- terms: term-missing, term-forbidden (delegating to the glossary's CJK-aware matcher)
- numbers: number-mismatch, numeral-mismatch, number-approximation
- typography: unbalanced-brackets, unbalanced-quotes, title-marks, double-space, whitespace
- structure: sentence-count, length-ratio
- consistency (project): inconsistent-translation, same-translation
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import workbench.core.checks  # noqa: F401  (registers every check)
from workbench.core.checks.base import (
    CheckInfo,
    Finding,
    ProjectSegment,
    QaIssue,
    Scope,
    Segment,
    SegmentContext,
    Severity,
    Span,
    failure,
    issue,
    project_checks,
    segment_checks,
)
from workbench.core.errors import InputError
from workbench.core.glossary import Glossary

__all__ = [
    "CheckInfo",
    "Finding",
    "ProjectSegment",
    "QaIssue",
    "Scope",
    "SegmentContext",
    "Severity",
    "Span",
    "all_checks",
    "check_info",
    "has_errors",
    "run_checks",
    "run_project_checks",
    "sort_issues",
    "validate_check_ids",
]


def all_checks() -> list[CheckInfo]:
    """Every registered check, segment checks first, in registration order."""
    return [info for info, _ in segment_checks().values()] + [
        info for info, _ in project_checks().values()
    ]


def check_info(check_id: str) -> CheckInfo:
    for info in all_checks():
        if info.id == check_id:
            return info
    raise InputError(_unknown(check_id))


def validate_check_ids(ids: Iterable[str]) -> frozenset[str]:
    """The ids as a set; InputError naming the first unknown id and listing the known ones."""
    known = {info.id for info in all_checks()}
    chosen = frozenset(ids)
    for check_id in sorted(chosen - known):
        raise InputError(_unknown(check_id))
    return chosen


def _unknown(check_id: str) -> str:
    known = ", ".join(info.id for info in all_checks())
    return f"no check {check_id!r}; the checks are: {known}"


def run_checks(
    source: str,
    target: str | None,
    *,
    glossary: Glossary | None = None,
    disabled: frozenset[str] = frozenset(),
    context: SegmentContext | None = None,
) -> list[QaIssue]:
    """Issues of one Chinese/English pair, errors first. Never raises.

    With no English only the checks that look for it (`untranslated`) run: the others would
    only repeat that there is nothing to check.
    """
    segment = Segment(
        source=source,
        target=target or "",
        glossary=glossary,
        context=context or SegmentContext(),
    )
    has_english = bool(segment.target.strip())
    found: list[QaIssue] = []
    for check_id, (info, function) in segment_checks().items():
        if check_id in disabled or (info.needs_english and not has_english):
            continue
        try:
            found.extend(issue(info, finding) for finding in function(segment))
        except Exception as exc:  # a faulty check must not hide the others
            found.append(failure(info, exc))
    return sort_issues(found)


def run_project_checks(
    segments: Sequence[ProjectSegment], *, disabled: frozenset[str] = frozenset()
) -> dict[int, list[QaIssue]]:
    """Issues from the checks that compare segments, by segment key. Never raises."""
    found: dict[int, list[QaIssue]] = {}
    for check_id, (info, function) in project_checks().items():
        if check_id in disabled:
            continue
        try:
            for key, finding in function(segments):
                found.setdefault(key, []).append(issue(info, finding))
        except Exception as exc:  # reported on every segment rather than lost
            for segment in segments:
                found.setdefault(segment.key, []).append(failure(info, exc))
    return {key: sort_issues(issues) for key, issues in found.items()}


def sort_issues(issues: Iterable[QaIssue]) -> list[QaIssue]:
    """Errors before warnings; otherwise in the order the checks are listed."""
    order = {info.id: index for index, info in enumerate(all_checks())}
    return sorted(issues, key=lambda i: (-i.severity.rank, order.get(i.check, len(order))))


def has_errors(issues: Iterable[QaIssue]) -> bool:
    return any(i.severity is Severity.ERROR for i in issues)
