"""Checks of the English while it is being typed: the same segment checks as `workbench
check` (glossary renderings missing or forbidden, numbers, Chinese left in the English, …),
run on the text in the edit box instead of the stored one.

`DraftChecks` reads what does not change while a row is edited (the Chinese, its sentences,
the checks switched off) once, so that each keystroke costs only the checks themselves.
"""

from __future__ import annotations

from workbench.core.glossary import Glossary
from workbench.core.qa import QaIssue, SegmentContext, Severity, run_checks
from workbench.store.project import Project
from workbench.workflows.checking import disabled_checks


class DraftChecks:
    """The segment checks of one paragraph, for any English typed for it."""

    def __init__(self, project: Project, glossary: Glossary, paragraph_id: int) -> None:
        paragraph = project.paragraph(paragraph_id)
        self.paragraph_id = paragraph_id
        self.source = paragraph.source
        self.glossary = glossary
        self._disabled = disabled_checks(project)
        self._context = SegmentContext(
            kind=paragraph.kind,
            source_sentences=tuple(s.source for s in project.sentences(paragraph_id)),
        )
        self._last: tuple[str, tuple[QaIssue, ...]] | None = None

    def issues(self, text: str) -> tuple[QaIssue, ...]:
        """Every issue of `text` as the English, errors first (the last answer is kept)."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        found = tuple(
            run_checks(
                self.source,
                text,
                glossary=self.glossary,
                disabled=self._disabled,
                context=self._context,
            )
        )
        self._last = (text, found)
        return found


def errors(issues: tuple[QaIssue, ...]) -> tuple[QaIssue, ...]:
    return tuple(issue for issue in issues if issue.severity is Severity.ERROR)
