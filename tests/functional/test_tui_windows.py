"""Two editor windows on one project: each keeps its own drafts; a window that ended without
saving leaves its drafts to the next window, once."""

from __future__ import annotations

from tests.tui_fixtures import SEED_000, TuiProject, drafts_parked, settle, type_text
from workbench.store.project import Project
from workbench.tui.app import create_app

SIZE = (120, 40)


def second_window(env: TuiProject):  # type: ignore[no-untyped-def]
    """Another editor on the same project file, with its own connection."""
    project = Project.open(env.path)
    document = project.resolve_document(SEED_000.name).id
    app = create_app(project, env.glossary_path, document_id=document)
    return app, project


async def test_a_second_window_neither_takes_nor_overwrites_the_first_windows_draft(
    tui_project: TuiProject,
) -> None:
    first = tui_project.app(document=SEED_000.name)
    second, second_project = second_window(tui_project)
    try:
        async with first.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await type_text(pilot, "Draft of the first window")
            await drafts_parked(pilot)  # PARK_DELAY after the last key
            async with second.run_test(size=SIZE) as other:
                await settle(other)
                assert not second.editor.editing  # nothing offered: the first window is open
                assert second.editor.grid.rows[0].draft is None
                await other.press("down", "enter")
                await type_text(other, "Draft of the second window")
                await drafts_parked(other)
                with Project.open(tui_project.path) as reader:
                    parked = reader.get_setting("tui.drafts") or ""
                assert "Draft of the first window" in parked
                assert "Draft of the second window" in parked
            assert first.editor.panel.text == "Draft of the first window"
    finally:
        second_project.close()


async def test_a_draft_left_by_a_crashed_window_is_offered_back_once(
    tui_project: TuiProject,
) -> None:
    crashed = tui_project.app(document=SEED_000.name)
    async with crashed.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await type_text(pilot, "Typed before the crash")
        await drafts_parked(pilot)  # PARK_DELAY after the last key
        # The window ends without quitting, as a killed terminal would.
    second = tui_project.app(document=SEED_000.name)
    third, third_project = second_window(tui_project)
    try:
        async with second.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert second.editor.editing
            assert second.editor.panel.text == "Typed before the crash"
            assert second.editor.grid.cursor == 1
            async with third.run_test(size=SIZE) as other:
                await settle(other)
                assert not third.editor.editing  # offered to one window only
                assert all(row.draft is None for row in third.editor.grid.rows)
            await pilot.press("ctrl+s", "ctrl+q")
    finally:
        third_project.close()
    assert tui_project.paragraphs()[1].target == "Typed before the crash"
