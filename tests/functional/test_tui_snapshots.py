"""Snapshots of the main screens at 120x40 and 80x24 (pytest-textual-snapshot).

Snapshots live in tests/snapshots/<this module>/. After an intended change of the look,
review the report, then run `pytest tests/functional/test_tui_snapshots.py
--snapshot-update` and commit the new SVG files with the change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_textual_snapshot
from textual.pilot import Pilot

from tests.tui_fixtures import REFERENCE, SEED_000, TuiProject, settle, settle_typing
from workbench.tui.app import WorkbenchApp
from workbench.workflows.memory import import_tmx

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots"
MEMORY = Path(__file__).resolve().parents[1] / "data" / "memory" / "global_ai_governance.tmx"
SIZES = [(120, 40), (80, 24)]


class _SnapshotsInTestsFolder(pytest_textual_snapshot.SVGImageExtension):
    @classmethod
    def dirname(cls, *, test_location: Any) -> str:
        return str(SNAPSHOTS / Path(test_location.filepath).stem)


@pytest.fixture(autouse=True)
def _snapshot_folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(pytest_textual_snapshot, "SVGImageExtension", _SnapshotsInTestsFolder)
    yield


@pytest.fixture
def editor_app(tui_project: TuiProject, quiet_ui: None) -> WorkbenchApp:
    """Seed 000 in every state a row can be in: approved, edited, flagged, MT, empty."""
    project = tui_project.project
    paragraphs = tui_project.paragraphs()
    english = (REFERENCE / f"{SEED_000.stem}.en.txt").read_text(encoding="utf-8").splitlines()
    project.set_target(paragraphs[0].id, english[0], approve=True)
    project.set_target(paragraphs[1].id, english[1])
    project.set_target(paragraphs[2].id, "In October 2023, President Xi announced it.")
    project.set_review(paragraphs[2].id, True)
    sentences = project.sentences(paragraphs[3].id)
    project.set_machine_translation(
        paragraphs[3].id, [f"Machine sentence {i + 1}." for i in range(len(sentences))]
    )
    project.set_target(
        paragraphs[4].id, english[4].replace("small yard, high fence", "small courtyard, high wall")
    )
    return tui_project.app(document=SEED_000.name)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_editor(snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_editor_editing_a_flagged_row(
    snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f", "enter")
        await settle_typing(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


def test_editor_light_theme(snap_compare: Any, editor_app: WorkbenchApp) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        pilot.app.theme = "textual-light"
        await settle(pilot)
        await pilot.press("down", "down", "down")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=(120, 40), run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_glossary_review(
    snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await pilot.press("slash", *"小院", "enter")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_export_dialog(snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+e", "ctrl+s")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.usefixtures("real_dictionary")
@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_dictionary_tab(snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]) -> None:
    """Row 2: its words, glossary terms first, and the word at the word cursor in full."""

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "w")
        await settle(pilot)
        await pilot.press("alt+right", "alt+right")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_concordance(snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]) -> None:
    """Hits in the project's rows (with and without English) and in a reference memory."""
    import_tmx(editor_app.project, MEMORY, name="reference")

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+f", *"人工智能全球治理", "enter")
        await settle(pilot)
        await pilot.press("down")

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_help(snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]) -> None:
    """f1 on the grid: the editor's keys, grouped."""

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_editing_a_long_paragraph_scrolled(
    snap_compare: Any, editor_app: WorkbenchApp, size: tuple[int, int]
) -> None:
    """Row 4 (the longest): the Chinese scrolled with ctrl+down while the box has the cursor."""

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        await pilot.press("ctrl+down")
        await settle_typing(pilot)

    assert snap_compare(editor_app, terminal_size=size, run_before=ready)
