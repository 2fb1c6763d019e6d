"""Counts of a translation: Chinese characters, English words, rows by status, % approved."""

from __future__ import annotations

import json
from pathlib import Path

from tests.tui_fixtures import SEED_000, SEED_004
from workbench.core.counts import chinese_characters, english_words, percent_text
from workbench.core.segments import Status
from workbench.ingest_rules import default_rules
from workbench.store.project import Project
from workbench.workflows.counts import document_counts, project_counts
from workbench.workflows.importing import import_file


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
    counts = document_counts(project, first.id)
    assert counts.rows == len(paragraphs)
    assert counts.by_status[Status.APPROVED] == 1 and counts.by_status[Status.EDITED] == 1
    assert counts.chinese_characters == sum(chinese_characters(p.source) for p in paragraphs)
    assert counts.approved_chinese_characters == chinese_characters(paragraphs[0].source)
    assert counts.english_words == 8 + 2
    assert counts.approved_percent == 100 / len(paragraphs)
    whole = project_counts(project)
    assert whole.total.rows == counts.rows + len(project.paragraphs(second.id))
    fields = whole.as_dict()
    assert fields["project"]["english_words"] == 10
    assert [d["name"] for d in fields["documents"]] == [first.name, second.name]
    assert set(fields["project"]) >= {
        "rows",
        "rows_new",
        "rows_machine",
        "rows_edited",
        "rows_approved",
        "chinese_characters",
        "english_words",
        "approved_rows_percent",
    }
    json.dumps(fields)
    project.close()
