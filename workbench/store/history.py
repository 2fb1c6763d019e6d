"""Grouped undo and redo of the translator's edits, kept in the project's `history` table.

Every change to a paragraph column the translator controls is recorded as before/after JSON
under a group number; so is a split or join of its source sentences (the whole sentence
list, key `sentences`). Undo and redo replay a whole group, so a change to many rows (a save
that fills in repetitions, a move, an import of 100,000 translations written in chunks) is
one step, and both survive a restart. Each entry carries its own `undone` mark, so a group
may be replayed over several transactions.

The functions take the connection of the `Project` that calls them, inside its transaction
and under its lock; they never commit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from workbench.core.segments import Paragraph
from workbench.store.dbapi import Connection
from workbench.store.rows import derive_status, now_iso
from workbench.store.sentence_rows import SentenceList, write_sentence_list

# Columns a history entry may restore, each with the value a Paragraph stores in it;
# anything else in a JSON payload is ignored.
_RECORDED: dict[str, Callable[[Paragraph], Any]] = {
    "target": lambda p: p.target,
    "status": lambda p: p.status.value,
    "review": lambda p: int(p.review),
    "position": lambda p: p.position,
    "included": lambda p: int(p.included),
    "propagated": lambda p: int(p.propagated),
    "alternative": lambda p: int(p.alternative),
    "note": lambda p: p.note,
}
_SENTENCES = "sentences"  # the key of a paragraph's sentence list in a history entry
_JSON = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps makes one per call
_IDS_PER_QUERY = 500  # host parameters per query, well below SQLite's limit


def next_group(conn: Connection) -> int:
    """A group number no history entry has yet (the index on `grp` makes this a lookup)."""
    row = conn.execute("SELECT COALESCE(MAX(grp), 0) + 1 FROM history").fetchone()
    return int(row[0])


# A person's own entries: those recorded under their name, and those recorded before
# changes had authors (schema 5 and older), which belong to whoever opens the project.
_MINE = "(author = ? OR author = '')"


def clear_redo(conn: Connection, author: str = "") -> None:
    """A new edit ends the redo chain (its author's), as in every editor. Done once per
    group, not once per change, and found through the index on (undone, grp): upkeep stays
    linear."""
    conn.execute(f"DELETE FROM history WHERE undone = 1 AND {_MINE}", (author,))


def begin_group(conn: Connection, author: str = "") -> int:
    """Start a new undo step: end the redo chain and take a fresh group number."""
    clear_redo(conn, author)
    return next_group(conn)


def group_was_undone(conn: Connection, group: int) -> bool:
    """Whether some entry of `group` has been undone (by another program, between the
    chunks of a bulk write): later chunks then start a new group."""
    sql = "SELECT 1 FROM history WHERE grp = ? AND undone = 1 LIMIT 1"
    return bool(conn.execute(sql, (group,)).fetchall())


def recorded_values(paragraph: Paragraph) -> dict[str, Any]:
    return {column: read(paragraph) for column, read in _RECORDED.items()}


def record_change(
    conn: Connection,
    current: Paragraph,
    values: dict[str, Any],
    *,
    group: Callable[[], int],
    author: str = "",
) -> bool:
    """Write the column values that differ from `current` and record before/after under
    the group `group()` gives (asked only when something changes), made by `author`. False
    when nothing changes."""
    before = recorded_values(current)
    changed = {k: v for k, v in values.items() if before.get(k) != v}
    if not changed:
        return False
    conn.execute(
        "INSERT INTO history(grp, paragraph_id, action, before, after, at, author)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (*_entry(group(), current.id, before, changed), author),
    )
    _write_columns(conn, current.id, changed)
    return True


def record_sentences(
    conn: Connection,
    paragraph_id: int,
    before: SentenceList,
    after: SentenceList,
    *,
    group: Callable[[], int],
    author: str = "",
) -> SentenceList:
    """Rewrite a paragraph's sentences to `after` and record the lists before and after
    (as stored, with their ids) under the group `group()` gives; the list as stored."""
    stored = write_sentence_list(conn, paragraph_id, after)
    conn.execute(
        "INSERT INTO history(grp, paragraph_id, action, before, after, at, author)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (*_entry(group(), paragraph_id, {_SENTENCES: before}, {_SENTENCES: stored}), author),
    )
    return stored


def recorded_rows(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The recorded columns (and `mt`) of paragraphs by id, as stored: the `before` of a
    bulk change, read without building Paragraph objects."""
    found: dict[int, dict[str, Any]] = {}
    columns = ", ".join(["id", "mt", *_RECORDED])
    for start in range(0, len(ids), _IDS_PER_QUERY):
        part = list(ids[start : start + _IDS_PER_QUERY])
        marks = ", ".join("?" * len(part))
        for row in conn.execute(f"SELECT {columns} FROM paragraphs WHERE id IN ({marks})", part):
            found[int(row["id"])] = {key: row[key] for key in row.keys()}  # noqa: SIM118
    return found


def record_changes(
    conn: Connection,
    changes: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    *,
    group: Callable[[], int],
    author: str = "",
) -> list[int]:
    """`record_change` for many paragraphs at once, all under one group (asked of `group`
    only when something changes). Each change is (the row as `recorded_rows` read it, the
    new values); the values must keep the status coherent (derived from that row). The
    ids of the paragraphs changed."""
    entries: list[tuple[int, int, str, str, str, str]] = []
    updates: dict[tuple[str, ...], list[list[Any]]] = {}
    stamp = now_iso()
    number: int | None = None
    for before, values in changes:
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            continue
        number = number if number is not None else group()
        entries.append(_entry(number, int(before["id"]), before, changed, stamp))
        columns = tuple(sorted(changed))
        updates.setdefault(columns, []).append(
            [*(changed[c] for c in columns), stamp, before["id"]]
        )
    conn.executemany(
        "INSERT INTO history(grp, paragraph_id, action, before, after, at, author)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*entry, author) for entry in entries],
    )
    for columns, rows in updates.items():
        assignments = ", ".join(f"{c} = ?" for c in columns)
        conn.executemany(f"UPDATE paragraphs SET {assignments}, updated_at = ? WHERE id = ?", rows)
    return [entry[1] for entry in entries]


def _entry(
    group: int,
    paragraph_id: int,
    before: dict[str, Any],
    changed: dict[str, Any],
    stamp: str | None = None,
) -> tuple[int, int, str, str, str, str]:
    return (
        group,
        paragraph_id,
        ",".join(sorted(changed)),
        _JSON.encode({k: before[k] for k in changed}),
        _JSON.encode(changed),
        stamp or now_iso(),
    )


def can_replay(conn: Connection, *, undo: bool, author: str = "") -> bool:
    """Whether `author` has a group to undo (or, with undo=False, to redo)."""
    sql = f"SELECT 1 FROM history WHERE undone = ? AND {_MINE} LIMIT 1"
    return bool(conn.execute(sql, (int(not undo), author)).fetchall())


def latest_group(conn: Connection, *, undo: bool, author: str = "") -> int | None:
    """The group `author`'s next undo takes back (their latest with entries not undone),
    or the one their next redo replays (the earliest with undone entries); None when there
    is none. A colleague's changes are never in it."""
    row = conn.execute(
        f"SELECT MAX(grp) FROM history WHERE undone = 0 AND {_MINE}"
        if undo
        else f"SELECT MIN(grp) FROM history WHERE undone = 1 AND {_MINE}",
        (author,),
    ).fetchone()
    return None if row[0] is None else int(row[0])


def overtaken(conn: Connection, group: int, *, undo: bool) -> tuple[int, str] | None:
    """A paragraph of `group` that someone else changed after it (their entry stands), and
    who: undoing or redoing the group would write over that change. None when there is
    none."""
    row = conn.execute(
        "SELECT h.paragraph_id, later.author FROM history h JOIN history later"
        " ON later.paragraph_id = h.paragraph_id AND later.id > h.id AND later.undone = 0"
        " AND later.grp != h.grp AND later.author != h.author AND later.author != ''"
        " WHERE h.grp = ? AND h.undone = ? LIMIT 1",
        (group, int(not undo)),
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def replay_part(conn: Connection, group: int, *, undo: bool, limit: int) -> list[int]:
    """Undo (or redo) up to `limit` entries of `group` not yet replayed, latest first for
    undo and earliest first for redo, marking each; the paragraph ids touched, empty when
    the whole group is done. Entries are marked one by one, so a group replayed over
    several transactions is consistent after each of them (an undo killed midway leaves
    the rest of the group to the next undo, or its undone part to redo)."""
    entries = conn.execute(
        "SELECT * FROM history WHERE grp = ? AND undone = ? ORDER BY id "
        + ("DESC" if undo else "ASC")
        + " LIMIT ?",
        (group, int(not undo), limit),
    ).fetchall()
    if not entries:
        return []
    stamp = now_iso()
    # Consecutive entries restoring the same columns are written together, in order.
    run_columns: tuple[str, ...] = ()
    run: list[list[Any]] = []
    for entry in entries:
        values = json.loads(entry["before"] if undo else entry["after"])
        if _SENTENCES in values:
            write_sentence_list(conn, int(entry["paragraph_id"]), values[_SENTENCES])
        columns = tuple(c for c in values if c in _RECORDED)
        if columns != run_columns:
            _update(conn, run_columns, run)
            run_columns, run = columns, []
        run.append([*(values[c] for c in columns), stamp, int(entry["paragraph_id"])])
    _update(conn, run_columns, run)
    ids = [int(e["paragraph_id"]) for e in entries]
    _derive_statuses(conn, list(dict.fromkeys(ids)))
    conn.executemany(
        "UPDATE history SET undone = ? WHERE id = ?", [(int(undo), e["id"]) for e in entries]
    )
    return ids


def _update(conn: Connection, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
    if columns and rows:
        assignments = ", ".join(f"{c} = ?" for c in columns)
        conn.executemany(f"UPDATE paragraphs SET {assignments}, updated_at = ? WHERE id = ?", rows)


# `derive_status` in SQL, for many rows at once.
_DERIVED_STATUS = (
    "CASE WHEN COALESCE(target, '') != '' AND status = 'approved' THEN 'approved'"
    " WHEN COALESCE(target, '') != '' THEN 'edited'"
    " WHEN COALESCE(mt, '') != '' THEN 'machine' ELSE 'new' END"
)


def _derive_statuses(conn: Connection, ids: Sequence[int]) -> None:
    """Machine output may have arrived since the entries were written: keep the status
    coherent with the text the rows now hold."""
    for start in range(0, len(ids), _IDS_PER_QUERY):
        part = list(ids[start : start + _IDS_PER_QUERY])
        marks = ", ".join("?" * len(part))
        conn.execute(
            f"UPDATE paragraphs SET status = {_DERIVED_STATUS} WHERE id IN ({marks})", part
        )


def _write_columns(conn: Connection, paragraph_id: int, values: dict[str, Any]) -> None:
    columns = [c for c in values if c in _RECORDED]
    if not columns:
        return
    assignments = ", ".join(f"{c} = ?" for c in columns)
    conn.execute(
        f"UPDATE paragraphs SET {assignments}, updated_at = ? WHERE id = ?",
        [*(values[c] for c in columns), now_iso(), paragraph_id],
    )
    row = conn.execute(
        "SELECT target, mt, status FROM paragraphs WHERE id = ?", (paragraph_id,)
    ).fetchone()
    status = derive_status(row["target"], row["mt"], approved=row["status"] == "approved")
    conn.execute("UPDATE paragraphs SET status = ? WHERE id = ?", (status, paragraph_id))
