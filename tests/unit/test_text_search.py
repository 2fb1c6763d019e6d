"""Find-all over many rows (`FindQuery.which`, `core/text_search.py`) and the time limit on a
user's regular expression: the fast paths must agree with Python's `re` row for row, and a
pattern that backtracks without end must stop with one clear error."""

from __future__ import annotations

import _sre
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.errors import InputError
from workbench.core.regex_prefilter import UNTIMED_STEPS, required_literal, untimed_length
from workbench.core.replace import FindQuery, PatternTooSlowError, replace_text
from workbench.core.text_search import FOLDS_WITH_ASCII, literal_test


def by_regex(query: FindQuery, texts: list[str | None]) -> list[int]:
    """What `which` must answer: the rows where Python's `re` finds a non-empty match."""
    pattern = query.pattern
    return [
        number
        for number, text in enumerate(texts)
        if text and any(m.end() > m.start() for m in pattern.finditer(text))
    ]


def test_the_folding_characters_are_those_of_the_regex_engine() -> None:
    from re._casefix import _EXTRA_CASES

    found: dict[str, set[str]] = {}
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        lower = _sre.unicode_tolower(code)
        related = [lower, *_EXTRA_CASES.get(lower, ())]
        ascii_letters = {chr(c) for c in related if c < 128}
        if ascii_letters or len(char.lower()) != 1 or any(c.isascii() for c in char.lower()):
            for letter in ascii_letters or {c for c in char.lower() if c.isascii()}:
                found.setdefault(letter.lower(), set()).add(char)
    assert {k: set(v) for k, v in FOLDS_WITH_ASCII.items()} == found


@pytest.mark.parametrize(
    ("needle", "text", "expected"),
    [
        ("kelvin", "5 \u212aelvin", None),  # the Kelvin sign: the regex decides
        ("kelvin", "5 Kelvin “quoted”", True),
        ("governance", "“Govern” ſ", False),  # no s in the needle: ſ is no reason to ask
        ("reform", "REFORM", True),
        ("治理", "全球治理", True),
    ],
)
def test_literal_test(needle: str, text: str, expected: bool | None) -> None:
    test = literal_test(needle, case_sensitive=False)
    assert test is not None
    assert test(text) is expected


def test_a_cased_non_ascii_needle_is_left_to_the_regex() -> None:
    assert literal_test("σοφία", case_sensitive=False) is None
    assert FindQuery("ΣΟΦΊΑ").which(["η σοφίας"]) == [0]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\b(\d+) per cent", 0, " per cent"),
        (r"(?:foo|bar)bazz", 0, "bazz"),
        (r"ab(cdef)+g", 0, "cdef"),
        (r"ab(cdef)?g", 0, "ab"),
        (r"(?i:abc)de", 0, "de"),
        (r"a.b", 0, None),
        (r"x  y", re.VERBOSE, "xy"),
        (r"(", 0, None),
    ],
)
def test_required_literal(pattern: str, flags: int, expected: str | None) -> None:
    assert required_literal(pattern, flags) == expected


ROWS = st.lists(
    st.one_of(
        st.none(),
        st.text(alphabet=st.sampled_from("aAsSſkK İı é“”治理 ,.-_0 cent per"), max_size=14),
    ),
    max_size=6,
)


@given(
    rows=ROWS,
    needle=st.text(alphabet=st.sampled_from("asSKkiİ治 .-_"), min_size=1, max_size=3),
    case=st.booleans(),
    word=st.booleans(),
)
def test_find_all_literal_agrees_with_re(
    rows: list[str | None], needle: str, case: bool, word: bool
) -> None:
    query = FindQuery(needle, case_sensitive=case, whole_word=word)
    assert query.which(rows) == by_regex(query, rows), (needle, rows)


@given(
    rows=ROWS,
    pattern=st.sampled_from(
        [
            r"\d+ per cent",
            r"per\s+cent",
            r"ſk",
            r"(?i:Sk)x",
            r"s*",
            r"ka|sa",
            r"(a)k\1",
            r"^a.",
            r"治理$",
            r"\d{4}",
            r"[a-z]{2}\d",
            r"(?:a|k){2}",
            r"\w\W?\d",
        ]
    ),
    case=st.booleans(),
    word=st.booleans(),
)
def test_find_all_regex_agrees_with_re(
    rows: list[str | None], pattern: str, case: bool, word: bool
) -> None:
    query = FindQuery(pattern, regex=True, case_sensitive=case, whole_word=word)
    assert query.which(rows) == by_regex(query, rows), (pattern, rows)


