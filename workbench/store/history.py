"""Grouped undo and redo of the translator's edits, kept in the project's `history` table.

Every change to a paragraph column the translator controls is recorded as before/after JSON
under a group number. Undo and redo replay a whole group, so a change to many rows (a save
that fills in repetitions, a move, an import of 100,000 translations written in chunks) is
one step, and both survive a restart. Each entry carries its own `undone` mark, so a group
may be replayed over several transactions.

The functions take the connection of the `Project` that calls them, inside its transaction
and under its lock; they never commit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from workbench.core.segments import Paragraph
from workbench.store.rows import derive_status, now_iso

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
}


def next_group(conn: sqlite3.Connection) -> int:
    """A group number no history entry has yet (the index on `grp` makes this a lookup)."""
    row = conn.execute("SELECT COALESCE(MAX(grp), 0) + 1 FROM history").fetchone()
    return int(row[0])


def clear_redo(conn: sqlite3.Connection) -> None:
    """A new edit ends the redo chain, as in every editor. Done once per group, not once
    per change, and found through the index on (undone, grp): upkeep stays linear."""
    conn.execute("DELETE FROM history WHERE undone = 1")


def begin_group(conn: sqlite3.Connection) -> int:
    """Start a new undo step: end the redo chain and take a fresh group number."""
    clear_redo(conn)
    return next_group(conn)


def group_was_undone(conn: sqlite3.Connection, group: int) -> bool:
    """Whether some entry of `group` has been undone (by another program, between the
    chunks of a bulk write): later chunks then start a new group."""
    sql = "SELECT 1 FROM history WHERE grp = ? AND undone = 1 LIMIT 1"
    return bool(conn.execute(sql, (group,)).fetchall())


def recorded_values(paragraph: Paragraph) -> dict[str, Any]:
    return {column: read(paragraph) for column, read in _RECORDED.items()}


def record_change(
    conn: sqlite3.Connection,
    current: Paragraph,
    values: dict[str, Any],
    *,
    group: Callable[[], int],
) -> bool:
    """Write the column values that differ from `current` and record before/after under
    the group `group()` gives (asked only when something changes). False when nothing
    changes."""
    before = recorded_values(current)
    changed = {k: v for k, v in values.items() if before.get(k) != v}
    if not changed:
        return False
    conn.execute(
        "INSERT INTO history(grp, paragraph_id, action, before, after, at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        _entry(group(), current.id, before, changed),
    )
    _write_columns(conn, current.id, changed)
    return True


def record_changes(
    conn: sqlite3.Connection,
    changes: Sequence[tuple[Paragraph, dict[str, Any]]],
    *,
    group: Callable[[], int],
) -> list[int]:
    """`record_change` for many paragraphs at once, all under one group (asked of `group`
    only when something changes). The values must keep the status coherent (the caller
    derived it from the row as it stands). The ids of the paragraphs changed."""
    entries: list[tuple[int, int, str, str, str, str]] = []
    updates: dict[tuple[str, ...], list[list[Any]]] = {}
    stamp = now_iso()
    number: int | None = None
    for current, values in changes:
        before = recorded_values(current)
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            continue
        number = number if number is not None else group()
        entries.append(_entry(number, current.id, before, changed))
        columns = tuple(sorted(changed))
        updates.setdefault(columns, []).append([*(changed[c] for c in columns), stamp, current.id])
    conn.executemany(
        "INSERT INTO history(grp, paragraph_id, action, before, after, at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        entries,
    )
    for columns, rows in updates.items():
        assignments = ", ".join(f"{c} = ?" for c in columns)
        conn.executemany(f"UPDATE paragraphs SET {assignments}, updated_at = ? WHERE id = ?", rows)
    return [entry[1] for entry in entries]


def _entry(
    group: int, paragraph_id: int, before: dict[str, Any], changed: dict[str, Any]
) -> tuple[int, int, str, str, str, str]:
    return (
        group,
        paragraph_id,
        ",".join(sorted(changed)),
        json.dumps({k: before[k] for k in changed}, ensure_ascii=False),
        json.dumps(changed, ensure_ascii=False),
        now_iso(),
    )


def can_replay(conn: sqlite3.Connection, *, undo: bool) -> bool:
    """Whether there is a group to undo (or, with undo=False, to redo)."""
    sql = "SELECT 1 FROM history WHERE undone = ? LIMIT 1"
    return bool(conn.execute(sql, (int(not undo),)).fetchall())


def latest_group(conn: sqlite3.Connection, *, undo: bool) -> int | None:
    """The group the next undo takes back (the latest with entries not undone), or the one
    the next redo replays (the earliest with undone entries); None when there is none."""
    row = conn.execute(
        "SELECT MAX(grp) FROM history WHERE undone = 0"
        if undo
        else "SELECT MIN(grp) FROM history WHERE undone = 1"
    ).fetchone()
    return None if row[0] is None else int(row[0])


def replay_part(conn: sqlite3.Connection, group: int, *, undo: bool, limit: int) -> list[int]:
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
    for entry in entries:
        values = json.loads(entry["before"] if undo else entry["after"])
        _write_columns(conn, int(entry["paragraph_id"]), values)
    conn.executemany(
        "UPDATE history SET undone = ? WHERE id = ?", [(int(undo), e["id"]) for e in entries]
    )
    return [int(e["paragraph_id"]) for e in entries]


def _write_columns(conn: sqlite3.Connection, paragraph_id: int, values: dict[str, Any]) -> None:
    columns = [c for c in values if c in _RECORDED]
    if not columns:
        return
    assignments = ", ".join(f"{c} = ?" for c in columns)
    conn.execute(
        f"UPDATE paragraphs SET {assignments}, updated_at = ? WHERE id = ?",
        [*(values[c] for c in columns), now_iso(), paragraph_id],
    )
    # Machine output may have arrived since the entry was written: keep status coherent.
    row = conn.execute(
        "SELECT target, mt, status FROM paragraphs WHERE id = ?", (paragraph_id,)
    ).fetchone()
    status = derive_status(row["target"], row["mt"], approved=row["status"] == "approved")
    conn.execute("UPDATE paragraphs SET status = ? WHERE id = ?", (status, paragraph_id))
