"""English nouns in the singular and the plural, by inflect (crisis/crises, criterion/criteria,
analysis/analyses, child/children, community/communities).

inflect is imported on first use, with typeguard's `@typechecked` switched off for the
import: inflect 7 decorates its methods with it, and the decorator re-parses inflect's
source for each of them, which makes the import take 1-5 s (jaraco/inflect#212). The
checks only verify argument types, which the callers here get right by construction.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_LOCK = threading.Lock()


def _unchecked(target: F | None = None, **_options: object) -> Any:
    """Stands in for `typeguard.typechecked`: returns what it decorates unchanged."""
    if target is None:
        return _unchecked
    return target


@functools.cache
def _engine() -> Any:
    with _LOCK:
        import typeguard

        checked = typeguard.typechecked
        typeguard.typechecked = _unchecked
        try:
            import inflect
        finally:
            typeguard.typechecked = checked
        return inflect.engine()


@functools.lru_cache(maxsize=16384)
def number_forms(word: str) -> tuple[str, ...]:
    """`word` in the singular and the plural, its case kept, longest first.

    inflect is asked both ways: the word's plural, its singular (when it reads the word as a
    plural) and that singular's plural. Where it misreads a word it adds a form no text
    holds (crisis → "crisi"), and the word itself is always there.
    """
    if not word.isalpha():  # G20, 2030: only an added s
        return (word + "s", word)
    engine = _engine()
    low = word.lower()
    forms = {low, engine.plural_noun(low)}
    singular = engine.singular_noun(low)
    if singular:
        forms |= {singular, engine.plural_noun(singular)}
    cased = {_recase(form, word) for form in forms if form}
    return tuple(sorted(cased, key=lambda form: (-len(form), form)))


def _recase(form: str, like: str) -> str:
    """`form` (lower case) written like `like`: all capitals, or the letters it shares with
    `like` as `like` writes them (SDGs → SDG, Crises → Crisis)."""
    if like.isupper() and len(like) > 1:
        return form.upper()
    shared = 0
    for mine, theirs in zip(form, like.lower(), strict=False):
        if mine != theirs:
            break
        shared += 1
    return like[:shared] + form[shared:]
