"""A project: one SQLite file holding documents, paragraphs, translations and edit history.

Every change runs in one transaction. Edits to the translator's English go through the
history table (grouped, so a multi-row change undoes as one), which makes undo/redo survive
a restart. Machine translation only ever writes the `mt` column: it cannot overwrite a
translator's text.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workbench.core.errors import ProjectError, WorkbenchError
from workbench.core.segments import (
    CleanDocument,
    Document,
    DocumentMetadata,
    Paragraph,
    ParagraphKind,
    Sentence,
    Status,
)
from workbench.store.migrations import migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_PROJECT_NAME = "workbench.sqlite"

# Columns a history entry may restore; anything else in a JSON payload is ignored.
_HISTORY_COLUMNS = (
    "target",
    "status",
    "review",
    "position",
    "included",
    "propagated",
    "alternative",
)


class ConflictError(WorkbenchError):
    """The paragraph changed since the editor loaded it; nothing was written."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def derive_status(target: str | None, mt: str | None, *, approved: bool = False) -> Status:
    """The one rule for status: only approval is a choice, the rest follows from the text."""
    if approved and target:
        return Status.APPROVED
    if target:
        return Status.EDITED
    if mt:
        return Status.MACHINE
    return Status.NEW


class Project:
    """An open project file. Thread-safe: one connection guarded by a lock."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._depth = 0
        self._group: int | None = None  # set inside grouped(): one undo step for many changes
        self.path = path

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Project:
        path = Path(path)
        if path.is_dir():
            raise ProjectError(f"{path} is a folder; give the path of a project file")
        if path.exists():
            _check_is_sqlite(path)
        elif not create:
            raise ProjectError(
                f"no project at {path}; create one with `workbench import FILE --project {path}`"
            )
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            # FULL: a committed edit survives a power cut, not just a crash.
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn, path=str(path))
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"cannot open project {path}: {exc}") from exc
        if mode.lower() != "wal":
            conn.close()
            raise ProjectError(f"cannot use write-ahead logging for {path} (got {mode})")
        return cls(conn, path)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit of work; nested calls join the outer transaction."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    @contextlib.contextmanager
    def grouped(self) -> Iterator[None]:
        """Changes made inside (in one transaction) undo and redo as one step."""
        with self.transaction():
            if self._group is not None:
                yield
                return
            self._group = self._new_group()
            try:
                yield
            finally:
                self._group = None

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # -- settings ---------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
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
        blocks: list[tuple[int, dict[str, Any], Sequence[str]]] = []
        for paragraph, its_sentences in zip(clean.paragraphs, sentences, strict=True):
            row = {
                "line_no": paragraph.line_no,
                "kind": paragraph.kind.value,
                "source": paragraph.text,
                "original": paragraph.original,
                "changes": json.dumps(list(paragraph.changes), ensure_ascii=False),
                "included": 1,
                "drop_rule": None,
                "drop_reason": None,
            }
            blocks.append((paragraph.line_no, row, its_sentences))
        for block in clean.dropped:
            row = {
                "line_no": block.line_no,
                "kind": ParagraphKind.BODY.value,
                "source": block.text,
                "original": block.text,
                "changes": "[]",
                "included": 0,
                "drop_rule": block.rule_id,
                "drop_reason": block.reason,
            }
            blocks.append((block.line_no, row, ()))
        blocks.sort(key=lambda item: item[0])
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
            for position, (_, row, its_sentences) in enumerate(blocks):
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
        rows = self._query("SELECT * FROM documents WHERE sha256 = ?", (sha256,))
        return _document(rows[0]) if rows else None

    def document(self, document_id: int) -> Document:
        rows = self._query("SELECT * FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise ProjectError(f"no document {document_id} in {self.path}")
        return _document(rows[0])

    def documents(self) -> list[Document]:
        return [_document(row) for row in self._query("SELECT * FROM documents ORDER BY id")]

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
        return [_paragraph(row) for row in self._query(sql, params)]

    def paragraph(self, paragraph_id: int) -> Paragraph:
        rows = self._query("SELECT * FROM paragraphs WHERE id = ?", (paragraph_id,))
        if not rows:
            raise ProjectError(f"no paragraph {paragraph_id} in {self.path}")
        return _paragraph(rows[0])

    def sentences(self, paragraph_id: int) -> list[Sentence]:
        rows = self._query(
            "SELECT * FROM sentences WHERE paragraph_id = ? ORDER BY idx", (paragraph_id,)
        )
        return [_sentence(row) for row in rows]

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
        return [_sentence(row) for row in self._query(sql, params)]

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
            group = self._new_group()
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

    def _new_group(self) -> int:
        row = self._conn.execute("SELECT COALESCE(MAX(grp), 0) + 1 FROM history").fetchone()
        return int(row[0])

    def _change(
        self, current: Paragraph, values: dict[str, Any], *, group: int | None = None
    ) -> Paragraph:
        """Apply column values to a paragraph and record before/after for undo."""
        before = _columns_of(current)
        changed = {k: v for k, v in values.items() if before.get(k) != v}
        if not changed:
            return current
        conn = self._conn
        # A new edit ends the redo chain, as in every editor.
        conn.execute("DELETE FROM history WHERE undone = 1")
        conn.execute(
            "INSERT INTO history(grp, paragraph_id, action, before, after, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                group if group is not None else self._group or self._new_group(),
                current.id,
                ",".join(sorted(changed)),
                json.dumps({k: before[k] for k in changed}, ensure_ascii=False),
                json.dumps(changed, ensure_ascii=False),
                now_iso(),
            ),
        )
        self._write_columns(current.id, changed)
        return self.paragraph(current.id)

    def _write_columns(self, paragraph_id: int, values: dict[str, Any]) -> None:
        columns = [c for c in values if c in _HISTORY_COLUMNS]
        if not columns:
            return
        assignments = ", ".join(f"{c} = ?" for c in columns)
        self._conn.execute(
            f"UPDATE paragraphs SET {assignments}, updated_at = ? WHERE id = ?",
            [*(values[c] for c in columns), now_iso(), paragraph_id],
        )
        # Machine output may have arrived since the entry was written: keep status coherent.
        row = self._conn.execute(
            "SELECT target, mt, status FROM paragraphs WHERE id = ?", (paragraph_id,)
        ).fetchone()
        status = derive_status(row["target"], row["mt"], approved=row["status"] == "approved")
        self._conn.execute("UPDATE paragraphs SET status = ? WHERE id = ?", (status, paragraph_id))

    def can_undo(self) -> bool:
        return bool(self._query("SELECT 1 FROM history WHERE undone = 0 LIMIT 1"))

    def can_redo(self) -> bool:
        return bool(self._query("SELECT 1 FROM history WHERE undone = 1 LIMIT 1"))

    def undo(self) -> list[Paragraph]:
        """Undo the latest change group; returns the paragraphs it touched (empty if none)."""
        return self._replay(undo=True)

    def redo(self) -> list[Paragraph]:
        return self._replay(undo=False)

    def _replay(self, *, undo: bool) -> list[Paragraph]:
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT MAX(grp) FROM history WHERE undone = 0"
                if undo
                else "SELECT MIN(grp) FROM history WHERE undone = 1"
            ).fetchone()
            group = row[0]
            if group is None:
                return []
            entries = conn.execute(
                "SELECT * FROM history WHERE grp = ? ORDER BY id", (group,)
            ).fetchall()
            for entry in entries if not undo else reversed(entries):
                values = json.loads(entry["before"] if undo else entry["after"])
                self._write_columns(int(entry["paragraph_id"]), values)
            conn.execute("UPDATE history SET undone = ? WHERE grp = ?", (int(undo), group))
            touched = dict.fromkeys(int(e["paragraph_id"]) for e in entries)
            return [self.paragraph(pid) for pid in touched]


def _check_is_sqlite(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError(f"cannot read project {path}: {exc.strerror}") from exc
    if head and head != SQLITE_MAGIC:
        raise ProjectError(f"{path} is not a workbench project (not an SQLite file)")


def _columns_of(paragraph: Paragraph) -> dict[str, Any]:
    return {
        "target": paragraph.target,
        "status": paragraph.status.value,
        "review": int(paragraph.review),
        "position": paragraph.position,
        "included": int(paragraph.included),
        "propagated": int(paragraph.propagated),
        "alternative": int(paragraph.alternative),
    }


def _document(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"],
        name=row["name"],
        path=row["path"],
        sha256=row["sha256"],
        encoding=row["encoding"],
        format=row["format"],
        title=row["title"],
        metadata=DocumentMetadata(
            source=row["meta_source"],
            date=row["meta_date"],
            author=row["meta_author"],
            url=row["meta_url"],
        ),
        warnings=tuple(json.loads(row["warnings"])),
        imported_at=row["imported_at"],
    )


def _paragraph(row: sqlite3.Row) -> Paragraph:
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
    )


def _sentence(row: sqlite3.Row) -> Sentence:
    return Sentence(
        id=row["id"],
        paragraph_id=row["paragraph_id"],
        index=row["idx"],
        source=row["source"],
        mt=row["mt"],
    )
