"""Traditional script and Taiwan phrasing folded by OpenCC for glossary, memory and
concordance matching; simplified text is never changed."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from workbench.core.chinese_script import convert_with_offsets, fold, is_traditional
from workbench.core.concordance import query_pattern
from workbench.core.glossary import Glossary, Term, chinese_key
from workbench.core.tm import MemoryIndex, MemoryUnit, normalize, similarity
from workbench.formats import glossary_table

ROOT = Path(__file__).resolve().parents[2]
CURATED = ROOT / "glossary" / "governance.tsv"
# Text around a term, in simplified; the test writes it in Taiwan phrasing with OpenCC.
BEFORE, AFTER = "各国共同推动", "，这对全球发展意义重大。"


def _simplified_corpus() -> str:
    seeds = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "seeds").glob("*.txt"))
    pairs = (ROOT / "eval" / "dev-pairs.tsv").read_text(encoding="utf-8")
    chinese = "\n".join(line.split("\t")[0] for line in pairs.splitlines())
    return seeds + chinese


@pytest.fixture(scope="module")
def curated() -> Glossary:
    return glossary_table.read(CURATED)


@pytest.fixture(scope="module")
def to_taiwan() -> opencc.OpenCC:
    return opencc.OpenCC("s2twp")


# -- simplified text is never changed ----------------------------------------------------------


def test_simplified_text_is_never_changed() -> None:
    text = _simplified_corpus()
    assert not is_traditional(text)
    assert fold(text) == text
    # Words OpenCC's Taiwan tables would rewrite if it were let loose on simplified text.
    for word in ("显著", "建立", "智慧", "中国智慧", "元件", "原著", "乾坤", "皇后", "干部"):
        assert fold(word) == word
        assert chinese_key(word) == word
        assert normalize(word) == word
    assert chinese_key("人工智能") != chinese_key("人工智慧")  # another word, not a variant


def test_glossary_keys_of_the_seeds_keep_their_characters() -> None:
    for line in _simplified_corpus().splitlines():
        folded, offsets = convert_with_offsets("".join(line.split()))
        assert folded == "".join(line.split())
        assert offsets is None


# -- traditional characters and Taiwan phrasing ------------------------------------------------


@pytest.mark.parametrize(
    ("written", "simplified"),
    [("以後", "以后"), ("於是", "于是"), ("數字鴻溝", "数字鸿沟"), ("智慧鴻溝", "智能鸿沟")],
)
def test_traditional_text_folds_to_mainland_simplified(written: str, simplified: str) -> None:
    assert chinese_key(written) == simplified
    assert normalize(written) == normalize(simplified)


def test_every_curated_term_written_in_taiwan_phrasing_is_found(
    curated: Glossary, to_taiwan: opencc.OpenCC
) -> None:
    script_only = opencc.OpenCC("t2s")  # traditional characters, no regional phrasing
    regional = 0
    for term in curated:
        if term.status.value == "rejected":
            continue
        before, written, after = (to_taiwan.convert(p) for p in (BEFORE, term.source, AFTER))
        text = before + written + after
        hits = [
            (h.term.source, h.start, h.end) for h in curated.find(text, include_candidates=True)
        ]
        assert (term.source, len(before), len(before) + len(written)) in hits, (text, hits)
        regional += script_only.convert(written) != term.source
    # The terms whose Taiwan form is more than a change of script (人工智慧 for 人工智能):
    # a character map missed them.
    assert regional == 31


@pytest.mark.parametrize(
    ("text", "term", "span"),
    [
        ("我們推動人工智慧的發展", "人工智能", "人工智慧"),
        ("彌合智慧鴻溝", "智能鸿沟", "智慧鴻溝"),
        ("在網際網路上發表", "互联网", "網際網路"),  # four characters for three
        ("把記憶體的資料", "内存", "記憶體"),  # three for two
        ("記憶體與網際網路治理", "互联网治理", "網際網路治理"),
        ("這在以後 十年 裡", "以后十年", "以後 十年"),  # whitespace and a phrase together
    ],
)
def test_spans_point_at_the_original_characters(text: str, term: str, span: str) -> None:
    glossary = Glossary([Term(term, "x")])
    hits = [h for h in glossary.find(text) if h.term.source == term]
    assert [text[h.start : h.end] for h in hits] == [span]


def test_a_mainland_word_in_a_traditional_text_is_found() -> None:
    # OpenCC's Taiwan tables turn 建立 into 创建 and 顯著 into 显著 but 显著 into 显着:
    # each term is also looked for in the form they give it.
    glossary = Glossary([Term("建立联合国", "x"), Term("成效显著", "y")])
    text = "支持建立聯合國，成效顯著"
    assert [(h.term.source, text[h.start : h.end]) for h in glossary.find(text)] == [
        ("建立联合国", "建立聯合國"),
        ("成效显著", "成效顯著"),
    ]
    assert [h.term.source for h in glossary.find("支持建立联合国，成效显著")] == [
        "建立联合国",
        "成效显著",
    ]


def test_memory_matches_traditional_and_taiwan_phrasing_exactly() -> None:
    unit = MemoryUnit("推动人工智能发展，弥合智能鸿沟", "Promote AI and bridge the AI divide")
    segment = "推動人工智慧發展，彌合智慧鴻溝"
    assert similarity(unit.source, segment) == 100.0
    [found] = MemoryIndex([unit]).lookup(segment)
    assert found.exact and found.unit == unit
    assert similarity("以后", "以後") == 100.0


def test_concordance_finds_taiwan_phrasing_and_maps_spans() -> None:
    text = "我們推動人工智慧的發展，以後再議"
    assert query_pattern("人工智能").spans(text) == ((4, 8),)
    assert query_pattern("人工 智能").spans(text) == ((4, 8),)
    assert query_pattern("以后").spans(text) == ((12, 14),)
    assert query_pattern("人工智慧").spans("推动人工智能") == ()  # simplified: another word
