"""Glossary export: TBX v2, TBX v3 and the OmegaT glossary, written and read back.

Run: .venv/bin/python benchmarks/glossary_export.py [--sizes 141 5000 20000] [--runs 3]

The curated glossary, then generated glossaries of the given sizes (the curated terms
repeated under distinct sources), each written to a temporary folder in every format and
read back where the workbench reads it (TBX both versions, the TSV for comparison). Prints
the fastest of --runs in milliseconds, file sizes, and each TBX figure as a ratio to v2.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from workbench.core.glossary import Glossary, chinese_key
from workbench.formats import glossary_table, omegat_glossary, tbx

ROOT = Path(__file__).resolve().parents[1]
CURATED = glossary_table.read(ROOT / "glossary" / "governance.tsv")
ALPHABET = [c for c in map(chr, range(0x5000, 0x6000)) if chinese_key(c) == c][::8][:64]


def scaled(size: int) -> Glossary:
    if size <= len(CURATED):
        return Glossary(CURATED.terms[:size])
    terms = []
    for number in range(size):
        base = CURATED.terms[number % len(CURATED)]
        prefix = "".join(ALPHABET[(number >> shift) % 64] for shift in (18, 12, 6, 0))
        terms.append(replace(base, source=prefix + base.source))
    return Glossary(terms)


def fastest(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def measure(size: int, folder: Path, runs: int) -> None:
    glossary = scaled(size)
    paths = {name: folder / f"g{size}.{name}" for name in ("v2", "v3", "tsv")}
    paths["omegat"] = folder / f"g{size}.utf8"
    writers: dict[str, Callable[[], object]] = {
        "v2": lambda: tbx.write(glossary, paths["v2"], version=2),
        "v3": lambda: tbx.write(glossary, paths["v3"], version=3),
        "omegat": lambda: omegat_glossary.write(glossary, paths["omegat"]),
        "tsv": lambda: glossary_table.write_tsv(glossary, paths["tsv"]),
    }
    readers: dict[str, Callable[[], object]] = {
        "v2": lambda: tbx.read(paths["v2"]),
        "v3": lambda: tbx.read(paths["v3"]),
        "tsv": lambda: glossary_table.read_tsv(paths["tsv"]),
    }
    base = (1.0, 1.0)
    for name, write in writers.items():
        written = fastest(runs, write)
        read = fastest(runs, readers[name]) if name in readers else float("nan")
        kib = paths[name].stat().st_size / 1024
        if name == "v2":
            base = (written, read)
        ratio = (
            f"write ×{written / base[0]:.2f}, read ×{read / base[1]:.2f}" if name == "v3" else ""
        )
        print(f"{size:>6}  {name:<8} {written:>9.1f} {read:>9.1f} {kib:>8.0f}  {ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[141, 5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'terms':>6}  {'format':<8} {'write ms':>9} {'read ms':>9} {'KiB':>8}  vs v2")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            measure(size, Path(folder), args.runs)


if __name__ == "__main__":
    main()
