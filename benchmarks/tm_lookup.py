"""Translation-memory lookup time at 1k, 10k and 100k memory segments.

Run: .venv/bin/python benchmarks/tm_lookup.py [--sizes 1000 10000 100000] [--queries 200]

Memory segments are realistic Chinese: clauses of the two seed articles and of the dev pairs
(eval/dev-pairs.tsv) recombined into sentences of 2-5 clauses,
a fifth of them edited copies of others (a word replaced, a clause added), as repeated
policy wording is. Half the queries are edited copies of memory segments (fuzzy matches
exist), half fresh recombinations (mostly no match). The narrow vocabulary (a few hundred
clauses on one topic) makes this a hard case for the prefilter: real memories are more
varied. For each size it prints the index build time, lookup time (median, 95th percentile,
worst) with the index and with a plain rapidfuzz scan of every segment, the share of
segments the prefilter lets through, and checks that both find the same matches.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from rapidfuzz import fuzz, process

from workbench.core.tm import DEFAULT_THRESHOLD, MemoryIndex, MemoryUnit, normalize

ROOT = Path(__file__).resolve().parents[1]
DEV_PAIRS = Path(__file__).resolve().parents[1] / "eval" / "dev-pairs.tsv"
P = ParamSpec("P")
R = TypeVar("R")
FILLERS = "推动加强深化完善促进构建全面持续积极稳步国际区域产业数字智能治理合作发展安全创新"


def clauses() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    if DEV_PAIRS.exists():
        text += "\n".join(
            line.split("\t")[0] for line in DEV_PAIRS.read_text(encoding="utf-8").splitlines()
        )
    pieces = re.split(r"[，,。；;：:！？!?、\n“”（）()\t]", text)
    return sorted({p.strip() for p in pieces if len(re.findall(r"[\u4e00-\u9fff]", p)) >= 4})


def sentence(rng: random.Random, pool: list[str]) -> str:
    return "，".join(rng.choice(pool) for _ in range(rng.randint(2, 5))) + "。"


def edit(rng: random.Random, text: str, pool: list[str]) -> str:
    """A plausible revision: a few characters replaced, or a clause added."""
    chars = list(text)
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, max(1, len(chars) // 12))):
            i = rng.randrange(len(chars))
            chars[i : i + 2] = rng.sample(FILLERS, 2)
        return "".join(chars)
    return text[:-1] + "，" + rng.choice(pool) + "。"


def memory(size: int, rng: random.Random, pool: list[str]) -> list[MemoryUnit]:
    sources: list[str] = []
    for _ in range(size):
        if sources and rng.random() < 0.2:
            sources.append(edit(rng, rng.choice(sources), pool))
        else:
            sources.append(sentence(rng, pool))
    return [MemoryUnit(source=s, target=f"English {i}", id=i + 1) for i, s in enumerate(sources)]


def timed(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> tuple[float, R]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args()
    pool = clauses()
    print(f"{len(pool)} distinct clauses; threshold {args.threshold:g}%")
    print(
        f"{'segments':>9} {'build':>8} {'indexed median':>15} {'p95':>8} {'max':>8} "
        f"{'scan median':>12} {'let through':>12} {'with match':>11} {'same results':>13}"
    )
    for size in args.sizes:
        rng = random.Random(size)
        units = memory(size, rng, pool)
        build, index = timed(MemoryIndex, units)
        queries = [
            edit(rng, rng.choice(units).source, pool) if i % 2 else sentence(rng, pool)
            for i in range(args.queries)
        ]
        norms = [normalize(u.source) for u in units]
        indexed: list[float] = []
        scanned: list[float] = []
        through: list[float] = []
        same = hits = 0
        for query in queries:
            elapsed, found = timed(index.lookup, query, threshold=args.threshold, limit=5)
            indexed.append(elapsed)
            through.append(len(index._candidates(normalize(query), args.threshold)) / size)
            elapsed, scan = timed(
                process.extract,
                normalize(query),
                norms,
                scorer=fuzz.ratio,
                score_cutoff=args.threshold,
                limit=5,
            )
            scanned.append(elapsed)
            best = max((score for _, score, _ in scan), default=None)
            top = found[0].score if found else None
            hits += top is not None
            same += (best is None and top is None) or (
                best is not None and top is not None and abs(min(best, 99.9) - top) < 0.11
            )
        p95 = statistics.quantiles(indexed, n=20)[-1]
        print(
            f"{size:>9,} {build:>7.2f}s {statistics.median(indexed) * 1000:>12.1f} ms "
            f"{p95 * 1000:>5.1f} ms {max(indexed) * 1000:>5.1f} ms "
            f"{statistics.median(scanned) * 1000:>9.1f} ms {statistics.mean(through):>11.2%} "
            f"{hits:>7}/{len(queries)} {same:>9}/{len(queries)}"
        )


if __name__ == "__main__":
    main()
