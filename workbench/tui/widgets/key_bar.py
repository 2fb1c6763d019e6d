"""A one-line key bar: the keys of the current context, as Textual's Footer shows them.

Textual's Footer is made of one widget per key and rebuilds them whenever the focus moves,
which costs about a tenth of a second each time the editor opens or closes. This bar renders
the same information as one line of text. When the terminal is too narrow for every key,
the last ones give way, never the command palette key (which lists them all).
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

KEY_STYLE = "bold $text-primary"


class KeyBar(Static):
    """Shown keys of the screen's active bindings, then the command palette key."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-description-foreground;
        text-wrap: nowrap;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_resize(self, event: Resize) -> None:
        self.update(self.describe(event.size.width), layout=False)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.update(self.describe(self.size.width), layout=False)

    def keys(self) -> list[tuple[str, str]]:
        """(key, description) of the bindings shown, in order."""
        app = self.app
        shown: list[tuple[str, str]] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append((app.get_key_display(binding), binding.description))
        return shown

    def describe(self, width: int) -> Content:
        app = self.app
        tail: list[str | tuple[str, str]] = []
        palette = app.COMMAND_PALETTE_BINDING
        if app.ENABLE_COMMAND_PALETTE and palette in self.screen.active_bindings:
            key = app.get_key_display(self.screen.active_bindings[palette][1])
            tail = [("│", "$foreground-muted"), (f" {key} ", KEY_STYLE), "all commands"]
        keys = self.keys()
        while True:
            parts: list[str | tuple[str, str]] = []
            for key, description in keys:
                parts += [(f" {key} ", KEY_STYLE), f"{description} "]
            content = Content.assemble(*parts, *tail)
            if not keys or width <= 0 or content.cell_length <= width:
                return content
            keys = keys[:-1]
