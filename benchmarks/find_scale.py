"""Find, find-all, replace planning and row filters over a generated 100,000-paragraph
project (issue 13: "filter and find-all over 100,000 paragraphs under 300 ms").

The project is one document made from the seeds' paragraphs, every row with the
translator's English. Prints, for each operation, the best of `--runs` timings, and beside
the narrow text scan (`store/texts.py`) the same scan through `Project.paragraphs()` (every
column as Paragraph objects), which is what the editor would otherwise read.

    .venv/bin/python benchmarks/find_scale.py [--paragraphs 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from big_project import generated_document  # noqa: E402

from workbench.core.replace import FindQuery  # noqa: E402
from workbench.store.project import Project, TargetEdit  # noqa: E402
from workbench.store.texts import RowText, row_texts  # noqa: E402
from workbench.tui.filters import FilterKind, RowFilter  # noqa: E402
from workbench.tui.rows import Row  # noqa: E402
from workbench.workflows.replacing import find_rows, plan_replace  # noqa: E402


def build(folder: Path, count: int) -> tuple[Project, int]:
    project, document_id, english = generated_document(folder, count)
    edits = [
        TargetEdit(p.id, f"{english[i % len(english)]} (Paragraph {i + 1}.)", None)
        for i, p in enumerate(project.paragraphs(document_id))
    ]
    project.set_targets(edits)
    return project, document_id


def regex_only(rows: list[RowText], query: FindQuery, chinese: bool) -> list[RowText]:
    """The same search with the regex on every row (no literal fast path): the "before"."""
    search = query.pattern.search
    if chinese:
        return [row for row in rows if search(row.source)]
    return [row for row in rows if row.target and search(row.target)]


def best(runs: int, action: Callable[[], object]) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        project, document_id = build(Path(tmp), args.paragraphs)
        print(f"built {args.paragraphs} paragraphs in {time.perf_counter() - started:.1f} s")
        runs = args.runs
        scan, rows = best(runs, lambda: row_texts(project, document_id))
        full, paragraphs = best(runs, lambda: project.paragraphs(document_id))
        print(f"{'read the texts':<44} {scan:8.1f} ms   (all columns: {full:8.1f} ms)")
        assert isinstance(rows, list) and isinstance(paragraphs, list)
        queries = {
            "find-all literal 'governance'": FindQuery("governance"),
            "find-all whole word 'AI'": FindQuery("AI", whole_word=True, case_sensitive=True),
            "find-all regex r'\\b(\\d+) per cent'": FindQuery(r"\b(\d+) per cent", regex=True),
            "find-all Chinese '人工智能'": FindQuery("人工智能"),
        }
        print(f"{'':<44} {'total':>8}      matching: fast path / regex only")
        for label, query in queries.items():
            chinese = label.startswith("find-all Chinese")
            took, found = best(
                runs, lambda q=query, c=chinese: find_rows(rows, q, source=c, target=not c)
            )
            slow, _ = best(runs, lambda q=query, c=chinese: regex_only(rows, q, c))
            assert isinstance(found, list)
            total = scan + took
            print(
                f"{label:<44} {total:8.1f} ms   {took:7.1f} / {slow:7.1f} ms "
                f"(×{slow / max(took, 0.001):.1f}; {len(found)} rows)"
            )
        took, changes = best(
            runs, lambda: plan_replace(project, FindQuery("governance"), "stewardship")
        )
        assert isinstance(changes, list)
        print(
            f"{'replace preview governance→stewardship':<44} {took:8.1f} ms   ({len(changes)} rows)"
        )
        grid = [Row(p, i + 1, None) for i, p in enumerate(paragraphs)]
        for kind, text in (
            (FilterKind.UNTRANSLATED, ""),
            (FilterKind.EDITED, ""),
            (FilterKind.REVIEW, ""),
            (FilterKind.TARGET, "reform"),
            (FilterKind.SOURCE, "小院高墙"),
        ):
            passes = RowFilter(kind, text).predicate({})
            took, kept = best(runs, lambda p=passes: [r for r in grid if p(r)])
            assert isinstance(kept, list)
            print(
                f"{'filter ' + RowFilter(kind, text).describe():<44} {took:8.1f} ms   "
                f"({len(kept)} rows)"
            )
        project.close()


if __name__ == "__main__":
    main()
