"""The dictionary and the concordance in the editor, driven with real keystrokes: the
Dictionary tab, the word cursor, the look-up dialog, the concordance screen, and glossary
terms added from a dictionary sense or a concordance hit. The seeds are imported into a
temporary project; the dictionary is the real CC-CEDICT, indexed once per test session."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.tui_fixtures import (
    REFERENCE,
    SEED_000,
    SEED_004,
    FakeTranslation,
    TuiProject,
    palette_search,
    settle,
    type_text,
    wait_until,
)
from workbench.core.glossary import Glossary, TermProblem, TermStatus
from workbench.formats import glossary_table
from workbench.store.dictionary_index import CEDICT_ENV, ProgressCallback
from workbench.tui.app import WorkbenchApp, create_app
from workbench.tui.dictionary import Phase
from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.screens.lookup_dialog import LookupDialog
from workbench.tui.screens.term_form import TermForm
from workbench.workflows.lookup import LookupService
from workbench.workflows.memory import import_tmx, save_translation

pytestmark = pytest.mark.usefixtures("real_dictionary")

SIZE = (120, 40)
MEMORY = Path(__file__).resolve().parents[1] / "data" / "memory" / "global_ai_governance.tmx"


def row_of(env: TuiProject, needle: str, seed: Path = SEED_000) -> int:
    """0-based row of the first paragraph whose Chinese contains `needle`."""
    return next(i for i, p in enumerate(env.paragraphs(seed.name)) if needle in p.source)


def translate(env: TuiProject, seed: Path = SEED_000) -> None:
    """The reference English for every row of a seed (saved as the translator would)."""
    lines = (REFERENCE / f"{seed.stem}.en.txt").read_text(encoding="utf-8").splitlines()
    for paragraph, line in zip(env.paragraphs(seed.name), lines, strict=True):
        save_translation(env.project, paragraph.id, line)


def text_of(app: WorkbenchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def word_lines(app: WorkbenchApp) -> list[str]:
    """The Dictionary tab's list of words, one line each."""
    return text_of(app, "#dictionary-words").splitlines()


def word_detail(app: WorkbenchApp) -> str:
    return text_of(app, "#inspector-tab-dictionary .inspector-body")


def options(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def go_to_row(pilot: Pilot[None], row: int) -> None:
    await pilot.press("g", *str(row + 1), "enter")
    await settle(pilot)


async def open_concordance(pilot: Pilot[None], query: str) -> ConcordanceScreen:
    await pilot.press("ctrl+f")
    await type_text(pilot, query)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ConcordanceScreen)
    return screen


# -- the Dictionary tab ---------------------------------------------------------------------