SLOW = "(a|a)+$"  # backtracks over every way of splitting the a's, in `re` and in `regex`


def test_a_pattern_that_backtracks_without_end_stops_with_one_line() -> None:
    query = FindQuery(SLOW, regex=True, limit=0.05)
    rows = ["short", "a" * 40 + "!"]
    with pytest.raises(PatternTooSlowError) as raised:
        query.which(rows)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("pattern too slow: '(a|a)+$'")
    assert "make it more specific" in message
    assert isinstance(raised.value, InputError)
    with pytest.raises(PatternTooSlowError):
        replace_text(query, "b", rows[1])
    with pytest.raises(PatternTooSlowError):
        query.spans(rows[1])


@pytest.mark.parametrize(
    ("pattern", "at_least", "at_most"),
    [
        (r"\d{4}", 1_000_000, None),  # one way through: searched without the limit
        (r"(?<!\w)(?:\d{4})(?!\w)", 1_000_000, None),  # as a whole word
        (r"\b(\d+) per cent", 100, 5_000),  # one repeat without end: ways per character
        (r"a{1000000}", 0, 100),  # one way, but a million steps along it
        (r"(a|a)+$", 0, 30),  # every way of splitting the a's
        (r"(?i)(a|A)+$", 0, 30),  # re._parser makes [aA] of it; the engine tries both
        (r"(a+)+$", 0, 30),
        (r"(.)\1", 0, 0),  # a back-reference: always the limit
        (r"(a?){30}", 0, 0),
    ],
)
def test_untimed_length(pattern: str, at_least: int, at_most: int | None) -> None:
    length = untimed_length(pattern, re.IGNORECASE)
    assert length >= at_least
    assert at_most is None or length <= at_most


class Recording:
    """A regex engine that notes whether each search was given a time limit."""

    def __init__(self, engine: object) -> None:
        self.engine = engine
        self.timeouts: list[object] = []

    def search(self, text: str, position: int = 0, **options: object) -> object:
        self.timeouts.append(options.get("timeout"))
        return self.engine.search(text, position, **options)  # type: ignore[attr-defined]


def test_a_regex_that_cannot_backtrack_long_runs_without_the_time_limit() -> None:
    # Asking `regex` for a time limit doubles find-all's time over 100,000 rows: a
    # pattern with few ways through it ([0-9]{4}) is searched without one, unless the row
    # is longer than its bound; one that can backtrack long ((a|a)+$) always has the limit.
    query = FindQuery(r"[0-9]{4}", regex=True)
    engine = Recording(query._engine)
    query.__dict__["_engine"] = engine
    assert query.which(["in 2024", "none", None, "12 345"]) == [0]
    assert engine.timeouts == [None, None, None]
    long = "x" * (untimed_length(r"[0-9]{4}", re.IGNORECASE) + 1)
    assert query.which([long]) == []
    assert engine.timeouts[-1] == query.limit
    slow = FindQuery(SLOW, regex=True)
    slow_engine = Recording(slow._engine)
    slow.__dict__["_engine"] = slow_engine
    assert slow.which(["b" * 100 + "a"]) == [0]
    assert slow_engine.timeouts == [slow.limit]
    assert untimed_length(r"\d+", 0, steps=UNTIMED_STEPS // 4) < untimed_length(r"\d+", 0)


def test_the_nested_repeat_of_the_issue_does_not_hang() -> None:
    # `(a+)+$` is the example in the issue: Python's `re` takes minutes on 40 a's; the
    # `regex` engine that runs user patterns answers it at once (else: the limit).
    query = FindQuery("(a+)+$", regex=True, limit=0.05)
    assert query.which(["a" * 40 + "!", "aaa"]) == [1]


def test_regex_keeps_python_syntax_and_group_references() -> None:
    done = replace_text(FindQuery(r"(?P<n>\d+) per cent", regex=True), r"\g<n>%", "5 per cent")
    assert done.after == "5%"
    with pytest.raises(InputError, match="not a valid regular expression"):
        FindQuery(r"\p{Han}", regex=True).which(["治理"])  # `regex` syntax `re` refuses
