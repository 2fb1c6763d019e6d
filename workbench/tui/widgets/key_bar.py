"""The key bar: the keys of the current context, as Textual's Footer shows them.

Textual's Footer is made of one widget per key and rebuilds them whenever the focus moves,
which costs about a tenth of a second each time the editor opens or closes. This bar renders
the same information as text. Below `TWO_LINES_BELOW` columns it takes two lines (decided by
the width only, so opening the editor never changes the layout). When the keys still do not
fit, the ones the screen does not name in `FOOTER_KEPT` give way first, from the end, then
the kept ones from the end; the help and command palette keys (which list them all) stay.
"""

from __future__ import annotations

from collections.abc import Collection

from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

KEY_STYLE = "bold $text-primary"
TWO_LINES_BELOW = 120  # columns under which the bar takes two lines


class KeyBar(Static):
    """Shown keys of the screen's active bindings, then the help and palette keys."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-description-foreground;
        text-wrap: nowrap;
    }
    KeyBar.-two-lines { height: 2; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.set_class(self.app.size.width < TWO_LINES_BELOW, "-two-lines")
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_resize(self, event: Resize) -> None:
        self.set_class(self.app.size.width < TWO_LINES_BELOW, "-two-lines")
        self.update(self.describe(event.size.width, self.lines), layout=False)

    @property
    def lines(self) -> int:
        return 2 if self.has_class("-two-lines") else 1

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.update(self.describe(self.size.width, self.lines), layout=False)

    def keys(self) -> list[tuple[str, str, str]]:
        """(key, description, action) of the bindings shown, in order."""
        app = self.app
        shown: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append((app.get_key_display(binding), binding.description, binding.action))
        return shown

    def _tail(self) -> list[Content]:
        app = self.app
        active = self.screen.active_bindings
        tail: list[Content] = []
        for key_name, label in (("f1", "help"), (app.COMMAND_PALETTE_BINDING, "commands")):
            if key_name == app.COMMAND_PALETTE_BINDING and not app.ENABLE_COMMAND_PALETTE:
                continue
            if key_name in active:
                key = app.get_key_display(active[key_name].binding)
                tail.append(_item(key, label))
        if tail:
            tail[0] = Content.assemble(("│", "$foreground-muted"), tail[0])
        return tail

    def describe(self, width: int, lines: int = 1) -> Content:
        keys = self.keys()
        kept: Collection[str] = getattr(self.screen, "FOOTER_KEPT", ())
        items = [
            (_item(key, description), action.partition("(")[0] in kept)
            for key, description, action in keys
        ]
        tail = self._tail()
        while True:
            content = _lay_out([item for item, _ in items], tail, width, lines)
            if content is not None or not items or width <= 0:
                return content or Content.assemble(*tail)
            # Drop the last key the screen does not keep; then the last kept one.
            dropped = next((i for i in reversed(range(len(items))) if not items[i][1]), None)
            del items[len(items) - 1 if dropped is None else dropped]


def _item(key: str, description: str) -> Content:
    return Content.assemble((f" {key} ", KEY_STYLE), f"{description} ")


def _lay_out(items: list[Content], tail: list[Content], width: int, lines: int) -> Content | None:
    """The items then the tail on at most `lines` lines of `width`, None if they do not fit."""
    rows: list[list[Content]] = [[]]
    used = 0
    for item in [*items, *tail]:
        if used + item.cell_length > width and rows[-1]:
            rows.append([])
            used = 0
        rows[-1].append(item)
        used += item.cell_length
        if used > width or len(rows) > lines:
            return None
    return Content("\n").join(Content.assemble(*row) for row in rows)
