"""normalize_punctuation: half-width marks in Chinese context become full-width, nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.text import (
    clean_spaces,
    count_han,
    display_width,
    is_cjk,
    normalize_punctuation,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("作为人工智能大国,中国", "作为人工智能大国，中国"),
        ("积极参与和引领人工智能全球治理(和音)", "积极参与和引领人工智能全球治理（和音）"),
        ("来源:人民日报2024-04-03 10:09", "来源：人民日报2024-04-03 10:09"),
        ("面对国际治理理念之争,中国", "面对国际治理理念之争，中国"),
        ("2023年10月,习近平", "2023年10月，习近平"),  # CJK 月 before the comma
        ("共计100,其中", "共计100，其中"),  # CJK after it
        ("使用AI,推动发展", "使用AI，推动发展"),
        ("搞“小院高墙”,利用", "搞“小院高墙”，利用"),  # the quote is skipped to find 墙
        ("这是什么?!", "这是什么？！"),
        ("一是坚持;二是推进", "一是坚持；二是推进"),
        ("人工智能(AI)技术", "人工智能（AI）技术"),
        ("(1)加强合作", "（1）加强合作"),
        ("中国 , 美国", "中国，美国"),
        ("访问https://www.gov.cn,了解更多", "访问https://www.gov.cn，了解更多"),
        ("访问 http://example.com/a,b?c=1 了解", "访问 http://example.com/a,b?c=1 了解"),
        ("邮箱a.b@example.com;谢谢", "邮箱a.b@example.com；谢谢"),
        ("２０２４年ＡＩ大会", "2024年AI大会"),
        ("\u3000\u3000作为人工智能大国", "作为人工智能大国"),
        ("  作为  人工智能", "作为 人工智能"),
        ("展示多彩文化 守护精神家园", "展示多彩文化 守护精神家园"),
        ("零\u200b宽", "零宽"),
        ("控制\x0c字符\x07", "控制字符"),
    ],
)
def test_chinese_context_is_normalized(text: str, expected: str) -> None:
    assert normalize_punctuation(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1,000 people",
        "at 10:09 today",
        "pi is 3.14",
        "Hello, world! Really? Yes; no: maybe.",
        "Hello, 世界",  # the comma belongs to the Latin word before it
        "f(x) = (a + b)",
        "比分3:2",
        "第1,2段",
        "2024-04-03 10:09:18",
        "see https://example.com/path?a=1&b=2, then",
    ],
)
def test_latin_numbers_and_urls_are_left_alone(text: str) -> None:
    assert normalize_punctuation(text) == text


def test_each_line_of_a_multiline_text_is_normalized() -> None:
    assert normalize_punctuation("  第一行,内容\n第二行:内容") == "第一行，内容\n第二行：内容"


def test_character_classes() -> None:
    assert is_cjk("中") and is_cjk("，") and is_cjk("《") and is_cjk("𠀀")
    assert not is_cjk("a") and not is_cjk("“") and not is_cjk("…") and not is_cjk("")
    assert count_han("AI人工智能2024") == 4
    assert display_width("中a") == 3
    assert clean_spaces("\u3000a\u00a0\u00a0b\tc\u200b ") == "a b c"


_MIXED = st.text(
    alphabet=st.sampled_from(
        list("中国人工智能治理abcXYZ0123456789 ,:;?!()（）。，“”\"'.\u3000-/@")
    ),
    max_size=60,
)


@given(_MIXED)
def test_normalization_is_idempotent(text: str) -> None:
    once = normalize_punctuation(text)
    assert normalize_punctuation(once) == once


@given(_MIXED)
def test_only_punctuation_width_and_spaces_change(text: str) -> None:
    wide = str.maketrans("，：；？！（）", ",:;?!()")
    strip = str.maketrans("", "", " \u3000")
    assert normalize_punctuation(text).translate(wide).translate(strip) == text.translate(
        wide
    ).translate(strip)


@given(st.text(alphabet=st.sampled_from(list("abcXYZ0123456789 ,:;?!()-./")), max_size=60))
def test_text_without_chinese_keeps_its_punctuation(text: str) -> None:
    assert normalize_punctuation(text) == clean_spaces(text)
