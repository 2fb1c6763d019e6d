"""Glossary terms and the Chinese side: validation, leftmost-longest matching, edits, version."""

from __future__ import annotations

import dataclasses
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.errors import GlossaryError
from workbench.core.glossary import (
    CaseRule,
    Glossary,
    GlossaryHit,
    Term,
    TermStatus,
    chinese_key,
)

AI = Term("人工智能", "AI", variants=("artificial intelligence",))
GLOBAL_GOVERNANCE = Term("全球治理", "global governance")
AI_GLOBAL_GOVERNANCE = Term("人工智能全球治理", "global AI governance")
INITIATIVE = Term(
    "全球人工智能治理倡议", "Global AI Governance Initiative", case=CaseRule.SENSITIVE
)
THEME = Term("以共商促共享，以善治促善智", "Governing AI for Good and for All", pos="slogan")
G20_SUMMIT = Term("G20峰会", "G20 Summit", case=CaseRule.SENSITIVE)
MAJOR_AI_COUNTRY = Term("人工智能大国", "major country in AI", status=TermStatus.CANDIDATE)
SOLUTION = Term("中国方案", "China's solution", status=TermStatus.REJECTED)

TERMS = [
    AI,
    GLOBAL_GOVERNANCE,
    AI_GLOBAL_GOVERNANCE,
    INITIATIVE,
    THEME,
    G20_SUMMIT,
    MAJOR_AI_COUNTRY,
    SOLUTION,
]


@pytest.fixture
def glossary() -> Glossary:
    return Glossary(TERMS)


def found(glossary: Glossary, text: str, **kwargs: bool) -> list[tuple[str, str]]:
    """(term source, text as written) for every hit."""
    return [(h.term.source, text[h.start : h.end]) for h in glossary.find(text, **kwargs)]


# -- leftmost-longest ------------------------------------------------------------------------


def test_longest_term_wins_over_the_terms_inside_it(glossary: Glossary) -> None:
    assert found(glossary, "积极参与人工智能全球治理") == [("人工智能全球治理", "人工智能全球治理")]


def test_initiative_wins_over_ai_inside_it(glossary: Glossary) -> None:
    text = "习近平主席宣布提出《全球人工智能治理倡议》"
    assert found(glossary, text) == [("全球人工智能治理倡议", "全球人工智能治理倡议")]


def test_all_overlapping_terms_in_one_text(glossary: Glossary) -> None:
    text = "推动人工智能全球治理，落实全球人工智能治理倡议，改革全球治理，发展人工智能。"
    assert found(glossary, text) == [
        ("人工智能全球治理", "人工智能全球治理"),
        ("全球人工智能治理倡议", "全球人工智能治理倡议"),
        ("全球治理", "全球治理"),
        ("人工智能", "人工智能"),
    ]


def test_leftmost_match_wins_when_two_terms_overlap() -> None:
    # 人工智能全球 / 全球治理 overlap on 全球: the one starting first is taken.
    glossary = Glossary([Term("人工智能全球", "AI globally"), GLOBAL_GOVERNANCE])
    assert found(glossary, "人工智能全球治理") == [("人工智能全球", "人工智能全球")]


def test_term_found_twice_in_text_order(glossary: Glossary) -> None:
    text = "人工智能全球治理成为课题。参与人工智能全球治理。"
    hits = glossary.find(text)
    assert [(h.start, h.end) for h in hits] == [(0, 8), (15, 23)]
    assert all(h.term == AI_GLOBAL_GOVERNANCE for h in hits)


def test_hits_are_glossary_hits_with_the_term(glossary: Glossary) -> None:
    (hit,) = glossary.find("数字人工智能")
    assert hit == GlossaryHit(AI, 2, 6)


# -- Chinese normalisation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "以共商促共享，以善治促善智",  # full-width comma, as in the glossary
        "以共商促共享,以善治促善智",  # half-width comma, as in seed 004
        "以共商促共享、以善治促善智",  # enumeration comma
        "以共商促共享， 以善治促善智",  # space after the comma
        "以共商促共享,\n以善治促善智",  # line break inside the term
    ],
)
def test_punctuation_width_and_whitespace_inside_a_term(glossary: Glossary, written: str) -> None:
    text = f"本届大会主题是“{written}”，体现了初衷"
    assert found(glossary, text) == [(THEME.source, written)]


def test_spaces_inside_a_term_are_ignored_and_span_is_original(glossary: Glossary) -> None:
    text = "参与人工 智能\u3000全球治理进程"
    assert found(glossary, text) == [("人工智能全球治理", "人工 智能\u3000全球治理")]


def test_full_width_latin_in_source_matches(glossary: Glossary) -> None:
    assert found(glossary, "出席Ｇ２０峰会") == [("G20峰会", "Ｇ２０峰会")]


def test_latin_edge_of_a_source_does_not_match_inside_a_longer_word(glossary: Glossary) -> None:
    assert found(glossary, "出席XG20峰会") == []
    assert found(glossary, "出席 G20峰会") == [("G20峰会", "G20峰会")]


