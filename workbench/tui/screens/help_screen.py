"""The help screen (f1 or ?): every key of the screen it was opened on, grouped by where it
works, with what it does. Esc (or f1, ?, q) closes it; the arrows and page keys scroll."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from workbench.tui.keys import KeyCommand, group_title, screen_keys

KEY_WIDTH = 16  # cells for the keys column; longer keys push their description along


class HelpScreen(ModalScreen[None]):
    """The keys of one screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "close", "Close help", id="help.close"),
    ]

    def __init__(self, of: Screen[object]) -> None:
        super().__init__()
        self._groups = screen_keys(of)
        self._title = group_title(of)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog list-dialog", id="help-dialog"):
            yield Label(f"Keys · {self._title}", classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for title, commands in self._groups:
                    yield Static(_group(title, commands), classes="help-group")
            yield Label("esc closes · ↑↓ pgup pgdn scroll", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _group(title: str, commands: list[KeyCommand]) -> Content:
    lines: list[Content | str | tuple[str, str]] = [(title, "bold $text-accent"), "\n"]
    for command in commands:
        pad = " " * max(1, KEY_WIDTH - cell_len(command.keys))
        about = f" — {command.tooltip}" if command.tooltip else ""
        lines += [(f"  {command.keys}", "bold $text-primary"), pad, command.description]
        lines += [(about, "$text-muted"), "\n"]
    return Content.assemble(*lines)
