"""The editor's row filters: which rows the grid shows (issue 13, item 2).

A filter is a predicate on a row as the editor shows it (its glossary check, its quality
issues, its status, its review mark, its texts). Filtering never changes a row's number: a
filtered grid shows "row 12", "row 40" as in the whole document. A row edited so that it
no longer matches stays on screen until the filter is chosen again (rows do not vanish
under the cursor).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workbench.core.qa import QaIssue, Severity
from workbench.core.replace import FindQuery
from workbench.core.segments import Status
from workbench.tui.rows import Row, with_qa

Issues = Mapping[int, tuple[QaIssue, ...]]


class FilterKind(StrEnum):
    ALL = "all"
    PROBLEMS = "problems"  # errors, warnings or marked for review
    ERRORS = "errors"
    WARNINGS = "warnings"
    REVIEW = "review"
    UNTRANSLATED = "untranslated"
    NEW = "new"
    MACHINE = "machine"
    EDITED = "edited"
    APPROVED = "approved"
    SOURCE = "source"  # text in the Chinese
    TARGET = "target"  # text in the English


LABELS: dict[FilterKind, str] = {
    FilterKind.ALL: "All rows",
    FilterKind.PROBLEMS: "Problems only: errors, warnings, marked for review",
    FilterKind.ERRORS: "Errors: glossary violations and quality errors",
    FilterKind.WARNINGS: "Warnings from the quality checks",
    FilterKind.REVIEW: "Marked for review",
    FilterKind.UNTRANSLATED: "Untranslated: no translator's English yet",
    FilterKind.NEW: "Status: new",
    FilterKind.MACHINE: "Status: machine translation only",
    FilterKind.EDITED: "Status: edited",
    FilterKind.APPROVED: "Status: approved",
    FilterKind.SOURCE: "Chinese contains the text typed above",
    FilterKind.TARGET: "English contains the text typed above",
}
SHORT: dict[FilterKind, str] = {
    FilterKind.PROBLEMS: "problems",
    FilterKind.ERRORS: "errors",
    FilterKind.WARNINGS: "warnings",
    FilterKind.REVIEW: "review",
    FilterKind.UNTRANSLATED: "untranslated",
    FilterKind.NEW: "new",
    FilterKind.MACHINE: "MT",
    FilterKind.EDITED: "edited",
    FilterKind.APPROVED: "approved",
}
_STATUS = {
    FilterKind.NEW: Status.NEW,
    FilterKind.MACHINE: Status.MACHINE,
    FilterKind.EDITED: Status.EDITED,
    FilterKind.APPROVED: Status.APPROVED,
}
NEEDS_TEXT = frozenset({FilterKind.SOURCE, FilterKind.TARGET})


@dataclass(frozen=True)
class RowFilter:
    """A chosen filter; `text` for the Chinese/English ones (literal, any case)."""

    kind: FilterKind = FilterKind.ALL
    text: str = ""

    @property
    def active(self) -> bool:
        return self.kind is not FilterKind.ALL

    def describe(self) -> str:
        """For the status bar: `untranslated`, `English “reform”`."""
        if self.kind is FilterKind.SOURCE:
            return f"Chinese “{self.text}”"
        if self.kind is FilterKind.TARGET:
            return f"English “{self.text}”"
        return SHORT.get(self.kind, "all")

    def select(self, rows: Sequence[Row], issues: Issues) -> list[int]:
        """The positions of the rows that pass. A text filter searches all the rows' texts
        at once (`FindQuery.which`), far faster than one row at a time on a large document."""
        kind = self.kind
        if kind not in NEEDS_TEXT:
            passes = self.predicate(issues)
            return [index for index, row in enumerate(rows) if passes(row)]
        query = FindQuery(self.text)
        if kind is FilterKind.SOURCE:
            return query.which([row.paragraph.source for row in rows])
        kept = set(query.which([row.english for row in rows]))
        drafts = [index for index, row in enumerate(rows) if row.draft]
        if drafts:
            found = query.which([rows[index].draft for index in drafts])
            kept.update(drafts[number] for number in found)
        return sorted(kept)

    def predicate(self, issues: Issues) -> Callable[[Row], bool]:
        """Whether a row passes; `issues` are the quality issues by paragraph id (all the
        document's, not only the rows shown)."""
        kind = self.kind
        if kind is FilterKind.ALL:
            return lambda row: True
        if kind in _STATUS:
            status = _STATUS[kind]
            return lambda row: row.paragraph.status is status
        if kind in NEEDS_TEXT:
            matches = FindQuery(self.text).matches
            if kind is FilterKind.SOURCE:
                return lambda row: matches(row.paragraph.source)
            return lambda row: matches(row.english) or matches(row.draft)

        def shown(row: Row) -> tuple[QaIssue, ...]:
            # The issues the row shows (the glossary's and "untranslated" are shown otherwise).
            found = issues.get(row.id)
            return row.qa if found is None else with_qa(row, found).qa

        def errors(row: Row) -> bool:
            return bool(row.violations) or _has(shown(row), Severity.ERROR)

        def warnings(row: Row) -> bool:
            return _has(shown(row), Severity.WARNING)

        chosen: dict[FilterKind, Callable[[Row], bool]] = {
            FilterKind.ERRORS: errors,
            FilterKind.WARNINGS: warnings,
            FilterKind.REVIEW: lambda row: row.paragraph.review,
            FilterKind.UNTRANSLATED: lambda row: row.untranslated,
            FilterKind.PROBLEMS: lambda row: row.paragraph.review or errors(row) or warnings(row),
        }
        return chosen[kind]


def _has(issues: tuple[QaIssue, ...], severity: Severity) -> bool:
    return any(issue.severity is severity for issue in issues)


def is_problem(row: Row) -> bool:
    """What the next/previous problem keys stop at: a flag, or a mark for review."""
    return row.flagged or row.paragraph.review
