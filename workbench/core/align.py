"""Sentence alignment of a Chinese text and its published English version (pure).

The standard dynamic programme over the two sentence sequences (Gale and Church 1993), with
lexical anchors added to the length score as hunalign does. Both texts are flattened into
sentences in document order; the paragraphs stay as a signal, so a paragraph split
differently on each side costs little while links that start paragraphs on both sides are
favoured.

A link joins 1:1, 1:2, 2:1, 1:3, 3:1 sentences, or leaves one out (1:0, a sentence left
untranslated; 0:1, a translator's line or page junk with no Chinese). Its cost is the sum of

- the move's prior (-ln p: 1:1 is by far the commonest, leaving a sentence out the rarest);
- the length cost: -ln P(|δ|) with δ = (en − c·zh) / sqrt(s²·mean), where c (English
  characters per Chinese character) is the ratio of the two texts' totals and s² is estimated
  from the confident 1:1 links of a first pass (the data decides, not a constant);
- minus a bonus for shared anchors (numbers and dates, codes, glossary terms, enumeration
  markers, question marks: `align_signals`) and plus a cost for anchors on one side only;
- minus a bonus for CC-CEDICT overlap: the share of Chinese words whose dictionary senses
  meet a word of the English, and of English content words met by a sense;
- paragraph starts: a bonus when the link opens a paragraph on both sides, a cost for a link
  that runs across a paragraph end on one side.

The search stays in a band, so its time grows with the number of sentences, not with its
square: a coarse pass (1:1 links and left-out sentences only) around the diagonal the
lengths predict, its band doubled while the path runs along its edge; then the fine pass
with every kind of link a few sentences either side of the coarse path.

Each link gets a confidence in [0, 1] from the same evidence (how well the lengths fit, the
dictionary overlap, the anchors shared); a left-out sentence gets 0.5 (worth a look).
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from workbench.core.align_signals import SentenceSignals

# (Chinese sentences, English sentences) → prior probability of such a link.
_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.85,
    (1, 2): 0.05,
    (2, 1): 0.05,
    (1, 0): 0.01,
    (0, 1): 0.01,
    (1, 3): 0.01,
    (3, 1): 0.01,
}
MOVES: dict[tuple[int, int], float] = {move: -math.log(p) for move, p in _PRIORS.items()}
COARSE_MOVES = {move: MOVES[move] for move in ((1, 1), (1, 0), (0, 1))}
ANCHOR_BONUS = 2.5  # per anchor both sides share
ANCHOR_COST = 1.0  # per anchor on one side only
LEXICAL_BONUS = 8.0  # times the dictionary overlap (0–1)
UNMET_WORD_COST = 0.25  # per word the dictionary finds no counterpart for, either side
WEAK_MEMBER_COST = 3.0  # a joined sentence with no dictionary tie to the other side
WELL_TIED = 0.3  # the overlap from which a joined sentence costs nothing
PARAGRAPH_BONUS = 1.0  # the link opens a paragraph on both sides
CROSSING_COST = 1.5  # per paragraph end inside the link, on either side
MAX_LENGTH_COST = 25.0
LEFT_OUT_CONFIDENCE = 0.5
MIN_BAND = 32  # sentences either side of the predicted diagonal (widened when needed)
MAX_BAND = 256  # no wider: texts that far apart are not translations of each other
SECOND_BAND = 4  # either side of the first pass's path
EDGE = 2  # a path this close to the band's edge may have been cut off by it


@dataclass(frozen=True)
class AlignSentence:
    """One sentence of one side, with what the aligner compares."""

    text: str
    paragraph: int  # 0-based paragraph of its document
    starts_paragraph: bool
    signals: SentenceSignals


@dataclass(frozen=True)
class Link:
    """Chinese sentences and the English sentences that translate them (either may be empty)."""

    zh: tuple[int, ...]  # indexes into the Chinese sentences, consecutive
    en: tuple[int, ...]
    confidence: float  # 0–1

    @property
    def kind(self) -> str:
        return f"{len(self.zh)}:{len(self.en)}"


@dataclass(frozen=True)
class LengthModel:
    """English characters per Chinese character (c) and the variance of the fit (s²)."""

    ratio: float
    variance: float


def estimate_ratio(zh: Sequence[AlignSentence], en: Sequence[AlignSentence]) -> LengthModel:
    """c from the totals; s² from a rule of thumb (4·c) until a first pass refines it."""
    total_zh = sum(s.signals.length for s in zh) or 1
    total_en = sum(s.signals.length for s in en) or 1
    ratio = total_en / total_zh
    return LengthModel(ratio, 4.0 * ratio)


def align(
    zh: Sequence[AlignSentence],
    en: Sequence[AlignSentence],
    *,
    model: LengthModel | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Link]:
    """Align the two sentence sequences.

    A coarse pass (1:1 links and single sentences left out only, cheap) in a wide band
    finds the path's neighbourhood; s² is re-estimated from its confident 1:1 links; the
    fine pass, with every kind of link, searches near that path only."""
    first_model = model or estimate_ratio(zh, en)
    coarse_aligner = _Aligner(zh, en, first_model)
    coarse = coarse_aligner.run(progress, moves=COARSE_MOVES)
    final_model = model or _refined(zh, en, coarse, first_model)
    fine = coarse_aligner if final_model == first_model else _Aligner(zh, en, final_model)
    return fine.run(None, _centres(coarse, len(zh)), SECOND_BAND)


def _centres(links: Sequence[Link], n: int) -> list[float]:
    """For each Chinese position, the English position a path of `links` reaches there."""
    centres = [0.0] * (n + 1)
    for link in links:
        for i in link.zh:
            centres[i + 1] = float(link.en[-1] + 1) if link.en else centres[i]
    for i in range(1, n + 1):
        centres[i] = max(centres[i], centres[i - 1])
    return centres


def _refined(
    zh: Sequence[AlignSentence],
    en: Sequence[AlignSentence],
    links: Sequence[Link],
    model: LengthModel,
) -> LengthModel:
    pairs = [
        (zh[link.zh[0]].signals.length, en[link.en[0]].signals.length)
        for link in links
        if link.kind == "1:1" and link.confidence >= 0.6
    ]
    if len(pairs) < 10:
        return model
    ratio = sum(e for _, e in pairs) / (sum(z for z, _ in pairs) or 1)
    spread = sum((e - ratio * z) ** 2 / ((z + e / ratio) / 2 or 1) for z, e in pairs) / len(pairs)
    variance = min(max(spread, 2.0 * ratio), 8.0 * ratio)
    return LengthModel(ratio, variance)


def length_cost(zh_length: int, en_length: int, model: LengthModel) -> float:
    """-ln of the probability of a length difference at least this large (Gale–Church)."""
    mean = (zh_length + en_length / model.ratio) / 2
    if mean <= 0:
        return 0.0
    delta = abs(en_length - model.ratio * zh_length) / math.sqrt(model.variance * mean)
    tail = math.erfc(delta / math.sqrt(2))  # 2·(1 − Φ(δ))
    return min(MAX_LENGTH_COST, -math.log(tail)) if tail > 0 else MAX_LENGTH_COST


class _Aligner:
    def __init__(
        self, zh: Sequence[AlignSentence], en: Sequence[AlignSentence], model: LengthModel
    ) -> None:
        self.zh, self.en, self.model = zh, en, model
        self.zh_total = [0]
        for sentence in zh:
            self.zh_total.append(self.zh_total[-1] + sentence.signals.length)
        self.en_total = [0]
        for sentence in en:
            self.en_total.append(self.en_total[-1] + sentence.signals.length)
        # Paragraph starts counted so far: the ends a link runs across are a difference.
        self.zh_starts = list(itertools.accumulate(s.starts_paragraph for s in zh))
        self.en_starts = list(itertools.accumulate(s.starts_paragraph for s in en))
        self.table = LexicalTable(zh, en)
        self._zh_anchors: dict[tuple[int, int], frozenset[str]] = {}
        self._en_anchors: dict[tuple[int, int], frozenset[str]] = {}

    def run(
        self,
        progress: Callable[[int, int], None] | None,
        centres: Sequence[float] | None = None,
        width: int = MIN_BAND,
        moves: dict[tuple[int, int], float] = MOVES,
    ) -> list[Link]:
        """The best path within `width` sentences of `centres` (default: the diagonal the
        lengths predict); the band doubles while the path runs along its edge, up to
        MAX_BAND (so that two unrelated texts cost time in proportion to their length)."""
        n, m = len(self.zh), len(self.en)
        if centres is None:
            total = self.zh_total[-1] or 1
            centres = [self.zh_total[i] / total * m for i in range(n + 1)]
        while True:
            low, high = self._band(centres, width)
            back = self._search(low, high, moves, progress)
            path = self._path(back, n, m)
            if width >= min(m, MAX_BAND) or not _touches(path, low, high, m):
                return self._links(path)
            width *= 2

    def _search(
        self,
        low: list[int],
        high: list[int],
        move_costs: dict[tuple[int, int], float],
        progress: Callable[[int, int], None] | None,
    ) -> list[dict[int, tuple[int, int]]]:
        n = len(self.zh)
        inf = math.inf
        cost: list[dict[int, float]] = [{} for _ in range(n + 1)]
        back: list[dict[int, tuple[int, int]]] = [{} for _ in range(n + 1)]
        cost[0][0] = 0.0
        moves = list(move_costs.items())
        for i in range(n + 1):
            row = cost[i]
            for j in range(low[i], high[i] + 1):
                if i == 0 and j == 0:
                    continue
                best, move_taken = inf, (0, 0)
                for (dz, de), prior in moves:
                    pi, pj = i - dz, j - de
                    if pi < 0 or pj < 0:
                        continue
                    before = cost[pi].get(pj)
                    if before is None:
                        continue
                    total = before + prior + self.block_cost(pi, i, pj, j)
                    if total < best:
                        best, move_taken = total, (dz, de)
                if best < inf:
                    row[j] = best
                    back[i][j] = move_taken
            if progress is not None and i % 200 == 0:
                progress(i, n)
        return back

    def _band(self, centres: Sequence[float], width: int) -> tuple[list[int], list[int]]:
        n, m = len(self.zh), len(self.en)
        low = [max(0, math.floor(c) - width) for c in centres]
        high = [min(m, math.ceil(c) + width) for c in centres]
        low[0], high[n] = 0, m
        # Rows must overlap their neighbours, or a path could not get from one to the next.
        for i in range(1, n + 1):
            low[i] = min(low[i], high[i - 1])
        for i in range(n - 1, -1, -1):
            high[i] = max(high[i], low[i + 1])
        return low, high

    def _path(
        self, back: list[dict[int, tuple[int, int]]], n: int, m: int
    ) -> list[tuple[int, int, int, int]]:
        if m not in back[n] and (n, m) != (0, 0):
            raise AssertionError("alignment band does not reach the end")
        steps: list[tuple[int, int, int, int]] = []
        i, j = n, m
        while i > 0 or j > 0:
            dz, de = back[i][j]
            steps.append((i - dz, i, j - de, j))
            i, j = i - dz, j - de
        steps.reverse()
        return steps

    def _links(self, path: Sequence[tuple[int, int, int, int]]) -> list[Link]:
        links = []
        for i0, i1, j0, j1 in path:
            zh, en = tuple(range(i0, i1)), tuple(range(j0, j1))
            links.append(Link(zh, en, self.confidence(zh, en)))
        return links

    def block_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        anchors_zh = self.zh_anchors(i0, i1)
        anchors_en = self.en_anchors(j0, j1)
        if i0 == i1 or j0 == j1:
            return ANCHOR_COST * len(anchors_zh | anchors_en)
        shared = len(anchors_zh & anchors_en)
        alone = len(anchors_zh ^ anchors_en)
        lz = self.zh_total[i1] - self.zh_total[i0]
        le = self.en_total[j1] - self.en_total[j0]
        total = length_cost(lz, le, self.model) - ANCHOR_BONUS * shared + ANCHOR_COST * alone
        zh_ids, en_ids = range(i0, i1), range(j0, j1)
        overlap, unmet = self.table.fit(zh_ids, en_ids)
        total += UNMET_WORD_COST * unmet - LEXICAL_BONUS * overlap
        if i1 - i0 > 1 or j1 - j0 > 1:
            total += self.table.weak_members(zh_ids, en_ids)
        total += CROSSING_COST * (self.zh_starts[i1 - 1] - self.zh_starts[i0])
        total += CROSSING_COST * (self.en_starts[j1 - 1] - self.en_starts[j0])
        if self.zh[i0].starts_paragraph and self.en[j0].starts_paragraph:
            total -= PARAGRAPH_BONUS
        return total

    def zh_anchors(self, i0: int, i1: int) -> frozenset[str]:
        key = (i0, i1)
        found = self._zh_anchors.get(key)
        if found is None:
            found = frozenset().union(*(s.signals.anchors for s in self.zh[i0:i1]))
            self._zh_anchors[key] = found
        return found

    def en_anchors(self, j0: int, j1: int) -> frozenset[str]:
        key = (j0, j1)
        found = self._en_anchors.get(key)
        if found is None:
            found = frozenset().union(*(s.signals.anchors for s in self.en[j0:j1]))
            self._en_anchors[key] = found
        return found

    def confidence(self, zh_ids: Sequence[int], en_ids: Sequence[int]) -> float:
        """How much the evidence supports this link (0–1)."""
        if not zh_ids or not en_ids:
            return LEFT_OUT_CONFIDENCE
        zh = [self.zh[i] for i in zh_ids]
        en = [self.en[j] for j in en_ids]
        lz = sum(s.signals.length for s in zh)
        le = sum(s.signals.length for s in en)
        fit = math.exp(-length_cost(lz, le, self.model))
        evidence = [(0.4, fit)]
        if any(s.signals.words for s in zh):
            overlap = self.table.fit(zh_ids, en_ids)[0]
            evidence.append((0.4, min(1.0, overlap / 0.4)))
        anchors_zh = self.zh_anchors(zh_ids[0], zh_ids[-1] + 1)
        anchors_en = self.en_anchors(en_ids[0], en_ids[-1] + 1)
        if anchors_zh or anchors_en:
            share = len(anchors_zh & anchors_en) / len(anchors_zh | anchors_en)
            evidence.append((0.3, share))
        score = sum(w * v for w, v in evidence) / sum(w for w, _ in evidence)
        if len(zh) > 1 or len(en) > 1:
            score *= 0.95
        return round(max(0.0, min(1.0, score)), 3)


class LexicalTable:
    """The dictionary overlap of Chinese and English sentences, pair by pair.

    English word keys become bits of an integer (a sentence's keys one mask, a Chinese word's
    glosses another: keys no English sentence has are left out), so that whether a word
    meets a sentence is one `&`. Pairs are computed when first asked for and kept; a link of
    several sentences adds up its pairs, capped at each sentence's own count."""

    def __init__(self, zh: Sequence[AlignSentence], en: Sequence[AlignSentence]) -> None:
        bits: dict[str, int] = {}
        self.en_masks = [self._mask(s.signals.keys, bits, grow=True) for s in en]
        self.en_sizes = [len(s.signals.keys) for s in en]
        self.zh_words = [[self._mask(w, bits) for w in s.signals.words] for s in zh]
        self.zh_glossed = [functools.reduce(operator.or_, words, 0) for words in self.zh_words]
        self.zh_sizes = [len(words) for words in self.zh_words]
        self._pairs: dict[tuple[int, int], tuple[int, int]] = {}

    @staticmethod
    def _mask(keys: Iterable[str], bits: dict[str, int], *, grow: bool = False) -> int:
        mask = 0
        for key in keys:
            bit = bits.setdefault(key, len(bits)) if grow else bits.get(key)
            if bit is not None:
                mask |= 1 << bit
        return mask

    def pair(self, i: int, j: int) -> tuple[int, int]:
        """(Chinese words of i that meet sentence j, English keys of j that i glosses)."""
        found = self._pairs.get((i, j))
        if found is None:
            english = self.en_masks[j]
            zh_met = sum(1 for word in self.zh_words[i] if word & english)
            found = (zh_met, (self.zh_glossed[i] & english).bit_count())
            self._pairs[(i, j)] = found
        return found

    def fit(self, zh: Sequence[int], en: Sequence[int]) -> tuple[float, int]:
        """The overlap (0–1) of a link and how many words it leaves unmet on both sides.

        Without dictionary words on the Chinese side (no dictionary) both are 0: neutral."""
        words = sum(self.zh_sizes[i] for i in zh)
        if not words:
            return 0.0, 0
        met = 0
        for i in zh:
            met += min(self.zh_sizes[i], sum(self.pair(i, j)[0] for j in en))
        for j in en:
            met += min(self.en_sizes[j], sum(self.pair(i, j)[1] for i in zh))
        total = words + sum(self.en_sizes[j] for j in en)
        return met / total, total - met

    def weak_members(self, zh: Sequence[int], en: Sequence[int]) -> float:
        """A cost for each sentence joined into a link that the dictionary hardly ties to the
        other side: an untranslated sentence or a translator's line next to a true pair."""
        if not any(self.zh_sizes[i] for i in zh):
            return 0.0
        cost = 0.0
        if len(zh) > 1:
            for i in zh:
                if self.zh_sizes[i]:
                    cost += _weakness(self.fit([i], en)[0])
        if len(en) > 1:
            for j in en:
                cost += _weakness(self.fit(zh, [j])[0])
        return cost


def _weakness(overlap: float) -> float:
    return WEAK_MEMBER_COST * max(0.0, 1.0 - overlap / WELL_TIED)


def _touches(
    path: Sequence[tuple[int, int, int, int]], low: list[int], high: list[int], m: int
) -> bool:
    for _, i1, _, j1 in path:
        if (low[i1] > 0 and j1 - low[i1] < EDGE) or (high[i1] < m and high[i1] - j1 < EDGE):
            return True
    return False
