"""Snapshots of the find-and-replace dialog, the filter dialog and a filtered editor at
120x40 and 80x24 (see test_tui_snapshots.py for how to update them)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.functional.test_tui_snapshots import (  # noqa: F401 (fixtures)
    SIZES,
    _snapshot_folder,
    editor_app,
)
from tests.tui_fixtures import settle, type_text
from workbench.tui.app import WorkbenchApp


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_find_replace_preview(
    snap_compare: Any,
    editor_app: WorkbenchApp,  # noqa: F811 (the fixture imported above)
    size: tuple[int, int],
) -> None:
    """Three rows with "AI" in their English, each change struck through and replaced."""

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("R")
        await type_text(pilot, "AI")  # type: ignore[arg-type]
        await pilot.press("tab")
        await type_text(pilot, "artificial intelligence")  # type: ignore[arg-type]
        await pilot.press("alt+w", "enter")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_filter_dialog(
    snap_compare: Any,
    editor_app: WorkbenchApp,  # noqa: F811
    size: tuple[int, int],
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("v", "down")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_problems_only(
    snap_compare: Any,
    editor_app: WorkbenchApp,  # noqa: F811
    size: tuple[int, int],
) -> None:
    """The flagged row and the row marked for review; the filter in the status bar."""

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("v", "down", "enter")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)
