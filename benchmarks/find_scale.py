"""Find-all, replace planning and row filters over generated projects of 1,000, 10,000 and
100,000 paragraphs, side by side (issue 13: "filter and find-all over 100,000 paragraphs
under 300 ms").

Each project is one document made from the seeds' paragraphs, every row with the
translator's English. For each operation the best of `--runs` timings, in milliseconds, per
size; find-all and the text filters are measured as the editor runs them now (all the rows'
texts searched at once, `FindQuery.which`) and, after the slash, the way they ran before
(the query's regex on one row at a time). A regular expression's line also shows, in the
middle, the search as before branch findfast2 (IGNORECASE kept, `\\d` searched as written on
every row: no `[0-9]` twin). Reading the texts from the project is shown on its own line:
the editor searches the rows it already holds.

    .venv/bin/python benchmarks/find_scale.py [--sizes 1000,10000,100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from big_project import generated_document  # noqa: E402

from workbench.core.replace import FindQuery  # noqa: E402
from workbench.formats.glossary_file import read as read_glossary_file  # noqa: E402
from workbench.store.project import Project, TargetEdit  # noqa: E402
from workbench.store.texts import RowText, row_texts  # noqa: E402
from workbench.tui.filters import FilterKind, RowFilter  # noqa: E402
from workbench.tui.rows import Row, RowChecker  # noqa: E402
from workbench.workflows.replacing import find_rows, plan_replace  # noqa: E402

QUERIES = {
    "find-all literal 'governance'": (FindQuery("governance"), False),
    "find-all whole word 'AI' (case)": (
        FindQuery("AI", whole_word=True, case_sensitive=True),
        False,
    ),
    "find-all regex r'\\b(\\d+) per cent'": (FindQuery(r"\b(\d+) per cent", regex=True), False),
    "find-all regex r'\\d{4}'": (FindQuery(r"\d{4}", regex=True), False),
    "find-all regex r'\\d{4}' (case)": (
        FindQuery(r"\d{4}", regex=True, case_sensitive=True),
        False,
    ),
    "find-all regex r'\\d{4}' in the Chinese": (FindQuery(r"\d{4}", regex=True), True),
    "find-all regex r'(?<!\\d)\\d{4}(?!\\d)'": (
        FindQuery(r"(?<!\d)\d{4}(?!\d)", regex=True),
        False,
    ),
    "find-all Chinese '人工智能'": (FindQuery("人工智能"), True),
}
FILTERS = [
    RowFilter(FilterKind.UNTRANSLATED),
    RowFilter(FilterKind.EDITED),
    RowFilter(FilterKind.TARGET, "reform"),
    RowFilter(FilterKind.SOURCE, "小院高墙"),
]


class AsBefore(FindQuery):
    """The query as find-all ran it before branch findfast2: IGNORECASE as typed, no
    `[0-9]` twin, `_has_match` called per row."""

    @property
    def _regex_flags(self) -> int:
        return int(regex.V0 | (regex.IGNORECASE if self.pattern.flags & re.IGNORECASE else 0))

    @property
    def _twin(self) -> None:
        return None

    def _row_matcher(self) -> Callable[[str], bool]:
        return self._has_match


def build(folder: Path, count: int) -> tuple[Project, int]:
    project, document_id, english = generated_document(folder, count)
    edits = [
        TargetEdit(p.id, f"{english[i % len(english)]} (Paragraph {i + 1}.)", None)
        for i, p in enumerate(project.paragraphs(document_id))
    ]
    project.set_targets(edits)
    return project, document_id


def row_by_row(rows: list[RowText], query: FindQuery, chinese: bool) -> list[RowText]:
    """The search as it ran before: the regex on every row."""
    search = query.pattern.search
    if chinese:
        return [row for row in rows if search(row.source)]
    return [row for row in rows if row.target and search(row.target)]


def best(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def measure(count: int, runs: int, cold_limit: int) -> dict[str, str]:
    figures: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        project, document_id = build(Path(tmp), count)
        figures["read the rows' texts (SQL)"] = (
            f"{best(runs, lambda: row_texts(project, document_id)):.1f}"
        )
        rows = row_texts(project, document_id)
        for label, (query, chinese) in QUERIES.items():
            now = best(runs, lambda q=query, c=chinese: find_rows(rows, q, source=c, target=not c))
            before = best(runs, lambda q=query, c=chinese: row_by_row(rows, q, c))
            found = len(find_rows(rows, query, source=chinese, target=not chinese))
            assert found == len(row_by_row(rows, query, chinese))
            earlier = ""
            if query.regex:
                old = AsBefore(query.text, regex=True, case_sensitive=query.case_sensitive)
                took = best(
                    runs, lambda q=old, c=chinese: find_rows(rows, q, source=c, target=not c)
                )
                assert len(find_rows(rows, old, source=chinese, target=not chinese)) == found
                earlier = f" / {took:.1f}"
            figures[label] = f"{now:.1f}{earlier} / {before:.1f} ({found})"
        query = FindQuery("governance")
        took = best(1, lambda: plan_replace(project, query, "stewardship"))
        figures["replace preview governance→stewardship"] = f"{took:.0f}"
        grid = [Row(p, i + 1, None) for i, p in enumerate(project.paragraphs(document_id))]
        for row_filter in FILTERS:
            now = best(runs, lambda f=row_filter: f.select(grid, {}))
            passes = row_filter.predicate({})
            before = best(runs, lambda p=passes: [r for r in grid if p(r)])
            kept = len(row_filter.select(grid, {}))
            figures[f"filter {row_filter.describe()}"] = f"{now:.1f} / {before:.1f} ({kept})"
        # The errors filter needs every row's glossary check. Rows that carry theirs (after
        # the editor's background pass) cost only the filter; checking rows from nothing
        # (the editor's worker, the first time) is measured on --cold-limit rows and
        # extrapolated: minutes on 100,000 rows.
        checker = RowChecker(read_glossary_file(ROOT / "glossary" / "governance.tsv"))
        errors = RowFilter(FilterKind.ERRORS)
        start = time.perf_counter()
        cold_rows = [checker.fill(row) for row in grid[:cold_limit]]
        cold = (time.perf_counter() - start) * 1000 * len(grid) / max(1, len(cold_rows))
        checked = [
            replace(row, check=cold_rows[i % len(cold_rows)].check) for i, row in enumerate(grid)
        ]
        warm = best(runs, lambda: errors.select(checked, {}))
        kept = len(errors.select(checked, {}))
        figures["filter errors: checked / check every row"] = f"{warm:.1f} / {cold:.0f} ({kept})"
        project.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--cold-limit",
        type=int,
        default=10_000,
        help="rows checked from nothing for the errors filter; more are extrapolated",
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {size: measure(size, args.runs, args.cold_limit) for size in sizes}
    print("ms: now [/ regex: before findfast2] / re row by row (rows found); best of", args.runs)
    print(f"{'':<40}" + "".join(f"{size:>32,}" for size in sizes))
    for label in results[sizes[0]]:
        print(f"{label:<40}" + "".join(f"{results[size][label]:>32}" for size in sizes))


if __name__ == "__main__":
    main()
