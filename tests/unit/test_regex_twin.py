"""The faster ways find-all runs a regex (`core/regex_twin.py`): dropping IGNORECASE where it
changes nothing, and `[0-9]` for `\\d` on ASCII-only rows. Find-all must answer exactly as
Python's `re` on one row at a time, Unicode digits (２０２４, ٢٠٢٤) included."""

from __future__ import annotations

import _sre
import re
import sys

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.regex_twin import TwinUse, ascii_twin, case_matters
from workbench.core.replace import FindQuery


def by_regex(query: FindQuery, texts: list[str | None]) -> list[int]:
    """What `which` must answer: the rows where Python's `re` finds a non-empty match."""
    pattern = query.pattern
    return [
        number
        for number, text in enumerate(texts)
        if text and any(m.end() > m.start() for m in pattern.finditer(text))
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\d{4}", False),
        (r"\d+ %|\s—\S", False),
        (r"治理\w*", False),
        (r"[0-9\u4e00-\u9fff]+", False),
        (r"(?<!\w)(?:\d{4})(?!\w)", False),  # a whole word: \w is closed under case
        (r"\d+ per cent", True),
        (r"[A-Z]\d", True),
        (r"[^a]", True),
        ("ß", True),  # ẞ folds with it
        (r"(\d)\1", True),  # a back-reference: kept (groups compared without case)
        (r"(?-i:\d)", True),  # a local case flag: not followed
        (r"(", True),
    ],
)
def test_case_matters(pattern: str, expected: bool) -> None:
    assert case_matters(pattern, re.IGNORECASE) is expected


def test_an_uncased_character_is_no_other_characters_case() -> None:
    # `case_matters` takes `_sre.unicode_iscased` (what `re` compiles by) as the rule: it
    # holds only if no character maps to an uncased one by any case mapping.
    from re._casefix import _EXTRA_CASES

    last_cased = 0x20000  # no case above (checked first): the loop below stays short
    assert not any(map(_sre.unicode_iscased, range(last_cased, sys.maxunicode + 1)))
    for code in range(last_cased):
        char = chr(code)
        mapped = {char.lower(), char.upper(), char.casefold(), char.title()}
        mapped |= {chr(_sre.unicode_tolower(code))}
        mapped |= {chr(other) for other in _EXTRA_CASES.get(code, ())}
        for target in mapped:
            if len(target) == 1 and target != char:
                assert _sre.unicode_iscased(ord(target)), (hex(code), target)


def test_ignorecase_is_dropped_only_where_it_changes_nothing() -> None:
    digits = FindQuery(r"\d{4}", regex=True)
    assert digits.pattern.flags & re.IGNORECASE  # the dialog's default stays the rule
    assert not digits._engine.flags & regex.IGNORECASE
    words = FindQuery(r"\d+ per cent", regex=True)
    assert words._engine.flags & regex.IGNORECASE
    assert words.which(["5 PER CENT"]) == [0]


@pytest.mark.parametrize(
    ("pattern", "twin", "hit_is_match"),
    [
        (r"\d{4}", "[0-9]{4}", True),
        (r"[\d,.]+", "[0-9,.]+", True),
        (r"[]\d]", "[]0-9]", True),  # a `]` first in a class is a member
        (r"[^\d]x", "[^0-9]x", False),  # a negated class: [^0-9] takes more
        (r"(?<!\d)\d{4}(?!\d)", "(?<![0-9])[0-9]{4}(?![0-9])", False),
        (r"(?>\d+)x", "(?>[0-9]+)x", False),  # atomic: may fail where [0-9] passes
        (r"\d++x", "[0-9]++x", False),
        (r"(\d)\1", "([0-9])\\1", True),
    ],
)
def test_ascii_twin(pattern: str, twin: str, hit_is_match: bool) -> None:
    assert ascii_twin(pattern, re.IGNORECASE) == TwinUse(twin, hit_is_match)


@pytest.mark.parametrize("pattern", [r"\\d", r"a\D", r"per cent", r"(?x) x # \d", r"(\d"])
def test_no_twin(pattern: str) -> None:
    assert ascii_twin(pattern) is None


class Recording:
    """A compiled pattern that notes the texts it searched."""

    def __init__(self, engine: object) -> None:
        self.engine = engine
        self.searched: list[str] = []

    def search(self, text: str, position: int = 0, **options: object) -> object:
        self.searched.append(text)
        return self.engine.search(text, position, **options)  # type: ignore[attr-defined]

    def finditer(self, text: str, **options: object) -> object:
        return self.engine.finditer(text, **options)  # type: ignore[attr-defined]


def test_ascii_rows_take_the_twin_and_others_its_hit_or_the_pattern() -> None:
    query = FindQuery(r"\d{4}", regex=True)
    assert query._twin is not None
    twin = Recording(query._twin[0])
    engine = Recording(query._engine)
    query.__dict__["_twin"] = (twin, query._twin[1])
    query.__dict__["_engine"] = engine
    rows = ["in 2024", "“2024”", "“٢٠٢٤”", "no year"]
    assert query.which(rows) == [0, 1, 2]
    assert twin.searched == rows  # every row is searched with [0-9]{4} first
    assert engine.searched == ["“٢٠٢٤”"]  # only a non-ASCII row the twin missed
    # ^[0-9]{4}(?![0-9]) finds 1234 in 1234٥; the pattern does not: its hit is no answer.
    negative = FindQuery(r"^\d{4}(?!\d)", regex=True)
    assert negative._twin is not None and not negative._twin[1]
    assert negative.which(["1234٥", "1234 “"]) == [1]


@pytest.mark.parametrize(
    ("pattern", "row"),
    [
        (r"(?<!\d)\d{2}(?!\d)", "12٣"),  # [0-9]{2} is 12 alone; \d{2} is not
        (r"[^\d]\d", "٣4"),
        (r"(?>\d+)٣", "12٣"),  # \d+ takes the ٣ and gives nothing back
        (r"\d++٣", "12٣"),
        (r"^\d{4}(?!\d)", "2024٥ “"),
    ],
)
def test_a_twin_hit_that_is_no_match_is_not_taken(pattern: str, row: str) -> None:
    query = FindQuery(pattern, regex=True)
    twin = query._twin
    assert twin is not None and twin[0].search(row)  # the twin does find something here
    assert query.which([row, row.encode("ascii", "ignore").decode()]) == by_regex(
        query, [row, row.encode("ascii", "ignore").decode()]
    )


ROWS = st.lists(
    st.one_of(
        st.none(),
        st.text(alphabet=st.sampled_from("0124２٢٣४年xX“ ,"), max_size=10),
        st.text(alphabet=st.sampled_from("0123456789aAx ,._"), max_size=10),  # ASCII only
    ),
    max_size=6,
)


@given(
    rows=ROWS,
    pattern=st.sampled_from(
        [
            r"\d{4}",
            r"\d{2}年",
            r"[\d,]+\.\d",
            r"(?<!\d)\d{2}(?!\d)",
            r"[^\d]\d",
            r"(?>\d+)4",
            r"\d++0",
            r"\d*",
            r"\D\d",
            r"(\d)\1",
            r"x\d|\dx",
            r"\d{2}(?=[年x])",
            r"\b\d+\b",
            r"(?:a\d)+",
            r"\d?",
        ]
    ),
    case=st.booleans(),
    word=st.booleans(),
)
def test_find_all_with_digits_agrees_with_re(
    rows: list[str | None], pattern: str, case: bool, word: bool
) -> None:
    query = FindQuery(pattern, regex=True, case_sensitive=case, whole_word=word)
    assert query.which(rows) == by_regex(query, rows), (pattern, rows)
