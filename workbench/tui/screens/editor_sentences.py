"""Sentence mode in the editor (alt+s): the current paragraph's sentences one by one
(`SentenceScreen`), with splitting and joining of the Chinese sentences.

The edit box stays open under the sentence screen and always holds the sentences'
English joined: drafts, saving (ctrl+s, atomic as ever), conflicts and quitting work on it
as on typed text, so nothing typed is lost when switching mode. A split or join is written
at once, one undo step each (ctrl+z in the grid takes it back).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding, BindingType

from workbench.core.segments import Sentence
from workbench.tui.screens.editor_loop import EditorLoop
from workbench.tui.screens.sentence_mode import SentenceScreen
from workbench.workflows.segments import join_sentence, split_sentence

SENTENCE_BINDINGS: list[BindingType] = [
    Binding(
        "alt+s",
        "sentence_mode",
        "Sentence mode",
        show=False,
        priority=True,
        id="editor.sentence_mode",
        tooltip="Work by sentence in this paragraph; split or join its Chinese sentences",
    ),
]


class EditorSentences(EditorLoop):
    """The editor's way into sentence mode and back."""

    # The boxes of the last paragraph worked by sentence (paragraph id, English per box):
    # coming back finds them as they were while the edit box still holds their English.
    _sentence_boxes: tuple[int, list[str]] | None = None

    def action_sentence_mode(self) -> None:
        row = self.current
        if row is None or self.refuse_read_only("work by sentence"):
            return
        if not self.editing:
            self._open_editor()
        panel = self.panel
        if panel.draft is None or panel.draft.paragraph_id != row.id:
            return
        paragraph_id = row.id

        def write(change: str, make: Callable[[], list[Sentence]]) -> list[Sentence] | None:
            shown = [sentence.source for sentence in screen.sentences]
            if [sentence.source for sentence in self.project.sentences(paragraph_id)] != shown:
                # Split or joined elsewhere (the CLI, another window): the numbers differ.
                self.notify(
                    "The sentences of this row were changed elsewhere: nothing changed. "
                    "alt+s twice shows them as they are now.",
                    severity="warning",
                )
                return None
            found = self._write(change, make)
            if found is not None:
                self.mark_memory_changed()
                self.schedule_quality_checks()  # the sentence-count check reads the sentences
            return found

        def join(index: int) -> list[Sentence] | None:
            return write("join sentences", lambda: join_sentence(self.project, paragraph_id, index))

        def split(index: int, offset: int) -> list[Sentence] | None:
            return write(
                "split a sentence",
                lambda: split_sentence(self.project, paragraph_id, index, offset),
            )

        kept = self._sentence_boxes
        screen = SentenceScreen(
            row.number,
            self.project.sentences(paragraph_id),
            panel.text,
            on_text=self._sentences_typed,
            join=join,
            split=split,
            boxes=kept[1] if kept is not None and kept[0] == paragraph_id else None,
        )

        def closed(result: str | None) -> None:
            self._sentence_boxes = (paragraph_id, list(screen.boxes))
            self._sentence_mode_closed(result)

        self.app.push_screen(screen, closed)

    def _sentences_typed(self, text: str) -> None:
        """The sentences' English into the edit box: one replacement, undone by ctrl+z."""
        area = self.panel.text_area
        if area.text != text:
            area.replace(text, area.document.start, area.document.end)

    def _sentence_mode_closed(self, result: str | None) -> None:
        panel = self.panel
        if panel.draft is None:
            return
        self.set_focus(panel.text_area)
        if result == "save":
            panel.action_save()
