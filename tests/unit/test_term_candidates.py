"""Candidate terms: frequent n-grams of a project that the glossary does not have."""

from __future__ import annotations

from workbench.core.term_candidates import suggest_candidates


def texts(*parts: str) -> list[str]:
    return list(parts)


def found(candidates: list) -> list[str]:  # type: ignore[type-arg]
    return [c.text for c in candidates]


def test_recurring_phrase_in_varied_contexts_is_proposed() -> None:
    result = suggest_candidates(
        texts("我们讨论数字鸿沟问题。", "弥合数字鸿沟需要合作。", "数字鸿沟正在扩大。")
    )
    assert "数字鸿沟" in found(result)
    first = next(c for c in result if c.text == "数字鸿沟")
    assert (first.count, first.texts) == (3, 3)


def test_fragments_inside_a_longer_phrase_are_dropped() -> None:
    result = found(
        suggest_candidates(texts("推进数字鸿沟治理。", "加强数字鸿沟治理，", "关于数字鸿沟治理"))
    )
    assert "数字鸿沟治理" in result
    # 字鸿沟治 and 数字鸿沟 never occur outside 数字鸿沟治理.
    assert "字鸿沟治" not in result
    assert "数字鸿沟" not in result


def test_known_terms_and_their_parts_are_left_out() -> None:
    corpus = texts("构建人类命运共同体。", "推动人类命运共同体建设，", "人类命运共同体理念")
    assert found(suggest_candidates(corpus, ["人类命运共同体"])) == []
    assert "人类命运共同体" in found(suggest_candidates(corpus))


def test_a_known_term_with_a_verb_in_front_is_not_a_new_term() -> None:
    corpus = texts("推动人工智能发展，", "我们推动人工智能。", "要推动人工智能进步")
    assert "推动人工智能" not in found(suggest_candidates(corpus, ["人工智能"]))


def test_function_characters_at_the_edges_are_not_terms() -> None:
    corpus = texts("发展的理念很重要。", "新发展的理念，", "这是发展的理念")
    assert all("的" not in gram for gram in found(suggest_candidates(corpus)))


def test_numbers_dates_and_enumerations_are_not_terms() -> None:
    corpus = texts("一是加强合作。", "二是要加强合作，", "十余年来必须加强合作", "十余年来一是发展")
    result = found(suggest_candidates(corpus))
    assert "加强合作" in result
    assert not any(gram.startswith(("一是", "十余", "二是")) for gram in result)


def test_dismissed_candidates_stay_dismissed() -> None:
    corpus = texts("数字鸿沟问题。", "弥合数字鸿沟，", "数字鸿沟扩大")
    assert "数字鸿沟" not in found(suggest_candidates(corpus, dismissed=["数字鸿沟"]))


def test_single_occurrences_are_not_proposed() -> None:
    assert suggest_candidates(texts("数字鸿沟问题。")) == []


def test_longer_recurring_phrases_rank_first() -> None:
    corpus = texts(
        "深化全球发展倡议合作，",
        "落实全球发展倡议。",
        "支持全球发展倡议",
        "加强合作，",
        "推进合作。",
        "合作共赢",
    )
    result = found(suggest_candidates(corpus, min_length=2))
    assert result.index("全球发展倡议") < result.index("合作")
