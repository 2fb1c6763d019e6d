"""Core alignment: signals, the dynamic programme's link kinds, confidence, scoring."""

from __future__ import annotations

from workbench.core.align import AlignSentence, LengthModel, align, length_cost
from workbench.core.align_eval import score
from workbench.core.align_signals import (
    chinese_anchors,
    chinese_signals,
    chinese_words,
    english_anchors,
    english_signals,
    sense_keys,
)
from workbench.core.glossary import Term

# A tiny dictionary: Chinese word → English senses.
_DICT = {
    "经济": ["economy", "economic"],
    "增长": ["growth", "to grow"],
    "政府": ["government"],
    "报告": ["report"],
    "人民": ["people"],
    "生活": ["life", "living"],
    "改善": ["to improve", "improvement"],
    "天气": ["weather"],
    "晴朗": ["sunny", "clear"],
    "会议": ["meeting", "conference"],
    "举行": ["to hold", "held"],
}
_GLOSSES = {word: sense_keys(senses) for word, senses in _DICT.items()}


def _zh(texts: list[str], paragraphs: list[int] | None = None) -> list[AlignSentence]:
    paragraphs = paragraphs or list(range(len(texts)))
    out = []
    for index, text in enumerate(texts):
        words = chinese_words(text, _DICT.__contains__)
        out.append(
            AlignSentence(
                text,
                paragraphs[index],
                index == 0 or paragraphs[index - 1] != paragraphs[index],
                chinese_signals(text, (), _GLOSSES, words),
            )
        )
    return out


def _en(texts: list[str], paragraphs: list[int] | None = None) -> list[AlignSentence]:
    paragraphs = paragraphs or list(range(len(texts)))
    return [
        AlignSentence(
            text,
            paragraphs[index],
            index == 0 or paragraphs[index - 1] != paragraphs[index],
            english_signals(text, ()),
        )
        for index, text in enumerate(texts)
    ]


def test_dates_and_numbers_are_shared_anchors() -> None:
    zh = chinese_anchors("2023年10月，经济增长5.2%。", ())
    en = english_anchors("In October 2023 the economy grew by 5.2%.", ())
    assert {"n:2023", "n:10", "n:5.2"} <= zh & en


def test_enumeration_markers_match_across_scripts() -> None:
    assert "e:1" in chinese_anchors("一、总体要求", ()) & english_anchors(
        "I. General Requirements", ()
    )
    assert "e:3" in chinese_anchors("（三）加强合作", ()) & english_anchors(
        "3. Strengthen cooperation", ()
    )
    assert "e:2" not in english_anchors("I. General", ())


def test_glossary_term_anchor_needs_its_rendering() -> None:
    term = Term("全球南方", "Global South")
    assert "t:全球南方" in chinese_anchors("帮助全球南方发展。", (term,))
    assert "t:全球南方" in english_anchors("help the Global South develop.", (term,))
    assert "t:全球南方" not in english_anchors("help developing countries.", (term,))


def test_length_cost_grows_with_the_mismatch() -> None:
    model = LengthModel(3.0, 12.0)
    assert length_cost(10, 30, model) < length_cost(10, 60, model) < length_cost(10, 120, model)


def test_one_to_two_and_a_translators_line_left_alone() -> None:
    zh = _zh(["政府报告指出，经济增长较快，人民生活明显改善。", "会议在北京举行。"])
    en = _en(
        [
            "The government report notes that the economy grew fast.",
            "People's living standards improved markedly.",
            "(Translator's note: quoted from the press release, with a sunny weather remark.)",
            "The meeting was held in Beijing.",
        ],
        [0, 0, 1, 2],
    )
    links = align(zh, en, model=LengthModel(3.0, 12.0))
    assert [(link.zh, link.en) for link in links] == [((0,), (0, 1)), ((), (2,)), ((1,), (3,))]
    assert all(0.0 <= link.confidence <= 1.0 for link in links)


def test_untranslated_chinese_sentence_is_left_out() -> None:
    zh = _zh(["政府报告指出经济增长较快。", "今天天气晴朗。", "会议在北京举行。"], [0, 0, 0])
    en = _en(
        ["The government report says the economy grew fast.", "The meeting was held in Beijing."],
        [0, 0],
    )
    links = align(zh, en, model=LengthModel(3.0, 12.0))
    assert [(link.zh, link.en) for link in links] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_two_to_one() -> None:
    zh = _zh(["政府报告发布。", "经济增长较快。", "会议在北京举行。"], [0, 0, 1])
    en = _en(
        ["The government report shows the economy grew fast.", "The meeting was held in Beijing."]
    )
    links = align(zh, en, model=LengthModel(3.0, 12.0))
    assert [(link.zh, link.en) for link in links] == [((0, 1), (0,)), ((2,), (1,))]


def test_score_counts_exact_pairs_and_bad_links() -> None:
    gold = [("经济，增长。", "The economy grew."), ("会议举行。", "The meeting was held.")]
    predicted = [
        ("经济,增长。", "The  economy grew."),
        ("会议举行。", "The meeting was held. Note: x"),
    ]
    result = score(predicted, gold, unlinked=["Note: x"])
    assert (result.correct, result.recall, result.bad_links) == (1, 0.5, 1)
