"""Sentence mode in the editor (alt+s) with real keys: a box per sentence whose English is
the paragraph's, joined; split (alt+k) and join (alt+j) of the Chinese sentences, one undo
step each; nothing typed is lost when switching mode or quitting (issue 13, item 11)."""

from __future__ import annotations

from textual.widgets import Input, Label

from tests.tui_fixtures import SEED_000, TuiProject, settle, type_text
from workbench.tui.app import WorkbenchApp
from workbench.tui.keys import palette_commands, screen_keys
from workbench.tui.screens.sentence_mode import SentenceScreen, SplitDialog
from workbench.workflows.segments import join_sentence

SIZE = (120, 40)
WHOLE = "In October 2023, President Xi announced it."  # one English sentence for four


def _app(tui_project: TuiProject) -> tuple[WorkbenchApp, int]:
    """Row 3 of seed 000: four Chinese sentences, translated as a whole."""
    paragraph = tui_project.paragraphs()[2]
    tui_project.project.set_target(paragraph.id, WHOLE)
    return tui_project.app(document=SEED_000.name), paragraph.id


def _boxes(app: WorkbenchApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, SentenceScreen)
    return [field.value for field in screen.query(".sentence-english").results(Input)]


async def _sentence_mode(pilot, rows_down: int = 2) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press(*["down"] * rows_down, "alt+s")
    await settle(pilot)


async def test_boxes_per_sentence_and_the_paragraph_english_joined(
    tui_project: TuiProject,
) -> None:
    app, pid = _app(tui_project)
    async with app.run_test(size=SIZE) as pilot:
        await _sentence_mode(pilot)
        assert _boxes(app) == [WHOLE, "", "", ""]  # a whole translation: all in box 1
        whole = app.screen.query_one("#sentence-whole", Label)
        assert whole.display and "as a whole" in str(whole.render())
        await pilot.press("tab")
        await type_text(pilot, "It set out the Initiative.")
        await settle(pilot)  # the boxes hand their text to the edit box
        assert app.editor.panel.text == f"{WHOLE} It set out the Initiative."
        await pilot.press("alt+s")  # back to the paragraph: the text is in the box
        await settle(pilot)
        assert not isinstance(app.screen, SentenceScreen)
        assert app.editor.panel.text == f"{WHOLE} It set out the Initiative."
        await pilot.press("alt+s")  # and again by sentence: now one per box
        await settle(pilot)
        assert _boxes(app) == [WHOLE, "It set out the Initiative.", "", ""]
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert tui_project.project.paragraph(pid).target == f"{WHOLE} It set out the Initiative."


async def test_text_typed_by_sentence_stays_a_draft_after_esc(tui_project: TuiProject) -> None:
    app, pid = _app(tui_project)
    async with app.run_test(size=SIZE) as pilot:
        await _sentence_mode(pilot)
        await pilot.press("ctrl+down", "ctrl+down")
        await type_text(pilot, "Third.")
        await settle(pilot)  # the boxes hand their text to the edit box
        # Out of sentence mode, then close the edit box (the text stays as a draft). A key
        # that reaches the sentence screen while it is being dismissed is lost: wait.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.editor.grid.rows[2].draft == f"{WHOLE} Third."
        assert tui_project.project.paragraph(pid).target == WHOLE  # kept, not saved


async def test_quitting_from_sentence_mode_saves_what_was_typed(tui_project: TuiProject) -> None:
    app, pid = _app(tui_project)
    async with app.run_test(size=SIZE) as pilot:
        await _sentence_mode(pilot)
        await pilot.press("shift+tab", "tab", "tab", "tab")  # to sentence 4 (none before 1)
        await type_text(pilot, "Fourth.")
        await settle(pilot)  # the boxes hand their text to the edit box
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running or not isinstance(app.screen, SentenceScreen)
    assert tui_project.project.paragraph(pid).target == f"{WHOLE} Fourth."


async def test_join_and_split_with_keys_each_one_undo_step(tui_project: TuiProject) -> None:
    app, pid = _app(tui_project)
    project = tui_project.project
    before = [s.source for s in project.sentences(pid)]
    async with app.run_test(size=SIZE) as pilot:
        await _sentence_mode(pilot)
        await pilot.press("alt+j")  # sentences 1 and 2 become one
        await settle(pilot)
        assert [s.source for s in project.sentences(pid)] == [
            before[0] + before[1],
            *before[2:],
        ]
        assert _boxes(app) == [WHOLE, "", ""]
        await pilot.press("tab", "alt+k")  # split sentence 2
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SplitDialog)
        point = len(before[2]) // 2
        await pilot.press("right", "right", "left", "enter")
        await settle(pilot)
        cut = point + 1
        assert [s.source for s in project.sentences(pid)] == [
            before[0] + before[1],
            before[2][:cut],
            before[2][cut:],
            before[3],
        ]
        assert _boxes(app) == [WHOLE, "", "", ""]
        assert "sentence 2 of 4" in str(app.screen.query_one("#sentence-title", Label).render())
        await pilot.press("escape")  # back to the edit box, then to the grid
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(project.sentences(pid)) == 3
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [s.source for s in project.sentences(pid)] == before
        assert project.paragraph(pid).target == WHOLE


async def test_the_keys_are_in_the_palette_and_the_help(tui_project: TuiProject) -> None:
    app, _ = _app(tui_project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Sentence mode" in {c.description for c in palette_commands(app.screen)}
        await pilot.press("alt+s")
        await settle(pilot)
        described = {c.description for _, group in screen_keys(app.screen) for c in group}
        assert {"Join with next", "Split sentence", "Next sentence", "Paragraph mode"} <= described


async def test_sentences_changed_elsewhere_are_not_split_by_stale_numbers(
    tui_project: TuiProject,
) -> None:
    app, pid = _app(tui_project)
    project = tui_project.project
    async with app.run_test(size=SIZE) as pilot:
        await _sentence_mode(pilot)
        join_sentence(project, pid, 2)  # the CLI, meanwhile: sentences 3 and 4 are one
        now = [s.source for s in project.sentences(pid)]
        await pilot.press("alt+j")
        await settle(pilot)
        assert [s.source for s in project.sentences(pid)] == now
        assert len(_boxes(app)) == 4  # the screen is left as it was; nothing joined
