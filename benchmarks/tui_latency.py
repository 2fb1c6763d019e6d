"""Editor responsiveness on a generated 1,000-paragraph project.

Prints the time to first paint (from creating the app to the first grid line drawn) and the
latency of single keystrokes, from the key event to the last screen update it caused:
cursor down, page down, and opening and closing the editor on a row. Runs headless at
120x40 with the curated glossary; a third of the rows carry the translator's English (some
with a forbidden rendering), a third machine output.

    .venv/bin/python benchmarks/tui_latency.py [--paragraphs 1000] [--presses 60]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual import events

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from big_project import generated_document  # noqa: E402

from workbench.store.project import Project  # noqa: E402
from workbench.tui.app import WorkbenchApp, create_app  # noqa: E402

SIZE = (120, 40)


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


async def run(count: int, presses: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project, glossary = build_project(folder, count)
        rows = len(project.paragraphs())
        created = time.perf_counter()
        app = create_app(project, glossary, translator_provider=lambda: None)  # type: ignore[arg-type,return-value]
        async with app.run_test(size=SIZE) as pilot:
            grid = app.editor.grid
            while grid.first_paint is None:
                await asyncio.sleep(0.001)
            first_paint = (grid.first_paint - created) * 1000
            await app.workers.wait_for_complete()
            await pilot.pause()
            ready = (time.perf_counter() - created) * 1000
            painted = instrument(app)
            results: dict[str, list[float]] = {}
            for label, keys in (
                ("cursor down", ["down"] * presses),
                ("page down", ["pagedown"] * min(presses, 30)),
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
        project.close()
    print(f"{rows} paragraphs, terminal {SIZE[0]}x{SIZE[1]}")
    print(f"time to first paint: {first_paint:7.1f} ms")
    print(f"checks and quality pass done: {ready:7.1f} ms")
    print(f"{'keystroke':<22}{'median':>9}{'p95':>9}{'max':>9}  (ms, n)")
    for label, samples in results.items():
        ordered = sorted(samples)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        print(
            f"{label:<22}{statistics.median(ordered):9.1f}{p95:9.1f}{ordered[-1]:9.1f}"
            f"  ({len(ordered)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--presses", type=int, default=60)
    args = parser.parse_args()
    asyncio.run(run(args.paragraphs, args.presses))


if __name__ == "__main__":
    main()
