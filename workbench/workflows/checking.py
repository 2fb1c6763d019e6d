"""Run the quality checks over a project, with the checks it has switched off.

The per-project switch-off is the project setting `qa.disabled`: check ids separated by
commas. `issues_for_paragraph` is what the editor shows for one row; `check_project` is
what `workbench check` reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.core.glossary import Glossary
from workbench.core.qa import (
    ProjectSegment,
    QaIssue,
    SegmentContext,
    Severity,
    run_checks,
    run_project_checks,
    sort_issues,
    validate_check_ids,
)
from workbench.core.segments import Document, Paragraph
from workbench.store.project import Project

DISABLED_SETTING = "qa.disabled"


def disabled_checks(project: Project) -> frozenset[str]:
    """The checks switched off in this project (unknown ids from a newer version are kept
    but have no effect)."""
    value = project.get_setting(DISABLED_SETTING, "") or ""
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def set_checks_enabled(project: Project, ids: Iterable[str], enabled: bool) -> frozenset[str]:
    """Switch checks on or off for the project; returns the checks now switched off."""
    chosen = validate_check_ids(ids)
    current = disabled_checks(project)
    disabled = current - chosen if enabled else current | chosen
    project.set_setting(DISABLED_SETTING, ",".join(sorted(disabled)))
    return disabled


@dataclass(frozen=True)
class ParagraphIssues:
    """The issues of one paragraph, with where it stands."""

    document: Document
    number: int  # 1-based among the document's included paragraphs
    paragraph: Paragraph
    issues: tuple[QaIssue, ...]


@dataclass(frozen=True)
class CheckReport:
    entries: tuple[ParagraphIssues, ...]  # paragraphs with issues, in document order
    checked: int  # paragraphs checked
    disabled: frozenset[str]

    def count(self, severity: Severity) -> int:
        return sum(1 for e in self.entries for i in e.issues if i.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def by_paragraph(self) -> dict[int, tuple[QaIssue, ...]]:
        """Issues by paragraph id: what a table of all rows shows."""
        return {entry.paragraph.id: entry.issues for entry in self.entries}


def _segment_issues(
    project: Project, paragraph: Paragraph, glossary: Glossary | None, disabled: frozenset[str]
) -> list[QaIssue]:
    context = SegmentContext(
        kind=paragraph.kind,
        source_sentences=tuple(s.source for s in project.sentences(paragraph.id)),
    )
    return run_checks(
        paragraph.source, paragraph.english, glossary=glossary, disabled=disabled, context=context
    )


def _project_segments(project: Project) -> list[ProjectSegment]:
    return [
        ProjectSegment(p.id, p.source, p.english or "", p.alternative) for p in project.paragraphs()
    ]


def issues_for_paragraph(
    project: Project,
    paragraph_id: int,
    glossary: Glossary | None,
    *,
    disabled: frozenset[str] | None = None,
) -> list[QaIssue]:
    """Every issue of one paragraph, including those from comparing it with the others."""
    disabled = disabled_checks(project) if disabled is None else disabled
    paragraph = project.paragraph(paragraph_id)
    issues = _segment_issues(project, paragraph, glossary, disabled)
    shared = run_project_checks(_project_segments(project), disabled=disabled)
    return sort_issues([*issues, *shared.get(paragraph_id, [])])


def check_project(
    project: Project,
    glossary: Glossary | None,
    *,
    document_id: int | None = None,
    disabled: frozenset[str] | None = None,
) -> CheckReport:
    """Check every included paragraph (of one document, if given). Consistency is judged
    against the whole project either way."""
    disabled = disabled_checks(project) if disabled is None else disabled
    shared = run_project_checks(_project_segments(project), disabled=disabled)
    documents = [project.document(document_id)] if document_id is not None else project.documents()
    entries: list[ParagraphIssues] = []
    checked = 0
    for document in documents:
        for number, paragraph in enumerate(project.paragraphs(document.id), start=1):
            checked += 1
            issues = _segment_issues(project, paragraph, glossary, disabled)
            issues = sort_issues([*issues, *shared.get(paragraph.id, [])])
            if issues:
                entries.append(ParagraphIssues(document, number, paragraph, tuple(issues)))
    return CheckReport(tuple(entries), checked, disabled)
