"""Drafts: text typed for a row and not saved, which the editor never throws away.

A row gets a draft when esc closes its editor on changed text, when its save fails (the
project busy, the disk full) or when a window that ended without saving left one. Drafts
are marked in the grid (✍) and enter brings one back into the editor; ctrl+s saves it,
ctrl+r there puts the stored English back (ctrl+z undoes that).

Every draft of the window, and the open editor's text a second after the last key, is
parked in the project under the window's own entry (`workflows.drafts`), written on the
background writer so that a busy project or a full disk never freezes or crashes the
screen; a failure to park is reported once. A second window never takes these drafts; a
window started after this one ended without saving (a crash, a closed terminal) takes them
over and offers them back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on
from textual.content import Content
from textual.timer import Timer
from textual.widgets import TextArea

from workbench.core.errors import WorkbenchError
from workbench.core.phrasing import counted
from workbench.core.segments import Paragraph
from workbench.tui.rows import Row, with_draft
from workbench.tui.screens.editor_actions import EditorActions
from workbench.tui.widgets.editor_panel import EditorPanel
from workbench.workflows import drafts
from workbench.workflows.drafts import ParkedDraft, Window

PARK_DELAY = 1.0  # seconds after the last keystroke


class EditorDrafts(EditorActions):
    """Drafts of rows: kept, shown, parked in the project, taken over from ended windows."""

    _park_timer: Timer | None = None
    _park_failure: str | None = None  # the last parking failure reported
    _last_parked: tuple[ParkedDraft, ...] | None = ()  # what the project holds for the window
    window: Window | None = None

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[int, ParkedDraft] = {}  # rows whose draft is not in the editor

    @property
    def panel(self) -> EditorPanel:
        raise NotImplementedError

    @property
    def editing(self) -> bool:
        raise NotImplementedError

    def remember_position(self) -> None:
        raise NotImplementedError

    def _source_content(self, row: Row) -> Content:
        raise NotImplementedError

    def _show_panels(self) -> None:
        raise NotImplementedError

    # -- the window ------------------------------------------------------------------------

    def start_drafts(self) -> None:
        """Take over the drafts of windows that ended without saving (once, in the
        background: the project may be busy)."""
        if self.workbench.read_only:
            return
        self.window = drafts.open_window()
        window = self.window
        self.workbench.write(
            lambda project: drafts.take_over_ended(project, window), self._taken_over
        )

    def end_drafts(self) -> None:
        if self.window is not None:
            drafts.close_window(self.window)

    def _taken_over(self, result: list[ParkedDraft] | WorkbenchError) -> None:
        if self.closing_down:
            return
        if isinstance(result, WorkbenchError):
            self.notify(
                f"Could not look for drafts left by an earlier session: {result}",
                title="Drafts",
                severity="warning",
            )
            return
        self._last_parked = (*(self._last_parked or ()), *result)  # now under this window
        found: list[tuple[ParkedDraft, Paragraph]] = []
        for draft in result:
            try:
                paragraph = self.project.paragraph(draft.paragraph_id)
            except WorkbenchError:
                continue  # the paragraph is gone
            if paragraph.target != draft.text and draft.paragraph_id not in self.kept:
                found.append((draft, paragraph))
        for draft, _ in found:
            self.kept[draft.paragraph_id] = draft
        self.park_drafts()  # forgets the ones that no longer mean anything
        if not found:
            return
        first, paragraph = found[0]
        others = [p for _, p in found[1:]]
        if not self.editing:
            self.show_paragraph_draft(paragraph)
        else:
            self.show_drafts([p.id for _, p in found])
        if first.expected != paragraph.target:
            message = "A draft you could not save last time is back in the editor."
        else:
            message = "An unsaved draft from your last session is back in the editor."
        if others:
            message += f" {counted(len(others), 'other row')} with a draft marked ✍."
        self.notify(message, title="Draft restored", severity="warning")

    def show_paragraph_draft(self, paragraph: Paragraph) -> None:
        """Open the editor on a paragraph's kept draft (switching document if needed)."""
        if paragraph.document_id != self.document_id:
            self.load_document(paragraph.document_id, paragraph_id=paragraph.id)
        else:
            self.reload(paragraph_id=paragraph.id)
        self._open_editor()

    # -- drafts of rows --------------------------------------------------------------------

    def _open_editor(self) -> None:
        """Edit the row at the cursor: its draft if it has one, else its stored text."""
        row = self.current
        if row is None:
            return
        kept = self.kept.pop(row.id, None)
        if kept is None:
            self.panel.open(row, self._source_content(row))
        else:
            self.panel.open(row, self._source_content(row), text=kept.text, expected=kept.expected)
            if kept.expected != row.paragraph.target:
                self.panel.show_conflict(row.paragraph.target)
            self.show_drafts([row.id])
        self._show_panels()
        # The grid shrinks when the panel appears: scroll once the new layout is known.
        self.call_after_refresh(self.grid.scroll_to_cursor)

    def put_aside(self) -> None:
        """Close the editor; changed text stays as the row's draft (esc)."""
        panel = self.panel
        draft = panel.draft
        if draft is None:
            return
        if panel.changed or panel.has_class("-conflict"):
            kept = ParkedDraft(draft.paragraph_id, panel.text, draft.expected)
            self.kept[draft.paragraph_id] = kept
            number = self._row_number(draft.paragraph_id)
            self.notify(
                f"Row {number}: what you typed is kept as a draft, not saved (✍). "
                "enter continues it; ctrl+s there saves it."
            )
        panel.close()
        self.show_drafts([draft.paragraph_id])
        self.park_drafts()

    def draft_saved(self, paragraph_id: int) -> None:
        """A row's text was saved: it has no draft any more."""
        self.kept.pop(paragraph_id, None)
        self.park_drafts()

    def drafts_now(self) -> list[ParkedDraft]:
        """Every unsaved text of the window: the kept drafts and the open editor's."""
        found = dict(self.kept)
        draft = self.panel.draft
        if draft is not None and (self.panel.changed or self.panel.has_class("-conflict")):
            found[draft.paragraph_id] = ParkedDraft(
                draft.paragraph_id, self.panel.text, draft.expected
            )
        return list(found.values())

    def show_drafts(self, paragraph_ids: Sequence[int]) -> None:
        """Mark (or unmark) rows' drafts in the grid."""
        wanted = set(paragraph_ids)
        rows = [
            with_draft(row, self.draft_text(row.id)) for row in self.grid.rows if row.id in wanted
        ]
        self.grid.replace_rows(rows)

    def draft_text(self, paragraph_id: int) -> str | None:
        kept = self.kept.get(paragraph_id)
        return kept.text if kept is not None else None

    def _row_number(self, paragraph_id: int) -> int | str:
        return next((row.number for row in self.grid.rows if row.id == paragraph_id), "?")

    # -- parking ---------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor-text")
    def _typed(self, event: TextArea.Changed) -> None:
        if self.window is None:
            return
        if self._park_timer is not None:
            self._park_timer.stop()
        self._park_timer = self.set_timer(PARK_DELAY, self.park_drafts)

    def park_drafts(self, then: Callable[[WorkbenchError | None], None] | None = None) -> None:
        """Keep the window's unsaved text in the project (in the background)."""
        if self._park_timer is not None:
            self._park_timer.stop()
        window = self.window
        if window is None:
            if then is not None:
                then(WorkbenchError(f"{self.workbench.read_only_reason}; nothing can be kept"))
            return
        snapshot = tuple(self.drafts_now())
        if snapshot == self._last_parked and then is None:
            return  # the project holds these already (or they are on their way)
        self._last_parked = snapshot

        def parked(result: WorkbenchError | None) -> None:
            self._parked(result, bool(snapshot))
            if then is not None:
                then(result)

        self.workbench.write(lambda project: drafts.park(project, window, snapshot), parked)

    def _parked(self, result: WorkbenchError | None, anything: bool) -> None:
        if self.closing_down:
            return
        if not isinstance(result, WorkbenchError):
            self._park_failure = None
            return
        self._last_parked = None  # not kept: the next change tries again
        message = str(result)
        if anything and message != self._park_failure:
            self._park_failure = message
            self.notify(
                f"Your unsaved text could not be kept in the project either: {message}. "
                "It stays in this window; do not close it.",
                title="Draft not kept",
                severity="error",
                timeout=15,
            )
