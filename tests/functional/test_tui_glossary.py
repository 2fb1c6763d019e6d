"""The glossary review screen: terms, their use in the project, edits and candidates."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList

from tests.tui_fixtures import REFERENCE, SEED_000, SEED_004, TuiProject, settle, type_text
from workbench.core.errors import GlossaryError
from workbench.core.glossary import Term, TermProblem, TermStatus
from workbench.formats import glossary_table
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens import editor as editor_screen
from workbench.tui.screens.glossary_review import GlossaryReviewScreen
from workbench.workflows.glossary_review import dismissed_candidates

SIZE = (120, 40)


def reference(name: str) -> list[str]:
    stem = name.rsplit(".", 1)[0]
    return (REFERENCE / f"{stem}.en.txt").read_text(encoding="utf-8").splitlines()


def translate_all(env: TuiProject) -> None:
    for seed in (SEED_000, SEED_004):
        for paragraph, line in zip(env.paragraphs(seed.name), reference(seed.name), strict=True):
            env.project.set_target(paragraph.id, line)


def table_sources(screen: GlossaryReviewScreen) -> list[str]:
    table = screen.query_one("#terms-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def open_review(pilot) -> GlossaryReviewScreen:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+t")
    await settle(pilot)  # usage and candidates are counted in a worker
    screen = pilot.app.screen
    assert isinstance(screen, GlossaryReviewScreen)
    return screen


async def filter_to(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_table_shows_terms_with_their_use(tui_project: TuiProject) -> None:
    translate_all(tui_project)
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await filter_to(pilot, "小院高墙")
        table = screen.query_one("#terms-table", DataTable)
        assert table.row_count == 1
        source, target, status, rows, used = (str(c) for c in table.get_row_at(0))
        assert (source, target, status) == ("小院高墙", "small yard, high fence", "approved")
        assert rows == "1"
        assert used == "1/1"


async def test_add_term_rechecks_the_rows(tui_project: TuiProject) -> None:
    translate_all(tui_project)
    row = next(i for i, p in enumerate(tui_project.paragraphs()) if "中国方案" in p.source)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.editor.grid.rows[row].flagged
        await open_review(pilot)
        await pilot.press("n")
        await type_text(pilot, "中国方案")
        await pilot.press("tab")
        await type_text(pilot, "China's proposal")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "中国方案" in app.glossary
        assert glossary_table.read(tui_project.glossary_path).get("中国方案") is not None
        # A new term is a candidate (as with `glossary add`): checked once approved.
        assert not app.editor.grid.rows[row].flagged
        await filter_to(pilot, "中国方案")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        flagged = app.editor.grid.rows[row]
        assert [(i.term.source, i.problem) for i in flagged.violations] == [
            ("中国方案", TermProblem.MISSING)
        ]


async def test_invalid_term_shows_the_error_in_the_form(tui_project: TuiProject) -> None:
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("n")
        await type_text(pilot, "数字治理")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#term-error").render())
        assert "the English target is empty" in error
        await pilot.press("tab")
        await type_text(pilot, "digital governance")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryReviewScreen)
        assert app.glossary.get("数字治理") is not None


async def test_adding_a_duplicate_is_refused(tui_project: TuiProject) -> None:
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("n")
        await type_text(pilot, "小院高墙")
        await pilot.press("tab")
        await type_text(pilot, "walled garden")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already in the glossary" in str(app.screen.query_one("#term-error").render())
        assert app.glossary.get("小院高墙").target == "small yard, high fence"  # type: ignore[union-attr]


async def test_approve_reject_and_delete(tui_project: TuiProject) -> None:
    source = "生成式人工智能服务管理暂行办法"
    assert app_glossary_status(tui_project, source) is TermStatus.CANDIDATE
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await filter_to(pilot, source)
        await pilot.press("a")
        await pilot.pause()
        assert app_glossary_status(tui_project, source) is TermStatus.APPROVED
        await pilot.press("x")
        await pilot.pause()
        assert app_glossary_status(tui_project, source) is TermStatus.REJECTED
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")  # the confirmation: no
        await pilot.pause()
        assert app_glossary_status(tui_project, source) is TermStatus.REJECTED
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app_glossary_status(tui_project, source) is None
        assert table_sources(screen) == []


def app_glossary_status(env: TuiProject, source: str) -> TermStatus | None:
    term = glossary_table.read(env.glossary_path).get(source)
    return term.status if term else None


async def test_occurrences_jump_to_the_row(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_004.name)
    row = next(i for i, p in enumerate(tui_project.paragraphs()) if "小院高墙" in p.source)
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await filter_to(pilot, "小院高墙")
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.editor
        assert app.editor.document is not None
        assert app.editor.document.name == SEED_000.name
        assert app.editor.grid.cursor == row


async def test_inconsistent_renderings_are_grouped(tui_project: TuiProject) -> None:
    paragraphs = [p for p in tui_project.paragraphs() if "人工智能全球治理" in p.source]
    project = tui_project.project
    project.set_target(paragraphs[0].id, "On global AI governance.")
    project.set_target(paragraphs[1].id, "On the global governance of AI.")
    project.set_target(paragraphs[2].id, "On world AI rules.")
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await filter_to(pilot, "global AI governance")
        sources = table_sources(screen)
        table = screen.query_one("#terms-table", DataTable)
        table.move_cursor(row=sources.index("人工智能全球治理"))
        await pilot.pause()
        assert "inconsistently" in str(screen.query_one("#term-info").render())
        options = screen.query_one("#occurrences", OptionList)
        headings = [
            str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
            if options.get_option_at_index(i).disabled
        ]
        assert headings[0] == "✔ approved rendering “global AI governance” · 1"
        assert headings[1] == "✔ variant “global governance of AI” · 1"
        assert headings[2] == "✗ no approved rendering · 1"
        assert headings[3].startswith("◌ not translated yet")


async def test_candidates_dismiss_and_accept(tui_project: TuiProject) -> None:
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await pilot.press("c")
        await pilot.pause()
        first, second = screen.candidates[0].text, screen.candidates[1].text
        await pilot.press("x")
        await pilot.pause()
        assert first not in [c.text for c in screen.candidates]
        assert first in dismissed_candidates(tui_project.project)
        assert screen.candidates[0].text == second
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "candidate English")
        await pilot.press("ctrl+s")
        await settle(pilot)
        term = app.glossary.get(second)
        assert term is not None
        assert term.status is TermStatus.CANDIDATE
        assert second not in [c.text for c in screen.candidates]


@pytest.fixture
def watching_app(tui_project: TuiProject, monkeypatch: pytest.MonkeyPatch) -> WorkbenchApp:
    """The editor on seed 000, looking for changes made elsewhere every 0.05 s."""
    monkeypatch.setattr(editor_screen, "WATCH_INTERVAL", 0.05)
    return tui_project.app(document=SEED_000.name)


async def test_a_glossary_file_changed_elsewhere_is_reloaded_and_never_overwritten(
    tui_project: TuiProject, watching_app: WorkbenchApp
) -> None:
    path, app = tui_project.glossary_path, watching_app
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # `workbench glossary add` in another terminal: the editor picks the term up.
        on_disk = glossary_table.read(path)
        glossary_table.write(on_disk.with_term(Term("信心", "confidence")), path)
        for _ in range(200):  # up to 10 s on a loaded machine
            await pilot.pause(0.05)
            if "信心" in app.glossary:
                break
        assert "信心" in app.glossary
        notes = [str(note.message) for note in app._notifications]
        assert any("glossary file was changed by another program" in note for note in notes)
        # Another change lands just before an edit in the editor, before the watcher runs:
        # the edit is made on top of it, and both survive in the file.
        on_disk = glossary_table.read(path)
        glossary_table.write(on_disk.with_term(Term("能力", "capacity")), path)
        app.update_glossary(app.glossary.with_term(Term("引领", "lead")))
        saved = glossary_table.read(path)
        assert {"信心", "能力", "引领"} <= {term.source for term in saved}
        assert "能力" in app.glossary and "引领" in app.glossary


async def test_a_glossary_file_broken_elsewhere_is_never_written_over(
    tui_project: TuiProject, watching_app: WorkbenchApp
) -> None:
    path, app = tui_project.glossary_path, watching_app
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        broken = path.read_text(encoding="utf-8") + "半句话\n"  # a hand edit in progress
        path.write_text(broken, encoding="utf-8")

        def errors() -> list[str]:
            return [str(n.message) for n in app._notifications if n.severity == "error"]

        for _ in range(200):  # up to 10 s on a loaded machine
            await pilot.pause(0.05)
            if errors():
                break
        # More looks at the same broken file report nothing new. Proving that something
        # does not happen needs a fixed wait: half a second is some ten looks (one every
        # 0.05 s) on a fast machine, still a few on a loaded one.
        for _ in range(10):
            await pilot.pause(0.05)
        assert len(errors()) == 1 and "The glossary in use is kept" in errors()[0]
        with pytest.raises(GlossaryError, match="nothing was saved"):
            app.update_glossary(app.glossary.with_term(Term("引领", "lead")))
        assert path.read_text(encoding="utf-8") == broken
        # Once the file is whole again, the edit goes on top of it.
        path.write_text(broken.replace("半句话\n", "半句话\thalf a sentence\n"), encoding="utf-8")
        app.update_glossary(app.glossary.with_term(Term("引领", "lead")))
        assert {"半句话", "引领"} <= {term.source for term in glossary_table.read(path)}
