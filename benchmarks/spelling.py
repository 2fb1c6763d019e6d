"""What English spelling costs: hunspell words per second (first look-up and remembered),
the check of a 500-character paragraph, and a keystroke in the editor's text box on such a
paragraph with the spelling marks on (checked after every key, the mark delay set to a
millisecond: the worst case) and off, side by side in one run.

    .venv/bin/python benchmarks/spelling.py [--keys 40]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual import events

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tui_latency import SIZE, build_project, instrument  # noqa: E402

from workbench.core.spelling import WORD, Speller  # noqa: E402
from workbench.tui import spelling as tui_spelling  # noqa: E402
from workbench.tui.app import create_app  # noqa: E402
from workbench.workflows.spelling import open_dictionary  # noqa: E402

REFERENCE = ROOT / "tests" / "data" / "reference"


def english_text() -> str:
    return " ".join(path.read_text(encoding="utf-8") for path in sorted(REFERENCE.glob("*.en.txt")))


def paragraph_of(text: str, size: int = 500) -> str:
    cut = text[:size]
    return cut[: cut.rfind(" ")] + " goverment"


def words_per_second(text: str) -> tuple[int, float, float]:
    words = [m.group() for m in WORD.finditer(text)]
    dictionary = open_dictionary()
    started = time.perf_counter()
    for word in words:
        dictionary.knows(word)
    raw = len(words) / (time.perf_counter() - started)
    speller = Speller(dictionary)
    speller.misspellings(text)
    started = time.perf_counter()
    for _ in range(5):
        speller.misspellings(text)
    warm = 5 * len(words) / (time.perf_counter() - started)
    return len(words), raw, warm


def paragraph_ms(paragraph: str) -> tuple[float, float]:
    dictionary = open_dictionary()
    started = time.perf_counter()
    Speller(dictionary).misspellings(paragraph)
    cold = (time.perf_counter() - started) * 1000
    speller = Speller(dictionary)
    speller.misspellings(paragraph)
    started = time.perf_counter()
    for _ in range(100):
        speller.misspellings(paragraph)
    return cold, (time.perf_counter() - started) * 10


async def keystrokes(paragraph: str, keys: int, marks: bool) -> float:
    """Median milliseconds from a typed key to the screen update showing it."""
    tui_spelling.MARK_DELAY = 0.001 if marks else 3600.0
    with tempfile.TemporaryDirectory() as tmp:
        project, glossary = build_project(Path(tmp), 20)
        first = project.paragraphs()[0]
        project.set_target(first.id, paragraph)
        app = create_app(project, glossary, translator_provider=lambda: None)  # type: ignore[arg-type,return-value]
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.5)
            await pilot.press("enter")
            for _ in range(100):  # the dictionary loads in a worker
                await pilot.pause(0.05)
                if app.editor.panel.text_area.spelling.speller is not None:  # type: ignore[attr-defined]
                    break
            painted = instrument(app)
            driver = app._driver
            assert driver is not None
            times: list[float] = []
            for index in range(keys):
                await asyncio.sleep(0.05)
                painted.clear()
                char = "abcdefghij"[index % 10]
                start = time.perf_counter()
                driver.send_message(events.Key(char, char))
                for _ in range(400):
                    await asyncio.sleep(0.002)
                    if painted:
                        break
                await asyncio.sleep(0.01)  # a check set off by the key paints again
                if painted:
                    times.append((painted[-1] - start) * 1000)
        project.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=40)
    args = parser.parse_args()
    text = english_text()
    count, raw, warm = words_per_second(text)
    print(f"hunspell ({open_dictionary().language}), {count} words of the reference English:")
    print(f"  first look-up {raw:,.0f} words/s · remembered {warm:,.0f} words/s")
    paragraph = paragraph_of(text)
    cold, again = paragraph_ms(paragraph)
    print(f"{len(paragraph)}-character paragraph: {cold:.2f} ms first check, {again:.3f} ms again")
    on = asyncio.run(keystrokes(paragraph, args.keys, marks=True))
    off = asyncio.run(keystrokes(paragraph, args.keys, marks=False))
    print(
        f"keystroke to last paint, median of {args.keys}: marks on (checked every key) "
        f"{on:.1f} ms · off {off:.1f} ms · ratio {on / off:.2f}"
    )


if __name__ == "__main__":
    main()
