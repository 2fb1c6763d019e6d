"""The alignment review screen: opened from the editor, corrected by keyboard, saved as a
reference memory (Pilot), and its snapshots at 120x40 and 80x24."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TabbedContent

from tests.functional.test_tui_snapshots import SIZES, _snapshot_folder  # noqa: F401
from tests.tui_fixtures import TuiProject, settle, type_text
from workbench.cli.common import read_glossary_file
from workbench.ingest_rules import default_rules
from workbench.store.memory import MemoryStore
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens import align_review
from workbench.tui.screens.align_review import AlignReviewScreen
from workbench.tui.screens.glossary_review import GlossaryReviewScreen
from workbench.tui.screens.term_form import TermForm
from workbench.workflows.aligning import Alignment, align_files

DATA = Path(__file__).resolve().parent.parent / "data" / "align"
ZH, EN = DATA / "policy_zh.txt", DATA / "policy_en.txt"
SIZE = (120, 40)


@pytest.fixture
def no_dictionary(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Align without CC-CEDICT: fast, and the same on a machine without its index."""
    monkeypatch.setattr(align_review, "open_dictionary", lambda: None)
    yield


def _alignment(env: TuiProject) -> Alignment:
    return align_files(
        ZH,
        EN,
        rules=default_rules(),
        glossary=read_glossary_file(env.glossary_path),
        dictionary=None,
    )


def _rows(screen: AlignReviewScreen) -> int:
    return screen.query_one("#align-table", DataTable).row_count


def _cursor(screen: AlignReviewScreen) -> int:
    return screen.query_one("#align-table", DataTable).cursor_row


async def test_opened_from_the_editor_aligns_the_two_files(
    tui_project: TuiProject, no_dictionary: None
) -> None:
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        await type_text(pilot, str(ZH))
        await pilot.press("enter")
        await type_text(pilot, str(EN))
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlignReviewScreen)
        assert screen.alignment is not None
        assert _rows(screen) == len(screen.alignment.pairs) > 20
        title = str(screen.query_one("#align-title").render())
        assert f"{len(screen.alignment.linked)} pairs" in title


async def test_a_missing_file_is_named_in_the_dialog(
    tui_project: TuiProject, no_dictionary: None
) -> None:
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await type_text(pilot, "nowhere.txt")
        await pilot.press("enter")
        await type_text(pilot, str(EN))
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, AlignReviewScreen)
        assert "nowhere.txt" in str(app.screen.query_one("#align-files-error").render())


async def test_keyboard_corrections_and_save(tui_project: TuiProject) -> None:
    app = tui_project.app()
    alignment = _alignment(tui_project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = AlignReviewScreen(ZH, EN, alignment)
        app.push_screen(screen)
        await settle(pilot)
        rows = _rows(screen)
        await pilot.press("n")
        doubtful = _cursor(screen)
        assert screen.links[doubtful].confidence < align_review.DOUBTFUL
        await pilot.press("c")  # confirmed, and the cursor moves on
        assert screen.links[doubtful].confidence == 1.0
        assert _cursor(screen) == doubtful + 1
        await pilot.press("up", "j")
        assert _rows(screen) == rows - 1
        joined = screen.links[doubtful]
        await pilot.press("s")
        assert _rows(screen) == rows
        assert screen.links[doubtful] != joined
        own = screen.links[doubtful].en
        taken = next(link.en[0] for link in screen.links[doubtful + 1 :] if link.en)
        await pilot.press("right_square_bracket")  # ]: take the next English sentence
        assert screen.links[doubtful].en == (*own, taken)
        await pilot.press("left_square_bracket")  # [: and give it back
        assert screen.links[doubtful].en == own
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.saved
        info = MemoryStore(tui_project.project).memory(screen.memory_name)
        assert info.kind == "reference"
        assert screen.alignment is not None
        assert info.units == len(screen.alignment.linked)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_align_review_snapshot(
    snap_compare: Any, tui_project: TuiProject, quiet_ui: None, size: tuple[int, int]
) -> None:
    app: WorkbenchApp = tui_project.app()
    alignment = _alignment(tui_project)

    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app.push_screen(AlignReviewScreen(ZH, EN, alignment))
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=ready)


async def test_terms_open_the_candidates_with_their_aligned_english(
    tui_project: TuiProject,
) -> None:
    """Mining uses CC-CEDICT (it orders renderings that the few pairs cannot tell apart)."""
    app = tui_project.app()
    alignment = _alignment(tui_project)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(AlignReviewScreen(ZH, EN, alignment))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, GlossaryReviewScreen)
        assert review.query_one("#review-tabs", TabbedContent).active == "review-candidates"
        table = review.query_one("#candidates-table", DataTable)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert "赞比亚" in rows
        assert "Zambia" in str(rows["赞比亚"][3])
        # Adding it opens the term form with the English filled in.
        table.move_cursor(row=list(rows).index("赞比亚"))
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TermForm)
        assert "Zambia" in app.screen.query_one("#term-target", Input).value


async def test_import_key_makes_a_document_with_the_reviewed_english(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app()
    alignment = _alignment(tui_project)
    before = {d.id for d in tui_project.project.documents()}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = AlignReviewScreen(ZH, EN, alignment)
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("home", "s", "s")  # split twice: the first Chinese left alone
        first = screen.links[0]
        assert first.zh and not first.en
        await pilot.press("i")
        await settle(pilot)
    (document,) = [d for d in tui_project.project.documents() if d.id not in before]
    rows = [p for p in tui_project.project.paragraphs(document.id) if p.included]
    title = rows[0]
    assert title.review  # the reviewer left its Chinese without English
    assert sum(1 for row in rows if row.target) >= len(rows) - 1
