"""The translator's daily loop in the editor: matches into the edit box, checks while
typing, confirm and go on, the document's counts in the status bar.

- alt+1 … alt+9 put memory match N (as numbered on the inspector's Memory tab) in the edit
  box, alt+m the machine translation. The text replaces the box's text, or only the
  selection when there is one; ctrl+z (the box's undo) takes it back. In the grid the key
  opens the editor on the row first.
- What is typed is checked a moment after the last key (`LIVE_DELAY`): the glossary
  (missing and forbidden renderings), numbers, Chinese left in the English and the other
  segment checks, shown on the line under the box.
- ctrl+j (and ctrl+enter in terminals that tell it from enter) saves, approves and moves to
  the next row not approved yet, in one undo step; with errors it asks first.
- alt+n writes the row's note (a dialog; undoable, exported with the row).

The keys are priority bindings of the screen: the edit box would otherwise take alt+1 as
the character "1". They go through the app's key ordering like every other key. ESC digit,
which is what terminals send for alt+digit, is read as alt+digit (see `terminal_keys`);
ctrl+enter reaches the app only in terminals with the kitty keyboard protocol, ctrl+j in all.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import TextArea

from workbench.core.counts import Counter
from workbench.core.errors import WorkbenchError
from workbench.core.qa import QaIssue
from workbench.core.segments import Status
from workbench.core.tm import TmMatch, percent
from workbench.tui.navigation import find_row
from workbench.tui.rows import Row
from workbench.tui.screens.editor_saving import EditorSaving
from workbench.tui.screens.note_dialog import NoteDialog
from workbench.tui.screens.pickers import ConfirmDialog
from workbench.tui.terminal_keys import read_alt_digits
from workbench.tui.widgets.editor_panel import Draft
from workbench.tui.widgets.inspector import MATCH_KEYS, Inspector
from workbench.tui.widgets.live_checks import LiveChecks
from workbench.tui.widgets.status_bar import StatusBar
from workbench.workflows.live_checks import DraftChecks, errors
from workbench.workflows.memory import load_index, matches_for_paragraph

LIVE_DELAY = 0.2  # seconds after the last key before the English is checked
EAGER_COUNTS = 5000  # rows up to which the status bar's counts follow every change at once
COUNTS_DELAY = 0.3  # larger documents: seconds of rest before they are counted

LOOP_BINDINGS: list[BindingType] = [
    *(
        Binding(
            f"alt+{number}",
            f"insert_match({number})",
            f"Memory match {number}",
            show=False,
            priority=True,
            id=f"editor.match_{number}",
            tooltip=f"Put memory match {number} in the edit box (the selection, if any)",
        )
        for number in range(1, MATCH_KEYS + 1)
    ),
    Binding(
        "alt+m",
        "insert_mt",
        "Insert MT",
        show=False,
        priority=True,
        id="editor.insert_mt",
        tooltip="Put the machine translation in the edit box (the selection, if any)",
    ),
    Binding(
        "alt+n",
        "edit_note",
        "Note",
        show=False,
        priority=True,
        id="editor.note",
        tooltip="Write or change the row's note (exported with the row; empty removes it)",
    ),
    Binding(
        "ctrl+j,ctrl+enter",
        "confirm_next",
        "Confirm, next",
        key_display="^j",
        priority=True,
        id="editor.confirm_next",
        tooltip="Save, approve and go to the next row not approved yet (asks on errors)",
    ),
]


class EditorLoop(EditorSaving):
    """Matches into the edit box, checks while typing, confirm and go on."""

    _live_timer: Timer | None = None
    _counts_timer: Timer | None = None
    _draft_checks: DraftChecks | None = None

    LOOP_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"insert_match", "insert_mt", "confirm_next"}
    )

    def __init__(self) -> None:
        super().__init__()
        self._counter = Counter()
        read_alt_digits()

    def _open_editor(self) -> None:
        super()._open_editor()
        self.show_match_keys()
        self.check_draft()

    def _matches_ready(self, paragraph_id: int, matches: list[TmMatch]) -> None:
        super()._matches_ready(paragraph_id, matches)
        draft = self.panel.draft if not self.closing_down else None
        if draft is not None and draft.paragraph_id == paragraph_id:
            self.show_match_keys()

    def show_match_keys(self) -> None:
        """What alt+1… and alt+m would put in the box, on the editor's title line: on small
        terminals the inspector, which lists the matches, is hidden while editing."""
        panel = self.panel
        draft = panel.draft
        if draft is None:
            return
        keys: list[str] = []
        state = self.query_one(Inspector).state
        if state.row is not None and state.row.id == draft.paragraph_id:
            for number, match in enumerate((state.matches or ())[:3], start=1):
                keys.append(f"alt+{number} {percent(match)}")
            if state.row.paragraph.mt:
                keys.append("alt+m MT")
        panel.show_match_keys(" · ".join(keys))

    # -- matches into the edit box ---------------------------------------------------------

    def action_insert_match(self, number: int) -> None:
        row = self.current
        if row is None or self.refuse_read_only("edit a row"):
            return
        matches = self._matches_of(row)
        if matches is None:
            return
        if number > len(matches):
            found = f"only {len(matches)}" if matches else "none"
            self.notify(
                f"No memory match {number} for row {row.number} ({found}).", severity="warning"
            )
            return
        self._put_in_box(row, matches[number - 1].unit.target)

    def action_insert_mt(self) -> None:
        row = self.current
        if row is None or self.refuse_read_only("edit a row"):
            return
        if not row.paragraph.mt:
            self.notify(
                f"Row {row.number} has no machine translation yet; t translates it.",
                severity="warning",
            )
            return
        self._put_in_box(row, row.paragraph.mt)

    def _matches_of(self, row: Row) -> tuple[TmMatch, ...] | None:
        """The row's memory matches as the Memory tab numbers them; None (and a notice) if
        the memory cannot be read."""
        state = self.query_one(Inspector).state
        if state.row is not None and state.row.id == row.id and state.matches is not None:
            return state.matches
        # Not looked up yet (the key came before the cursor rested): look up now, so that
        # the key has done its work before the next key is routed. An index built here
        # skips the project memory's sync (the background writer's job, still scheduled).
        try:
            index = self._memory_index
            if index is None or self._memory_stale:
                index = load_index(self.project, sync=False)
                if self._memory_index is None:
                    self._memory_index = index
            found = matches_for_paragraph(self.project, row.id, index=index)
        except WorkbenchError as exc:
            self.notify(f"Memory matches cannot be shown: {exc}", severity="warning")
            return None
        self.query_one(Inspector).show_matches(row.id, found.matches)
        return found.matches

    def _put_in_box(self, row: Row, text: str) -> None:
        """Replace the box's text (or its selection) with `text`: one edit, undone by ctrl+z."""
        if not self.editing:
            self._open_editor()
        panel = self.panel
        if panel.draft is None or panel.draft.paragraph_id != row.id:
            return
        area = panel.text_area
        start, end = area.selection
        if start == end:
            start, end = area.document.start, area.document.end
        result = area.replace(text, start, end)
        area.move_cursor(result.end_location)
        self.set_focus(area)

    # -- counts ----------------------------------------------------------------------------

    def show_counts(self) -> None:
        """The document's counts in the status bar: at once for a small document, else a
        moment after the cursor rests (counting is linear in the rows, moving is not)."""
        if self._counts_timer is not None:
            self._counts_timer.stop()
            self._counts_timer = None
        if len(self.grid.rows) <= EAGER_COUNTS:
            self._count_rows()
        else:
            self._counts_timer = self.set_timer(COUNTS_DELAY, self._count_rows)

    def _count_rows(self) -> None:
        if self.closing_down:
            return
        counts = self._counter.count(row.paragraph for row in self.grid.rows)
        self.query_one(StatusBar).show_counts(counts)

    # -- checks while typing ---------------------------------------------------------------

    @on(TextArea.Changed, "#editor-text")
    def _typed_for_checks(self, event: TextArea.Changed) -> None:
        if self._live_timer is not None:
            self._live_timer.stop()
        self._live_timer = self.set_timer(LIVE_DELAY, self.check_draft)

    def check_draft(self) -> tuple[QaIssue, ...]:
        """Check the text in the box now and show what the checks find."""
        draft = self.panel.draft
        if draft is None:
            return ()
        checks = self._draft_checks
        glossary = self.workbench.glossary
        if checks is None or (checks.paragraph_id, checks.glossary) != (
            draft.paragraph_id,
            glossary,
        ):
            try:
                checks = DraftChecks(self.project, glossary, draft.paragraph_id)
            except WorkbenchError as exc:
                self.notify(f"The English cannot be checked: {exc}", severity="warning")
                return ()
            self._draft_checks = checks
        text = self.panel.text
        issues = checks.issues(text)
        # An empty box is a translation not begun: nothing to say about it yet.
        self.panel.query_one(LiveChecks).show(issues if text.strip() else None)
        return issues

    # -- notes -----------------------------------------------------------------------------

    def action_edit_note(self) -> None:
        row = self.current
        if row is None or self.refuse_read_only("change the note"):
            return
        paragraph_id = row.id

        def save(note: str | None) -> None:
            if note is None:
                return  # esc: the dialog keeps what was typed
            changed = self._write(
                "change the note", lambda: self.project.set_note(paragraph_id, note)
            )
            if changed is not None:
                self.refresh_paragraphs([changed])
            if self.editing:
                self.set_focus(self.panel.text_area)

        dialog = NoteDialog(row.number, paragraph_id, row.paragraph.note or "")
        self.app.push_screen(dialog, save)

    # -- confirm and go on -----------------------------------------------------------------

    def action_confirm_next(self) -> None:
        if self.refuse_read_only("approve"):
            return
        draft = self.panel.draft
        if draft is None:
            self._confirm_row_in_grid()
            return
        text = self.panel.text
        if not text.strip():
            self.notify("Nothing to approve: the English is empty.", severity="warning")
            return
        found = errors(self.check_draft())
        if not found:
            self._confirm(draft, text)
            return
        listed = "; ".join(issue.message for issue in found[:3])
        listed += " …" if len(found) > 3 else ""
        question = (
            f"Row {self._row_number(draft.paragraph_id)} has errors: {listed}. "
            "Save, approve and go on anyway?"
        )

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self._confirm(draft, text)
            else:
                self.set_focus(self.panel.text_area)

        self.app.push_screen(ConfirmDialog(question), answer)

    def _confirm(self, draft: Draft, text: str) -> None:
        if not self.save_draft(draft, text, explicit=True, approve=True):
            return
        self._next_unfinished(open_editor=True)

    def _confirm_row_in_grid(self) -> None:
        """In the grid: approve the row (asking first if it is flagged), go on."""
        row = self.current
        if row is None:
            return
        if row.paragraph.status is Status.APPROVED:
            self._next_unfinished(open_editor=False)
            return
        if not row.english.strip() and not row.paragraph.mt:
            self.notify(f"Row {row.number} has no English to approve.", severity="warning")
            return

        def approve() -> None:
            self._set_approved(row.id, True)
            if self.project.paragraph(row.id).status is Status.APPROVED:
                self._next_unfinished(open_editor=False)

        if not row.flagged:
            approve()
            return
        self._confirm_approval(row, then=approve)

    def _next_unfinished(self, *, open_editor: bool) -> None:
        grid = self.grid
        found = find_row(
            grid.rows, grid.cursor, 1, lambda row: row.paragraph.status is not Status.APPROVED
        )
        if found is None:
            if self.editing:
                self.panel.close()
                self._show_panels()
                self.set_focus(grid)
            self.notify("Every row of this document is approved.")
            return
        if found.wrapped:
            self.notify("Continued from the top.")
        if open_editor:
            with grid.prevent(grid.CursorMoved):
                grid.move_cursor(found.index)
            self._cursor_changed()
            self._open_editor()
        else:
            grid.move_cursor(found.index)
