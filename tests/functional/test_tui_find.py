"""Filters, find and replace, problem keys and order warnings in the editor, with real keys
(issue 13, items 2, 3 and 10)."""

from __future__ import annotations

from textual.widgets import Label, OptionList

from tests.tui_fixtures import (
    SEED_000,
    SEED_004,
    TuiProject,
    grid_text,
    press_keys,
    settle,
    type_text,
)
from workbench.core.segments import Status
from workbench.tui.filters import FilterKind
from workbench.tui.screens.filter_dialog import FilterDialog
from workbench.tui.screens.find_replace import FindReplaceScreen
from workbench.workflows.memory import save_translation

SIZE = (120, 40)


def translate_some(env: TuiProject, seed: str = SEED_000.name) -> list[int]:
    """The translator's English on rows 1, 3 and 5 (each says "governance" once)."""
    paragraphs = env.paragraphs(seed)
    ids = []
    for index in (0, 2, 4):
        save_translation(env.project, paragraphs[index].id, f"Row {index + 1} on governance.")
        ids.append(paragraphs[index].id)
    return ids


def status_extra(app: object) -> str:
    label = app.editor.query_one("#status-extra", Label)  # type: ignore[attr-defined]
    return str(label.render()) if label.display else ""


async def choose_filter(pilot: object, kind: FilterKind) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    await pilot.press("v")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, FilterDialog)
    listing = app.screen.query_one(OptionList)
    target = list(FilterKind).index(kind)
    steps = target - (listing.highlighted or 0)
    await press_keys(pilot, *(["down"] * steps if steps > 0 else ["up"] * -steps))  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_untranslated_filter_and_back(tui_project: TuiProject) -> None:
    translate_some(tui_project)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        total = len(app.editor.grid.rows)
        await choose_filter(pilot, FilterKind.UNTRANSLATED)
        rows = app.editor.grid.rows
        assert len(rows) == total - 3
        assert all(row.paragraph.status in (Status.NEW, Status.MACHINE) for row in rows)
        # Rows keep their numbers in the document.
        assert [row.number for row in rows[:2]] == [2, 4]
        assert "filter: untranslated" in status_extra(app)
        await pilot.press("V")
        await settle(pilot)
        assert len(app.editor.grid.rows) == total
        assert "filter" not in status_extra(app)


async def test_status_and_review_filters(tui_project: TuiProject) -> None:
    ids = translate_some(tui_project)
    tui_project.project.set_review(ids[1], True)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose_filter(pilot, FilterKind.EDITED)
        assert [row.id for row in app.editor.grid.rows] == ids
        await choose_filter(pilot, FilterKind.REVIEW)
        assert [row.id for row in app.editor.grid.rows] == [ids[1]]
        await choose_filter(pilot, FilterKind.PROBLEMS)
        shown = [row.id for row in app.editor.grid.rows]
        assert ids[1] in shown
        assert all(row.flagged or row.paragraph.review or row.qa for row in app.editor.grid.rows)


async def test_text_filter_typed_in_the_dialog(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("shift+tab")  # from the list to the text line
        await type_text(pilot, "倡议")
        await pilot.press("enter")
        await settle(pilot)
        rows = app.editor.grid.rows
        assert rows and all("倡议" in row.paragraph.source for row in rows)
        assert len(rows) < len(tui_project.paragraphs())
        assert "Chinese “倡议”" in status_extra(app)


async def test_problem_keys_reach_rows_marked_for_review(tui_project: TuiProject) -> None:
    paragraphs = tui_project.paragraphs()
    marked = paragraphs[6].id
    tui_project.project.set_review(marked, True)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not any(row.flagged for row in app.editor.grid.rows)
        await pilot.press("f")
        await pilot.pause()
        assert app.editor.current is not None and app.editor.current.id == marked
        await pilot.press("home", "F")
        await pilot.pause()
        assert app.editor.current is not None and app.editor.current.id == marked


async def test_find_and_replace_all_is_one_undo_step(tui_project: TuiProject) -> None:
    ids = translate_some(tui_project)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindReplaceScreen)
        await type_text(pilot, "governance")
        await pilot.press("tab")
        await type_text(pilot, "stewardship")
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.changes) == 3
        preview = screen.query_one("#find-preview", OptionList)
        assert preview.option_count == 3
        assert "3 rows would change" in str(screen.query_one("#find-summary", Label).render())
        await pilot.press("alt+a")
        await settle(pilot)
        assert screen.changes == []
        await pilot.press("escape")
        await settle(pilot)
        targets = [tui_project.project.paragraph(i).target for i in ids]
        assert targets == [f"Row {n} on stewardship." for n in (1, 3, 5)]
        assert "Row 1 on stewardship." in grid_text(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        targets = [tui_project.project.paragraph(i).target for i in ids]
        assert targets == [f"Row {n} on governance." for n in (1, 3, 5)]


async def test_replace_one_and_options(tui_project: TuiProject) -> None:
    ids = translate_some(tui_project)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindReplaceScreen)
        await type_text(pilot, "GOVERNANCE")
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.changes) == 3
        await pilot.press("alt+c")  # match case: nothing is written in capitals
        await settle(pilot)
        assert screen.changes == []
        await pilot.press("alt+c")
        await pilot.press("tab")
        await type_text(pilot, "rule")
        await pilot.press("enter", "alt+o")
        await settle(pilot)
        assert len(screen.changes) == 2
        await pilot.press("escape")
        await settle(pilot)
        targets = [tui_project.project.paragraph(i).target for i in ids]
        assert targets == ["Row 1 on rule.", "Row 3 on governance.", "Row 5 on governance."]


