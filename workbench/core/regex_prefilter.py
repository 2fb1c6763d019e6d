"""A quick necessary condition for a regular expression to match: a character it must contain.

Every line of a page is searched with every cleaning rule, and most lines match none: a
search that cannot succeed still scans the whole line. Most patterns cannot match without
one of a few characters (`\\s*[(（]\\s*完\\s*[)）]$` needs 完; `(?:九游会|开云)…(?:登录|下载)+`
needs 登 or 下), so a line holding none of them needs no search at all, and a set test is
far cheaper than the search.

The set is read from the pattern's parse tree (`re._parser`, Python 3.11 as pinned): in a
sequence, each part that must match (a literal, a class, a group, an alternation, a part
repeated at least once) can hold a set, and the smallest is kept; an alternation needs one
of its alternatives' sets. Parts whose characters are not worth listing (`.`, `\\w`, negated
classes) and optional parts hold none. A pattern with no such set gives None: the search
always runs. With IGNORECASE the set holds the engine's lower case of each character and the
characters it folds with it, and the line is tested lower-cased (`k` also matches the
Kelvin sign, whose lower case is k).
"""

from __future__ import annotations

import _sre
import re
from dataclasses import dataclass
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES
from typing import Any

_MAX_CHARACTERS = 60_000  # a larger set (\w, most of Unicode) is not worth testing
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


@dataclass(frozen=True)
class Prefilter:
    """Characters a match needs one of; `folded` sets hold the regex engine's lower case
    (IGNORECASE patterns): test them against the line lower-cased."""

    chars: frozenset[str]
    folded: bool


def required_characters(pattern: re.Pattern[str]) -> Prefilter | None:
    """Characters every match of `pattern` contains one of, or None if there are none to say."""
    fold = bool(pattern.flags & re.IGNORECASE)
    try:
        found = _sequence(list(sre_parse.parse(pattern.pattern, pattern.flags)), fold)
    except (re.error, RecursionError):
        return None
    return None if found is None else Prefilter(frozenset(found), folded=fold)


def _sequence(items: list[Any], fold: bool) -> set[str] | None:
    """The smallest set that a part every match of the sequence goes through needs."""
    best: set[str] | None = None
    for op, argument in items:
        found = _item(op, argument, fold)
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _item(op: Any, argument: Any, fold: bool) -> set[str] | None:
    """The set a part needs, or None if it needs nothing listable (or may match nothing)."""
    if op is sre.LITERAL:
        return set(_folded(argument, fold))
    if op is sre.IN:
        return _class(argument, fold)
    if op is sre.SUBPATTERN:
        _, add, remove, inner = argument
        if (add | remove) & re.IGNORECASE:
            return None  # a local case flag: not worth following
        return _sequence(list(inner), fold)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(argument), fold)
    if op is sre.BRANCH:
        found: set[str] = set()
        for alternative in argument[1]:
            needed = _sequence(list(alternative), fold)
            if needed is None:
                return None  # one alternative needs nothing: neither does the alternation
            found |= needed
        return found if len(found) <= _MAX_CHARACTERS else None
    if op in _REPEATS:
        low, _, inner = argument
        return _sequence(list(inner), fold) if low > 0 else None
    return None  # anchors and lookarounds (no character), ANY, NOT_LITERAL, GROUPREF, ...


def _class(items: list[Any], fold: bool) -> set[str] | None:
    found: set[str] = set()
    for op, argument in items:
        if op is sre.LITERAL:
            found |= _folded(argument, fold)
        elif op is sre.RANGE and argument[1] - argument[0] <= _MAX_CHARACTERS:
            found |= _range(*argument, fold)
        elif op is sre.CATEGORY and argument is sre.CATEGORY_SPACE:
            found |= _SPACES
        else:
            return None  # NEGATE, \d, \w, \S, a range too large to list
    return found


@cache
def _folded(code: int, fold: bool) -> frozenset[str]:
    """What the regex engine compares for a character: itself, or under IGNORECASE its lower
    case and the characters it folds together with that (ſ with s, ς with σ)."""
    char = chr(code)
    lower = _sre.unicode_tolower(code)
    if not fold or (lower == code and code not in _EXTRA_CASES and char.upper() == char):
        return frozenset(char)  # no case
    return frozenset([chr(lower), *(chr(extra) for extra in _EXTRA_CASES.get(lower, ()))])


@cache
def _range(low: int, high: int, fold: bool) -> frozenset[str]:
    """A class range as characters (rules repeat the same few, such as the Han block)."""
    chars = "".join(map(chr, range(low, high + 1)))
    uncased = chars.lower() == chars == chars.upper()
    if not fold or (uncased and not any(low <= code <= high for code in _EXTRA_CASES)):
        return frozenset(chars)
    found: set[str] = set()
    for code in range(low, high + 1):
        found |= _folded(code, fold)
    return frozenset(found)


# What \s matches in a str pattern: str.isspace(), all in the first 12,289 code points.
_SPACES = frozenset(chr(code) for code in range(0x3001) if chr(code).isspace())


