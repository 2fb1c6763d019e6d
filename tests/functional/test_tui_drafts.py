"""Nothing typed is thrown away without the translator saying so: esc keeps the text (in
the editor and in every dialog with a text field), and quitting with unsaved text asks."""

from __future__ import annotations

from textual.widgets import Input, Label

from tests.tui_fixtures import SEED_000, TuiProject, settle, type_text
from workbench.store.project import Project
from workbench.tui.screens.quit_dialog import QuitDialog
from workbench.workflows.drafts import DRAFTS_SETTING

SIZE = (120, 40)


async def put_aside(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type a translation for the row at the cursor and close the editor with esc."""
    await pilot.press("enter")
    await type_text(pilot, text)
    await pilot.press("escape")
    await pilot.pause()


async def test_quitting_with_a_draft_asks_and_esc_goes_back(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await put_aside(pilot, "Put aside")
        await pilot.press("ctrl+q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, QuitDialog)
        shown = " ".join(str(label.render()) for label in dialog.query(Label))
        assert "Row 1" in shown and "Put aside" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        assert app.editor.grid.rows[0].draft == "Put aside"


async def test_quitting_and_saving_the_drafts(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await put_aside(pilot, "Row one")
        await pilot.press("down")
        await put_aside(pilot, "Row two")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    assert [p.target for p in tui_project.paragraphs()[:2]] == ["Row one", "Row two"]
    assert not tui_project.project.get_setting(DRAFTS_SETTING)


async def test_quitting_and_keeping_the_drafts_for_next_time(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await put_aside(pilot, "Kept for tomorrow")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
    assert tui_project.reopen().paragraphs()[0].target is None
    again = tui_project.app(document=SEED_000.name)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.editor.panel.text == "Kept for tomorrow"


async def test_quitting_and_throwing_the_drafts_away(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await put_aside(pilot, "Not wanted")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
    with Project.open(tui_project.path) as project:
        assert not project.get_setting(DRAFTS_SETTING)
        assert project.paragraphs()[0].target is None


async def test_esc_in_the_term_form_keeps_what_was_typed(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "算力网络")
        await pilot.press("tab")
        await type_text(pilot, "computing power network")
        await pilot.press("escape")
        await pilot.pause()
        assert "算力网络" not in app.glossary
        await pilot.press("n")  # the same form again: what was typed is back
        await pilot.pause()
        values = {i.id: i.value for i in app.screen.query(Input)}
        assert values["term-source"] == "算力网络"
        assert values["term-target"] == "computing power network"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.glossary.get("算力网络") is not None
        await pilot.press("n")  # saved: the next new term starts empty
        await pilot.pause()
        assert app.screen.query_one("#term-source", Input).value == ""


async def test_esc_in_the_search_and_export_dialogs_keeps_what_was_typed(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "全球治理")
        await pilot.press("escape", "slash")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "全球治理"
        await pilot.press("escape", "ctrl+e")
        await pilot.pause()
        path = app.screen.query_one("#export-path", Input)
        path.value = ""
        path.focus()
        await pilot.pause()
        await type_text(pilot, "mine/for-review.tmx")
        await pilot.press("escape", "ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value == "mine/for-review.tmx"
