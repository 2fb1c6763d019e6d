"""Translation memory matching: exact and fuzzy lookup of Chinese segments, with a diff.

Similarity is character-level (rapidfuzz's normalized Indel ratio), which suits Chinese:
there are no spaces to tokenize on and one changed character is one changed morpheme.
Texts are compared after a light normalization (full-width forms folded, CJK punctuation
mapped to ASCII, whitespace removed, traditional text converted to mainland simplified by
OpenCC, Taiwan phrasing included), so "人工智能, 治理" and "人工智能，治理", 彌合數字鴻溝 and
弥合数字鸿沟, or 推動人工智慧 and 推动人工智能, are an exact match. The diff shown to
the translator is computed on the texts as written.

`MemoryIndex` keeps lookups interactive on large memories: a candidate must pass a length
band and an upper bound on the ratio computed from shared characters (a multiset bound,
so no true match is lost) before rapidfuzz scores it. See benchmarks/tm_lookup.py.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from workbench.core.chinese_script import fold

if TYPE_CHECKING:  # numpy is imported where an index is built: a command that never looks
    # up the memory (`workbench status`, `--help`) starts without it (≈ 130 ms)
    import numpy as np
    import numpy.typing as npt

DEFAULT_THRESHOLD = 75.0
DEFAULT_LIMIT = 5

# Full-width forms fold to ASCII as NFKC would fold them (one table pass is several times
# faster than NFKC, which matters when indexing 100,000 segments); CJK punctuation that
# NFKC leaves alone folds to the ASCII mark with the same role.
_FOLD: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_FOLD.update(
    {
        ord(k): v
        for k, v in {
            "\u3000": " ",
            "。": ".",
            "、": ",",
            "【": "[",
            "】": "]",
            "〔": "(",
            "〕": ")",
            "《": "<",
            "》": ">",
            "〈": "<",
            "〉": ">",
            "「": '"',
            "」": '"',
            "『": '"',
            "』": '"',
            "“": '"',
            "”": '"',
            "‘": "'",
            "’": "'",
            "—": "-",
            "–": "-",
            "…": "...",
            "·": ".",
            "・": ".",
        }.items()
    }
)


def normalize(text: str) -> str:
    """The form texts are compared in: width folded, punctuation unified, no whitespace,
    traditional text in mainland simplified (simplified text keeps its characters)."""
    folded = text.translate(_FOLD)
    if not unicodedata.is_normalized("NFKC", folded):  # rare: other compatibility forms
        folded = unicodedata.normalize("NFKC", folded)
    return fold("".join(folded.lower().split()))


@dataclass(frozen=True)
class MemoryUnit:
    """A Chinese/English pair held in a memory."""

    source: str
    target: str
    origin: str = "project"  # "project" or the name of a reference memory (an external TMX)
    id: int = 0  # row id in the store, 0 when not stored
    key: str = ""  # where the pair came from: a unit key or a TMX tuid
    paragraph_id: int | None = None  # project memory: the paragraph the pair was taken from
    changed_at: str = ""  # ISO 8601


class DiffKind(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"  # in the segment being translated, not in the memory's source
    DELETE = "delete"  # in the memory's source, not in the segment
    REPLACE = "replace"


@dataclass(frozen=True)
class DiffSpan:
    """One stretch of the comparison: memory source [mem_start:mem_end] vs segment [start:end]."""

    kind: DiffKind
    mem_start: int
    mem_end: int
    start: int
    end: int


@dataclass(frozen=True)
class SourceDiff:
    """How a memory unit's Chinese differs from the segment being translated."""

    memory_source: str
    segment: str
    spans: tuple[DiffSpan, ...]

    @property
    def changes(self) -> tuple[DiffSpan, ...]:
        return tuple(s for s in self.spans if s.kind is not DiffKind.EQUAL)

    def render(self) -> str:
        """Plain text with markers: the memory's text in [-…-], the segment's in {+…+}."""
        parts: list[str] = []
        for span in self.spans:
            old = self.memory_source[span.mem_start : span.mem_end]
            new = self.segment[span.start : span.end]
            if span.kind is DiffKind.EQUAL:
                parts.append(new)
                continue
            if old:
                parts.append(f"[-{old}-]")
            if new:
                parts.append(f"{{+{new}+}}")
        return "".join(parts)


