"""Counts of a translation: Chinese characters, English words, rows by status, % approved."""

from __future__ import annotations

from pathlib import Path

from tests.tui_fixtures import SEED_000, SEED_004
from workbench.core.counts import chinese_characters, english_words, percent_text
from workbench.core.segments import Status
from workbench.ingest_rules import default_rules
from workbench.store.project import Project
from workbench.workflows.importing import import_file
from workbench.workflows.progress import project_progress


def test_chinese_characters_are_han_ideographs_only() -> None:
    assert chinese_characters("2024年，人工智能（AI）治理。") == 7
    assert chinese_characters("𠀀〇") == 2  # an extension-B character and the zero
    assert chinese_characters("No Chinese, 123.") == 0


def test_english_words() -> None:
    assert english_words("Don't stop capacity-building: 2,024 people, 3.5%!") == 6
    assert english_words("  ") == 0
    assert english_words("AI治理 governance") == 2  # Chinese left in the English is no word


def test_percent_never_rounds_to_done_or_to_nothing() -> None:
    assert percent_text(99.6) == "99%"
    assert percent_text(100.0) == "100%"
    assert percent_text(0.2) == "<1%"
    assert percent_text(0.0) == "0%"
    assert percent_text(12.5) == "12%"


def _project(tmp_path: Path) -> Project:
    project = Project.open(tmp_path / "p.sqlite")
    for seed in (SEED_000, SEED_004):
        import_file(project, seed, default_rules())
    return project


def test_document_and_project_counts(tmp_path: Path) -> None:
    project = _project(tmp_path)
    first, second = project.documents()
    paragraphs = project.paragraphs(first.id)
    project.set_target(paragraphs[0].id, "Take part in and lead global AI governance", approve=True)
    project.set_target(paragraphs[1].id, "Two words")
    whole = project_progress(project)
    counts = whole.documents[0].progress
    assert counts.paragraphs == len(paragraphs)
    assert counts.by_status[Status.APPROVED] == 1 and counts.by_status[Status.EDITED] == 1
    assert counts.chinese_characters == sum(chinese_characters(p.source) for p in paragraphs)
    assert counts.chinese_characters_approved == chinese_characters(paragraphs[0].source)
    assert counts.english_words == 8 + 2
    assert counts.percent_approved == round(100 / len(paragraphs), 1)
    assert whole.total.paragraphs == counts.paragraphs + len(project.paragraphs(second.id))
    assert whole.total.english_words == 10
    assert [row.document.name for row in whole.documents] == [first.name, second.name]
    project.close()
