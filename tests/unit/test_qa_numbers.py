"""Numbers, dates and amounts: the reading of both languages and the three number checks."""

from __future__ import annotations

import pytest

from workbench.core.numbers import (
    Approx,
    Strength,
    extract_chinese,
    extract_english,
    parse_chinese_numeral,
)
from workbench.core.qa import run_checks


def _ids(source: str, target: str) -> list[str]:
    return [issue.check for issue in run_checks(source, target)]


def _zh_values(text: str, strength: Strength | None = None) -> list[float]:
    return [
        q.value
        for q in extract_chinese(text).quantities
        if strength is None or q.strength is strength
    ]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("二", 2),
        ("两", 2),
        ("十", 10),
        ("十四", 14),
        ("二十", 20),
        ("一百零五", 105),
        ("三千万", 30_000_000),
        ("一亿三千万", 130_000_000),
        ("万亿", 10**12),
        ("二〇二三", 2023),
        ("三四", None),  # "three or four"
        ("十十", None),
    ],
)
def test_parse_chinese_numeral(numeral: str, value: int | None) -> None:
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("2023年10月", [2023, 10]),
        ("7月4日至6日", [7, 4, 6]),
        ("1.4万亿斤", [1.4e12]),
        ("14298亿斤", [1.4298e12]),
        ("2009.2万个", [20_092_000]),
        ("第42次南极考察", [42]),
        ("2018—2020年", [2018, 2020]),
        ("增长5%", [5]),
        ("百分之五", [5]),
        ("10万个/厘米", [100_000]),
    ],
)
def test_chinese_values(text: str, values: list[float]) -> None:
    assert _zh_values(text) == pytest.approx(values)


def test_chinese_numerals_count_only_in_a_quantity_context() -> None:
    assert _zh_values("中国两名专家入选", Strength.NUMERAL) == [2]
    assert _zh_values("本届大会主要有三方面亮点", Strength.NUMERAL) == [3]
    assert _zh_values("第二次会议", Strength.NUMERAL) == [2]
    # Ordinary words with numerals: nothing required.
    for text in (
        "与各方一道",
        "进一步参与",
        "赋能千行百业",
        "一是搭建平台",
        "一个中国",
        "十分重要",
    ):
        assert _zh_values(text, Strength.NUMERAL) == [], text


def test_names_with_numerals_are_not_quantities() -> None:
    assert _zh_values("引导二十国集团、金砖国家", Strength.NUMERAL) == []
    assert _zh_values("十四五规划", Strength.NUMERAL) == []


def test_approximations_in_chinese() -> None:
    [sixty] = extract_chinese("60余家企业").quantities
    assert sixty.approx is Approx.MORE
    [thirty] = extract_chinese("从业30多年").quantities
    assert thirty.approx is Approx.MORE
    [about] = extract_chinese("约50人").quantities
    assert about.approx is Approx.ABOUT
    [recent] = extract_chinese("近3年来").quantities
    assert recent.approx is None  # 近3年 is "the past three years"


def test_codes_are_compared_as_strings() -> None:
    assert [c.text for c in extract_chinese("决议(A/RES/78/311)和5G网络").codes] == [
        "A/RES/78/311",
        "5G",
    ]
    assert [c.text for c in extract_english("G20, COVID-19 and 60-plus firms").codes] == [
        "G20",
        "COVID-19",
    ]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("In October 2023", [10, 2023]),
        ("July 4–6", [7, 4, 6]),
        ("1.4 trillion jin", [1.4e12]),
        ("1,429.8 billion jin", [1.4298e12]),
        ("the 42nd expedition", [42]),
        ("twenty-five thousand people", [25_000]),
        ("one hundred and five", [105]),
        ("5 percent", [5]),
        ("Two Chinese experts", [2]),
        ("in the 1980s", [80]),  # 80 and 1980
        ("Phase II", [2]),
    ],
)
def test_english_values(text: str, values: list[float]) -> None:
    found = extract_english(text).quantities
    assert [q.value for q in found] == pytest.approx(values)


