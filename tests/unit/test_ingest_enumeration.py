"""find_enumeration_problems: paragraph-leading ordinals out of order."""

from __future__ import annotations

import pytest

from workbench.core.enumeration import chinese_number
from workbench.core.ingest import find_enumeration_problems

BODY = "内容。"


def test_the_004_pattern() -> None:
    paragraphs = [
        "外交部司长表示。",
        "体现了两方面的办会初衷：一是搭建平台。二是通过讨论。",  # inline: not items
        "今年1月。",
        "二是高标准办好产业发展论坛。",
        "本届大会主要有三方面亮点：",
        "一是高质量展示人工智能产业创新成果。",
        "关于人工智能全球治理。",
        "三是高水平推动国际合作成果落地。",
    ]
    assert find_enumeration_problems(paragraphs) == [
        "enumeration out of order: "
        "paragraph 4 starts with 二是 before paragraph 6 starting with 一是"
    ]


@pytest.mark.parametrize(
    "markers",
    [
        ["一是", "二是", "三是"],
        ["第一，", "第二，", "第三，"],
        ["首先，", "其次，", "最后，"],
        ["（一）", "（二）", "（三）"],
        ["一、", "二、", "三、"],
        ["1.", "2.", "3."],
        ["(1)", "(2)", "(3)"],
        ["①", "②", "③"],
        ["第一条", "第二条", "第三条"],
        ["九是", "十是", "十一是"],
    ],
)
def test_in_order_is_fine(markers: list[str]) -> None:
    assert find_enumeration_problems([m + BODY for m in markers]) == []


@pytest.mark.parametrize(
    ("markers", "expected"),
    [
        (
            ["一是", "三是", "二是"],
            "paragraph 2 starts with 三是 before paragraph 3 starting with 二是",
        ),
        (
            ["第二，", "第一，"],
            "paragraph 1 starts with 第二 before paragraph 2 starting with 第一",
        ),
        (
            ["其次，", "首先，"],
            "paragraph 1 starts with 其次 before paragraph 2 starting with 首先",
        ),
        (
            ["最后，", "其次，"],
            "paragraph 1 starts with 最后 before paragraph 2 starting with 其次",
        ),
        (
            ["（二）", "（一）"],
            "paragraph 1 starts with （二） before paragraph 2 starting with （一）",
        ),
        (["2.", "1."], "paragraph 1 starts with 2. before paragraph 2 starting with 1."),
        (["②", "①"], "paragraph 1 starts with ② before paragraph 2 starting with ①"),
    ],
)
def test_out_of_order_is_reported(markers: list[str], expected: str) -> None:
    assert find_enumeration_problems([m + BODY for m in markers]) == [
        f"enumeration out of order: {expected}"
    ]


def test_two_separate_lists_are_fine() -> None:
    paragraphs = [
        "一是" + BODY,
        "二是" + BODY,
        "三是" + BODY,
        "过渡段落。",
        "一是" + BODY,
        "二是" + BODY,
    ]
    assert find_enumeration_problems(paragraphs) == []


def test_a_list_opened_inside_a_paragraph() -> None:
    paragraphs = [
        "主要有三方面：一是加强合作。",
        "二是" + BODY,
        "三是" + BODY,
        "另外还有两点：一是深化交流。",
        "二是" + BODY,
    ]
    assert find_enumeration_problems(paragraphs) == []


def test_list_starting_at_two_after_an_inline_first_item() -> None:
    assert find_enumeration_problems(["总的来说：一是坚持。", "二是" + BODY, "三是" + BODY]) == []


def test_ordinals_inside_paragraphs_never_count() -> None:
    paragraphs = [
        "我们要做到三是：一是、二是。",
        "统一是关键。",
        "第二届大会开幕。",
        "第一次会议。",
    ]
    assert find_enumeration_problems(paragraphs) == []


def test_words_that_merely_start_like_ordinals_are_not_items() -> None:
    # 第二届, 第一次, 最后一公里, 2024. are not enumeration markers.
    paragraphs = [
        "第二届大会开幕。",
        "第一次会议召开。",
        "最后一公里问题。",
        "2024.年度报告。",
        "3.5%的增长。",
    ]
    assert find_enumeration_problems(paragraphs) == []


def test_families_are_independent() -> None:
    # 一、 with （一）（二） under each heading is a normal outline.
    paragraphs = [
        "一、总体要求",
        "（一）" + BODY,
        "（二）" + BODY,
        "二、重点任务",
        "（一）" + BODY,
        "（二）" + BODY,
    ]
    assert find_enumeration_problems(paragraphs) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("两", 2),
        ("", None),
        ("百", None),
    ],
)
def test_chinese_numbers(text: str, value: int | None) -> None:
    assert chinese_number(text) == value
