"""Esc closes a dialog without throwing away what was typed in it.

Each dialog with text fields records what its fields held when it opened; esc keeps the
fields the translator changed, and the next time the same dialog opens on the same values
(the same term to edit, the same prefilled word), the typed text is back, with a notice.
A dialog that did its job (the term saved, the export written) forgets it. What is kept
lives as long as the window; drafts of translations are kept in the project instead (see
`EditorDrafts`).
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Input

Kept = dict[tuple[object, ...], dict[str, str]]


class TypedFields:
    """The text fields of one dialog: what they held at first, and what was typed."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._initial: dict[str, str] = {}
        self._key: tuple[object, ...] = ()

    def _fields(self) -> dict[str, Input]:
        return {
            field.id or f"field-{index}": field
            for index, field in enumerate(self._screen.query(Input))
        }

    def _kept(self) -> Kept | None:
        kept = getattr(self._screen.app, "kept_typing", None)
        return kept if isinstance(kept, dict) else None

    def restore(self, *what: object) -> set[str]:
        """Call once the dialog has filled its fields: bring back what esc kept (the ids of
        the fields brought back). The same dialog is told by its class and `what` it is
        about, else by its fields' values."""
        fields = self._fields()
        self._initial = {name: field.value for name, field in fields.items()}
        about = what or tuple(sorted(self._initial.items()))
        self._key = (type(self._screen).__name__, *about)
        kept = self._kept()
        typed = kept.pop(self._key, None) if kept is not None else None
        if not typed:
            return set()
        for name, value in typed.items():
            if name in fields:
                fields[name].value = value
        self._screen.notify("What you typed before esc is back.")
        return set(typed) & set(fields)

    def keep(self) -> None:
        """Esc: keep the fields the translator changed, for the next time."""
        kept = self._kept()
        if kept is None or not self._key:
            return
        typed = {
            name: field.value
            for name, field in self._fields().items()
            if field.value != self._initial.get(name, "")
        }
        if typed:
            kept[self._key] = typed
        else:
            kept.pop(self._key, None)

    def forget(self) -> None:
        """The dialog did its job: nothing to bring back; what the fields hold now is
        where the next typing starts from."""
        kept = self._kept()
        if kept is not None:
            kept.pop(self._key, None)
        self._initial = {name: field.value for name, field in self._fields().items()}
