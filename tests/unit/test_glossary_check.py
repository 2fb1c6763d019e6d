"""The English side: renderings found with tolerant matching, missing and forbidden ones."""

from __future__ import annotations

import pytest

from workbench.core.glossary import (
    CaseRule,
    Glossary,
    RenderingSpan,
    SegmentCheck,
    Term,
    TermIssue,
    TermProblem,
    TermStatus,
    find_forbidden,
    find_renderings,
)

YARD = Term(
    "小院高墙",
    "small yard, high fence",
    forbidden=("small courtyard, high wall", "small yard with high walls"),
)
BELT_AND_ROAD = Term(  # the forbidden rendering contains the approved one
    "一带一路",
    "Belt and Road",
    variants=("Belt and Road Initiative",),
    forbidden=("One Belt, One Road", "Belt and Road strategy"),
)
TRUE_MULTILATERALISM = Term(  # the approved rendering contains the forbidden one
    "真正的多边主义", "true multilateralism", forbidden=("multilateralism",)
)
SHARED_FUTURE = Term(
    "人类命运共同体",
    "community with a shared future for mankind",
    variants=("community with a shared future for humanity",),
    forbidden=("community of common destiny",),
)
PEOPLE_CENTRED = Term("以人为本", "people-centered")
MULTI_STAKEHOLDER = Term("多利益攸关方", "multi-stakeholder")
DEVELOPING = Term("发展中国家", "developing countries")
DIVIDE = Term("数字鸿沟", "digital divide")
GLOBAL_SOUTH = Term("全球南方", "Global South", case=CaseRule.SENSITIVE)
POLITBURO = Term(
    "中共中央政治局委员",
    "member of the Political Bureau of the CPC Central Committee",
    case=CaseRule.SENSITIVE,
)
CIVILIZATION = Term("全球文明倡议", "Global Civilization Initiative", case=CaseRule.SENSITIVE)
CONSULTATION = Term(
    "共商共建共享", "extensive consultation, joint contribution and shared benefits"
)
DEMOCRACY = Term("全过程人民民主", "whole-process people's democracy")
UN = Term("联合国", "United Nations", variants=("UN",), case=CaseRule.SENSITIVE)
AI = Term("人工智能", "AI", variants=("artificial intelligence",))
AI_GOVERNANCE = Term("人工智能全球治理", "global AI governance")
INITIATIVE = Term(
    "全球人工智能治理倡议", "Global AI Governance Initiative", case=CaseRule.SENSITIVE
)
AI_FOR_GOOD = Term("智能向善", "AI for good", status=TermStatus.CANDIDATE)

GLOSSARY = Glossary(
    [
        YARD,
        BELT_AND_ROAD,
        TRUE_MULTILATERALISM,
        SHARED_FUTURE,
        PEOPLE_CENTRED,
        MULTI_STAKEHOLDER,
        DEVELOPING,
        DIVIDE,
        GLOBAL_SOUTH,
        POLITBURO,
        CIVILIZATION,
        CONSULTATION,
        DEMOCRACY,
        UN,
        AI,
        AI_GOVERNANCE,
        INITIATIVE,
        AI_FOR_GOOD,
    ]
)


def problems(check: SegmentCheck) -> list[tuple[str, TermProblem, str]]:
    return [(i.term.source, i.problem, i.found) for i in check.issues]


def rendered(check: SegmentCheck, english: str) -> list[tuple[str, str]]:
    return [(r.term.source, english[r.start : r.end]) for r in check.renderings]


def assert_rendered(term: Term, english: str, expected: str) -> None:
    check = GLOSSARY.check(term.source, english)
    assert check.ok, problems(check)
    assert rendered(check, english) == [(term.source, expected)]


def assert_missing(term: Term, english: str) -> None:
    check = GLOSSARY.check(term.source, english)
    assert problems(check) == [(term.source, TermProblem.MISSING, "")]
    assert check.renderings == ()


# -- tolerant matching -----------------------------------------------------------------------


def test_coordinated_modifiers_share_the_head_and_both_terms_count() -> None:
    intelligence_divide = Term("智能鸿沟", "intelligence divide")
    glossary = Glossary([DIVIDE, intelligence_divide])
    english = "to bridge the widening digital and intelligence divides"
    check = glossary.check("弥合数字鸿沟和智能鸿沟", english)
    assert check.ok, problems(check)
    assert rendered(check, english) == [
        ("数字鸿沟", "digital and intelligence divides"),
        ("智能鸿沟", "intelligence divides"),
    ]
    assert glossary.check("数字鸿沟", "digital, data and AI divides").ok
    assert not glossary.check("数字鸿沟", "digital skills and the divide").ok
    # Names are matched as written: no "Belt and Silk Road Initiative".
    assert_missing(BELT_AND_ROAD, "the Belt and Silk Road Initiative")


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("China opposes a small yard, high fence.", "small yard, high fence"),
        ("China opposes a SMALL YARD, HIGH FENCE.", "SMALL YARD, HIGH FENCE"),
        ("opposes “small yard, high fence” policies", "small yard, high fence"),
        ("a small  yard,\nhigh   fence approach", "small  yard,\nhigh   fence"),
        ("a small yard high fence", "small yard high fence"),  # comma left out
        ("a small yard, high fences", "small yard, high fences"),  # plural head noun
    ],
)
def test_case_quotes_spacing_and_comma(english: str, expected: str) -> None:
    assert_rendered(YARD, english, expected)


