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
from dataclasses import dataclass
from functools import cached_property

from workbench.core.errors import InputError
from workbench.core.text_policy import sanitize_text


@dataclass(frozen=True)
class FindQuery:
    """What to look for, as the translator typed it."""

    text: str
    regex: bool = False
    case_sensitive: bool = False
    whole_word: bool = False

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern; InputError (one line) for an empty query or a bad regex."""
        if not self.text:
            raise InputError("nothing to find: the search text is empty")
        body = self.text if self.regex else re.escape(self.text)
        if self.whole_word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        flags = 0 if self.case_sensitive else re.IGNORECASE
        try:
            return re.compile(body, flags)
        except re.error as exc:
            raise InputError(f"{self.text!r} is not a valid regular expression: {exc}") from exc

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the query matches in `text` (non-empty matches only)."""
        return [m.span() for m in self.pattern.finditer(text) if m.end() > m.start()]

    def matches(self, text: str | None) -> bool:
        """Whether the query has a (non-empty) match in `text`.

        A literal query is first looked for with `in`, several times faster than the regex
        over 100,000 rows. That answer is final when it is exact: case matters, or the
        query has no letters with a case (Chinese), or both texts are ASCII and compared
        lower-cased (elsewhere Unicode case folding, e.g. the Kelvin sign or a dotted İ,
        differs from lower-casing, and the regex decides)."""
        if not text:
            return False
        if not self.regex:
            exact = self.case_sensitive or self._caseless
            hit = self._needle in (text if exact else text.lower())
            if exact or (self._needle.isascii() and text.isascii()):
                if not hit:
                    return False
                if not self.whole_word:
                    return True
        found = self.pattern.search(text)
        if found is None:
            return False
        return found.end() > found.start() or bool(self.spans(text))

    @cached_property
    def _caseless(self) -> bool:
        return self.text.lower() == self.text.upper()

    @cached_property
    def _needle(self) -> str:
        return self.text if self.case_sensitive or self._caseless else self.text.lower()


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


def replace_text(query: FindQuery, new: str, text: str) -> Replacement:
    """Replace every match of `query` in `text` by `new`; the result goes through the text
    policy (a replacement may not bring in a character no file may carry). Call
    `check_replacement` once first: a bad regex replacement is refused there."""
    if not query.regex:
        # A literal never matches the empty string: substitution in C, the
        # replacement's backslashes escaped so that it is not read as a template.
        after, count = query.pattern.subn(new.replace("\\", "\\\\"), text)
        return Replacement(text, sanitize_text(after) if count else after, count)
    count = 0

    def substitute(match: re.Match[str]) -> str:
        nonlocal count
        if match.end() == match.start():
            return ""
        count += 1
        return match.expand(new)

    after = query.pattern.sub(substitute, text)
    if count:
        after = sanitize_text(after)
    return Replacement(text, after, count)
