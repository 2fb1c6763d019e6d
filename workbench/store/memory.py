"""Translation memories kept in the project file (tables `memories` and `memory_units`).

Two kinds of memory:
- the project memory (named "project"): every pair the translator wrote or approved, kept
  in step with the paragraphs by `sync_project`. A pair replaced in its own paragraph (an
  edit, a correction, an undo) leaves the memory; a pair whose paragraph is dropped stays.
  Multi-sentence paragraphs whose English splits into as many sentences also give
  sentence-level pairs, which is what fuzzy matching of single sentences needs.
- reference memories: external TMX files loaded under a name, read-only.

Recording is not hooked into `Project.set_target`: it is derived from the paragraphs by one
SQL statement, so pairs written by any path (the editor, an import of translations, undo)
reach the memory at the next sync, and the store core stays unaware of memories.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.errors import ProjectError
from workbench.core.sentences import split_sentences
from workbench.core.tm import MemoryUnit
from workbench.store.project import Project
from workbench.store.rows import now_iso

PROJECT_MEMORY = "project"


@dataclass(frozen=True)
class MemoryInfo:
    """A memory held in the project."""

    id: int
    name: str
    kind: str  # "project" or "reference"
    path: str | None  # where a reference memory was loaded from
    sha256: str | None
    loaded_at: str
    units: int

    @property
    def read_only(self) -> bool:
        return self.kind == "reference"


@dataclass(frozen=True)
class NewUnit:
    """A pair to store in a reference memory."""

    source: str
    target: str
    key: str = ""
    changed_at: str = ""
    sentence_level: bool = False


@dataclass(frozen=True)
class SyncResult:
    added: int
    removed: int


class MemoryStore:
    """The memories of one open project."""

    def __init__(self, project: Project) -> None:
        self.project = project

    # -- memories ---------------------------------------------------------------------------

    def memories(self) -> list[MemoryInfo]:
        rows = self.project.query(
            "SELECT m.*, (SELECT COUNT(*) FROM memory_units u WHERE u.memory_id = m.id) AS n"
            " FROM memories m ORDER BY m.kind = 'reference', m.name"
        )
        return [_info(row) for row in rows]

    def memory(self, name: str) -> MemoryInfo:
        for info in self.memories():
            if info.name == name:
                return info
        known = ", ".join(m.name for m in self.memories())
        raise ProjectError(f"no memory named {name!r} in {self.project.path}; memories: {known}")

    def add_reference(
        self,
        name: str,
        units: Iterable[NewUnit],
        *,
        path: str,
        sha256: str,
        replace: bool = False,
    ) -> MemoryInfo:
        """Load pairs as a read-only memory called `name` (replacing one of that name if asked)."""
        name = name.strip()
        if not name or name == PROJECT_MEMORY:
            raise ProjectError(f"{name!r} cannot name a reference memory; choose another name")
        stamp = now_iso()
        with self.project.transaction() as conn:
            for info in self.memories():
                if info.sha256 == sha256 and info.name != name:
                    raise ProjectError(f"{path} is already loaded as memory {info.name!r}")
            existing = conn.execute("SELECT id FROM memories WHERE name = ?", (name,)).fetchone()
            if existing is not None and not replace:
                raise ProjectError(
                    f"a memory named {name!r} is already loaded; choose another name or replace it"
                )
            if existing is not None:
                conn.execute("DELETE FROM memories WHERE id = ?", (existing["id"],))
            cursor = conn.execute(
                "INSERT INTO memories(name, kind, path, sha256, loaded_at)"
                " VALUES (?, 'reference', ?, ?, ?)",
                (name, path, sha256, stamp),
            )
            memory_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT OR IGNORE INTO memory_units(memory_id, source, target, level, key,"
                " changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        memory_id,
                        u.source,
                        u.target,
                        "sentence" if u.sentence_level else "paragraph",
                        u.key,
                        u.changed_at or stamp,
                    )
                    for u in units
                    if u.source.strip() and u.target.strip()
                ],
            )
        return self.memory(name)

    def remove_reference(self, name: str) -> int:
        """Unload a reference memory; returns how many pairs it held."""
        info = self.memory(name)
        if not info.read_only:
            raise ProjectError("the project memory cannot be removed")
        with self.project.transaction() as conn:
            conn.execute("DELETE FROM memories WHERE id = ?", (info.id,))
        return info.units

    # -- units ------------------------------------------------------------------------------

    def units(
        self, names: Sequence[str] | None = None, *, containing: str | None = None
    ) -> list[MemoryUnit]:
        """Pairs of the named memories (all when None), project memory first.

        `containing` narrows them in SQL to pairs whose source or target holds that text
        (ASCII case ignored): a prefilter for searches, so large memories are not all read.
        """
        sql = (
            "SELECT u.*, m.name AS origin FROM memory_units u JOIN memories m ON m.id = u.memory_id"
            " WHERE 1 = 1"
        )
        params: list[str] = []
        if names is not None:
            for name in names:
                self.memory(name)  # a clear error for an unknown name
            sql += f" AND m.name IN ({', '.join('?' * len(names))})"
            params = list(names)
        if containing:
            escaped = containing.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            sql += " AND (u.source LIKE ? ESCAPE '\\' OR u.target LIKE ? ESCAPE '\\')"
            params += [f"%{escaped}%"] * 2
        sql += " ORDER BY m.kind = 'reference', m.name, u.id"
        return [_unit(row) for row in self.project.query(sql, params)]

    # -- the project memory -----------------------------------------------------------------

    def sync_project(self, paragraph_ids: Iterable[int] | None = None) -> SyncResult:
        """Bring the project memory in step with the translator's English.

        Adds every edited or approved pair (and its aligned sentence pairs) not yet held;
        removes pairs replaced in the paragraph they came from. `paragraph_ids` limits the
        work to those paragraphs (after an edit); None syncs them all.
        """
        ids = None if paragraph_ids is None else sorted(set(paragraph_ids))
        if ids == []:
            return SyncResult(0, 0)
        where, params = _paragraph_filter(ids)
        with self.project.transaction() as conn:
            memory_id = self._project_memory_id(conn)
            before = _count(conn, memory_id)
            new_rows = conn.execute(
                "SELECT p.id, p.source, p.target, p.updated_at FROM paragraphs p"
                " WHERE p.included = 1 AND p.target IS NOT NULL"
                " AND p.status IN ('edited', 'approved')" + where + " AND NOT EXISTS"
                " (SELECT 1 FROM memory_units u WHERE u.memory_id = ? AND u.source = p.source"
                " AND u.target = p.target)",
                [*params, memory_id],
            ).fetchall()
            rows: list[tuple[int, str, str, str, int, str]] = []
            for row in new_rows:
                rows.append(
                    (
                        memory_id,
                        row["source"],
                        row["target"],
                        "paragraph",
                        row["id"],
                        row["updated_at"],
                    )
                )
                sentences = [
                    s["source"]
                    for s in conn.execute(
                        "SELECT source FROM sentences WHERE paragraph_id = ? ORDER BY idx",
                        (row["id"],),
                    )
                ]
                english = split_sentences(row["target"])
                if len(sentences) > 1 and len(english) == len(sentences):
                    rows += [
                        (memory_id, zh, en, "sentence", row["id"], row["updated_at"])
                        for zh, en in zip(sentences, english, strict=True)
                    ]
            conn.executemany(
                "INSERT OR IGNORE INTO memory_units(memory_id, source, target, level,"
                " paragraph_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            added = _count(conn, memory_id) - before
            removed = conn.execute(
                "DELETE FROM memory_units WHERE id IN (SELECT u.id FROM memory_units u"
                " JOIN paragraphs p ON p.id = u.paragraph_id WHERE u.memory_id = ?"
                + where
                + " AND instr(p.source, u.source) > 0"
                " AND (p.target IS NULL OR instr(p.target, u.target) = 0)"
                " AND NOT EXISTS (SELECT 1 FROM paragraphs q WHERE q.included = 1"
                " AND q.source = u.source AND q.target = u.target))",
                [memory_id, *params],
            ).rowcount
        return SyncResult(added=added, removed=removed)

    def _project_memory_id(self, conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT id FROM memories WHERE name = ?", (PROJECT_MEMORY,)).fetchone()
        if row is None:  # removed by hand from the file: recreate rather than fail
            cursor = conn.execute(
                "INSERT INTO memories(name, kind, loaded_at) VALUES (?, 'project', ?)",
                (PROJECT_MEMORY, now_iso()),
            )
            return int(cursor.lastrowid or 0)
        return int(row["id"])


def _paragraph_filter(ids: list[int] | None) -> tuple[str, list[int]]:
    if ids is None:
        return "", []
    return f" AND p.id IN ({', '.join('?' * len(ids))})", ids


def _count(conn: sqlite3.Connection, memory_id: int) -> int:
    row = conn.execute(
        "SELECT COUNT(*) FROM memory_units WHERE memory_id = ?", (memory_id,)
    ).fetchone()
    return int(row[0])


def _info(row: sqlite3.Row) -> MemoryInfo:
    return MemoryInfo(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        path=row["path"],
        sha256=row["sha256"],
        loaded_at=row["loaded_at"],
        units=row["n"],
    )


def _unit(row: sqlite3.Row) -> MemoryUnit:
    return MemoryUnit(
        source=row["source"],
        target=row["target"],
        origin=row["origin"],
        id=row["id"],
        key=row["key"],
        paragraph_id=row["paragraph_id"],
        changed_at=row["changed_at"],
    )
