"""The editing panel: the row's Chinese (terms highlighted) above a multi-line English editor.

The panel only holds the draft; saving is the screen's job (it knows the project). It
remembers the English the draft started from (`expected`) so that a save can refuse to
overwrite a change made elsewhere, and after such a conflict it shows what is stored now and
keeps the draft until the translator decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static, TextArea

from workbench.tui.rows import Row


@dataclass(frozen=True)
class Draft:
    """What the editor is working on."""

    paragraph_id: int
    initial: str  # the text the editor was filled with (the English, or the MT to start from)
    expected: str | None  # the translator's English stored when editing began


class EditorPanel(Vertical):
    """Edits one row's English; posts `SaveRequested` and `Cancelled`."""

    DEFAULT_CSS = """
    EditorPanel {
        height: auto;
        max-height: 50%;
        background: $panel;
        border-top: tall $primary;
        padding: 0 1;
    }
    EditorPanel #editor-title { color: $text-muted; width: 1fr; }
    EditorPanel #editor-source { max-height: 4; overflow-y: auto; color: $foreground; }
    EditorPanel #editor-gloss {
        display: none; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis;
    }
    EditorPanel #editor-text { height: 6; border: none; padding: 0; }
    EditorPanel #editor-conflict {
        display: none; color: $text-error; background: $error-muted; padding: 0 1;
    }
    EditorPanel.-conflict #editor-conflict { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="editor.save"),
        Binding("tab", "save_and_move(1)", "Save, next row", id="editor.save_next"),
        Binding("shift+tab", "save_and_move(-1)", "Save, previous", id="editor.save_previous"),
        Binding("escape", "cancel", "Cancel", id="editor.cancel"),
        Binding(
            "ctrl+o",
            "overwrite",
            "Keep my draft",
            id="editor.overwrite",
            tooltip="After a conflict: save the draft over the text stored now",
        ),
    ]

    class SaveRequested(Message):
        """Save the draft, then move `move` rows (0: stay and close the editor)."""

        def __init__(self, draft: Draft, text: str, move: int, overwrite: bool) -> None:
            super().__init__()
            self.draft = draft
            self.text = text
            self.move = move
            self.overwrite = overwrite

    class Cancelled(Message):
        """Esc: throw the draft away."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draft: Draft | None = None
        self.conflict_text: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="editor-title")
        yield Static("", id="editor-source")
        yield Static("", id="editor-gloss")
        yield TextArea(id="editor-text", soft_wrap=True, show_line_numbers=False)
        yield Label("", id="editor-conflict")

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#editor-text", TextArea)

    @property
    def text(self) -> str:
        return self.text_area.text

    @property
    def changed(self) -> bool:
        """True when the translator typed something since the row was opened."""
        return self.draft is not None and self.text != self.draft.initial

    def open(self, row: Row, source: Content) -> None:
        paragraph = row.paragraph
        initial = paragraph.target if paragraph.target is not None else (paragraph.mt or "")
        self.draft = Draft(paragraph.id, initial, paragraph.target)
        self.conflict_text = None
        self.remove_class("-conflict")
        if paragraph.target is not None:
            origin = "editing the English"
        elif paragraph.mt:
            origin = "starting from the machine translation"
        else:
            origin = "new translation"
        self.query_one("#editor-title", Label).update(f"Row {row.number} · {origin}")
        self.query_one("#editor-source", Static).update(source)
        area = self.text_area
        area.load_text(initial)
        area.move_cursor(area.document.end)
        area.focus()

    def show_source(self, source: Content) -> None:
        """Show the Chinese again (e.g. with the word at the word cursor marked)."""
        self.query_one("#editor-source", Static).update(source)

    def show_word(self, gloss: Content | None) -> None:
        """One line about the word at the word cursor under the Chinese; None hides it."""
        line = self.query_one("#editor-gloss", Static)
        line.update(gloss or "")
        line.display = gloss is not None

    def close(self) -> None:
        self.draft = None
        self.conflict_text = None
        self.remove_class("-conflict")
        self.refresh_bindings()

    def show_conflict(self, stored: str | None) -> None:
        """The row changed elsewhere: show what is stored, keep the draft."""
        self.conflict_text = stored
        shown = stored if stored else "(no English)"
        self.query_one("#editor-conflict", Label).update(
            f"Changed elsewhere since you opened it. Stored now: “{shown}”. "
            "ctrl+o saves your draft over it · esc discards your draft"
        )
        self.add_class("-conflict")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "overwrite":
            return self.has_class("-conflict")
        return True

    def action_save(self) -> None:
        self._request(0, overwrite=False)

    def action_save_and_move(self, move: int) -> None:
        self._request(move, overwrite=False)

    def action_overwrite(self) -> None:
        if self.has_class("-conflict"):
            self._request(0, overwrite=True)

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())

    def _request(self, move: int, *, overwrite: bool) -> None:
        if self.draft is not None:
            self.post_message(self.SaveRequested(self.draft, self.text, move, overwrite))
