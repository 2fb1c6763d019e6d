"""Opening a large document in two steps: the rows around the cursor at once, the rest from
a worker.

Reading 100,000 paragraphs and making their rows takes seconds; the screen paints after
reading the few rows around the remembered cursor and the document's count. A worker then
reads the document a page at a time (the project is not locked for long) and makes its rows;
the grid takes them keeping the cursor on its paragraph and the view where it was.

Until then the grid holds only part of the document (`SegmentTable.partial`): whatever
needs every row (filters, find, the next-problem keys, goto, counts, the watcher, the
quality pass) says "still loading" or waits for the load. Rows saved meanwhile are all in
the part shown, so the loaded rows take the shown rows' place: a save during the load is
never undone by the worker's older read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual import work
from textual._callback import invoke
from textual.worker import get_current_worker

from workbench.core.segments import Paragraph
from workbench.store.paging import Window, iter_paragraphs, paragraph_window
from workbench.tui.rows import Row
from workbench.tui.screens.editor_tasks import EditorTasks
from workbench.tui.widgets.segment_table import still_loading

TWO_STEP_ABOVE = 2000  # documents of more rows open in two steps; smaller ones at once
FIRST_ROWS = 60  # rows read either side of the cursor for the first paint

# Actions that work on every row of the document: refused while only part of it is in.
NEEDS_ALL_ROWS = (
    "next_untranslated",
    "previous_untranslated",
    "next_flagged",
    "previous_flagged",
    "search",
    "search_next",
    "go_to_row",
    "move_paragraph",
    "translate_document",
    "filter_rows",
    "clear_filter",
    "find_replace",
    "confirm_next",  # approve and go to the next unapproved row
)


class EditorLoading(EditorTasks):
    """The two-step open of a large document; `EditorScreen` decides when to use it."""

    _load_generation = 0  # a newer load (or a full reload) makes an older worker's rows stale
    _missed_change = False  # the watcher saw a change during the load: look again after it

    if TYPE_CHECKING:  # defined by the editor's other parts, later in the MRO

        def build_rows(
            self, paragraphs: Sequence[Paragraph], cursor: int, *, first: int | None = None
        ) -> list[Row]: ...

        def _project_changed(self) -> None: ...

        def after_reload(self) -> None: ...

        def draft_text(self, paragraph_id: int) -> str | None: ...

    @property
    def rows_loading(self) -> int | None:
        """The document's row count while its rows are still being read, else None."""
        return self.grid.partial

    def refuse_while_loading(self) -> bool:
        """True, with a notice, while the grid holds only part of the document."""
        total = self.rows_loading
        if total is None:
            return False
        self.notify(still_loading(total), severity="warning")
        return True

    def new_load(self) -> int:
        """A full reload or a new document: any load under way is now stale."""
        self._load_generation += 1
        return self._load_generation

    def open_in_two_steps(self, document_id: int, paragraph_id: int | None) -> bool:
        """Show the rows around `paragraph_id` now and read the rest in a worker; False
        (nothing done) for a document small enough to read at once."""
        window = paragraph_window(self.project, document_id, paragraph_id, around=FIRST_ROWS)
        if window.total <= TWO_STEP_ABOVE:
            return False
        generation = self.new_load()
        rows = self.build_rows(window.paragraphs, window.cursor, first=window.offset + 1)
        self.grid.set_rows(rows, cursor=window.cursor, total=window.total)
        self._missed_change = False
        self._cursor_changed()
        self.after_reload()
        self._read_the_rest(generation, document_id, window)
        return True

    @work(thread=True, exclusive=True, group="load")
    def _read_the_rest(self, generation: int, document_id: int, window: Window) -> None:
        worker = get_current_worker()
        paragraphs: list[Paragraph] = []
        for paragraph in iter_paragraphs(self.project, document_id):
            paragraphs.append(paragraph)
            if worker.is_cancelled:
                return
        checker = self.checker
        assert checker is not None
        rows = [
            checker.pending_row(paragraph, number, draft=self.draft_text(paragraph.id))
            for number, paragraph in enumerate(paragraphs, start=1)
        ]
        if not worker.is_cancelled:
            self.app.call_from_thread(self._rest_read, generation, window.offset, rows)

    def _rest_read(self, generation: int, offset: int, rows: list[Row]) -> None:
        if self.closing_down or generation != self._load_generation:
            return  # a full reload or another document came first
        grid = self.grid
        shown = list(grid.rows)
        # The rows shown carry every change made during the load (saves went through the
        # grid); the worker read them earlier or later, so the shown ones win.
        placed = [row.id for row in rows[offset : offset + len(shown)]]
        if placed == [row.id for row in shown]:
            rows[offset : offset + len(shown)] = shown
            grid.grow_rows(rows, offset)
        else:  # another program moved rows meanwhile: keep the cursor's paragraph at least
            current = grid.current
            mine = {row.id: row for row in shown}
            rows = [mine.get(row.id, row) for row in rows]
            where = next((i for i, row in enumerate(rows) if current and row.id == current.id), 0)
            grid.set_rows(rows, cursor=where)
        self._cursor_changed()
        self.after_reload()
        if any(row.check is None for row in rows):
            self.fill_checks()
        self.run_quality_checks()
        if self._missed_change:
            self._missed_change = False
            self._project_changed()


def _waits_for_rows(name: str) -> Callable[..., Any]:
    async def action(self: EditorLoading, *params: Any) -> None:
        if not self.refuse_while_loading():
            await invoke(getattr(self, f"action_{name}"), *params)

    action.__name__ = f"_action_{name}"
    action.__doc__ = f"`action_{name}`, refused while the document is still being read."
    return action


# Textual runs `_action_<name>` in preference to `action_<name>`: one guard for every
# action that needs the whole document, wherever it is defined (keys, palette, buttons).
for _name in NEEDS_ALL_ROWS:
    setattr(EditorLoading, f"_action_{_name}", _waits_for_rows(_name))
