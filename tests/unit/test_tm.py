"""Translation memory matching: normalization, exact and fuzzy scores, threshold, diff, and the
index agreeing with a plain scan."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.tm import (
    DiffKind,
    MemoryIndex,
    MemoryUnit,
    best_matches,
    diff_sources,
    normalize,
    similarity,
)

SEGMENT = "推动人工智能健康、安全、有序发展。"


def _unit(source: str, target: str = "English", **kw: object) -> MemoryUnit:
    return MemoryUnit(source=source, target=target, **kw)  # type: ignore[arg-type]


def test_normalize_folds_width_punctuation_and_spaces() -> None:
    assert normalize("人工智能，治理 （AI）“好”") == normalize('人工智能,治理(ai)"好"')
    assert normalize("ＡＩ　治理。") == "ai治理."


def test_exact_match_despite_punctuation_width() -> None:
    assert similarity("人工智能，治理。", "人工智能,治理.") == 100.0
    [match] = best_matches([_unit("推动人工智能健康,安全,有序发展.")], SEGMENT)
    assert match.exact and match.score == 100.0


def test_a_memory_in_traditional_characters_matches_simplified_segments() -> None:
    assert similarity("弥合数字鸿沟。", "彌合數字鴻溝。") == 100.0
    units = [_unit("推動人工智能健康、安全、有序發展。", "from Taiwan", id=1)]
    [match] = MemoryIndex(units).lookup(SEGMENT)
    assert match.exact and match.unit.target == "from Taiwan"
    [fuzzy] = MemoryIndex([_unit("推動數字經濟健康、安全、有序發展。", id=2)]).lookup(SEGMENT)
    assert 75 <= fuzzy.score < 100


def test_fuzzy_score_is_below_100_and_character_based() -> None:
    score = similarity("推动数字经济健康、安全、有序发展。", SEGMENT)
    assert 70 < score < 100
    # One character differs in a long segment: a high score, but never 100.
    assert 90 < similarity(SEGMENT.replace("有序", "有效"), SEGMENT) < 100


def test_threshold() -> None:
    unit = _unit("推动数字经济健康、安全、有序发展。")
    score = similarity(unit.source, SEGMENT)
    assert best_matches([unit], SEGMENT, threshold=score - 1)
    assert not best_matches([unit], SEGMENT, threshold=score + 1)
    assert not best_matches([_unit("完全不同的句子。")], SEGMENT)


def test_diff_shows_what_differs_in_the_source() -> None:
    diff = diff_sources("推动数字经济健康发展。", "推动人工智能健康发展。")
    assert diff.render() == "推动[-数字经济-]{+人工智能+}健康发展。"
    [change] = diff.changes
    assert change.kind is DiffKind.REPLACE
    assert diff.memory_source[change.mem_start : change.mem_end] == "数字经济"
    assert diff.segment[change.start : change.end] == "人工智能"


def test_diff_insert_and_delete() -> None:
    assert diff_sources("推动发展。", "推动健康发展。").render() == "推动{+健康+}发展。"
    assert diff_sources("推动健康发展。", "推动发展。").render() == "推动[-健康-]发展。"


def test_diff_absorbs_a_single_shared_character_between_changes() -> None:
    # 能 is common to 智能 and 功能 but showing it as unchanged only confuses.
    diff = diff_sources("推动智能治理。", "推动功能建设。")
    assert len(diff.changes) == 1


def test_index_exact_and_fuzzy_ranked() -> None:
    units = [
        _unit(SEGMENT, "exact", id=1),
        _unit("推动数字经济健康、安全、有序发展。", "fuzzy", id=2),
        _unit("完全不同的句子，没有关系。", "other", id=3),
    ]
    matches = MemoryIndex(units).lookup(SEGMENT)
    assert [m.unit.target for m in matches] == ["exact", "fuzzy"]
    assert matches[0].exact and not matches[1].exact


def test_index_prefers_project_memory_on_ties_and_can_skip() -> None:
    units = [
        _unit(SEGMENT, "reference", origin="un-ai", id=1),
        _unit(SEGMENT, "mine", origin="project", id=2, paragraph_id=5),
    ]
    index = MemoryIndex(units)
    assert [m.unit.target for m in index.lookup(SEGMENT)] == ["mine", "reference"]
    found = index.lookup(SEGMENT, skip=lambda u: u.paragraph_id == 5)
    assert [m.unit.target for m in found] == ["reference"]


def test_units_added_after_building_are_found() -> None:
    index = MemoryIndex([_unit("完全不同的句子。")])
    index.add(_unit("推动数字经济健康、安全、有序发展。", "late"))
    assert [m.unit.target for m in index.lookup(SEGMENT)] == ["late"]


def test_empty_index_and_empty_query() -> None:
    assert MemoryIndex().lookup(SEGMENT) == []
    assert MemoryIndex([_unit(SEGMENT)]).lookup("  ") == []


CLAUSES = ["推动人工智能发展", "加强国际合作", "弥合数字鸿沟", "坚持共商共建共享",
           "维护多边主义", "促进可持续发展", "深化交流互鉴", "完善治理体系"]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([50.0, 75.0, 90.0]))
def test_index_finds_what_a_plain_scan_finds(seed: int, threshold: float) -> None:
    rng = random.Random(seed)

    def sentence() -> str:
        text = "，".join(rng.sample(CLAUSES, rng.randint(1, 4))) + "。"
        if rng.random() < 0.5:
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice("新旧大小") + text[i + 1 :]
        return text

    units = [_unit(sentence(), str(i), id=i + 1) for i in range(40)]
    query = sentence()
    indexed = MemoryIndex(units).lookup(query, threshold=threshold, limit=100)
    scanned = best_matches(units, query, threshold=threshold, limit=100)
    assert sorted((m.unit.id, m.score) for m in indexed) == sorted(
        (m.unit.id, m.score) for m in scanned
    )


@pytest.mark.parametrize("threshold", [0.0, 100.0])
def test_threshold_extremes(threshold: float) -> None:
    units = [_unit(SEGMENT, id=1), _unit("完全不同。", id=2)]
    found = MemoryIndex(units).lookup(SEGMENT, threshold=threshold, limit=10)
    assert found[0].unit.id == 1
    assert (len(found) == 1) == (threshold == 100.0)


def test_a_near_match_is_never_shown_as_100_percent() -> None:
    """One digit changed in a long paragraph scores 99.9 or more: shown as 99%, not 100%."""
    from workbench.core.tm import match, percent

    segment = "2023年10月，习近平主席宣布提出《全球人工智能治理倡议》。" * 20
    near = match(MemoryUnit(segment.replace("2023", "2024", 1), "x"), segment)
    same = match(MemoryUnit(segment.replace("，", ","), "x"), segment)
    assert near is not None and same is not None
    assert near.score > 99.5 and not near.exact
    assert percent(near) == "99%"
    assert percent(same) == "100%"


def test_percent_rounds_down_and_only_identical_sources_are_100() -> None:
    long = SEGMENT * 15 + "共有128个国家。"
    [near] = best_matches([_unit(long.replace("128", "129"))], long)
    assert 99.5 <= near.score < 100  # "100%" if rounded
    assert near.percent == 99 and not near.exact
    [same] = best_matches([_unit(long)], long)
    assert same.percent == 100
