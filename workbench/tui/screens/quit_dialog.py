"""Asked on quitting while some text is not saved: which rows, why, and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class QuitChoice(Enum):
    SAVE = "save"
    KEEP = "keep"
    DISCARD = "discard"


@dataclass(frozen=True)
class UnsavedRow:
    """A row with text that is not saved."""

    number: int | str
    text: str
    failure: str | None  # why saving it failed, if it was tried


class QuitDialog(ModalScreen[QuitChoice | None]):
    """s saves and quits, k keeps the text as drafts for next time, x throws it away, esc
    goes back to the editor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save and quit", id="quit.save"),
        Binding("k", "choose('keep')", "Keep drafts, quit", id="quit.keep"),
        Binding("x", "choose('discard')", "Throw away, quit", id="quit.discard"),
        Binding("escape", "back", "Back", id="quit.back"),
    ]

    def __init__(self, rows: Sequence[UnsavedRow]) -> None:
        super().__init__()
        self._rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog", id="quit-dialog"):
            count = len(self._rows)
            title = "1 row has" if count == 1 else f"{count} rows have"
            yield Label(f"{title} text that is not saved", classes="dialog-title")
            for row in self._rows:
                why = f" — not saved: {row.failure}" if row.failure else ""
                yield Label(f"Row {row.number}: “{_line(row.text, 60)}”{why}", classes="unsaved")
            yield Label(
                "s saves it and quits · k keeps it as drafts for next time and quits · "
                "x throws it away and quits · esc goes back",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (s)", id="quit-save", variant="primary", compact=True)
                yield Button("Keep drafts (k)", id="quit-keep", compact=True)
                yield Button("Throw away (x)", id="quit-discard", variant="error", compact=True)
                yield Button("Back (esc)", id="quit-back", compact=True)

    def on_mount(self) -> None:
        self.query_one("#quit-back", Button).focus()

    def action_choose(self, choice: str) -> None:
        self.dismiss(QuitChoice(choice))

    def action_back(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        name = (event.button.id or "").removeprefix("quit-")
        self.dismiss(None if name == "back" else QuitChoice(name))


def _line(text: str, width: int) -> str:
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"
