"""Candidate glossary terms: frequent Chinese n-grams of a project that the glossary lacks.

Chinese has no spaces, so terms are found statistically: every run of Han characters is cut
into n-grams (2 to 8 characters) and those that recur are kept. What is left is filtered so
that a reviewer sees phrases rather than noise:

- an n-gram that never occurs outside one longer frequent n-gram is dropped in favour of the
  longer one (人工智能全球治 only ever appears inside 人工智能全球治理);
- n-grams beginning or ending with a function character (的, 了, 和, 在, …) or containing 的
  are not terms;
- numbers and counted things (2024, 三是, 十余年) are not terms;
- n-grams already in the glossary, or inside one of its terms, and dismissed ones are left out,
  and so are a known term with a verb or modifier in front (推动人工智能, 中国人工智能): the
  term is already there, and Chinese compounds put the head noun last;
- an n-gram must be used in varied contexts: a fragment of a longer phrase always has the
  same neighbour on one side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.core.glossary import chinese_key

MIN_LENGTH = 3  # two-character n-grams are mostly everyday words (推动, 重要)
MAX_LENGTH = 8

# Characters that glue phrases together rather than belong to a term at its edges.
STOP_EDGE = frozenset(
    "的了和与及并或而在对向从于把被将也都又就还是为以其之这那个该些各等着过给让由"
)
STOP_INSIDE = frozenset("的了着")
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两几第")
# After a numeral these make a count, a date or an enumeration: 三是, 十年, 两名, 60余家.
MEASURES = frozenset("是个项年月日号次名家种条点位届期余多")

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class TermCandidate:
    """A recurring Chinese n-gram proposed as a glossary term."""

    text: str
    count: int  # occurrences in the texts
    texts: int  # how many of the texts contain it


def suggest_candidates(
    texts: Iterable[str],
    known: Iterable[str] = (),
    *,
    dismissed: Iterable[str] = (),
    min_count: int = 2,
    min_length: int = MIN_LENGTH,
    max_length: int = MAX_LENGTH,
    limit: int | None = 100,
) -> list[TermCandidate]:
    """Candidate terms in `texts`, most frequent (then longest) first.

    `known` are glossary sources (whatever their status: a rejected term is not proposed
    again); `dismissed` are candidates the reviewer turned down.
    """
    counts: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    runs: list[str] = []
    for text in texts:
        seen: set[str] = set()
        for run in _HAN_RUN.findall(text):
            runs.append(run)
            for size in range(min_length, min(max_length, len(run)) + 1):
                for start in range(len(run) - size + 1):
                    gram = run[start : start + size]
                    counts[gram] += 1
                    seen.add(gram)
        spread.update(seen)
    frequent = {gram: n for gram, n in counts.items() if n >= min_count}
    # The largest count of a one-character-longer frequent n-gram containing each n-gram.
    extended: dict[str, int] = {}
    for gram, n in frequent.items():
        if len(gram) > min_length:
            for part in (gram[:-1], gram[1:]):
                extended[part] = max(extended.get(part, 0), n)
    known_keys = [chinese_key(source) for source in known]
    known_parts = {
        key[i:j] for key in known_keys for i in range(len(key)) for j in range(i + 1, len(key) + 1)
    }
    whole = set(known_keys)
    excluded = {chinese_key(text) for text in dismissed}
    kept = [
        gram
        for gram, n in frequent.items()
        # Never outside one longer n-gram: if a longer n-gram always contains this one, so
        # does one of its one-character extensions, which then has the same count.
        if extended.get(gram) != n
        and _is_term_like(gram)
        and gram not in excluded
        and gram not in known_parts
        and not any(gram.endswith(key) for key in whole)
    ]
    variety = _contexts(runs, set(kept), min_length, max_length)
    kept = [gram for gram in kept if min(len(variety[gram][0]), len(variety[gram][1])) >= 2]
    # Longer recurring phrases first: a two-character word needs to be far more frequent to
    # be worth a reviewer's attention than a four-character compound.
    kept.sort(key=lambda gram: (-frequent[gram] * len(gram), -len(gram), gram))
    chosen = kept if limit is None else kept[:limit]
    return [TermCandidate(gram, frequent[gram], spread[gram]) for gram in chosen]


def _is_term_like(gram: str) -> bool:
    if gram[0] in STOP_EDGE or gram[-1] in STOP_EDGE:
        return False
    if any(char in STOP_INSIDE for char in gram):
        return False
    return not _is_numeric(gram)


def _is_numeric(gram: str) -> bool:
    """Numbers, dates, counts and enumerations (二〇二四, 三是, 十余年, 第三)."""
    if all(char in NUMERALS or char in MEASURES for char in gram):
        return True
    if gram[-1] in NUMERALS:
        return True
    lead = len(gram) - len(gram.lstrip("".join(NUMERALS)))
    return 0 < lead < len(gram) and gram[lead] in MEASURES


def _contexts(
    runs: list[str], grams: set[str], min_length: int, max_length: int
) -> dict[str, tuple[set[str], set[str]]]:
    """The distinct characters seen before and after each n-gram (the edge of a run of Han
    characters counts as a new context each time). A term is used in varied contexts; a
    fragment of a longer phrase always has the same neighbour on one side."""
    found: dict[str, tuple[set[str], set[str]]] = {gram: (set(), set()) for gram in grams}
    edge = 0
    for run in runs:
        for size in range(min_length, min(max_length, len(run)) + 1):
            for start in range(len(run) - size + 1):
                gram = run[start : start + size]
                if gram not in found:
                    continue
                left, right = found[gram]
                end = start + size
                edge += 1
                left.add(run[start - 1] if start else f"^{edge}")
                right.add(run[end] if end < len(run) else f"${edge}")
    return found
