"""Writes that fail never crash the editor and never drop what the translator typed: a
project another program is writing to, a full disk, a read-only project, a failed export."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import Label

from tests.tui_fixtures import SEED_000, TuiProject, drafts_parked, settle, type_text
from workbench.store.project import Project
from workbench.tui.app import create_app
from workbench.tui.screens import editor_saving
from workbench.tui.screens.export_dialog import ExportDialog
from workbench.workflows import exporting

SIZE = (120, 40)


@contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Another program (a long `import-translations`) holds the project's write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(note.message) for note in app._notifications]


async def wait_for(pilot, condition, what: str) -> None:  # type: ignore[no-untyped-def]
    """Poll a condition while the app runs (retries happen on timers)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


@pytest.fixture
def quick_retry(monkeypatch: pytest.MonkeyPatch, tui_project: TuiProject) -> None:
    """Retries every 0.2 s, and the app's connection gives up on a busy project at once."""
    monkeypatch.setattr(editor_saving, "RETRY_INTERVAL", 0.2)
    tui_project.project.query("PRAGMA busy_timeout = 50")


async def test_a_save_while_another_program_writes_keeps_the_text_and_retries(
    tui_project: TuiProject, quick_retry: None
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Typed while the project was busy")
        with write_lock(tui_project.path):
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.editor.editing
            assert app.editor.panel.text == "Typed while the project was busy"
            assert any("another workbench is writing" in note for note in notes(app))
            # Keys still work, and the save key tries again (and fails again, quietly).
            await type_text(pilot, " again")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.editor.panel.text == "Typed while the project was busy again"
        await wait_for(
            pilot,
            lambda: tui_project.paragraphs()[0].target == "Typed while the project was busy again",
            "the automatic retry saved the row",
        )
        await settle(pilot)
        assert app.editor.grid.rows[0].paragraph.target == "Typed while the project was busy again"
        assert any("Saved row 1" in note for note in notes(app))
    assert app.return_code in (0, None)


async def test_leaving_a_row_while_busy_keeps_the_cursor_and_the_text(
    tui_project: TuiProject, quick_retry: None
) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await type_text(pilot, "Row one")
        with write_lock(tui_project.path):
            await pilot.press("tab")
            await pilot.pause()
            assert app.editor.grid.cursor == 0
            assert app.editor.panel.text == "Row one"
        await wait_for(
            pilot, lambda: tui_project.paragraphs()[0].target == "Row one", "saved by the retry"
        )


@contextmanager
def full_disk(folder: Path) -> Iterator[Path]:
    """A small file system of its own for the project, which `fill` fills to the last byte."""
    folder.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {exc}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Take every free byte of the file system."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 1):
            block = b"\0" * size
            try:
                while True:
                    os.write(fd, block)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


async def test_a_full_disk_keeps_the_text_and_parking_does_not_crash(
    tui_project: TuiProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(editor_saving, "RETRY_INTERVAL", 0.2)
    with full_disk(tui_project.root / "small") as folder:
        path = folder / "project.sqlite"
        with Project.open(tui_project.path) as source:
            source.query("VACUUM INTO ?", (str(path),))
        project = Project.open(path)
        app = create_app(project, tui_project.glossary_path, translator_provider=lambda: None)  # type: ignore[arg-type,return-value]
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                filler = fill(folder)
                await pilot.press("enter")
                long_text = "A translation long enough to need new pages. " * 400
                app.editor.panel.text_area.insert(long_text)  # pasted
                await pilot.press("ctrl+s")
                await drafts_parked(pilot)  # a second (PARK_DELAY) after the last key
                assert app.editor.editing
                assert app.editor.panel.text == long_text
                assert any("full" in note for note in notes(app))
                filler.unlink()
                await wait_for(
                    pilot,
                    lambda: (
                        (project.paragraph(app.editor.grid.rows[0].id).target or "")
                        == long_text.strip()
                    ),
                    "saved by the retry once there was room",
                )
        finally:
            project.close()


async def test_a_full_database_keeps_the_text_and_says_so(
    tui_project: TuiProject, quick_retry: None
) -> None:
    """The same with SQLite's page limit (no mount needed): the app's connection and the
    background writer's are both capped at the pages the file has."""
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def cap(project: Project) -> None:
            pages = project.query("PRAGMA page_count")[0][0]
            project.query(f"PRAGMA max_page_count = {pages}")

        cap(tui_project.project)
        capped = app.write(cap)
        assert capped is not None
        capped.result()
        await pilot.press("enter")
        long_text = "A translation that needs pages the database may not take. " * 300
        app.editor.panel.text_area.insert(long_text)  # pasted
        await pilot.press("tab")
        await drafts_parked(pilot)  # parked a second after the last key: that fails too
        assert app.editor.grid.cursor == 0
        assert app.editor.panel.text == long_text
        shown = notes(app)
        assert any("is not saved" in note and "full" in note for note in shown)
        assert any("could not be kept" in note for note in shown)
        await pilot.press("escape")  # put aside: still there, marked in the grid
        await pilot.pause()
        assert app.editor.grid.rows[0].draft == long_text
    assert tui_project.paragraphs()[0].target is None


async def test_a_read_only_project_opens_with_a_banner_and_refuses_changes(
    tui_project: TuiProject,
) -> None:
    tui_project.project.close()
    project = Project.open(tui_project.path, read_only=True)
    tui_project.project = project
    before = tui_project.path.read_bytes()
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        banner = app.editor.query_one("#read-only", Label)
        assert banner.display
        assert "read-only" in str(banner.render()).lower()
        for key in ("enter", "a", "m", "ctrl+z", "alt+down"):
            app._notifications.clear()
            await pilot.press(key)
            await pilot.pause()
            assert not app.editor.editing
            assert any("read-only" in note.lower() for note in notes(app)), key
        await pilot.press("down", "down")
        assert app.editor.grid.cursor == 2
        await pilot.press("ctrl+q")
    assert tui_project.path.read_bytes() == before


async def test_an_export_that_fails_in_any_way_leaves_the_editor_running(
    tui_project: TuiProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tui_project.paragraphs()[0]
    tui_project.project.set_target(first.id, "Title")

    def broken_writer(*args: object, **kwargs: object) -> object:
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(exporting.tmx, "write", broken_writer)
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        result = str(dialog.query_one("#export-result", Label).render())
        assert "Not exported" in result
        assert "XML compatible" in result
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down")
        assert app.editor.grid.cursor == 1


async def test_a_translation_with_an_escape_character_exports_or_says_why(
    tui_project: TuiProject,
) -> None:
    first = tui_project.paragraphs()[0]
    tui_project.project.set_target(first.id, "Title \x1b[31m in red")
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = str(app.screen.query_one("#export-result", Label).render())
        assert result.startswith(("Wrote", "Not exported"))
        await pilot.press("escape", "down")
        assert app.editor.grid.cursor == 1
