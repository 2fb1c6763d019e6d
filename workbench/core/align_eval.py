"""Scoring an alignment against gold pairs: exact-pair recall and precision (pure).

A predicted pair counts when its Chinese and its English are both exactly a gold pair's,
compared after the same normalization the ingest applies (punctuation width, whitespace).
Precision is over the predicted pairs with text on both sides; pairs with one side only
(left-out sentences) are not counted against it, but a gold pair left out lowers recall.
Lines named as *unlinked* (a translator's note, page junk) must stay without Chinese: each
one found in a linked pair is a `bad_links` error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.text import normalize_punctuation

_SPACE = re.compile(r"\s+")


def normalized(text: str, *, chinese: bool) -> str:
    text = _SPACE.sub(" ", text).strip()
    if chinese:
        text = normalize_punctuation(text).replace(" ", "")
    return text


@dataclass(frozen=True)
class AlignScore:
    gold: int
    predicted: int  # linked pairs (text on both sides)
    correct: int
    bad_links: int  # unlinked lines that ended up linked to Chinese
    missed: tuple[tuple[str, str], ...]  # gold pairs not found

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def score(
    predicted: Iterable[tuple[str, str]],
    gold: Sequence[tuple[str, str]],
    *,
    unlinked: Iterable[str] = (),
) -> AlignScore:
    """Compare (Chinese, English) pairs; `unlinked` are English lines that must stay alone."""
    wanted = Counter(_key(z, e) for z, e in gold)
    linked = Counter(_key(z, e) for z, e in predicted if z.strip() and e.strip())
    found = wanted & linked  # a pair repeated in the text counts as often as it is found
    alone = [normalized(line, chinese=False) for line in unlinked]
    bad = sum(count for line in alone for (_, e), count in linked.items() if line in e)
    missed = tuple(sorted((wanted - found).elements()))
    return AlignScore(wanted.total(), linked.total(), found.total(), bad, missed)


def _key(zh: str, en: str) -> tuple[str, str]:
    return normalized(zh, chinese=True), normalized(en, chinese=False)
