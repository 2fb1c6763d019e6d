"""The two seed pages against hand-checked expected results (tests/data/ingest/seed_*.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workbench.core.ingest import clean_document, decode
from workbench.core.segments import CleanDocument
from workbench.ingest_rules import default_rules

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ingest"
SEED_000 = ROOT / "seeds" / "000_9819b9711a7bf496.txt"
SEED_004 = ROOT / "seeds" / "004_f56eada79adc5973.txt"
EXPECTED = ["seed_000.expected.json", "seed_004.expected.json"]


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _clean_bytes(data: bytes, name: str) -> CleanDocument:
    decoded = decode(data, name=name)
    return clean_document(decoded.text, fmt="txt", rules=default_rules(), name=name)


def _clean_seed(expected: dict[str, Any]) -> tuple[CleanDocument, list[str]]:
    path = ROOT / expected["seed"]
    raw = path.read_bytes()
    return _clean_bytes(raw, path.name), raw.decode("utf-8").split("\n")


@pytest.mark.parametrize("name", EXPECTED)
def test_paragraphs_are_the_expected_ones_in_order(name: str) -> None:
    expected = _expected(name)
    doc, _ = _clean_seed(expected)
    got = [{"line_no": p.line_no, "kind": str(p.kind), "text": p.text} for p in doc.paragraphs]
    assert got == expected["paragraphs"]


@pytest.mark.parametrize("name", EXPECTED)
def test_title_and_metadata(name: str) -> None:
    expected = _expected(name)
    doc, _ = _clean_seed(expected)
    assert doc.title == expected["title"]
    meta = doc.metadata
    assert {"source": meta.source, "date": meta.date, "author": meta.author, "url": meta.url} == (
        expected["metadata"]
    )


@pytest.mark.parametrize("name", EXPECTED)
def test_every_line_not_kept_is_reported_with_a_rule_and_reason(name: str) -> None:
    expected = _expected(name)
    doc, lines = _clean_seed(expected)
    non_blank = {n for n, line in enumerate(lines, start=1) if line.strip()}
    kept = {p.line_no for p in doc.paragraphs}
    dropped = {b.line_no for b in doc.dropped}
    assert kept.isdisjoint(dropped)
    assert kept | dropped == non_blank
    for block in doc.dropped:
        assert block.rule_id and block.reason
        assert block.text == lines[block.line_no - 1]  # the line as it stands, to restore it


@pytest.mark.parametrize("name", EXPECTED)
def test_dropped_lines_name_the_rule_that_dropped_them(name: str) -> None:
    expected = _expected(name)
    doc, _ = _clean_seed(expected)
    rules = {str(b.line_no): b.rule_id for b in doc.dropped}
    assert {n: rules.get(n) for n in expected["dropped_rules"]} == expected["dropped_rules"]


@pytest.mark.parametrize("name", EXPECTED)
def test_changes_and_warnings(name: str) -> None:
    expected = _expected(name)
    doc, _ = _clean_seed(expected)
    changed = {str(p.line_no): p.changes for p in doc.paragraphs if p.changes}
    assert set(changed) == set(expected["changes"])
    for line_no, removed in expected["changes"].items():
        assert len(changed[line_no]) == len(removed)
        for note, text in zip(changed[line_no], removed, strict=True):
            assert text in note
    assert list(doc.warnings) == expected["warnings"]


def test_000_keeps_nothing_from_the_editor_credit_on() -> None:
    doc = _clean_bytes(SEED_000.read_bytes(), SEED_000.name)
    assert max(p.line_no for p in doc.paragraphs) < 28
    credit = next(b for b in doc.dropped if b.line_no == 28)
    assert credit.text == "[ 责编:王宏泽 ]"
    assert credit.reason == "editor credit"


def test_000_lead_is_the_indented_summary_repeated_at_the_end() -> None:
    doc = _clean_bytes(SEED_000.read_bytes(), SEED_000.name)
    lead = doc.paragraphs[1]
    assert str(lead.kind) == "lead"
    assert lead.text in doc.paragraphs[-1].text
    assert lead.original.startswith("  作为人工智能大国,")  # the input as it was


def test_004_keeps_no_comment_line_and_records_the_spam_removal() -> None:
    doc = _clean_bytes(SEED_004.read_bytes(), SEED_004.name)
    assert [p.line_no for p in doc.paragraphs] == list(range(1, 11))
    spam = doc.paragraphs[8]
    assert spam.text.startswith("6月20日上午，上海市政府举行新闻发布会")
    assert spam.original.startswith("九游会官网登录6月20日")
    assert any("九游会官网登录" in note for note in spam.changes)


def test_004_inline_ordinals_of_paragraph_2_do_not_count() -> None:
    doc = _clean_bytes(SEED_004.read_bytes(), SEED_004.name)
    assert "一是" in doc.paragraphs[1].text and "二是" in doc.paragraphs[1].text
    assert not any("paragraph 2 " in w for w in doc.warnings)


# The same pages without their end markers: the heuristics alone must give the same article.


def test_000_without_the_editor_credit_gives_the_same_article() -> None:
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    text = "\n".join(line for line in lines if "责编" not in line)
    doc = _clean_bytes(text.encode("utf-8"), "000-no-credit.txt")
    reference = _clean_bytes(SEED_000.read_bytes(), SEED_000.name)
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        (p.kind, p.text) for p in reference.paragraphs
    ]


def test_004_without_the_comment_heading_gives_the_same_article() -> None:
    lines = SEED_004.read_text(encoding="utf-8").split("\n")
    text = "\n".join(line for line in lines if line != "网友评论更多")
    doc = _clean_bytes(text.encode("utf-8"), "004-no-heading.txt")
    reference = _clean_bytes(SEED_004.read_bytes(), SEED_004.name)
    assert [p.text for p in doc.paragraphs] == [p.text for p in reference.paragraphs]
    assert all(b.reason.startswith("reader comment") for b in doc.dropped)


def test_000_in_gb18030_with_crlf_gives_the_same_article() -> None:
    text = SEED_000.read_text(encoding="utf-8")
    doc = _clean_bytes(text.replace("\n", "\r\n").encode("gb18030"), "000-gbk.txt")
    reference = _clean_bytes(SEED_000.read_bytes(), SEED_000.name)
    assert doc.paragraphs == reference.paragraphs
    assert doc.metadata == reference.metadata
