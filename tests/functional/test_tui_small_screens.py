"""The editor on an 80x24 terminal: the whole Chinese can be read while typing, the conflict
banner shows, and the key bar keeps the keys that matter."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import Label, TextArea

from tests.tui_fixtures import SEED_000, TuiProject, settle, type_text
from workbench.store.project import Project
from workbench.tui.app import WorkbenchApp
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.wrapping import NO_START

SMALL = (80, 24)


def key_bar(app: WorkbenchApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


def longest_row(tui_project: TuiProject) -> int:
    paragraphs = tui_project.paragraphs()
    return max(range(len(paragraphs)), key=lambda i: len(paragraphs[i].source))


async def test_the_whole_chinese_can_be_read_while_the_box_keeps_the_cursor(
    tui_project: TuiProject,
) -> None:
    row = longest_row(tui_project)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press(*["down"] * row, "enter")
        await settle(pilot)
        await type_text(pilot, "Head")
        pane = app.editor.query_one("#editor-source-pane", VerticalScroll)
        assert pane.max_scroll_y > 0  # the paragraph is longer than the pane
        title = str(app.editor.query_one("#editor-title", Label).render())
        assert "Chinese lines 1–" in title and "^↓" in title
        for _ in range(20):
            if pane.scroll_y >= pane.max_scroll_y:
                break
            await pilot.press("ctrl+down")
        assert pane.scroll_y == pane.max_scroll_y  # the end of the paragraph is shown
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, " line")
        assert app.editor.panel.text.endswith("Head line")
        await pilot.press("ctrl+up")
        assert pane.scroll_y < pane.max_scroll_y


async def test_the_conflict_banner_shows_at_80x24(tui_project: TuiProject) -> None:
    row = longest_row(tui_project)
    paragraph = tui_project.paragraphs()[row]
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press(*["down"] * row, "enter")
        await type_text(pilot, "My draft")
        with Project.open(tui_project.path) as other:
            other.set_target(paragraph.id, "Written elsewhere")
        await pilot.press("ctrl+s")
        await settle(pilot)
        banner = app.editor.query_one("#editor-conflict", Label)
        panel = app.editor.panel
        assert banner.region.height > 0
        # Inside the panel as drawn (a child past the panel's height limit is cut off).
        assert banner.region.y + banner.region.height <= panel.region.y + panel.region.height
        assert panel.region.y + panel.region.height <= app.screen.region.height
        assert "Changed elsewhere" in str(banner.render())
        assert "^o" in key_bar(app)


async def test_the_key_bar_keeps_the_keys_that_matter_at_80_columns(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        grid_keys = key_bar(app)
        for key in ("⏎", " / ", "^t", "^e", "^l", "^f", "f1", "^p"):
            assert key in grid_keys, key
        await pilot.press("enter")
        await settle(pilot)
        editing_keys = key_bar(app)
        for key in ("^s", "esc", "^l", "^f", "f1", "^p"):
            assert key in editing_keys, key


async def test_a_narrower_bar_drops_the_keys_the_screen_does_not_keep_first(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        keys = key_bar(app)
        for key in ("/", "^t", "^e", "^l", "^f"):
            assert key in keys, key
        assert "Untranslated" not in keys  # not kept: gave way


async def test_no_line_of_the_chinese_above_the_box_starts_with_a_closing_mark(
    tui_project: TuiProject,
) -> None:
    """The Chinese is broken as the grid breaks it (kinsoku): at widths where Textual's own
    wrapping started lines with ， or 。 (rows 2 and 3 of the seed), no line starts with a
    closing mark, and nothing is lost."""
    paragraphs = tui_project.paragraphs()
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for row in (1, 2, 3):
            await pilot.press("escape")
            await settle(pilot)
            app.editor.grid.move_cursor(row)
            await pilot.press("enter")
            await settle(pilot)
            for width in (62, 63, 64, 65, 66, 74, 75, 76, 77):
                await pilot.resize_terminal(width, 24)
                await settle(pilot)  # the re-wrap runs after the resize's refresh
                pane = app.editor.query_one("#editor-source")
                shown = [pane.render_line(y).text.rstrip() for y in range(pane.size.height)]
                assert len(shown) > 2
                assert not [line for line in shown[1:] if line[:1] in NO_START], (row, width)
                rest = iter("".join(shown))  # the Chinese, in order, glosses between
                assert all(char in rest for char in paragraphs[row].source.replace(" ", ""))
