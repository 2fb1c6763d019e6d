"""Evaluation: pairs file, WMT-style term accuracy, scores of raw and enforced output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mt_fixtures import ScriptedTranslator
from workbench.core.errors import InputError
from workbench.core.glossary import Glossary, Term
from workbench.mt.argos import ArgosTranslator
from workbench.mt.evaluation import (
    Pair,
    evaluate,
    format_report,
    load_pairs,
    score_system,
    term_counts,
)
from workbench.mt.synthetic import DEV_PAIRS

GLOSSARY = Glossary(
    [
        Term("人工智能", "artificial intelligence", forbidden=("AI",)),
        Term("全球治理", "global governance"),
    ]
)


def test_load_pairs_reads_the_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text("source\tzh\ten\nx\t中国\tChina\n\t\t\ny\t人工智能\tAI\n", encoding="utf-8")
    assert load_pairs(path) == [Pair("中国", "China"), Pair("人工智能", "AI")]
    assert load_pairs(path, limit=1) == [Pair("中国", "China")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("chinese\tenglish\n中国\tChina\n", "zh and en"),
        ("zh\ten\n中国\n", "line 2"),
    ],
)
def test_load_pairs_rejects_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_pairs(path)
    assert str(path) in str(caught.value)


def test_term_accuracy_counts_every_occurrence() -> None:
    chinese = "人工智能和人工智能推动全球治理。"
    assert term_counts(GLOSSARY, chinese, "artificial intelligence and global governance") == (
        2,
        3,
    )
    both = "artificial intelligence and artificial intelligence for global governance"
    assert term_counts(GLOSSARY, chinese, both) == (3, 3)
    assert term_counts(GLOSSARY, "今天", "today") == (0, 0)


def test_scores_of_a_system() -> None:
    pairs = [
        Pair("人工智能很重要。", "Artificial intelligence matters."),
        Pair("全球治理。", "Global governance."),
    ]
    perfect = score_system(
        "perfect", GLOSSARY, pairs, [p.en for p in pairs], sentences=2, seconds=0.5
    )
    assert perfect.chrf == pytest.approx(100.0)
    assert perfect.bleu == pytest.approx(100.0)
    assert perfect.term_accuracy == 1.0
    assert (perfect.forbidden, perfect.flagged, perfect.sentences_per_second) == (0, 0, 4.0)
    bad = score_system("bad", GLOSSARY, pairs, ["AI matters.", "Nothing."], sentences=2, seconds=1)
    assert bad.term_accuracy == 0.0
    assert (bad.forbidden, bad.flagged) == (1, 2)
    assert bad.chrf < perfect.chrf


def test_evaluate_compares_raw_and_enforced_output() -> None:
    pairs = [
        Pair(
            "人工智能很重要。全球治理也是。",
            "Artificial intelligence matters. So does global governance.",
        )
    ]
    translator = ScriptedTranslator(
        {
            "人工智能很重要。": ["AI matters.", "Artificial intelligence matters."],
            "全球治理也是。": ["So does global governance."],
        }
    )
    report = evaluate(pairs, translator, GLOSSARY, ablation=True, model_id="scripted")
    assert report.raw.sentences == 2
    assert report.raw.term_accuracy == 0.5
    assert report.raw.forbidden == 1
    assert report.enforced.term_accuracy == 1.0
    assert report.enforced.forbidden == 0
    assert report.enforced.chrf > report.raw.chrf
    assert report.credits == {"n-best": 1, "model": 1}
    assert [s.name for s in report.ablation] == [
        "n-best only",
        "suppress only",
        "code-switch only",
        "placeholder only",
        "align only",
        "replace-forbidden only",
    ]
    text = format_report(report)
    assert "raw model" in text and "enforced" in text and "100.0%" in text


@pytest.mark.skipif(not DEV_PAIRS.is_file(), reason=f"no development pairs at {DEV_PAIRS}")
def test_enforced_term_accuracy_on_the_generated_model(tiny_engine: ArgosTranslator) -> None:
    from workbench.formats import glossary_table
    from workbench.mt.synthetic import REPO_ROOT

    curated = glossary_table.read(REPO_ROOT / "glossary" / "governance.tsv")
    report = evaluate(load_pairs(DEV_PAIRS, limit=8), tiny_engine, curated)
    assert report.raw.term_total > 5
    assert report.raw.term_accuracy is not None and report.raw.term_accuracy < 0.6
    assert report.enforced.term_accuracy is not None and report.enforced.term_accuracy >= 0.95
    assert report.enforced.chrf >= report.raw.chrf


@pytest.mark.official_model
@pytest.mark.skipif(not DEV_PAIRS.is_file(), reason=f"no development pairs at {DEV_PAIRS}")
def test_the_issue_targets_on_the_official_model(official_engine: ArgosTranslator) -> None:
    from workbench.formats import glossary_table
    from workbench.mt.synthetic import REPO_ROOT

    curated = glossary_table.read(REPO_ROOT / "glossary" / "governance.tsv")
    report = evaluate(load_pairs(DEV_PAIRS), official_engine, curated)
    assert report.enforced.term_accuracy is not None
    assert report.enforced.term_accuracy >= 0.95
    assert report.enforced.chrf >= report.raw.chrf
