"""Exporting from the dialog, and reading the files back with independent parsers."""

from __future__ import annotations

import json
from pathlib import Path

import polib
from textual.widgets import Label
from translate.storage import tmx as toolkit_tmx
from translate.storage import xliff as toolkit_xliff

from tests.tui_fixtures import REFERENCE, SEED_000, SEED_004, TuiProject, settle, type_text
from workbench.tui.screens.export_dialog import ExportDialog

SIZE = (120, 40)


def translate(env: TuiProject, seed: Path, *, approve_first: int = 0) -> list[str]:
    lines = (REFERENCE / f"{seed.stem}.en.txt").read_text(encoding="utf-8").splitlines()
    for index, (paragraph, line) in enumerate(zip(env.paragraphs(seed.name), lines, strict=True)):
        env.project.set_target(paragraph.id, line, approve=index < approve_first)
    return lines


def result_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#export-result", Label).render())


async def export_with(pilot, *keys: str) -> ExportDialog:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+e")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    await pilot.press(*keys)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return dialog


async def test_export_tmx_of_the_document(tui_project: TuiProject) -> None:
    english = translate(tui_project, SEED_000)
    translate(tui_project, SEED_004)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_with(pilot)
        assert dialog.result is not None
        path = tui_project.root / dialog.result.path
        assert dialog.result.path.parts[0] == "exports"
        assert f"Wrote {dialog.result.path}: 8 pairs" in result_text(app)
    store = toolkit_tmx.tmxfile.parsefile(str(path))
    units = [u for u in store.units if u.source]
    sources = [p.source for p in tui_project.paragraphs(SEED_000.name)]
    assert [u.source for u in units] == sources
    assert [u.target for u in units] == english


async def test_export_po_of_all_documents(tui_project: TuiProject) -> None:
    translate(tui_project, SEED_000)
    translate(tui_project, SEED_004)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        # Format: PO (second in the list); scope: all documents (third field).
        dialog = await export_with(
            pilot, "enter", "down", "enter", "tab", "tab", "enter", "down", "enter"
        )
        assert dialog.result is not None
        assert dialog.result.path.suffix == ".po"
        assert dialog.result.count == 18
    entries = [e for e in polib.pofile(str(tui_project.root / dialog.result.path)) if e.msgid]
    assert len(entries) == 18
    sources = [p.source for s in (SEED_000, SEED_004) for p in tui_project.paragraphs(s.name)]
    assert [e.msgid for e in entries] == sources
    assert all(e.msgstr for e in entries)


async def test_export_xliff_from_the_dialog(tui_project: TuiProject) -> None:
    translate(tui_project, SEED_000)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        # XLIFF 1.2 is the fifth format.
        dialog = await export_with(pilot, "enter", "down", "down", "down", "down", "enter")
        assert dialog.result is not None
        assert dialog.result.path.suffix == ".xlf"
        assert dialog.result.count == 8
    store = toolkit_xliff.xlifffile.parsefile(str(tui_project.root / dialog.result.path))
    units = [u for u in store.units if not u.isheader()]
    assert [u.source for u in units] == [p.source for p in tui_project.paragraphs(SEED_000.name)]


async def test_status_filter_and_jsonl(tui_project: TuiProject) -> None:
    translate(tui_project, SEED_000, approve_first=3)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        # JSONL is the fourth format; untick "edited" (third status box) to keep approved rows.
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter", "down", "down", "down", "enter")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#status-edited").focus()
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert dialog.result is not None
        assert dialog.result.count == 3
    lines = (tui_project.root / dialog.result.path).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 3
    assert {r["status"] for r in records} == {"approved"}


async def test_bad_output_path_is_reported_in_the_dialog(tui_project: TuiProject) -> None:
    translate(tui_project, SEED_000)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        path_input = app.screen.query_one("#export-path")
        path_input.focus()
        await pilot.press("ctrl+u")  # clear the line
        await type_text(pilot, "out.po")
        await pilot.press("enter")
        await pilot.pause()
        assert "a TMX file needs .tmx" in result_text(app)
        assert not (tui_project.root / "out.po").exists()
        await pilot.press("ctrl+u")
        await type_text(pilot, "mine/out")
        await pilot.press("enter")
        await settle(pilot)
        assert (tui_project.root / "mine" / "out.tmx").is_file()
        assert "8 pairs" in result_text(app)
