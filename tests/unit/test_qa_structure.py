"""Sentence count and length ratio: silent on good translations, loud on real gaps."""

from __future__ import annotations

from workbench.core.qa import SegmentContext, run_checks
from workbench.core.segments import ParagraphKind

FOUR = (
    "参与和引领人工智能全球治理，有助于推动建立公平公正的国际体系。"
    "当前，国际上正在深入讨论人工智能安全风险和治理原则、机制等重大问题。"
    "中国主张人工智能发展坚持智能向善宗旨，遵守适用的国际法。"
    "中国强调联合国发挥主渠道作用，在广泛参与、协商一致基础上形成国际共识。"
)
FOUR_EN = (
    "Participating in and leading global AI governance helps to build a fair and just "
    "international system. At present, major issues such as the security risks of AI and "
    "the principles and mechanisms of its governance are being discussed in depth "
    "internationally. China maintains that the development of AI should adhere to the "
    "principle of AI for good and abide by applicable international law. China stresses "
    "that the United Nations should play its role as the main channel and that international "
    "consensus should be formed on the basis of wide participation and consensus."
)


def _checks(source: str, target: str, **context: object) -> list[str]:
    ctx = SegmentContext(**context)  # type: ignore[arg-type]
    return [i.check for i in run_checks(source, target, context=ctx)]


def test_faithful_translation_passes() -> None:
    assert _checks(FOUR, FOUR_EN) == []


def test_splitting_or_joining_sentences_is_fine() -> None:
    split = FOUR_EN.replace(" and abide by", ". It should abide by")
    assert _checks(FOUR, split) == []
    joined = FOUR_EN.replace("system. At present, major", "system; at present, major")
    assert _checks(FOUR, joined) == []


def test_half_the_sentences_missing() -> None:
    first_two = ". ".join(FOUR_EN.split(". ")[:2]) + "."
    assert "sentence-count" in _checks(FOUR, first_two)


def test_many_more_sentences() -> None:
    source = "中国积极参与人工智能全球治理，推动国际合作。"
    target = "China takes part. It leads. It helps. It promotes. It cooperates."
    assert "sentence-count" in _checks(source, target)


def test_title_is_not_counted() -> None:
    title = "积极参与和引领人工智能全球治理"
    assert "sentence-count" not in _checks(
        title, "Global AI. Governance. Now. Here.", kind=ParagraphKind.TITLE
    )


def test_stored_sentences_are_used() -> None:
    target = "One sentence for all of it, which is long enough to be a fair translation of it all."
    stored = ("第一句。", "第二句。", "第三句。", "第四句。")
    assert "sentence-count" in _checks(
        "第一句第二句第三句第四句。", target, source_sentences=stored
    )


def test_omission_and_addition_by_length() -> None:
    short = "Participating in global AI governance helps to build a fair system."
    assert "length-ratio" in _checks(FOUR, short)
    padded = FOUR_EN + " " + " ".join([FOUR_EN] * 2)
    assert "length-ratio" in _checks(FOUR, padded)


def test_short_segments_are_not_judged_by_length() -> None:
    assert "length-ratio" not in _checks("人工智能全球治理行动计划", "Plan")
