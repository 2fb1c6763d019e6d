"""A project: one SQLite file holding documents, paragraphs, translations and edit history.

Every change runs in one transaction. Edits to the translator's English go through the
history table (grouped, so a multi-row change undoes as one; see `workbench.store.history`),
which makes undo/redo survive a restart. Machine translation only ever writes the `mt`
column: it cannot overwrite a translator's text.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from workbench.core.errors import ProjectError, WorkbenchError
from workbench.core.segments import CleanDocument, Document, Paragraph, Sentence, Status
from workbench.store.connection import open_connection
from workbench.store.errors import database_error
from workbench.store.history import can_replay, next_group, record_change, replay
from workbench.store.rows import (
    derive_status,
    document_from_row,
    now_iso,
    paragraph_from_row,
    paragraph_rows,
    sentence_from_row,
)

DEFAULT_PROJECT_NAME = "workbench.sqlite"


class ConflictError(WorkbenchError):
    """The paragraph changed since the editor loaded it; nothing was written."""


class Project:
    """An open project file. Thread-safe: one connection guarded by a lock."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool = False) -> None:
        self._conn = conn
        self.read_only = read_only
        self._lock = threading.RLock()
        self._depth = 0
        self._group: int | None = None  # set inside grouped(): one undo step for many changes
        self.path = path

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True, read_only: bool = False) -> Project:
        """Open (or create) the project. `read_only` opens without writing a byte: no
        migration, no journal-mode switch; every write then raises ProjectReadOnlyError."""
        path = Path(path)
        conn = open_connection(path, create=create and not read_only, read_only=read_only)
        return cls(conn, path, read_only=read_only)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested calls join the outer transaction. SQLite's errors
        leave as WorkbenchErrors (busy, read-only, disk full, damaged) naming the file."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            if self.read_only:
                raise database_error(sqlite3.OperationalError("readonly database"), self.path)
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise database_error(exc, self.path) from exc
            self._depth = 1
            try:
                yield self._conn
            except sqlite3.Error as exc:
                self._rollback()
                raise database_error(exc, self.path) from exc
            except BaseException:
                self._rollback()
                raise
            else:
                try:
                    self._conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    self._rollback()
                    raise database_error(exc, self.path) from exc
            finally:
                self._depth = 0

    def _rollback(self) -> None:
        # After a failed COMMIT (disk full) SQLite may already have rolled back.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def grouped(self) -> Iterator[None]:
        """Changes made inside (in one transaction) undo and redo as one step."""
        with self.transaction():
            if self._group is not None:
                yield
                return
            self._group = next_group(self._conn)
            try:
                yield
            finally:
                self._group = None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Read rows under the project's lock; for the store's own modules (memory, MT cache)
        that keep their tables in the same file."""
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise database_error(exc, self.path) from exc

    def data_version(self) -> int:
        """A number that changes when another connection (another program) commits to the
        file; this connection's own commits leave it alone."""
        return int(self.query("PRAGMA data_version")[0][0])

    # -- settings ---------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- documents --------------------------------------------------------------------------

    def add_document(
        self,
        clean: CleanDocument,
        *,
        name: str,
        path: str,
        sha256: str,
        encoding: str,
        fmt: str,
        sentences: Sequence[Sequence[str]],
    ) -> Document:
        """Store a cleaned document: kept paragraphs and dropped blocks in input order.

        `sentences[i]` are the sentences of `clean.paragraphs[i]`.
        """
        if len(sentences) != len(clean.paragraphs):
            raise ValueError("one list of sentences per kept paragraph is required")
        stamp = now_iso()
        blocks = paragraph_rows(clean, sentences)
        meta = clean.metadata
        with self.transaction() as conn:
            if self.find_document(sha256) is not None:
                raise ProjectError(f"{name} is already in the project")
            cursor = conn.execute(
                "INSERT INTO documents(name, path, sha256, encoding, format, title, meta_source,"
                " meta_date, meta_author, meta_url, warnings, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    path,
                    sha256,
                    encoding,
                    fmt,
                    clean.title,
                    meta.source,
                    meta.date,
                    meta.author,
                    meta.url,
                    json.dumps(list(clean.warnings), ensure_ascii=False),
                    stamp,
                ),
            )
            document_id = int(cursor.lastrowid or 0)
            for position, (row, its_sentences) in enumerate(blocks):
                cursor = conn.execute(
                    "INSERT INTO paragraphs(document_id, position, line_no, kind, source, original,"
                    " changes, included, drop_rule, drop_reason, status, updated_at)"
                    " VALUES (:document_id, :position, :line_no, :kind, :source, :original,"
                    " :changes, :included, :drop_rule, :drop_reason, 'new', :updated_at)",
                    {**row, "document_id": document_id, "position": position, "updated_at": stamp},
                )
                self._insert_sentences(conn, int(cursor.lastrowid or 0), its_sentences)
        return self.document(document_id)

    @staticmethod
    def _insert_sentences(
        conn: sqlite3.Connection, paragraph_id: int, sentences: Iterable[str]
    ) -> None:
        conn.executemany(
            "INSERT INTO sentences(paragraph_id, idx, source) VALUES (?, ?, ?)",
            [(paragraph_id, index, text) for index, text in enumerate(sentences)],
        )

    def find_document(self, sha256: str) -> Document | None:
        rows = self.query("SELECT * FROM documents WHERE sha256 = ?", (sha256,))
        return document_from_row(rows[0]) if rows else None

    def document(self, document_id: int) -> Document:
        rows = self.query("SELECT * FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise ProjectError(f"no document {document_id} in {self.path}")
        return document_from_row(rows[0])

    def documents(self) -> list[Document]:
        return [document_from_row(row) for row in self.query("SELECT * FROM documents ORDER BY id")]

    def resolve_document(self, ref: str) -> Document:
        """A document by id, file name, file stem or unique name prefix, as the user types it."""
        documents = self.documents()
        if ref.isdigit() and any(d.id == int(ref) for d in documents):
            return self.document(int(ref))
        matches = [d for d in documents if ref in (d.name, Path(d.name).stem, d.path)]
        if not matches:
            matches = [d for d in documents if d.name.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(f"{d.id} ({d.name})" for d in documents) or "none"
        what = "several documents match" if matches else "no document matches"
        raise ProjectError(f"{what} {ref!r}; documents: {known}")

    # -- paragraphs -------------------------------------------------------------------------

    def paragraphs(
        self, document_id: int | None = None, *, include_dropped: bool = False
    ) -> list[Paragraph]:
        sql = "SELECT * FROM paragraphs WHERE 1 = 1"
        params: list[Any] = []
        if document_id is not None:
            sql += " AND document_id = ?"
            params.append(document_id)
        if not include_dropped:
            sql += " AND included = 1"
        sql += " ORDER BY document_id, position"
        return [paragraph_from_row(row) for row in self.query(sql, params)]

    def paragraph(self, paragraph_id: int) -> Paragraph:
        rows = self.query("SELECT * FROM paragraphs WHERE id = ?", (paragraph_id,))
        if not rows:
            raise ProjectError(f"no paragraph {paragraph_id} in {self.path}")
        return paragraph_from_row(rows[0])

    def sentences(self, paragraph_id: int) -> list[Sentence]:
        rows = self.query(
            "SELECT * FROM sentences WHERE paragraph_id = ? ORDER BY idx", (paragraph_id,)
        )
        return [sentence_from_row(row) for row in rows]

    def all_sentences(self, document_id: int | None = None) -> list[Sentence]:
        """Sentences of included paragraphs in document order."""
        sql = (
            "SELECT s.* FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id"
            " WHERE p.included = 1"
        )
        params: list[Any] = []
        if document_id is not None:
            sql += " AND p.document_id = ?"
            params.append(document_id)
        sql += " ORDER BY p.document_id, p.position, s.idx"
        return [sentence_from_row(row) for row in self.query(sql, params)]

    def status_counts(self, document_id: int | None = None) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for paragraph in self.paragraphs(document_id):
            counts[paragraph.status] += 1
        return counts

    # -- the translator's edits (recorded for undo) -----------------------------------------

    def set_target(
        self,
        paragraph_id: int,
        text: str | None,
        *,
        expected: str | object | None = ...,
        approve: bool = False,
        propagated: bool = False,
    ) -> Paragraph:
        """Save the translator's English. Empty text clears it.

        `expected` is the English the editor started from; if the stored text differs the
        edit is refused with ConflictError rather than overwrite someone else's work.
        `propagated` marks English copied from an identical paragraph; text the translator
        writes in place is never marked so.
        """
        text = text.strip() if text is not None else None
        with self.transaction():
            current = self.paragraph(paragraph_id)
            if expected is not ... and current.target != expected:
                raise ConflictError(
                    f"paragraph {paragraph_id} was changed elsewhere since you opened it; "
                    "reload it before saving"
                )
            target = text or None
            status = derive_status(target, current.mt, approved=approve)
            values = {"target": target, "status": status.value, "propagated": int(propagated)}
            return self._change(current, values)

    def accept_mt(self, paragraph_id: int) -> Paragraph:
        """Take the machine translation as the translator's English."""
        current = self.paragraph(paragraph_id)
        if not current.mt:
            raise ProjectError(f"paragraph {paragraph_id} has no machine translation yet")
        return self.set_target(paragraph_id, current.mt, expected=current.target)

    def set_approved(self, paragraph_id: int, approved: bool = True) -> Paragraph:
        with self.transaction():
            current = self.paragraph(paragraph_id)
            target = current.target
            if approved and not target:
                # Approving what the machine wrote makes it the translator's text.
                target = current.mt
            if approved and not target:
                raise ProjectError(f"paragraph {paragraph_id} has no English to approve")
            status = derive_status(target, current.mt, approved=approved)
            return self._change(current, {"target": target, "status": status.value})

    def set_alternative(self, paragraph_id: int, alternative: bool = True) -> Paragraph:
        """Opt a paragraph out of (or back into) propagation from its identical repeats."""
        with self.transaction():
            current = self.paragraph(paragraph_id)
            return self._change(current, {"alternative": int(alternative), "propagated": 0})

    def set_review(self, paragraph_id: int, review: bool) -> Paragraph:
        with self.transaction():
            return self._change(self.paragraph(paragraph_id), {"review": int(review)})

    def move(self, paragraph_id: int, offset: int) -> Paragraph:
        """Move an included paragraph up (offset < 0) or down among its document's paragraphs."""
        with self.transaction():
            current = self.paragraph(paragraph_id)
            siblings = self.paragraphs(current.document_id)
            index = next(i for i, p in enumerate(siblings) if p.id == paragraph_id)
            new_index = max(0, min(len(siblings) - 1, index + offset))
            if new_index == index:
                return current
            # Rotate the included paragraphs' positions; dropped blocks keep theirs.
            order = [p for p in siblings]
            order.insert(new_index, order.pop(index))
            positions = sorted(p.position for p in siblings)
            group = next_group(self._conn)
            for paragraph, position in zip(order, positions, strict=True):
                if paragraph.position != position:
                    self._change(paragraph, {"position": position}, group=group)
            return self.paragraph(paragraph_id)

    def set_included(self, paragraph_id: int, included: bool) -> Paragraph:
        """Restore a block the cleaner dropped (or drop a paragraph by hand)."""
        with self.transaction():
            current = self.paragraph(paragraph_id)
            if current.included == included:
                return current
            if included:
                self._ensure_sentences(current)
            return self._change(current, {"included": int(included)})

    def _ensure_sentences(self, paragraph: Paragraph) -> None:
        if self.sentences(paragraph.id):
            return
        # Imported dropped blocks carry no sentences; split on restore.
        from workbench.core.ingest import split_sentences

        with self.transaction() as conn:
            self._insert_sentences(conn, paragraph.id, split_sentences(paragraph.source))

    # -- machine translation (never touches the translator's English) -----------------------

    def set_machine_translation(
        self, paragraph_id: int, sentence_mt: Sequence[str], *, joiner: str = " "
    ) -> Paragraph:
        with self.transaction() as conn:
            current = self.paragraph(paragraph_id)
            sentences = self.sentences(paragraph_id)
            if len(sentences) != len(sentence_mt):
                raise ValueError(
                    f"paragraph {paragraph_id} has {len(sentences)} sentences, "
                    f"got {len(sentence_mt)} translations"
                )
            conn.executemany(
                "UPDATE sentences SET mt = ? WHERE id = ?",
                [(text, s.id) for s, text in zip(sentences, sentence_mt, strict=True)],
            )
            mt = joiner.join(t.strip() for t in sentence_mt if t.strip()) or None
            status = derive_status(current.target, mt, approved=current.status is Status.APPROVED)
            conn.execute(
                "UPDATE paragraphs SET mt = ?, status = ?, updated_at = ? WHERE id = ?",
                (mt, status.value, now_iso(), paragraph_id),
            )
            return self.paragraph(paragraph_id)

    # -- history ----------------------------------------------------------------------------

    def _change(
        self, current: Paragraph, values: dict[str, Any], *, group: int | None = None
    ) -> Paragraph:
        """Apply column values to a paragraph and record before/after for undo."""
        group = group if group is not None else self._group
        if not record_change(self._conn, current, values, group=group):
            return current
        return self.paragraph(current.id)

    def can_undo(self) -> bool:
        with self._lock:
            return can_replay(self._conn, undo=True)

    def can_redo(self) -> bool:
        with self._lock:
            return can_replay(self._conn, undo=False)

    def undo(self) -> list[Paragraph]:
        """Undo the latest change group; returns the paragraphs it touched (empty if none)."""
        return self._replay(undo=True)

    def redo(self) -> list[Paragraph]:
        return self._replay(undo=False)

    def _replay(self, *, undo: bool) -> list[Paragraph]:
        with self.transaction() as conn:
            return [self.paragraph(pid) for pid in replay(conn, undo=undo)]
