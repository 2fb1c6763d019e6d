"""What ordered key handling costs: bursts of keys with and without `KeyOrder`.

A burst is what a terminal sends for a paste it does not bracket or what a text expander
types: keys with no pause between them. Each run below is made on the same generated project
(headless, 120x40) as the editor runs (keys in order) and with the ordering switched off
(Textual's own routing), twice each, alternately; it prints the better time of each (from
the first key to the last change it caused), the ratio, and whether the result is right:

- (a) 300 printable characters typed into the row editor;
- (b) ten rows filled in one burst: "Row N." then tab, ten times;
- (c) a single cursor-down key, from the key to the screen update (median of 40);
- (d) a single tab (save the row, open the next) sent alone, from the key until everything
  it set off is done (the row re-checked and redrawn, the editor open on the next row):
  what each tab of (b) waits for.

    .venv/bin/python benchmarks/key_bursts.py [--paragraphs 300]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Hashable
from pathlib import Path

from textual import events
from textual.keys import _character_to_key

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tui_latency import SIZE, build_project, instrument, keystroke  # noqa: E402

from workbench.store.project import Project  # noqa: E402
from workbench.tui.app import WorkbenchApp, create_app  # noqa: E402

QUIET = 2.0  # seconds without any change that end a measurement (a save can take 0.3 s)


def send(app: WorkbenchApp, items: list[str]) -> None:
    driver = app._driver
    assert driver is not None
    for item in items:
        if item.startswith("<"):
            driver.send_message(events.Key(item[1:-1], None))
            continue
        for char in item:
            key = char if char.isalnum() else _character_to_key(char)
            driver.send_message(events.Key(key, char))


async def until_quiet(
    signature: Callable[[], Hashable], start: float, quiet: float = QUIET
) -> float:
    """Milliseconds from `start` to the last change of `signature`."""
    last = signature()
    changed = time.perf_counter()
    while time.perf_counter() - changed < quiet:
        await asyncio.sleep(0.005)
        now = signature()
        if now != last:
            last, changed = now, time.perf_counter()
    return (changed - start) * 1000


async def measure(project: Project, glossary: Path, ordered: bool) -> dict[str, str]:
    app = create_app(project, glossary, translator_provider=lambda: None)  # type: ignore[arg-type,return-value]
    found: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        if not ordered:
            app.key_order.hold = lambda event: False  # type: ignore[method-assign]
        await app.workers.wait_for_complete()
        await pilot.pause()
        editor = app.editor

        # (a) characters into the editor
        await pilot.press("enter")
        await pilot.pause()
        text = "Typed without a pause between the keys. " * 8
        text = text[:300]
        start = time.perf_counter()
        send(app, [text])
        elapsed = await until_quiet(lambda: editor.panel.text, start)
        right = editor.panel.text.endswith(text)
        found["(a) 300 characters"] = f"{elapsed:8.0f} ms  {'right' if right else 'WRONG'}"
        await pilot.press("ctrl+r", "escape")
        await pilot.pause()

        # (b) ten rows in one burst
        first = editor.grid.cursor
        await pilot.press("enter")
        await pilot.pause()
        burst = [item for n in range(1, 11) for item in (f"Row {n}.", "<tab>")]
        start = time.perf_counter()
        send(app, burst)

        def state() -> Hashable:
            return (editor.grid.cursor, editor.panel.text)

        elapsed = await until_quiet(state, start)
        rows = editor.grid.rows[first : first + 10]
        targets = [project.paragraph(row.id).target or "" for row in rows]
        # Right: the row's text ends with its own words, none of the next row's in it.
        correct = sum(
            1
            for n, target in enumerate(targets, 1)
            if target.endswith(f"Row {n}.") and f"Row {n + 1}." not in target
        )
        found["(b) 10 rows, text+tab"] = f"{elapsed:8.0f} ms  {correct}/10 rows right"
        # (d) one tab (save and move) alone, a row at a time: the work a burst waits for
        samples = []
        for n in range(10):
            send(app, [f"Alone {n}."])
            await app.key_order.drained()
            await pilot.pause()
            start = time.perf_counter()
            send(app, ["<tab>"])
            await until_quiet(state, start, quiet=0.05)
            await app.key_order._settled()  # and everything the tab set off is done
            samples.append((time.perf_counter() - start) * 1000)
        found["(d) one tab, alone"] = f"{statistics.median(samples):8.0f} ms  median of 10"
        await pilot.press("escape")
        await pilot.pause()

        # (c) one key at a time
        painted = instrument(app)
        samples = [
            latency
            for _ in range(40)
            if (latency := await keystroke(app, painted, "down")) is not None
        ]
        found["(c) cursor down"] = f"{statistics.median(samples):8.1f} ms  median of {len(samples)}"
        undo = project.undo  # put the project back for the other run
        while undo():
            pass
    return found


async def run(count: int) -> None:
    runs: dict[bool, list[dict[str, str]]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as tmp:
        project, glossary = build_project(Path(tmp), count)
        for ordered in (False, True, False, True):  # the second of each: warm caches
            runs[ordered].append(await measure(project, glossary, ordered=ordered))
        project.close()
    print(f"{count} paragraphs, terminal {SIZE[0]}x{SIZE[1]} (the better of two runs each)")
    print(f"{'burst':<24}{'keys in order':<32}{'Textual routing':<32}ratio")
    for label in runs[True][0]:
        a = min((r[label] for r in runs[True]), key=lambda v: float(v.split()[0]))
        b = min((r[label] for r in runs[False]), key=lambda v: float(v.split()[0]))
        ratio = float(a.split()[0]) / max(float(b.split()[0]), 0.001)
        print(f"{label:<24}{a:<32}{b:<32}{ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(run(args.paragraphs))


if __name__ == "__main__":
    main()
