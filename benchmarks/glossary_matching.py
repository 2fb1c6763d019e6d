"""Glossary matching throughput with a large glossary: the curated terms plus synthetic ones.

Run: .venv/bin/python benchmarks/glossary_matching.py [--terms 5000] [--repeat 20]

Prints the time to build the glossary (automaton included), `find` throughput on the seed
articles and the dev pairs, and `check` throughput on Chinese/English pairs, cold (first
use of each rendering compiles its expression) and warm. A naive scan (`source in text`
for every term) is timed for comparison.
"""

from __future__ import annotations

import argparse
import functools
import random
import time
from collections.abc import Callable
from pathlib import Path

from workbench.core.glossary import Glossary, Term, TermStatus
from workbench.formats import glossary_table

ROOT = Path(__file__).resolve().parents[1]
DEV_PAIRS = Path(__file__).resolve().parents[1] / "eval" / "dev-pairs.tsv"
SYLLABLES = ("ka", "lo", "mi", "ren", "sha", "tu", "vo", "ne", "pri", "sta", "con", "lex", "dor")


def synthetic_terms(count: int, alphabet: str, real: list[Term], rng: random.Random) -> list[Term]:
    """Random Chinese keys, some extending real sources so that longest-match has work."""
    terms: dict[str, Term] = {}
    while len(terms) < count:
        if rng.random() < 0.2:
            source = rng.choice(real).source + "".join(rng.choices(alphabet, k=rng.randint(1, 3)))
        else:
            source = "".join(rng.choices(alphabet, k=rng.randint(2, 8)))
        if source in terms:
            continue
        words = [rng.choice(SYLLABLES) + rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))]
        terms[source] = Term(
            source,
            " ".join(words),
            status=TermStatus.CANDIDATE if rng.random() < 0.1 else TermStatus.APPROVED,
            variants=(" ".join([*words, "plus"]),) if rng.random() < 0.3 else (),
            forbidden=(words[0] + " x",) if rng.random() < 0.2 else (),
        )
    return list(terms.values())


def timed(action: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        action()
    return (time.perf_counter() - start) / repeat


def check_segments(glossary: Glossary, segments: list[tuple[str, str]]) -> int:
    return sum(len(glossary.check(zh, en).issues) for zh, en in segments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(20240403)

    curated = list(glossary_table.read(ROOT / "glossary" / "governance.tsv"))
    articles = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    pairs: list[tuple[str, str]] = []
    if DEV_PAIRS.exists():
        lines = DEV_PAIRS.read_text(encoding="utf-8").splitlines()[1:]
        pairs = [(zh, en) for zh, en, *_ in (line.split("\t") for line in lines if line)]
    alphabet = "".join(sorted({c for text in articles for c in text if "\u4e00" <= c <= "\u9fff"}))

    real_keys = {t.source for t in curated}
    extra = [
        t for t in synthetic_terms(args.terms, alphabet, curated, rng) if t.source not in real_keys
    ][: max(0, args.terms - len(curated))]
    terms = curated + extra

    start = time.perf_counter()
    glossary = Glossary(terms)
    build = time.perf_counter() - start
    print(
        f"glossary: {len(glossary)} terms ({len(curated)} curated), built in {build * 1e3:.1f} ms"
    )
    rebuild = timed(lambda: Glossary(terms).version, 3)
    print(f"version {glossary.version[:16]}…: build and hash in {rebuild * 1e3:.1f} ms")

    corpus = "\n".join(articles + [zh for zh, _ in pairs]) * 15  # about 100,000 characters
    seconds = timed(lambda: glossary.find(corpus), args.repeat)
    hits = len(glossary.find(corpus))
    print(
        f"find: {len(corpus):,} chars, {hits} hits in {seconds * 1e3:.2f} ms "
        f"= {len(corpus) / seconds / 1e6:.2f} M chars/s"
    )
    approved = [t.source for t in terms if t.status is TermStatus.APPROVED]
    naive = timed(lambda: [s for s in approved if s in corpus], max(1, args.repeat // 4))
    print(f"naive `in` scan over every term (no longest-match): {naive * 1e3:.2f} ms")

    # Segments: the dev pairs, and synthetic pairs that contain several terms each.
    synthetic_pairs = []
    for _ in range(500):
        chosen = rng.sample(terms, 5)
        zh = "，".join(t.source + rng.choice(alphabet) for t in chosen)
        en = ", ".join(rng.choice(t.renderings + t.forbidden) for t in chosen) + "."
        synthetic_pairs.append((zh, en))
    for label, segments in (("dev pairs", pairs), ("synthetic pairs", synthetic_pairs)):
        if not segments:
            continue
        fresh = Glossary(terms)
        check_all = functools.partial(check_segments, fresh, segments)
        cold = timed(check_all, 1)  # compiles each rendering's expression on first use
        warm = timed(check_all, args.repeat)
        issues = check_segments(fresh, segments)
        print(
            f"check, {label}: {len(segments)} segments, {issues} issues; cold "
            f"{len(segments) / cold:,.0f} segments/s, warm {len(segments) / warm:,.0f} segments/s"
        )


if __name__ == "__main__":
    main()
