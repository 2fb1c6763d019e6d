"""A team project's glossary, kept in the project's database (`glossary_terms`, migration 7).

On a PostgreSQL project every translator's workbench reads and edits this one glossary. A
SQLite file project keeps using a glossary file, unless it was copied from a server project
whose glossary had been edited (`workbench project copy`): it then goes on using the copied
terms, so taking a team project offline keeps the team's glossary in effect (see
`workbench.cli.common.choose_glossary`).

One row per term (the glossary file's columns; `position` keeps the terms' order). An edit
is a read-modify-write of the whole glossary inside one write transaction, which on a server
holds the project's writer lock: two translators adding different terms at once queue, and
the second one's change is made to the glossary with the first one's term in it, so both
land. Only the rows that changed are written. The meta row `glossary.revision` counts the
edits: absent until the first one, which starts from the seed (the curated glossary), so a
new project reads as the curated glossary and never needs writing to at creation; the
editor reloads when the revision moves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.glossary import Glossary, Term, chinese_key
from workbench.store.dbapi import Connection, Row
from workbench.store.project import Project, ProjectLocation

REVISION_SETTING = "glossary.revision"

GlossaryChange = Callable[[Glossary], Glossary]


@dataclass(frozen=True)
class ProjectGlossary:
    """The glossary kept in the database of the project `project` (a server project, or a
    file copied from one)."""

    project: ProjectLocation

    def __str__(self) -> str:
        return "the project's glossary (in the database)"


def revision(project: Project) -> str | None:
    """How many edits the project's glossary has had; None before the first (unseeded)."""
    return project.get_setting(REVISION_SETTING)


def in_use(project: Project) -> bool:
    """Whether the project's glossary is in its database: always on a server; on a file,
    once it holds an edited glossary (copied from a server project)."""
    return project.on_server or revision(project) is not None


def read_terms(project: Project) -> Glossary | None:
    """The project's glossary; None while it has never been edited (it then reads as its
    seed, the curated glossary)."""
    with project.reading() as conn:
        if _revision(conn) is None:
            return None
        return Glossary(_term(row) for row in _rows(conn))


def edit_terms(
    project: Project, change: GlossaryChange, *, seed: Glossary
) -> tuple[Glossary, Glossary]:
    """Apply `change` to the project's glossary as it is now, in one write transaction;
    `seed` is the glossary before its first edit. Returns (before, after); nothing is written
    when they are equal (`change` may raise to write nothing)."""
    with project.transaction() as conn:
        return edit_in(conn, change, seed=seed)


def edit_in(
    conn: Connection, change: GlossaryChange, *, seed: Glossary
) -> tuple[Glossary, Glossary]:
    """`edit_terms` inside the write transaction `conn` (e.g. a project copy's)."""
    number = _revision(conn)
    rows = _rows(conn) if number is not None else []
    # key → (term, position), each row made into a Term once
    stored = {
        chinese_key(term.source): (term, int(row["position"]))
        for row, term in ((row, _term(row)) for row in rows)
    }
    before = Glossary(term for term, _ in stored.values()) if number is not None else seed
    after = change(before)
    if after == before and number is not None:
        return before, after
    wanted = {chinese_key(term.source): term for term in after.terms}
    gone = [(term.source,) for key, (term, _) in stored.items() if wanted.get(key) != term]
    conn.executemany("DELETE FROM glossary_terms WHERE source = ?", gone)
    position = max((place for _, place in stored.values()), default=0)
    written = []
    for key, term in wanted.items():
        had = stored.get(key)
        if had is not None and had[0] == term:
            continue
        if had is None:
            position += 1
        place = position if had is None else had[1]
        written.append(
            (
                term.source,
                term.target,
                term.status.value,
                _list(term.variants),
                _list(term.forbidden),
                term.pos,
                term.case.value,
                term.note,
                place,
            )
        )
    conn.executemany(
        "INSERT INTO glossary_terms(source, target, status, variants, forbidden, pos,"
        " case_rule, note, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        written,
    )
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (REVISION_SETTING, str((number or 0) + 1)),
    )
    return before, after


def _revision(conn: Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (REVISION_SETTING,)).fetchone()
    return None if row is None else int(row[0])


def _rows(conn: Connection) -> list[Row]:
    rows: list[Row] = conn.execute(
        "SELECT * FROM glossary_terms ORDER BY position, source"
    ).fetchall()
    return rows


def _term(row: Row) -> Term:
    return Term(
        source=row["source"],
        target=row["target"],
        status=row["status"],
        variants=tuple(json.loads(row["variants"])),
        forbidden=tuple(json.loads(row["forbidden"])),
        pos=row["pos"],
        case=row["case_rule"],
        note=row["note"],
    )


def _list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)
