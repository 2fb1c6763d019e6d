"""The cost of folding traditional Chinese with OpenCC, against a character map, in one run.

Run: .venv/bin/python benchmarks/chinese_fold.py [--repeat 20]

Texts: the lines of the seed articles and the dev pairs (simplified), and the same lines
written in Taiwan phrasing by OpenCC (s2twp). For each it times, per line:
- "character map": `str.translate` with a table of every traditional character OpenCC
  changes on its own (what the folding did before: one table pass, no phrases);
- "OpenCC fold": `chinese_script.fold` (a scan for characters only traditional text uses,
  then OpenCC's tw2sp on traditional lines), and `convert_with_offsets` (spans kept);
- the matchers that use it: the memory's `normalize` and the glossary's `find` with the
  141 curated terms.
The ratio column is OpenCC fold / character map.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import opencc

from workbench.core import chinese_script
from workbench.core.tm import normalize
from workbench.formats import glossary_table

ROOT = Path(__file__).resolve().parents[1]


def lines() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    pairs = ROOT / "eval" / "dev-pairs.tsv"
    if pairs.exists():
        text += "\n".join(line.split("\t")[0] for line in pairs.read_text("utf-8").splitlines())
    return [line for line in text.splitlines() if line.strip()]


def per_line(action: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Microseconds per line, the best of `repeat` passes."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            action(text)
        best = min(best, time.perf_counter() - start)
    return best / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    start = time.perf_counter()
    chinese_script.is_traditional("")  # loads OpenCC and its tables
    print(f"first use (OpenCC loaded, tables built): {(time.perf_counter() - start) * 1e3:.0f} ms")
    simplified = lines()
    taiwan = [opencc.OpenCC("s2twp").convert(line) for line in simplified]
    table = chinese_script._tables().by_character
    glossary = glossary_table.read(ROOT / "glossary" / "governance.tsv")
    chars = sum(map(len, simplified))
    print(f"{len(simplified)} lines, {chars / len(simplified):.0f} characters a line on average")
    print(f"{'µs per line':<34}{'simplified':>12}{'Taiwan':>12}")
    rows: list[tuple[str, Callable[[str], object]]] = [
        ("character map (before)", lambda text: text.translate(table)),
        ("OpenCC fold", chinese_script.fold),
        ("OpenCC fold, spans kept", chinese_script.convert_with_offsets),
        ("memory normalize", normalize),
        ("glossary find (141 terms)", glossary.find),
    ]
    measured: dict[str, tuple[float, float]] = {}
    for name, action in rows:
        times = (
            per_line(action, simplified, args.repeat),
            per_line(action, taiwan, args.repeat),
        )
        measured[name] = times
        print(f"{name:<34}{times[0]:>12.2f}{times[1]:>12.2f}")
    base = measured["character map (before)"]
    fold = measured["OpenCC fold"]
    print(f"{'ratio OpenCC fold / character map':<34}", end="")
    print(f"{fold[0] / base[0]:>12.1f}{fold[1] / base[1]:>12.1f}")


if __name__ == "__main__":
    main()
