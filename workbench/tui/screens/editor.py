"""The editor screen: a document's paragraphs side by side, edited in place.

The screen turns keys into calls on the project (through the workflows) and shows the result;
it holds no translation logic. Rows are rebuilt from the project after every change, which is
cheap because glossary checks are memoised (`RowChecker`) and the grid re-wraps only rows that
changed. Slow work (machine translation, the quality checks of the whole document, memory
look-ups) runs in worker threads; see `EditorTasks`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.content import Content
from textual.events import Resize
from textual.widgets import Label

from workbench.core.errors import WorkbenchError
from workbench.core.glossary import Glossary
from workbench.core.phrasing import counted
from workbench.core.segments import Document, Paragraph
from workbench.tui.rows import Row, RowChecker
from workbench.tui.screens.editor_dictionary import WORD_STYLE, EditorDictionary
from workbench.tui.screens.editor_find import EditorFind
from workbench.tui.screens.editor_keys import EDITOR_BINDINGS, FOOTER_KEPT, GRID_ACTIONS
from workbench.tui.screens.editor_loading import EditorLoading
from workbench.tui.screens.editor_loop import LOOP_BINDINGS
from workbench.tui.screens.editor_sentences import SENTENCE_BINDINGS, EditorSentences
from workbench.tui.widgets.editor_panel import EditorPanel
from workbench.tui.widgets.inspector import Inspector
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.segment_table import SegmentTable
from workbench.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from workbench.store.server import ChangeListener

DOCUMENT_SETTING = "tui.document"
ROW_SETTING = "tui.row.{document}"  # paragraph id of the cursor, per document
EAGER_CHECKS = 400  # larger documents get their glossary checks in a worker
EAGER_WINDOW = 30  # ... except for the rows around the cursor, checked before the first paint
WIDE = 140  # columns from which the inspector sits beside the grid
TALL = 30  # rows from which it fits under the grid
WATCH_INTERVAL = 2.0  # seconds between looks for changes another program made to the project


class EditorScreen(EditorLoading, EditorFind, EditorDictionary, EditorSentences):
    """Side-by-side paragraph editor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *EDITOR_BINDINGS,
        *LOOP_BINDINGS,
        *SENTENCE_BINDINGS,
    ]
    KEYS_TITLE = "Editor"  # heading of its keys on the help screen
    GRID_ACTIONS = GRID_ACTIONS
    FOOTER_KEPT = FOOTER_KEPT

    def __init__(self, document_id: int | None = None) -> None:
        super().__init__()
        self.document_id = document_id
        self.document: Document | None = None
        self.checker: RowChecker | None = None
        self.search: str | None = None
        self.inspector_hidden = False
        self._inspector_wanted: bool | None = None  # the translator's choice (key i)
        self._tall = False
        self.qa_issues = {}
        self._changed_during_pass = set()
        self._data_version = 0
        self._listener: ChangeListener | None = None  # a server project's commits
        self._watch_problem = ""  # the last failure of the watcher, shown once

    # -- composition -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Label("", id="read-only")
        with Container(id="main"):
            yield SegmentTable(id="grid")
            yield Inspector(id="inspector")
        yield EditorPanel(id="editor")
        yield StatusBar(id="status")
        yield KeyBar()

    @property
    def panel(self) -> EditorPanel:
        return self.query_one(EditorPanel)

    @property
    def editing(self) -> bool:
        return self.panel.draft is not None

    def on_mount(self) -> None:
        banner = self.query_one("#read-only", Label)
        banner.display = self.workbench.read_only
        if self.workbench.read_only:
            banner.update(
                f"Read-only: {self.workbench.read_only_reason}. You can read, search, look up "
                "and export; nothing in the project can be changed."
            )
        self._set_layout(*self.app.size)  # before the first layout, not after it
        self.setup_dictionary()
        self.workbench.glossary_changed.subscribe(self, self._glossary_changed)
        self.checker = RowChecker(self.workbench.glossary)
        documents = self.project.documents()
        if not documents:
            self.notify(
                "The project has no documents: import one with `workbench edit FILE`.",
                severity="warning",
            )
            return
        remembered = self.project.get_setting(DOCUMENT_SETTING)
        ids = {d.id for d in documents}
        chosen = self.document_id
        if chosen not in ids:
            chosen = int(remembered) if remembered and remembered.isdigit() else None
        if chosen not in ids:
            chosen = documents[0].id
        assert chosen is not None
        self.load_document(chosen)
        self.grid.focus()
        self.start_drafts()
        self._data_version = self.project.data_version()
        self.set_interval(WATCH_INTERVAL, self._watch_project)
        # A server project tells of every commit (LISTEN/NOTIFY); a file is polled.
        self._listener = self.project.listen(self._heard_change)

    def on_unmount(self) -> None:
        if self._listener is not None:
            self._listener.close()
        self.end_drafts()

    def _heard_change(self) -> None:
        """A commit to the server project (the listener's thread)."""
        with contextlib.suppress(RuntimeError):  # the app is closing
            self.app.call_from_thread(self._project_changed)

    def _watch_project(self) -> None:
        """Show what another program changed in the project (`workbench translate` in another
        terminal, a second editor, a colleague) or in the glossary file. An open draft stays:
        saving it over a row changed meanwhile is refused as a conflict."""
        if not self.workbench.glossary_in_database and self.workbench.reload_glossary_if_changed():
            self.notify("The glossary file was changed by another program: rows re-checked.")
        if self._listener is None:
            self._project_changed()

    def _project_changed(self) -> None:
        if self.rows_loading is not None:  # compared with the whole document once it is in
            self._missed_change = True
            return
        try:
            version = self.project.data_version()
        except WorkbenchError as exc:  # the file was damaged or removed meanwhile: say it once
            if str(exc) != self._watch_problem:
                self.notify(str(exc), severity="error")
            self._watch_problem = str(exc)
            return
        self._watch_problem = ""
        # A glossary kept in the project (a team's): a commit may have changed it.
        if self.workbench.glossary_in_database and self.workbench.reload_glossary_if_changed():
            who = "a colleague" if self._listener is not None else "another program"
            self.notify(f"The project's glossary was changed by {who}: rows re-checked.")
        if version == self._data_version or self.document_id is None:
            return
        self._data_version = version
        shown = {row.id: row.paragraph for row in self.grid.rows}
        fresh = self.visible_paragraphs(self.project.paragraphs(self.document_id), list(shown))
        if [paragraph.id for paragraph in fresh] != list(shown):
            self.reload()
            self.notify("The document was changed by another program.")
            return
        changed = [paragraph for paragraph in fresh if paragraph != shown[paragraph.id]]
        if changed:
            self.refresh_paragraphs(changed)
            self.mark_memory_changed()
            self.notify(f"{counted(len(changed), 'row')} changed by another program.")

    def on_resize(self, event: Resize) -> None:
        self._set_layout(*event.size)

    def _set_layout(self, width: int, height: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self._tall = width < WIDE and height >= TALL
        self.panel.set_class(height >= TALL, "-tall")  # room for more of the Chinese
        self._show_panels()

    # -- loading ---------------------------------------------------------------------------

    def load_document(self, document_id: int, *, paragraph_id: int | None = None) -> None:
        if self.document is not None:
            self.remember_position()
        self.document = self.project.document(document_id)
        self.document_id = document_id
        self.workbench.remember_setting(DOCUMENT_SETTING, str(document_id))
        if paragraph_id is None:
            remembered = self.project.get_setting(ROW_SETTING.format(document=document_id))
            paragraph_id = int(remembered) if remembered and remembered.isdigit() else None
        self.qa_issues = {}
        self.qa_ready = False
        self._changed_during_pass = set()
        # A large document shows the cursor's rows first (its quality pass waits for the
        # rest); a filter needs every row at once.
        if self.row_filter.active or not self.open_in_two_steps(document_id, paragraph_id):
            self.reload(paragraph_id=paragraph_id, cursor=0)
            self.run_quality_checks()

    def reload(self, *, paragraph_id: int | None = None, cursor: int | None = None) -> None:
        """Rebuild the rows from the project; the cursor goes to `paragraph_id` if given."""
        if self.document_id is None or self.checker is None:
            return
        grid = self.grid
        if grid.partial is not None and paragraph_id is None and cursor is None and grid.current:
            paragraph_id = grid.current.id  # the cursor's index is one in the part shown
        self.new_load()  # a two-step load under way is overtaken by this one
        paragraphs = self.project.paragraphs(self.document_id)
        if paragraph_id is not None:
            cursor = next((i for i, p in enumerate(paragraphs) if p.id == paragraph_id), cursor)
        target = grid.cursor if cursor is None else cursor
        rows, target = self.filter_rows(self.build_rows(paragraphs, target), target)
        grid.set_rows(rows, cursor=target)
        self._cursor_changed()
        self.after_reload()

    def build_rows(
        self, paragraphs: Sequence[Paragraph], cursor: int, *, first: int | None = None
    ) -> list[Row]:
        """Rows for the whole document, whose unchecked rows a worker then checks; or, with
        `first` (the number of the first row), for the part of a large one shown first,
        checked only around the cursor (the rest of the rows and checks come later)."""
        checker = self.checker
        assert checker is not None
        whole = first is None
        eager = whole and len(paragraphs) <= EAGER_CHECKS
        first = 1 if first is None else first
        rows = []
        for index, paragraph in enumerate(paragraphs):
            qa = self.qa_issues.get(paragraph.id, ())
            draft = self.draft_text(paragraph.id)
            if eager or abs(index - cursor) < EAGER_WINDOW:
                rows.append(checker.row(paragraph, first + index, qa=qa, draft=draft))
            else:
                rows.append(checker.pending_row(paragraph, first + index, draft=draft))
        if whole and any(row.check is None for row in rows):
            self.fill_checks()
        return rows

    def refresh_paragraphs(self, paragraphs: Sequence[Paragraph]) -> None:
        """Show changed paragraphs; a change of order or of the kept set reloads the document."""
        rows = {row.id: row for row in self.grid.rows}
        checker = self.checker
        assert checker is not None
        changed: list[Row] = []
        for paragraph in paragraphs:
            old = rows.get(paragraph.id)
            if paragraph.document_id != self.document_id:
                continue
            if (
                old is None
                or old.paragraph.position != paragraph.position
                or not paragraph.included
            ):
                self.reload()
                return
            changed.append(
                checker.row(
                    paragraph,
                    old.number,
                    qa=self.segment_issues(paragraph),
                    draft=self.draft_text(paragraph.id),
                )
            )
        self.grid.replace_rows(changed)
        self._cursor_changed()
        self.schedule_quality_checks()

    def _glossary_changed(self, glossary: Glossary) -> None:
        self.checker = RowChecker(glossary)
        self.reload()
        self.schedule_quality_checks()

    # -- cursor and panels -----------------------------------------------------------------

    @on(SegmentTable.CursorMoved)
    def _moved(self, event: SegmentTable.CursorMoved) -> None:
        draft = self.panel.draft
        row = self.current
        if draft is not None and row is not None and row.id != draft.paragraph_id:
            # Leaving the row saves it; a refused save brings the cursor back to the draft.
            if not self.save_draft(draft, self.panel.text, explicit=False):
                self._go_back_to(draft.paragraph_id)
                return
            self._open_editor()
        self._cursor_changed()

    def _cursor_changed(self) -> None:
        row = self.current
        document = self.document
        grid = self.grid
        loading = grid.partial
        self.query_one(StatusBar).show(
            document.name if document else "",
            grid.rows,
            grid.cursor if row else None,
            None if loading is not None else grid.tally,
            loading=loading,
        )
        if loading is None:  # the document's figures wait for all its rows
            self.show_counts()
        inspector = self.query_one(Inspector)
        inspector.show_row(row)
        if row is not None and (self.qa_ready or row.id in self.qa_issues):
            inspector.show_issues(row.id, self.qa_issues.get(row.id, ()))
        self.follow_words()
        if loading is None:  # the memory look-ups would slow the load down (one GIL)
            self.schedule_inspection()

    def remember_position(self) -> None:
        """Keep the cursor's row for next time (written on leaving, not on every move)."""
        row = self.current
        if row is not None and self.document_id is not None:
            key = ROW_SETTING.format(document=self.document_id)
            self.workbench.remember_setting(key, str(row.id))

    def _go_back_to(self, paragraph_id: int) -> None:
        index = next((i for i, r in enumerate(self.grid.rows) if r.id == paragraph_id), None)
        if index is not None:
            with self.grid.prevent(SegmentTable.CursorMoved):
                self.grid.move_cursor(index)
            self._cursor_changed()

    def go_to_paragraph(self, paragraph_id: int) -> None:
        """Move the cursor to a paragraph, switching document if needed."""
        paragraph = self.project.paragraph(paragraph_id)
        if self.editing:
            self._leave_editor(save=True)
        if paragraph.document_id != self.document_id:
            self.load_document(paragraph.document_id, paragraph_id=paragraph_id)
        else:
            self.reload(paragraph_id=paragraph_id)
        self.grid.focus()

    def action_toggle_inspector(self) -> None:
        """Hide the inspector, or show it (also on small terminals, where it starts hidden)."""
        self._inspector_wanted = not self._inspector_shown()
        self._show_panels()
        self._inspect()

    def _inspector_shown(self) -> bool:
        if self._inspector_wanted is not None:
            shown = self._inspector_wanted
        else:
            shown = self.has_class("-wide") or self._tall
        # Below the grid it would leave too little room for the rows while editing.
        return shown and (self.has_class("-wide") or not self.editing)

    def _show_panels(self) -> None:
        """Show or hide the inspector and the editor panel.

        Set on the widgets rather than by a class on the screen: a screen class makes
        Textual restyle every widget, which costs a visible pause when the editor opens.
        """
        self.inspector_hidden = not self._inspector_shown()
        inspector = self.query_one(Inspector)
        inspector.display = not self.inspector_hidden
        inspector.refresh_open_tab()
        self.panel.display = self.editing

    # -- editing ---------------------------------------------------------------------------

    @on(SegmentTable.RowActivated)
    def _activated(self, event: SegmentTable.RowActivated) -> None:
        if not self.refuse_read_only("edit a row"):
            self._open_editor()

    def _source_content(self, row: Row) -> Content:
        """The Chinese with its glossary terms glossed, and the word at the word cursor."""
        parts: list[Content | tuple[str, str]] = []
        source = Content(row.paragraph.source)
        word = self.word_span(row)
        if word is not None:
            source = source.stylize(WORD_STYLE, *word)
        position = 0
        for hit in row.check.hits if row.check else ():
            parts.append(source[position : hit.start])
            parts.append(source[hit.start : hit.end].stylize_before("underline on $accent 22%"))
            # No-break spaces: a gloss is not split over two lines.
            gloss = hit.term.target.replace(" ", "\u00a0")
            parts.append((f"[{gloss}]", "$foreground-muted"))
            position = hit.end
        parts.append(source[position:])
        return Content.assemble(*parts)

    @on(EditorPanel.SaveRequested)
    def _save_requested(self, event: EditorPanel.SaveRequested) -> None:
        if not self.save_draft(event.draft, event.text, explicit=True, overwrite=event.overwrite):
            return
        if event.move:
            with self.grid.prevent(SegmentTable.CursorMoved):
                self.grid.move_cursor(self.grid.cursor + event.move)
            self._cursor_changed()
        self._open_editor()  # reopen on the saved text, or on the next row

    @on(EditorPanel.PutAside)
    def _put_aside(self, event: EditorPanel.PutAside) -> None:
        self.put_aside()
        self._show_panels()
        self.set_focus(self.grid)

    def _leave_editor(self, *, save: bool) -> None:
        draft = self.panel.draft
        unsaved = save and draft is not None and self.panel.changed
        if unsaved and draft and not self.save_draft(draft, self.panel.text, explicit=False):
            return
        self.panel.close()
        self._show_panels()
        self.set_focus(self.grid)

    # -- row actions -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in self.GRID_ACTIONS and (self.editing or self.document is None))
