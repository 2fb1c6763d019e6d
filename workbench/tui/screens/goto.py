"""Small input dialogs of the editor: go to a row, search the source and the English. Esc
closes them and keeps what was typed for the next time."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from workbench.tui.typed_fields import TypedFields
from workbench.tui.widgets.text_fields import TextInput


class _InputDialog(ModalScreen[str | None]):
    """A title, one input line and an error line; Enter submits, Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="input_dialog.close"),
    ]

    TITLE_TEXT = ""
    PLACEHOLDER = ""

    def __init__(self, value: str = "") -> None:
        super().__init__()
        self._value = value
        self._typed = TypedFields(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small-dialog"):
            yield Label(self.TITLE_TEXT, classes="dialog-title")
            yield TextInput(self._value, placeholder=self.PLACEHOLDER, id="dialog-input")
            yield Label("", id="dialog-error", classes="dialog-error")

    def on_mount(self) -> None:
        self._typed.restore()

    def action_dismiss_none(self) -> None:
        self._typed.keep()
        self.dismiss(None)

    def show_error(self, message: str) -> None:
        self.query_one("#dialog-error", Label).update(message)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        error = self.validate(event.value.strip())
        if error:
            self.show_error(error)
            return
        self._typed.forget()
        self.dismiss(event.value.strip())

    def validate(self, value: str) -> str | None:
        """An error message for the value, or None if it is fine."""
        return None if value else "Type something first, or press esc."


class GotoDialog(_InputDialog):
    """Asks for a row number between 1 and `rows`."""

    TITLE_TEXT = "Go to row"

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.PLACEHOLDER = f"row number, 1–{rows}"

    def validate(self, value: str) -> str | None:
        if not value.isdigit() or not 1 <= int(value) <= self.rows:
            return f"Give a row number from 1 to {self.rows}."
        return None


class SearchDialog(_InputDialog):
    """Asks for text to find in the Chinese and the English (case does not matter)."""

    TITLE_TEXT = "Search the Chinese and the English"
    PLACEHOLDER = "text to find; n / N for the next and previous match"