def test_traditional_characters_match_simplified_terms_with_original_spans(
    glossary: Glossary,
) -> None:
    text = "參與人工智能全球治理，推動《全球人工智能治理倡議》"
    assert found(glossary, text) == [
        ("人工智能全球治理", "人工智能全球治理"),
        ("全球人工智能治理倡议", "全球人工智能治理倡議"),
    ]
    yard = Glossary([Term("小院高墙", "small yard, high fence")])
    assert [(h.start, h.end) for h in yard.find("反對「小院高牆」")] == [(3, 7)]


def test_folding_leaves_simplified_text_unchanged() -> None:
    seeds_dir = Path(__file__).resolve().parents[2] / "seeds"
    for path in seeds_dir.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            key = chinese_key(line)
            assert [c for c in key if "\u4e00" <= c <= "\u9fff"] == [
                c for c in line if "\u4e00" <= c <= "\u9fff"
            ]
    # Characters that simplified text uses itself are never folded, even where they are
    # also traditional forms (著 of 显著, 乾 of 乾坤, 后 of 皇后).
    assert chinese_key("显著乾坤皇后干余里") == "显著乾坤皇后干余里"
    assert chinese_key("人工智能") != chinese_key("人工智慧")  # another word, not a variant


def test_rebased_makes_this_glossarys_edits_to_another_version() -> None:
    base = Glossary([AI, GLOBAL_GOVERNANCE, THEME])
    mine = base.with_term(dataclasses.replace(AI, note="mine")).without(THEME.source)
    mine = mine.with_term(G20_SUMMIT)
    theirs = base.with_term(dataclasses.replace(GLOBAL_GOVERNANCE, note="theirs"))
    theirs = theirs.with_term(SOLUTION)
    merged = mine.rebased(base, theirs)
    assert [t.source for t in merged] == ["人工智能", "全球治理", "中国方案", "G20峰会"]
    assert merged.get("人工智能") == dataclasses.replace(AI, note="mine")
    assert merged.get("全球治理") == dataclasses.replace(GLOBAL_GOVERNANCE, note="theirs")
    assert THEME.source not in merged
    assert base.rebased(base, theirs) == theirs  # no edits: their file as it is


def test_chinese_key_folds_width_and_drops_spaces() -> None:
    assert chinese_key("以共商促共享， 以善治促善智") == chinese_key("以共商促共享,以善治促善智")
    assert chinese_key("“人工智能+”") == chinese_key('"人工智能+"')
    assert chinese_key("人工智能") != chinese_key("人工智慧")


# -- status ----------------------------------------------------------------------------------


def test_candidates_only_on_request(glossary: Glossary) -> None:
    text = "作为人工智能大国"
    assert found(glossary, text) == [("人工智能", "人工智能")]
    assert found(glossary, text, include_candidates=True) == [("人工智能大国", "人工智能大国")]


def test_rejected_terms_never_match(glossary: Glossary) -> None:
    assert found(glossary, "提供了中国方案", include_candidates=True) == []
    assert glossary.get("中国方案") == SOLUTION  # still kept, so it is not proposed again


def test_empty_text_and_empty_glossary() -> None:
    assert Glossary(TERMS).find("") == []
    assert Glossary([]).find("人工智能") == []
    assert Glossary([SOLUTION]).find("中国方案") == []


# -- properties ------------------------------------------------------------------------------

_PIECES = [t.source for t in TERMS] + ["，", ",", " ", "全球", "治理", "的", "人工", "G", "2"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_hits_are_ordered_disjoint_and_spell_their_term(pieces: list[str]) -> None:
    glossary = Glossary(TERMS)
    text = "".join(pieces)
    hits = glossary.find(text, include_candidates=True)
    for before, after in itertools.pairwise(hits):
        assert before.end <= after.start
    for hit in hits:
        assert chinese_key(text[hit.start : hit.end]) == chinese_key(hit.term.source)
        assert hit.term.status is not TermStatus.REJECTED


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_no_longer_term_is_missed_at_a_hit_start(pieces: list[str]) -> None:
    glossary = Glossary(TERMS)
    text = "".join(pieces)
    folded = chinese_key(text)
    for hit in glossary.find(text):
        at = len(chinese_key(text[: hit.start]))
        longest = max(
            (
                len(chinese_key(t.source))
                for t in TERMS
                if t.status is TermStatus.APPROVED and folded.startswith(chinese_key(t.source), at)
            ),
        )
        assert len(chinese_key(hit.term.source)) == longest


# -- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source": "", "target": "AI"}, "empty Chinese source"),
        ({"source": "  ", "target": "AI"}, "empty Chinese source"),
        ({"source": "AI", "target": "AI"}, "no Chinese characters"),
        ({"source": "人工智能", "target": " "}, "English target is empty"),
        ({"source": "人工智能", "target": "AI", "note": "a\tb"}, "tab or line break"),
        ({"source": "人工智能", "target": "AI | A.I."}, "contains '|'"),
        ({"source": "人工智能", "target": "AI", "variants": ("ai",)}, "listed twice"),
        (
            {"source": "以人为本", "target": "people-centred", "forbidden": ("People centred",)},
            "both approved and forbidden",
        ),
        ({"source": "人工智能", "target": "AI", "status": "aproved"}, "unknown status 'aproved'"),
        ({"source": "人工智能", "target": "AI", "case": "upper"}, "unknown case 'upper'"),
        ({"source": "人工智能", "target": "—"}, "has no letters"),
    ],
)
def test_invalid_terms_raise_glossary_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        Term(**kwargs)  # type: ignore[arg-type]


