"""The editor on a 20,000-paragraph document: the grid wraps only the rows near the screen
(the rest have estimated heights), and every way of getting somewhere still shows the row.

Paragraphs are of seven lengths so that estimated and exact heights differ; each starts with
its number (第N段) so a test can see which row is on screen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.tui_fixtures import GLOSSARY, grid_text, press_keys, settle, type_text, workers_done
from workbench.core.ingest import split_sentences
from workbench.core.segments import CleanDocument, CleanParagraph, DocumentMetadata, ParagraphKind
from workbench.store.project import Project
from workbench.tui.app import WorkbenchApp, create_app
from workbench.workflows.memory import save_translation

ROWS = 20_000
MARKED = 18_500  # the only row with 独角兽 in it (1-based)
EDITED = (12_001, 19_990)  # rows with the translator's English
SIZE = (120, 40)

# Each test opens 20,000 rows and lets the document's quality checks finish: seconds each
# on an idle machine, much more on a loaded one.
pytestmark = pytest.mark.slow


def source(number: int) -> str:
    text = f"第{number}段。" + "人工智能全球治理需要各国共同参与，" * (1 + number % 7)
    return text + ("独角兽企业。" if number == MARKED else "")


@pytest.fixture(scope="module")
def big_project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    project = Project.open(path)
    texts = [source(i + 1) for i in range(ROWS)]
    document = project.add_document(
        CleanDocument(
            title=None,
            metadata=DocumentMetadata(),
            paragraphs=tuple(
                CleanParagraph(text, ParagraphKind.BODY, line_no=i + 1, original=text)
                for i, text in enumerate(texts)
            ),
        ),
        name="big.txt",
        path=str(path.parent / "big.txt"),
        sha256="0" * 64,
        encoding="utf-8",
        fmt="txt",
        sentences=[split_sentences(text) for text in texts],
    )
    paragraphs = project.paragraphs(document.id)
    for number in EDITED:
        save_translation(project, paragraphs[number - 1].id, f"Row {number} in English.")
    project.close()
    return path


@pytest.fixture
def big_app(
    big_project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> WorkbenchApp:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "big.sqlite"
    shutil.copyfile(big_project_file, path)
    glossary = tmp_path / "glossary.tsv"
    shutil.copyfile(GLOSSARY, glossary)
    project = Project.open(path)
    return create_app(project, glossary, translator_provider=lambda: None)


def shown(app: WorkbenchApp, number: int) -> bool:
    """Row `number`'s first line is on screen, with its number in the gutter."""
    lines = grid_text(app).splitlines()
    return any(f" {number} " in line[:10] and f"第{number}段" in line for line in lines)


async def opened(pilot: Pilot[object]) -> WorkbenchApp:
    app = pilot.app
    assert isinstance(app, WorkbenchApp)
    await pilot.pause()
    # Opened in two steps (`editor_loading`): the rows around the cursor, then the rest.
    while app.editor.grid.partial is not None:
        await pilot.pause(0.05)
    assert len(app.editor.grid.rows) == ROWS
    return app


async def test_only_the_rows_near_the_screen_are_wrapped(big_app: WorkbenchApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        app = await opened(pilot)
        grid = app.editor.grid
        assert shown(app, 1)
        assert grid.laid_out < 200  # a screen and a sample, not 20,000 rows
        await pilot.press("end")
        assert grid.cursor == ROWS - 1
        await pilot.pause()
        assert shown(app, ROWS)
        assert grid.laid_out < 300
        await pilot.press("home")
        await pilot.pause()
        assert grid.cursor == 0 and shown(app, 1)
        await workers_done(app)


async def test_page_down_and_up_keep_the_cursor_row_on_screen(big_app: WorkbenchApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        app = await opened(pilot)
        grid = app.editor.grid
        await pilot.press("g")
        await type_text(pilot, "15000")
        await pilot.press("enter")
        await pilot.pause()
        assert grid.cursor == 14_999 and shown(app, 15_000)
        visited = [grid.cursor]
        for _ in range(4):
            await pilot.press("pagedown")
            await pilot.pause()
            assert grid.cursor > visited[-1]
            assert shown(app, grid.cursor + 1)
            visited.append(grid.cursor)
        for _ in range(4):
            await pilot.press("pageup")
            await pilot.pause()
            assert grid.cursor < visited[-1]
            assert shown(app, grid.cursor + 1)
            visited.append(grid.cursor)
        await workers_done(app)


async def test_scrolled_far_the_view_stays_put_and_a_click_picks_the_row_shown(
    big_app: WorkbenchApp,
) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        app = await opened(pilot)
        grid = app.editor.grid
        # As the scrollbar does: a far line, with rows not wrapped yet.
        y = grid.virtual_size.height * 3 // 4
        grid.scroll_to(y=y, animate=False, immediate=True)
        first = grid.row_at_line(int(grid.scroll_offset.y))
        await pilot.pause()
        lines = grid_text(app).splitlines()
        # Wrapping the rows on screen did not move the view: the same row is at the top.
        assert grid.row_at_line(int(grid.scroll_offset.y)) == first
        assert first > 10_000
        line = next(i for i, text in enumerate(lines) if i > 3 and "段" in text[:20])
        await pilot.click(grid, offset=(30, line))
        await pilot.pause()
        number = grid.cursor + 1
        assert f"第{number}段" in lines[line]
        assert shown(app, number)
        await workers_done(app)


async def test_the_cursor_row_stays_on_screen_through_resizes(big_app: WorkbenchApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        app = await opened(pilot)
        grid = app.editor.grid
        await pilot.press("g")
        await type_text(pilot, "17321")
        await pilot.press("enter")
        await pilot.pause()
        for size in ((80, 24), (160, 50), SIZE):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert grid.cursor == 17_320
            assert shown(app, 17_321), size


async def test_search_reaches_and_highlights_a_far_row(big_app: WorkbenchApp) -> None:
    async with big_app.run_test(size=SIZE) as pilot:
        app = await opened(pilot)
        grid = app.editor.grid
        await pilot.press("slash")
        await type_text(pilot, "独角兽")
        await pilot.press("enter")
        await pilot.pause()
        assert grid.cursor == MARKED - 1
        assert shown(app, MARKED)
        highlight = grid.get_component_rich_style("segment-table--search").bgcolor
        marked = [
            segment
            for y in range(grid.size.height)
            for segment in grid.render_line(y)
            if "独角兽" in segment.text
        ]
        assert marked and all(s.style and s.style.bgcolor == highlight for s in marked)
        await workers_done(app)


async def test_filter_to_two_far_rows_and_back(big_app: WorkbenchApp) -> None:
    from textual.widgets import OptionList

    from workbench.tui.filters import FilterKind

    async with big_app.run_test(size=SIZE) as pilot:
        app = await opened(pilot)
        grid = app.editor.grid
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        steps = list(FilterKind).index(FilterKind.EDITED) - (listing.highlighted or 0)
        await press_keys(pilot, *(["down"] * steps))
        await pilot.press("enter")
        await settle(pilot)
        assert [row.number for row in grid.rows] == list(EDITED)
        await pilot.press("down")
        await pilot.pause()
        assert shown(app, EDITED[1])
        assert "Row 19990 in English." in grid_text(app)
        await pilot.press("V")
        await settle(pilot)
        assert len(grid.rows) == ROWS
        assert grid.cursor == EDITED[1] - 1
        assert shown(app, EDITED[1])
