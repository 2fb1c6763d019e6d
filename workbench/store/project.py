"""A project: one SQLite file (or one PostgreSQL database, `workbench.store.server`) holding
documents, paragraphs, translations and edit history.

Every change runs in one transaction. Edits to the translator's English go through the
history table (grouped, so a multi-row change undoes as one; see `workbench.store.history`),
which makes undo/redo survive a restart. Machine translation only ever writes the `mt`
column: it cannot overwrite a translator's text. Bulk writes commit in short chunks
(`workbench.store.bulk`). At rest the project is one file: closing it (and a second of
quiet after a change) checkpoints the write-ahead log into it.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.core.enumeration import ORDER_WARNING_PREFIX, find_enumeration_problems
from workbench.core.errors import (
    ProjectBusyError,
    ProjectError,
    ProjectReadOnlyError,
    WorkbenchError,
)
from workbench.core.segments import CleanDocument, Document, Paragraph, Sentence, Status
from workbench.core.sentence_edits import SentenceText
from workbench.store.bulk import delete_in_chunks, run_in_chunks, write_in_chunks, writer_alive
from workbench.store.connection import OpenedFile, open_connection, side_files
from workbench.store.dbapi import POSTGRESQL, SQLITE, Connection, Row
from workbench.store.errors import database_error
from workbench.store.history import (
    begin_group,
    can_replay,
    clear_redo,
    group_was_undone,
    latest_group,
    overtaken,
    record_change,
    record_changes,
    record_sentences,
    recorded_rows,
    replay_part,
)
from workbench.store.limits import BulkLimits
from workbench.store.rows import (
    PARAGRAPH_COLUMNS,
    derive_status,
    document_from_row,
    now_iso,
    paragraph_from_row,
    paragraph_rows,
    sentence_from_row,
)
from workbench.store.sentence_rows import read_sentence_list
from workbench.store.server import (
    ChangeListener,
    OpenedServer,
    ServerAddress,
    is_server_url,
    open_server,
)

DEFAULT_PROJECT_NAME = "workbench.sqlite"
USER_ENV = "WORKBENCH_USER"  # who makes the changes (set by the global --user)
IDLE_CHECKPOINT_SECONDS = 1.0  # after the last commit, copy the log into the project file
_IDS_PER_QUERY = 500  # host parameters per query, well below SQLite's limit
# Documents still being written (in chunks) are invisible until their last chunk is in.
_COMPLETE_DOCUMENTS = "SELECT id FROM documents WHERE import_pid IS NULL"


def current_user() -> str:
    """Who is making changes: `$WORKBENCH_USER` (the global `--user`), else the OS user."""
    name = os.environ.get(USER_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return f"uid {os.getuid()}"


# Where a project lives: a SQLite file, or a database on a PostgreSQL server.
ProjectLocation = Path | ServerAddress


def project_location(value: str | Path | ServerAddress) -> ProjectLocation:
    """The location `value` names: a `postgresql://` URL is a server, anything else a file."""
    if isinstance(value, str) and is_server_url(value):
        return ServerAddress(value)
    return value if isinstance(value, ServerAddress) else Path(value)


class ConflictError(WorkbenchError):
    """The paragraph changed since the editor loaded it; nothing was written."""


@dataclass(frozen=True)
class TargetEdit:
    """One translator's text to save in a bulk write (`Project.set_targets`)."""

    paragraph_id: int
    text: str | None  # empty or None clears the English
    expected: str | None  # the English the edit was decided on; other English there: conflict


@dataclass(frozen=True)
class BulkEditResult:
    written: tuple[int, ...]  # paragraphs whose English changed
    conflicts: tuple[int, ...]  # paragraphs changed (or removed) elsewhere meanwhile: left alone