async def test_dictionary_tab_lists_the_row_words_glossary_terms_first(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to_row(pilot, row_of(tui_project, "弥合不断扩大的数字鸿沟"))
        await pilot.press("w")
        await settle(pilot)
        lines = word_lines(app)
        words = [line.split()[0] for line in lines]
        terms = [i for i, line in enumerate(lines) if "✔" in line or "◌" in line]
        assert terms == list(range(len(terms))), "glossary terms come first"
        by_word = dict(zip(words, lines, strict=True))
        assert "✔ global AI governance" in by_word["人工智能全球治理"]
        assert "✔ digital divide" in by_word["数字鸿沟"]
        assert "mí hé" in by_word["弥合"]  # a dictionary word, pinyin with tone marks
        assert "zhàng yì zhí yán  to speak out for justice" in by_word["仗义执言"]
        assert words.index("弥合") > terms[-1]
        assert len(words) == len(set(words)), "each word once"
        assert "，" not in words
        # Another row: its own words, found while the tab stays open.
        await go_to_row(pilot, row_of(tui_project, "系统回答了为什么要加强全球治理"))
        words = [line.split()[0] for line in word_lines(app)]
        assert {"全球治理", "人工智能", "全球人工智能治理倡议"} <= set(words)
        assert "数字鸿沟" not in words


async def test_word_cursor_in_the_tab_and_while_editing(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)  # row 1: 积极参与和引领人工智能全球治理（和音）
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("alt+right")  # shows the Dictionary tab and selects the first word
        await settle(pilot)
        assert word_detail(app).startswith("▸ 积极")
        for _ in range(4):
            await pilot.press("alt+right")
        await settle(pilot)
        detail = word_detail(app)
        assert detail.startswith("▸ 人工智能全球治理")
        assert "glossary ✔ global AI governance" in detail
        marked = [line for line in word_lines(app) if line.startswith("▸")]
        assert marked == [next(line for line in word_lines(app) if "人工智能全球治理" in line)]
        await pilot.press("alt+left")
        await settle(pilot)
        assert word_detail(app).startswith("▸ 引领")
        assert "yǐn lǐng" in word_detail(app)
        # While editing, the word is glossed under the Chinese and the keys still move it.
        await pilot.press("enter")
        await pilot.press("alt+right")
        await settle(pilot)
        panel = app.editor.panel
        assert panel.display and panel.draft is not None
        gloss = text_of(app, "#editor-gloss")
        assert gloss.startswith("人工智能全球治理") and "✔ global AI governance" in gloss
        await pilot.press("escape")  # closes the editor; the word cursor stays on the row
        await pilot.pause()
        assert word_detail(app).startswith("▸ 人工智能全球治理")
        await pilot.press("down")
        await settle(pilot)
        assert not word_detail(app).startswith("▸"), "another row starts without a word cursor"


# -- the look-up dialog ---------------------------------------------------------------------


async def test_typed_lookup_in_traditional_finds_the_simplified_word(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await type_text(pilot, "國際")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LookupDialog)
        results = dialog.query_one("#lookup-results", OptionList)
        completions = [" ".join(line.split()) for line in options(results)]
        assert completions[0].startswith("国际 (國際) guó jì international")
        assert any(line.startswith("国际化 (國際化)") for line in completions)
        await pilot.press("enter")
        await settle(pilot)
        shown = options(results)
        assert shown[0].startswith("国际 (國際)  guó jì")
        assert shown[1] == "  1. international"
        assert dialog.focused is results  # ready to pick a sense
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.editor


async def test_add_to_glossary_from_a_sense_rechecks_the_rows(tui_project: TuiProject) -> None:
    translate(tui_project)
    row = row_of(tui_project, "仗义执言")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.editor.grid.rows[row].flagged
        await pilot.press("ctrl+l")
        await type_text(pilot, "仗义执言")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # the first sense, highlighted
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TermForm)
        prefilled = {
            name: form.query_one(f"#term-{name}", Input).value
            for name in ("source", "target", "note")
        }
        sense = "to speak out for justice (idiom); to take a stand on a matter of principle"
        assert prefilled == {
            "source": "仗义执言",
            "target": sense,
            "note": f"from CC-CEDICT: 仗义执言 [zhàng yì zhí yán] sense 1: {sense}",
        }
        await pilot.press("ctrl+u")  # the translator keeps a shorter English …
        await type_text(pilot, "speak out for justice")
        await pilot.press("tab", "tab", "tab", "enter", "up", "enter")  # … and approves it
        await pilot.press("ctrl+s")
        await settle(pilot)
        term = glossary_table.read(tui_project.glossary_path).get("仗义执言")
        assert term is not None
        assert (term.target, term.status) == ("speak out for justice", TermStatus.APPROVED)
        assert term.note.startswith("from CC-CEDICT: 仗义执言")
        assert isinstance(app.screen, LookupDialog)  # back in the dialog, the word re-read
        first = options(app.screen.query_one("#lookup-results", OptionList))[0]
        assert first == "仗义执言  glossary ✔ speak out for justice"
        await pilot.press("escape")
        await settle(pilot)
        # The row's English ("spoken up for developing countries") misses the new term.
        flagged = app.editor.grid.rows[row]
        assert [(i.term.source, i.problem) for i in flagged.violations] == [
            ("仗义执言", TermProblem.MISSING)
        ]
        assert app.dictionary._service is not None
        assert app.dictionary._service.glossary.get("仗义执言") == term


# -- the concordance ------------------------------------------------------------------------


async def test_concordance_of_chinese_lists_rows_and_memory_and_jumps(
    tui_project: TuiProject,
) -> None:
    translate(tui_project)
    import_tmx(tui_project.project, MEMORY, name="reference")
    target = row_of(tui_project, "人工智能全球治理", SEED_004)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_concordance(pilot, "人工智能全球治理")
        assert screen.result is not None
        hits = screen.result.hits
        places = [(h.origin, h.document, h.paragraph_number) for h in hits]
        assert ("project", SEED_000.name, 1) in places
        assert ("project", SEED_004.name, target + 1) in places
        assert ("reference", "", 0) in places
        assert places.index(("reference", "", 0)) == len(places) - 1, "memories come last"
        prompts = options(screen.hits)
        first = prompts[0].splitlines()
        assert first[0].startswith(f"{SEED_000.name} ¶1")
        assert "积极参与和引领人工智能全球治理（和音）" in first[0]
        assert "Leading Global AI Governance" in first[1]  # its other side, under it
        memory = prompts[-1].splitlines()
        assert memory[0].startswith("memory reference") and "推进人工智能全球治理" in memory[0]
        assert "advance global AI governance" in memory[1]
        title = text_of(app, "#concordance-title")
        assert f"{len(hits)} hits · {len(hits) - 1} in the project · 1 in memories" in title
        # Enter on a hit of the other seed opens that document at the row.
        await pilot.press(*["down"] * places.index(("project", SEED_004.name, target + 1)))
        assert SEED_004.name in text_of(app, "#concordance-hit")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.editor
        assert app.editor.document is not None and app.editor.document.name == SEED_004.name
        assert app.editor.grid.cursor == target


