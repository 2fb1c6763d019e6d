"""Command palette: the commands that work where you are, with their real keys.

Each action has exactly one definition, its `Binding`; the palette lists the enabled bindings
of the focused widget, its containers, the screen and the app (`keys.palette_commands`), so
the palette and the keys can never drift apart: the text box's own commands (cut, delete to
line start) appear only while it has the focus, and a key a focused widget takes is shown
where it works. Textual's system commands are kept where they work here (theme, maximize,
a screenshot saved to the current folder); its Quit (ours saves first) and its key panel (the
help screen replaces it) are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

from workbench.core.errors import os_error_message
from workbench.fsutil import atomic_write_text
from workbench.tui.keys import palette_commands

if TYPE_CHECKING:
    from textual.app import App

# Textual's system commands the workbench does itself (Quit saves first; f1 shows the keys).
_REPLACED_SYSTEM_COMMANDS = frozenset({"Quit", "Keys", "Screenshot"})


class WorkbenchCommands(Provider):
    """The workbench's actions for the palette (ctrl+p)."""

    def _commands(self) -> Iterator[tuple[str, str, DOMNode, str]]:
        for command in palette_commands(self.screen):
            keys = command.keys
            help_text = f"{keys} · {command.tooltip}" if command.tooltip else keys
            yield command.description, help_text, command.node, command.action

    async def discover(self) -> Hits:
        for title, help_text, node, action in self._commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action, node), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, node, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action, node),
                    help=help_text,
                )


def system_commands(app: App[Any], textual: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands without those the workbench replaces, plus a screenshot
    that is saved where the notification says."""
    for command in textual:
        if command.title not in _REPLACED_SYSTEM_COMMANDS:
            yield command
    yield SystemCommand(
        "Screenshot",
        "Save an SVG picture of the screen in the current folder",
        # After the palette has closed, so that the picture shows the screen, not the palette.
        lambda: app.set_timer(0.1, partial(save_screenshot, app)),
    )


def save_screenshot(app: App[Any], folder: Path | None = None) -> Path | None:
    """Save the screen as SVG in `folder` (the current folder) and say where; a failure is
    said in one line. The path written, or None."""
    screen: Screen[object] = app.screen
    stamp = app.title.replace(" ", "_") if app.title else "screen"
    when = datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    name = f"{stamp}_{type(screen).__name__}_{when}.svg"
    path = (folder or Path.cwd()) / name
    try:
        atomic_write_text(path, app.export_screenshot())
    except OSError as exc:
        app.notify(
            f"Screenshot not saved: {os_error_message(exc)}", title="Screenshot", severity="error"
        )
        return None
    app.notify(f"Saved {path}", title="Screenshot")
    return path