def test_case_variants_differ_only_for_case_sensitive_terms() -> None:
    term = Term("全球南方", "Global South", variants=("global South",), case="sensitive")  # type: ignore[arg-type]
    assert term.variants == ("global South",)


def test_term_strips_and_parses_strings() -> None:
    term = Term(
        " 数字鸿沟 ",
        " digital divide ",
        status="Candidate",  # type: ignore[arg-type]
        case="SENSITIVE",  # type: ignore[arg-type]
        variants=(" digital gap ", ""),
    )
    assert (term.source, term.target, term.variants) == (
        "数字鸿沟",
        "digital divide",
        ("digital gap",),
    )
    assert term.status is TermStatus.CANDIDATE and term.case is CaseRule.SENSITIVE


def test_duplicate_sources_are_rejected() -> None:
    with pytest.raises(GlossaryError, match="duplicate term '人工智能'"):
        Glossary([AI, Term("人工智能", "artificial intelligence")])


def test_sources_equal_after_normalisation_are_duplicates() -> None:
    with pytest.raises(GlossaryError, match="once punctuation width and spaces are ignored"):
        Glossary([THEME, Term("以共商促共享,以善治促善智", "theme")])


# -- reading and editing ---------------------------------------------------------------------


def test_get_and_contains_use_the_normalised_source(glossary: Glossary) -> None:
    assert glossary.get("以共商促共享,以善治促善智") == THEME
    assert "人工 智能" in glossary
    assert "智能" not in glossary
    assert glossary.get("智能") is None


def test_with_term_adds_at_the_end_and_replaces_in_place(glossary: Glossary) -> None:
    added = glossary.with_term(Term("数字鸿沟", "digital divide"))
    assert [t.source for t in added.terms][-1] == "数字鸿沟"
    changed = dataclasses.replace(GLOBAL_GOVERNANCE, note="MFA")
    replaced = glossary.with_term(changed)
    assert replaced.terms.index(changed) == glossary.terms.index(GLOBAL_GOVERNANCE)
    assert len(replaced) == len(glossary)
    assert glossary.get("全球治理") == GLOBAL_GOVERNANCE  # the original is untouched


def test_without_and_status_changes(glossary: Glossary) -> None:
    smaller = glossary.without("全球治理")
    assert "全球治理" not in smaller and "全球治理" in glossary
    with pytest.raises(GlossaryError, match="no term '数字鸿沟'"):
        glossary.without("数字鸿沟")
    approved = glossary.approve("人工智能大国")
    assert found(approved, "人工智能大国") == [("人工智能大国", "人工智能大国")]
    rejected = glossary.reject("人工智能")
    assert found(rejected, "人工智能") == []
    with pytest.raises(GlossaryError, match="no term"):
        glossary.approve("数字鸿沟")


def test_with_terms_later_term_wins() -> None:
    glossary = Glossary([]).with_terms(
        [Term("数字鸿沟", "digital gap"), Term("数字鸿沟", "digital divide")]
    )
    assert [t.target for t in glossary] == ["digital divide"]


# -- version ---------------------------------------------------------------------------------


def test_version_ignores_term_order_and_equality_follows() -> None:
    forward, backward = Glossary(TERMS), Glossary(reversed(TERMS))
    assert forward.version == backward.version
    assert forward == backward and hash(forward) == hash(backward)
    assert len(forward.version) == 64 and int(forward.version, 16) >= 0


@pytest.mark.parametrize(
    "change",
    [
        {"target": "governance at the global level"},
        {"status": TermStatus.CANDIDATE},
        {"variants": ("world governance",)},
        {"forbidden": ("world governance",)},
        {"pos": "noun"},
        {"case": CaseRule.SENSITIVE},
        {"note": "MFA"},
    ],
)
def test_version_changes_with_any_field(change: dict[str, object]) -> None:
    before = Glossary(TERMS)
    after = before.with_term(dataclasses.replace(GLOBAL_GOVERNANCE, **change))  # type: ignore[arg-type]
    assert after.version != before.version
    assert after != before


def test_version_is_stable_across_processes() -> None:
    code = (
        "from workbench.core.glossary import Glossary, Term;"
        "print(Glossary([Term('数字鸿沟', 'digital divide'),"
        " Term('全球南方', 'Global South')]).version)"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    expected = Glossary([Term("全球南方", "Global South"), Term("数字鸿沟", "digital divide")])
    assert runs == {expected.version + "\n"}


def test_core_glossary_imports_no_ui_store_or_engine() -> None:
    code = (
        "import sys, workbench.core.glossary;"
        "print(sorted(m for m in ('textual', 'sqlite3', 'argostranslate', 'lxml')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
