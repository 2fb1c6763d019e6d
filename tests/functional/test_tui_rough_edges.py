"""Rough edges of the editor, each driven with real keys: typing in the look-up dialog, tab
from the grid, the glossary review's key bar per tab, the add-term default, the
concordance's English centred on the match, memory percentages that never round up to 100,
and plurals in the export message."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from tests.tui_fixtures import SEED_000, TuiProject, settle, settle_typing, type_text
from workbench.core.glossary import TermStatus
from workbench.ingest_rules import default_rules
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.screens.glossary_review import GlossaryReviewScreen
from workbench.tui.screens.lookup_dialog import LookupDialog
from workbench.tui.screens.term_form import TermForm
from workbench.tui.widgets.inspector import Inspector, InspectorTab
from workbench.tui.widgets.key_bar import KeyBar
from workbench.workflows.importing import import_file
from workbench.workflows.memory import import_tmx, save_translation

SIZE = (120, 40)


def key_bar(app: WorkbenchApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


@pytest.mark.usefixtures("real_dictionary")
async def test_typing_after_a_look_up_goes_to_the_word(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await type_text(pilot, "国际")
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LookupDialog)
        field = dialog.query_one("#lookup-input", Input)
        assert dialog.focused is dialog.query_one("#lookup-results", OptionList)
        await type_text(pilot, "化")  # typed while the results have the focus
        assert dialog.focused is field
        assert field.value == "国际化"
        await pilot.press("backspace", "backspace")
        assert field.value == "国"


async def test_tab_from_the_grid_focuses_the_inspector_which_scrolls(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        await pilot.pause()
        focused = app.focused
        inspector = app.editor.query_one(Inspector)
        assert isinstance(focused, InspectorTab) and focused is inspector.open_tab
        assert inspector.has_pseudo_class("focus-within")  # styled: the open tab is marked
        assert "Next tab" in key_bar(app)  # and its keys are in the key bar
        first = inspector.active
        await pilot.press("right")
        await pilot.pause()
        assert inspector.active != first and app.focused is inspector.open_tab
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.editor.grid


async def test_tab_scrolls_the_inspector_with_the_arrows(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        longest = max(range(8), key=lambda i: len(tui_project.paragraphs()[i].source))
        await pilot.press(*["down"] * longest, "tab")
        await settle(pilot)
        tab = app.focused
        assert isinstance(tab, InspectorTab)
        assert tab.max_scroll_y > 0  # the terms of the longest row do not fit
        await pilot.press("down", "down")
        await pilot.pause()
        assert tab.scroll_y > 0


async def test_candidates_tab_says_what_a_does(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, GlossaryReviewScreen)
        terms = key_bar(app)
        assert "a Approve" in terms and "Add as candidate" not in terms
        await pilot.press("c")
        await settle(pilot)
        candidates = key_bar(app)
        assert "a Add as candidate" in candidates and "Approve" not in candidates
        assert "x Dismiss" in candidates and "Reject" not in candidates
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TermForm)


async def test_a_new_term_is_a_candidate_as_with_glossary_add(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "算力网络")
        await pilot.press("tab")
        await type_text(pilot, "computing power network")
        await pilot.press("ctrl+s")
        await settle(pilot)
        term = app.glossary.get("算力网络")
        assert term is not None and term.status is TermStatus.CANDIDATE


async def test_concordance_centres_the_english_on_the_rendering(tui_project: TuiProject) -> None:
    """A Chinese query that is a glossary term: the English line under each hit shows the
    term's rendering in the middle, even far into a long paragraph."""
    query = "人工智能全球治理"
    paragraphs = tui_project.paragraphs()
    row = next(p for p in paragraphs if query in p.source and p.source.index(query) > 60)
    rendering = "global AI governance"
    filler = "The first part of this paragraph says many things at length. " * 6
    save_translation(tui_project.project, row.id, f"{filler}It speaks of {rendering} at last.")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        term = app.glossary.get(query)
        assert term is not None and rendering in (term.target, *term.variants)
        await pilot.press("ctrl+f")
        await type_text(pilot, query)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen) and screen.result is not None
        index = next(i for i, h in enumerate(screen.result.hits) if h.paragraph_id == row.id)
        prompt = str(screen.hits.get_option_at_index(index).prompt)
        english = prompt.splitlines()[1].strip()
        assert rendering in english
        # About the middle of the line, not at its end or start.
        middle = english.index(rendering) + len(rendering) // 2
        assert abs(middle - len(english) // 2) < len(english) // 4


async def test_a_match_differing_in_a_number_is_99_percent_not_100(
    tui_project: TuiProject, tmp_path: Path
) -> None:
    sentence = (
        "二〇二三年十月，中国提出全球人工智能治理倡议，"
        "围绕人工智能发展、安全、治理三方面系统阐述了中国方案。"
    )
    source = sentence * 5 + "会议共有128个国家的代表参加。"  # 99.6% alike: "100%" rounded
    document = tmp_path / "numbers.txt"
    document.write_text(f"数字\n\n{source}\n", encoding="utf-8")
    import_file(tui_project.project, document, default_rules())
    near = source.replace("128", "129")
    (tmp_path / "numbers.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
        'datatype="plaintext" segtype="paragraph" o-tmf="tmx" adminlang="en" '
        'creationtool="test" creationtoolversion="1"/><body><tu>'
        f'<tuv xml:lang="zh-CN"><seg>{near}</seg></tuv>'
        '<tuv xml:lang="en"><seg>Delegates of 129 countries.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    import_tmx(tui_project.project, tmp_path / "numbers.tmx", name="numbers")
    app = tui_project.app(document="numbers.txt")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = [r.paragraph.source for r in app.editor.grid.rows]
        await pilot.press(*["down"] * rows.index(source))
        inspector = app.editor.query_one(Inspector)
        inspector.switch_to("memory")
        await settle_typing(pilot)  # the tab fills a moment (INSPECT_DELAY) after the move
        shown = str(app.editor.query_one("#inspector-tab-memory .inspector-body", Static).render())
        assert "Delegates of 129 countries." in shown
        assert "99%" in shown and "100%" not in shown


async def test_the_export_message_spells_the_plural(tui_project: TuiProject) -> None:
    first = tui_project.paragraphs()[0]
    tui_project.project.set_target(first.id, "Title", approve=True)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e", "ctrl+s")
        await settle(pilot)
        notes = [str(n.message) for n in app._notifications]
        assert any(note.startswith("Exported 1 pair to") for note in notes), notes
        assert not any("(s)" in note for note in notes)
