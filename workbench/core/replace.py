"""Find and replace in the translator's English (and find in the Chinese): the one rule for
what matches and what a replacement makes of a text, shared by `workbench replace` and the
editor's find-and-replace screen.

A query is literal unless `regex`; case-insensitive unless `case_sensitive`; `whole_word`
refuses a match with a letter, digit or underscore right before or after it (so "reform"
does not match inside "reforms", and a query starting or ending with punctuation still
works, unlike a plain `\\b`). An empty match (a regex such as `x*`) replaces nothing. A
replacement is literal too unless `regex`, where `\\1` and `\\g<name>` refer to groups.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any, cast

import regex

from workbench.core.errors import InputError
from workbench.core.regex_prefilter import required_literal, untimed_length
from workbench.core.regex_twin import ascii_twin, case_matters
from workbench.core.text_policy import sanitize_text
from workbench.core.text_search import literal_test

# Seconds a user's regular expression may search one row. The `regex` engine stops it
# (it checks the clock coarsely: about twice this passes before it stops).
ROW_LIMIT = 1.0


class PatternTooSlowError(InputError):
    """A user's regular expression ran past the time limit on one text."""


@dataclass(frozen=True)
class FindQuery:
    """What to look for, as the translator typed it.

    A literal query runs on Python's `re` (an escaped literal cannot backtrack without
    end); a regular expression is checked by `re` (its errors and group numbers are
    Python's) and run by the `regex` package in its `re`-compatible mode (V0), whose
    searches take a time limit: past `limit` seconds on one text, PatternTooSlowError."""

    text: str
    regex: bool = False
    case_sensitive: bool = False
    whole_word: bool = False
    limit: float = field(default=ROW_LIMIT, compare=False)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The query compiled by `re`; InputError (one line) for an empty query or a bad regex."""
        if not self.text:
            raise InputError("nothing to find: the search text is empty")
        try:
            return re.compile(self._body, 0 if self.case_sensitive else re.IGNORECASE)
        except re.error as exc:
            raise InputError(f"{self.text!r} is not a valid regular expression: {exc}") from exc

    @cached_property
    def _body(self) -> str:
        body = self.text if self.regex else re.escape(self.text)
        return rf"(?<!\w)(?:{body})(?!\w)" if self.whole_word else body

    @cached_property
    def _engine(self) -> Any:
        """What runs the search: `re` for a literal, `regex` (time-limited) for a regex."""
        checked = self.pattern
        if not self.regex:
            return checked
        try:
            return regex.compile(self._body, self._regex_flags)
        except regex.error:
            return checked  # a pattern only `re` takes: run by `re`, without a limit

    @cached_property
    def _regex_flags(self) -> int:
        """IGNORECASE only where it can change a match (`regex_twin.case_matters`): the
        dialog's default case-insensitive `\\d{4}` scans several times faster without it."""
        flags = self.pattern.flags
        ignore = flags & re.IGNORECASE and case_matters(self._body, flags)
        return int(regex.V0 | (regex.IGNORECASE if ignore else 0))

    @cached_property
    def _twin(self) -> tuple[Any, bool] | None:
        """The pattern with `\\d` as `[0-9]` (`regex_twin.ascii_twin`), compiled, and
        whether its hit is a match on a text that is not ASCII-only too."""
        if not self._limited:
            return None
        use = ascii_twin(self._body, self.pattern.flags)
        if use is None:
            return None
        try:
            return regex.compile(use.pattern, self._regex_flags), use.hit_is_match
        except regex.error:
            return None

    @property
    def _limited(self) -> bool:
        return self._engine is not self.pattern

    @cached_property
    def _untimed(self) -> int:
        """The longest text this regex may search without the time limit: one it cannot
        spend long on (`regex_prefilter.untimed_length`; `\\d{4}`: millions of characters,
        `(a|a)+$`: a dozen). Asking `regex` for a time limit costs more than the search
        itself on a row of a few hundred characters (about 2x over 100,000 rows)."""
        return untimed_length(self._body, self.pattern.flags) if self._limited else 0

    def _too_slow(self) -> PatternTooSlowError:
        return PatternTooSlowError(
            f"pattern too slow: {self.text!r} searched one row for more than "
            f"{self.limit:g} s; make it more specific (anchor it, avoid a repeat inside a "
            "repeat such as (a|a)+)"
        )

    def search(self, text: str, position: int = 0) -> re.Match[str] | None:
        """The first match at or after `position` (possibly empty)."""
        if not self._limited:
            return self.pattern.search(text, position)
        if len(text) <= self._untimed:
            return cast("re.Match[str] | None", self._engine.search(text, position))
        try:
            return cast(
                "re.Match[str] | None", self._engine.search(text, position, timeout=self.limit)
            )
        except TimeoutError as exc:
            raise self._too_slow() from exc

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every non-empty match in `text`."""
        if not self._limited:
            found: Iterator[re.Match[str]] = self.pattern.finditer(text)
        elif len(text) <= self._untimed:
            found = self._engine.finditer(text)
        else:
            found = self._engine.finditer(text, timeout=self.limit)
        try:
            for match in found:
                if match.end() > match.start():
                    yield match
        except TimeoutError as exc:
            raise self._too_slow() from exc

    def subn(self, template: str | Any, text: str) -> tuple[str, int]:
        """`Pattern.subn` under the time limit (template: a string or a function)."""
        if not self._limited:
            return self.pattern.subn(template, text)
        if len(text) <= self._untimed:
            return cast("tuple[str, int]", self._engine.subn(template, text))
        try:
            return cast("tuple[str, int]", self._engine.subn(template, text, timeout=self.limit))
        except TimeoutError as exc:
            raise self._too_slow() from exc

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the query matches in `text` (non-empty matches only)."""
        return [match.span() for match in self.finditer(text)]

    def matches(self, text: str | None) -> bool:
        """Whether the query has a (non-empty) match in `text`."""
        return bool(text) and bool(self.which([text]))

    def which(self, texts: Sequence[str | None]) -> list[int]:
        """The numbers of the texts with a (non-empty) match, ascending.

        A literal is decided by a substring test (`core/text_search.py`), the regex
        running only where that test cannot say (a character that folds with ASCII, a
        whole word in a non-ASCII text under IGNORECASE); a regular expression runs only
        on the texts holding the longest run of plain characters it needs
        (`\\b(\\d+) per cent` needs " per cent")."""
        pattern = self.pattern  # a bad query is refused before anything is searched
        if not self.regex and not self.whole_word and (self.case_sensitive or self._caseless):
            literal = self.text  # `in` decides alone (Chinese): no call per row
            return [number for number, text in enumerate(texts) if text and literal in text]
        needle = required_literal(self.text, pattern.flags) if self.regex else self.text
        test = None
        if needle is not None:
            test = literal_test(
                needle,
                case_sensitive=not pattern.flags & re.IGNORECASE,
                whole_word=self.whole_word and not self.regex,
            )
        has_match = self._row_matcher() if self.regex else self._has_match
        if test is None:  # one comprehension: the call per row is most of the time here
            return [number for number, text in enumerate(texts) if text and has_match(text)]
        final = not self.regex  # a literal's hit is a match
        found: list[int] = []
        for number, text in enumerate(texts):
            if not text:
                continue
            held = test(text)
            if held is False:
                continue
            if (held is True and final) or has_match(text):
                found.append(number)
        return found

    def _row_matcher(self) -> Callable[[str], bool]:
        """`_has_match` for a regex, with less Python per row: the untimed search called
        directly, and on an ASCII-only row the twin (`[0-9]` for `\\d`), which scans
        several times faster; on another row the twin's hit is taken when it is a match
        of the pattern too (`TwinUse.hit_is_match`), its miss asks the pattern."""
        has_match = self._has_match
        untimed = self._untimed
        if not untimed:
            return has_match
        search = self._engine.search
        twin, hit_is_match = self._twin or (None, False)
        if twin is None:

            def plain(text: str) -> bool:
                if len(text) > untimed:
                    return has_match(text)
                found = search(text)
                return found is not None and (found.end() > found.start() or has_match(text))

            return plain
        twin_search = twin.search

        def with_twin(text: str) -> bool:
            if len(text) > untimed:
                return has_match(text)
            if text.isascii():  # no scan: CPython knows it
                found = twin_search(text)
                if found is None:
                    return False
                if found.end() > found.start():
                    return True
                return any(match.end() > match.start() for match in twin.finditer(text))
            if hit_is_match:
                found = twin_search(text)
                if found is not None and found.end() > found.start():
                    return True
            found = search(text)
            return found is not None and (found.end() > found.start() or has_match(text))

        return with_twin

    @cached_property
    def _caseless(self) -> bool:
        return self.text.lower() == self.text.upper()

    def _has_match(self, text: str) -> bool:
        found = self.search(text)
        if found is None:
            return False
        return found.end() > found.start() or next(self.finditer(text), None) is not None