def test_only_the_head_noun_is_inflected() -> None:
    assert_missing(YARD, "small yards, high fences")
    assert_missing(SHARED_FUTURE, "community with a shared futures for mankind")


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("a people-centered approach", "people-centered"),
        ("a people-centred approach", "people-centred"),  # British spelling
        ("a people centred approach", "people centred"),  # space for hyphen
        ("a people–centred approach", "people–centred"),  # en dash
        ("a people — centered approach", "people — centered"),
    ],
)
def test_hyphens_dashes_and_spelling(english: str, expected: str) -> None:
    assert_rendered(PEOPLE_CENTRED, english, expected)


def test_hyphen_may_be_closed_up() -> None:
    assert_rendered(MULTI_STAKEHOLDER, "a multistakeholder approach", "multistakeholder")


def test_word_boundaries_on_the_latin_side() -> None:
    assert_missing(AI, "China will maintain its position")  # 'ai' inside 'maintain'
    assert_missing(UN, "an UNESCO programme")


@pytest.mark.parametrize(
    ("term", "english", "expected"),
    [
        (DEVELOPING, "as a developing country, China", "developing country"),
        (DEVELOPING, "developing countries' voice", "developing countries"),
        (DIVIDE, "bridging digital divides", "digital divides"),
        (
            SHARED_FUTURE,
            "building communities with a shared future for mankind",
            "communities with a shared future for mankind",
        ),  # the noun before a prepositional phrase is a head too
        (DIVIDE, "the digital divide's effects", "digital divide's"),
        (GLOBAL_SOUTH, "the Global South’s voice", "Global South’s"),
        (
            CONSULTATION,
            "extensive consultation, joint contribution and shared benefit",
            "extensive consultation, joint contribution and shared benefit",
        ),
        (
            CONSULTATION,
            "extensive consultation, joint contribution, and shared benefits",
            "extensive consultation, joint contribution, and shared benefits",
        ),  # serial comma
    ],
)
def test_number_and_possessive_of_the_head_noun(term: Term, english: str, expected: str) -> None:
    assert_rendered(term, english, expected)


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("the Global Civilization Initiative", "Global Civilization Initiative"),
        ("the Global Civilisation Initiative", "Global Civilisation Initiative"),
    ],
)
def test_british_and_american_spelling_in_case_sensitive_terms(english: str, expected: str) -> None:
    assert_rendered(CIVILIZATION, english, expected)


def test_curly_and_straight_apostrophes() -> None:
    assert_rendered(
        DEMOCRACY, "whole-process people’s democracy", "whole-process people’s democracy"
    )
    assert_rendered(
        DEMOCRACY, "whole process people's democracy", "whole process people's democracy"
    )


def test_dotted_acronym() -> None:
    assert_rendered(UN, "the U.N. General Assembly", "U.N.")
    assert_rendered(UN, "the UN General Assembly", "UN")


# -- case ------------------------------------------------------------------------------------


def test_case_sensitive_term_needs_its_capitals() -> None:
    assert_rendered(GLOBAL_SOUTH, "countries of the Global South", "Global South")
    assert_missing(GLOBAL_SOUTH, "countries of the global south")
    assert_missing(INITIATIVE, "the global AI governance initiative")


def test_case_sensitive_term_may_be_capitalised_at_a_sentence_start() -> None:
    english = "Member of the Political Bureau of the CPC Central Committee Wang Yi attended."
    assert_rendered(POLITBURO, english, english[: english.index(" Wang")])
    after_heading = "Lin Jian: Member of the Political Bureau of the CPC Central Committee Wang Yi"
    assert GLOSSARY.check(POLITBURO.source, after_heading).ok


def test_capitalised_case_sensitive_term_mid_sentence_is_missing() -> None:
    assert_missing(
        POLITBURO, "Wang Yi, Member of the Political Bureau of the CPC Central Committee"
    )
    assert_rendered(
        POLITBURO,
        "Wang Yi, member of the Political Bureau of the CPC Central Committee",
        "member of the Political Bureau of the CPC Central Committee",
    )


def test_insensitive_term_ignores_case() -> None:
    english = "The Community With A Shared Future For Mankind"
    assert_rendered(SHARED_FUTURE, english, english[4:])


# -- missing, forbidden, overlaps ------------------------------------------------------------


