"""The help screen (f1 or ?): every key of the screen it was opened on, grouped by where it
works, with what it does. Esc (or f1, ?, q) closes it; the arrows and page keys scroll."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from workbench.tui.keys import KeyCommand, group_title, screen_keys


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
                    yield Static(Content.styled(title, "bold $text-accent"), classes="help-title")
                    for command in commands:
                        # Keys and description in columns of their own: a description
                        # longer than the line wraps under itself, not under the keys.
                        with Horizontal(classes="help-row"):
                            yield Static(Content(command.keys), classes="help-key")
                            yield Static(_about(command), classes="help-about")
            yield Label("esc closes · ↑↓ pgup pgdn scroll", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def _about(command: KeyCommand) -> Content:
    if not command.tooltip:
        return Content(command.description)
    return Content.assemble(command.description, (f" — {command.tooltip}", "$text-muted"))
