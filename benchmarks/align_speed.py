"""Alignment speed: the dev pairs shuffled into N sentence pairs, aligned with the curated
glossary and CC-CEDICT, timed by phase; recall on the same data printed beside it.

    .venv/bin/python benchmarks/align_speed.py [--pairs 1000] [--seed 7]

The Chinese side is grouped three pairs to a paragraph, the English two to a paragraph, so
paragraphs never line up; every 25th pair loses its English (untranslated) and every 40th
English paragraph is followed by a translator's line.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

from workbench.cli.common import curated_glossary
from workbench.core.align_eval import score
from workbench.core.sentences import split_sentences
from workbench.store.dictionary_index import open_index
from workbench.workflows.aligning import SideText, align_sides

ROOT = Path(__file__).resolve().parent.parent
NOTE = "(Translator's note: the names of meetings are given as published.)"


def _side(paragraphs: list[list[str]], joiner: str) -> SideText:
    sentences: list[str] = []
    numbers: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        for sentence in split_sentences(joiner.join(paragraph)):
            sentences.append(sentence)
            numbers.append(index)
    return SideText(Path("bench.txt"), tuple(sentences), tuple(numbers), 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with (ROOT / "eval" / "dev-pairs.tsv").open(encoding="utf-8") as handle:
        rows = [(r[0], r[1]) for r in list(csv.reader(handle, delimiter="\t"))[1:]]
    rng = random.Random(args.seed)
    pairs = [rng.choice(rows) for _ in range(args.pairs)]
    gold = [p for n, p in enumerate(pairs) if n % 25 != 24]
    zh_paras: list[list[str]] = [[]]
    en_paras: list[list[str]] = [[]]
    for n, (z, e) in enumerate(pairs):
        heading = z[-1] not in "。？！?!"  # a heading is a paragraph of its own on each side
        if heading or len(zh_paras[-1]) == 3:
            zh_paras.append([])
        if heading or len(en_paras[-1]) == 2:
            en_paras.append([])
            if len(en_paras) % 40 == 0:
                en_paras += [[NOTE], []]
        zh_paras[-1].append(z)
        if n % 25 != 24:
            en_paras[-1].append(e)
        if heading:
            zh_paras.append([])
            en_paras.append([])
    zh, en = _side(zh_paras, ""), _side([p for p in en_paras if p], " ")

    started = time.perf_counter()
    glossary = curated_glossary()
    dictionary = open_index()
    dictionary.lexicon()
    loaded = time.perf_counter()
    alignment = align_sides(zh, en, glossary=glossary, dictionary=dictionary)
    done = time.perf_counter()
    result = score([(p.zh, p.en) for p in alignment.pairs], gold, unlinked=[NOTE])
    print(
        f"sentences: {len(zh.sentences)} Chinese, {len(en.sentences)} English ({args.pairs} pairs)"
    )
    print(f"load glossary + dictionary: {loaded - started:.2f} s")
    print(f"signals + alignment:        {done - loaded:.2f} s")
    print(f"total:                      {done - started:.2f} s")
    print(
        f"exact pairs: recall {result.recall:.3f}, precision {result.precision:.3f}, "
        f"translator's lines linked: {result.bad_links}"
    )


if __name__ == "__main__":
    main()
