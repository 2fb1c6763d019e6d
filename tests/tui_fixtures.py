"""Fixtures for the TUI tests: a project made from the real seeds, the app built by the same
factory as the CLI, a fake machine translation engine, and a quiet clock and cursor for
snapshots.

The glossary is a copy of the curated one in a temporary folder: the review screen writes to
it. Tests run with the temporary folder as working directory, so exports land there too.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from workbench.core.segments import Paragraph
from workbench.ingest_rules import default_rules
from workbench.mt.base import DecodeOptions, Hypothesis, TranslationResult, Translator
from workbench.store.project import Project
from workbench.tui.app import TranslatorProvider, WorkbenchApp, create_app
from workbench.workflows.importing import import_file

ROOT = Path(__file__).resolve().parents[1]
SEED_000 = ROOT / "seeds" / "000_9819b9711a7bf496.txt"
SEED_004 = ROOT / "seeds" / "004_f56eada79adc5973.txt"
GLOSSARY = ROOT / "glossary" / "governance.tsv"
REFERENCE = ROOT / "tests" / "data" / "reference"
FROZEN = datetime(2025, 3, 14, 9, 26, 53)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (Pilot scenarios) in a fresh event loop."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


class FakeTranslation:
    """Stands in for the MT engine (a `Translator`): a predictable English sentence per
    Chinese sentence, e.g. "Machine sentence 23." for a sentence of 23 characters.

    With `gate` set, every call waits for it (to show that the UI keeps working meanwhile).
    """

    model_id = "fake-engine"

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.calls: list[list[str]] = []
        self.gate = gate

    def translate_batch(
        self, sentences: Sequence[str], options: DecodeOptions | None = None
    ) -> list[TranslationResult]:
        if self.gate is not None:
            self.gate.wait(timeout=10)
        self.calls.append(list(sentences))
        return [
            TranslationResult(source, (Hypothesis(f"Machine sentence {len(source)}.", -1.0),))
            for source in sentences
        ]


@dataclass
class TuiProject:
    """A temporary project holding both seeds, and a temporary copy of the glossary."""

    root: Path
    path: Path
    glossary_path: Path
    project: Project
    apps: list[WorkbenchApp] = field(default_factory=list)

    def app(
        self,
        *,
        translator: Translator | None = None,
        provider: TranslatorProvider | None = None,
        document: str | None = None,
    ) -> WorkbenchApp:
        """The app as the CLI builds it; `document` picks the seed shown first."""
        if provider is None:
            engine = translator or FakeTranslation()
            provider = lambda: engine  # noqa: E731
        document_id = None
        if document is not None:
            document_id = self.project.resolve_document(document).id
        app = create_app(
            self.project, self.glossary_path, translator_provider=provider, document_id=document_id
        )
        self.apps.append(app)
        return app

    def reopen(self) -> Project:
        """Close the project and open the file again, as a restarted app would."""
        self.project.close()
        self.project = Project.open(self.path)
        return self.project

    def paragraphs(self, seed: str = SEED_000.name) -> list[Paragraph]:
        return self.project.paragraphs(self.project.resolve_document(seed).id)


@pytest.fixture(scope="session")
def seed_project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed project file holding both seeds, imported once per session (worker): each
    `tui_project` gets a copy of it, a millisecond instead of an import of both seeds. Built
    with its own empty config and data folders, as `person_homes` gives a test."""
    folder = tmp_path_factory.mktemp("seed-project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKBENCH_CONFIG_DIR", str(folder / "config"))
        patch.setenv("WORKBENCH_DATA_DIR", str(folder / "data"))
        path = folder / "project.sqlite"
        project = Project.open(path)
        try:
            for seed in (SEED_000, SEED_004):
                import_file(project, seed, default_rules())
        finally:
            project.close()
    return path


@pytest.fixture
def tui_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_project_file: Path
) -> Iterator[TuiProject]:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "project.sqlite"
    for part in seed_project_file.parent.glob(seed_project_file.name + "*"):
        shutil.copyfile(part, path.with_name(part.name))
    project = Project.open(path)
    glossary_path = tmp_path / "glossary.tsv"
    shutil.copyfile(GLOSSARY, glossary_path)
    env = TuiProject(tmp_path, path, glossary_path, project)
    yield env
    env.project.close()


@pytest.fixture
def quiet_ui(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No blinking cursors and a fixed clock: screens render the same every time."""
    import time_machine

    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.cursor_blink, "_default", False)
    with time_machine.travel(FROZEN, tick=False):
        yield


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Type text: one key event per character, as a terminal sends them.

    `Pilot.press` waits for the app to go idle after every key (some 40 ms each); a typist
    does not wait, so the events are queued in one go and the test waits once at the end.
    """
    driver = pilot.app._driver
    assert driver is not None
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        driver.send_message(events.Key(key, char))
    await keys_done(pilot)


async def keys_done(pilot: Pilot[object]) -> None:
    """Wait until the app has handled every key sent (it routes a burst key by key)."""
    await pilot.pause()
    order = getattr(pilot.app, "key_order", None)
    if order is not None:
        await order.drained()
        await pilot.pause()


async def workers_done(app: App[object]) -> None:
    """Wait for every worker the app has now. A worker cancelled because a newer one took its
    place (an exclusive group: the inspector's row, the match list) has finished its part;
    `WorkerManager.wait_for_complete` raises for it, which made tests fail at random."""
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


async def settle(pilot: Pilot[object]) -> None:
    """Wait for every worker (MT, checks, exports) and the messages they send back."""
    app = pilot.app
    for _ in range(3):
        await keys_done(pilot)
        await workers_done(app)
        await pilot.pause()


async def settle_typing(pilot: Pilot[object]) -> None:
    """settle, after the timers a keystroke or an opened edit box starts (checks while
    typing, spelling marks, counts) have fired: a snapshot then shows their result however
    slow the machine is."""
    from workbench.tui.screens.editor_loop import COUNTS_DELAY, LIVE_DELAY
    from workbench.tui.spelling import MARK_DELAY

    await settle(pilot)
    await pilot.pause(max(COUNTS_DELAY, LIVE_DELAY, MARK_DELAY) + 0.05)
    await settle(pilot)


async def burst(pilot: Pilot[object], *items: str) -> None:
    """Send text and named keys (`"<tab>"`) in one go, as a terminal sends a paste it does
    not bracket or a text expander types: nothing waits in between. Then wait for it all."""
    driver = pilot.app._driver
    assert driver is not None
    for item in items:
        if item.startswith("<") and item.endswith(">"):
            driver.send_message(events.Key(item[1:-1], None))
            continue
        for char in item:
            key = char if char.isalnum() else _character_to_key(char)
            driver.send_message(events.Key(key, char))
    await settle(pilot)


async def press_keys(pilot: Pilot[object], *keys: str) -> None:
    """Press named keys (backspace, tab, …) in one go, then wait once (see `type_text`)."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        driver.send_message(events.Key(key, None))
    await keys_done(pilot)


def grid_text(app: WorkbenchApp) -> str:
    """The text of the grid lines on screen."""
    grid = app.editor.grid
    return "\n".join(grid.render_line(y).text for y in range(grid.size.height))


Factory = Callable[..., WorkbenchApp]
