"""Line breaking for the grid: cell widths, CJK punctuation rules, nothing lost."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from workbench.tui.widgets.wrapping import NO_END, NO_START, wrap


def lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap(text, width)]


def test_chinese_breaks_between_characters_at_the_cell_width() -> None:
    text = "积极参与和引领人工智能全球治理"
    assert lines(text, 10) == ["积极参与和", "引领人工智", "能全球治理"]


def test_an_odd_width_never_splits_a_double_width_character() -> None:
    assert [cell_len(line) for line in lines("人工智能全球治理", 5)] == [4, 4, 4, 4]


def test_english_breaks_between_words_and_drops_the_space() -> None:
    assert lines("small yard, high fence", 11) == ["small yard,", "high fence"]


def test_a_word_longer_than_the_line_is_cut() -> None:
    assert lines("supercalifragilistic", 8) == ["supercal", "ifragili", "stic"]


def test_closing_punctuation_does_not_start_a_line() -> None:
    # 4 characters fit; the comma would start line 2, so 理 moves down with it.
    wrapped = lines("全球治理，推动", 8)
    assert wrapped == ["全球治", "理，推动"]
    assert all(line[0] not in NO_START for line in wrapped)


def test_opening_quote_does_not_end_a_line() -> None:
    wrapped = lines("坚决反对“小院高墙”", 10)
    assert all(line[-1] not in NO_END for line in wrapped)
    assert "".join(wrapped) == "坚决反对“小院高墙”"


def test_mixed_text_and_newlines() -> None:
    assert lines("2023年10月\nAI", 20) == ["2023年10月", "AI"]
    assert lines("", 10) == [""]


WORDS = st.lists(
    st.sampled_from(
        ["人工智能", "治理", "，", "。", "“", "”", "AI", "governance", " ", "2024", "年"]
    ),
    max_size=40,
)


@given(WORDS, st.integers(min_value=2, max_value=30))
def test_no_line_is_wider_than_the_width(parts: list[str], width: int) -> None:
    text = "".join(parts)
    assert all(cell_len(line) <= width for line in lines(text, width))


@given(WORDS, st.integers(min_value=2, max_value=30))
def test_only_spaces_are_lost(parts: list[str], width: int) -> None:
    text = "".join(parts)
    spans = wrap(text, width)
    assert all(a <= b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(spans))
    kept = "".join(text[a:b] for a, b in spans)
    assert kept.replace(" ", "") == text.replace(" ", "")


ENGLISH = st.lists(
    st.sampled_from(["small", "yard,", "“high", "fence”", " ", "  ", "AI—", "x" * 12])
)


@given(ENGLISH, st.integers(min_value=2, max_value=30))
def test_english_lines_match_the_general_rules(parts: list[str], width: int) -> None:
    """The fast path for English gives the lines the word-by-word algorithm gives."""
    from workbench.tui.widgets.wrapping import _Wrapper

    text = "".join(parts)
    assert wrap(text, width) == _Wrapper(text, width).run()


def test_a_closing_quote_and_comma_after_it_both_stay_off_the_line_start() -> None:
    # Seen in the 004 seed at 80 columns: ”， must not begin a line; 智 moves down with them.
    text = "商促共享，以善治促善智”，体现了两方面"
    for width in range(16, 30):
        wrapped = lines(text, width)
        assert all(line[0] not in NO_START for line in wrapped), (width, wrapped)
        assert "".join(wrapped) == text


@pytest.mark.parametrize(
    "text",
    [
        "我们支持Artificial Intelligence，也支持数字经济。",
        "会议提出了（AI）的治理办法，以及“全球倡议”。",
        "这是一个很长的句子里面有G20，还有BRICS。在这里",
        "中国两名专家入选联合国人工智能[AI Safety Summit]，积极参加",
    ],
)
def test_a_closing_mark_after_a_latin_word_takes_the_word_down_with_it(text: str) -> None:
    """，after "Summit]" at the edge: the word moves to the next line with the comma (kinsoku),
    unless the word alone fills a line."""
    for width in range(14, 61):
        lines = wrap(text, width)
        assert "".join(text[a:b] for a, b in lines).replace(" ", "") == text.replace(" ", "")
        for start, end in lines[1:]:
            assert not (start < end and text[start] in NO_START), (width, text[start:end])
