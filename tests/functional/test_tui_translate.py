"""Machine translation from the editor: in a worker, with progress, and without a model."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.tui_fixtures import SEED_000, SEED_004, FakeTranslation, TuiProject, grid_text, settle
from workbench.core.errors import ModelNotInstalledError
from workbench.core.segments import Status
from workbench.mt.base import DecodeOptions, TranslationResult, Translator
from workbench.tui.app import create_app
from workbench.tui.widgets.status_bar import StatusBar

SIZE = (120, 40)


async def test_translate_the_document(tui_project: TuiProject) -> None:
    engine = FakeTranslation()
    app = tui_project.app(translator=engine, document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await settle(pilot)
        paragraphs = tui_project.paragraphs()
        assert all(p.mt and p.status is Status.MACHINE for p in paragraphs)
        # Every Chinese sentence got its own machine translation.
        sentences = [s for p in paragraphs for s in tui_project.project.sentences(p.id)]
        assert all(s.mt for s in sentences)
        assert {s.source for s in sentences} <= {text for call in engine.calls for text in call}
        assert "MT Machine sentence" in grid_text(app)
        assert "8 MT" in str(app.editor.query_one("#status-text").render())
        # Machine output never replaces the translator's English.
        assert all(p.target is None for p in paragraphs)


async def test_translate_one_row(tui_project: TuiProject) -> None:
    app = tui_project.app(document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "t")
        await settle(pilot)
        paragraphs = tui_project.paragraphs()
        assert [bool(p.mt) for p in paragraphs] == [False, True] + [False] * 6


async def test_the_ui_keeps_working_while_translating(tui_project: TuiProject) -> None:
    gate = threading.Event()
    app = tui_project.app(translator=FakeTranslation(gate), document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await pilot.pause()
        status = app.editor.query_one(StatusBar)
        assert status.has_class("-busy")  # the progress bar is up
        await pilot.press("down", "down")
        assert app.editor.grid.cursor == 2  # keys are handled while the engine works
        gate.set()
        await settle(pilot)
        assert not status.has_class("-busy")
        assert all(p.mt for p in tui_project.paragraphs())


class OneCallAtATime(FakeTranslation):
    """Each engine call waits for a permit from the test."""

    def __init__(self) -> None:
        super().__init__()
        self.permits = threading.Semaphore(0)
        self.started = 0

    def translate_batch(
        self, sentences: Sequence[str], options: DecodeOptions | None = None
    ) -> list[TranslationResult]:
        self.started += 1
        self.permits.acquire(timeout=10)
        return super().translate_batch(sentences, options)


async def test_escape_stops_the_translation_and_no_row_lands_after_the_message(
    tui_project: TuiProject,
) -> None:
    """Esc while the engine works on a batch: that batch's rows are not written, and the
    message comes once the last row written has landed."""
    engine = OneCallAtATime()
    app = tui_project.app(translator=engine, document=SEED_004.name)
    async with app.run_test(size=SIZE) as pilot:
        app.editor.mt_chunk = 4  # sentences per engine call: several calls for the document
        await pilot.press("T")
        for _ in range(750):  # let calls through one by one until rows are shown (15 s+)
            if any(r.paragraph.mt for r in app.editor.grid.rows):
                break
            if engine.started > len(engine.calls):  # a call waits: let it go
                engine.permits.release()
            await pilot.pause(0.02)
        for _ in range(750):  # the next call has started and waits (up to 15 s when loaded)
            if engine.started > len(engine.calls):
                break
            await pilot.pause(0.02)
        shown_at_esc = [r.id for r in app.editor.grid.rows if r.paragraph.mt]
        await pilot.press("escape")
        engine.permits.release(20)  # the calls under way finish after esc
        await settle(pilot)
        written = [p.id for p in tui_project.paragraphs(SEED_004.name) if p.mt]
        assert written == shown_at_esc  # the batch under way at esc was not written
        assert 0 < len(written) < len(tui_project.paragraphs(SEED_004.name))
        messages = [str(n.message) for n in app._notifications]
        assert messages[-1].startswith("Machine translation stopped")
        assert f"{len(written)} row" in messages[-1]


def raise_no_model() -> Translator:
    raise ModelNotInstalledError("No zh→en translation model is installed.")


async def test_without_a_model_the_editor_says_how_to_install_one(
    tui_project: TuiProject,
) -> None:
    app = tui_project.app(provider=raise_no_model, document=SEED_000.name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("workbench model install PATH.argosmodel" in m for m in messages)
        assert not app.editor.query_one(StatusBar).has_class("-busy")
        # Everything else keeps working.
        await pilot.press("enter")
        await pilot.press("O", "K", "ctrl+s")
        await pilot.pause()
        assert tui_project.paragraphs()[0].target == "OK"


async def test_default_engine_without_an_installed_model(
    tui_project: TuiProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(empty))
    app = create_app(tui_project.project, tui_project.glossary_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot)
        messages = " ".join(n.message for n in app._notifications)
        assert "workbench model install PATH.argosmodel" in messages
        assert str(empty) in messages


@pytest.mark.slow
async def test_default_engine_with_the_generated_model(
    tui_project: TuiProject, packages_env: Path
) -> None:
    app = create_app(tui_project.project, tui_project.glossary_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot)
        first = tui_project.paragraphs()[0]
        assert first.mt
        assert first.status is Status.MACHINE
        # The translator is told once that this English is not a translation.
        notices = [str(n.message) for n in app._notifications if n.title == "Test model"]
        assert len(notices) == 1 and "generated test model" in notices[0]
        await pilot.press("down", "t")
        await settle(pilot)
        assert len([n for n in app._notifications if n.title == "Test model"]) == 1
