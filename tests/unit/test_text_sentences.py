"""split_sentences: rule-based Chinese and English sentence splitting."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "倡议聚焦人工智能。近半年来，中国积极落实倡议。",
            ["倡议聚焦人工智能。", "近半年来，中国积极落实倡议。"],
        ),
        ("为什么？该如何改善！就这样。", ["为什么？", "该如何改善！", "就这样。"]),
        ("这是什么?真的吗!是的。", ["这是什么?", "真的吗!", "是的。"]),  # half-width after CJK
        ("真的吗？！是的。", ["真的吗？！", "是的。"]),
        # Closing quotes and brackets stay with their sentence.
        ("他说：“我们要坚持。”然后他走了。", ["他说：“我们要坚持。”", "然后他走了。"]),
        ("书名是《你好！》。下一句。", ["书名是《你好！》。", "下一句。"]),
        ("（这是括号里的话。）后面的话。", ["（这是括号里的话。）", "后面的话。"]),
        # No split inside a quotation that continues.
        (
            "他说：“我们要坚持。我们要努力。”然后他走了。",
            ["他说：“我们要坚持。我们要努力。”", "然后他走了。"],
        ),
        # Semicolons do not end sentences.
        (
            "一是加强合作；二是深化交流；三是共享成果。",
            ["一是加强合作；二是深化交流；三是共享成果。"],
        ),
        # An ellipsis ends a sentence unless a comma continues it.
        ("等等……他来了。", ["等等……", "他来了。"]),
        ("等等……，然后他来了。", ["等等……，然后他来了。"]),
        # A stray opening quote does not swallow the rest of the paragraph.
        ("他说：“开始。第二句。第三句。", ["他说：“开始。", "第二句。", "第三句。"]),
        ("正因如此。“这项工作开辟了新路径。", ["正因如此。", "“这项工作开辟了新路径。"]),
        # Whitespace between sentences goes.
        ("  第一句。  第二句。 ", ["第一句。", "第二句。"]),
        ("第一段没有句号\n\n第二段", ["第一段没有句号", "第二段"]),
        ("没有结束标点", ["没有结束标点"]),
        ("", []),
    ],
)
def test_chinese(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It works. It is fast.", ["It works.", "It is fast."]),
        ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
        (
            "Mr. Smith met Dr. Li in the U.S. Capital.",
            ["Mr. Smith met Dr. Li in the U.S. Capital."],
        ),
        ("J. K. Rowling wrote it. Then she left.", ["J. K. Rowling wrote it.", "Then she left."]),
        ("It grew 3.5 percent. The rest fell.", ["It grew 3.5 percent.", "The rest fell."]),
        ('He said "Stop. Go." Then he left.', ['He said "Stop. Go."', "Then he left."]),
        ("It ended (finally.) Next one.", ["It ended (finally.)", "Next one."]),
        ("see e.g. the report. The end.", ["see e.g. the report.", "The end."]),
        ("lower case. continues here.", ["lower case. continues here."]),
        ("Visit www.gov.cn today. Thanks.", ["Visit www.gov.cn today.", "Thanks."]),
        ("The initiative. 中国方案。", ["The initiative.", "中国方案。"]),
        ("1. Promote AI Connectivity", ["1. Promote AI Connectivity"]),
        ("IV. Actions. The plan follows.", ["IV. Actions.", "The plan follows."]),
        ("Chapter 1. The end.", ["Chapter 1.", "The end."]),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_dev_pair_sentence_counts() -> None:
    zh = (
        "人工智能是人类发展的新领域。当前，全球人工智能技术快速发展，对经济社会发展和人类文明进步产生深远影响，"
        "给世界带来巨大机遇。与此同时，人工智能技术也带来难以预知的各种风险和复杂挑战。"
    )
    en = (
        "AI is a new frontier in human development. Currently, the fast development of AI "
        "around the globe has exerted profound influence on socioeconomic development. "
        "It brings huge opportunities. "
        "Meanwhile, AI also brings unpredictable risks and complicated challenges."
    )
    assert len(split_sentences(zh)) == 3
    assert len(split_sentences(en)) == 4


_ALPHABET = list("中国人工智能治理abcXYZ09 \n。！？!?…；;，,.“”‘’「」『』（）()《》【】\"'")


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80))
def test_sentences_are_the_text_minus_whitespace_between_them(text: str) -> None:
    sentences = split_sentences(text)
    assert "".join(sentences) == _remove_gaps(text, sentences)
    for sentence in sentences:
        assert sentence and sentence == sentence.strip()


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80))
def test_no_text_is_lost_or_invented(text: str) -> None:
    assert re.sub(r"\s", "", "".join(split_sentences(text))) == re.sub(r"\s", "", text)


def _remove_gaps(text: str, sentences: list[str]) -> str:
    """`text` with the whitespace before, between and after the sentences removed, checking
    that only whitespace lies there and that the sentences appear in order."""
    kept: list[str] = []
    cursor = 0
    for sentence in sentences:
        start = text.index(sentence, cursor)
        assert not text[cursor:start].strip(), "only whitespace may separate sentences"
        kept.append(text[start : start + len(sentence)])
        cursor = start + len(sentence)
    assert not text[cursor:].strip()
    return "".join(kept)
