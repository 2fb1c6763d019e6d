"""Faster ways to run a user's regular expression that find exactly what it finds.

Find-all searches every row of a document (100,000 rows of ≈ 700 characters in a large
one) with a pattern that may have no literal to test first (`\\d{4}`). The `regex` engine
that runs users' patterns scans a plain range such as `[0-9]` several times faster than a
Unicode property (`\\d`: a table look-up per character) or anything under IGNORECASE. Two
facts, read from the pattern's parse tree (`re._parser`, Python 3.11 as pinned), let it
take the fast scan without changing a result:

- `case_matters`: IGNORECASE changes nothing for a pattern whose only content is uncased
  characters (digits, punctuation, Chinese) and classes (`\\d`, `\\s`, `\\w`, whose members'
  other cases are members too): it can be compiled without the flag. The find dialog is
  case-insensitive unless asked, so `\\d{4}` arrives with it.
- `ascii_twin`: on a text of ASCII characters only (`str.isascii()`, answered without a
  scan), `\\d` is `[0-9]`; the twin is the pattern with every `\\d` written so, checked by
  parsing it back (its tree must be the original's with that one change). On any other
  text a match of the twin is a match of the pattern when `[0-9]` only narrows what the
  pattern accepts (`TwinUse.hit_is_match`): no `\\d` inside a negative lookaround or a
  negated class, no atomic group or possessive repeat (they may fail where a narrower
  class lets them through). A miss there says nothing: the pattern itself runs.
"""

from __future__ import annotations

import _sre
import re
from dataclasses import dataclass
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_LARGEST_RANGE = 70_000  # a class range larger than this is taken as cased (not listed)
_DIGITS = (sre.RANGE, (ord("0"), ord("9")))
_SEQUENCES_IN = {sre.ASSERT, sre.ASSERT_NOT}


def case_matters(pattern: str, flags: int = 0) -> bool:
    """Whether IGNORECASE can change what `pattern` matches (True when unsure: a local case
    flag, a back-reference, which compares the groups' texts without case, a pattern the
    parser refuses)."""
    try:
        items = list(sre_parse.parse(pattern, flags))
    except (re.error, RecursionError):
        return True
    return _cased_sequence(items)


def _cased_sequence(items: list[Any]) -> bool:
    return any(_cased_item(op, argument) for op, argument in items)


def _cased_item(op: Any, argument: Any) -> bool:
    if op in (sre.LITERAL, sre.NOT_LITERAL):
        return bool(_sre.unicode_iscased(argument))
    if op is sre.IN:
        return any(_cased_member(member, value) for member, value in argument)
    if op in (sre.ANY, sre.AT, sre.CATEGORY):
        return False
    if op is sre.SUBPATTERN:
        _, add, remove, inner = argument
        return bool((add | remove) & re.IGNORECASE) or _cased_sequence(list(inner))
    if op is sre.ATOMIC_GROUP:
        return _cased_sequence(list(argument))
    if op is sre.BRANCH:
        return any(_cased_sequence(list(alternative)) for alternative in argument[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _cased_sequence(list(argument[2]))
    if op in _SEQUENCES_IN:
        return _cased_sequence(list(argument[1]))
    return True  # GROUPREF, GROUPREF_EXISTS, anything not known


def _cased_member(op: Any, value: Any) -> bool:
    if op is sre.LITERAL:
        return bool(_sre.unicode_iscased(value))
    if op is sre.RANGE:
        return _cased_range(*value)
    return op not in (sre.NEGATE, sre.CATEGORY)  # \d \w \s: closed under case


@cache
def _cased_range(low: int, high: int) -> bool:
    if high - low > _LARGEST_RANGE:
        return True
    return any(_sre.unicode_iscased(code) for code in range(low, high + 1))


@dataclass(frozen=True)
class TwinUse:
    """The pattern with `\\d` written `[0-9]`: the same search on an ASCII-only text."""

    pattern: str
    hit_is_match: bool  # on any text, a (non-empty) match of the twin is one of the pattern


def ascii_twin(pattern: str, flags: int = 0) -> TwinUse | None:
    """The twin of `pattern` (see the module's docstring), or None when it has no `\\d` or
    the rewrite does not parse back to the same pattern with `[0-9]` for `\\d`."""
    if "\\d" not in pattern:
        return None
    try:
        original = sre_parse.parse(pattern, flags)
        twin = _rewrite(pattern)
        rewritten = sre_parse.parse(twin, flags)
    except (re.error, RecursionError):
        return None
    same_groups = (
        original.state.groupdict == rewritten.state.groupdict
        and original.state.groups == rewritten.state.groups
        and original.state.flags == rewritten.state.flags
    )
    if not same_groups or _shape(original, digits=True) != _shape(rewritten, digits=False):
        return None
    if _shape(original, digits=False) == _shape(rewritten, digits=False):
        return None  # no `\d` outside a comment: nothing gained
    return TwinUse(twin, hit_is_match=_narrowing(list(original), negative=False))


def _rewrite(pattern: str) -> str:
    """`\\d` as `[0-9]` (in a class: `0-9`), every other escape and character as written."""
    out: list[str] = []
    in_class = False
    class_open = 0  # where the class's members start (a `]` there is a member)
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            pair = pattern[index : index + 2]
            out.append(("0-9" if in_class else "[0-9]") if pair == "\\d" else pair)
            index += 2
            continue
        if in_class:
            in_class = not (char == "]" and index > class_open)
        elif char == "[":
            in_class = True
            class_open = index + 1
            if pattern.startswith("^", class_open):
                class_open += 1
        out.append(char)
        index += 1
    return "".join(out)


def _shape(value: Any, *, digits: bool) -> Any:
    """A parse tree as nested tuples to compare; `digits`: `\\d` in a class as `0-9`."""
    if isinstance(value, sre_parse.SubPattern):
        value = list(value)
    if isinstance(value, (list, tuple)):
        shaped = tuple(_shape(part, digits=digits) for part in value)
        if digits and shaped == (sre.CATEGORY, sre.CATEGORY_DIGIT):
            return _DIGITS
        return shaped
    return value


def _narrowing(items: list[Any], *, negative: bool) -> bool:
    """Whether `[0-9]` for `\\d` only narrows what the sequence matches (`negative`: inside
    a negative lookaround, where narrowing a `\\d` widens the whole)."""
    for op, argument in items:
        if op in (sre.ATOMIC_GROUP, sre.POSSESSIVE_REPEAT):
            return False
        if op is sre.IN:
            members = list(argument)
            has_digit = (sre.CATEGORY, sre.CATEGORY_DIGIT) in members
            if has_digit and (negative or (sre.NEGATE, None) in members):
                return False
            continue
        if not all(
            _narrowing(inner, negative=negative or op is sre.ASSERT_NOT)
            for inner in _inner(op, argument)
        ):
            return False
    return True


def _inner(op: Any, argument: Any) -> list[list[Any]]:
    if op is sre.SUBPATTERN:
        return [list(argument[3])]
    if op is sre.BRANCH:
        return [list(alternative) for alternative in argument[1]]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return [list(argument[2])]
    if op in _SEQUENCES_IN:
        return [list(argument[1])]
    if op is sre.GROUPREF_EXISTS:
        return [list(branch) for branch in argument[1:] if branch is not None]
    return []
