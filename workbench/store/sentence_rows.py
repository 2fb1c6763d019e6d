"""A paragraph's sentence rows as one list, read and rewritten for splits, joins and their
undo (the history records the list before and after as JSON: `workbench.store.history`).

A list is `[[id, source, mt], ...]` in sentence order; `id` is None for a row to create.
Rewriting keeps the rows whose id is still in the list (and so their per-sentence MT
records, `sentence_mt`), deletes the others and inserts the new ones. Plain SQL only.
"""

from __future__ import annotations

from typing import Any

from workbench.store.dbapi import Connection

SentenceList = list[list[Any]]


def read_sentence_list(conn: Connection, paragraph_id: int) -> SentenceList:
    rows = conn.execute(
        "SELECT id, source, mt FROM sentences WHERE paragraph_id = ? ORDER BY idx",
        (paragraph_id,),
    )
    return [[int(row["id"]), row["source"], row["mt"]] for row in rows]


def write_sentence_list(conn: Connection, paragraph_id: int, wanted: SentenceList) -> SentenceList:
    """Make the paragraph's sentences `wanted` (ids not among its rows are created anew,
    as after a redo re-made a row); returns the list as stored, with the ids."""
    existing = {item[0] for item in read_sentence_list(conn, paragraph_id)}
    keep = {item[0] for item in wanted if item[0] in existing}
    conn.executemany("DELETE FROM sentences WHERE id = ?", [(i,) for i in sorted(existing - keep)])
    # Out of the way first: (paragraph_id, idx) is unique, checked row by row.
    conn.execute("UPDATE sentences SET idx = -1 - idx WHERE paragraph_id = ?", (paragraph_id,))
    for index, (sentence_id, source, mt) in enumerate(wanted):
        if sentence_id in keep:
            conn.execute(
                "UPDATE sentences SET idx = ?, source = ?, mt = ? WHERE id = ?",
                (index, source, mt, sentence_id),
            )
        else:
            conn.execute(
                "INSERT INTO sentences(paragraph_id, idx, source, mt) VALUES (?, ?, ?, ?)",
                (paragraph_id, index, source, mt),
            )
    return read_sentence_list(conn, paragraph_id)
