"""Every key of the UI has a description (footer, command palette) and a unique id (keymaps)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import workbench.tui


def ui_classes() -> list[type[DOMNode]]:
    found: dict[str, type[DOMNode]] = {}
    for module_info in pkgutil.walk_packages(workbench.tui.__path__, "workbench.tui."):
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, DOMNode) and value.__module__.startswith("workbench.tui"):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def own_bindings(kind: type[DOMNode]) -> list[Binding]:
    return [b for b in vars(kind).get("BINDINGS", []) if isinstance(b, Binding)]


def test_every_binding_has_a_description_and_an_id() -> None:
    classes = ui_classes()
    assert any(own_bindings(kind) for kind in classes)
    missing = [
        f"{kind.__name__}: {binding.key} → {binding.action}"
        for kind in classes
        for binding in own_bindings(kind)
        if not binding.description or not binding.id
    ]
    assert missing == []


def test_binding_ids_are_unique() -> None:
    ids = [b.id for kind in ui_classes() for b in own_bindings(kind)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
