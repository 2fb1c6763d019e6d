"""Bulk writes in short transactions, and what a killed bulk writer leaves behind.

A large write (a 50 MB document, 100,000 imported translations, a reference memory, the
undo of either) is cut into transactions that each last at most `BulkLimits.seconds` (or
`rows` rows), so that another program waiting for the write lock (the editor saving a row)
waits about that long, not minutes. Every transaction leaves the project consistent:

- rows that belong together until the last chunk is in (a document's paragraphs, a
  memory's pairs) hang under a parent row marked with the writer's process id
  (`import_pid`), which every query leaves out until the last chunk clears it; a parent
  whose writer is gone (killed) is removed by the next writer of that kind;
- edits are recorded in the history one by one under one group, so a bulk edit cut short
  keeps what it wrote, and undoes as one step.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from workbench.store.dbapi import Connection
    from workbench.store.project import Project

T = TypeVar("T")

BATCH = 500  # items handed to a writer at once; a transaction holds one or more batches
ABANDONED_AFTER = 600  # seconds without a chunk after which a writer is taken for dead


def run_in_chunks(project: Project, step: Callable[[Connection], int]) -> None:
    """Call `step` until it returns 0, committing whenever the transaction has lasted the
    project's `bulk_limits` and then pausing, lock free, before the next. `step` does one
    batch inside the transaction and returns how many items it handled. Inside an outer
    transaction everything joins it."""
    limits = project.bulk_limits
    finished = False
    first = True
    while not finished:
        if not first and not project.in_transaction:
            # Leave the lock free for a moment: waiting writers poll, they do not queue.
            time.sleep(limits.pause)
        first = False
        with project.transaction() as conn:
            started = time.monotonic()
            rows = 0
            while True:
                handled = step(conn)
                if handled == 0:
                    finished = True
                    break
                rows += handled
                if rows >= limits.rows or time.monotonic() - started >= limits.seconds:
                    break


def write_in_chunks(
    project: Project,
    items: Iterable[T],
    write: Callable[[Connection, list[T]], None],
    *,
    batch: int = BATCH,
) -> None:
    """Hand `items` to `write` in batches, in transactions bounded as `run_in_chunks`."""
    iterator = iter(items)
    size = max(1, min(batch, project.bulk_limits.rows))

    def step(conn: Connection) -> int:
        part = list(islice(iterator, size))
        if part:
            write(conn, part)
        return len(part)

    run_in_chunks(project, step)


def delete_in_chunks(project: Project, table: str, where: str, params: tuple[object, ...]) -> None:
    """DELETE FROM `table` WHERE `where` (cascades included) over several transactions."""

    def step(conn: Connection) -> int:
        cursor = conn.execute(
            f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} WHERE {where} LIMIT {BATCH})",
            params,
        )
        return int(cursor.rowcount)

    run_in_chunks(project, step)


def writer_alive(pid: int | None, heartbeat: str, *, local: bool = True) -> bool:
    """Whether the writer that marked a parent row with `pid` may still be writing: its
    process exists and it wrote a chunk (`heartbeat`, an ISO time) not long ago. Not
    `local` (a server project, written from several machines) the heartbeat alone tells."""
    if pid is None:
        return False
    try:
        last = datetime.fromisoformat(heartbeat)
    except ValueError:
        return False
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    if (datetime.now(UTC) - last).total_seconds() > ABANDONED_AFTER:
        return False
    if pid == os.getpid() or not local:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True
