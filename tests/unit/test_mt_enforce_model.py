"""Glossary enforcement on the real engine with the generated model, whose raw output is
garbage: the approved renderings must come out anyway, or the sentence must be flagged.

The generated model translates 人工智能 as "AI" (its lexicon); the glossary here forbids
"AI", so the model prefers a forbidden rendering.
"""

from __future__ import annotations

import re

import pytest

from workbench.core.glossary import Glossary, Term, TermProblem
from workbench.core.sentences import split_sentences
from workbench.formats import glossary_table
from workbench.mt.argos import ArgosTranslator
from workbench.mt.base import DecodeOptions
from workbench.mt.enforce import ALL_TECHNIQUES, GlossaryEnforcer, Technique
from workbench.mt.synthetic import REPO_ROOT, SEEDS_DIR

ARTIFICIAL = Term("人工智能", "artificial intelligence", forbidden=("AI",))
GLOSSARY = Glossary(
    [
        ARTIFICIAL,
        Term("全球治理", "global governance"),
        Term("人工智能全球治理", "global AI governance"),
        Term("人类命运共同体", "community with a shared future for mankind"),
    ]
)
PREFERS_FORBIDDEN = "人工智能是人类发展的新领域。"
TWICE = "人工智能造福人类，人工智能也带来风险。"
OVERLAPPING = "积极参与人工智能全球治理。"
PLAIN = "推动构建人类命运共同体。"


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_the_model_prefers_the_forbidden_rendering(tiny_engine: ArgosTranslator) -> None:
    result = tiny_engine.translate_batch([PREFERS_FORBIDDEN])[0]
    assert "AI" in words(result.best.text)
    assert "artificial" not in result.best.text


def test_enforcement_guarantees_the_approved_renderings(tiny_engine: ArgosTranslator) -> None:
    sources = [PREFERS_FORBIDDEN, TWICE, OVERLAPPING, PLAIN]
    results = GlossaryEnforcer(tiny_engine, GLOSSARY).translate(sources)
    for result in results:
        assert not result.flagged, result
        assert GLOSSARY.check(result.source, result.text).ok
        assert result.raw != result.text  # the raw output did not have them
    first = results[0]
    assert "AI" not in words(first.text)
    assert first.text.startswith("Artificial intelligence ")
    assert first.technique_for("人工智能") is Technique.CODE_SWITCH
    twice = results[1].terms[0]
    assert (twice.occurrences, twice.rendered) == (2, 2)
    assert [o.term.source for o in results[2].terms] == ["人工智能全球治理"]


@pytest.mark.parametrize(
    "technique", [Technique.CODE_SWITCH, Technique.PLACEHOLDER, Technique.ALIGN]
)
def test_each_rewriting_technique_alone_meets_every_constraint(
    tiny_engine: ArgosTranslator, technique: Technique
) -> None:
    sources = [PREFERS_FORBIDDEN, TWICE, OVERLAPPING, PLAIN]
    enforcer = GlossaryEnforcer(tiny_engine, GLOSSARY, techniques=[technique])
    for result in enforcer.translate(sources):
        assert not result.flagged, result
        assert all(outcome.technique is technique for outcome in result.terms)
        assert all(outcome.rendered >= outcome.occurrences for outcome in result.terms)


def test_suppression_alone_removes_the_forbidden_rendering_and_flags_the_gap(
    tiny_engine: ArgosTranslator,
) -> None:
    enforcer = GlossaryEnforcer(tiny_engine, GLOSSARY, techniques=[Technique.SUPPRESS])
    [result] = enforcer.translate([PREFERS_FORBIDDEN])
    # The re-decoded text has no "AI" but no approved rendering either: it is not taken,
    # and the sentence is flagged with the term and both problems of the model's output.
    assert result.flagged
    assert {issue.problem for issue in result.unmet} == {
        TermProblem.FORBIDDEN,
        TermProblem.MISSING,
    }
    options = DecodeOptions(num_hypotheses=4, suppress=("AI",))
    for hypothesis in tiny_engine.translate_batch([PREFERS_FORBIDDEN], options)[0].hypotheses:
        assert "AI" not in words(hypothesis.text)


def test_replacing_the_forbidden_rendering_keeps_the_sentence_capital(
    tiny_engine: ArgosTranslator,
) -> None:
    enforcer = GlossaryEnforcer(tiny_engine, GLOSSARY, techniques=[Technique.REPLACE])
    [result] = enforcer.translate([PREFERS_FORBIDDEN])
    assert result.text.startswith("Artificial intelligence ")
    assert result.technique_for("人工智能") is Technique.REPLACE


def test_nbest_alone_cannot_fix_it_and_says_so(tiny_engine: ArgosTranslator) -> None:
    enforcer = GlossaryEnforcer(tiny_engine, GLOSSARY, techniques=[Technique.NBEST])
    [result] = enforcer.translate([PREFERS_FORBIDDEN])
    assert result.flagged
    assert result.text == result.raw
    assert [issue.term for issue in result.unmet] == [ARTIFICIAL, ARTIFICIAL]


def seed_sentences() -> list[str]:
    sentences = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(split_sentences(line.strip()))
    return sentences


def test_the_seeds_obey_the_curated_glossary(tiny_engine: ArgosTranslator) -> None:
    curated = glossary_table.read(REPO_ROOT / "glossary" / "governance.tsv")
    sentences = seed_sentences()
    results = GlossaryEnforcer(tiny_engine, curated).translate(sentences)
    assert [r.source for r in results] == sentences
    constrained = [r for r in results if r.terms]
    assert len(constrained) >= 20
    for result in results:
        assert result.flagged == (not curated.check(result.source, result.text).ok)
    assert sum(not r.flagged for r in constrained) / len(constrained) >= 0.95


def test_every_technique_combination_reports_consistently(tiny_engine: ArgosTranslator) -> None:
    for techniques in ([], ALL_TECHNIQUES[:2], ALL_TECHNIQUES[2:4], ALL_TECHNIQUES[4:]):
        results = GlossaryEnforcer(tiny_engine, GLOSSARY, techniques=techniques).translate(
            [PREFERS_FORBIDDEN, TWICE]
        )
        for result in results:
            assert result.flagged == (not GLOSSARY.check(result.source, result.text).ok)
