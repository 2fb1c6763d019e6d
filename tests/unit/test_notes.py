"""Notes on rows: stored and undone like other row edits, exported as a TMX <note> and a PO
translator comment, read back by import-translations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
from lxml import etree

from tests.tui_fixtures import SEED_000
from workbench.core.segments import Level
from workbench.ingest_rules import default_rules
from workbench.store.project import Project
from workbench.workflows.exporting import (
    ExportFormat,
    ExportRequest,
    export,
    import_translations,
    read_units,
)
from workbench.workflows.importing import import_file

NOTE = "Client asked for “AI” here, not “artificial intelligence”.\nSee the style guide, §3."


def _project(tmp_path: Path) -> Project:
    project = Project.open(tmp_path / "p.sqlite")
    import_file(project, SEED_000, default_rules())
    return project


def test_a_note_is_stored_and_undone_like_any_row_edit(tmp_path: Path) -> None:
    project = _project(tmp_path)
    first = project.paragraphs()[0]
    assert first.note is None
    assert project.set_note(first.id, f"  {NOTE} ").note == NOTE
    project.set_note(first.id, "Second thought")
    project.undo()
    assert project.paragraph(first.id).note == NOTE
    project.undo()
    assert project.paragraph(first.id).note is None
    project.redo()
    project.close()
    reopened = Project.open(tmp_path / "p.sqlite")
    assert reopened.paragraph(first.id).note == NOTE
    reopened.close()


def _exported(tmp_path: Path, fmt: str, level: Level = Level.PARAGRAPH) -> tuple[Path, int]:
    project = _project(tmp_path)
    paragraphs = project.paragraphs()
    project.set_target(paragraphs[0].id, "Take part in and lead global AI governance.")
    project.set_note(paragraphs[0].id, NOTE)
    project.set_target(paragraphs[1].id, "No note here.")
    out = tmp_path / f"out.{fmt}"
    export(project, None, ExportRequest(ExportFormat(fmt), level=level, output=out))
    project.close()
    return out, paragraphs[0].id


def test_tmx_carries_the_note_in_the_tu(tmp_path: Path) -> None:
    out, _ = _exported(tmp_path, "tmx")
    tus = etree.parse(str(out)).getroot().findall("body/tu")
    assert [tu.findtext("note") for tu in tus] == [NOTE, None]
    assert next(child.tag for child in tus[0]) == "note"  # notes come before props and tuvs
    assert [u.note for u in read_units(out)] == [NOTE, ""]


def test_po_carries_the_note_as_a_translator_comment(tmp_path: Path) -> None:
    out, _ = _exported(tmp_path, "po")
    entries = [e for e in polib.pofile(str(out)) if e.msgid]
    assert entries[0].tcomment == NOTE
    assert "# Client asked for" in out.read_text(encoding="utf-8")
    assert [u.note for u in read_units(out)] == [NOTE, ""]


def test_sentence_level_puts_the_note_on_the_first_sentence(tmp_path: Path) -> None:
    out, _ = _exported(tmp_path, "tmx", Level.SENTENCE)
    notes = [u.note for u in read_units(out)]
    assert notes[0] == NOTE and not any(notes[1:])


def test_import_sets_notes_on_rows_without_one_or_with_overwrite(tmp_path: Path) -> None:
    out, first = _exported(tmp_path, "po")
    project = Project.open(tmp_path / "p.sqlite")
    project.set_note(first, None)
    report = import_translations(project, read_units(out))
    assert report.notes == 1 and project.paragraph(first).note == NOTE
    project.set_note(first, "Mine")
    assert import_translations(project, read_units(out)).notes == 0
    assert project.paragraph(first).note == "Mine"
    assert import_translations(project, read_units(out), overwrite=True).notes == 1
    assert project.paragraph(first).note == NOTE
    project.close()


def test_import_translations_command_reports_the_notes(tmp_path: Path) -> None:
    out, first = _exported(tmp_path, "tmx")
    project_file = str(tmp_path / "p.sqlite")
    project = Project.open(tmp_path / "p.sqlite")
    project.set_note(first, None)
    project.close()
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "import-translations", str(out), "-p", project_file],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1 note set" in done.stdout
    reopened = Project.open(tmp_path / "p.sqlite")
    assert reopened.paragraph(first).note == NOTE
    reopened.close()


def test_a_note_read_from_a_file_goes_through_the_text_policy(tmp_path: Path) -> None:
    out, first = _exported(tmp_path, "po")
    text = out.read_text(encoding="utf-8").replace("# Client asked", "# Client\x07 asked\x1b", 1)
    out.write_text(text, encoding="utf-8")
    project = Project.open(tmp_path / "p.sqlite")
    project.set_note(first, None)
    report = import_translations(project, read_units(out))
    assert report.removed == 2
    assert project.paragraph(first).note == NOTE
    project.close()