@dataclass(frozen=True)
class TmMatch:
    """A memory unit proposed for a segment, with its similarity and the source diff."""

    unit: MemoryUnit
    score: float  # 0-100; 100 only for an exact match
    exact: bool
    diff: SourceDiff

    @property
    def percent(self) -> int:
        """The score as a whole percentage, rounded down: 99.6 is 99%, never 100%, which
        only sources identical after normalization get."""
        return 100 if self.exact or self.score >= 100 else min(99, math.floor(self.score))


def percent(match: TmMatch) -> str:
    """The score as shown: `100%` only for sources identical after normalisation; other
    scores are cut, never rounded up (99.9 is `99%`, not a `100%` that hides a difference)."""
    return f"{match.percent}%"


def similarity(a: str, b: str) -> float:
    """Similarity of two Chinese texts, 0-100; 100 means equal after normalization."""
    na, nb = normalize(a), normalize(b)
    if na == nb:
        return 100.0
    return _cap(fuzz.ratio(na, nb))


def _cap(score: float) -> float:
    # Rounding can print 100 for texts that differ; only an exact match may claim 100.
    return min(round(score, 1), 99.9)


def diff_sources(memory_source: str, segment: str, *, merge_gap: int = 1) -> SourceDiff:
    """Character-level diff; equal runs of `merge_gap` characters or fewer between two
    changes are absorbed into them, since one shared character in the middle of a changed
    Chinese phrase is noise to a reader."""
    raw = [
        DiffSpan(DiffKind(op.tag), op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Levenshtein.opcodes(memory_source, segment)
    ]
    merged: list[DiffSpan] = []
    for index, span in enumerate(raw):
        inner = 0 < index < len(raw) - 1
        if span.kind is DiffKind.EQUAL and inner and (span.end - span.start) <= merge_gap:
            span = DiffSpan(DiffKind.REPLACE, span.mem_start, span.mem_end, span.start, span.end)
        if merged and span.kind is not DiffKind.EQUAL and merged[-1].kind is not DiffKind.EQUAL:
            last = merged.pop()
            span = DiffSpan(
                _combined_kind(last, span), last.mem_start, span.mem_end, last.start, span.end
            )
        merged.append(span)
    return SourceDiff(memory_source=memory_source, segment=segment, spans=tuple(merged))


def _combined_kind(a: DiffSpan, b: DiffSpan) -> DiffKind:
    has_old = (a.mem_end - a.mem_start) + (b.mem_end - b.mem_start) > 0
    has_new = (a.end - a.start) + (b.end - b.start) > 0
    if has_old and has_new:
        return DiffKind.REPLACE
    return DiffKind.DELETE if has_old else DiffKind.INSERT


def match(
    unit: MemoryUnit, segment: str, *, threshold: float = DEFAULT_THRESHOLD
) -> TmMatch | None:
    """Score one unit against a segment; None below the threshold."""
    score = similarity(unit.source, segment)
    if score < threshold:
        return None
    return TmMatch(unit, score, score == 100.0, diff_sources(unit.source, segment))


class MemoryIndex:
    """Units searchable by exact and fuzzy source match.

    Units added after the last build sit in a small pending list that is scanned directly;
    the arrays are rebuilt when it grows, so adding one unit while translating is cheap.
    """

    REBUILD_AFTER = 2000

    def __init__(self, units: Iterable[MemoryUnit] = ()) -> None:
        import numpy as np

        self._units: list[MemoryUnit] = []
        self._norm: list[str] = []
        self._exact: dict[str, list[int]] = {}
        self._built = 0  # units [0, _built) are in the arrays
        self._lengths: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._postings: dict[int, tuple[int, int]] = {}  # code point -> slice of the arrays
        self._post_units: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._post_counts: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._add(units)
        self._build()

    def __len__(self) -> int:
        return len(self._units)

    @property
    def units(self) -> Sequence[MemoryUnit]:
        return self._units

    def add(self, unit: MemoryUnit) -> None:
        self.extend((unit,))

    def extend(self, units: Iterable[MemoryUnit]) -> None:
        self._add(units)
        if len(self._units) - self._built > self.REBUILD_AFTER:
            self._build()

    def _add(self, units: Iterable[MemoryUnit]) -> None:
        for unit in units:
            norm = normalize(unit.source)
            self._exact.setdefault(norm, []).append(len(self._units))
            self._units.append(unit)
            self._norm.append(norm)

    def _build(self) -> None:
        """Per-character postings (unit, count), sorted by code point, built with numpy."""
        import numpy as np

        texts = self._norm
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        self._lengths = lengths
        self._built = len(texts)
        if not texts or not lengths.sum():
            self._postings = {}
            return
        points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        owners = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        keys, counts = np.unique(points * len(texts) + owners, return_counts=True)
        key_points = keys // len(texts)
        self._post_units = keys % len(texts)
        self._post_counts = counts.astype(np.int64)
        starts = np.flatnonzero(np.r_[True, key_points[1:] != key_points[:-1]])
        ends = np.r_[starts[1:], len(keys)]
        self._postings = {
            int(key_points[s]): (int(s), int(e)) for s, e in zip(starts, ends, strict=True)
        }

    def lookup(
        self,
        segment: str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
        skip: Callable[[MemoryUnit], bool] | None = None,
    ) -> list[TmMatch]:
        """Best matches first (exact ones, then the project's own memory, on top).

        `skip` leaves units out, e.g. those taken from the paragraph being translated.
        """
        query = normalize(segment)
        if not query:
            return []
        scored: dict[int, float] = {i: 100.0 for i in self._exact.get(query, ())}
        for index in self._candidates(query, threshold):
            if index in scored:
                continue
            score = fuzz.ratio(query, self._norm[index], score_cutoff=threshold)
            if score:
                scored[index] = _cap(score)
        pending = range(self._built, len(self._units))
        for index in pending:
            if index not in scored:
                score = fuzz.ratio(query, self._norm[index], score_cutoff=threshold)
                if score:
                    scored[index] = _cap(score)
        ranked = sorted(
            (i for i in scored if skip is None or not skip(self._units[i])),
            key=lambda i: (-scored[i], self._units[i].origin != "project", i),
        )
        return [
            TmMatch(
                self._units[i],
                scored[i],
                scored[i] == 100.0,
                diff_sources(self._units[i].source, segment),
            )
            for i in ranked[:limit]
        ]

    def _candidates(self, query: str, threshold: float) -> npt.NDArray[np.int64]:
        """Built units that may reach the threshold.

        ratio = 2·LCS / (len_a + len_b), and the LCS is at most the number of characters the
        two texts share (as multisets); both bounds are exact, so no match is lost.
        """
        import numpy as np

        if not self._built:
            return np.zeros(0, dtype=np.int64)
        t = threshold / 100.0
        size = len(query)
        shared = np.zeros(self._built, dtype=np.int64)
        for point, wanted in _char_counts(query).items():
            where = self._postings.get(point)
            if where is None:
                continue
            start, end = where
            units = self._post_units[start:end]
            shared[units] += np.minimum(self._post_counts[start:end], wanted)
        lengths = self._lengths
        possible = 2 * shared >= t * (size + lengths) - 1e-9
        if t > 0:
            possible &= lengths >= np.floor(size * t / (2 - t))
            possible &= lengths <= np.ceil(size * (2 - t) / t)
        return np.flatnonzero(possible)


def _char_counts(text: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for char in text:
        counts[ord(char)] = counts.get(ord(char), 0) + 1
    return counts


def best_matches(
    units: Iterable[MemoryUnit],
    segment: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
) -> list[TmMatch]:
    """Linear scan without an index (for a handful of units, and as the reference in tests)."""
    pool = list(units)
    query = normalize(segment)
    found = process.extract(
        query,
        [normalize(u.source) for u in pool],
        scorer=fuzz.ratio,
        score_cutoff=threshold,
        limit=None,
    )
    results = []
    for _, score, index in found:
        unit = pool[index]
        exact = normalize(unit.source) == query
        results.append(
            TmMatch(
                unit, 100.0 if exact else _cap(score), exact, diff_sources(unit.source, segment)
            )
        )
    results.sort(key=lambda m: (-m.score, m.unit.origin != "project"))
    return results[:limit]
