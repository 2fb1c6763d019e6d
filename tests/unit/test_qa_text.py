"""Completeness and typography checks: untranslated, identical, leftover Chinese, full-width
punctuation, brackets, quotes, titles, spaces."""

from __future__ import annotations

import pytest

from workbench.core.glossary import Glossary, Term
from workbench.core.qa import QaIssue, run_checks

SOURCE = "中国积极参与人工智能全球治理。"


def _only(source: str, target: str, check: str, glossary: Glossary | None = None) -> list[QaIssue]:
    return [i for i in run_checks(source, target, glossary=glossary) if i.check == check]


@pytest.mark.parametrize("target", [None, "", "   "])
def test_untranslated(target: str | None) -> None:
    issues = run_checks(SOURCE, target)
    assert [i.check for i in issues] == ["untranslated"]
    assert issues[0].severity.value == "error"


def test_translated_is_not_untranslated() -> None:
    assert not _only(SOURCE, "China takes part in global AI governance.", "untranslated")
    assert run_checks("", "") == []


def test_identical() -> None:
    [issue] = _only(SOURCE, SOURCE, "identical")
    assert issue.severity.value == "error"
    # A source without Chinese (a code, a name) may stay as it is.
    assert not _only("WAIC 2024", "WAIC 2024", "identical")


def test_chinese_left_names_the_characters() -> None:
    target = "China upholds the 全人类共同价值 of peace."
    [issue] = _only(SOURCE, target, "chinese-left")
    assert "全人类共同价值" in issue.message
    span = issue.target_spans[0]
    assert target[span.start : span.end] == "全人类共同价值"
    assert not _only(SOURCE, "China upholds the common values of humanity.", "chinese-left")


def test_fullwidth_punctuation() -> None:
    target = "China takes part，actively（and fully）."
    [issue] = _only(SOURCE, target, "fullwidth-punctuation")
    assert [target[s.start] for s in issue.target_spans] == ["，", "（", "）"]
    # Curly quotes, dashes and the ellipsis are English typography.
    assert not _only(SOURCE, "China’s “AI for good” — and more…", "fullwidth-punctuation")


@pytest.mark.parametrize(
    ("target", "bad"),
    [("China (the host took part.", "("), ("China the host) took part.", ")"),
     ("China [the host) took part.", "[")],
)  # fmt: skip
def test_unbalanced_brackets(target: str, bad: str) -> None:
    [issue] = _only(SOURCE, target, "unbalanced-brackets")
    assert bad in [target[s.start] for s in issue.target_spans]


def test_balanced_brackets() -> None:
    assert not _only(SOURCE, "China (the host [and chair]) took part.", "unbalanced-brackets")


@pytest.mark.parametrize(
    "target", ["He said “AI for good.", 'He said "AI for good.', "He said ‘AI for good."]
)
def test_unbalanced_quotes(target: str) -> None:
    [issue] = _only(SOURCE, target, "unbalanced-quotes")
    assert issue.severity.value == "warning"


def test_balanced_quotes_and_apostrophes() -> None:
    target = 'China’s “AI for good” and ‘small yard’ and "open" and the countries’ rights.'
    assert not _only(SOURCE, target, "unbalanced-quotes")


TITLE_SOURCE = "他在国际学术期刊《细胞》发表论文。"


@pytest.mark.parametrize(
    "target",
    [
        "He published a paper in the journal *Cell*.",
        "He published a paper in the journal “Cell”.",
        "He published a paper in the journal <i>Cell</i>.",
    ],
)
def test_title_with_a_counterpart(target: str) -> None:
    assert not _only(TITLE_SOURCE, target, "title-marks")


def test_title_without_a_counterpart() -> None:
    [issue] = _only(TITLE_SOURCE, "He published a paper in the journal Cell.", "title-marks")
    assert "《细胞》" in issue.message
    assert TITLE_SOURCE[issue.source_spans[0].start : issue.source_spans[0].end] == "《细胞》"


def test_title_rendered_by_the_glossary_as_a_capitalised_name() -> None:
    glossary = Glossary(
        [
            Term("全球人工智能治理倡议", "Global AI Governance Initiative", case="sensitive"),
            Term("习近平主席", "President Xi Jinping", case="sensitive"),
        ]
    )
    source = "习近平主席宣布提出《全球人工智能治理倡议》。"
    good = "President Xi Jinping announced the Global AI Governance Initiative."
    assert not _only(source, good, "title-marks", glossary)
    # "President Xi Jinping" is a capitalised name, but not the title's.
    bad = "President Xi Jinping announced an initiative on AI governance."
    assert _only(source, bad, "title-marks", glossary)


def test_double_space() -> None:
    [issue] = _only(SOURCE, "China takes  part.", "double-space")
    assert (issue.target_spans[0].start, issue.target_spans[0].end) == (11, 13)
    assert not _only(SOURCE, "China takes part. It leads.", "double-space")


def test_leading_and_trailing_whitespace() -> None:
    [issue] = _only(SOURCE, " China takes part. ", "whitespace")
    assert "leading and trailing" in issue.message
    assert not _only(SOURCE, "China takes part.", "whitespace")


def test_a_resolved_title_does_not_count_for_another() -> None:
    glossary = Glossary([Term("全球数字契约", "Global Digital Compact", case="sensitive")])
    source = "落实《未来契约》及其附件《全球数字契约》。"
    good = "Implement the Pact for the Future and its annex, the Global Digital Compact."
    assert not _only(source, good, "title-marks", glossary)
    bad = "Implement the pact for the future and its annex, the Global Digital Compact."
    [issue] = _only(source, bad, "title-marks", glossary)
    assert "《未来契约》" in issue.message and "《全球数字契约》" not in issue.message
