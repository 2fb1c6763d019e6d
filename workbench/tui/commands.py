"""Command palette provider: every key binding of the current screen, searchable by name.

Each action has exactly one definition, its `Binding`; the palette lists the bindings of the
screen it was opened from, of that screen's widgets and of the app, with the key in the help
line, so the palette and the keys can never drift apart. Actions that do not apply right
now (`check_action` says so) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.widget import Widget


class WorkbenchCommands(Provider):
    """The workbench's actions for the palette (ctrl+p)."""

    def _commands(self) -> Iterator[tuple[str, str, DOMNode, str]]:
        screen = self.screen
        app = self.app
        shown = [w for w in screen.query("*") if isinstance(w, Widget) and w.display]
        nodes: list[DOMNode] = [screen, *shown, app]
        seen: set[tuple[str, str]] = set()
        for node in nodes:
            for binding in _bindings(node):
                if not binding.description or (binding.action, binding.description) in seen:
                    continue
                seen.add((binding.action, binding.description))
                if node.check_action(binding.action, ()) is False:
                    continue
                key = app.get_key_display(binding)
                help_text = f"{key} · {binding.tooltip}" if binding.tooltip else key
                yield binding.description, help_text, node, binding.action

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


def _bindings(node: DOMNode) -> Iterator[Binding]:
    for binding in getattr(type(node), "BINDINGS", ()):
        if isinstance(binding, Binding):
            yield binding
