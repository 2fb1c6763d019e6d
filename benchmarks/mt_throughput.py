"""MT throughput: argostranslate's own per-paragraph call vs the workbench's batched engine.

Run: .venv/bin/python benchmarks/mt_throughput.py [--sentences 500] [--model PATH.argosmodel]

The seeds' paragraphs (lines with Chinese text) are repeated until there are at least
--sentences sentences, split with the workbench's splitter, and translated with the same
model in one process:

(a) the argostranslate way: `argostranslate.translate.apply_packaged_translation`, the
    function its `translate()` runs for each paragraph, called once per paragraph with the
    package's own tokenizer and a CTranslate2 Translator built as argostranslate's
    PackageTranslation builds it (device, inter/intra threads and compute type from its
    settings). Its settings give beam max(1, 4) = 4, max_batch_size 32 *tokens*,
    replace_unknowns, length_penalty 0.2, scores. `translate()` itself cannot run here: its
    sentence splitter (MiniSBD) downloads a model at run time, so the workbench's sentence
    splitter is handed in instead; everything else is argostranslate's code.
(b) the workbench engine: all sentences of all paragraphs in one `translate_batch`, sorted by
    length, 16 sentences per batch, threads set for the machine; same beam (4), one
    hypothesis, same length penalty.
(c) for information: the full glossary enforcement (4-best with attention, re-decoding of
    failing sentences) with the curated glossary.

The model is the official argos zh→en package when one is found ($WORKBENCH_ZH_EN_MODEL or
../shared/models/translate-zh_en*.argosmodel), else a generated model of the official
one's shape (Transformer-base 6+6 layers, 512 dims, 8 heads, 32k vocabulary, int8) whose
output has as many pieces as its input. Peak memory is the process's maximum resident set
(resource.getrusage) after each phase; it only grows.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.core.sentences import split_sentences  # noqa: E402
from workbench.formats import glossary_table  # noqa: E402
from workbench.mt import packages  # noqa: E402
from workbench.mt.argos import ArgosTranslator, cpu_count  # noqa: E402
from workbench.mt.base import DecodeOptions  # noqa: E402
from workbench.mt.enforce import GlossaryEnforcer  # noqa: E402
from workbench.mt.synthetic import OFFICIAL_SHAPE, cached_archive  # noqa: E402

CACHE = ROOT / ".cache" / "mt-models"
SHARED_MODELS = ROOT.parent / "shared" / "models"
HAN = re.compile(r"[\u4e00-\u9fff]")


class WorkbenchSentencizer:
    """Stands in for argostranslate's MiniSBD sentencizer (which needs a download)."""

    def split_sentences(self, text: str) -> list[str]:
        return split_sentences(text)


def paragraphs(minimum_sentences: int) -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(HAN.findall(line)) >= 10:
                lines.append(line.strip())
    chosen: list[str] = []
    count = 0
    while count < minimum_sentences:
        for line in lines:
            chosen.append(line)
            count += len(split_sentences(line))
            if count >= minimum_sentences:
                break
    return chosen


def model_archive(given: str | None) -> tuple[Path, str]:
    candidates = [given, os.environ.get("WORKBENCH_ZH_EN_MODEL")]
    candidates += [str(p) for p in sorted(SHARED_MODELS.glob("translate-zh_en*.argosmodel"))]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate), "official/real model"
    print("the official-shape generated model (built on first use) ...", flush=True)
    archive = cached_archive(OFFICIAL_SHAPE, CACHE)
    return archive, "generated model of the official shape (no official model found)"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def argos_way(package_path: Path, texts: list[str]) -> tuple[list[str], float]:
    import ctranslate2
    from argostranslate import settings
    from argostranslate.package import Package
    from argostranslate.translate import apply_packaged_translation

    package = Package(package_path)
    # As argostranslate.translate.PackageTranslation.hypotheses builds it.
    params = {
        "model_path": str(package_path / "model"),
        "device": settings.device,
        "inter_threads": settings.inter_threads,
        "intra_threads": settings.intra_threads,
    }
    if settings.compute_type != "auto":
        params["compute_type"] = settings.compute_type
    translator = ctranslate2.Translator(**params)
    sentencizer = WorkbenchSentencizer()
    apply_packaged_translation(package, texts[0], translator, sentencizer, 1)  # warm-up
    started = time.perf_counter()
    out = [
        apply_packaged_translation(package, text, translator, sentencizer, 1)[0].value
        for text in texts
    ]
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--model", default=None, help="an .argosmodel file to use")
    args = parser.parse_args()

    archive, kind = model_archive(args.model)
    texts = paragraphs(args.sentences)
    split = [split_sentences(text) for text in texts]
    sentences = [s for group in split for s in group]
    print(f"model: {archive.name} ({kind})")
    print(f"input: {len(texts)} paragraphs, {len(sentences)} sentences; {cpu_count()} cores")

    with tempfile.TemporaryDirectory(prefix="mt-benchmark-") as tmp:
        os.environ["ARGOS_PACKAGES_DIR"] = tmp
        package = packages.install(archive)
        print(f"peak RSS before translating: {peak_mb():.0f} MB")

        argos_out, argos_seconds = argos_way(package.path, texts)
        print(
            f"(a) argostranslate per paragraph: {len(sentences) / argos_seconds:7.1f} sent/s "
            f"({argos_seconds:.1f} s), peak RSS {peak_mb():.0f} MB"
        )

        engine = ArgosTranslator.load()
        options = DecodeOptions(beam_size=4, num_hypotheses=1)
        engine.translate_batch(split[0], options)  # warm-up
        started = time.perf_counter()
        results = engine.translate_batch(sentences, options)
        engine_seconds = time.perf_counter() - started
        print(
            f"(b) workbench batched engine:     {len(sentences) / engine_seconds:7.1f} sent/s "
            f"({engine_seconds:.1f} s), peak RSS {peak_mb():.0f} MB "
            f"[{engine.threads} intra-op threads x {engine.inter_threads} batches in parallel, "
            f"batches of {engine.max_batch_size}]"
        )

        glossary = glossary_table.read(ROOT / "glossary" / "governance.tsv")
        started = time.perf_counter()
        enforced = GlossaryEnforcer(engine, glossary).translate(sentences)
        enforce_seconds = time.perf_counter() - started
        flagged = sum(r.flagged for r in enforced)
        print(
            f"(c) batched + glossary enforced:  {len(sentences) / enforce_seconds:7.1f} sent/s "
            f"({enforce_seconds:.1f} s), peak RSS {peak_mb():.0f} MB, "
            f"{sum(bool(r.terms) for r in enforced)} sentences with terms, {flagged} flagged"
        )

    ratio = argos_seconds / engine_seconds
    print(f"ratio (b)/(a): {ratio:.2f}x (target >= 3x: {'met' if ratio >= 3 else 'NOT met'})")
    joined = []
    position = 0
    for group in split:
        joined.append(" ".join(r.best.text for r in results[position : position + len(group)]))
        position += len(group)
    same = sum(a.split() == b.split() for a, b in zip(argos_out, joined, strict=True))
    print(f"same output as (a): {same}/{len(texts)} paragraphs")


if __name__ == "__main__":
    main()
