"""Term mining from aligned pairs: glossary renderings and new phrase candidates."""

from __future__ import annotations

from workbench.core.align_terms import AlignedText, phrase_candidates, renderings, term_uses
from workbench.core.glossary import Glossary, Term

GLOSSARY = Glossary(
    [
        Term("全球南方", "Global South"),
        Term("联合国", "United Nations", variants=("UN",)),
        Term("数字鸿沟", "digital divide"),
    ]
)
PAIRS = [
    AlignedText("帮助全球南方发展。", "Help the Global South develop.", 0.9),
    AlignedText("联合国发挥作用。", "The UN plays its role.", 0.8),
    AlignedText("联合国大会召开。", "The United Nations General Assembly met.", 0.8),
    AlignedText("弥合数字鸿沟。", "Bridge the digital gap.", 0.7),
    AlignedText("新质生产力发展很快。", "New quality productive forces grow fast.", 0.9),
    AlignedText("发展新质生产力。", "Develop new quality productive forces.", 0.9),
    AlignedText("我们支持新质生产力。", "We support new quality productive forces.", 0.6),
    AlignedText("天气很好。", "The weather is fine.", 0.9),
]


def test_term_uses_sort_approved_variant_and_other() -> None:
    uses = {u.term.source: u for u in term_uses(PAIRS, GLOSSARY)}
    assert (uses["全球南方"].approved, uses["全球南方"].variant, uses["全球南方"].other) == (
        1,
        0,
        0,
    )
    assert (uses["联合国"].approved, uses["联合国"].variant) == (1, 1)
    divide = uses["数字鸿沟"]
    assert divide.other == 1 and not divide.consistent
    assert divide.examples[0].zh == "弥合数字鸿沟。"
    assert divide.proposal is not None
    assert term_uses(PAIRS, GLOSSARY)[0].term.source == "数字鸿沟"  # inconsistent first


def test_new_phrase_gets_its_rendering_with_evidence() -> None:
    found = {c.chinese: c for c in phrase_candidates(PAIRS, GLOSSARY)}
    assert "新质生产力" in found
    candidate = found["新质生产力"]
    assert candidate.count == 3
    assert candidate.renderings[0].english.lower() in {
        "new quality productive forces",
        "quality productive forces",
        "productive forces",
    }
    assert candidate.renderings[0].together == 3
    assert len(candidate.examples) == 3
    assert candidate.confidence == round((0.9 + 0.9 + 0.6) / 3, 3)


def test_dictionary_glosses_break_ties() -> None:
    pairs = [
        AlignedText("赞比亚代表发言。", "The delegate of Zambia spoke.", 0.9),
        AlignedText("赞比亚代表出席。", "The delegate of Zambia attended.", 0.9),
    ]
    plain = renderings("赞比亚", pairs, pairs)
    confirmed = renderings("赞比亚", pairs, pairs, glosses=lambda _: frozenset({"zambi"}))
    assert confirmed[0].english == "Zambia"
    assert plain[0].score == confirmed[0].score  # the dictionary only orders ties