async def test_concordance_of_english_from_the_palette(tui_project: TuiProject) -> None:
    translate(tui_project)
    import_tmx(tui_project.project, MEMORY, name="reference")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await palette_search(pilot, "concordance")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConcordanceScreen)
        await type_text(pilot, "GLOBAL AI governance")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen) and screen.result is not None
        rows = [h for h in screen.result.hits if not h.in_memory]
        memory = [h for h in screen.result.hits if h.in_memory]
        assert {h.document for h in rows} == {SEED_000.name}  # seed 004 has no English
        assert [h.origin for h in memory] == ["reference"]
        assert all("global ai governance" in h.english.lower() for h in rows)
        first = options(screen.hits)[0].splitlines()
        assert "Global AI Governance" in first[0] and "人工智能全球治理" in first[1]
        # A memory pair has no row to open: the screen says so and stays.
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "from the memory 'reference'" in str(list(app._notifications)[-1].message)


async def test_add_to_glossary_from_concordance_hits(tui_project: TuiProject) -> None:
    translate(tui_project)
    import_tmx(tui_project.project, MEMORY, name="reference")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_concordance(pilot, "治理")
        await pilot.press("ctrl+g")  # the first hit: row 1, "… Global AI Governance …"
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TermForm)
        assert form.query_one("#term-source", Input).value == "治理"
        assert form.query_one("#term-target", Input).value == "governance"
        assert form.query_one("#term-note", Input).value == (
            f"from the concordance: {SEED_000.name} ¶1"
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        term = glossary_table.read(tui_project.glossary_path).get("治理")
        assert term is not None and term.status is TermStatus.CANDIDATE
        assert app.editor.checker is not None and "治理" in app.editor.checker.glossary
        # An English query whose Chinese the dictionary cannot name: the form opens with the
        # English and the memory as the note, for the translator to give the Chinese.
        await pilot.press("slash", "ctrl+u")
        await type_text(pilot, "unbalanced")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, TermForm)
        assert form.query_one("#term-source", Input).value == ""
        assert form.query_one("#term-target", Input).value == "unbalanced"
        note = form.query_one("#term-note", Input).value
        assert note == "from the concordance: memory 'reference'"
        await type_text(pilot, "不均衡")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = glossary_table.read(tui_project.glossary_path).get("不均衡")
        assert added is not None and added.target == "unbalanced"
        assert isinstance(app.screen, ConcordanceScreen)


# -- opening the dictionary -----------------------------------------------------------------


async def test_first_open_shows_the_index_being_built(tui_project: TuiProject) -> None:
    gate = threading.Event()

    def slow_first_build(glossary: Glossary, progress: ProgressCallback) -> LookupService:
        progress(30_000, 120_000)  # as the index build reports it
        gate.wait(timeout=10)
        return LookupService.open(glossary)

    app = create_app(
        tui_project.project,
        tui_project.glossary_path,
        translator_provider=FakeTranslation,
        lookup_provider=slow_first_build,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        # Shown once the build has reported its progress (the build waits for the gate).
        await wait_until(pilot, lambda: "Building" in word_detail(app), "the build", workers=False)
        assert word_detail(app) == "Building the dictionary index (first use only)… 25%"
        assert any("first use only" in str(n.message) for n in app._notifications)
        await pilot.press("down")  # the editor keeps working meanwhile
        assert app.editor.grid.cursor == 1
        gate.set()
        await settle(pilot)
        await settle(pilot)
        assert any("作为" in line for line in word_lines(app))


async def test_a_missing_dictionary_is_reported_and_nothing_else_breaks(
    tui_project: TuiProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tui_project.root / "no-such-cedict.txt"
    monkeypatch.setenv(CEDICT_ENV, str(missing))
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        message = word_detail(app)
        assert message.startswith("The dictionary is not available:")
        assert str(missing) in message
        await pilot.press("ctrl+l")
        await type_text(pilot, "国际")
        await settle(pilot)
        assert str(app.screen.query_one("#lookup-status").render()).startswith(
            "The dictionary is not available:"
        )
        await pilot.press("escape")
        # Editing, saving and the concordance do not need the dictionary.
        await pilot.press("enter")
        await type_text(pilot, "Title")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert tui_project.paragraphs()[0].target == "Title"
        await pilot.press("escape")
        await open_concordance(pilot, "Title")
        assert isinstance(app.screen, ConcordanceScreen) and app.screen.result is not None
        assert app.screen.result.total == 1
        await pilot.press("escape")
        # Once the dictionary is there, opening the look-up dialog tries again.
        monkeypatch.delenv(CEDICT_ENV)
        await pilot.press("ctrl+l")
        await settle(pilot)
        # What was typed before esc is back (and looked up again).
        assert app.screen.query_one(Input).value == "国际"
        await settle(pilot)
        await settle(pilot)
        assert app.dictionary.status.phase is Phase.READY
        options = app.screen.query_one(OptionList).options
        assert "guó jì" in "\n".join(str(option.prompt) for option in options)
