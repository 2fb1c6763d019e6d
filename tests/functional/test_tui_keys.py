"""Keys are handled in the order they arrive: a burst of keys after tab or enter (a paste
the terminal does not bracket, a text expander) goes where the key before it led."""

from __future__ import annotations

from tests.tui_fixtures import SEED_000, TuiProject, burst, settle

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