def test_forbidden_rendering_is_reported_with_its_span() -> None:
    english = "It opposes building a “small yard with high walls” in AI."
    check = GLOSSARY.check("反对搞“小院高墙”", english)
    assert problems(check) == [
        ("小院高墙", TermProblem.FORBIDDEN, "small yard with high walls"),
        ("小院高墙", TermProblem.MISSING, ""),
    ]
    issue = check.issues[0]
    assert english[issue.start : issue.end] == "small yard with high walls"


def test_forbidden_and_approved_both_present_reports_only_forbidden() -> None:
    english = "a small yard, high fence, not a small courtyard, high wall"
    check = GLOSSARY.check("小院高墙", english)
    assert problems(check) == [("小院高墙", TermProblem.FORBIDDEN, "small courtyard, high wall")]
    assert rendered(check, english) == [("小院高墙", "small yard, high fence")]


def test_approved_inside_a_longer_forbidden_rendering_does_not_count() -> None:
    english = "China's Belt and Road strategy"
    check = GLOSSARY.check("一带一路", english)
    assert problems(check) == [
        ("一带一路", TermProblem.FORBIDDEN, "Belt and Road strategy"),
        ("一带一路", TermProblem.MISSING, ""),
    ]
    assert check.renderings == ()


def test_approved_rendering_is_not_mistaken_for_a_longer_forbidden_one() -> None:
    english = "the Belt and Road Initiative and Belt and Road cooperation"
    check = GLOSSARY.check("一带一路", english)
    assert check.ok
    assert rendered(check, english) == [
        ("一带一路", "Belt and Road Initiative"),
        ("一带一路", "Belt and Road"),
    ]


def test_forbidden_inside_a_longer_approved_rendering_is_not_reported() -> None:
    english = "We practise true multilateralism."
    check = GLOSSARY.check("践行真正的多边主义", english)
    assert check.ok
    assert rendered(check, english) == [("真正的多边主义", "true multilateralism")]


def test_forbidden_outside_the_approved_rendering_is_reported() -> None:
    english = "We practise multilateralism."
    check = GLOSSARY.check("践行真正的多边主义", english)
    assert problems(check) == [
        ("真正的多边主义", TermProblem.FORBIDDEN, "multilateralism"),
        ("真正的多边主义", TermProblem.MISSING, ""),
    ]


def test_variant_satisfies_the_check() -> None:
    english = "a community with a shared future for humanity"
    assert rendered(GLOSSARY.check("人类命运共同体", english), english) == [
        ("人类命运共同体", "community with a shared future for humanity")
    ]


def test_rendering_of_a_term_inside_another_terms_rendering_does_not_count() -> None:
    chinese = "全球人工智能治理倡议为人工智能全球治理提供了遵循"
    only_initiative = "The Global AI Governance Initiative provides guidance."
    check = GLOSSARY.check(chinese, only_initiative)
    assert problems(check) == [("人工智能全球治理", TermProblem.MISSING, "")]
    both = "The Global AI Governance Initiative provides guidance for global AI governance."
    check = GLOSSARY.check(chinese, both)
    assert check.ok
    assert rendered(check, both) == [
        ("全球人工智能治理倡议", "Global AI Governance Initiative"),
        ("人工智能全球治理", "global AI governance"),
    ]


def test_term_twice_in_chinese_needs_one_english_occurrence() -> None:
    chinese = "发展中国家的权利，发展中国家的发言权"
    assert GLOSSARY.check(chinese, "the rights and the voice of developing countries").ok
    check = GLOSSARY.check(chinese, "the rights and voice of poor countries")
    assert problems(check) == [("发展中国家", TermProblem.MISSING, "")]  # reported once


def test_forbidden_rendering_only_checked_when_the_term_is_in_the_chinese() -> None:
    assert GLOSSARY.check("全球南方", "the Global South, not a community of common destiny").ok


def test_candidates_are_checked_only_on_request() -> None:
    chinese, english = "坚持智能向善", "adhere to ethical AI"
    assert GLOSSARY.check(chinese, english) == SegmentCheck((), (), ())
    check = GLOSSARY.check(chinese, english, include_candidates=True)
    assert problems(check) == [("智能向善", TermProblem.MISSING, "")]


def test_check_result_types() -> None:
    english = "bridge the digital divide"
    check = GLOSSARY.check("弥合数字鸿沟", english)
    assert check.hits[0].term == DIVIDE and (check.hits[0].start, check.hits[0].end) == (2, 6)
    assert check.renderings == (RenderingSpan(DIVIDE, 11, 25),)
    assert check.ok


def test_per_term_helpers() -> None:
    english = "Belt and Road Initiative, not One Belt One Road"
    assert [english[r.start : r.end] for r in find_renderings(BELT_AND_ROAD, english)] == [
        "Belt and Road Initiative"
    ]
    assert find_forbidden(BELT_AND_ROAD, english) == [
        TermIssue(BELT_AND_ROAD, TermProblem.FORBIDDEN, "One Belt One Road", 30, 47)
    ]
