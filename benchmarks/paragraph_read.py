"""Reading a document's paragraphs, old read against new, on SQLite and PostgreSQL.

Old: `SELECT *` and each column looked up by name, the enums made by calling their class
(as `store/rows.py` did before). New: `Project.paragraphs` as it is (the columns a
`Paragraph` needs, unpacked by position, the enums from a dict). Also the query alone
(rows fetched, no `Paragraph` made). Best of `--runs`, in ms, both in one run.

    .venv/bin/python benchmarks/paragraph_read.py [--paragraphs 100000] [--runs 5]

PostgreSQL is a throwaway server (tests/pg_server.py); skipped when it is not installed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from big_project import add_texts  # noqa: E402

from tests.pg_server import Server, bindir  # noqa: E402
from workbench.core.segments import (  # noqa: E402
    Paragraph,
    ParagraphKind,
    Status,
)
from workbench.store.project import Project, TargetEdit  # noqa: E402
from workbench.store.rows import PARAGRAPH_COLUMNS  # noqa: E402
from workbench.store.server import ServerAddress  # noqa: E402

TEXT = "人工智能治理需要各方共同努力，推动构建开放、公正、有效的治理机制。"


def old_from_row(row: Any) -> Paragraph:
    """The mapping as it was: by column name, enums by calling their class."""
    return Paragraph(
        id=row["id"],
        document_id=row["document_id"],
        position=row["position"],
        kind=ParagraphKind(row["kind"]),
        source=row["source"],
        mt=row["mt"],
        target=row["target"],
        status=Status(row["status"]),
        included=bool(row["included"]),
        review=bool(row["review"]),
        drop_rule=row["drop_rule"],
        drop_reason=row["drop_reason"],
        line_no=row["line_no"],
        updated_at=row["updated_at"],
        propagated=bool(row["propagated"]),
        alternative=bool(row["alternative"]),
        note=row["note"],
    )


def fill(project: Project, count: int) -> int:
    texts = [f"{TEXT}（第{i + 1}段）" for i in range(count)]
    document_id = add_texts(
        project, texts, name="g.txt", path="g.txt", sentences=[[text] for text in texts]
    )
    english = "AI governance needs the efforts of all parties. " * 6
    project.set_targets(
        [TargetEdit(p.id, english, None) for p in project.paragraphs(document_id)[::2]]
    )
    return document_id


def best(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def measure(project: Project, document_id: int, runs: int) -> dict[str, float]:
    where = "WHERE document_id = ? AND included = 1 ORDER BY document_id, position"
    old_sql = f"SELECT * FROM paragraphs {where}"
    new_sql = f"SELECT {PARAGRAPH_COLUMNS} FROM paragraphs {where}"
    return {
        "query alone, SELECT *": best(runs, lambda: project.query(old_sql, (document_id,))),
        "query alone, the columns": best(runs, lambda: project.query(new_sql, (document_id,))),
        "old read (by name)": best(
            runs, lambda: [old_from_row(r) for r in project.query(old_sql, (document_id,))]
        ),
        "new read (Project.paragraphs)": best(runs, lambda: project.paragraphs(document_id)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    columns: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        with Project.open(Path(folder) / "read.sqlite") as project:
            columns["SQLite"] = measure(project, fill(project, options.paragraphs), options.runs)
        programs = bindir()
        if programs is None:
            print("PostgreSQL not installed: its column is left out", file=sys.stderr)
        else:
            server = Server(programs)
            server.start()
            try:
                address = ServerAddress(server.url(server.create_database()))
                with Project.open(address) as project:
                    document_id = fill(project, options.paragraphs)
                    columns["PostgreSQL"] = measure(project, document_id, options.runs)
            finally:
                server.stop()
    print(f"{options.paragraphs:,} paragraphs, best of {options.runs}, ms")
    print(f"{'':<32}" + "".join(f"{name:>14}" for name in columns))
    for label in next(iter(columns.values())):
        print(f"{label:<32}" + "".join(f"{c[label]:14.1f}" for c in columns.values()))
    for name, c in columns.items():
        ratio = c["old read (by name)"] / c["new read (Project.paragraphs)"]
        print(f"{name}: new read {ratio:.2f}x faster than old")


if __name__ == "__main__":
    main()
