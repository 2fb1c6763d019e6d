"""The editor's filters, find and replace, and the document's order warnings.

Kept apart from the rest of the editor: `EditorScreen.reload` hands its rows to
`filter_rows` and calls `after_reload`; everything else is here. The filter and the order
warnings are shown in their own part of the status bar.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from workbench.core.enumeration import ORDER_WARNING_PREFIX
from workbench.core.errors import WorkbenchError
from workbench.core.phrasing import counted
from workbench.core.segments import Paragraph
from workbench.tui.filters import FilterKind, RowFilter
from workbench.tui.rows import Row, RowChecker
from workbench.tui.screens.editor_tasks import EditorTasks
from workbench.tui.screens.filter_dialog import FilterDialog
from workbench.tui.screens.find_replace import FindOptions, FindOutcome, FindReplaceScreen
from workbench.tui.widgets.status_bar import StatusBar

# Filters that need every row's glossary check (large documents check lazily).
_NEEDS_CHECKS = frozenset({FilterKind.ERRORS, FilterKind.PROBLEMS})
CHECK_ON_SCREEN = 300  # rows still to check that the filter checks at once, on the UI thread


class EditorFind(EditorTasks):
    """Row filters, the find-and-replace dialog, order warnings in the status bar."""

    row_filter: RowFilter = RowFilter()
    order_warnings: tuple[str, ...] = ()
    _find_text = ""
    _find_options: FindOptions | None = None

    if TYPE_CHECKING:  # defined by EditorScreen, which comes after this class in the MRO

        def reload(self, *, paragraph_id: int | None = None, cursor: int | None = None) -> None: ...

        def go_to_paragraph(self, paragraph_id: int) -> None: ...

    # -- filters --------------------------------------------------------------------------

    def filter_rows(self, rows: list[Row], cursor: int) -> tuple[list[Row], int]:
        """The rows the filter lets through, and where the cursor goes among them: the row
        it was on, else the next one shown (else the last)."""
        if not self.row_filter.active:
            return rows, cursor
        checker = self.checker
        if self.row_filter.kind in _NEEDS_CHECKS and checker is not None:
            rows = [checker.known(row) for row in rows]
            pending = [row for row in rows if row.check is None]
            if len(pending) > CHECK_ON_SCREEN:
                # A large document not checked yet: a worker checks it, then the filter
                # runs again; meanwhile rows count by their quality checks alone.
                self._check_for_filter(checker, pending)
            else:
                rows = [checker.fill(row) for row in rows]
        chosen = self.row_filter.select(rows, self.qa_issues)
        kept = [rows[index] for index in chosen]
        place = bisect_left(chosen, cursor)
        if place >= len(kept):
            place = max(0, len(kept) - 1)
        return kept, place

    @work(thread=True, exclusive=True, group="filter-checks")
    def _check_for_filter(self, checker: RowChecker, pending: list[Row]) -> None:
        worker = get_current_worker()
        self.app.call_from_thread(
            self.notify, f"Checking the glossary in {counted(len(pending), 'row')} to filter…"
        )
        for row in pending:
            if worker.is_cancelled:
                return
            checker.fill(row)
        self.app.call_from_thread(self._checked_for_filter, checker)

    def _checked_for_filter(self, checker: RowChecker) -> None:
        if self.closing_down or checker is not self.checker:
            return
        if self.row_filter.kind in _NEEDS_CHECKS:
            row = self.current
            self.reload(paragraph_id=row.id if row else None)
            self._show_all_if_none(row)

    @property
    def checks_pending(self) -> bool:
        """The worker checking rows for the errors filter is running."""
        return any(w.group == "filter-checks" and not w.is_finished for w in self.workers)

    def visible_paragraphs(
        self, fresh: Sequence[Paragraph], shown: Sequence[int]
    ) -> list[Paragraph]:
        """Of the document's paragraphs, those the grid shows (all, without a filter): what
        the watcher compares with the rows on screen."""
        if not self.row_filter.active:
            return list(fresh)
        ids = set(shown)
        return [paragraph for paragraph in fresh if paragraph.id in ids]

    def action_filter_rows(self) -> None:
        def chosen(row_filter: RowFilter | None) -> None:
            if row_filter is not None:
                self.set_filter(row_filter)

        self.app.push_screen(FilterDialog(self.row_filter), chosen)

    def action_clear_filter(self) -> None:
        if self.row_filter.active:
            self.set_filter(RowFilter())

    def set_filter(self, row_filter: RowFilter) -> None:
        row = self.current
        self.row_filter = row_filter
        self.reload(paragraph_id=row.id if row else None)
        if not self.checks_pending:
            self._show_all_if_none(row)

    def _show_all_if_none(self, row: Row | None) -> None:
        if self.row_filter.active and not self.grid.rows:
            self.notify(f"No row is {self.row_filter.describe()}: every row shown again.")
            self.row_filter = RowFilter()
            self.reload(paragraph_id=row.id if row else None)

    # -- find and replace -----------------------------------------------------------------

    def action_find_replace(self) -> None:
        row = self.current
        # The search typed with / (if any) starts the dialog.
        text = self._find_text or (getattr(self, "search", None) or "")
        screen = FindReplaceScreen(
            self.project,
            self.workbench.glossary,
            self.document_id,
            read_only=self.workbench.read_only,
            text=text,
            options=self._find_options,
            # Without a filter the grid holds every row of the document: search those.
            shown=None if self.row_filter.active else (lambda: list(self.grid.rows)),
        )

        def done(outcome: FindOutcome | None) -> None:
            self._find_options = screen.options
            if outcome is None:
                return
            self._find_text = outcome.text
            if outcome.changed:
                self.mark_memory_changed()
                self.reload(paragraph_id=row.id if row else None)
                self.schedule_quality_checks()
            if outcome.go_to is not None:
                self.go_to_paragraph(outcome.go_to)

        self.app.push_screen(screen, done)

    # -- order warnings and the status bar -----------------------------------------------

    def after_reload(self) -> None:
        """Read the document's order warnings again (a move, a restore or an undo may have
        changed them) and show them with the filter in the status bar."""
        warnings: tuple[str, ...] = ()
        if self.document_id is not None:
            try:
                document = self.project.document(self.document_id)
            except WorkbenchError:
                document = None
            if document is not None:
                warnings = tuple(w for w in document.warnings if w.startswith(ORDER_WARNING_PREFIX))
        if warnings and warnings != self.order_warnings:
            self.notify(warnings[0], title="Source order", severity="warning")
        self.order_warnings = warnings
        self.show_find_state()

    def show_find_state(self) -> None:
        parts = []
        if self.row_filter.active:
            parts.append(
                f"filter: {self.row_filter.describe()} ({counted(len(self.grid.rows), 'row')})"
            )
        if self.order_warnings:
            parts.append(f"⚠ order ({len(self.order_warnings)})")  # as in the document picker
        self.query_one(StatusBar).show_extra(" · ".join(parts))
