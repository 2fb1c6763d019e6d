"""Spelling marks in the editor's text box: words the speller does not know are underlined,
a moment after the typing stops (`MARK_DELAY`), and ctrl+n adds the word at the cursor to
the project's word list.

The dictionary loads in a worker the first time the text box is shown; until then (or on a
machine without one) nothing is marked. The marks are TextArea highlights (byte offsets in
a document line) with a style of their own, laid over the ones Textual keeps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.style import Style
from textual.timer import Timer
from textual.widgets import TextArea

from workbench.core.errors import WorkbenchError
from workbench.core.glossary import Glossary
from workbench.core.spelling import WORD, Speller, known_words
from workbench.workflows.spelling import (
    add_project_word,
    glossary_english,
    open_dictionary,
    project_words,
)

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp

MARK_DELAY = 0.3  # seconds after the last keystroke before the words are checked
HIGHLIGHT = "workbench.misspelled"
MARK_STYLE = Style(underline=True, color="red")


class SpellingMarks:
    """The spelling state of one text box (`DraftArea`)."""

    def __init__(self, area: TextArea) -> None:
        self.area = area
        self.speller: Speller | None = None
        self.marks: dict[int, list[tuple[int, int]]] = {}  # line → byte spans
        self._timer: Timer | None = None  # the pending check, while typing goes on

    @property
    def workbench(self) -> WorkbenchApp:
        return cast("WorkbenchApp", self.area.app)

    def start(self) -> None:
        """Load the dictionary (once per process) and follow the glossary."""
        self.workbench.glossary_changed.subscribe(self.area, self._glossary_changed)
        _load(self.area, self)

    def loaded(self, speller: Speller) -> None:
        self.speller = speller
        self.mark()

    def _glossary_changed(self, glossary: Glossary) -> None:
        if self.speller is not None:
            self.speller = self.speller.with_known(self._known(glossary))
            self.mark()

    def _known(self, glossary: Glossary | None) -> frozenset[str]:
        return known_words([*glossary_english(glossary), *project_words(self.workbench.project)])

    def changed(self) -> None:
        """The text changed: check it again once the typing pauses."""
        if self.speller is None:
            return
        if self._timer is not None:
            self._timer.reset()
            return
        self._timer = self.area.set_timer(MARK_DELAY, self._timer_fired)

    def _timer_fired(self) -> None:
        self._timer = None
        self.mark()

    def mark(self) -> None:
        """Find the unknown words of the text and underline them."""
        speller = self.speller
        marks: dict[int, list[tuple[int, int]]] = {}
        if speller is not None:
            for index, line in enumerate(self.area.document.lines):
                for wrong in speller.misspellings(line):
                    start = len(line[: wrong.start].encode("utf-8"))
                    end = start + len(wrong.word.encode("utf-8"))
                    marks.setdefault(index, []).append((start, end))
        if marks != self.marks:
            self.marks = marks
            self.area._build_highlight_map()
            self.area.refresh()

    def add_highlights(self) -> None:
        """Lay the marks over the TextArea's own highlights (called when it rebuilds them)."""
        theme = getattr(self.area, "_theme", None)  # not yet set while TextArea sets up
        if theme is not None and HIGHLIGHT not in theme.syntax_styles:
            theme.syntax_styles[HIGHLIGHT] = MARK_STYLE
        highlights = self.area._highlights
        for line, spans in self.marks.items():
            highlights[line].extend((start, end, HIGHLIGHT) for start, end in spans)

    def word_at_cursor(self) -> str | None:
        row, column = self.area.cursor_location
        line = self.area.document.lines[row] if row < self.area.document.line_count else ""
        for match in WORD.finditer(line):
            if match.start() <= column <= match.end():
                return match.group()
        return None

    def add_word(self) -> None:
        """Add the word at the cursor to the project's word list (ctrl+n)."""
        app = self.workbench
        word = self.word_at_cursor()
        if word is None:
            app.notify("Put the cursor on an English word to add it.", severity="warning")
            return
        if app.read_only:
            app.notify(f"{app.read_only_reason}: the word list cannot change.", severity="error")
            return
        try:
            add_project_word(app.project, word)
        except WorkbenchError as exc:
            app.notify(f"“{word}” not added: {exc}", severity="error")
            return
        if self.speller is not None:
            self.speller = self.speller.with_known(self._known(app.glossary))
        self.mark()
        app.notify(f"Added “{word}” to the project's word list.", title="Spelling")


def _load(area: TextArea, marks: SpellingMarks) -> None:
    """Load the speller in a thread; the marks come when it is there."""

    def load() -> None:
        try:
            dictionary = open_dictionary()
        except WorkbenchError:
            return  # no dictionary on this machine: `workbench check` says why
        speller = Speller(dictionary, marks._known(marks.workbench.glossary))
        area.app.call_from_thread(marks.loaded, speller)

    area.run_worker(load, thread=True, exclusive=True, group="spelling")
