"""Keys are handled in the order they arrive: a burst of keys after tab or enter (a paste
the terminal does not bracket, a text expander) goes where the key before it led."""

from __future__ import annotations

from textual import events

from tests.tui_fixtures import SEED_000, TuiProject, burst, settle
from workbench.core.segments import Status

SIZE = (120, 40)


async def test_keys_after_tab_go_to_the_next_row(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await burst(pilot, "Row one.", "<tab>", "Row two.", "<tab>", "Row three.", "<ctrl+s>")
        targets = [p.target for p in tui_project.paragraphs()[:3]]
        assert targets == ["Row one.", "Row two.", "Row three."]


async def test_keys_after_enter_go_to_the_editor(tui_project: TuiProject) -> None:
    """Enter opens the editor; the letters typed right after it are text, not grid keys
    (a is approve, u next untranslated, m accept MT)."""
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "<enter>", "a mum", "<ctrl+s>")
        assert tui_project.paragraphs()[0].target == "a mum"
        assert app.editor.grid.cursor == 0


async def test_keys_after_tab_go_to_the_next_field_of_the_term_form(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        await burst(pilot, "n", "算力网络", "<tab>", "computing power network", "<ctrl+s>")
        term = app.glossary.get("算力网络")
        assert term is not None
        assert term.target == "computing power network"


async def test_a_typed_emoji_keeps_its_joiners_and_a_bidi_mark_stays(
    tui_project: TuiProject,
) -> None:
    """A paste the terminal does not bracket arrives as keys: the zero-width joiners of 👨‍👩‍👧
    and a right-to-left mark are characters Python calls unprintable, and are text."""
    family = "👨\u200d👩\u200d👧"
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await burst(pilot, f"Family {family}, name \u200fعلي\u200f.", "<ctrl+s>")
        saved = tui_project.paragraphs()[0].target
        assert saved == f"Family {family}, name \u200fعلي\u200f."
        assert saved.count("\u200d") == 2


async def test_a_paste_loses_its_control_characters_with_a_notice(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        pasted = "Red \x1b[31mtext\x07, a heart \u2764\ufe0f and a joiner 👩\u200d💻."
        driver = app._driver
        assert driver is not None
        driver.send_message(events.Paste(pasted))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert tui_project.paragraphs()[0].target == (
            "Red text, a heart \u2764\ufe0f and a joiner 👩\u200d💻."
        )
        notes = [str(note.message) for note in app._notifications]
        assert any("Removed 6 characters" in note for note in notes)


async def test_approving_a_flagged_row_asks_first(tui_project: TuiProject) -> None:
    first = tui_project.paragraphs()[0]
    tui_project.project.set_target(first.id, "A title")  # misses 人工智能全球治理's rendering
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.editor.grid.rows[0].flagged
        await pilot.press("a")
        await pilot.pause()
        assert "approved rendering" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("n")
        await pilot.pause()
        assert tui_project.paragraphs()[0].status is Status.EDITED
        await pilot.press("a", "y")
        await pilot.pause()
        assert tui_project.paragraphs()[0].status is Status.APPROVED


async def test_the_term_form_keeps_joiners_and_drops_pasted_controls(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await settle(pilot)
        await burst(pilot, "n", "数智\u200d鸿沟", "<tab>")
        driver = app._driver
        assert driver is not None
        driver.send_message(events.Paste("digital\x1b[0m divide"))
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        term = app.glossary.get("数智\u200d鸿沟")
        assert term is not None
        assert term.target == "digital divide"
