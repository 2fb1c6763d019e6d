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
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.command import CommandInput, CommandPalette
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.timer import Timer
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
WAIT_TIMEOUT = 15.0  # seconds a test waits for the app before failing (a loaded CI machine)
WAIT_STEP = 0.05  # seconds between looks while waiting


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


async def wait_until(
    pilot: Pilot[object],
    condition: Callable[[], object],
    what: str,
    *,
    timeout: float = WAIT_TIMEOUT,
    workers: bool = True,
) -> None:
    """Wait until `condition()` holds, settling (workers, messages) before each look: as
    soon as it does on a fast machine, up to `timeout` seconds on a loaded one. At the
    deadline the test fails, saying `what` it waited for.

    `workers=False` only pauses between looks, for a test that holds a worker on purpose
    (settling would wait for it)."""
    deadline = time.monotonic() + timeout
    while True:
        if workers:
            await settle(pilot)
        if condition():
            return
        if time.monotonic() >= deadline:
            pytest.fail(f"waited {timeout:g} s for {what}", pytrace=False)
        await pilot.pause(WAIT_STEP)


def timer_done(timer: Timer | None) -> bool:
    """A one-shot timer (`set_timer`) has fired or was stopped (or there is none)."""
    task = None if timer is None else timer._task
    return task is None or task.done()


def pending_timers(app: App[object], longest: float) -> list[Timer]:
    """The one-shot timers of the app and its current screen (every widget on it) that are
    due within `longest` seconds of being set and have not fired yet."""
    pumps = [app, *app.screen.walk_children(with_self=True)]
    return [
        timer
        for pump in pumps
        for timer in list(pump._timers)
        if timer._repeat == 0 and timer._interval <= longest and not timer_done(timer)
    ]


async def settle_typing(pilot: Pilot[object]) -> None:
    """settle, after the timers a keystroke or an opened edit box starts (checks while
    typing, spelling marks, counts, the inspector's row) have fired: a snapshot then shows
    their result however slow the machine is.

    It waits for those timers themselves, not for their delay: on a loaded machine a timer
    can fire well after its delay. The longer ones (the re-check of the whole document,
    parking the draft, a notification's time on screen) are not waited for."""
    from workbench.tui.screens.editor_loop import COUNTS_DELAY, LIVE_DELAY
    from workbench.tui.spelling import MARK_DELAY

    longest = max(COUNTS_DELAY, LIVE_DELAY, MARK_DELAY)
    await wait_until(
        pilot,
        lambda: not pending_timers(pilot.app, longest),
        "the timers started by the typing (checks, spelling marks, counts) to fire",
    )
    await settle(pilot)


async def writer_done(pilot: Pilot[object]) -> None:
    """Wait until the background writer has done every job given so far (it does them in
    order: a job given now ends after them) and their answers have reached the screen."""
    app = pilot.app
    assert isinstance(app, WorkbenchApp)
    future = app.write(lambda project: None)
    if future is not None:
        await asyncio.wait_for(asyncio.wrap_future(future), WAIT_TIMEOUT)
    await settle(pilot)


async def drafts_parked(pilot: Pilot[object]) -> None:
    """Wait until the draft typed last is parked in the project: the editor's park timer
    (`PARK_DELAY` after the last key) has fired and the background writer has written (or
    failed to write) what it was given."""
    app = pilot.app
    assert isinstance(app, WorkbenchApp)
    editor = app.editor
    await wait_until(
        pilot,
        lambda: timer_done(editor._park_timer),
        "the draft to be parked (PARK_DELAY after the last key)",
    )
    await settle(pilot)  # the timer's call (it gives the writer the draft) has been made
    await writer_done(pilot)


async def palette_search(pilot: Pilot[object], query: str) -> CommandPalette:
    """Type `query` into the open command palette and wait until its search for it has
    finished (the palette's list then holds what it found)."""
    await type_text(pilot, query)
    screen = pilot.app.screen
    assert isinstance(screen, CommandPalette)
    field = screen.query_one(CommandInput)

    def searched() -> bool:
        # Every keystroke's change has reached the palette (no message waits on its way
        # there) and no search is under way: the one for the whole query has finished.
        waiting = any(node.message_queue_size for node in screen.walk_children(with_self=True))
        searching = any(
            worker.node is screen and worker.group == screen._GATHER_COMMANDS_GROUP
            for worker in pilot.app.workers
            if not worker.is_finished
        )
        return field.value == query and not waiting and not searching

    await wait_until(pilot, searched, f"the palette's search for {query!r}")
    return screen


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
