"""The find-and-replace rule (`workbench.core.replace`): what matches and what a replacement
makes of a text. The fast literal path must agree with the regex everywhere."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.errors import InputError
from workbench.core.replace import FindQuery, check_replacement, replace_text


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        (FindQuery("reform"), "Reform and reforms", "X and Xs"),
        (FindQuery("reform", whole_word=True), "Reform and reforms", "X and reforms"),
        (FindQuery("reform", case_sensitive=True), "Reform and reforms", "Reform and Xs"),
        (FindQuery("(AI)", whole_word=True), "AI (AI) x(AI)", "AI X x(AI)"),
        (FindQuery("x*", regex=True), "abc", "abc"),
        (FindQuery("治理"), "全球治理体系", "全球X体系"),
    ],
)
def test_replace_text(query: FindQuery, text: str, expected: str) -> None:
    assert replace_text(query, "X", text).after == expected


def test_regex_groups_and_count() -> None:
    done = replace_text(FindQuery(r"(\d+) per cent", regex=True), r"\1%", "5 per cent, 7 per cent")
    assert (done.after, done.count) == ("5%, 7%", 2)


def test_result_goes_through_the_text_policy() -> None:
    assert replace_text(FindQuery("a"), "b\x07", "cat").after == "cbt"


@pytest.mark.parametrize(
    ("query", "new", "message"),
    [
        (FindQuery("(", regex=True), "x", "not a valid regular expression"),
        (FindQuery("(a)", regex=True), r"\2", "not a valid replacement"),
        (FindQuery("(?P<n>a)", regex=True), r"\g<m>", "not a valid replacement"),
        (FindQuery(""), "x", "the search text is empty"),
    ],
)
def test_bad_input_is_an_input_error(query: FindQuery, new: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_replacement(query, new)


def test_a_literal_replacement_is_not_a_template() -> None:
    check_replacement(FindQuery("a"), r"\2")
    assert replace_text(FindQuery("a"), r"\2", "cat").after == r"c\2t"


TEXTS = st.text(alphabet=st.sampled_from("aAbBsSſKkK İíé É治理 ,.-_0"), max_size=12)


@given(needle=TEXTS, text=TEXTS, case=st.booleans(), word=st.booleans())
def test_fast_literal_path_agrees_with_the_regex(
    needle: str, text: str, case: bool, word: bool
) -> None:
    query = FindQuery(needle, case_sensitive=case, whole_word=word)
    if not needle:
        return
    expected = any(m.end() > m.start() for m in query.pattern.finditer(text))
    assert query.matches(text) == expected, (needle, text)


@given(
    needle=st.text(alphabet="ab\\", min_size=1, max_size=3),
    text=st.text(alphabet="ab\\c", max_size=12),
    new=st.text(alphabet="xy\\1g<>", max_size=4),
)
def test_a_case_sensitive_literal_replaces_as_str_replace(needle: str, text: str, new: str) -> None:
    done = replace_text(FindQuery(needle, case_sensitive=True), new, text)
    assert done.after == text.replace(needle, new)
    assert done.count == text.count(needle)
