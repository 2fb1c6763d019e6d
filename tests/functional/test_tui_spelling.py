"""Spelling in the editor's text box: unknown words underlined after the typing pauses,
ctrl+n adds the word at the cursor to the project's word list."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.tui_fixtures import SEED_000, TuiProject, settle, type_text, wait_until
from workbench.tui.app import WorkbenchApp
from workbench.tui.spelling import MARK_STYLE
from workbench.tui.widgets.text_fields import DraftArea
from workbench.workflows.spelling import project_words

SIZE = (120, 40)


def underlined(app: WorkbenchApp) -> list[str]:
    """The underlined words of the text box as drawn."""
    area = app.editor.panel.text_area
    words: list[str] = []
    for y in range(area.size.height):
        current = ""
        for segment in area.render_line(y):
            style = segment.style
            if style is not None and style.underline and style.color == MARK_STYLE.color:
                current += segment.text
            elif current:
                words.append(current)
                current = ""
        if current:
            words.append(current)
    return words


async def wait_for_marks(app: WorkbenchApp, pilot: Pilot[Any]) -> None:
    """Wait until the dictionary is loaded and the marks are made: they come a moment
    (`MARK_DELAY`) after the typing, later on a loaded machine."""
    area = app.editor.panel.text_area
    assert isinstance(area, DraftArea)
    await wait_until(
        pilot,
        lambda: area.spelling.speller is not None and area.spelling._timer is None,
        "the spelling marks",
    )


async def test_unknown_words_are_underlined_and_ctrl_n_adds_one(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await type_text(pilot, "The goverment of Xi Jinping and the BRICS agred")
        await wait_for_marks(app, pilot)
        assert underlined(app) == ["goverment", "agred"]
        await pilot.press("ctrl+n")  # the cursor is on "agred"
        await wait_for_marks(app, pilot)
        assert underlined(app) == ["goverment"]
        assert project_words(tui_project.project) == ["agred"]
        await type_text(pilot, " governmentt")
        await wait_for_marks(app, pilot)
        assert underlined(app) == ["goverment", "governmentt"]


async def test_the_glossary_english_is_known(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    term = next(t for t in app.glossary.terms if "Boao" in t.target or "Wuzhen" in t.target)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await type_text(pilot, f"At the {term.target} we mett.")
        await wait_for_marks(app, pilot)
        assert underlined(app) == ["mett"]
