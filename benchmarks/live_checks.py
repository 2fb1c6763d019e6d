"""Checks while typing: what one keystroke costs in the editor with live checks on.

On the generated project of `tui_latency.py` (1,000 paragraphs, the curated glossary) the
editor is opened on a paragraph of about 500 Chinese characters and its reference English is
typed key by key. Printed side by side:

- the checks alone (`DraftChecks.issues`) on every prefix of the English, as each keystroke
  would run them with no debounce; the glossary checks alone next to all segment checks;
- in the app: the latency of a typed key (key event to the first screen update), and the
  time of each debounced check run (`check_draft`: the checks and the redraw of their line).

    .venv/bin/python benchmarks/live_checks.py [--paragraphs 1000] [--keys 60]
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

from workbench.core.glossary import Glossary  # noqa: E402
from workbench.core.ingest import split_sentences  # noqa: E402
from workbench.core.segments import (  # noqa: E402
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    Paragraph,
    ParagraphKind,
)
from workbench.store.project import Project  # noqa: E402
from workbench.tui.app import create_app  # noqa: E402
from workbench.workflows.glossary_review import read_glossary  # noqa: E402
from workbench.workflows.live_checks import DraftChecks  # noqa: E402

TARGET_CHARS = 500


def figures(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"{statistics.median(ordered):9.2f}{p95:9.2f}{ordered[-1]:9.2f}  ({len(ordered)})"


def long_paragraph(project: Project) -> tuple[Paragraph, str]:
    """A paragraph of some 500 Chinese characters (seed paragraphs joined, in a document of
    its own), and the reference English of those paragraphs to type."""
    sources: list[str] = []
    english: list[str] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        reference = (ROOT / "tests/data/reference" / f"{seed.stem}.en.txt").read_text()
        english += reference.splitlines()
    sources = [p.source for p in project.paragraphs()]
    text, parts = "", []
    for source, line in zip(sources, english, strict=False):
        if len(text) >= TARGET_CHARS:
            break
        if len(source) > 40:
            text += source
            parts.append(line.split(" (Paragraph")[0])
    clean = CleanDocument(
        title=None,
        metadata=DocumentMetadata(),
        paragraphs=(CleanParagraph(text, ParagraphKind.BODY, line_no=1, original=text),),
    )
    document = project.add_document(
        clean,
        name="long.txt",
        path="long.txt",
        sha256="1" * 64,
        encoding="utf-8",
        fmt="txt",
        sentences=[split_sentences(text)],
    )
    return project.paragraphs(document.id)[0], " ".join(parts)


async def run(count: int, keys: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project, glossary_path = build_project(Path(tmp), count)
        glossary: Glossary = read_glossary(glossary_path)
        chosen, english = long_paragraph(project)
        english = english[: keys * 4]
        paragraphs = project.paragraphs()
        prefixes = [english[:i] for i in range(1, len(english) + 1)]

        checks = DraftChecks(project, glossary, chosen.id)
        every: list[float] = []
        for text in prefixes:
            start = time.perf_counter()
            checks.issues(text)
            every.append((time.perf_counter() - start) * 1000)
        only_terms: list[float] = []
        for text in prefixes:
            start = time.perf_counter()
            glossary.check(chosen.source, text)
            only_terms.append((time.perf_counter() - start) * 1000)

        app = create_app(project, glossary_path, translator_provider=lambda: None)  # type: ignore[arg-type,return-value]
        typed: list[float] = []
        untimed: list[float] = []  # the same keys with the live checks off
        runs: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            while app.editor.grid.first_paint is None:
                await asyncio.sleep(0.001)
            await asyncio.sleep(1.0)  # the quality pass and the memory look-up
            await pilot.pause()
            editor = app.editor
            editor.go_to_paragraph(chosen.id)
            await pilot.press("enter")
            await pilot.pause()
            check_draft = editor.check_draft

            def timed_check() -> object:
                start = time.perf_counter()
                found = check_draft()
                runs.append((time.perf_counter() - start) * 1000)
                return found

            painted = instrument(app)
            driver = app._driver
            assert driver is not None

            async def type_keys(samples: list[float]) -> None:
                for char in english[:keys]:
                    await asyncio.sleep(0.25)  # past the debounce: each key gets a check run
                    painted.clear()
                    start = time.perf_counter()
                    key = char if char.isalnum() else "space" if char == " " else char
                    driver.send_message(events.Key(key, char))
                    for _ in range(200):
                        await asyncio.sleep(0.002)
                        if painted:
                            break
                    if painted:
                        samples.append((painted[0] - start) * 1000)
                await asyncio.sleep(0.3)

            editor.check_draft = lambda: ()  # type: ignore[method-assign]
            await type_keys(untimed)
            await pilot.press("ctrl+a", "backspace")
            editor.check_draft = timed_check  # type: ignore[method-assign]
            await type_keys(typed)
        project.close()
    print(f"{len(paragraphs)} paragraphs; typed into a row of {len(chosen.source)} characters")
    print(f"{'per keystroke':<34}{'median':>9}{'p95':>9}{'max':>9}  (ms, n)")
    print(f"{'glossary check of the English':<34}{figures(only_terms)}")
    print(f"{'all segment checks (DraftChecks)':<34}{figures(every)}")
    print(f"{'typed key, live checks off':<34}{figures(untimed)}")
    print(f"{'typed key, live checks on':<34}{figures(typed)}")
    print(f"{'debounced check run in the app':<34}{figures(runs)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--keys", type=int, default=60)
    args = parser.parse_args()
    asyncio.run(run(args.paragraphs, args.keys))


if __name__ == "__main__":
    main()
