"""Glossary checks: missing approved rendering, forbidden rendering (CJK-aware matching)."""

from __future__ import annotations

from workbench.core.glossary import Glossary, Term
from workbench.core.qa import run_checks

GLOSSARY = Glossary(
    [
        Term(
            "小院高墙",
            "small yard, high fence",
            forbidden=("small courtyard, high wall",),
        ),
        Term("人工智能", "AI", variants=("artificial intelligence",)),
        Term("人工智能全球治理", "global AI governance"),
    ]
)
SOURCE = "坚决反对在人工智能领域搞“小院高墙”。"


def _checks(target: str, source: str = SOURCE) -> list[str]:
    return [i.check for i in run_checks(source, target, glossary=GLOSSARY)]


def test_approved_renderings_pass() -> None:
    assert _checks("It firmly opposes building a “small yard, high fence” in AI.") == []
    assert _checks("It opposes a “small yard, high fence” in artificial intelligence.") == []


def test_missing_rendering_names_the_term_and_marks_it_in_the_chinese() -> None:
    [issue] = run_checks(SOURCE, "It firmly opposes building barriers in AI.", glossary=GLOSSARY)
    assert issue.check == "term-missing"
    assert issue.severity.value == "error"
    assert "小院高墙" in issue.message and "small yard, high fence" in issue.message
    span = issue.source_spans[0]
    assert SOURCE[span.start : span.end] == "小院高墙"


def test_forbidden_rendering_is_reported_with_its_span() -> None:
    target = "It firmly opposes a “small courtyard, high wall” in AI."
    issues = run_checks(SOURCE, target, glossary=GLOSSARY)
    forbidden = [i for i in issues if i.check == "term-forbidden"]
    assert len(forbidden) == 1
    span = forbidden[0].target_spans[0]
    assert target[span.start : span.end] == "small courtyard, high wall"
    assert "term-missing" in [i.check for i in issues]


def test_longest_term_wins_without_word_boundaries() -> None:
    source = "参与人工智能全球治理。"
    assert _checks("Take part in global AI governance.", source) == []
    # Only the longer term applies: "AI" alone does not satisfy it.
    assert _checks("Take part in AI.", source) == ["term-missing"]


def test_without_glossary_no_term_checks() -> None:
    issues = run_checks(SOURCE, "It firmly opposes building barriers in the field of AI.")
    assert [i.check for i in issues] == []
