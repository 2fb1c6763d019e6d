"""Translating a whole project: first run, cached re-runs, and a one-term glossary change.

Run: .venv/bin/python benchmarks/translate_project.py [--repeat 4] [--model PATH.argosmodel]

The two seeds are imported (cleaned and split as `workbench import` does) --repeat times,
each copy with every sentence made distinct (a copy number before its final punctuation),
so that the cache's sharing of identical sentences does not flatter the first run. The
project is then translated with `workbench.workflows.translating.translate_paragraphs`, the
function `workbench translate` runs, with the curated glossary enforced:

1. first run: every row through the engine, chunk by chunk, each chunk committed;
2. re-run: nothing to do (every row up to date): planning only, no engine call;
3. cache-served run: the paragraphs' MT cleared, then translated again: every sentence
   comes from the cache (what re-opening a project or translating a repeated document costs);
4. one glossary term changed (数字鸿沟 → "digital gap"): only the sentences containing it
   go to the engine again.

Engine calls are counted with `workbench.mt.recording.RecordingTranslator`. The model is the
official argos zh→en package when found ($WORKBENCH_ZH_EN_MODEL or
../shared/models/translate-zh_en*.argosmodel), else the generated model of the official
one's shape (see benchmarks/mt_throughput.py).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from mt_throughput import model_archive  # noqa: E402

from workbench.core.glossary import Glossary  # noqa: E402
from workbench.core.ingest import clean_document, decode, split_sentences  # noqa: E402
from workbench.core.segments import CleanParagraph  # noqa: E402
from workbench.formats import glossary_table  # noqa: E402
from workbench.ingest_rules import default_rules  # noqa: E402
from workbench.mt import packages  # noqa: E402
from workbench.mt.argos import ArgosTranslator, cpu_count  # noqa: E402
from workbench.mt.recording import RecordingTranslator  # noqa: E402
from workbench.store.project import Project  # noqa: E402
from workbench.workflows.translating import TranslateSummary, translate_paragraphs  # noqa: E402
from workbench.workflows.translation_plan import CHUNK_SENTENCES  # noqa: E402

FINAL = re.compile(r"([。！？；.!?;]?)$")
CHANGED_TERM = "数字鸿沟"


def distinct(sentence: str, copy: int) -> str:
    if copy == 0:
        return sentence
    return FINAL.sub(lambda m: f"（{copy}）{m.group(1)}", sentence, count=1)


def build_project(path: Path, repeat: int) -> Project:
    project = Project.open(path)
    rules = default_rules()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        data = seed.read_bytes()
        clean = clean_document(
            decode(data, name=str(seed)).text, fmt="txt", rules=rules, name=seed.name
        )
        sentences = [split_sentences(p.text) for p in clean.paragraphs]
        for copy in range(repeat):
            varied = [[distinct(s, copy) for s in group] for group in sentences]
            paragraphs = tuple(
                CleanParagraph("".join(group), p.kind, p.line_no, p.original)
                for p, group in zip(clean.paragraphs, varied, strict=True)
            )
            project.add_document(
                replace(clean, paragraphs=paragraphs, dropped=()),
                name=f"{seed.stem}-{copy}.txt",
                path=str(seed),
                sha256=hashlib.sha256(data + bytes([copy])).hexdigest(),
                encoding="utf-8",
                fmt="txt",
                sentences=varied,
            )
    return project


def line(label: str, summary: TranslateSummary, calls: int, seconds: float) -> str:
    rows = summary.rows_written
    rate = f"{rows / seconds:6.1f} rows/s" if rows else " " * 13
    return (
        f"{label:<28} {seconds:7.2f} s  {rate}  rows written {rows:4d}  "
        f"sentences to engine {summary.sentences_translated:4d}  engine calls {calls:3d}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=4, help="copies of the seeds")
    parser.add_argument("--model", default=None, help="an .argosmodel file to use")
    parser.add_argument(
        "--chunk-size", type=int, default=CHUNK_SENTENCES, help="sentences per engine call"
    )
    args = parser.parse_args()

    archive, kind = model_archive(args.model)
    kind = "given file" if args.model else kind
    glossary = glossary_table.read(ROOT / "glossary" / "governance.tsv")
    print(f"model: {archive.name} ({kind}); {cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="translate-benchmark-") as tmp:
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(tmp) / "packages")
        packages.install(archive)
        engine = ArgosTranslator.load()
        engine.translate_batch(["预热。"])  # load the weights before timing
        project = build_project(Path(tmp) / "bench.sqlite", args.repeat)
        sentences = project.all_sentences()
        print(
            f"project: {len(project.paragraphs())} rows, {len(sentences)} sentences "
            f"({len({s.source for s in sentences})} distinct), seeds x {args.repeat}, "
            f"chunks of {args.chunk_size} sentences"
        )

        def timed(label: str, current: Glossary = glossary) -> TranslateSummary:
            recorder = RecordingTranslator(engine)
            started = time.perf_counter()
            summary = translate_paragraphs(project, current, recorder, chunk_size=args.chunk_size)
            seconds = time.perf_counter() - started
            print(line(label, summary, len(recorder.calls), seconds))
            return summary

        first = timed("1. first run")
        print(
            f"   engine: {first.sentences_per_second:.1f} sentences/s over "
            f"{first.mt_seconds:.1f} s; {len(first.flagged)} rows flagged"
        )
        timed("2. re-run (up to date)")
        with project.transaction() as conn:
            conn.execute("UPDATE sentences SET mt = NULL")
            conn.execute("UPDATE paragraphs SET mt = NULL, status = 'new'")
        timed("3. cache-served run")
        term = glossary.get(CHANGED_TERM)
        assert term is not None
        changed = glossary.with_term(replace(term, target="digital gap"))
        with_term = sum(
            1 for s in sentences if any(h.term == term for h in glossary.find(s.source))
        )
        print(f"   ({with_term} sentences contain {CHANGED_TERM})")
        timed(f"4. {CHANGED_TERM} changed", changed)
        project.close()


if __name__ == "__main__":
    main()