@dataclass(frozen=True)
class Replacement:
    """One text before and after a replacement."""

    before: str
    after: str
    count: int  # how many matches were replaced


def check_replacement(query: FindQuery, new: str) -> None:
    """Raise the InputError a replacement would raise, before any row is touched: a bad
    pattern, or (regex) a group reference the pattern does not have."""
    pattern = query.pattern
    if not query.regex:
        return
    try:
        pattern.sub(new, "")  # the template is parsed (and its groups checked) up front
    except (re.error, IndexError) as exc:
        raise InputError(f"{new!r} is not a valid replacement for {query.text!r}: {exc}") from exc


@cache
def _unclean(text: str) -> bool:
    return sanitize_text(text) != text


def replace_text(query: FindQuery, new: str, text: str) -> Replacement:
    """Replace every match of `query` in `text` by `new`; the result goes through the text
    policy (a replacement may not bring in a character no file may carry). Call
    `check_replacement` once first: a bad regex replacement is refused there."""
    if not query.regex:
        # A literal never matches the empty string: substitution in C, the
        # replacement's backslashes escaped so that it is not read as a template.
        # The stored text has passed the text policy already: only a replacement carrying
        # an unwritable character needs the (slow, whole-text) policy scan afterwards.
        after, count = query.subn(new.replace("\\", "\\\\"), text)
        return Replacement(text, sanitize_text(after) if count and _unclean(new) else after, count)
    count = 0

    def substitute(match: re.Match[str]) -> str:
        nonlocal count
        if match.end() == match.start():
            return ""
        count += 1
        return match.expand(new)

    after, _ = query.subn(substitute, text)
    if count:
        after = sanitize_text(after)
    return Replacement(text, after, count)
