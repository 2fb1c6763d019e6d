"""The machine translation cache and the record of each sentence's MT (tables `mt_cache`,
`sentence_mt`, migration 3).

A cache entry is keyed by the model (`Translator.model_id`), the source sentence and a
*constraint signature*: a hash of the glossary terms that apply to that sentence and of how
they were enforced. A glossary change therefore invalidates only the entries of sentences
whose terms changed; another model invalidates everything. The glossary version is stored
for information only.

The sentence record says which model and signature produced the MT a sentence holds and
which glossary constraints it does not meet. It describes `sentences.mt` only while its
`text` equals it: MT written by another path leaves a record that no longer applies, and
such records are ignored rather than trusted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.store.project import Project
from workbench.store.rows import now_iso

_CHUNK = 500  # host parameters per query, well below SQLite's limit


@dataclass(frozen=True)
class CachedTranslation:
    """What the engine produced for one source sentence under one signature."""

    source: str
    signature: str
    text: str  # the English to use (glossary enforced unless the signature says otherwise)
    raw: str  # the model's own best translation
    score: float
    constraints: str = ""  # the JSON the signature is a hash of, kept for inspection
    glossary_version: str = ""


@dataclass(frozen=True)
class UnmetTerm:
    """A glossary constraint that a sentence's machine translation does not meet."""

    source: str  # the Chinese term
    target: str  # its approved rendering
    problem: str  # "missing" or "forbidden" (workbench.core.glossary.TermProblem values)
    found: str = ""  # for "forbidden": the English as it stands


@dataclass(frozen=True)
class SentenceRecord:
    """Where the machine translation a sentence holds came from."""

    sentence_id: int
    paragraph_id: int
    index: int  # the sentence's position in its paragraph, from 0
    model_id: str
    signature: str
    glossary_version: str
    text: str
    unmet: tuple[UnmetTerm, ...]
    translated_at: str


class MtCache:
    """The cache and sentence records of one open project."""

    def __init__(self, project: Project) -> None:
        self.project = project

    # -- cache ------------------------------------------------------------------------------

    def lookup(
        self, model_id: str, keys: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], CachedTranslation]:
        """Cached translations by (source, signature) for the keys that have one."""
        wanted = list(dict.fromkeys(keys))
        found: dict[tuple[str, str], CachedTranslation] = {}
        with self.project.reading() as conn:
            for key in wanted:
                row = conn.execute(
                    "SELECT * FROM mt_cache WHERE model_id = ? AND source = ? AND signature = ?",
                    (model_id, *key),
                ).fetchone()
                if row is not None:
                    found[key] = CachedTranslation(
                        source=row["source"],
                        signature=row["signature"],
                        text=row["text"],
                        raw=row["raw"],
                        score=float(row["score"]),
                        constraints=row["constraints"],
                        glossary_version=row["glossary_version"],
                    )
        return found

    def put(self, model_id: str, entries: Iterable[CachedTranslation]) -> None:
        """Store entries; an entry with the same key is replaced."""
        stamp = now_iso()
        with self.project.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO mt_cache(model_id, source, signature, constraints, text,"
                " raw, score, glossary_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        model_id,
                        e.source,
                        e.signature,
                        e.constraints,
                        e.text,
                        e.raw,
                        e.score,
                        e.glossary_version,
                        stamp,
                    )
                    for e in entries
                ],
            )

    def size(self, model_id: str | None = None) -> int:
        with self.project.reading() as conn:
            if model_id is None:
                row = conn.execute("SELECT COUNT(*) FROM mt_cache").fetchone()
            else:
                row = conn.execute(
                    "SELECT COUNT(*) FROM mt_cache WHERE model_id = ?", (model_id,)
                ).fetchone()
        return int(row[0])

    def prune(self, model_id: str, keep: Iterable[tuple[str, str]]) -> int:
        """Delete every entry but those of `model_id` under the (source, signature) keys in
        `keep`; the number deleted."""
        with self.project.transaction() as conn:
            if self.project.on_server:
                # No key: a B-tree entry cannot hold a long sentence; the anti-join hashes.
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS mt_keep(source TEXT, signature TEXT)")
            else:
                conn.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS mt_keep(source TEXT, signature TEXT,"
                    " PRIMARY KEY (source, signature)) WITHOUT ROWID"
                )
            conn.execute("DELETE FROM mt_keep")
            conn.executemany("INSERT OR IGNORE INTO mt_keep VALUES (?, ?)", keep)
            deleted = conn.execute(
                "DELETE FROM mt_cache WHERE model_id != ? OR NOT EXISTS (SELECT 1 FROM mt_keep k"
                " WHERE k.source = mt_cache.source AND k.signature = mt_cache.signature)",
                (model_id,),
            ).rowcount
            conn.execute("DELETE FROM mt_keep")
        return int(deleted)

    # -- sentence records -------------------------------------------------------------------

    def record(
        self,
        sentence_id: int,
        *,
        model_id: str,
        signature: str,
        glossary_version: str,
        text: str,
        unmet: Sequence[UnmetTerm],
    ) -> None:
        """Say where a sentence's MT came from; call in the transaction that writes it."""
        payload = json.dumps(
            [[u.source, u.target, u.problem, u.found] for u in unmet], ensure_ascii=False
        )
        with self.project.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO sentence_mt(sentence_id, model_id, signature,"
                " glossary_version, text, unmet, translated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (sentence_id, model_id, signature, glossary_version, text, payload, now_iso()),
            )

    def records(self, paragraph_ids: Iterable[int]) -> dict[int, SentenceRecord]:
        """Valid records (the sentence still holds the MT they describe) by sentence id."""
        ids = list(dict.fromkeys(paragraph_ids))
        found: dict[int, SentenceRecord] = {}
        with self.project.reading() as conn:
            for start in range(0, len(ids), _CHUNK):
                part = ids[start : start + _CHUNK]
                marks = ", ".join("?" * len(part))
                rows = conn.execute(
                    "SELECT r.*, s.paragraph_id, s.idx FROM sentence_mt r"
                    " JOIN sentences s ON s.id = r.sentence_id"
                    f" WHERE s.paragraph_id IN ({marks}) AND s.mt IS r.text",
                    part,
                ).fetchall()
                for row in rows:
                    found[int(row["sentence_id"])] = SentenceRecord(
                        sentence_id=int(row["sentence_id"]),
                        paragraph_id=int(row["paragraph_id"]),
                        index=int(row["idx"]),
                        model_id=row["model_id"],
                        signature=row["signature"],
                        glossary_version=row["glossary_version"],
                        text=row["text"],
                        unmet=_unmet(row["unmet"]),
                        translated_at=row["translated_at"],
                    )
        return found


def _unmet(payload: str) -> tuple[UnmetTerm, ...]:
    return tuple(UnmetTerm(*map(str, item)) for item in json.loads(payload))
