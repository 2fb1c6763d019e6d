"""Export and memory import at scale: file size, time and peak memory, side by side.

Run: .venv/bin/python benchmarks/export_scale.py [--pairs 254000] [--documents 1]
     [--memory-units 100000] [--baseline DIR]

It builds a project of `--pairs` translated paragraphs (the official zh/en dev pairs,
numbered so that none repeats, spread over `--documents` documents), then runs
`workbench export` once per format and `workbench memory import` of a TMX of
`--memory-units` units, each in its own process, and prints the output size, the wall time
and the process's peak resident memory (`resource.getrusage`, ru_maxrss, read in the child
when it ends). With `--baseline DIR` (another checkout, e.g. `git archive <commit>` unpacked)
the same commands also run on that code, and the table shows both with their ratio.

The projects are built in a child process too: Linux keeps a process's peak memory across
fork and exec, so a child forked from a large parent would report the parent's size.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_PAIRS = ROOT / "eval" / "dev-pairs.tsv"
FORMATS = ("tmx", "xliff", "xliff2", "po", "tsv", "jsonl")

# Runs the CLI in this process and reports its peak memory on stderr whatever the outcome.
RUNNER = """
import resource, runpy, sys
sys.argv = ["workbench", *sys.argv[1:]]
try:
    runpy.run_module("workbench", run_name="__main__")
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"PEAK-KB {peak}", file=sys.stderr)
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    size_mb: float
    ok: bool
    detail: str


def dev_pairs() -> list[tuple[str, str]]:
    lines = DEV_PAIRS.read_text(encoding="utf-8").splitlines()[1:]
    return [(cells[0], cells[1]) for cells in (line.split("\t") for line in lines) if cells[1:]]


def build_project(path: Path, pairs: int, documents: int) -> None:
    from workbench.core.segments import (
        CleanDocument,
        CleanParagraph,
        DocumentMetadata,
        ParagraphKind,
    )
    from workbench.store.project import Project

    base = dev_pairs()
    per_document = -(-pairs // documents)
    with Project.open(path) as project:
        made = 0
        for number in range(documents):
            count = min(per_document, pairs - made)
            texts = [base[(made + i) % len(base)] for i in range(count)]
            sources = [f"{zh}（{made + i}）" for i, (zh, _) in enumerate(texts)]
            clean = CleanDocument(
                title=None,
                metadata=DocumentMetadata(),
                paragraphs=tuple(
                    CleanParagraph(text=s, kind=ParagraphKind.BODY, line_no=i + 1, original=s)
                    for i, s in enumerate(sources)
                ),
            )
            name = f"doc{number:04d}.txt"
            document = project.add_document(
                clean,
                name=name,
                path=str(path.parent / name),
                sha256=hashlib.sha256(name.encode()).hexdigest(),
                encoding="utf-8",
                fmt="txt",
                sentences=[[s] for s in sources],
            )
            english = {
                p.id: f"{texts[i][1]} ({made + i})"
                for i, p in enumerate(project.paragraphs(document.id))
            }
            # Bulk English for the benchmark only: the application writes one paragraph at
            # a time through Project.set_target (with undo history).
            with project.transaction() as conn:
                conn.executemany(
                    "UPDATE paragraphs SET target = ?, status = 'edited' WHERE id = ?",
                    [(text, pid) for pid, text in english.items()],
                )
            made += count


def build_in_child(path: Path, pairs: int, documents: int) -> None:
    subprocess.run(
        [sys.executable, __file__, "--build", str(path), str(pairs), str(documents)], check=True
    )


def run(code: Path, args: list[str], cwd: Path, output: Path | None) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env["PYTHONPATH"] = str(code)
    env["WORKBENCH_GLOSSARY"] = str(ROOT / "glossary" / "governance.tsv")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    peak = next(
        (int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK-KB")),
        0,
    )
    size = output.stat().st_size / 1e6 if output is not None and output.exists() else 0.0
    text = (done.stdout + done.stderr).strip().splitlines()
    detail = next((line for line in text if not line.startswith("PEAK-KB")), "")
    return Run(seconds, peak / 1024, size, done.returncode == 0, detail[:100])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=254_000)
    parser.add_argument("--documents", type=int, default=1)
    parser.add_argument("--memory-units", type=int, default=100_000)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    options = parser.parse_args()

    codes = {"this": ROOT}
    if options.baseline:
        codes["baseline"] = options.baseline.resolve()
    with tempfile.TemporaryDirectory(prefix="export-scale-") as folder:
        work = Path(folder)
        project = work / "big.sqlite"
        start = time.perf_counter()
        build_in_child(project, options.pairs, options.documents)
        print(
            f"project: {options.pairs:,} pairs in {options.documents} document(s), "
            f"{project.stat().st_size / 1e6:.0f} MB, built in {time.perf_counter() - start:.0f} s"
        )
        memory_project = work / "memory.sqlite"
        build_in_child(memory_project, options.memory_units, 1)
        memory_tmx = work / "memory.tmx"
        made = run(ROOT, ["export", "-f", "tmx", "-o", str(memory_tmx), "-p", str(memory_project)],
                   work, memory_tmx)  # fmt: skip
        print(f"memory TMX: {options.memory_units:,} units, {made.size_mb:.0f} MB\n")

        rows: list[tuple[str, dict[str, Run]]] = []
        for fmt in options.formats:
            results = {}
            for label, code in codes.items():
                out = work / f"{label}.{fmt}"
                args = ["export", "-f", fmt, "-o", str(out), "-p", str(project)]
                results[label] = run(code, args, work, out)
            rows.append((f"export {fmt}", results))
        results = {}
        for label, code in codes.items():
            target = work / f"{label}-memory.sqlite"
            args = ["memory", "import", str(memory_tmx), "-p", str(target)]
            results[label] = run(code, args, work, None)
        rows.append((f"memory import ({options.memory_units:,} units)", results))

    header = f"{'':34}" + "".join(f"{label:>30}" for label in codes)
    if len(codes) > 1:
        header += f"{'peak ratio':>12}"
    print(header)
    print(f"{'':34}" + "".join(f"{'size MB   time s   peak MB':>30}" for _ in codes))
    for name, results in rows:
        line = f"{name:34}"
        for label in codes:
            r = results[label]
            cell = f"{r.size_mb:7.0f} {r.seconds:8.1f} {r.peak_mb:9.0f}" if r.ok else "failed"
            line += f"{cell:>30}"
        if len(codes) > 1 and all(results[k].ok for k in codes):
            ratio = results["baseline"].peak_mb / max(results["this"].peak_mb, 1)
            line += f"{ratio:>11.1f}×"
        print(line)
        for label in codes:
            if not results[label].ok:
                print(f"    {label}: {results[label].detail}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build_project(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