def required_literal(pattern: str, flags: int = 0) -> str | None:
    """The longest run of plain characters every match of `pattern` contains (two or more
    characters), as written: `\\b(\\d+) per cent` needs " per cent". None if there is none.

    Runs are read from the parts every match goes through (the top-level sequence, groups
    and parts repeated at least once); under a local case flag nothing is said. With
    IGNORECASE the run is compared lower-cased by the caller (`core/text_search.py`)."""
    try:
        items = list(sre_parse.parse(pattern, flags))
    except (re.error, RecursionError):
        return None
    runs: list[str] = []
    _literal_runs(items, runs)
    best = max(runs, key=len, default="")
    return best if len(best) >= 2 else None


def _literal_runs(items: list[Any], runs: list[str]) -> None:
    run: list[str] = []
    for op, argument in items:
        if op is sre.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            runs.append("".join(run))
            run = []
        if op is sre.SUBPATTERN:
            _, add, remove, inner = argument
            if not (add | remove) & re.IGNORECASE:
                _literal_runs(list(inner), runs)
        elif op is sre.ATOMIC_GROUP:
            _literal_runs(list(argument), runs)
        elif op in _REPEATS and argument[0] > 0:
            _literal_runs(list(argument[2]), runs)
    if run:
        runs.append("".join(run))


# Steps of backtracking a search may take with no time limit: at 5–20 ns a step, well
# under the per-row limit (core/replace.py ROW_LIMIT) even on a loaded machine.
UNTIMED_STEPS = 10_000_000
_MAX_LENGTH = 1 << 40  # longer than any text


def untimed_length(pattern: str, flags: int = 0, steps: int = UNTIMED_STEPS) -> int:
    """The longest text `pattern` can be searched in without a time limit: a backtracking
    search cannot take more than `steps` steps on it (0: always use the limit).

    The bound: at each start position a backtracking engine tries at most as many paths
    as the pattern has ways through it (a sequence multiplies its parts' ways, an
    alternation adds them, a repeat of `k` times multiplies its body's ways `k` times, a
    repeat without end repeating at most once per character of the text); each path is at
    most its longest way in steps (`a{1000}`: a thousand). `\\d{4}` has one way, `\\d+`
    as many as the text's characters; a repeat of a part with more than one way and no
    end (`(a|a)+`, `(a+)+`) or a back-reference has no bound here: 0. Read with
    `re._parser`; a pattern it cannot read gives 0. `re._parser` makes one class of
    single-character alternatives (`a|A`), which an engine may try one by one: in a
    pattern with `|`, a class counts a way per member."""
    try:
        items = list(sre_parse.parse(pattern, flags))
    except (re.error, RecursionError):
        return 0
    branches = "|" in pattern

    def work(length: int) -> int | None:
        ways = _ways(items, length, steps, branches)
        return None if ways is None else max(1, length) * ways * _longest(items, length)

    if _ways(items, 0, steps, branches) is None:
        return 0
    low, high = 0, _MAX_LENGTH  # work grows with the length: the largest that fits
    while low < high:
        middle = (low + high + 1) // 2
        took = work(middle)
        if took is not None and took <= steps:
            low = middle
        else:
            high = middle - 1
    return low


def _longest(items: list[Any], length: int) -> int:
    """Steps along the longest way through the sequence: a repeat counts its most times
    (the text's length for one without end), a lookaround its own steps."""
    total = 0
    for op, argument in items:
        if op in _REPEATS:
            low, high, inner = argument
            times = max(low, length) if high is sre.MAXREPEAT else high
            total += 1 + times * _longest(list(inner), length)
            continue
        inner_steps = [_longest(inner, length) for inner in _inner_sequences(op, argument)]
        total += 1 + max(inner_steps, default=0)
    return total


def _inner_sequences(op: Any, argument: Any) -> list[list[Any]]:
    if op is sre.SUBPATTERN:
        return [list(argument[3])]
    if op is sre.ATOMIC_GROUP:
        return [list(argument)]
    if op is sre.BRANCH:
        return [list(alternative) for alternative in argument[1]]
    if op in _REPEATS:
        return [list(argument[2])]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [list(argument[1])]
    if op is sre.GROUPREF_EXISTS:
        return [list(branch) for branch in argument[1:] if branch is not None]
    return []


_ONE_WAY = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.AT, sre.CATEGORY}


def _ways(items: list[Any], length: int, cap: int, branches: bool) -> int | None:
    """How many ways through the sequence at most on a text of `length` characters; None
    for no bound (or more than `cap`). `branches`: a class may stand for alternatives."""
    total = 1
    for op, argument in items:
        if op in _ONE_WAY:
            continue
        if op is sre.IN:
            if not branches or any(member is sre.NEGATE for member, _ in argument):
                continue
            found = len(argument)
        elif op in _REPEATS:
            low, high, inner = argument
            ways = _ways(list(inner), length, cap, branches)
            if ways is None:
                return None
            if high is sre.MAXREPEAT or high > length:
                high = max(low, length)  # one character at least per repeat
            if ways == 1:
                found = high - low + 1
            elif high * ways.bit_length() > cap.bit_length() + 1:
                return None
            else:
                found = sum(ways**count for count in range(low, high + 1))
        elif op in (sre.SUBPATTERN, sre.ATOMIC_GROUP, sre.BRANCH, sre.ASSERT, sre.ASSERT_NOT):
            found = 0
            for inner in _inner_sequences(op, argument):
                ways = _ways(inner, length, cap, branches)
                if ways is None:
                    return None
                found += ways
            found = max(found, 1)
        else:
            return None  # a back-reference, a conditional group, anything not known
        total *= found
        if total > cap:
            return None
    return total
