"""The editor's dictionary: the words of the current row in the inspector's Dictionary tab,
a word cursor that steps through them (alt+← alt+→; while editing, the word is marked in the
Chinese and glossed under it), the look-up dialog and the concordance.

A row's words are looked up in a worker thread (the dictionary itself opens on first need,
see `DictionaryLoader`) and kept per Chinese text until the glossary changes, so moving
back to a row shows its words at once.
"""

from __future__ import annotations

from textual import on, work
from textual.content import Content
from textual.widgets import TabbedContent
from textual.worker import get_current_worker

from workbench.core.dictionary import WordInfo
from workbench.core.glossary import Glossary
from workbench.tui.dictionary import DictionaryStatus, Phase
from workbench.tui.rows import Row
from workbench.tui.screens.editor_tasks import EditorTasks
from workbench.tui.widgets.editor_panel import EditorPanel
from workbench.tui.widgets.inspector import DictionaryTab, Inspector, RowWords, TermsTab
from workbench.tui.widgets.words import word_line
from workbench.workflows.lookup import LookupService

WORDS_KEPT = 500  # paragraphs whose words are kept in memory
WORD_STYLE = "reverse"  # the word at the word cursor, in the editor's Chinese


class EditorDictionary(EditorTasks):
    """Dictionary look-ups for the editor; `EditorScreen` adds the rest."""

    word_offset: int | None = None  # start of the word at the word cursor, in the row's Chinese
    _words_row: int | None = None  # the row the word cursor belongs to
    _word_step = 0  # a move of the word cursor asked for before the row's words were known
    _tab_before_dictionary = TermsTab.TAB_ID
    _hide_after_dictionary = False  # the inspector was hidden before `w` showed it
    _inspector_wanted: bool | None = None

    def __init__(self) -> None:
        super().__init__()
        self._words: dict[str, tuple[WordInfo, ...]] = {}  # by the Chinese text

    @property
    def editing(self) -> bool:
        raise NotImplementedError

    @property
    def panel(self) -> EditorPanel:
        raise NotImplementedError

    def _show_panels(self) -> None:
        raise NotImplementedError

    def _source_content(self, row: Row) -> Content:
        raise NotImplementedError

    def setup_dictionary(self) -> None:
        """Follow the dictionary's state and the glossary (call before anything else
        subscribes to the glossary, so no view is rebuilt from stale words)."""
        self.workbench.dictionary.changed.subscribe(self, self._dictionary_changed)
        self.workbench.glossary_changed.subscribe(self, self._glossary_changed_words)

    # -- the row's words -------------------------------------------------------------------

    def follow_words(self) -> None:
        """The cursor moved or the row changed: a new row drops the word cursor; known
        words are shown at once (the others after the inspection delay)."""
        row = self.current
        row_id = row.id if row is not None else None
        if row_id != self._words_row:
            self._words_row = row_id
            self.word_offset = None
            self._word_step = 0
            self.panel.show_word(None)
        if row is not None:
            known = self._words.get(row.paragraph.source)
            if known is not None:
                self._show_words(row, known)

    def _inspect(self) -> None:
        super()._inspect()
        if self._words_wanted():
            self.look_up_words()

    def _words_wanted(self) -> bool:
        return (
            self.query_one(Inspector).showing_dictionary
            or self.word_offset is not None
            or self._word_step != 0
        )

    def look_up_words(self) -> None:
        """Show the current row's words, looking them up (and opening the dictionary) first
        if needed."""
        row = self.current
        if row is None:
            return
        source = row.paragraph.source
        known = self._words.get(source)
        if known is not None:
            self._show_words(row, known)
            return
        loader = self.workbench.dictionary
        service = loader.service()
        if service is None:
            self._show_status(row, loader.status)
            return
        self._find_words(service, row.id, source, loader.generation)

    @work(thread=True, exclusive=True, group="words")
    def _find_words(
        self, service: LookupService, paragraph_id: int, source: str, generation: int
    ) -> None:
        words = tuple(service.paragraph(source))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._words_found, paragraph_id, source, generation, words)

    def _words_found(
        self, paragraph_id: int, source: str, generation: int, words: tuple[WordInfo, ...]
    ) -> None:
        if generation != self.workbench.dictionary.generation:
            return  # looked up with the glossary before the last change: asked again since
        if len(self._words) > WORDS_KEPT:
            self._words.clear()
        self._words[source] = words
        row = self.current
        if row is not None and row.id == paragraph_id:
            self._show_words(row, words)

    def _show_words(self, row: Row, words: tuple[WordInfo, ...]) -> None:
        if self._word_step:
            step, self._word_step = self._word_step, 0
            self._move_word(words, step)
        selected = self._selected(words)
        inspector = self.query_one(Inspector)
        inspector.show_words(row.id, RowWords(words, selected, row.paragraph.source))
        draft = self.panel.draft
        if draft is not None and draft.paragraph_id == row.id:
            self.panel.show_source(self._source_content(row))
            self.panel.show_word(word_line(selected) if selected is not None else None)

    def _show_status(self, row: Row, status: DictionaryStatus) -> None:
        failed = status.phase is Phase.FAILED
        inspector = self.query_one(Inspector)
        inspector.show_words(row.id, RowWords(message=status.message, failed=failed))
        if self.editing and (self.word_offset is not None or self._word_step):
            style = "$text-error" if failed else "$foreground-muted italic"
            self.panel.show_word(Content.assemble((status.message, style)))

    def _dictionary_changed(self, status: DictionaryStatus) -> None:
        row = self.current
        if row is None:
            return
        if status.phase is Phase.READY:
            if self._words_wanted():
                self.look_up_words()
        else:
            self._show_status(row, status)

    def _glossary_changed_words(self, glossary: Glossary) -> None:
        self._words.clear()  # terms come first: every row's words may have changed
        if self._words_wanted():
            self.look_up_words()

    # -- the word cursor -------------------------------------------------------------------

    def _selected(self, words: tuple[WordInfo, ...]) -> WordInfo | None:
        if self.word_offset is None:
            return None
        return next((w for w in words if w.start == self.word_offset and w.is_word), None)

    def selected_word(self) -> WordInfo | None:
        """The word at the word cursor of the current row, if there is one."""
        row = self.current
        if row is None or row.id != self._words_row:
            return None
        words = self._words.get(row.paragraph.source)
        return self._selected(words) if words is not None else None

    def word_span(self, row: Row) -> tuple[int, int] | None:
        """Where the word at the word cursor is in `row`'s Chinese (to mark it)."""
        if row.id != self._words_row:
            return None
        selected = self.selected_word()
        return (selected.start, selected.end) if selected is not None else None

    def _move_word(self, words: tuple[WordInfo, ...], step: int) -> None:
        stops = [w for w in words if w.is_word]
        if not stops:
            return
        index = next((i for i, w in enumerate(stops) if w.start == self.word_offset), None)
        if index is None:
            index = 0 if step > 0 else len(stops) - 1
        else:
            index = max(0, min(len(stops) - 1, index + step))
        self.word_offset = stops[index].start

    def action_next_word(self, step: int) -> None:
        """Move the word cursor through the row's Chinese (shown in the Dictionary tab, and
        in the editor while editing)."""
        row = self.current
        if row is None:
            return
        if not self.editing:
            self._open_dictionary_tab()
        words = self._words.get(row.paragraph.source)
        if words is None:
            self._word_step = step
            self.look_up_words()
            return
        self._move_word(words, step)
        self._show_words(row, words)

    # -- the Dictionary tab ----------------------------------------------------------------

    def action_show_dictionary(self) -> None:
        """Show the Dictionary tab; again: back to the tab shown before."""
        inspector = self.query_one(Inspector)
        if inspector.showing_dictionary:
            inspector.switch_to(self._tab_before_dictionary)
            if self._hide_after_dictionary:
                self._hide_after_dictionary = False
                self._inspector_wanted = False
                self._show_panels()
            return
        self._open_dictionary_tab()
        self.look_up_words()

    def _open_dictionary_tab(self) -> None:
        inspector = self.query_one(Inspector)
        if inspector.active != DictionaryTab.TAB_ID:
            self._tab_before_dictionary = inspector.active or TermsTab.TAB_ID
        if not inspector.display:
            self._hide_after_dictionary = True
            self._inspector_wanted = True
            self._show_panels()
        inspector.switch_to(DictionaryTab.TAB_ID)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if self.query_one(Inspector).showing_dictionary:
            self.look_up_words()

    # -- dialogs ---------------------------------------------------------------------------

    def action_look_up(self) -> None:
        """Look a word up: the word at the word cursor, or one to type."""
        from workbench.tui.screens.lookup_dialog import LookupDialog

        selected = self.selected_word()
        self.app.push_screen(LookupDialog(selected.text if selected is not None else ""))

    def action_concordance(self) -> None:
        """Find a Chinese or English string across the project and its memories."""
        from workbench.tui.screens.concordance import ConcordanceScreen

        selected = self.selected_word()
        self.app.push_screen(ConcordanceScreen(selected.text if selected is not None else ""))
