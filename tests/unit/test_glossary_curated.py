"""The curated glossary (glossary/governance.tsv, in a wheel workbench/data/glossary):
well-formed, complete for the seeds, and consistent with the official bilingual texts in
the dev pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.glossary import (
    Glossary,
    TermProblem,
    TermStatus,
    chinese_key,
    find_forbidden,
    find_renderings,
)
from workbench.formats import glossary_table

ROOT = Path(__file__).parents[2]
CURATED = ROOT / "glossary" / "governance.tsv"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DEV_PAIRS = Path(__file__).resolve().parents[2] / "eval" / "dev-pairs.tsv"

# Governance terms the glossary must cover, and the entry `find` reports for each when it
# occurs in a seed. 构建人类命运共同体 has no entry on purpose: the verb is translated freely
# and 人类命运共同体 inside it carries the check.
LISTED = (
    "人工智能全球治理",
    "全球人工智能治理倡议",
    "小院高墙",
    "人类命运共同体",
    "共商共建共享",
    "智能向善",
    "数字鸿沟",
    "智能鸿沟",
    "多利益攸关方",
    "联合国人工智能高级别咨询机构",
    "以共商促共享，以善治促善智",
    "全人类共同价值",
    "发展与安全并重",
    "全球治理体系",
    "负责任大国",
    "能力建设",
    "可持续发展",
    "发展中国家",
    "全球南方",
    "世界人工智能大会",
    "人工智能全球治理高级别会议",
    "世界互联网大会乌镇峰会",
    "博鳌亚洲论坛",
    "联合国教科文组织",
    "国际电信联盟",
    "国际标准化组织",
    "二十国集团",
    "金砖国家",
    "人工智能安全峰会",
    "外交部",
    "工业和信息化部",
    "科技部",
    "世界经济论坛",
    "真正的多边主义",
    "以人为本",
    "普惠包容",
    "趋利避害",
    "科技向善",
    "新型工业化",
    "联合国工业发展组织",
    "全球数字契约",
    "未来契约",
    "人工智能能力建设普惠计划",
    "全球人工智能治理行动计划",
    "人工智能全球治理行动计划",
    "全球发展倡议",
    "全球安全倡议",
    "全球文明倡议",
    "全球治理倡议",
    "一带一路",
    "高质量发展",
    "新质生产力",
    "主渠道作用",
)
SEED_TERMS = {term: term for term in LISTED} | {"构建人类命运共同体": "人类命运共同体"}

# Dev pairs whose official English does not use the glossary rendering, with the reason.
KNOWN_DEV_EXCEPTIONS = {
    # MFA statement, May 2025: 智能鸿沟 rendered "digital divide", conflating it with 数字鸿沟.
    (
        "中方认为,数字红利不能成为数字霸权,智能革命不应扩大智能鸿沟。",
        "智能鸿沟",
        TermProblem.MISSING,
    ),
}


@pytest.fixture(scope="module")
def curated() -> Glossary:
    return glossary_table.read(CURATED)


def test_curated_glossary_size_and_notes(curated: Glossary) -> None:
    assert len(curated) >= 70
    assert [t.source for t in curated if not t.note] == []
    assert [
        t.source for t in curated if t.pos not in {"noun", "proper noun", "slogan", "phrase"}
    ] == []
    approved = [t for t in curated if t.status is TermStatus.APPROVED]
    assert len(approved) >= 70


def test_curated_file_is_in_canonical_form(curated: Glossary) -> None:
    # Writing it back changes nothing, so edits through the workbench give minimal diffs.
    assert glossary_table.format_tsv(curated) == CURATED.read_text(encoding="utf-8")


def test_targets_read_inside_a_sentence(curated: Glossary) -> None:
    assert [t.target for t in curated if t.target.lower().startswith(("the ", "a ", "an "))] == []


def test_every_rendering_matches_itself_and_no_forbidden_one(curated: Glossary) -> None:
    for term in curated:
        for rendering in term.renderings:
            spans = find_renderings(term, rendering)
            assert [(s.start, s.end) for s in spans] == [(0, len(rendering))], rendering
            assert find_forbidden(term, rendering) == [], rendering
        for forbidden in term.forbidden:
            assert [i.found for i in find_forbidden(term, forbidden)] == [forbidden]


def test_listed_governance_terms_are_in_the_glossary(curated: Glossary) -> None:
    absent = [t for t in SEED_TERMS if t != "构建人类命运共同体" and t not in curated]
    assert absent == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_governance_terms_in_the_seeds_are_found(curated: Glossary, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    found = {hit.term.source for hit in curated.find(text, include_candidates=True)}
    occurring = {t: e for t, e in SEED_TERMS.items() if chinese_key(t) in chinese_key(text)}
    assert len(occurring) >= 15  # the seeds are about AI governance: not a vacuous check
    assert {t: e for t, e in occurring.items() if e not in found} == {}


def test_seed_theme_with_half_width_comma_is_found(curated: Glossary) -> None:
    text = next(p for p in SEEDS if p.name.startswith("004")).read_text(encoding="utf-8")
    assert "以共商促共享,以善治促善智" in text  # half-width comma in the source
    hits = [h for h in curated.find(text) if h.term.source == "以共商促共享，以善治促善智"]
    assert [text[h.start : h.end] for h in hits] == ["以共商促共享,以善治促善智"]


def test_curated_glossary_agrees_with_official_dev_pairs(curated: Glossary) -> None:
    lines = DEV_PAIRS.read_text(encoding="utf-8").splitlines()[1:]
    pairs = [line.split("\t")[:2] for line in lines if line.strip()]
    assert len(pairs) >= 10
    issues = {
        (zh, issue.term.source, issue.problem)
        for zh, en in pairs
        for issue in curated.check(zh, en).issues
    }
    assert issues == KNOWN_DEV_EXCEPTIONS
    hits = sum(len(curated.find(zh)) for zh, _ in pairs)
    assert hits >= 40  # the check above is about many terms, not a few
