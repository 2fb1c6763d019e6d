"""Schema migrations. The schema version lives in `PRAGMA user_version`, and
`PRAGMA application_id` says the file is a workbench project (set by migration 4). On a
PostgreSQL project both are answered from its `workbench_schema` row
(`workbench.store.server`).

One list for both backends: each migration's SQL is written once, in SQLite's dialect, and
rendered for PostgreSQL by `server.to_postgres` (identity columns, types); where the two
truly differ the PostgreSQL text stands beside SQLite's in `POSTGRES_TEXT`.

Append new migrations at the end; never edit one that has shipped. Each runs in the same
transaction as the version bump, so a crash leaves the project at the old version, intact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.errors import ProjectError
from workbench.store.dbapi import POSTGRESQL, SQLITE, Connection


@dataclass(frozen=True)
class Migration:
    version: int  # the schema version after this migration
    description: str
    apply: Callable[[Connection], None]


def _script(sql: str) -> Callable[[Connection], None]:
    def run(conn: Connection) -> None:
        # executescript would COMMIT the open transaction, so run statement by statement.
        text = sql
        if getattr(conn, "dialect", SQLITE) == POSTGRESQL:
            for sqlite_text, postgres_text in POSTGRES_TEXT:
                text = text.replace(sqlite_text, postgres_text)
        for statement in text.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return run


V1_INITIAL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    encoding TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    meta_source TEXT,
    meta_date TEXT,
    meta_author TEXT,
    meta_url TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    imported_at TEXT NOT NULL
);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    line_no INTEGER NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    original TEXT NOT NULL,
    changes TEXT NOT NULL DEFAULT '[]',
    included INTEGER NOT NULL DEFAULT 1,
    drop_rule TEXT,
    drop_reason TEXT,
    mt TEXT,
    target TEXT,
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'machine', 'edited', 'approved')),
    review INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX paragraphs_by_document ON paragraphs(document_id, position);
CREATE INDEX paragraphs_by_source ON paragraphs(source);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    source TEXT NOT NULL,
    mt TEXT,
    UNIQUE (paragraph_id, idx)
);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    grp INTEGER NOT NULL,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX history_by_group ON history(grp);
"""

# Translation memory: the project's own memory (every edited or approved pair) and named
# reference memories loaded read-only from external TMX files; repetitions filled in from an
# identical paragraph are marked, and so are paragraphs opted out of that.
V2_MEMORY = """
CREATE TABLE memories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('project', 'reference')),
    path TEXT,
    sha256 TEXT,
    loaded_at TEXT NOT NULL
);
CREATE TABLE memory_units (
    id INTEGER PRIMARY KEY,
    memory_id INTEGER NOT NULL REFERENCES memories(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT 'paragraph' CHECK (level IN ('paragraph', 'sentence')),
    paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE SET NULL,
    key TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL,
    UNIQUE (memory_id, source, target)
);
CREATE INDEX memory_units_by_source ON memory_units(source);
CREATE INDEX memory_units_by_paragraph ON memory_units(paragraph_id);
INSERT INTO memories(name, kind, loaded_at) VALUES ('project', 'project', '');
ALTER TABLE paragraphs ADD COLUMN propagated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE paragraphs ADD COLUMN alternative INTEGER NOT NULL DEFAULT 0
"""

# Machine translation cache: one entry per (model, source sentence, constraint signature), so
# re-running costs no MT call and a glossary change re-translates only the sentences whose
# terms changed; and, per sentence, what produced its stored MT and which glossary
# constraints it could not meet (valid while `text` equals sentences.mt).
V3_MT_CACHE = """
CREATE TABLE mt_cache (
    model_id TEXT NOT NULL,
    source TEXT NOT NULL,
    signature TEXT NOT NULL,
    constraints TEXT NOT NULL,
    text TEXT NOT NULL,
    raw TEXT NOT NULL,
    score REAL NOT NULL,
    glossary_version TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (model_id, source, signature)
) WITHOUT ROWID;
CREATE TABLE sentence_mt (
    sentence_id INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    glossary_version TEXT NOT NULL,
    text TEXT NOT NULL,
    unmet TEXT NOT NULL DEFAULT '[]',
    translated_at TEXT NOT NULL
)
"""

# "WBzh": what `PRAGMA application_id` holds in a workbench project (see sqlite.org/fileformat,
# offset 68), so that `file` and the workbench itself tell a project from other SQLite files.
APPLICATION_ID = int.from_bytes(b"WBzh", "big")

