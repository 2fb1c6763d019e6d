"""Snapshots of sentence mode at 120x40 and 80x24 (see test_tui_snapshots.py for how to
update them): row 4 of seed 000, machine-translated sentence by sentence, the second
sentence current; and the split dialog."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.functional.test_tui_snapshots import (  # noqa: F401 (fixtures)
    SIZES,
    _snapshot_folder,
    editor_app,
)
from tests.tui_fixtures import settle, settle_typing
from workbench.tui.app import WorkbenchApp


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_sentence_mode(
    snap_compare: Any,
    editor_app: WorkbenchApp,  # noqa: F811 (the fixture imported above)
    size: tuple[int, int],
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", "alt+s", "tab")
        await settle_typing(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_split_dialog(
    snap_compare: Any,
    editor_app: WorkbenchApp,  # noqa: F811
    size: tuple[int, int],
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", "alt+s", "tab", "alt+k", "left")
        await settle_typing(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)
