"""`workbench status` prints each document's counts and the project's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.tui_fixtures import SEED_000, SEED_004
from workbench.core.counts import chinese_characters, percent_text
from workbench.ingest_rules import default_rules
from workbench.store.project import Project
from workbench.workflows.importing import import_file


def test_status_prints_the_counts(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "p.sqlite")
    for seed in (SEED_000, SEED_004):
        import_file(project, seed, default_rules())
    first = project.documents()[0]
    paragraphs = project.paragraphs(first.id)
    project.set_target(paragraphs[0].id, "Take part in and lead global AI governance", approve=True)
    characters = sum(chinese_characters(p.source) for p in paragraphs)
    total = sum(chinese_characters(p.source) for p in project.paragraphs())
    project.close()
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "status", "-p", str(tmp_path / "p.sqlite")],
        capture_output=True,
        text=True,
        check=True,
    )
    approved = percent_text(100 / len(paragraphs))
    assert f"{characters:,} Chinese characters, 8 English words; {approved} approved" in (
        done.stdout
    )
    assert f"{total:,} Chinese characters" in done.stdout.splitlines()[-1]


def test_status_groups_the_thousands_of_every_count() -> None:
    from workbench.cli.documents import _progress_line
    from workbench.core.segments import Status
    from workbench.workflows.progress import Progress

    counts = Progress(
        paragraphs=12_345,
        by_status={
            Status.NEW: 1_000,
            Status.MACHINE: 9_345,
            Status.EDITED: 1_500,
            Status.APPROVED: 500,
        },
        chinese_characters=1_234_567,
        english_words=23_456,
    )
    line = _progress_line(counts)
    assert line.startswith("12,345 paragraphs, 2,000 translated by hand ")
    assert "(new 1,000 machine 9,345 edited 1,500 approved 500)" in line
    assert "1,234,567 Chinese characters, 23,456 English words" in line
