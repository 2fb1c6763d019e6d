"""What the keys of a screen do, read from the bindings: for the command palette (the
commands that work where you are) and the help screen (every key of the screen, grouped).

Both read the `Binding`s, never a list of their own, so neither can drift from the keys.
A binding with several keys ("ctrl+x,super+x") is shown with the keys a terminal sends,
one display per key ("^x"), never the raw key string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

# Keys a terminal does not send (the super/cmd key reaches only the kitty protocol).
_UNSENT_PREFIXES = ("super+",)
# Textual's own movement actions: keys to press, not commands to look up in the palette.
_MOVEMENT_PREFIXES = ("cursor_", "scroll_", "page_", "focus_")


@dataclass(frozen=True)
class KeyCommand:
    """One action with the keys that run it."""

    keys: str  # as shown: "^s", "tab", "f1 ?"
    description: str
    tooltip: str
    action: str
    node: DOMNode  # where the action runs


def group_title(node: DOMNode) -> str:
    """The heading of a node's keys on the help screen: its `KEYS_TITLE`, else its class
    name in words ("SegmentTable" → "Segment table")."""
    title = getattr(type(node), "KEYS_TITLE", None)
    if isinstance(title, str):
        return title
    if isinstance(node, App):
        return "Everywhere"
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+", type(node).__name__)
    return " ".join(words).capitalize() if words else type(node).__name__


def _shown(key: str) -> bool:
    return not key.startswith(_UNSENT_PREFIXES)


def _commands(app: App[object], pairs: Iterable[tuple[DOMNode, Binding]]) -> list[KeyCommand]:
    """One command per (node, action, description), its keys joined in binding order."""
    keys: dict[tuple[int, str, str], list[str]] = {}
    first: dict[tuple[int, str, str], tuple[DOMNode, Binding]] = {}
    for node, binding in pairs:
        if not binding.description or not _shown(binding.key):
            continue
        ident = (id(node), binding.action, binding.description)
        first.setdefault(ident, (node, binding))
        shown = app.get_key_display(binding)
        if shown not in keys.setdefault(ident, []):
            keys[ident].append(shown)
    return [
        KeyCommand(" ".join(keys[ident]), b.description, b.tooltip, b.action, node)
        for ident, (node, b) in first.items()
    ]


def palette_commands(screen: Screen[object]) -> list[KeyCommand]:
    """The commands that work on `screen` now: the bindings of the focused widget, its
    containers, the screen and the app that are enabled (`check_action`), each with the
    keys that actually reach it (a key a focused widget takes is not the screen's)."""
    app = screen.app
    focused = screen.focused
    pairs = [
        (active.node, active.binding)
        for active in screen.active_bindings.values()
        if active.enabled and _in_palette(active.node, active.binding, focused)
    ]
    return _commands(app, pairs)


def _in_palette(node: DOMNode, binding: Binding, focused: Widget | None) -> bool:
    """The workbench's own commands; Textual's widget commands (cut, undo in the text box)
    only of the focused widget and not its movement keys; nothing of Textual's screen."""
    if _defined_by_workbench(node, binding.action):
        return True
    return node is focused and not binding.action.startswith(_MOVEMENT_PREFIXES)


def _defined_by_workbench(node: DOMNode, action: str) -> bool:
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("workbench."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.action == action:
                return True
    return False


def _widgets(screen: Screen[object]) -> Iterator[DOMNode]:
    seen: set[type[DOMNode]] = set()
    for widget in screen.query("*"):
        if isinstance(widget, Widget) and type(widget) not in seen:
            seen.add(type(widget))
            yield widget


def screen_keys(screen: Screen[object]) -> list[tuple[str, list[KeyCommand]]]:
    """Every key of `screen`, grouped: the screen's own, then each kind of widget on it
    (the grid, the edit box, …), then the app's. A key that works only in some state
    (e.g. after a conflict) is listed too."""
    app = screen.app
    groups: dict[tuple[tuple[str, str], ...], tuple[list[str], list[KeyCommand]]] = {}
    for node in (screen, *_widgets(screen), app):
        pairs = [(node, binding) for _key, binding in node._bindings]
        commands = _commands(app, pairs)
        if not commands:
            continue
        # Widgets with the same keys (the inspector's tabs) are one group.
        same = tuple((c.keys, c.description) for c in commands)
        groups.setdefault(same, ([], commands))[0].append(group_title(node))
    return [(", ".join(titles), commands) for titles, commands in groups.values()]