def test_may_is_a_month_only_in_a_date() -> None:
    assert extract_english("We may meet.").quantities == ()
    assert [q.value for q in extract_english("in May 2024").quantities] == [5, 2024]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("2023年10月，习近平主席宣布。", "In October 2023, President Xi announced it."),
        ("会议于7月4日至6日举行。", "The meeting is held on July 4–6."),
        ("会议于7月4日至6日举行。", "The meeting is held from July 4 to 6."),
        ("已邀请60余家企业参展。", "More than 60 companies have been invited."),
        ("稳定在1.4万亿斤以上。", "It stayed above 1.4 trillion jin."),
        ("达到14298亿斤。", "It reached 1.4298 trillion jin."),
        ("中国两名专家入选。", "Two Chinese experts were selected."),
        ("增长百分之五。", "It grew by 5 percent."),
        ("增长5%。", "It grew by five percent."),
        ("第42次南极考察队出发。", "The 42nd Antarctic expedition set off."),
        ("引导二十国集团开展合作。", "It guided the G20 in cooperation."),
        ("研究了2018—2020年的流行。", "It studied the 2018-2020 epidemic."),
        ("作为从业30多年的医生。", "As a doctor with over 30 years of practice."),
        ("2024年也是如此。", "So it was in 2024."),
        ("十余年前。", "More than ten years ago."),
    ],
)
def test_good_numbers_pass(source: str, target: str) -> None:
    assert _ids(source, target) == []


def test_wrong_year_is_reported_both_ways() -> None:
    issues = run_checks("2023年10月，倡议提出。", "In October 2022, the Initiative was proposed.")
    assert [i.check for i in issues] == ["number-mismatch", "number-mismatch"]
    missing, extra = issues
    assert "2023" in missing.message and missing.source_spans[0].start == 0
    assert "2022" in extra.message
    target = "In October 2022, the Initiative was proposed."
    span = extra.target_spans[0]
    assert target[span.start : span.end] == "2022"


def test_message_shows_a_unit_after_the_number_but_not_the_next_word() -> None:
    [issue] = run_checks("举办2024世界人工智能大会。", "It holds the World AI Conference.")
    assert "“2024”" in issue.message and "世" not in issue.message
    [issue] = run_checks("60余家企业参展。", "Companies take part.")
    assert "“60余”" in issue.message


def test_wrong_amount_and_missing_code() -> None:
    assert "number-mismatch" in _ids("达到1.4万亿斤。", "It reached 1.4 billion jin.")
    assert "number-mismatch" in _ids("决议(A/RES/78/311)", "the resolution")


def test_missing_counted_numeral_is_a_warning() -> None:
    [issue] = run_checks("本届大会主要有三方面亮点：", "The conference has these highlights:")
    assert issue.check == "numeral-mismatch"
    assert issue.severity.value == "warning"


def test_a_count_that_sums_up_a_list_is_implied_by_the_english_list() -> None:
    english = "China's approach across development, security and governance."
    assert _ids("围绕人工智能发展、安全、治理三方面阐述中国方案。", english) == []
    assert _ids("围绕发展、安全和治理三个方面阐述中国方案。", english) == []
    assert _ids("围绕发展、安全、治理等三方面阐述中国方案。", english) == []
    # The count does not match the list, or there is no list: the numeral must be there.
    assert _ids("围绕发展、安全四方面阐述中国方案。", english) == ["numeral-mismatch"]
    assert _ids("体现了两方面的办会初衷。", "It reflects the purpose of the conference.") == [
        "numeral-mismatch"
    ]


def test_approximation_dropped_or_reversed() -> None:
    assert _ids("已邀请60余家企业。", "60 companies have been invited.") == ["number-approximation"]
    assert _ids("已邀请60余家企业。", "Nearly 60 companies have been invited.") == [
        "number-approximation"
    ]
    assert _ids("近60家企业。", "Nearly 60 companies.") == []
    assert _ids("约60家企业。", "About 60 companies.") == []
