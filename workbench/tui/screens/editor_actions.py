"""The editor's row actions and navigation: each is one call on the project (through the
workflows) and a refresh of what changed. `EditorScreen` adds the layout and the editing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from workbench.core.errors import WorkbenchError
from workbench.core.phrasing import counted
from workbench.core.segments import Paragraph
from workbench.tui.filters import is_problem
from workbench.tui.navigation import find_row, row_matches, search_pattern
from workbench.tui.rows import Row, issue_text
from workbench.tui.screens.editor_tasks import EditorTasks
from workbench.tui.screens.goto import GotoDialog, SearchDialog
from workbench.tui.screens.pickers import ConfirmDialog, DocumentPicker, DroppedBlocksPicker
from workbench.workflows.memory import approve_translation, save_translation

T = TypeVar("T")


class EditorActions(EditorTasks):
    """Actions on the current row and moves between rows."""

    search: str | None = None

    def reload(self, *, paragraph_id: int | None = None, cursor: int | None = None) -> None:
        raise NotImplementedError

    def load_document(self, document_id: int, *, paragraph_id: int | None = None) -> None:
        raise NotImplementedError

    def _write(self, what: str, change: Callable[[], T]) -> T | None:
        """Make a change to the project; None (and one notice saying why) if it cannot be
        made: read-only, another program writing, a full disk."""
        if self.refuse_read_only(what):
            return None
        try:
            return change()
        except WorkbenchError as exc:
            self.notify(str(exc), title="Nothing changed", severity="error")
            return None

    def _change(self, paragraphs: Sequence[Paragraph] | Paragraph) -> None:
        touched = [paragraphs] if isinstance(paragraphs, Paragraph) else list(paragraphs)
        self.mark_memory_changed()
        self.refresh_paragraphs(touched)

    def action_accept_mt(self) -> None:
        row = self.current
        if row is None or self.refuse_read_only("accept the machine translation"):
            return
        paragraph = row.paragraph
        if not paragraph.mt:
            self.notify(
                f"Row {row.number} has no machine translation yet; t translates it.",
                severity="warning",
            )
            return
        if paragraph.target == paragraph.mt:
            return
        mt = paragraph.mt
        outcome = self._write(
            "accept the machine translation",
            lambda: save_translation(self.project, paragraph.id, mt, expected=paragraph.target),
        )
        if outcome is not None:
            self._change([outcome.paragraph, *outcome.propagated])

    def action_toggle_approved(self) -> None:
        row = self.current
        if row is None or self.refuse_read_only("approve"):
            return
        approve = row.paragraph.status.value != "approved"
        if approve and row.flagged:
            self._confirm_approval(row)
            return
        self._set_approved(row.id, approve)

    def _confirm_approval(self, row: Row, then: Callable[[], None] | None = None) -> None:
        """A flagged row is approved only after the translator has seen why it is flagged
        (`then` instead of approving it: confirm-and-go-on approves and moves)."""
        problems = [issue_text(issue) for issue in row.violations]
        problems += [issue.message for issue in row.qa_errors]
        listed = "; ".join(problems[:3]) + (" …" if len(problems) > 3 else "")
        question = f"Row {row.number} has errors: {listed}. Approve it anyway?"

        def answer(approve: bool | None) -> None:
            if approve and then is not None:
                then()
            elif approve:
                self._set_approved(row.id, True)

        self.app.push_screen(ConfirmDialog(question), answer)

    def _set_approved(self, paragraph_id: int, approve: bool) -> None:
        try:
            paragraph = approve_translation(self.project, paragraph_id, approve)
        except WorkbenchError as exc:
            self.notify(str(exc), severity="warning")
            return
        self._change(paragraph)

    def action_toggle_review(self) -> None:
        row = self.current
        if row is None:
            return
        review = not row.paragraph.review
        changed = self._write("mark the row", lambda: self.project.set_review(row.id, review))
        if changed is not None:
            self._change(changed)

    def action_undo(self) -> None:
        self._replay(undo=True)

    def action_redo(self) -> None:
        self._replay(undo=False)

    def _replay(self, *, undo: bool) -> None:
        verb = "undo" if undo else "redo"
        touched = self._write(verb, self.project.undo if undo else self.project.redo)
        if touched is None:
            return
        if not touched:
            self.notify("Nothing to undo." if undo else "Nothing to redo.")
            return
        self.mark_memory_changed()
        first = touched[0]
        if first.document_id != self.document_id:
            self.load_document(first.document_id, paragraph_id=first.id)
        else:
            self.reload(paragraph_id=first.id if first.included else None)
        self.schedule_quality_checks()
        what = "Undone" if undo else "Redone"
        self.notify(f"{what}: {counted(len(touched), 'paragraph')}.")

    def action_move_paragraph(self, offset: int) -> None:
        row = self.current
        if row is None:
            return
        moved = self._write("move the paragraph", lambda: self.project.move(row.id, offset))
        if moved is not None:
            self.reload(paragraph_id=moved.id)

    def action_dropped_blocks(self) -> None:
        if self.document_id is None:
            return
        blocks = [
            p
            for p in self.project.paragraphs(self.document_id, include_dropped=True)
            if not p.included
        ]
        if not blocks:
            self.notify("The cleaner dropped nothing from this document.")
            return

        def restore(paragraph_id: int | None) -> None:
            if paragraph_id is None:
                return
            restored = self._write(
                "restore the block", lambda: self.project.set_included(paragraph_id, True)
            )
            if restored is None:
                return
            self.reload(paragraph_id=restored.id)
            self.schedule_quality_checks()
            self.notify(f"Restored the block as row {self.grid.cursor + 1}.")

        self.app.push_screen(DroppedBlocksPicker(blocks), restore)

    def action_switch_document(self) -> None:
        documents = [(d, self.project.status_counts(d.id)) for d in self.project.documents()]

        def switch(document_id: int | None) -> None:
            if document_id is not None and document_id != self.document_id:
                self.load_document(document_id)

        self.app.push_screen(DocumentPicker(documents, self.document_id), switch)

    # -- navigation ------------------------------------------------------------------------

    def _jump(self, predicate_name: str, step: int, empty: str) -> None:
        predicates = {
            "untranslated": lambda row: row.untranslated,
            "flagged": is_problem,  # a flag, or a mark for review
        }
        found = find_row(self.grid.rows, self.grid.cursor, step, predicates[predicate_name])
        if found is None:
            self.notify(empty)
            return
        if found.wrapped:
            self.notify("Continued from the " + ("top." if step > 0 else "bottom."))
        self.grid.move_cursor(found.index)

    def action_next_untranslated(self) -> None:
        self._jump("untranslated", 1, "Every row has the translator's English.")

    def action_previous_untranslated(self) -> None:
        self._jump("untranslated", -1, "Every row has the translator's English.")

    def action_next_flagged(self) -> None:
        self._jump("flagged", 1, "No flagged or marked rows.")

    def action_previous_flagged(self) -> None:
        self._jump("flagged", -1, "No flagged or marked rows.")

    def action_go_to_row(self) -> None:
        def go(value: str | None) -> None:
            if value:
                self.grid.move_cursor(int(value) - 1)

        self.app.push_screen(GotoDialog(len(self.grid.rows)), go)

    def action_search(self) -> None:
        def run(query: str | None) -> None:
            if not query:
                return
            self.search = query
            self.grid.set_search(search_pattern(query))
            row = self.current
            if row is not None and row_matches(search_pattern(query))(row):
                return
            self.action_search_next(1)

        self.app.push_screen(SearchDialog(self.search or ""), run)

    def action_search_next(self, step: int) -> None:
        if not self.search:
            self.action_search()
            return
        pattern = search_pattern(self.search)
        found = find_row(self.grid.rows, self.grid.cursor, step, row_matches(pattern))
        if found is None:
            self.notify(f"“{self.search}” is not in this document.", severity="warning")
            return
        if found.wrapped:
            self.notify("Search continued from the " + ("top." if step > 0 else "bottom."))
        self.grid.move_cursor(found.index)

    def action_clear(self) -> None:
        if self.cancel_translation():
            return
        if self.search:
            self.search = None
            self.grid.set_search(None)

    # -- other screens ---------------------------------------------------------------------

    def action_glossary(self) -> None:
        from workbench.tui.screens.glossary_review import GlossaryReviewScreen

        self.app.push_screen(GlossaryReviewScreen())

    def action_align_texts(self) -> None:
        from workbench.tui.screens.align_review import start_alignment

        start_alignment(self.app)

    def action_export(self) -> None:
        from workbench.tui.screens.export_dialog import ExportDialog

        self.app.push_screen(ExportDialog(self.document_id))