async def test_bad_regex_is_a_message(tui_project: TuiProject) -> None:
    translate_some(tui_project)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindReplaceScreen)
        await pilot.press("alt+r")
        await type_text(pilot, "(gov")
        await pilot.press("enter", "alt+a")
        await settle(pilot)
        summary = str(screen.query_one("#find-summary", Label).render())
        assert "not a valid regular expression" in summary
        assert app.screen is screen


async def test_find_in_the_chinese_and_go_to_the_row(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("R", "alt+z")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindReplaceScreen)
        await type_text(pilot, "小院高墙")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.found
        wanted = screen.found[0].paragraph_id
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert app.editor.current is not None and app.editor.current.id == wanted


async def test_order_warning_shown_and_cleared_by_a_move(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_004.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "order" in status_extra(app)
        rows = app.editor.grid.rows
        yi_shi = next(i for i, row in enumerate(rows) if row.paragraph.source.startswith("一是"))
        app.editor.grid.move_cursor(yi_shi)
        await pilot.pause()
        await pilot.press("alt+up", "alt+up")
        await settle(pilot)
        assert "order" not in status_extra(app)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "order" in status_extra(app)


async def test_document_picker_shows_the_order_warning(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(2)]
        assert "order" not in prompts[0] and "⚠ order" in prompts[1]


async def test_a_second_filter_sees_the_checks_of_rows_the_first_one_hid(
    tui_project: TuiProject,
) -> None:
    """The quality pass that ran while "edited" was shown also checked the hidden rows: the
    warnings filter chosen next finds the machine-translated rows' warnings."""
    translate_some(tui_project)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")  # machine output everywhere: short, so it gets warnings
        await settle(pilot)
        await choose_filter(pilot, FilterKind.EDITED)
        app.editor.run_quality_checks()  # a pass while the filter is on
        await settle(pilot)
        await choose_filter(pilot, FilterKind.WARNINGS)
        shown = app.editor.grid.rows
        assert shown and any(row.paragraph.status is Status.MACHINE for row in shown)


# -- a few thousand rows: find, filter and replace-all in a worker ------------------------

BIG = 3000


def big_document(env: TuiProject) -> tuple[str, list[int]]:
    """A document of BIG rows, each with the translator's English ("governance" in each);
    only every tenth says "global governance", as the glossary wants for 全球治理."""
    from workbench.ingest_rules import default_rules
    from workbench.store.project import TargetEdit
    from workbench.workflows.importing import import_file

    path = env.path.parent / "big.txt"
    path.write_text(
        "\n\n".join(f"第{n}段：全球治理改革的原则之{n}。" for n in range(1, BIG + 1)) + "\n",
        encoding="utf-8",
    )
    import_file(env.project, path, default_rules())
    paragraphs = env.project.paragraphs(env.project.resolve_document("big.txt").id)
    assert len(paragraphs) == BIG
    english = [
        TargetEdit(
            p.id,
            f"Principle {n} of global governance reform."
            if n % 10 == 0
            else f"Principle {n} of governance.",
            None,
        )
        for n, p in enumerate(paragraphs, start=1)
    ]
    env.project.set_targets(english)
    return "big.txt", [p.id for p in paragraphs]


def replaced(env: TuiProject) -> int:
    """Rows of the big document whose English says "stewardship", read on a second
    connection (what another program sees)."""
    from workbench.store.project import Project

    with Project.open(env.path, read_only=True) as other:
        document = other.resolve_document("big.txt").id
        return sum("stewardship" in (p.target or "") for p in other.paragraphs(document))


async def open_find(pilot: object, find: str, new: str) -> FindReplaceScreen:
    await pilot.press("R")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, FindReplaceScreen)
    await type_text(pilot, find)  # type: ignore[arg-type]
    await pilot.press("tab")  # type: ignore[attr-defined]
    await type_text(pilot, new)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    return screen


