"""CC-CEDICT index: build time and size, lookup latency, paragraph segmentation latency.

Run: .venv/bin/python benchmarks/dictionary.py [--builds 3] [--lookups 2000]

Builds the index of the bundled CC-CEDICT into a temporary cache folder (`--builds` times,
each from scratch), then measures on the last one:
- opening a built index (hashing the dictionary file included) and loading the headword
  set for segmentation (once per open index); jieba's first use (its word list written
  beside the index) and its load in a later open;
- `lookup` of single words: headwords drawn from the index in both scripts plus misses,
  first with an empty per-index cache (cold: one SQL query each) and then again (warm);
- `LookupService.paragraph` on every paragraph of the seeds with the curated glossary
  (segmentation + entries), cold then warm, with characters per paragraph;
- `concordance` over the seeds imported and translated (`tests/functional/reference.py`),
  for a Chinese and an English query.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ParamSpec, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.functional.reference (the seeds, translated)

from tests.functional.reference import translated_seeds  # noqa: E402
from workbench.cli.common import load_glossary  # noqa: E402
from workbench.store.dictionary_index import DictionaryIndex, open_index  # noqa: E402
from workbench.store.project import Project  # noqa: E402
from workbench.workflows.lookup import LookupService, concordance  # noqa: E402

P = ParamSpec("P")
R = TypeVar("R")
GLOSSARY = ROOT / "glossary" / "governance.tsv"


def timed(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> tuple[float, R]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def summary(label: str, seconds: Sequence[float], unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1_000_000
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"{label:<38} median {statistics.median(ordered) * scale:8.3f} {unit}"
        f"   p95 {p95 * scale:8.3f} {unit}   max {ordered[-1] * scale:8.3f} {unit}"
        f"   (n={len(ordered)})"
    )


def sample_words(index: DictionaryIndex, count: int, rng: random.Random) -> list[str]:
    rows = index._rows("SELECT simplified, traditional, pinyin, senses FROM entries")
    picked = rng.sample(rows, count)
    words = [row[1] or row[0] if i % 2 else row[0] for i, row in enumerate(picked)]
    misses = ["".join(rng.sample("的一是不了在人有我他这个们中来上大为和国地到以说时要就", 5))
              for _ in range(count // 10)]  # fmt: skip
    return words + misses


def seed_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        paragraphs += [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    return [p for p in paragraphs if p]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        builds: list[float] = []
        for _ in range(args.builds):
            elapsed, index = timed(open_index, cache=work / "cache", rebuild=True)
            builds.append(elapsed)
            index.close()
        reopen, index = timed(open_index, cache=work / "cache")
        info = index.info
        print(f"CC-CEDICT {info.published[:10]}: {info.entries:,} entries, "
              f"{info.headwords:,} headwords, {info.skipped} lines skipped")  # fmt: skip
        print(f"index {info.size_bytes / 1e6:.1f} MB ({info.path.name})")
        print(summary("build (parse + write + rename)", builds))
        print(f"{'open built index (hash included)':<38} {reopen * 1000:8.1f} ms")
        lexicon_time, lexicon = timed(index.lexicon)
        print(f"{'load headword set (once per open)':<38} {lexicon_time * 1000:8.1f} ms"
              f"   ({len(lexicon):,} headwords)")  # fmt: skip
        first_jieba, _ = timed(index.segmenter)
        index.close()
        index = open_index(cache=work / "cache")
        cached_jieba, _ = timed(index.segmenter)
        print(f"{'jieba: first use (word list written)':<38} {first_jieba * 1000:8.1f} ms")
        print(f"{'jieba: later opens (its cache read)':<38} {cached_jieba * 1000:8.1f} ms")

        words = sample_words(index, args.lookups, rng)
        cold = [timed(index.lookup, word)[0] for word in words]
        warm = [timed(index.lookup, word)[0] for word in words]
        print(summary("lookup, cold (SQL)", cold))
        print(summary("lookup, warm (cached)", warm))
        index.close()

        glossary = load_glossary(GLOSSARY)
        service = LookupService.open(glossary, cache=work / "cache")
        paragraphs = seed_paragraphs()
        service.index.segmenter()
        first = [timed(service.paragraph, text)[0] for text in paragraphs]
        again = [timed(service.paragraph, text)[0] for text in paragraphs]
        sizes = [len(text) for text in paragraphs]
        print(summary("paragraph words, first time", first))
        print(summary("paragraph words, again", again))
        print(f"{'':<38} {len(paragraphs)} seed paragraphs, {statistics.median(sizes):.0f} "
              f"characters median, {max(sizes)} max")  # fmt: skip
        service.close()

        project_path = translated_seeds(work / "seeds.sqlite")
        with Project.open(project_path) as project:
            for query in ("人工智能", "digital divide"):
                runs = [timed(concordance, project, query)[0] for _ in range(20)]
                total = concordance(project, query).total
                print(summary(f"concordance {query!r} ({total} hits)", runs))


if __name__ == "__main__":
    main()
