"""English number in term matching by inflect: irregular and Latin/Greek plurals."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workbench.core.english_number import number_forms
from workbench.core.glossary import CaseRule, Glossary, Term, TermProblem

CRISIS = Term("危机", "crisis")
CRITERIA = Term("标准", "criteria")
ANALYSIS = Term("分析", "risk analysis")
CHILD = Term("儿童", "child")
PHENOMENON = Term("现象", "phenomenon")
SHARED_FUTURE = Term("人类命运共同体", "community with a shared future for mankind")
CENTRE = Term("数据中心", "data centre")
SUMMIT = Term("G20峰会", "G20 summit")
GLOSSARY = Glossary([CRISIS, CRITERIA, ANALYSIS, CHILD, PHENOMENON, SHARED_FUTURE, CENTRE])


def rendered(term: Term, english: str) -> list[str]:
    """What the check takes for the term's rendering; fails on any issue."""
    check = Glossary([term]).check(term.source, english)
    assert [issue.problem for issue in check.issues] == []
    return [english[r.start : r.end] for r in check.renderings]


@pytest.mark.parametrize(
    ("term", "english", "expected"),
    [
        (CRISIS, "two crises at once", "crises"),
        (CRISIS, "the crisis", "crisis"),
        (CRISIS, "the Crises of the decade", "Crises"),
        (CRITERIA, "one criterion only", "criterion"),
        (CRITERIA, "clear criteria", "criteria"),
        (ANALYSIS, "several risk analyses", "risk analyses"),
        (CHILD, "all children", "children"),
        (PHENOMENON, "new phenomena", "phenomena"),
        (
            SHARED_FUTURE,
            "building communities with a shared future for mankind",
            "communities with a shared future for mankind",
        ),
        (CENTRE, "two data centers", "data centers"),  # spelling and number together
        (CENTRE, "the data centre's roof", "data centre's"),
        (SUMMIT, "both G20 summits", "G20 summits"),
    ],
)
def test_either_number_of_the_head_noun_is_the_rendering(
    term: Term, english: str, expected: str
) -> None:
    assert rendered(term, english) == [expected]


@pytest.mark.parametrize(
    ("term", "english"),
    [
        (CRISIS, "a crisp answer"),
        (ANALYSIS, "a risk analyst"),
        (CHILD, "childhood"),
        (CRITERIA, "criterions"),  # not an English plural, and not what inflect makes
        (SHARED_FUTURE, "community with a shared futures for mankind"),  # only the head
    ],
)
def test_other_words_are_still_missing(term: Term, english: str) -> None:
    check = Glossary([term]).check(term.source, english)
    assert [issue.problem for issue in check.issues] == [TermProblem.MISSING]


def test_forms_keep_the_case_of_the_word() -> None:
    assert set(number_forms("Crisis")) >= {"Crisis", "Crises"}
    assert set(number_forms("criteria")) >= {"criteria", "criterion"}
    assert number_forms("2030") == ("2030s", "2030")


def test_inflect_is_loaded_without_typeguard_instrumentation_and_typeguard_is_restored() -> None:
    # Instrumenting inflect's methods is what makes its import take seconds.
    code = (
        "import typeguard\n"
        "before = typeguard.typechecked\n"
        "from workbench.core.english_number import number_forms\n"
        "assert 'analyses' in number_forms('analysis')\n"
        "assert typeguard.typechecked is before\n"
        "import inflect\n"
        "names = inflect.engine.plural_noun.__code__.co_names\n"
        "assert 'TypeCheckMemo' not in names, names\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_mixed_case_words_keep_their_capitals() -> None:
    assert "SDG" in number_forms("SDGs")
    sdgs = Term("可持续发展目标", "SDGs", case=CaseRule.SENSITIVE)
    assert rendered(sdgs, "each of the SDGs") == ["SDGs"]
    assert rendered(sdgs, "the first SDG") == ["SDG"]
