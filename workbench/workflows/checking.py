"""Run the quality checks over a project, with the checks it has switched off.

The per-project switch-off is the project setting `qa.disabled`: check ids separated by
commas. `issues_for_paragraph` is what the editor shows for one row; `check_project` is
what `workbench check` reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.glossary import Glossary, TermProblem
from workbench.core.qa import (
    ProjectSegment,
    QaIssue,
    SegmentContext,
    Severity,
    Span,
    check_info,
    run_checks,
    run_project_checks,
    sort_issues,
    validate_check_ids,
)
from workbench.core.segments import Document, Paragraph, Sentence
from workbench.core.spelling import Speller
from workbench.store.project import Project
from workbench.workflows.spelling import (
    SpellingUnavailableError,
    open_dictionary,
    project_speller,
)

DISABLED_SETTING = "qa.disabled"
SPELLING_CHECK = "spelling"


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
    project: Project,
    paragraph: Paragraph,
    glossary: Glossary | None,
    disabled: frozenset[str],
    speller: Speller | None = None,
) -> list[QaIssue]:
    sentences = project.sentences(paragraph.id)
    context = SegmentContext(
        kind=paragraph.kind,
        source_sentences=tuple(s.source for s in sentences),
        speller=speller,
    )
    issues = run_checks(
        paragraph.source, paragraph.english, glossary=glossary, disabled=disabled, context=context
    )
    return [*issues, *_machine_sentence_issues(paragraph, sentences, glossary, disabled)]


def _machine_sentence_issues(
    paragraph: Paragraph,
    sentences: Sequence[Sentence],
    glossary: Glossary | None,
    disabled: frozenset[str],
) -> list[QaIssue]:
    """Glossary terms the machine translation misses in one sentence but renders elsewhere
    in the paragraph.

    The paragraph check accepts one rendering for all occurrences of a term (official
    translations replace repeats by pronouns), so it cannot see these; machine output is
    aligned sentence by sentence, and a sentence the glossary enforcement could not fix is
    flagged (`workbench.workflows.translating`), so it is reported here under term-missing.
    """
    if glossary is None or paragraph.target is not None or not paragraph.mt:
        return []
    if "term-missing" in disabled or len(sentences) < 2 or any(s.mt is None for s in sentences):
        return []
    whole = glossary.check(paragraph.source, paragraph.mt)
    missing = {i.term for i in whole.issues if i.problem is TermProblem.MISSING}
    info = check_info("term-missing")
    found: list[QaIssue] = []
    offset = 0
    for number, sentence in enumerate(sentences, start=1):
        start = paragraph.source.find(sentence.source, offset)
        offset = start + len(sentence.source) if start >= 0 else offset
        check = glossary.check(sentence.source, sentence.mt or "")
        for term_issue in check.issues:
            term = term_issue.term
            if term_issue.problem is not TermProblem.MISSING or term in missing:
                continue
            spans = tuple(
                Span(start + h.start, start + h.end)
                for h in check.hits
                if h.term == term and start >= 0
            )
            message = (
                f"machine translation, sentence {number}: {term.source} should be rendered "
                f"“{term.target}” there too"
            )
            found.append(QaIssue(info.id, info.severity, message, source_spans=spans))
    return found


def spelling_for(
    project: Project, glossary: Glossary | None, disabled: frozenset[str] = frozenset()
) -> Speller | None:
    """The speller for the spelling check, or None when it is switched off or no
    dictionary can be loaded (then the check is skipped; `spelling_problem` says why)."""
    if SPELLING_CHECK in disabled:
        return None
    try:
        return project_speller(project, glossary)
    except SpellingUnavailableError:
        return None


def spelling_problem() -> str | None:
    """Why English spelling is not checked on this machine, or None when it is."""
    try:
        open_dictionary()
    except SpellingUnavailableError as exc:
        return str(exc)
    return None


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
    speller = spelling_for(project, glossary, disabled)
    issues = _segment_issues(project, paragraph, glossary, disabled, speller)
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
    speller = spelling_for(project, glossary, disabled)
    documents = [project.document(document_id)] if document_id is not None else project.documents()
    entries: list[ParagraphIssues] = []
    checked = 0
    for document in documents:
        for number, paragraph in enumerate(project.paragraphs(document.id), start=1):
            checked += 1
            issues = _segment_issues(project, paragraph, glossary, disabled, speller)
            issues = sort_issues([*issues, *shared.get(paragraph.id, [])])
            if issues:
                entries.append(ParagraphIssues(document, number, paragraph, tuple(issues)))
    return CheckReport(tuple(entries), checked, disabled)
