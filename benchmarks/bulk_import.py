"""Bulk writes: import-translations of 10k, 40k and 100k pairs, its undo, and how long
another writer waits meanwhile.

Run: .venv/bin/python benchmarks/bulk_import.py [--sizes 10000 40000 100000] [--cli]

For each size a fresh project (a temporary folder) gets one document of that many
one-sentence paragraphs, written through the store (`Project.add_document`, itself a bulk
write); a TSV of one pair per paragraph is written with the exporter's writer and brought
back with `import_translations` (the workflow `workbench import-translations` runs), then
`Project.undo` takes the whole import back. All three run with the project's default bulk
limits (commit after about a second, then leave the lock free for a moment).

While the import runs, a second connection (standing for the editor) saves a row every
0.25 s in its own transaction, with the store's busy timeout; its longest wait for the lock
is printed. `--cli` also times `python -m workbench import-translations` end to end (process
start, reading the TSV, the import), as a user runs it.

Wall-clock seconds depend on what else the machine runs; the CPU seconds of this process
(`time.process_time`) show the growth better on a busy machine. Ratios are against the first
size: linear upkeep gives ratios close to the size ratio (4x, 10x).
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from workbench.core.segments import (
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    ParagraphKind,
    Status,
    TranslationUnit,
    unit_key,
)
from workbench.formats import tabular
from workbench.store.limits import busy_timeout
from workbench.store.project import Project
from workbench.workflows.exporting import import_translations, read_units


@dataclass
class Timing:
    wall: float = 0.0
    cpu: float = 0.0


@dataclass
class Result:
    size: int
    add: Timing
    imported: Timing
    undo: Timing
    longest_wait: float
    saves: int
    cli: float | None = None


class Clock:
    def __enter__(self) -> Timing:
        self.timing = Timing()
        self._wall = time.perf_counter()
        self._cpu = time.process_time()
        return self.timing

    def __exit__(self, *exc: object) -> None:
        self.timing.wall = time.perf_counter() - self._wall
        self.timing.cpu = time.process_time() - self._cpu


class OtherWriter(threading.Thread):
    """Saves a row every 0.25 s through its own connection; notes the longest wait."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.stop = threading.Event()
        self.longest = 0.0
        self.saves = 0

    def run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=busy_timeout())
        try:
            while not self.stop.wait(0.25):
                started = time.perf_counter()
                conn.execute("BEGIN IMMEDIATE")
                self.longest = max(self.longest, time.perf_counter() - started)
                conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('bench', ?)",
                    (str(self.saves),),
                )
                conn.execute("COMMIT")
                self.saves += 1
        finally:
            conn.close()


def texts(size: int) -> list[str]:
    return [
        f"第{i}条，人工智能全球治理需要各国共同努力，推动构建人类命运共同体。" for i in range(size)
    ]


def make_project(path: Path, size: int) -> tuple[Timing, Path]:
    sources = texts(size)
    paragraphs = tuple(
        CleanParagraph(text=t, kind=ParagraphKind.BODY, line_no=i + 1, original=t)
        for i, t in enumerate(sources)
    )
    clean = CleanDocument(title=None, metadata=DocumentMetadata(), paragraphs=paragraphs)
    with Project.open(path) as project, Clock() as timing:
        document = project.add_document(
            clean,
            name="bulk.txt",
            path="/bulk.txt",
            sha256=f"bulk-{size}",
            encoding="utf-8",
            fmt="txt",
            sentences=[[t] for t in sources],
        )
    pairs = path.with_suffix(".tsv")
    units = [
        TranslationUnit(
            key=unit_key("bulk.txt", n),
            source=source,
            target=f"Article {n}: the global governance of AI needs every country.",
            document="bulk.txt",
            document_id=document.id,
            paragraph=n,
            status=Status.EDITED,
        )
        for n, source in enumerate(sources, start=1)
    ]
    tabular.write_tsv(pairs, units)
    return timing, pairs


def measure(size: int, folder: Path, *, cli: bool) -> Result:
    path = folder / f"bulk-{size}.sqlite"
    added, pairs = make_project(path, size)
    units = read_units(pairs)
    writer = OtherWriter(path)
    with Project.open(path) as project:
        writer.start()
        with Clock() as imported:
            report = import_translations(project, units)
        writer.stop.set()
        writer.join()
        assert report.applied == size, report
        with Clock() as undone:
            touched = project.undo()
        assert len(touched) == size, len(touched)
    result = Result(size, added, imported, undone, writer.longest, writer.saves)
    if cli:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "workbench", "import-translations", str(pairs), "-p", str(path)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        result.cli = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000, 100_000])
    parser.add_argument("--cli", action="store_true", help="also time the CLI end to end")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bulk-import-") as folder:
        results = [measure(size, Path(folder), cli=args.cli) for size in args.sizes]
    base = results[0]
    print(
        f"{'pairs':>8} {'add doc s':>10} {'import s':>9} {'cpu s':>7} {'µs/pair':>8} "
        f"{'ratio':>6} {'cpu ratio':>9} {'undo s':>7} {'ratio':>6} {'wait max s':>10}"
        + (f" {'CLI s':>7}" if args.cli else "")
    )
    for r in results:
        line = (
            f"{r.size:>8} {r.add.wall:>10.2f} {r.imported.wall:>9.2f} {r.imported.cpu:>7.2f} "
            f"{r.imported.wall / r.size * 1e6:>8.0f} {r.imported.wall / base.imported.wall:>6.2f} "
            f"{r.imported.cpu / base.imported.cpu:>9.2f} {r.undo.wall:>7.2f} "
            f"{r.undo.wall / base.undo.wall:>6.2f} {r.longest_wait:>10.2f}"
        )
        if r.cli is not None:
            line += f" {r.cli:>7.2f}"
        print(line)
    print(
        f"size ratios: {', '.join(f'{r.size / base.size:g}x' for r in results)}; "
        f"the other writer saved {sum(r.saves for r in results)} rows meanwhile"
    )


if __name__ == "__main__":
    main()
