"""The translator's daily loop in the editor, with real keys: memory matches and the machine
translation into the edit box (alt+1…9, alt+m), checks while typing, confirm and go on
(ctrl+j)."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Label

from tests.tui_fixtures import SEED_000, TuiProject, grid_text, settle, settle_typing, type_text
from workbench.core.counts import chinese_characters, english_words, percent_text
from workbench.core.segments import Status
from workbench.store.memory import MemoryStore, NewUnit
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.note_dialog import NoteDialog
from workbench.tui.screens.pickers import ConfirmDialog
from workbench.tui.widgets.inspector import Inspector
from workbench.tui.widgets.live_checks import LiveChecks

SIZE = (120, 40)
LONG = "2023年10月"  # the start of a long paragraph of the seed, with glossary terms
TITLE = "Take part in and lead global AI governance (He Yin)"  # row 1, passing every check


async def alt(pilot: Pilot[object], key: str) -> None:
    """alt+KEY as a terminal sends it (ESC KEY): Textual names it alt+KEY with KEY as its
    character, which a text box would type if the binding did not come first."""
    driver = pilot.app._driver
    assert driver is not None
    driver.send_message(events.Key(f"alt+{key}", key))
    await settle(pilot)


async def go_to(pilot: Pilot[object], app: WorkbenchApp, start: str) -> int:
    rows = app.editor.grid.rows
    index = next(i for i, row in enumerate(rows) if row.paragraph.source.startswith(start))
    app.editor.grid.move_cursor(index)
    await settle(pilot)
    return index


def reference(tui_project: TuiProject, *pairs: tuple[str, str]) -> None:
    units = [NewUnit(source, target) for source, target in pairs]
    MemoryStore(tui_project.project).add_reference("ref", units, path="ref.tmx", sha256="0")


def long_source(tui_project: TuiProject) -> str:
    return next(p.source for p in tui_project.paragraphs() if p.source.startswith(LONG))


def memory_tab(app: WorkbenchApp) -> str:
    inspector = app.editor.query_one(Inspector)
    inspector.switch_to("memory")
    tab = inspector.open_tab
    assert tab is not None
    tab.show(inspector.state)
    return tab.render_state(inspector.state).plain


async def test_matches_are_numbered_and_a_near_match_never_shows_100(
    tui_project: TuiProject,
) -> None:
    source = long_source(tui_project)
    differs = source.replace("2023", "2024", 1)  # one digit in some 200 characters: 99.x
    reference(tui_project, (differs, "Near English."), (source, "Exact English."))
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, app, LONG)
        shown = memory_tab(app)
        assert "alt+1 100% ref" in shown
        assert "alt+2  99% ref" in shown
        assert shown.count("100%") == 1


async def test_alt_number_puts_the_match_in_the_box_and_ctrl_z_takes_it_back(
    tui_project: TuiProject,
) -> None:
    source = long_source(tui_project)
    reference(tui_project, (source, "Exact English."), (source[:-3], "Shorter English."))
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        index = await go_to(pilot, app, LONG)
        await alt(pilot, "2")  # in the grid: opens the editor with match 2
        panel = app.editor.panel
        assert panel.draft is not None and panel.text == "Shorter English."
        await type_text(pilot, " More")
        await alt(pilot, "1")
        assert panel.text == "Exact English."
        await pilot.press("ctrl+z")
        assert panel.text == "Shorter English. More"
        await alt(pilot, "9")
        assert panel.text == "Shorter English. More"
        notes = [str(note.message) for note in app._notifications]
        assert any("No memory match 9" in note for note in notes)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert tui_project.paragraphs()[index].target == "Shorter English. More"


async def test_a_match_replaces_only_the_selection(tui_project: TuiProject) -> None:
    source = long_source(tui_project)
    reference(tui_project, (source, "global AI governance"))
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, app, LONG)
        await pilot.press("enter")
        await type_text(pilot, "We praise XXX today.")
        await pilot.press(*["left"] * 7, *["shift+left"] * 3)
        await alt(pilot, "1")
        assert app.editor.panel.text == "We praise global AI governance today."


async def test_alt_m_puts_the_machine_translation_in_the_box(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Mine")
        await alt(pilot, "m")
        notes = [str(note.message) for note in app._notifications]
        assert any("no machine translation yet" in note for note in notes)
        assert app.editor.panel.text == "Mine"
        await pilot.press("escape", "t")
        await settle(pilot)
        mt = tui_project.paragraphs()[0].mt
        assert mt
        await pilot.press("enter")
        await pilot.press("ctrl+a", "backspace")
        await type_text(pilot, "Mine")
        await alt(pilot, "m")
        assert app.editor.panel.text == mt


async def test_checks_run_while_typing(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, app, LONG)
        await pilot.press("enter")
        await pilot.press("ctrl+a", "backspace")
        await type_text(pilot, "In October 2022 President Xi proposed it 人工.")
        await settle_typing(pilot)  # checked a moment (LIVE_DELAY) after the last key
        line = app.editor.panel.query_one(LiveChecks).render().plain
        assert line.startswith("✗")
        assert "2023" in line  # the number differs
        assert "global AI governance" in line  # a glossary rendering is missing
        assert "人工" in line  # Chinese left in the English
        assert tui_project.paragraphs()[0].target is None  # nothing was saved


async def test_confirm_saves_approves_and_opens_the_next_unfinished_row(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        rows = app.editor.grid.rows
        await pilot.press("down", "a")  # row 2 has no English: a refuses, nothing changes
        await pilot.press("up", "enter")
        await type_text(pilot, TITLE)
        await pilot.press("ctrl+j")
        await settle(pilot)
        saved = tui_project.paragraphs()
        assert saved[0].target == TITLE
        assert saved[0].status is Status.APPROVED
        assert app.editor.grid.cursor == 1
        draft = app.editor.panel.draft
        assert draft is not None and draft.paragraph_id == rows[1].id
        await pilot.press("escape", "ctrl+z")
        await settle(pilot)
        undone = tui_project.paragraphs()[0]
        assert (undone.target, undone.status) == (None, Status.NEW)  # one undo step


async def test_confirm_with_errors_asks_first(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        index = await go_to(pilot, app, LONG)
        await pilot.press("enter")
        await type_text(pilot, "In October 2022 it was proposed.")
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert app.editor.panel.text == "In October 2022 it was proposed."
        assert app.focused is app.editor.panel.text_area
        assert tui_project.paragraphs()[index].target is None
        await pilot.press("ctrl+j")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        saved = tui_project.paragraphs()[index]
        assert saved.status is Status.APPROVED
        assert app.editor.grid.cursor == index + 1


async def test_the_status_bar_counts_characters_words_and_approved(
    tui_project: TuiProject,
) -> None:
    paragraphs = tui_project.paragraphs()
    characters = sum(chinese_characters(p.source) for p in paragraphs)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        counts = app.editor.query_one("#status-counts", Label)
        assert str(counts.render()) == f"{characters:,} 字 · 0 words · 0% approved"
        await pilot.press("enter")
        await type_text(pilot, TITLE)
        await pilot.press("ctrl+j")
        await settle(pilot)
        approved = percent_text(100 / len(paragraphs))
        assert (
            str(counts.render())
            == f"{characters:,} 字 · {english_words(TITLE)} words · {approved} approved"
        )
        for width, shown in (
            (60, f"字{characters:,} w{english_words(TITLE)} ✔{approved}"),
            (50, f"✔{approved}"),
        ):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            assert str(counts.render()) == shown


async def test_alt_n_writes_a_note_shown_in_the_grid_and_undone_by_ctrl_z(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await alt(pilot, "n")
        assert isinstance(app.screen, NoteDialog)
        await type_text(pilot, "Ask the client")
        await pilot.press("escape")  # esc keeps what was typed, saves nothing
        await settle(pilot)
        assert tui_project.paragraphs()[0].note is None
        await alt(pilot, "n")
        assert app.screen.query_one(Input).value == "Ask the client"
        await type_text(pilot, " about the title.")
        await pilot.press("enter")
        await settle(pilot)
        assert tui_project.paragraphs()[0].note == "Ask the client about the title."
        assert "✱ Note: Ask the client about the title." in grid_text(app)
        inspector = app.editor.query_one(Inspector)
        inspector.switch_to("note")
        tab = inspector.open_tab
        assert (
            tab is not None
            and "Ask the client about the title." in tab.render_state(inspector.state).plain
        )
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert tui_project.paragraphs()[0].note is None
        assert "✱ Note" not in grid_text(app)


async def test_a_note_written_while_editing_leaves_the_draft_alone(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Half a sentence")
        await alt(pilot, "n")
        await type_text(pilot, "Check the name")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is app.editor.panel.text_area
        assert app.editor.panel.text == "Half a sentence"
        paragraph = tui_project.paragraphs()[0]
        assert (paragraph.note, paragraph.target) == ("Check the name", None)


async def test_confirm_in_the_grid_approves_and_moves_on(tui_project: TuiProject) -> None:
    project = tui_project.project
    paragraphs = tui_project.paragraphs()
    project.set_target(paragraphs[0].id, TITLE)
    project.set_target(paragraphs[1].id, "Approved already.", approve=True)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+j")
        await settle(pilot)
        assert tui_project.paragraphs()[0].status is Status.APPROVED
        assert app.editor.grid.cursor == 2  # row 2 is approved: skipped
        assert app.editor.panel.draft is None  # the grid stays the grid
        await pilot.press("ctrl+j")  # row 3 has no English
        await settle(pilot)
        notes = [str(note.message) for note in app._notifications]
        assert any("has no English to approve" in note for note in notes)
        assert app.editor.grid.cursor == 2


async def test_the_editor_title_names_the_match_keys_on_a_small_screen(
    tui_project: TuiProject,
) -> None:
    """At 80x24 the inspector is hidden while editing: the title line says what alt+N puts
    in the box."""
    source = long_source(tui_project)
    reference(tui_project, (source, "Exact English."), (source[:-3], "Shorter English."))
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, app, LONG)
        await pilot.press("enter")
        await settle_typing(pilot)  # the matches come a moment (INSPECT_DELAY) after the move
        title = str(app.editor.panel.query_one("#editor-title", Label).render())
        assert title.startswith("Row 3 · ")
        assert "· alt+1 100% · alt+2 9" in title
