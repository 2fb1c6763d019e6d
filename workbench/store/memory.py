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

import contextlib
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.errors import ProjectError, WorkbenchError
from workbench.core.sentences import split_sentences
from workbench.core.tm import MemoryUnit
from workbench.store.bulk import delete_in_chunks, write_in_chunks, writer_alive
from workbench.store.dbapi import Connection, Row
from workbench.store.project import Project
from workbench.store.rows import now_iso

PROJECT_MEMORY = "project"
# The name of a memory being loaded: names are stripped, so no typed name starts with a
# space (PostgreSQL text cannot hold the NUL this once began with).
_LOADING = " loading:"


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
            " FROM memories m WHERE m.import_pid IS NULL ORDER BY m.kind = 'reference', m.name"
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
        """Load pairs as a read-only memory called `name` (replacing one of that name if asked).

        The pairs are written in chunks under a hidden memory that takes the name (and
        replaces the old one) in the last, short transaction: nobody sees half a memory,
        and a load killed midway leaves a hidden one that the next load removes."""
        name = name.strip()
        if not name or name == PROJECT_MEMORY:
            raise ProjectError(f"{name!r} cannot name a reference memory; choose another name")
        stamp = now_iso()
        self._remove_abandoned_loads()
        with self.project.transaction() as conn:
            self._check_free(conn, name, path=path, sha256=sha256, replace=replace)
            cursor = conn.execute(
                "INSERT INTO memories(name, kind, path, sha256, loaded_at, import_pid)"
                " VALUES (?, 'reference', ?, ?, ?, ?)",
                (f"{_LOADING}{os.getpid()}:{time.time_ns()}", path, sha256, stamp, os.getpid()),
            )
            memory_id = int(cursor.lastrowid or 0)

        def write(conn: Connection, part: list[NewUnit]) -> None:
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
                    for u in part
                ],
            )
            # The load is alive: a later load must not take it for a dead one.
            conn.execute("UPDATE memories SET loaded_at = ? WHERE id = ?", (now_iso(), memory_id))

        replaced: int | None = None
        try:
            pairs = (u for u in units if u.source.strip() and u.target.strip())
            write_in_chunks(self.project, pairs, write, batch=2000)
            with self.project.transaction() as conn:
                replaced = self._check_free(conn, name, path=path, sha256=sha256, replace=replace)
                if replaced is not None:  # hidden now, deleted below in chunks
                    conn.execute(
                        "UPDATE memories SET name = ?, import_pid = ? WHERE id = ?",
                        (f"{_LOADING}{os.getpid()}:replaced:{replaced}", os.getpid(), replaced),
                    )
                conn.execute(
                    "UPDATE memories SET name = ?, import_pid = NULL, loaded_at = ? WHERE id = ?",
                    (name, stamp, memory_id),
                )
        except BaseException:
            with contextlib.suppress(WorkbenchError):
                self._delete_memory(memory_id)
            raise
        if replaced is not None:
            with contextlib.suppress(WorkbenchError):  # hidden already; a later load retries
                self._delete_memory(replaced)
        return self.memory(name)

    def _check_free(
        self, conn: Connection, name: str, *, path: str, sha256: str, replace: bool
    ) -> int | None:
        """Refuse a file already loaded under another name, or a name in use (unless
        `replace`); the id of the memory to replace, if any."""
        rows = conn.execute(
            "SELECT id, name, sha256 FROM memories WHERE import_pid IS NULL AND kind = 'reference'"
        ).fetchall()
        for row in rows:
            if row["sha256"] == sha256 and row["name"] != name:
                raise ProjectError(f"{path} is already loaded as memory {row['name']!r}")
        existing = next((int(row["id"]) for row in rows if row["name"] == name), None)
        if existing is not None and not replace:
            raise ProjectError(
                f"a memory named {name!r} is already loaded; choose another name or replace it"
            )
        return existing

    def _remove_abandoned_loads(self) -> None:
        rows = self.project.query(
            "SELECT id, import_pid, loaded_at FROM memories WHERE import_pid IS NOT NULL"
        )
        for row in rows:
            if not writer_alive(
                row["import_pid"], row["loaded_at"], local=not self.project.on_server
            ):
                self._delete_memory(int(row["id"]))

    def _delete_memory(self, memory_id: int) -> None:
        delete_in_chunks(self.project, "memory_units", "memory_id = ?", (memory_id,))
        with self.project.transaction() as conn:
            conn.execute("DELETE FROM memories WHERE id = ?", (memory_id,))

    def remove_reference(self, name: str) -> int:
        """Unload a reference memory; returns how many pairs it held."""
        info = self.memory(name)
        if not info.read_only:
            raise ProjectError("the project memory cannot be removed")
        with self.project.transaction() as conn:  # hidden at once, then deleted in chunks
            conn.execute(
                "UPDATE memories SET name = ?, import_pid = ?, loaded_at = ? WHERE id = ?",
                (f"{_LOADING}{os.getpid()}:removed:{info.id}", os.getpid(), now_iso(), info.id),
            )
        self._delete_memory(info.id)
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
            " WHERE m.import_pid IS NULL"
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
        if ids == [] or self.project.read_only:
            # Read-only: the memory stays as last synced (it is derived from the paragraphs).
            return SyncResult(0, 0)
        where, params = _paragraph_filter(ids)
        with self.project.transaction() as conn:
            memory_id = self._project_memory_id(conn)
            stale, resplit = _remove_stale_sentences(conn, memory_id, ids)
            # A targeted sync (after an edit, a split or a join) takes the paragraphs'
            # sentence pairs afresh; a full one those of new pairs and of re-split rows.
            fresh = (
                ""
                if ids is not None
                else (
                    " AND (NOT EXISTS (SELECT 1 FROM memory_units u WHERE u.memory_id = ?"
                    " AND u.source = p.source AND u.target = p.target)"
                    f" OR p.id IN ({', '.join('?' * len(resplit)) or 'NULL'}))"
                )
            )
            new_rows = conn.execute(
                "SELECT p.id, p.source, p.target, p.updated_at FROM paragraphs p"
                " WHERE p.included = 1 AND p.target IS NOT NULL"
                " AND p.status IN ('edited', 'approved')" + where + fresh,
                [*params] if ids is not None else [memory_id, *resplit],
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
            # The rows inserted (those already held are ignored): counting the memory before
            # and after cost two scans of it per save.
            # (psycopg gives -1 for an executemany with nothing to do.)
            added = (
                conn.executemany(
                    "INSERT OR IGNORE INTO memory_units(memory_id, source, target, level,"
                    " paragraph_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                ).rowcount
                if rows
                else 0
            )
            removed = (
                stale
                + conn.execute(
                    "DELETE FROM memory_units WHERE id IN (SELECT u.id FROM memory_units u"
                    " JOIN paragraphs p ON p.id = u.paragraph_id WHERE u.memory_id = ?"
                    + where
                    + " AND instr(p.source, u.source) > 0"
                    " AND (p.target IS NULL OR instr(p.target, u.target) = 0)"
                    " AND NOT EXISTS (SELECT 1 FROM paragraphs q WHERE q.included = 1"
                    " AND q.source = u.source AND q.target = u.target))",
                    [memory_id, *params],
                ).rowcount
            )
        return SyncResult(added=added, removed=removed)

    def _project_memory_id(self, conn: Connection) -> int:
        row = conn.execute("SELECT id FROM memories WHERE name = ?", (PROJECT_MEMORY,)).fetchone()
        if row is None:  # removed by hand from the file: recreate rather than fail
            cursor = conn.execute(
                "INSERT INTO memories(name, kind, loaded_at) VALUES (?, 'project', ?)",
                (PROJECT_MEMORY, now_iso()),
            )
            return int(cursor.lastrowid or 0)
        return int(row["id"])


def _remove_stale_sentences(
    conn: Connection, memory_id: int, ids: list[int] | None
) -> tuple[int, list[int]]:
    """Delete the sentence pairs whose Chinese is no longer a sentence of the paragraph
    they came from (its sentences were split or joined since): how many, and the ids of
    those paragraphs, whose pairs for the new sentences are then added."""
    where = "" if ids is None else f" AND u.paragraph_id IN ({', '.join('?' * len(ids))})"
    stale = conn.execute(
        "SELECT u.id, u.paragraph_id FROM memory_units u WHERE u.memory_id = ?"
        " AND u.level = 'sentence' AND u.paragraph_id IS NOT NULL" + where + " AND NOT EXISTS"
        " (SELECT 1 FROM sentences s WHERE s.paragraph_id = u.paragraph_id"
        " AND s.source = u.source)",
        [memory_id, *(ids or [])],
    ).fetchall()
    conn.executemany("DELETE FROM memory_units WHERE id = ?", [(row["id"],) for row in stale])
    return len(stale), sorted({int(row["paragraph_id"]) for row in stale})


def _paragraph_filter(ids: list[int] | None) -> tuple[str, list[int]]:
    if ids is None:
        return "", []
    return f" AND p.id IN ({', '.join('?' * len(ids))})", ids


def _info(row: Row) -> MemoryInfo:
    return MemoryInfo(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        path=row["path"],
        sha256=row["sha256"],
        loaded_at=row["loaded_at"],
        units=row["n"],
    )


def _unit(row: Row) -> MemoryUnit:
    return MemoryUnit(
        source=row["source"],
        target=row["target"],
        origin=row["origin"],
        id=row["id"],
        key=row["key"],
        paragraph_id=row["paragraph_id"],
        changed_at=row["changed_at"],
    )
