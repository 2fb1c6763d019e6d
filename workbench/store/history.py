"""Grouped undo and redo of the translator's edits, kept in the project's `history` table.

Every change to a paragraph column the translator controls is recorded as before/after JSON
under a group number. Undo and redo replay a whole group, so a change to many rows (a save
that fills in repetitions, a move) is one step, and both survive a restart.

The functions take the connection of the `Project` that calls them, inside its transaction
and under its lock; they never commit.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
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
    """A group number no history entry has yet."""
    row = conn.execute("SELECT COALESCE(MAX(grp), 0) + 1 FROM history").fetchone()
    return int(row[0])


def record_change(
    conn: sqlite3.Connection, current: Paragraph, values: dict[str, Any], *, group: int | None
) -> bool:
    """Write the column values that differ from `current` and record before/after under
    `group` (a new group when None). False when nothing changes."""
    before = {column: read(current) for column, read in _RECORDED.items()}
    changed = {k: v for k, v in values.items() if before.get(k) != v}
    if not changed:
        return False
    # A new edit ends the redo chain, as in every editor.
    conn.execute("DELETE FROM history WHERE undone = 1")
    conn.execute(
        "INSERT INTO history(grp, paragraph_id, action, before, after, at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            group if group is not None else next_group(conn),
            current.id,
            ",".join(sorted(changed)),
            json.dumps({k: before[k] for k in changed}, ensure_ascii=False),
            json.dumps(changed, ensure_ascii=False),
            now_iso(),
        ),
    )
    _write_columns(conn, current.id, changed)
    return True


def can_replay(conn: sqlite3.Connection, *, undo: bool) -> bool:
    """Whether there is a group to undo (or, with undo=False, to redo)."""
    sql = "SELECT 1 FROM history WHERE undone = ? LIMIT 1"
    return bool(conn.execute(sql, (int(not undo),)).fetchall())


def replay(conn: sqlite3.Connection, *, undo: bool) -> list[int]:
    """Undo the latest group (or redo the earliest undone one); the ids of the paragraphs it
    touched, in order, empty when there was nothing to replay."""
    row = conn.execute(
        "SELECT MAX(grp) FROM history WHERE undone = 0"
        if undo
        else "SELECT MIN(grp) FROM history WHERE undone = 1"
    ).fetchone()
    group = row[0]
    if group is None:
        return []
    entries = conn.execute("SELECT * FROM history WHERE grp = ? ORDER BY id", (group,)).fetchall()
    for entry in entries if not undo else reversed(entries):
        values = json.loads(entry["before"] if undo else entry["after"])
        _write_columns(conn, int(entry["paragraph_id"]), values)
    conn.execute("UPDATE history SET undone = ? WHERE grp = ?", (int(undo), group))
    return list(dict.fromkeys(int(e["paragraph_id"]) for e in entries))


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
