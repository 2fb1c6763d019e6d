"""A large document opens in two steps: the rows around the remembered cursor first, the
rest from a worker (`tui/screens/editor_loading.py`).

The threshold is lowered (a 300-row document counts as large) and the worker's read is held
at a gate: it reads the whole document, then waits until the test opens the gate, so that
whatever the test does meanwhile happens after the worker's read, as on a slow load.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen

from tests.tui_fixtures import GLOSSARY, grid_text, keys_done, settle, type_text
from workbench.core.ingest import split_sentences
from workbench.core.segments import CleanDocument, CleanParagraph, DocumentMetadata, ParagraphKind
from workbench.store.project import Project
from workbench.tui.app import WorkbenchApp, create_app
from workbench.tui.screens import editor_loading
from workbench.tui.screens.editor import ROW_SETTING
from workbench.tui.widgets.status_bar import StatusBar
from workbench.workflows.memory import save_translation

ROWS = 300
CURSOR = 150  # the remembered row (1-based)
AROUND = 10  # rows read either side of it first
FAR = 290  # a row outside the first part
SIZE = (120, 40)


def source(number: int) -> str:
    return f"第{number}段。人工智能全球治理需要各国共同参与。"


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("two_step") / "big.sqlite"
    texts = [source(i + 1) for i in range(ROWS)]
    with Project.open(path) as project:
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
            path="big.txt",
            sha256="0" * 64,
            encoding="utf-8",
            fmt="txt",
            sentences=[split_sentences(text) for text in texts],
        )
        remembered = project.paragraphs(document.id)[CURSOR - 1].id
        project.set_setting(ROW_SETTING.format(document=document.id), str(remembered))
    return path


@dataclass
class Gate:
    read: threading.Event  # the worker has read the whole document
    release: threading.Event  # the test lets it go on


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    monkeypatch.setattr(editor_loading, "TWO_STEP_ABOVE", 100)
    monkeypatch.setattr(editor_loading, "FIRST_ROWS", AROUND)
    held = Gate(threading.Event(), threading.Event())
    original = editor_loading.iter_paragraphs

    def read_then_wait(project: Project, document_id: int) -> Iterator[object]:
        paragraphs = list(original(project, document_id))
        held.read.set()
        held.release.wait(timeout=60)
        yield from paragraphs

    monkeypatch.setattr(editor_loading, "iter_paragraphs", read_then_wait)
    yield held
    held.release.set()  # a failed test must not leave the worker waiting


@pytest.fixture
def app(big_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WorkbenchApp]:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "big.sqlite"
    path.write_bytes(big_file.read_bytes())
    glossary = tmp_path / "glossary.tsv"
    glossary.write_bytes(GLOSSARY.read_bytes())
    project = Project.open(path)
    yield create_app(project, glossary, translator_provider=lambda: None)
    project.close()


async def first_part(pilot: Pilot[object], gate: Gate) -> WorkbenchApp:
    """The app once the first part is shown and the worker has read the document."""
    app = pilot.app
    assert isinstance(app, WorkbenchApp)
    for _ in range(1500):  # up to 15 s on a loaded machine
        await pilot.pause(0.01)
        if gate.read.is_set():
            break
    assert gate.read.is_set()
    return app


async def all_rows(pilot: Pilot[object], gate: Gate) -> None:
    gate.release.set()
    await settle(pilot)


def status_text(app: WorkbenchApp) -> str:
    return str(app.editor.query_one(StatusBar).query_one("#status-text").render())


def notices(app: WorkbenchApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


def top_row(app: WorkbenchApp) -> int:
    """The paragraph id of the first row on screen."""
    grid = app.editor.grid
    return grid.rows[grid.row_at_line(int(grid.scroll_offset.y))].id


async def test_opens_with_the_cursors_rows_then_has_every_row(
    app: WorkbenchApp, gate: Gate
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await first_part(pilot, gate)
        grid = app.editor.grid
        assert grid.partial == ROWS
        assert len(grid.rows) == 2 * AROUND + 1
        assert grid.current is not None and grid.current.number == CURSOR
        assert [row.number for row in grid.rows] == list(
            range(CURSOR - AROUND, CURSOR + AROUND + 1)
        )
        assert f"第{CURSOR}段" in grid_text(app)
        assert f"loading {ROWS} rows" in status_text(app)
        remembered = grid.current.id
        await pilot.press("down", "down")  # moving within the part shown works
        assert grid.current.number == CURSOR + 2
        top = top_row(app)
        await all_rows(pilot, gate)
        assert grid.partial is None
        assert [row.number for row in grid.rows] == list(range(1, ROWS + 1))
        assert [row.paragraph.source for row in grid.rows] == [source(i + 1) for i in range(ROWS)]
        assert grid.current.number == CURSOR + 2
        assert grid.rows[CURSOR - 1].id == remembered
        assert top_row(app) == top  # the view did not move
        assert "loading" not in status_text(app)
        assert f"{CURSOR + 2}/{ROWS}" in status_text(app)


async def test_a_save_during_the_load_is_kept(app: WorkbenchApp, gate: Gate) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await first_part(pilot, gate)
        grid = app.editor.grid
        assert grid.current is not None
        saved_id = grid.current.id
        await pilot.press("enter")
        await type_text(pilot, "Saved during the load.")
        await pilot.press("ctrl+s")
        await keys_done(pilot)
        await pilot.press("escape")
        await keys_done(pilot)
        assert grid.partial == ROWS  # still loading: the worker read the row before the save
        await all_rows(pilot, gate)
        assert grid.partial is None
        row = next(row for row in grid.rows if row.id == saved_id)
        assert row.paragraph.target == "Saved during the load."
        assert app.project.paragraph(saved_id).target == "Saved during the load."


async def test_find_filter_goto_and_end_wait_for_the_load(app: WorkbenchApp, gate: Gate) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await first_part(pilot, gate)
        grid = app.editor.grid
        for key in ("slash", "v", "R", "g", "end", "u", "f"):
            before = len(app._notifications)
            await pilot.press(key)
            await keys_done(pilot)
            assert not isinstance(app.screen, ModalScreen), key
            assert "Still loading the document's 300 rows" in " ".join(notices(app)[before:]), key
        assert grid.current is not None and grid.current.number == CURSOR
        await all_rows(pilot, gate)
        await pilot.press("g")  # the whole document is in: goto works
        await type_text(pilot, "3")
        await pilot.press("enter")
        await keys_done(pilot)
        assert grid.current.number == 3
        await pilot.press("end")
        assert grid.current.number == ROWS


async def test_the_watcher_waits_for_the_load(app: WorkbenchApp, gate: Gate) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await first_part(pilot, gate)
        grid = app.editor.grid
        with Project.open(app.project.path) as other:  # another program, after the read
            far = other.paragraphs()[FAR - 1]
            save_translation(other, far.id, "Written by another program.")
        app.editor._watch_project()
        await pilot.pause()
        assert grid.partial == ROWS  # nothing compared with a part of the document
        await all_rows(pilot, gate)
        row = next(row for row in grid.rows if row.id == far.id)
        assert row.paragraph.target == "Written by another program."
        assert "1 row changed by another program." in notices(app)


async def test_a_small_document_opens_at_once(app: WorkbenchApp, gate: Gate) -> None:
    gate.release.set()
    editor_loading.TWO_STEP_ABOVE = ROWS  # monkeypatched: restored after the test
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = app.editor.grid
        assert grid.partial is None and len(grid.rows) == ROWS
        assert grid.current is not None and grid.current.number == CURSOR
        assert not gate.read.is_set()  # no worker read it
        await settle(pilot)
