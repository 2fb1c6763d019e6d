"""The help screen (f1, ?) and the command palette: every key of the screen, and only the
commands that work where you are, with the keys that reach them."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from tests.tui_fixtures import SEED_000, TuiProject, palette_search, settle, type_text, wait_until
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.editor_keys import EDITOR_BINDINGS
from workbench.tui.screens.help_screen import HelpScreen
from workbench.tui.widgets.editor_panel import EditorPanel

SIZE = (100, 30)


def help_text(app: WorkbenchApp) -> str:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return "\n".join(
        str(part.render()) for part in screen.query("#help-keys Static").results(Static)
    )


async def palette(pilot: Pilot[None], query: str) -> list[str]:
    """The palette's entries for `query` (title and help line), then the palette closed."""
    await pilot.press("ctrl+p")
    screen = await palette_search(pilot, query)  # its search finishes a moment after the typing
    assert isinstance(screen, CommandPalette)
    found = screen.query_one(CommandList)
    entries = [
        str(found.get_option_at_index(i).prompt).replace("\n", " ")
        for i in range(found.option_count)
    ]
    await pilot.press("escape")
    await pilot.pause()
    return entries


async def test_f1_lists_every_key_of_the_editor_and_esc_closes_it(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        text = help_text(app)
        # Every described binding of the editor is there, with its description.
        for binding in EDITOR_BINDINGS:
            assert not isinstance(binding, tuple)
            assert binding.description in text
        for binding in EditorPanel.BINDINGS:
            assert not isinstance(binding, tuple)
            assert binding.description in text
        assert "Rows" in text and "Edit box" in text and "Everywhere" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.editor


async def test_question_mark_opens_help_in_the_grid_and_types_in_the_edit_box(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")  # closes it again
        await pilot.pause()
        assert app.screen is app.editor
        await pilot.press("enter")
        await type_text(pilot, "Why?")
        assert app.editor.panel.text.endswith("Why?")
        await pilot.press("f1")  # f1 still opens help while typing
        await pilot.pause()
        assert "Save, next row" in help_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.editor.panel.text.endswith("Why?")  # esc closed help, not the editor


async def test_help_on_a_dialog_shows_that_dialogs_keys(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        review = app.screen
        await pilot.press("f1")
        await pilot.pause()
        text = help_text(app)
        assert "Add term" in text or "New term" in text
        assert "Accept MT" not in text  # the editor's keys are not this screen's
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review


async def test_palette_in_the_grid_has_no_text_box_commands_and_one_quit(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not any(e.startswith("Cut") for e in await palette(pilot, "cut"))
        assert not any("line start" in e for e in await palette(pilot, "delete"))
        quits = [e for e in await palette(pilot, "quit") if e.startswith("Quit")]
        assert len(quits) == 1 and "^q" in quits[0]
        approve = await palette(pilot, "approve")
        assert any(e.startswith("Approve") and " a" in e for e in approve)


async def test_palette_while_editing_shows_the_text_box_keys_as_sent(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        cut = [e for e in await palette(pilot, "cut") if e.startswith("Cut")]
        assert len(cut) == 1 and "^x" in cut[0] and "super" not in cut[0]
        # Grid actions (approve) do not work while editing: not offered.
        assert not any(e.startswith("Approve") for e in await palette(pilot, "approve"))
        assert app.editor.editing


async def test_screenshot_from_the_palette_is_saved_in_the_current_folder(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = set(Path.cwd().glob("*.svg"))
        await pilot.press("ctrl+p")
        await palette_search(pilot, "screenshot")
        await pilot.press("enter")
        # Saved a moment after the palette has closed (a timer), later on a loaded machine.
        await wait_until(pilot, lambda: set(Path.cwd().glob("*.svg")) - before, "the screenshot")
        (saved,) = set(Path.cwd().glob("*.svg")) - before
        assert "<svg" in saved.read_text(encoding="utf-8")
        notes = [str(note.message) for note in app._notifications]
        assert any(str(saved) in note for note in notes)
        assert not any("Failed" in note for note in notes)


async def test_a_long_description_wraps_under_itself_at_80x24(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        abouts = list(app.screen.query(".help-about"))
        assert {about.region.x for about in abouts if about.region.height} == {abouts[0].region.x}
        assert any(about.region.height > 1 for about in abouts)  # some did wrap
