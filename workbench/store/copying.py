"""Copy a whole project between backends (`workbench project copy SRC DST`): a SQLite file to
a PostgreSQL database and back, row for row.

Every table is copied with its ids, so history entries, memory pairs and MT records keep
pointing at the same paragraphs and sentences; on PostgreSQL the id counters then start
after the highest copied id. The source is opened read-only and read in pages of
`PAGE` rows; the destination must be a new project (it may exist, holding nothing yet) and
is written in one transaction, so a copy that fails leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbench.core.errors import ProjectError
from workbench.core.glossary import Glossary
from workbench.store import glossary_terms
from workbench.store.dbapi import Connection, Row
from workbench.store.project import Project, ProjectLocation

PAGE = 2000

# Parents before children; the key each table is read in order of.
TABLES: tuple[tuple[str, str], ...] = (
    ("meta", "key"),
    ("documents", "id"),
    ("paragraphs", "id"),
    ("sentences", "id"),
    ("history", "id"),
    ("memories", "id"),
    ("memory_units", "id"),
    ("mt_cache", "model_id, source, signature"),
    ("sentence_mt", "sentence_id"),
    ("glossary_terms", "source"),
)
_WITH_ID = ("documents", "paragraphs", "sentences", "history", "memories", "memory_units")


@dataclass(frozen=True)
class CopyResult:
    rows: dict[str, int]  # table → rows copied


def copy_project(
    source: ProjectLocation, target: ProjectLocation, *, glossary: Glossary | None = None
) -> CopyResult:
    """Copy the project at `source` into a new project at `target`. `glossary`: terms to
    keep in the destination's database, when the source's glossary is a file (a file
    project moving to a server: the team starts from the glossary it used)."""
    if str(source) == str(target):
        raise ProjectError(f"{source}: the source and the destination are the same project")
    with (
        Project.open(source, create=False, read_only=True) as src,
        Project.open(target, create=True, remove_if_unused=True) as dst,
    ):
        if dst.read_only:
            raise dst.read_only_error()
        _refuse_used(dst)
        counts: dict[str, int] = {}
        with dst.transaction() as out:
            # The new project's own rows (its empty project memory) make way for the
            # source's, ids and all.
            for table, _ in reversed(TABLES):
                out.execute(f"DELETE FROM {table}")
            for table, key in TABLES:
                counts[table] = _copy_table(src, out, table, key)
            if glossary is not None:
                glossary_terms.edit_in(out, lambda _: glossary, seed=glossary)
                counts["glossary_terms"] = len(glossary.terms)
            if dst.on_server:
                for table in _WITH_ID:
                    out.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                    )
    return CopyResult(counts)


def _refuse_used(project: Project) -> None:
    held = project.query(
        "SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM meta)"
        " + (SELECT COUNT(*) FROM memory_units) + (SELECT COUNT(*) FROM mt_cache)"
    )[0][0]
    if int(held):
        raise ProjectError(
            f"{project.path} already holds a project; copy into a new file or an empty database"
        )


def _copy_table(src: Project, out: Connection, table: str, key: str) -> int:
    copied = 0
    for rows in _pages(src, table, key):
        columns = list(rows[0].keys())
        marks = ", ".join("?" * len(columns))
        out.executemany(
            f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks})",
            [tuple(row) for row in rows],
        )
        copied += len(rows)
    return copied


def _pages(src: Project, table: str, key: str) -> Iterator[list[Row]]:
    """The rows of `table` in pages; by id where it has one (no OFFSET scans)."""
    if key == "id":
        last = 0
        while True:
            rows = src.query(
                f"SELECT * FROM {table} WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE)
            )
            if not rows:
                return
            yield rows
            last = int(rows[-1]["id"])
    else:
        offset = 0
        while True:
            rows = src.query(
                f"SELECT * FROM {table} ORDER BY {key} LIMIT ? OFFSET ?", (PAGE, offset)
            )
            if not rows:
                return
            yield rows
            offset += len(rows)


def table_rows(project: Project) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in key order: what a lossless copy keeps."""
    return {
        table: [tuple(row) for row in project.query(f"SELECT * FROM {table} ORDER BY {key}")]
        for table, key in TABLES
    }
