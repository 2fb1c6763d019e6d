"""The note on a row: one line of text; Enter saves it (empty removes the note), Esc closes
and keeps what was typed for the next time, like every dialog."""

from __future__ import annotations

from workbench.tui.screens.goto import _InputDialog


class NoteDialog(_InputDialog):
    """Asks for the row's note, starting from the one it has."""

    TITLE_TEXT = "Note"
    PLACEHOLDER = "a note for this row (empty: no note); enter saves, esc closes"

    def __init__(self, row_number: int, paragraph_id: int, note: str) -> None:
        super().__init__(note)
        self.paragraph_id = paragraph_id
        self.TITLE_TEXT = f"Note on row {row_number}"

    def on_mount(self) -> None:
        self._typed.restore(self.paragraph_id, self._value)

    def validate(self, value: str) -> str | None:
        return None  # an empty note removes the note