# Linear upkeep and bulk writes. History: the redo chain (undone = 1) and the latest group
# are found through an index instead of a scan per change, and deleting a paragraph finds
# its entries by index. Documents and reference memories being written in several
# transactions carry the writer's process id until their last chunk is in: until then
# nobody sees them, and one whose writer died is removed by the next writer.
V4_BULK = f"""
PRAGMA application_id = {APPLICATION_ID};
CREATE INDEX history_by_state ON history(undone, grp);
CREATE INDEX history_by_paragraph ON history(paragraph_id);
ALTER TABLE documents ADD COLUMN import_pid INTEGER;
ALTER TABLE memories ADD COLUMN import_pid INTEGER
"""

# The translator's note on a paragraph (undoable like the other row edits).
V5_NOTES = "ALTER TABLE paragraphs ADD COLUMN note TEXT"

# Where PostgreSQL needs other SQL: a B-tree index entry holds at most about 2,700 bytes,
# and a paragraph or a memory pair may be longer, so long texts are indexed by hash (looked
# up by equality only, as here) and made unique through their md5.
POSTGRES_TEXT: tuple[tuple[str, str], ...] = (
    (
        "CREATE INDEX paragraphs_by_source ON paragraphs(source)",
        "CREATE INDEX paragraphs_by_source ON paragraphs USING hash (source)",
    ),
    (
        "changed_at TEXT NOT NULL,\n    UNIQUE (memory_id, source, target)\n)",
        "changed_at TEXT NOT NULL\n);\n"
        "CREATE UNIQUE INDEX memory_units_unique ON memory_units(memory_id, md5(source),"
        " md5(target))",
    ),
    (
        "CREATE INDEX memory_units_by_source ON memory_units(source)",
        "CREATE INDEX memory_units_by_source ON memory_units USING hash (source)",
    ),
    (
        "created_at TEXT NOT NULL,\n    PRIMARY KEY (model_id, source, signature)\n) WITHOUT ROWID",
        "created_at TEXT NOT NULL\n);\n"
        "CREATE UNIQUE INDEX mt_cache_key ON mt_cache(model_id, md5(source), signature);\n"
        "CREATE INDEX mt_cache_by_source ON mt_cache USING hash (source)",
    ),
)

# Who made each change (the OS user, or `--user`): undo and redo take back only their
# author's changes, and never over a colleague's later change to the same paragraph.
V6_AUTHORS = """
ALTER TABLE history ADD COLUMN author TEXT NOT NULL DEFAULT '';
CREATE INDEX history_by_author ON history(author, undone, grp)
"""

# A team project's glossary, one row per term (`workbench.store.glossary_terms`): on a
# PostgreSQL project every translator edits this one; a SQLite file project leaves it empty
# and uses a glossary file. Variants and forbidden renderings are JSON lists.
V7_GLOSSARY = """
CREATE TABLE glossary_terms (
    source TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    status TEXT NOT NULL,
    variants TEXT NOT NULL DEFAULT '[]',
    forbidden TEXT NOT NULL DEFAULT '[]',
    pos TEXT NOT NULL DEFAULT '',
    case_rule TEXT NOT NULL DEFAULT 'insensitive',
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
)
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, paragraphs, sentences, edit history", _script(V1_INITIAL)),
    Migration(2, "translation memory, propagated and alternative paragraphs", _script(V2_MEMORY)),
    Migration(3, "machine translation cache and per-sentence MT record", _script(V3_MT_CACHE)),
    Migration(
        4,
        "application id, history indexes, documents and memories written in chunks",
        _script(V4_BULK),
    ),
    Migration(5, "notes on paragraphs", _script(V5_NOTES)),
    Migration(6, "the author of each change", _script(V6_AUTHORS)),
    Migration(7, "a team project's glossary in the database", _script(V7_GLOSSARY)),
)

LATEST_VERSION = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, *, target: int = LATEST_VERSION, path: str = "") -> int:
    """Bring the schema up to `target`; returns the number of migrations applied."""
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise ProjectError(
            f"{path or 'the project'} has schema version {version}, newer than this "
            f"workbench understands ({LATEST_VERSION}); upgrade workbench to open it"
        )
    applied = 0
    for migration in MIGRATIONS:
        if version < migration.version <= target:
            conn.execute("BEGIN IMMEDIATE")
            if current_version(conn) >= migration.version:  # another workbench just did it
                conn.execute("COMMIT")
                continue
            try:
                migration.apply(conn)
                conn.execute(f"PRAGMA user_version = {migration.version}")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            applied += 1
    return applied