async def test_big_document_filter_find_and_replace_all_in_a_worker(
    tui_project: TuiProject, monkeypatch: object
) -> None:
    name, _ = big_document(tui_project)
    progress: list[str] = []  # every summary the dialog shows
    original = FindReplaceScreen._summary

    def record(self: FindReplaceScreen, text: object, *, error: bool = False) -> None:
        progress.append(str(text))
        original(self, text, error=error)  # type: ignore[arg-type]

    monkeypatch.setattr(FindReplaceScreen, "_summary", record)  # type: ignore[attr-defined]
    app = tui_project.app(document=name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("shift+tab")  # from the list to the text line
        await type_text(pilot, "REFORM")
        await pilot.press("enter")
        await settle(pilot)
        assert [row.number for row in app.editor.grid.rows] == list(range(10, BIG + 1, 10))
        await pilot.press("V")
        await settle(pilot)
        screen = await open_find(pilot, "governance", "stewardship")
        assert len(screen.changes) == BIG
        assert "3,000 rows would change" in str(screen.query_one("#find-summary", Label).render())
        assert any(p.startswith("Searching… 500 of 3,000 rows") for p in progress)
        await pilot.press("alt+a")
        await settle(pilot)
        assert any(p.startswith("Replacing… 2,500 of 3,000 rows") for p in progress)
        assert replaced(tui_project) == BIG
        assert screen.changes == []
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+z")  # one step takes every row back
        await settle(pilot)
        assert replaced(tui_project) == 0


async def test_replace_all_stopped_with_esc_changes_nothing(
    tui_project: TuiProject, monkeypatch: object
) -> None:
    import threading

    from workbench.tui.screens import find_replace

    name, _ = big_document(tui_project)
    reached, go = threading.Event(), threading.Event()
    real = find_replace.apply_replace

    def paused(project: object, changes: object, *, progress: object, cancelled: object) -> object:
        def report(done: int, total: int) -> None:
            progress(done, total)  # type: ignore[operator]
            if done == 2000:  # four chunks of 500 are written: hold until esc is pressed
                reached.set()
                go.wait(30)

        return real(project, changes, progress=report, cancelled=cancelled)  # type: ignore[arg-type]

    monkeypatch.setattr(find_replace, "apply_replace", paused)  # type: ignore[attr-defined]
    # The pause holds the project's lock mid-write, so the change watcher (every 2 s on the
    # UI thread) would wait for it and the esc below would never be read: stop the watcher.
    from workbench.tui.screens.editor import EditorScreen

    monkeypatch.setattr(EditorScreen, "_watch_project", lambda self: None)  # type: ignore[attr-defined]
    app = tui_project.app(document=name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_find(pilot, "governance", "stewardship")
        await pilot.press("alt+a")
        while not reached.is_set():
            await pilot.pause(0.05)
        await pilot.press("escape")  # stops the replacement, does not close the dialog
        await pilot.pause()
        assert app.screen is screen
        go.set()
        await settle(pilot)
        assert replaced(tui_project) == 0
        # The 2,000 rows written before esc were taken back by undoing their step, and
        # that undo ends the redo chain: ctrl+y cannot bring the part-way step back.
        assert not tui_project.project.can_redo()
        assert "nothing was changed" in str(screen.query_one("#find-summary", Label).render())
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.editor
        assert "stewardship" not in grid_text(app)


async def test_a_regex_too_slow_is_a_message_not_a_hang(tui_project: TuiProject) -> None:
    paragraphs = tui_project.paragraphs()
    save_translation(tui_project.project, paragraphs[0].id, "a" * 40 + "!")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("R", "alt+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FindReplaceScreen)
        await type_text(pilot, "(a|a)+$")
        await pilot.press("enter")
        await settle(pilot)
        summary = str(screen.query_one("#find-summary", Label).render())
        assert summary.startswith("pattern too slow: '(a|a)+$'")
        assert screen.changes == []


async def test_errors_filter_on_a_large_document_checks_in_a_worker(
    tui_project: TuiProject, monkeypatch: object
) -> None:
    from workbench.tui.screens.editor import EditorScreen

    name, _ = big_document(tui_project)
    # The background pass that checks a large document after loading does not run: the
    # filter has to check the rows itself, in its own worker.
    monkeypatch.setattr(EditorScreen, "fill_checks", lambda self: None)  # type: ignore[attr-defined]
    app = tui_project.app(document=name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert sum(row.check is None for row in app.editor.grid.rows) > 2000
        await choose_filter(pilot, FilterKind.ERRORS)
        await settle(pilot)
        numbers = [row.number for row in app.editor.grid.rows]
        assert numbers == [n for n in range(1, BIG + 1) if n % 10]
        assert "filter: errors (2,700 rows)" in status_extra(app)
        notices = [str(n.message) for n in app._notifications]
        assert any(n.startswith("Checking the glossary in 2,9") for n in notices), notices
