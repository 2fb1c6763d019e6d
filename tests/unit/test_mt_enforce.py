"""Glossary enforcement logic with a scripted translator (the real model has its own tests)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mt_fixtures import ScriptedTranslator, latin_only
from workbench.core.glossary import CaseRule, Glossary, Term, TermProblem
from workbench.mt.base import Hypothesis, TranslationResult
from workbench.mt.enforce import ALL_TECHNIQUES, GlossaryEnforcer, Technique

YARD = Term(
    "小院高墙",
    "small yard, high fence",
    forbidden=("small courtyard, high wall",),
)
BRI = Term(
    "一带一路倡议",
    "Belt and Road Initiative",
    forbidden=("OBOR",),
    case=CaseRule.SENSITIVE,
)
AI = Term("人工智能", "AI", variants=("artificial intelligence",))
GOVERNANCE = Term("全球治理", "global governance")
AI_GOVERNANCE = Term("人工智能全球治理", "global AI governance")
GOODS = Term("公共产品", "public good", forbidden=("public product",))
GLOSSARY = Glossary([YARD, BRI, AI, GOVERNANCE, AI_GOVERNANCE, GOODS])


def test_nbest_reranks_by_constraints_met_then_score() -> None:
    source = "坚决反对搞小院高墙。"
    nbest = [
        "We firmly oppose a small courtyard, high wall.",
        "We firmly oppose small yards.",
        "We firmly oppose a small yard, high fence.",
        "We oppose a small yard, high fence.",
    ]
    [result] = GlossaryEnforcer(ScriptedTranslator({source: nbest}), GLOSSARY).translate([source])
    assert result.raw == nbest[0]
    assert result.text == nbest[2]
    assert result.score == -3.0
    assert result.technique_for("小院高墙") is Technique.NBEST
    assert not result.flagged


def test_the_models_own_rendering_is_kept_and_credited_to_it() -> None:
    source = "推动全球治理。"
    translator = ScriptedTranslator({source: ["Promote global governance.", "Other."]})
    [result] = GlossaryEnforcer(translator, GLOSSARY).translate([source])
    assert result.text == result.raw == "Promote global governance."
    assert result.technique_for("全球治理") is Technique.MODEL
    assert len(translator.calls) == 1


def test_a_forbidden_rendering_the_model_prefers_is_suppressed() -> None:
    source = "坚决反对搞小院高墙。"
    nbest = [f"We oppose {w} small courtyard, high wall." for w in ("a", "the", "any", "this")]
    nbest.append("We oppose a small yard, high fence.")  # only reachable once suppressed
    translator = ScriptedTranslator({source: nbest})
    [result] = GlossaryEnforcer(translator, GLOSSARY).translate([source])
    assert result.raw == nbest[0]
    assert result.text == nbest[4]
    assert result.technique_for("小院高墙") is Technique.SUPPRESS
    suppressed = [options.suppress for _, options in translator.calls]
    assert suppressed == [(), ("small courtyard, high wall",)]


def test_code_switching_writes_the_approved_english_into_the_source() -> None:
    source = "我们支持一带一路倡议。"
    translator = ScriptedTranslator({source: ["We support the new Silk Road."]})
    enforcer = GlossaryEnforcer(translator, GLOSSARY, techniques=[Technique.CODE_SWITCH])
    [result] = enforcer.translate([source])
    assert translator.calls[1][0] == ["我们支持 Belt and Road Initiative。"]
    assert result.text == "Belt and Road Initiative"
    assert result.technique_for("一带一路倡议") is Technique.CODE_SWITCH


def test_code_switching_drops_title_marks_around_a_capitalised_title_only() -> None:
    from workbench.mt.techniques import code_switch_source

    source = "中方提出《一带一路倡议》和《公共产品》。"
    switched, spans = code_switch_source(source, GLOSSARY.find(source))
    # A Capitalised Title marks itself; lower-case English keeps its marks for the model.
    assert switched == "中方提出 Belt and Road Initiative 和《 public good》。"
    assert [switched[start:end] for _, start, end in spans] == [
        "Belt and Road Initiative",
        "public good",
    ]


def test_placeholder_is_restored_with_the_right_article() -> None:
    source = "我们需要人工智能。"

    def model(sentence: str) -> str:
        mark = re.search(r"TERM\d", sentence)
        return f"we need a {mark.group()} now." if mark else "We need a machine now."

    translator = ScriptedTranslator({}, fallback=model)
    enforcer = GlossaryEnforcer(translator, GLOSSARY, techniques=[Technique.PLACEHOLDER])
    [result] = enforcer.translate([source])
    assert translator.calls[1][0] == ["我们需要 TERM0。"]
    # Article agrees with the rendering; the capital follows the model's own best output.
    assert result.text == "We need an AI now."
    assert result.technique_for("人工智能") is Technique.PLACEHOLDER


def test_placeholder_is_not_used_when_the_source_holds_one() -> None:
    source = "TERM0是人工智能。"
    translator = ScriptedTranslator({}, fallback=lambda s: "nothing")
    enforcer = GlossaryEnforcer(translator, GLOSSARY, techniques=[Technique.PLACEHOLDER])
    [result] = enforcer.translate([source])
    assert len(translator.calls) == 1
    assert result.flagged


def aligned_result(
    source: str, pieces: list[tuple[str, int, int]], target: list[str], alignment: list[int]
) -> TranslationResult:
    """A one-hypothesis result whose attention puts target token i on source alignment[i]."""
    text = ""
    spans = []
    for token in target:
        if text and token.startswith("▁"):
            text += " "
        start = len(text)
        text += token.lstrip("▁")
        spans.append((start, len(text)))
    attention = tuple(
        tuple(1.0 if column == row else 0.0 for column in range(len(pieces))) for row in alignment
    )
    hypothesis = Hypothesis(text, -1.0, tuple(target), tuple(spans), attention)
    return TranslationResult(
        source,
        (hypothesis,),
        tuple(p for p, _, _ in pieces),
        tuple((a, b) for _, a, b in pieces),
    )


def test_align_replaces_the_english_the_term_is_aligned_to() -> None:
    source = "中国提供公共产品。"
    pieces = [("▁中国", 0, 2), ("提供", 2, 4), ("公共", 4, 6), ("产品", 6, 8), ("。", 8, 9)]
    result = aligned_result(
        source, pieces, ["▁China", "▁provides", "▁common", "▁wares", "."], [0, 1, 2, 3, 4]
    )
    translator = ScriptedTranslator({}, attention={source: result})
    enforcer = GlossaryEnforcer(translator, GLOSSARY, techniques=[Technique.ALIGN])
    [enforced] = enforcer.translate([source])
    assert enforced.raw == "China provides common wares."
    # The model's plural carries over to the head noun of the approved rendering.
    assert enforced.text == "China provides public goods."
    assert enforced.technique_for("公共产品") is Technique.ALIGN


def test_align_inserts_after_the_preceding_words_when_nothing_is_aligned() -> None:
    source = "我们需要人工智能。"
    pieces = [("▁我们", 0, 2), ("需要", 2, 4), ("人工智能", 4, 8), ("。", 8, 9)]
    result = aligned_result(source, pieces, ["▁We", "▁need", "▁it", "."], [0, 1, 1, 3])
    translator = ScriptedTranslator({}, attention={source: result})
    enforcer = GlossaryEnforcer(translator, GLOSSARY, techniques=[Technique.ALIGN])
    [enforced] = enforcer.translate([source])
    assert enforced.text == "We need it AI."
    assert not enforced.flagged


def test_a_term_twice_is_replaced_twice() -> None:
    source = "公共产品和公共产品。"
    pieces = [
        ("▁公共", 0, 2),
        ("产品", 2, 4),
        ("和", 4, 5),
        ("公共", 5, 7),
        ("产品", 7, 9),
        ("。", 9, 10),
    ]
    target = ["▁common", "▁ware", "▁and", "▁shared", "▁thing", "."]
    result = aligned_result(source, pieces, target, [0, 1, 2, 3, 4, 5])
    translator = ScriptedTranslator({}, attention={source: result})
    enforcer = GlossaryEnforcer(translator, GLOSSARY, techniques=[Technique.ALIGN])
    [enforced] = enforcer.translate([source])
    assert enforced.text == "Public good and public good."
    [outcome] = enforced.terms
    assert (outcome.occurrences, outcome.rendered) == (2, 2)


def test_overlapping_terms_constrain_only_the_longest_match() -> None:
    source = "推动人工智能全球治理。"
    translator = ScriptedTranslator({source: ["Promote global AI governance."]})
    [result] = GlossaryEnforcer(translator, GLOSSARY).translate([source])
    assert [outcome.term for outcome in result.terms] == [AI_GOVERNANCE]
    assert result.text == "Promote global AI governance."
    assert not result.flagged


def test_edits_of_neighbouring_terms_are_merged_in_source_order() -> None:
    source = "人工智能公共产品。"
    pieces = [("▁人工", 0, 2), ("智能", 2, 4), ("公共", 4, 6), ("产品", 6, 8), ("。", 8, 9)]
    # One English word, two pieces, each aligned to another term.
    result = aligned_result(source, pieces, ["▁Smart", "ware", "."], [1, 2, 4])
    glossary = Glossary([AI, GOODS])
    translator = ScriptedTranslator({}, attention={source: result})
    enforcer = GlossaryEnforcer(translator, glossary, techniques=[Technique.ALIGN])
    [enforced] = enforcer.translate([source])
    assert enforced.text == "AI public good."
    pieces = [("▁人工智能", 0, 4), ("公共", 4, 6), ("产品", 6, 8)]
    result = aligned_result(source, pieces, ["▁Smartware", "▁now"], [0, 0])
    translator = ScriptedTranslator({}, attention={source: result})
    [enforced] = GlossaryEnforcer(translator, glossary, techniques=[Technique.ALIGN]).translate(
        [source]
    )
    assert enforced.text.startswith("AI public good")


def test_replace_forbidden_keeps_article_and_capital() -> None:
    sources = ["我们加入一带一路倡议项目。", "一带一路倡议很好。"]
    script = {
        sources[0]: ["We join an OBOR project."],
        sources[1]: ["OBOR is good."],
    }
    enforcer = GlossaryEnforcer(
        ScriptedTranslator(script), GLOSSARY, techniques=[Technique.REPLACE]
    )
    first, second = enforcer.translate(sources)
    assert first.text == "We join a Belt and Road Initiative project."
    assert second.text == "Belt and Road Initiative is good."
    assert first.technique_for("一带一路倡议") is Technique.REPLACE


def test_a_constraint_that_cannot_be_met_is_flagged_with_the_term() -> None:
    source = "我们支持一带一路倡议，反对小院高墙。"
    translator = ScriptedTranslator(
        {source: ["We back the Silk Road and oppose small courtyard, high wall."]},
        fallback=lambda s: "Nothing useful.",
    )
    enforcer = GlossaryEnforcer(
        translator, GLOSSARY, techniques=[t for t in ALL_TECHNIQUES if t is not Technique.REPLACE]
    )
    [result] = enforcer.translate([source])
    assert result.flagged
    problems = {(issue.term.source, issue.problem) for issue in result.unmet}
    assert problems == {
        ("一带一路倡议", TermProblem.MISSING),
        ("小院高墙", TermProblem.FORBIDDEN),
        ("小院高墙", TermProblem.MISSING),
    }
    assert result.text == result.raw
    assert all(outcome.technique is None for outcome in result.terms)


def test_sentences_of_many_paragraphs_share_one_first_pass() -> None:
    paragraphs = [["推动全球治理。", "人工智能。"], [], ["小院高墙。"]]
    translator = ScriptedTranslator(
        {
            "推动全球治理。": ["Global governance."],
            "人工智能。": ["AI."],
            "小院高墙。": ["Small yard, high fence."],
        }
    )
    grouped = GlossaryEnforcer(translator, GLOSSARY).translate_paragraphs(paragraphs)
    assert [[r.text for r in group] for group in grouped] == [
        ["Global governance.", "AI."],
        [],
        ["Small yard, high fence."],
    ]
    assert len(translator.calls) == 1
    assert translator.calls[0][0] == ["推动全球治理。", "人工智能。", "小院高墙。"]


SOURCES = [
    "我们支持一带一路倡议。",
    "反对小院高墙。",
    "中国提供公共产品。",
    "人工智能全球治理",
    "今天天气好。",
]
OUTPUTS = [
    "We support OBOR.",
    "We oppose a small courtyard, high wall.",
    "China provides public products.",
    "global AI governance",
    "Belt and Road Initiative",
    "a small yard, high fence",
    "nothing",
]


@settings(max_examples=60, deadline=None)
@given(
    techniques=st.sets(st.sampled_from(ALL_TECHNIQUES)),
    nbest=st.lists(st.sampled_from(OUTPUTS), min_size=1, max_size=4),
    echo=st.booleans(),
)
def test_no_failing_constraint_passes_silently(
    techniques: set[Technique], nbest: list[str], echo: bool
) -> None:
    translator = ScriptedTranslator(
        dict.fromkeys(SOURCES, nbest), fallback=latin_only if echo else (lambda s: "x")
    )
    results = GlossaryEnforcer(translator, GLOSSARY, techniques=techniques).translate(SOURCES)
    for result in results:
        check = GLOSSARY.check(result.source, result.text)
        assert result.flagged == (not check.ok)
        assert {i.term.source for i in result.unmet} == {i.term.source for i in check.issues}
        for outcome in result.terms:
            assert (outcome.technique is None) == (not outcome.satisfied)
            if outcome.technique not in (None, Technique.MODEL):
                assert outcome.technique in techniques
