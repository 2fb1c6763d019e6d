"""What the editor shows for each paragraph: the row model and the glossary check behind it.

A `Row` is immutable; a change to a paragraph, the glossary or the quality-check results
makes a new one, which is how the grid knows what to redraw. Checks are memoised on
(Chinese, English) so that reloading a whole document after an undo costs a dictionary look-up
per unchanged row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from workbench.core.glossary import Glossary, SegmentCheck, TermIssue, TermProblem
from workbench.core.qa import QaIssue, Severity
from workbench.core.segments import Paragraph, Status

# QA checks the grid does not repeat: glossary findings have their own, exact, flags and an
# empty cell already says "untranslated".
_SHOWN_ELSEWHERE = frozenset({"term-missing", "term-forbidden", "untranslated"})


@dataclass(frozen=True)
class Row:
    """One paragraph as the editor shows it."""

    paragraph: Paragraph
    number: int  # 1-based among the document's included paragraphs
    check: SegmentCheck | None  # glossary check of the English shown; None until computed
    qa: tuple[QaIssue, ...] = ()  # quality-check issues other than glossary ones
    draft: str | None = None  # text typed for the row and not saved (esc, a failed save)

    @property
    def id(self) -> int:
        return self.paragraph.id

    @property
    def english(self) -> str:
        return self.paragraph.english or ""

    @property
    def violations(self) -> tuple[TermIssue, ...]:
        return self.check.issues if self.check is not None else ()

    @property
    def qa_errors(self) -> tuple[QaIssue, ...]:
        return tuple(i for i in self.qa if i.severity is Severity.ERROR)

    @property
    def flagged(self) -> bool:
        """A glossary violation or a quality-check error: the translator has to look."""
        return bool(self.violations or self.qa_errors)

    @property
    def untranslated(self) -> bool:
        """No translator's English yet (machine output does not count)."""
        return self.paragraph.status in (Status.NEW, Status.MACHINE)


@dataclass
class RowTally:
    """Rows by status, flagged and marked for review: the status bar's figures, kept by the
    grid and updated row by row as rows change (not counted again on every cursor move)."""

    statuses: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))
    flagged: int = 0
    review: int = 0

    @classmethod
    def of(cls, rows: Iterable[Row]) -> RowTally:
        tally = cls()
        for row in rows:
            tally.add(row)
        return tally

    def add(self, row: Row, sign: int = 1) -> None:
        self.statuses[row.paragraph.status] += sign
        self.flagged += sign * row.flagged
        self.review += sign * row.paragraph.review


def issue_text(issue: TermIssue) -> str:
    """The reason shown under the English, e.g. `forbidden “small courtyard, high wall”`."""
    term = issue.term
    if issue.problem is TermProblem.FORBIDDEN:
        return f"{term.source}: “{issue.found}” is forbidden; use “{term.target}”"
    return f"{term.source}: approved rendering “{term.target}” missing"


# Checks remembered per glossary: enough for every row of a 100,000-paragraph document, so
# that the errors filter and reloads after the first pass look them up instead of checking.
MEMO_LIMIT = 250_000


class RowChecker:
    """Glossary checks of paragraphs, memoised per glossary."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._memo: dict[tuple[str, str], SegmentCheck] = {}

    def check(self, source: str, english: str) -> SegmentCheck:
        key = (source, english)
        found = self._memo.get(key)
        if found is None:
            if english.strip():
                found = self.glossary.check(source, english)
            else:
                # Nothing to check yet: show the terms, flag nothing.
                found = SegmentCheck(tuple(self.glossary.find(source)), (), ())
            if len(self._memo) > MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = found
        return found

    def row(
        self,
        paragraph: Paragraph,
        number: int,
        *,
        qa: Sequence[QaIssue] = (),
        draft: str | None = None,
    ) -> Row:
        return Row(
            paragraph,
            number,
            self.check(paragraph.source, paragraph.english or ""),
            _visible_qa(qa),
            draft,
        )

    def pending_row(self, paragraph: Paragraph, number: int, *, draft: str | None = None) -> Row:
        """A row whose check is computed later (large documents, see `fill`)."""
        key = (paragraph.source, paragraph.english or "")
        return Row(paragraph, number, self._memo.get(key), draft=draft)

    def known(self, row: Row) -> Row:
        """The row with its check if it has been computed already (else as it is)."""
        if row.check is not None:
            return row
        found = self._memo.get((row.paragraph.source, row.english))
        return row if found is None else replace(row, check=found)

    def fill(self, row: Row) -> Row:
        if row.check is not None:
            return row
        return replace(row, check=self.check(row.paragraph.source, row.english))


def with_draft(row: Row, draft: str | None) -> Row:
    return row if row.draft == draft else replace(row, draft=draft)


def with_qa(row: Row, issues: Iterable[QaIssue]) -> Row:
    visible = _visible_qa(issues)
    return row if visible == row.qa else replace(row, qa=visible)


def _visible_qa(issues: Iterable[QaIssue]) -> tuple[QaIssue, ...]:
    return tuple(i for i in issues if i.check not in _SHOWN_ELSEWHERE)
