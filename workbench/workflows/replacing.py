"""Find and replace across the translator's English, for `workbench replace` and the
editor's find-and-replace screen: plan (a preview of every change), then apply as ONE undo
step written in short transactions (`Project.set_targets`). A row changed elsewhere between
the preview and the replacement is left alone and reported, never overwritten.

Only the translator's English is replaced: machine translation a row merely shows is not
the translator's text, and a replacement must not turn it into theirs unseen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from workbench.core.glossary import Glossary, TermProblem
from workbench.core.replace import FindQuery, check_replacement, replace_text
from workbench.store.memory import MemoryStore
from workbench.store.project import BulkEditResult, Project, TargetEdit
from workbench.store.texts import RowText, row_texts


@dataclass(frozen=True)
class PlannedChange:
    """One row's English before and after the replacement."""

    paragraph_id: int
    document_id: int
    number: int  # the row's number in its document
    source: str
    before: str
    after: str
    count: int  # matches replaced in the row


@dataclass(frozen=True)
class ForbiddenIntroduced:
    """A glossary-forbidden rendering a replacement brings into a row."""

    change: PlannedChange
    chinese: str  # the term
    rendering: str  # the forbidden English now in the row


def find_rows(
    rows: Iterable[RowText], query: FindQuery, *, source: bool = False, target: bool = True
) -> list[RowText]:
    """Rows whose English (`target`) or Chinese (`source`) holds the query (a non-empty
    match: a regex that matches only the empty string finds nothing). All the rows' texts
    are searched at once (`FindQuery.which`)."""
    rows = list(rows)
    kept: set[int] = set()
    if target:
        kept.update(query.which([row.target for row in rows]))
    if source:
        kept.update(query.which([row.source for row in rows]))
    return [rows[number] for number in sorted(kept)]


class ReplaceCancelled(Exception):
    """The translator stopped a preview or a replacement; nothing was changed."""


Progress = Callable[[int, int], None]  # rows done, rows in all
Cancelled = Callable[[], bool]
STEP = 500  # rows between two progress reports (and cancellation checks)


def plan_replace(
    project: Project,
    query: FindQuery,
    new: str,
    *,
    document_id: int | None = None,
    rows: Sequence[RowText] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[PlannedChange]:
    """Every row whose English the replacement would change, in document order; `rows`
    are the texts to search if the caller holds them already (else read from the
    project). ReplaceCancelled as soon as `cancelled()` says so (every STEP rows)."""
    check_replacement(query, new)
    if rows is None:
        rows = row_texts(project, document_id)
    found = find_rows(rows, query)
    changes = []
    for index, row in enumerate(found):
        if index % STEP == 0:
            if cancelled is not None and cancelled():
                raise ReplaceCancelled
            if progress is not None:
                progress(index, len(found))
        assert row.target is not None
        done = replace_text(query, new, row.target)
        if done.count and done.after.strip() != row.target:
            changes.append(
                PlannedChange(
                    row.paragraph_id,
                    row.document_id,
                    row.number,
                    row.source,
                    row.target,
                    done.after.strip(),
                    done.count,
                )
            )
    return changes


def apply_replace(
    project: Project,
    changes: Sequence[PlannedChange],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> BulkEditResult:
    """Write the planned changes as one undo step; the project memory follows.

    Cancelled part-way (`cancelled()` is asked every STEP rows), the rows already written
    are taken back by undoing that step (which then cannot be redone), and
    ReplaceCancelled says nothing changed."""
    stopped = False

    def edits() -> Iterator[TargetEdit]:
        nonlocal stopped
        for index, change in enumerate(changes):
            if index % STEP == 0:
                if cancelled is not None and cancelled():
                    stopped = True
                    return
                if progress is not None:
                    progress(index, len(changes))
            yield TargetEdit(change.paragraph_id, change.after, expected=change.before)

    result = project.set_targets(edits())
    if stopped:
        if result.written:
            project.undo()  # the step set_targets wrote: every chunk of it
            project.discard_redo()  # a redo would bring the part-way replacement back
        raise ReplaceCancelled
    if result.written:
        with project.transaction():
            MemoryStore(project).sync_project(result.written)
    return result


def forbidden_introduced(
    glossary: Glossary, changes: Iterable[PlannedChange]
) -> list[ForbiddenIntroduced]:
    """Forbidden renderings present after a change and not before it (by term)."""
    found = []
    for change in changes:
        before = _forbidden(glossary, change.source, change.before)
        for key in _forbidden(glossary, change.source, change.after) - before:
            found.append(ForbiddenIntroduced(change, *key))
    return found


def _forbidden(glossary: Glossary, source: str, english: str) -> set[tuple[str, str]]:
    check = glossary.check(source, english)
    return {
        (issue.term.source, issue.found)
        for issue in check.issues
        if issue.problem is TermProblem.FORBIDDEN
    }
