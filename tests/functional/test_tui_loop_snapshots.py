"""Snapshots of what the daily loop adds, at 120x40 and 80x24: the numbered matches (the
machine translation and the memory) in the inspector, and the editor with its live checks
after alt+1 put a match in the box. The project is the one of `test_tui_snapshots`."""

# ruff: noqa: F811  (pytest fixtures imported from test_tui_snapshots, used as arguments)
from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.functional.test_tui_snapshots import (  # noqa: F401  (fixtures)
    SIZES,
    _snapshot_folder,
    editor_app,
)
from tests.tui_fixtures import settle, settle_typing
from workbench.store.memory import MemoryStore, NewUnit
from workbench.tui.app import WorkbenchApp


def near_matches(app: WorkbenchApp, row: int) -> None:
    """A reference memory with three pairs like row `row`: one number changed (99%), the
    first sentence only, and the last sentence cut."""
    project = app.project
    source = project.paragraphs(project.documents()[0].id)[row - 1].source
    sentences = [
        s.source
        for s in project.sentences(project.paragraphs(project.documents()[0].id)[row - 1].id)
    ]
    units = [
        NewUnit(
            source.replace("二", "三", 1).replace("2023", "2024", 1),
            "A near match, one number changed.",
        ),
        NewUnit("".join(sentences[:-1]), "Every sentence but the last."),
        NewUnit(source[: len(source) * 3 // 4], "The first three quarters."),
    ]
    MemoryStore(project).add_reference("reference", units, path="reference.tmx", sha256="0")


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_memory_tab_numbers_the_matches(
    snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]
) -> None:
    """Row 4: its machine translation (alt+m) and memory matches (alt+1 …)."""
    near_matches(editor_app, 4)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", *(["i"] if size[1] < 30 else []))
        await settle(pilot)
        editor_app.editor.query_one("#inspector TabbedContent").active = "inspector-memory"
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_editing_after_alt_1_with_live_checks(
    snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]
) -> None:
    """Row 3: the first memory match put in the box, the checks of it under the Chinese."""
    near_matches(editor_app, 3)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        await pilot.press("alt+1")
        await settle_typing(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_a_note_in_the_grid_and_the_inspector(
    snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]
) -> None:
    """Row 2 has a note: marked under its English, whole on the inspector's Note tab."""
    project = editor_app.project
    second = project.paragraphs(project.documents()[0].id)[1]
    project.set_note(second.id, "The client prefers “AI” to “artificial intelligence” here.")

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", *(["i"] if size[1] < 30 else []))
        await settle(pilot)
        editor_app.editor.query_one("#inspector TabbedContent").active = "inspector-note"
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)