class Project:
    """An open project. Thread-safe: one connection guarded by a lock."""

    def __init__(
        self,
        conn: Connection,
        path: ProjectLocation,
        *,
        read_only: bool = False,
        why_read_only: str = "",
    ) -> None:
        self._conn = conn
        self.read_only = read_only
        self.why_read_only = why_read_only  # why it opened read-only ("" if asked for)
        self._lock = threading.RLock()
        self._depth = 0
        self._in_group = False  # inside grouped(): one undo step for many changes
        self._group: int | None = None  # that step's number, taken at its first change
        self._closed = False
        self._checkpoint_timer: threading.Timer | None = None
        self._opened: OpenedFile | OpenedServer | None = None
        self.dialect: str = getattr(conn, "dialect", SQLITE)
        self.remove_if_unused = False
        self.bulk_limits = BulkLimits.from_environment()
        self.user = current_user()  # the author of this connection's changes
        self.path = path

    # -- opening and closing ----------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | ServerAddress,
        *,
        create: bool = True,
        read_only: bool = False,
        remove_if_unused: bool = False,
    ) -> Project:
        """Open (or create) the project. `read_only` opens without writing a byte: no
        migration, no journal-mode switch; every write then raises ProjectReadOnlyError. A
        project whose file or folder cannot be written opens read-only by itself.

        Nothing is written to a file that is not a workbench project, or one of a newer
        schema: they are refused untouched. `remove_if_unused`: a project this call
        creates is deleted again at close if it still holds nothing (a failed command
        leaves no empty project behind)."""
        location = project_location(path)
        opened: OpenedFile | OpenedServer
        if isinstance(location, ServerAddress):
            opened = open_server(location, create=create and not read_only, read_only=read_only)
        else:
            opened = open_connection(location, create=create and not read_only, read_only=read_only)
        project = cls(
            opened.conn,
            location,
            read_only=opened.read_only,
            why_read_only=getattr(opened, "why_read_only", ""),
        )
        project._opened = opened
        project.remove_if_unused = remove_if_unused
        return project

    @property
    def on_server(self) -> bool:
        """Whether the project lives on a PostgreSQL server (not in a SQLite file)."""
        return self.dialect == POSTGRESQL

    @property
    def created(self) -> bool:
        """Whether opening made the project file."""
        return self._opened is not None and self._opened.created

    def close(self) -> None:
        """Close the connection, the write-ahead log checkpointed into the file first."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._checkpoint_timer is not None:
                self._checkpoint_timer.cancel()
            # A server database is the administrator's: it stays, schema and all.
            discard = (
                not self.on_server and self.created and self.remove_if_unused and self._unused()
            )
            if not self.read_only and not self.on_server:
                self._checkpoint()
            self._conn.close()
        if discard:
            self._discard()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def checkpoint(self) -> None:
        """Copy what the write-ahead log holds into the project file, as far as other
        programs reading it allow (never waits for them)."""
        with self._lock:
            if not self._closed and not self.read_only and not self.on_server:
                self._checkpoint()

    def _checkpoint(self) -> None:
        try:
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            # Upkeep only: the rows are safe in the log, and the next checkpoint (at the
            # latest, SQLite's own when the last connection closes) copies them.
            return

    def _schedule_checkpoint(self) -> None:
        if self.on_server or (
            self._checkpoint_timer is not None and self._checkpoint_timer.is_alive()
        ):
            return
        timer = threading.Timer(IDLE_CHECKPOINT_SECONDS, self.checkpoint)
        timer.daemon = True
        self._checkpoint_timer = timer
        timer.start()

    def _unused(self) -> bool:
        try:
            row = self._conn.execute(
                "SELECT EXISTS (SELECT 1 FROM documents) OR EXISTS (SELECT 1 FROM meta)"
                " OR EXISTS (SELECT 1 FROM memories WHERE kind = 'reference')"
            ).fetchone()
        except sqlite3.Error:
            return False
        return not row[0]

    def _discard(self) -> None:
        """Delete the project this open created, unless another program has it open (its
        -wal is still there: SQLite removes it when the last connection closes)."""
        if not isinstance(self.path, Path):
            return
        if any(side.exists() for side in side_files(self.path)):
            return
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        for folder in self._opened.folders if isinstance(self._opened, OpenedFile) else ():
            with contextlib.suppress(OSError):
                folder.rmdir()

    # -- transactions -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
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
                raise self.read_only_error()
            try:
                # Waits for another writer up to the busy timeout (SQLite retries with
                # growing sleeps), then ProjectBusyError.
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
                self._schedule_checkpoint()
            finally:
                self._depth = 0

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on the project's connection (work joins it)."""
        return self._depth > 0

    def read_only_error(self) -> ProjectReadOnlyError:
        why = self.why_read_only or "opened read-only"
        return ProjectReadOnlyError(
            f"{self.path}: the project is read-only ({why}); nothing was written. "
            "Reading commands (status, export, check) still work"
        )

    def _rollback(self) -> None:
        # After a failed COMMIT (disk full) SQLite may already have rolled back.
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def grouped(self) -> Iterator[None]:
        """Changes made inside (in one transaction) undo and redo as one step."""
        with self.transaction():
            if self._in_group:
                yield
                return
            self._in_group = True
            try:
                yield
            finally:
                self._in_group = False
                self._group = None

    def _group_number(self) -> int:
        """The undo step the change being recorded belongs to; taken at the group's first
        change, so that a save changing nothing keeps the redo chain."""
        if not self._in_group:
            return begin_group(self._conn, self.user)
        if self._group is None:
            self._group = begin_group(self._conn, self.user)
        return self._group

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """The connection for several reads under the project's lock (also read-only);
        SQLite's errors leave as WorkbenchErrors."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise database_error(exc, self.path) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Read rows under the project's lock; for the store's own modules (memory, MT cache)
        that keep their tables in the same file."""
        with self.reading() as conn:
            rows: list[Row] = conn.execute(sql, params).fetchall()
            return rows

    def listen(self, on_change: Callable[[], None]) -> ChangeListener | None:
        """On a server project, call `on_change` (from another thread) whenever a write
        transaction commits, this connection's own included; close the listener returned.
        None on a SQLite file: poll `data_version` instead."""
        if not isinstance(self.path, ServerAddress):
            return None
        return ChangeListener(self.path, on_change)

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

        `sentences[i]` are the sentences of `clean.paragraphs[i]`. A large document is
        written in chunks; nobody sees it until the last one is in, and if the import dies
        midway the next import removes what it wrote.
        """
        if len(sentences) != len(clean.paragraphs):
            raise ValueError("one list of sentences per kept paragraph is required")
        stamp = now_iso()
        blocks = paragraph_rows(clean, sentences)
        meta = clean.metadata
        self._remove_abandoned_documents()
        with self.transaction() as conn:
            existing = conn.execute(
                "SELECT import_pid FROM documents WHERE sha256 = ?", (sha256,)
            ).fetchone()
            if existing is not None and existing["import_pid"] is None:
                raise ProjectError(f"{name} is already in the project")
            if existing is not None:
                raise ProjectBusyError(
                    f"{name} is being imported into {self.path} by another workbench "
                    f"(process {existing['import_pid']}); try again when it has finished"
                )
            cursor = conn.execute(
                "INSERT INTO documents(name, path, sha256, encoding, format, title, meta_source,"
                " meta_date, meta_author, meta_url, warnings, imported_at, import_pid)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    os.getpid(),
                ),
            )
            document_id = int(cursor.lastrowid or 0)

        def write(conn: Connection, part: list[tuple[int, Any]]) -> None:
            for position, (row, its_sentences) in part:
                cursor = conn.execute(
                    "INSERT INTO paragraphs(document_id, position, line_no, kind, source, original,"
                    " changes, included, drop_rule, drop_reason, status, updated_at)"
                    " VALUES (:document_id, :position, :line_no, :kind, :source, :original,"
                    " :changes, :included, :drop_rule, :drop_reason, 'new', :updated_at)",
                    {**row, "document_id": document_id, "position": position, "updated_at": stamp},
                )
                self._insert_sentences(conn, int(cursor.lastrowid or 0), its_sentences)
            # The import is alive: a later import must not take it for a dead one.
            conn.execute(
                "UPDATE documents SET imported_at = ? WHERE id = ?", (now_iso(), document_id)
            )

        try:
            write_in_chunks(self, enumerate(blocks), write, batch=200)
            with self.transaction() as conn:
                conn.execute(
                    "UPDATE documents SET import_pid = NULL, imported_at = ? WHERE id = ?",
                    (stamp, document_id),
                )
        except BaseException:
            if not self._depth:  # inside an outer transaction, its rollback does this
                with contextlib.suppress(WorkbenchError):
                    self._delete_document(document_id)
            raise
        return self.document(document_id)

    def _remove_abandoned_documents(self) -> None:
        """Remove the documents whose import was killed midway (their writer is gone)."""
        rows = self.query(
            "SELECT id, import_pid, imported_at FROM documents WHERE import_pid IS NOT NULL"
        )
        for row in rows:
            # On a server the writer may run on another machine: its heartbeat tells.
            local = not self.on_server
            if not writer_alive(row["import_pid"], row["imported_at"], local=local):
                self._delete_document(int(row["id"]))

    def _delete_document(self, document_id: int) -> None:
        delete_in_chunks(self, "paragraphs", "document_id = ?", (document_id,))
        with self.transaction() as conn:
            conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    @staticmethod
    def _insert_sentences(conn: Connection, paragraph_id: int, sentences: Iterable[str]) -> None:
        conn.executemany(
            "INSERT INTO sentences(paragraph_id, idx, source) VALUES (?, ?, ?)",
            [(paragraph_id, index, text) for index, text in enumerate(sentences)],
        )

    def find_document(self, sha256: str) -> Document | None:
        rows = self.query(
            "SELECT * FROM documents WHERE sha256 = ? AND import_pid IS NULL", (sha256,)
        )
        return document_from_row(rows[0]) if rows else None

    def document(self, document_id: int) -> Document:
        rows = self.query("SELECT * FROM documents WHERE id = ?", (document_id,))
        if not rows:
            raise ProjectError(f"no document {document_id} in {self.path}")
        return document_from_row(rows[0])

    def documents(self) -> list[Document]:
        rows = self.query("SELECT * FROM documents WHERE import_pid IS NULL ORDER BY id")
        return [document_from_row(row) for row in rows]

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
        sql = f"SELECT {PARAGRAPH_COLUMNS} FROM paragraphs WHERE 1 = 1"
        params: list[Any] = []
        if document_id is not None:
            sql += " AND document_id = ?"
            params.append(document_id)
        else:
            sql += f" AND document_id IN ({_COMPLETE_DOCUMENTS})"
        if not include_dropped:
            sql += " AND included = 1"
        sql += " ORDER BY document_id, position"
        return [paragraph_from_row(row) for row in self.query(sql, params)]

    def paragraph(self, paragraph_id: int) -> Paragraph:
        rows = self.query(
            f"SELECT {PARAGRAPH_COLUMNS} FROM paragraphs WHERE id = ?", (paragraph_id,)
        )
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
        else:
            sql += f" AND p.document_id IN ({_COMPLETE_DOCUMENTS})"
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

    def set_note(self, paragraph_id: int, note: str | None) -> Paragraph:
        """The translator's note on the row; empty or None removes it. Undoable."""
        note = note.strip() if note is not None else None
        with self.transaction():
            return self._change(self.paragraph(paragraph_id), {"note": note or None})

    def set_review(self, paragraph_id: int, review: bool) -> Paragraph:
        with self.transaction():
            return self._change(self.paragraph(paragraph_id), {"review": int(review)})

    def move(self, paragraph_id: int, offset: int) -> Paragraph:
        """Move an included paragraph up (offset < 0) or down among its document's paragraphs."""
        with self.grouped():
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
            for paragraph, position in zip(order, positions, strict=True):
                if paragraph.position != position:
                    self._change(paragraph, {"position": position})
            self._recheck_order(current.document_id)
            return self.paragraph(paragraph_id)

    def set_included(self, paragraph_id: int, included: bool) -> Paragraph:
        """Restore a block the cleaner dropped (or drop a paragraph by hand)."""
        with self.transaction():
            current = self.paragraph(paragraph_id)
            if current.included == included:
                return current
            if included:
                self._ensure_sentences(current)
            changed = self._change(current, {"included": int(included)})
            self._recheck_order(current.document_id)
            return changed

    def _ensure_sentences(self, paragraph: Paragraph) -> None:
        if self.sentences(paragraph.id):
            return
        # Imported dropped blocks carry no sentences; split on restore.
        from workbench.core.ingest import split_sentences

        with self.transaction() as conn:
            self._insert_sentences(conn, paragraph.id, split_sentences(paragraph.source))

    def set_sentences(
        self, paragraph_id: int, edit: Callable[[list[SentenceText]], list[SentenceText]]
    ) -> list[Sentence]:
        """Replace a paragraph's source sentences by what `edit` makes of them (a split or
        a join: `workbench.core.sentence_edits`), as one undo step. Sentences `edit` leaves
        as they were keep their rows; the paragraph's own text, English and MT stay."""
        with self.transaction() as conn:
            self.paragraph(paragraph_id)  # a missing paragraph is refused by name
            before = read_sentence_list(conn, paragraph_id)
            wanted = edit([SentenceText(source, mt) for _, source, mt in before])
            old = {(source, mt): sentence_id for sentence_id, source, mt in before}
            after = [[old.pop((s.source, s.mt), None), s.source, s.mt] for s in wanted]
            if [item[1:] for item in after] != [item[1:] for item in before]:
                record_sentences(
                    conn, paragraph_id, before, after, group=self._group_number, author=self.user
                )
            return self.sentences(paragraph_id)

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

    # -- bulk edits (one undo step, committed in chunks) ------------------------------------

    def set_targets(
        self, edits: Iterable[TargetEdit], *, propagated: bool = False
    ) -> BulkEditResult:
        """Save many translator's texts (an import of translations) as ONE undo step,
        written in short transactions (`workbench.store.bulk`) so that other writers wait
        only briefly. An edit whose paragraph no longer holds `expected` is left alone and
        reported as a conflict. Cut short (killed, disk full), it keeps the chunks written:
        each is consistent, and an undo takes them back as one step."""
        written: list[int] = []
        conflicts: list[int] = []
        group: list[int] = []  # the step's number once taken, shared by every chunk

        def number() -> int:
            if self._in_group:
                return self._group_number()
            if not group or group_was_undone(self._conn, group[0]):
                # First chunk, or another program undid our step between chunks: a new step.
                group[:] = [begin_group(self._conn, self.user)]
            else:
                clear_redo(self._conn, self.user)  # something may have been undone meanwhile
            return group[0]

        def write(conn: Connection, part: list[TargetEdit]) -> None:
            current = recorded_rows(conn, [e.paragraph_id for e in part])
            changes: list[tuple[dict[str, Any], dict[str, Any]]] = []
            for edit in part:
                row = current.get(edit.paragraph_id)
                if row is None or row["target"] != edit.expected:
                    conflicts.append(edit.paragraph_id)
                    continue
                target = (edit.text or "").strip() or None
                status = derive_status(target, row["mt"]).value
                values = {"target": target, "status": status, "propagated": int(propagated)}
                changes.append((row, values))
                # A second edit of the same paragraph in this batch sees the first one.
                current[edit.paragraph_id] = {**row, **values}
            written.extend(record_changes(conn, changes, group=number, author=self.user))

        write_in_chunks(self, edits, write)
        return BulkEditResult(tuple(dict.fromkeys(written)), tuple(conflicts))

    def _paragraphs_by_id(self, conn: Connection, ids: Sequence[int]) -> list[Paragraph]:
        found: list[Paragraph] = []
        for start in range(0, len(ids), _IDS_PER_QUERY):
            part = list(ids[start : start + _IDS_PER_QUERY])
            marks = ", ".join("?" * len(part))
            rows = conn.execute(
                f"SELECT {PARAGRAPH_COLUMNS} FROM paragraphs WHERE id IN ({marks})", part
            )
            found += [paragraph_from_row(row) for row in rows]
        return found

    # -- history ----------------------------------------------------------------------------

    def _change(self, current: Paragraph, values: dict[str, Any]) -> Paragraph:
        """Apply column values to a paragraph and record before/after for undo."""
        changed = record_change(
            self._conn, current, values, group=self._group_number, author=self.user
        )
        return self.paragraph(current.id) if changed else current

    def can_undo(self) -> bool:
        with self.reading() as conn:
            return can_replay(conn, undo=True, author=self.user)

    def can_redo(self) -> bool:
        with self.reading() as conn:
            return can_replay(conn, undo=False, author=self.user)

    def undo(self) -> list[Paragraph]:
        """Undo the latest change group; returns the paragraphs it touched (empty if none).
        A large group is taken back over several short transactions."""
        return self._replay(undo=True)

    def redo(self) -> list[Paragraph]:
        return self._replay(undo=False)

    def discard_redo(self) -> None:
        """End this user's redo chain: a step taken back because it was stopped part-way
        must not come back half-done by a redo."""
        with self.transaction() as conn:
            clear_redo(conn, self.user)

    def _replay(self, *, undo: bool) -> list[Paragraph]:
        touched: list[int] = []
        group: list[int] = []
        reorders: list[bool] = []  # the step moves, drops or restores paragraphs

        def step(conn: Connection) -> int:
            if not group:
                found = latest_group(conn, undo=undo, author=self.user)
                if found is None:
                    return 0
                clash = overtaken(conn, found, undo=undo)
                if clash is not None:
                    paragraph_id, author = clash
                    raise ConflictError(
                        f"paragraph #{paragraph_id} was changed by {author} after your change; "
                        f"{'undo' if undo else 'redo'} would write over theirs, so nothing "
                        "was changed (edit the paragraph by hand)"
                    )
                group.append(found)
                reorders.append(_changes_order(conn, found, self.dialect))
            ids = replay_part(conn, group[0], undo=undo, limit=min(500, self.bulk_limits.rows))
            touched.extend(ids)
            return len(ids)

        run_in_chunks(self, step)
        ids = list(dict.fromkeys(touched))
        with self.reading() as conn:
            by_id = {p.id: p for p in self._paragraphs_by_id(conn, ids)}
        documents = {paragraph.document_id for paragraph in by_id.values()}
        if documents and any(reorders):  # an edit of the English leaves the order alone
            with self.transaction():
                for document_id in sorted(documents):
                    self._recheck_order(document_id)
        return [by_id[i] for i in ids if i in by_id]

    # -- derived warnings -------------------------------------------------------------------

    def _recheck_order(self, document_id: int) -> None:
        """Recompute a document's enumeration-order warnings (一是/二是 …) from its kept
        paragraphs as they stand now; called inside the transaction of every change of
        order or of the kept set (move, restore, undo, redo), so a repaired order loses its
        warning. Other import warnings are kept as they are."""
        conn = self._conn
        row = conn.execute("SELECT warnings FROM documents WHERE id = ?", (document_id,))
        found = row.fetchone()
        if found is None:
            return
        kept = [w for w in json.loads(found["warnings"]) if not w.startswith(ORDER_WARNING_PREFIX)]
        sources = conn.execute(
            "SELECT source FROM paragraphs WHERE document_id = ? AND included = 1"
            " ORDER BY position",
            (document_id,),
        )
        problems = find_enumeration_problems([source for (source,) in sources])
        conn.execute(
            "UPDATE documents SET warnings = ? WHERE id = ?",
            (json.dumps(problems + kept, ensure_ascii=False), document_id),
        )


def _changes_order(conn: Connection, group: int, dialect: str = SQLITE) -> bool:
    """Whether an undo step changes paragraphs' positions or which are kept (the order
    warnings then need checking again)."""
    if dialect == POSTGRESQL:
        test = (
            "(after::jsonb -> 'position') IS NOT NULL OR (after::jsonb -> 'included') IS NOT NULL"
        )
    else:
        test = (
            "json_type(after, '$.position') IS NOT NULL"
            " OR json_type(after, '$.included') IS NOT NULL"
        )
    row = conn.execute(
        f"SELECT 1 FROM history WHERE grp = ? AND ({test}) LIMIT 1", (group,)
    ).fetchone()
    return row is not None
