"""Editor responsiveness on generated projects of 1,000 and 100,000 paragraphs, side by side.

Prints, per size, the time to first paint (from creating the app to the first frame
written with the grid's rows on it, and the main thread's CPU time by then), how many rows
the grid had wrapped by then, and the latency of single keystrokes, from the key event to
the first screen update it caused: cursor down, page down, end / home, and opening and
closing the editor on a row. Runs headless at 120x40 with the curated glossary; a third of
the rows carry the translator's English (some with a forbidden rendering), a third machine
output. Building the 100,000-paragraph project takes about a minute, and its quality pass
(awaited before the keys) several.

    .venv/bin/python benchmarks/tui_latency.py [--paragraphs 1000 100000] [--presses 60]

`--presses 0` measures first paint only (no keys, no wait for the checks). First paint is
followed by "all rows loaded" (a document above `editor_loading.TWO_STEP_ABOVE` rows shows
the rows around the cursor first, the rest from a worker); `--compare` opens each project
in one step (as before) and in two, side by side, in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from textual import events

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from big_project import generated_document  # noqa: E402

from workbench.store.project import Project  # noqa: E402
from workbench.tui.app import WorkbenchApp, create_app  # noqa: E402
from workbench.tui.screens import editor_loading  # noqa: E402

SIZE = (120, 40)
TWO_STEP_ABOVE = editor_loading.TWO_STEP_ABOVE


def build_project(folder: Path, count: int) -> tuple[Project, Path]:
    """A project with one document of `count` paragraphs made from the seeds' paragraphs."""
    project, document_id, english = generated_document(folder, count)
    with project.transaction():
        for index, paragraph in enumerate(project.paragraphs(document_id)):
            line = f"{english[index % len(english)]} (Paragraph {index + 1}.)"
            if index % 3 == 0:
                if index % 9 == 0:
                    line = line.replace("small yard, high fence", "small courtyard, high wall")
                project.set_target(paragraph.id, line)
            elif index % 3 == 1:
                sentences = project.sentences(paragraph.id)
                project.set_machine_translation(paragraph.id, [line] + [""] * (len(sentences) - 1))
    glossary = folder / "glossary.tsv"
    shutil.copyfile(ROOT / "glossary" / "governance.tsv", glossary)
    return project, glossary


