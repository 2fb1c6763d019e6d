"""The editor screen driven with real keystrokes on a project made from the two seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui_fixtures import (
    REFERENCE,
    SEED_000,
    SEED_004,
    TuiProject,
    drafts_parked,
    grid_text,
    palette_search,
    press_keys,
    settle,
    type_text,
)
from workbench.core.glossary import TermProblem
from workbench.core.segments import Status
from workbench.store.project import Project
from workbench.tui.screens import editor as editor_screen
from workbench.tui.widgets.segment_table import SegmentTable
from workbench.workflows.drafts import DRAFTS_SETTING

SIZE = (120, 40)


def reference(seed: Path) -> list[str]:
    return (REFERENCE / f"{seed.stem}.en.txt").read_text(encoding="utf-8").splitlines()


def row_of(env: TuiProject, needle: str, seed: Path = SEED_000) -> int:
    """0-based row of the first paragraph whose Chinese contains `needle`."""
    return next(i for i, p in enumerate(env.paragraphs(seed.name)) if needle in p.source)


async def test_opens_the_seed_with_every_kept_paragraph(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = app.editor.grid
        paragraphs = tui_project.paragraphs(SEED_000.name)
        assert [row.paragraph.source for row in grid.rows] == [p.source for p in paragraphs]
        text = grid_text(app)
        assert "积极参与和引领人工智能全球治理" in text
        assert "not translated yet" in text
        # Site junk was dropped by the import and is not shown.
        assert "点击右上角微信好友" not in text


async def test_switch_document_with_the_keyboard(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.editor.document is not None
        assert app.editor.document.name == SEED_004.name
        assert "外交部司长孙晓波" in grid_text(app)


async def test_edit_and_save_a_row(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Actively Participating in and Leading Global AI Governance")
        await pilot.press("ctrl+s")
        await pilot.pause()
        first = tui_project.paragraphs()[0]
        assert first.target == "Actively Participating in and Leading Global AI Governance"
        assert first.status is Status.EDITED
        assert app.editor.grid.rows[0].paragraph.status is Status.EDITED
        assert "Leading Global AI Governance" in grid_text(app)


async def test_tab_saves_and_moves_to_the_next_row(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Title")
        await pilot.press("tab")
        await pilot.pause()
        assert app.editor.grid.cursor == 1
        assert app.editor.panel.draft is not None
        assert app.editor.panel.draft.paragraph_id == tui_project.paragraphs()[1].id
        assert tui_project.paragraphs()[0].target == "Title"


async def test_escape_keeps_the_text_as_the_rows_draft(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "not saved yet")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.editor.editing
        assert tui_project.paragraphs()[0].target is None  # esc saves nothing
        assert app.editor.grid.rows[0].draft == "not saved yet"
        assert "Draft, not saved (enter): not saved yet" in grid_text(app)
        await pilot.press("enter")  # the draft comes back
        assert app.editor.panel.text == "not saved yet"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert tui_project.paragraphs()[0].target == "not saved yet"
        assert app.editor.grid.rows[0].draft is None


async def test_the_stored_text_comes_back_with_ctrl_r_and_the_draft_with_ctrl_z(
    tui_project: TuiProject,
) -> None:
    first = tui_project.paragraphs()[0]
    tui_project.project.set_target(first.id, "Stored title")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, ", changed")
        await pilot.press("ctrl+r")
        assert app.editor.panel.text == "Stored title"
        await pilot.press("ctrl+z")
        assert app.editor.panel.text == "Stored title, changed"
        await pilot.press("ctrl+r", "escape")  # nothing typed is left: no draft
        await pilot.pause()
        assert app.editor.grid.rows[0].draft is None
        assert "Draft, not saved" not in grid_text(app)


async def test_undo_and_redo(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "First try")
        await pilot.press("ctrl+s", "escape")
        await pilot.press("enter", "backspace", "backspace", "backspace")
        await type_text(pilot, "Second try")
        await pilot.press("ctrl+s", "escape", "ctrl+z")
        await pilot.pause()
        assert tui_project.paragraphs()[0].target == "First try"
        assert app.editor.grid.rows[0].paragraph.target == "First try"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert tui_project.paragraphs()[0].target == "First Second try"
        assert "First Second try" in grid_text(app)


async def test_undo_after_reopening_the_app(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Saved before quitting")
        await pilot.press("ctrl+s", "escape", "ctrl+q")
    tui_project.reopen()
    assert tui_project.paragraphs()[0].target == "Saved before quitting"
    again = tui_project.app(document=SEED_000.name)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert again.editor.grid.rows[0].paragraph.target is None
    assert tui_project.paragraphs()[0].target is None


async def test_a_changed_draft_is_saved_on_quit(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "typed, then quit")
        await pilot.press("ctrl+q")
    assert tui_project.reopen().paragraphs()[0].target == "typed, then quit"


async def test_approve_and_mark_for_review(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")  # nothing to approve yet: a message, no change
        await pilot.pause()
        assert tui_project.paragraphs()[0].status is Status.NEW
        await pilot.press("enter")
        await type_text(pilot, "A title")
        await pilot.press("ctrl+s", "escape", "a")
        await pilot.pause()
        # "A title" lacks the approved rendering of 人工智能全球治理: approving asks first.
        assert "Approve it anyway?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("y", "r")
        await pilot.pause()
        first = tui_project.paragraphs()[0]
        assert first.status is Status.APPROVED
        assert first.review
        assert app.editor.grid.rows[0].paragraph.status is Status.APPROVED
        await pilot.press("a")
        await pilot.pause()
        assert tui_project.paragraphs()[0].status is Status.EDITED


async def test_accept_machine_translation(tui_project: TuiProject) -> None:
    paragraphs = tui_project.paragraphs()
    second = paragraphs[1]
    sentences = tui_project.project.sentences(second.id)
    tui_project.project.set_machine_translation(
        second.id, [f"Machine {i}." for i in range(len(sentences))]
    )
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "MT Machine 0." in grid_text(app)  # shown, marked as machine output
        await pilot.press("m")  # row 1 has no MT: a message, no change
        await pilot.press("down", "m")
        await pilot.pause()
        stored = tui_project.paragraphs()[1]
        assert stored.target == stored.mt
        assert stored.status is Status.EDITED
        assert tui_project.paragraphs()[0].target is None


async def test_glossary_violation_flagged_then_cleared(tui_project: TuiProject) -> None:
    row = row_of(tui_project, "小院高墙")
    correct = reference(SEED_000)[row]
    wrong = " It rejects a small courtyard, high wall."
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await type_text(pilot, str(row + 1))
        await pilot.press("enter", "enter")
        app.editor.panel.text_area.insert(correct)  # pasted
        await type_text(pilot, wrong)
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        shown = app.editor.grid.rows[row]
        assert shown.flagged
        assert [(i.term.source, i.problem) for i in shown.violations] == [
            ("小院高墙", TermProblem.FORBIDDEN)
        ]
        text = grid_text(app)
        assert "✗ 小院高墙: “small courtyard, high wall” is forbidden" in text
        assert "1 flagged" in str(app.editor.query_one("#status-text").render())

        await pilot.press("enter")
        await press_keys(pilot, *["backspace"] * len(wrong))
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert not app.editor.grid.rows[row].flagged
        assert "is forbidden" not in grid_text(app)
        assert tui_project.paragraphs()[row].target == correct


async def test_next_untranslated_and_flagged_rows(tui_project: TuiProject) -> None:
    project = tui_project.project
    paragraphs = tui_project.paragraphs()
    english = reference(SEED_000)
    project.set_target(paragraphs[0].id, english[0])
    project.set_target(paragraphs[1].id, english[1])
    row = row_of(tui_project, "小院高墙")
    project.set_target(paragraphs[row].id, "A small courtyard, high wall.")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        assert app.editor.grid.cursor == 2  # rows 1 and 2 are translated
        await pilot.press("u")
        assert app.editor.grid.cursor == 3
        await pilot.press("f")
        assert app.editor.grid.cursor == row
        await pilot.press("f")  # the only flagged row: wraps around to itself
        assert app.editor.grid.cursor == row
        await pilot.press("U")
        assert app.editor.grid.cursor == 3


async def test_search_and_next_match(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    expected = [i for i, p in enumerate(tui_project.paragraphs()) if "引领" in p.source]
    assert len(expected) >= 3
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "引领")
        await pilot.press("enter")
        await pilot.pause()
        visited = [app.editor.grid.cursor]
        for _ in range(len(expected) - 1):
            await pilot.press("n")
            visited.append(app.editor.grid.cursor)
        assert visited == expected
        await pilot.press("N")
        assert app.editor.grid.cursor == expected[-2]


async def test_search_finds_english_too(tui_project: TuiProject) -> None:
    paragraphs = tui_project.paragraphs()
    tui_project.project.set_target(paragraphs[4].id, "Opposing the Small Yard policy.")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "small yard")
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.grid.cursor == 4


async def test_go_to_row_rejects_a_bad_number(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await type_text(pilot, "99")
        await pilot.press("enter")
        await pilot.pause()
        assert "from 1 to 8" in str(app.screen.query_one("#dialog-error").render())
        await pilot.press("backspace", "backspace", "7", "enter")
        await pilot.pause()
        assert app.editor.grid.cursor == 6


async def test_move_paragraph_down_and_undo(tui_project: TuiProject) -> None:
    before = [p.id for p in tui_project.paragraphs(SEED_004.name)]
    app = tui_project.app(document=SEED_004.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("alt+down")
        await pilot.pause()
        after = [p.id for p in tui_project.paragraphs(SEED_004.name)]
        assert after == [before[1], before[0], *before[2:]]
        assert [row.id for row in app.editor.grid.rows] == after
        assert app.editor.grid.cursor == 1  # the cursor follows the paragraph
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [p.id for p in tui_project.paragraphs(SEED_004.name)] == before


async def test_restore_a_dropped_block(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_004.name)
    kept = len(tui_project.paragraphs(SEED_004.name))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")  # the first dropped block
        await pilot.pause()
        rows = app.editor.grid.rows
        assert len(rows) == kept + 1
        restored = rows[app.editor.grid.cursor].paragraph
        assert restored.included
        assert restored.source == "网友评论更多"
        assert tui_project.project.sentences(restored.id)


async def test_conflict_keeps_the_draft_and_the_stored_text(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    first = tui_project.paragraphs()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "My draft")
        # Someone else saves the same row meanwhile.
        tui_project.project.set_target(first.id, "Their text")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert tui_project.paragraphs()[0].target == "Their text"
        panel = app.editor.panel
        assert panel.text == "My draft"
        assert panel.has_class("-conflict")
        assert "Their text" in str(panel.query_one("#editor-conflict").render())
        # Leaving the row cannot lose the draft either: the cursor stays.
        await pilot.press("tab")
        await pilot.pause()
        assert app.editor.grid.cursor == 0
        assert panel.text == "My draft"
        # The translator decides to keep the draft.
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert tui_project.paragraphs()[0].target == "My draft"


async def test_conflict_on_quit_parks_the_draft_for_next_time(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    first = tui_project.paragraphs()[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Unsaved draft")
        tui_project.project.set_target(first.id, "Their text")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "not saved" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("k")  # keep it as a draft for next time
        await pilot.pause()
    tui_project.reopen()
    assert tui_project.paragraphs()[0].target == "Their text"
    again = tui_project.app(document=SEED_000.name)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.editor.panel.text == "Unsaved draft"
        assert again.editor.panel.has_class("-conflict")


async def test_a_draft_survives_a_crash(tui_project: TuiProject) -> None:
    """Typing parks the draft in the project; a session that dies without quitting (no
    save on quit) leaves it there and the next start brings it back, without a conflict."""
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Typed before the crash")
        await drafts_parked(pilot)  # PARK_DELAY after the last key, later on a loaded machine
        with Project.open(tui_project.path) as other:  # what a restart would read
            assert "Typed before the crash" in (other.get_setting(DRAFTS_SETTING) or "")
        # The test ends the app without quitting, as a crash or a closed terminal would.
    tui_project.reopen()
    assert tui_project.paragraphs()[0].target is None
    again = tui_project.app(document=SEED_000.name)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.editor.panel.text == "Typed before the crash"
        assert not again.editor.panel.has_class("-conflict")
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+q")
    assert tui_project.reopen().paragraphs()[0].target == "Typed before the crash"
    assert not tui_project.project.get_setting(DRAFTS_SETTING)


async def test_a_reverted_draft_is_not_brought_back(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Thrown away")
        await drafts_parked(pilot)  # PARK_DELAY after the last key, later on a loaded machine
        await pilot.press("ctrl+r", "escape", "ctrl+q")
        await pilot.pause()
    assert not tui_project.reopen().get_setting(DRAFTS_SETTING)


async def test_clicking_another_row_saves_the_draft(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Saved by leaving")
        await pilot.click(SegmentTable, offset=(10, 3))
        await pilot.pause()
        assert tui_project.paragraphs()[0].target == "Saved by leaving"
        assert app.editor.grid.cursor == 1


async def test_status_bar_counts(tui_project: TuiProject) -> None:
    paragraphs = tui_project.paragraphs()
    project = tui_project.project
    project.set_target(paragraphs[0].id, "Title", approve=True)
    project.set_target(paragraphs[1].id, "Lead")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        status = str(app.editor.query_one("#status-text").render())
        assert "6 new" in status
        assert "1 edited" in status
        assert "1 approved" in status
        assert "¶ 1/8" in status


async def test_command_palette_lists_the_editor_actions(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await palette_search(pilot, "go to row")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        assert app.editor.grid.cursor == 2


async def test_changes_by_another_program_show_up_and_a_draft_is_kept(
    tui_project: TuiProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(editor_screen, "WATCH_INTERVAL", 0.05)
    app = tui_project.app(document=SEED_000.name)
    first, second = tui_project.paragraphs()[:2]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "My draft")
        # Another program (a second editor, `workbench translate`) writes to the file.
        with Project.open(tui_project.path) as other:
            other.set_target(second.id, "Written elsewhere")
            other.set_target(first.id, "Their title")
        shown: list[str | None] = []
        for _ in range(200):  # up to 10 s on a loaded machine; the watcher looks every 0.05 s
            await pilot.pause(0.05)
            shown = [row.paragraph.target for row in app.editor.grid.rows[:2]]
            if shown == ["Their title", "Written elsewhere"]:
                break
        assert shown == ["Their title", "Written elsewhere"]
        await pilot.pause()
        assert "Written elsewhere" in grid_text(app)
        # One notice per look: the two commits may be seen together or one by one.
        notes = [str(note.message) for note in app._notifications]
        changed = [note for note in notes if note.endswith("changed by another program.")]
        assert changed and set(changed) <= {
            "1 row changed by another program.",
            "2 rows changed by another program.",
        }
        # The draft of the first row is still there, and saving it is a conflict.
        panel = app.editor.panel
        assert panel.text == "My draft"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert panel.has_class("-conflict")
        assert tui_project.paragraphs()[0].target == "Their title"
