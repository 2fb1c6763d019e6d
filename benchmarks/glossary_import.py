"""Glossary import: 1,000 / 5,000 / 20,000 new terms merged into the curated glossary.

Run: .venv/bin/python benchmarks/glossary_import.py [--sizes 1000 5000 20000] [--old-up-to 1000]

For each size a TSV of generated terms (distinct sources, a note and a variant each) is
imported into a copy of the curated glossary in three ways, printed side by side:

- phases in this process: reading the incoming file, merging (`Glossary.with_terms`, one new
  glossary), writing the TSV (atomic), and `edit_glossary` as a whole (lock, re-read of the
  glossary, merge, write);
- `workbench glossary import` as a user runs it (a new process: Python start-up included);
- the merge as it was before (a new glossary per incoming term, quadratic), for sizes up
  to --old-up-to only: at 5,000 terms it takes minutes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.core.glossary import Glossary, chinese_key
from workbench.formats import glossary_table
from workbench.workflows.glossary_edit import edit_glossary

ROOT = Path(__file__).resolve().parents[1]
CURATED = ROOT / "glossary" / "governance.tsv"
ALPHABET = [c for c in map(chr, range(0x5000, 0x6000)) if chinese_key(c) == c][::8][:64]


def source(number: int) -> str:
    """Four characters that no folding merges: distinct for every number below 64**4."""
    return "".join(ALPHABET[(number >> shift) % 64] for shift in (18, 12, 6, 0))


def write_terms(path: Path, count: int) -> None:
    lines = ["source\ttarget\tstatus\tvariants\tnote"]
    lines += [
        f"{source(n)}\tgenerated term {n}\tcandidate\tterm {n} variant\tgenerated for the benchmark"
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def old_merge(glossary: Glossary, incoming: Glossary) -> Glossary:
    for term in incoming.terms:  # what `glossary import` did before: one Glossary per term
        if term.source not in glossary:
            glossary = glossary.with_term(term)
    return glossary


def measure(size: int, folder: Path, old_up_to: int) -> dict[str, float | None]:
    incoming_path = folder / f"incoming-{size}.tsv"
    write_terms(incoming_path, size)
    target = folder / f"glossary-{size}.tsv"
    shutil.copyfile(CURATED, target)
    base = glossary_table.read(target)

    figures: dict[str, float | None] = {}
    incoming = glossary_table.read(incoming_path)
    figures["read"] = timed(lambda: glossary_table.read(incoming_path))

    def merge(glossary: Glossary) -> Glossary:  # what `glossary import` does now
        return glossary.with_terms(t for t in incoming.terms if t.source not in glossary)

    merged = merge(base)
    figures["merge"] = timed(lambda: merge(base))
    figures["write"] = timed(lambda: glossary_table.write(merged, folder / "written.tsv"))

    figures["locked"] = timed(lambda: edit_glossary(target, merge))
    assert len(glossary_table.read(target)) == len(base) + size

    shutil.copyfile(CURATED, target)
    command = [sys.executable, "-m", "workbench", "glossary", "import", str(incoming_path)]
    command += ["--glossary", str(target)]
    figures["cli"] = timed(lambda: subprocess.run(command, check=True, capture_output=True))
    assert len(glossary_table.read(target)) == len(base) + size

    figures["old"] = timed(lambda: old_merge(base, incoming)) if size <= old_up_to else None
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--old-up-to", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        results = {size: measure(size, Path(name), args.old_up_to) for size in args.sizes}
    rows = [
        ("read incoming", "read"),
        ("merge (one new glossary)", "merge"),
        ("write TSV", "write"),
        ("edit_glossary (lock+read+merge+write)", "locked"),
        ("`workbench glossary import` (process)", "cli"),
        ("old merge (a glossary per term)", "old"),
    ]
    print(f"{'seconds':40}" + "".join(f"{size:>12,}" for size in args.sizes))
    for label, key in rows:
        cells = [results[size][key] for size in args.sizes]
        print(f"{label:40}" + "".join(f"{'—':>12}" if c is None else f"{c:12.3f}" for c in cells))


if __name__ == "__main__":
    main()