def instrument(app: WorkbenchApp) -> list[float]:
    """Record when the app writes an update to the (headless) terminal."""
    painted: list[float] = []
    display = app._display

    def timed(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        painted.append(time.perf_counter())

    app._display = timed  # type: ignore[method-assign]
    return painted


async def keystroke(app: WorkbenchApp, painted: list[float], key: str) -> float | None:
    """Milliseconds from the key event to the first screen update showing its effect.

    Later updates (the inspector's memory matches, arriving from a worker a moment after
    the cursor rests) are not part of the keystroke.
    """
    driver = app._driver
    assert driver is not None
    await asyncio.sleep(0.3)  # let earlier updates and workers settle
    painted.clear()
    start = time.perf_counter()
    driver.send_message(events.Key(key, None))
    for _ in range(200):
        await asyncio.sleep(0.005)
        if painted:
            break
    return (painted[0] - start) * 1000 if painted else None


Figures = tuple[int, float, float, int, dict[str, list[float]], float, float]


def watch_first_rows(app: WorkbenchApp) -> list[tuple[float, float]]:
    """(wall, main-thread CPU) when the terminal is first written with the grid's rows on it.

    `grid.first_paint` alone is not enough: before the grid wrapped rows lazily its first
    frame was blank (no layout yet) and the rows came seconds later.
    """
    shown: list[tuple[float, float]] = []
    display = app._display

    def timed(screen: object, renderable: object) -> None:
        display(screen, renderable)  # type: ignore[arg-type]
        if shown or not app.screen_stack or not hasattr(app.screen, "grid"):
            return
        grid = app.editor.grid
        if grid.size.height and grid.render_line(0).text.strip():
            shown.append((time.perf_counter(), time.thread_time()))

    app._display = timed  # type: ignore[method-assign]
    return shown


async def run(count: int, presses: int, *, two_step: bool = True) -> Figures:
    with tempfile.TemporaryDirectory() as tmp:
        project, glossary = build_project(Path(tmp), count)
        try:
            return await measure(project, glossary, presses, two_step=two_step)
        finally:
            project.close()


async def measure(project: Project, glossary: Path, presses: int, *, two_step: bool) -> Figures:
    """One editor session on the project: first paint, all rows in, then the keys."""
    editor_loading.TWO_STEP_ABOVE = TWO_STEP_ABOVE if two_step else sys.maxsize
    rows = len(project.paragraphs())
    created, cpu = time.perf_counter(), time.thread_time()
    app = create_app(project, glossary, translator_provider=lambda: None)  # type: ignore[arg-type,return-value]
    shown = watch_first_rows(app)
    async with app.run_test(size=SIZE) as pilot:
        grid = app.editor.grid
        while not shown:
            await asyncio.sleep(0.001)
        first_paint = (shown[0][0] - created) * 1000
        first_cpu = (shown[0][1] - cpu) * 1000
        wrapped = grid.laid_out
        while grid.partial is not None or len(grid.rows) < rows:
            # Not finer: a waking main thread takes the GIL from the loading worker.
            await asyncio.sleep(0.02)
        all_in = (time.perf_counter() - created) * 1000
        if not presses:  # first paint only: leave without waiting for the checks
            app.exit()
            return rows, first_paint, float("nan"), wrapped, {}, first_cpu, all_in
        await app.workers.wait_for_complete()
        await pilot.pause()
        ready = (time.perf_counter() - created) * 1000
        painted = instrument(app)
        results: dict[str, list[float]] = {}
        for label, keys in (
            ("cursor down", ["down"] * presses),
            ("page down", ["pagedown"] * min(presses, 30)),
            ("end / home", ["end", "home"] * min(presses // 2, 10)),
            ("open editor (enter)", ["enter", "escape"] * min(presses // 2, 15)),
        ):
            samples: list[float] = []
            for key in keys:
                latency = await keystroke(app, painted, key)
                if latency is not None and key != "escape":
                    samples.append(latency)
            results[label] = samples
        closing: list[float] = []
        for _ in range(10):
            await keystroke(app, painted, "enter")
            latency = await keystroke(app, painted, "escape")
            if latency is not None:
                closing.append(latency)
        results["close editor (esc)"] = closing
    return rows, first_paint, ready, wrapped, results, first_cpu, all_in


def measure_file(path: Path, glossary: Path, presses: int, two_step: bool) -> Figures:
    """`measure` on the project at `path` (in a process of its own, see `run_both`)."""
    project = Project.open(path)
    try:
        return asyncio.run(measure(project, glossary, presses, two_step=two_step))
    finally:
        project.close()


def run_both(count: int, presses: int) -> list[Figures]:
    """The same project opened in one step (as before) and in two, each in a new process:
    a session left without waiting keeps its checks running in threads, which would slow
    the next one down."""
    with tempfile.TemporaryDirectory() as tmp:
        project, glossary = build_project(Path(tmp), count)
        path = Path(tmp) / "big.sqlite"
        project.close()
        figures = []
        for two_step in (False, True):
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
                figures.append(
                    pool.submit(measure_file, path, glossary, presses, two_step).result()
                )
        return figures


def report(figures: list[Figures], heads: list[str]) -> None:
    """One column per project size (and way of opening): first paint, then median / p95 /
    max per key."""
    print(f"terminal {SIZE[0]}x{SIZE[1]}; ms")
    print(f"{'':<26}" + "".join(f"{head:>26}" for head in heads))
    print(f"{'time to first paint':<26}" + "".join(f"{f[1]:26.1f}" for f in figures))
    print(f"{'  main-thread CPU':<26}" + "".join(f"{f[5]:26.1f}" for f in figures))
    print(f"{'rows wrapped by then':<26}" + "".join(f"{f[3]:26,}" for f in figures))
    print(f"{'all rows loaded':<26}" + "".join(f"{f[6]:26.1f}" for f in figures))
    print(f"{'checks and quality pass':<26}" + "".join(f"{f[2]:26.1f}" for f in figures))
    if not figures[0][4]:
        return
    print(f"{'key: median / p95 / max':<26}")
    for label in figures[0][4]:
        cells = []
        for figure in figures:
            results = figure[4]
            ordered = sorted(results[label])
            if not ordered:
                cells.append(f"{'-':>26}")
                continue
            p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
            median = statistics.median(ordered)
            cells.append(f"{median:10.1f} /{p95:6.1f} /{ordered[-1]:6.1f}")
        print(f"{label:<26}" + "".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument(
        "--compare",
        action="store_true",
        help="open each project in one step (as before) and in two, side by side",
    )
    args = parser.parse_args()
    figures: list[Figures] = []
    heads: list[str] = []
    for count in args.paragraphs:
        if args.compare:
            figures += run_both(count, args.presses)
            heads += [f"{count:,}, one step", f"{count:,}, two steps"]
        else:
            figures.append(asyncio.run(run(count, args.presses)))
            heads.append(f"{count:,} paragraphs")
    report(figures, heads)


if __name__ == "__main__":
    main()
