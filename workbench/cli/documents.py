"""Commands for source documents: import, status, paragraphs, dropped blocks, order, undo."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

import click

from workbench.cli.common import open_project, project_option, shorten
from workbench.cli.completion import complete_document
from workbench.cli.output import emit_json, format_option, note, result, wants_json
from workbench.core.cleaning_rules import CleaningRules
from workbench.core.counts import percent_text
from workbench.core.errors import InputError, WorkbenchError
from workbench.core.phrasing import counted
from workbench.core.segments import Paragraph, Status
from workbench.core.sizes import format_size, parse_size
from workbench.ingest_rules import default_rules, load_rules_file
from workbench.store.project import Project, ProjectLocation
from workbench.workflows.importing import MAX_BYTES, ImportOutcome, display_path, import_file
from workbench.workflows.progress import Progress, ProjectProgress, project_progress

log = logging.getLogger(__name__)


def _max_size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    try:
        return parse_size(value)
    except InputError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


SHOWN_CHANGES = 20  # paragraphs named after an undo or redo; the rest are counted


@click.command("import")
# readable=False: an unreadable file is reported by the import itself (one line, the other
# files still go in), not refused by click before anything is imported.
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@project_option
@click.option(
    "--rules",
    "rules_files",
    multiple=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Extra cleaning rules (TOML) merged over the defaults; may be repeated.",
)
@click.option(
    "--show-dropped", is_flag=True, help="List every block the cleaner left out, and why."
)
@click.option(
    "--max-size",
    "max_bytes",
    default=format_size(MAX_BYTES).replace(" ", ""),
    callback=_max_size,
    metavar="SIZE",
    show_default=True,
    help="Refuse files larger than this (K, M, G: 1024-based).",
)
def import_command(
    files: tuple[Path, ...],
    project_path: ProjectLocation,
    rules_files: tuple[Path, ...],
    show_dropped: bool,
    max_bytes: int,
) -> None:
    """Import Chinese source documents (.txt, .md, .html) into the project.

    Pages scraped from news sites are cleaned: share buttons, editor credits, reading
    lists, reader comments, injected spam and text hidden from readers are left out (see
    --show-dropped; restore a block with `workbench restore`). Importing the same file
    again changes nothing.
    """
    rules = _rules(rules_files)
    failures = 0
    with open_project(project_path, create=True) as project:
        for path in files:
            try:
                outcome = import_file(project, path, rules, max_bytes=max_bytes)
            except InputError as exc:
                failures += 1
                shown = display_path(path)
                reason = str(exc) if shown in str(exc) else f"{shown}: {exc}"
                click.secho(f"not imported: {reason}", fg="red", err=True)
                log.warning("not imported: %s", reason)
                continue
            if outcome.clean is None:
                log.info("%s: already in document %d", outcome.shown, outcome.document.id)
            else:
                log.info(
                    "%s: imported as document %d (%d paragraphs kept, %d blocks dropped)",
                    outcome.shown,
                    outcome.document.id,
                    len(outcome.clean.paragraphs),
                    len(outcome.clean.dropped),
                )
            _report(outcome, show_dropped)
            if show_dropped and not outcome.created:
                _print_stored_dropped(project, outcome.document.id)
    if failures:
        raise click.exceptions.Exit(1)


def _rules(files: tuple[Path, ...]) -> CleaningRules:
    rules = default_rules()
    for path in files:
        rules = load_rules_file(path, base=rules)
    return rules


def _report(outcome: ImportOutcome, show_dropped: bool) -> None:
    document = outcome.document
    if outcome.clean is None:
        result(f"{outcome.shown}: already in the project as document {document.id}; unchanged")
        return
    clean = outcome.clean
    reasons = Counter(block.reason for block in clean.dropped)
    summary = ", ".join(f"{reason} {count}" for reason, count in reasons.most_common())
    result(f"{outcome.shown}: imported as document {document.id}", fg="green")
    if clean.title:
        result(f"  title: {clean.title}")
    meta = clean.metadata
    facts = [
        f"{k}: {v}"
        for k, v in (("source", meta.source), ("date", meta.date), ("author", meta.author))
        if v
    ]
    if facts:
        result("  " + "; ".join(facts))
    result(
        f"  {counted(len(clean.paragraphs), 'paragraph')} kept; "
        f"{counted(len(clean.dropped), 'block')} dropped" + (f" ({summary})" if summary else "")
    )
    if clean.removed:
        total = sum(removed.count for removed in clean.removed)
        codes = ", ".join(dict.fromkeys(c for r in clean.removed for c in r.characters.split(", ")))
        where = "" if show_dropped else "; --show-dropped says where"
        note(f"  {counted(total, 'character')} removed that no file can carry ({codes}){where}")
    for paragraph in clean.paragraphs:
        for change in paragraph.changes:
            note(f"  line {paragraph.line_no}: {change}")
    for warning in clean.warnings:
        note(f"  warning: {warning}", fg="yellow")
    if outcome.earlier:
        ids = ", ".join(str(d.id) for d in outcome.earlier)
        note(
            f"  note: an earlier version of this file is in the project (document {ids}); "
            "both are kept",
            fg="yellow",
        )
    if outcome.filled:
        note(
            f"  {counted(outcome.filled, 'paragraph')} filled with the English of identical "
            "paragraphs already translated (marked propagated)"
        )
    if show_dropped:
        for removed in clean.removed:
            place = f"line {removed.line_no}" if removed.line_no else "the page's metadata"
            result(
                f"  removed from {place}: {counted(removed.count, 'character')} "
                f"({removed.characters})"
            )
        for block in clean.dropped:
            result(
                f"  dropped line {block.line_no} [{block.reason}; {block.rule_id}]: "
                f"{shorten(block.text)}"
            )


def _print_stored_dropped(project: Project, document_id: int) -> None:
    for paragraph in project.paragraphs(document_id, include_dropped=True):
        if not paragraph.included:
            result(
                f"  dropped #{paragraph.id} line {paragraph.line_no} "
                f"[{paragraph.drop_reason}]: {shorten(paragraph.source)}"
            )


@click.command("status")
@project_option
@click.option("--document", "-d", shell_complete=complete_document, help="Only this document.")
@format_option()
def status_command(project_path: ProjectLocation, document: str | None, fmt: str) -> None:
    """Documents in the project with their translation progress and warnings.

    Counts the paragraphs by status, the Chinese characters of the source, the English
    words the translator has written (machine output is not counted) and the share of
    paragraphs approved, per document and for the project.
    """
    with open_project(project_path) as project:
        document_id = project.resolve_document(document).id if document else None
        progress = project_progress(project, document_id)
    if wants_json(fmt):
        emit_json(_status_json(progress))
        return
    if not progress.documents:
        result("The project has no documents yet; add some with `workbench import FILE`.")
        return
    for row in progress.documents:
        doc = row.document
        result(f"{doc.id}  {doc.name}  {doc.title or ''}".rstrip())
        result(f"   {_progress_line(row.progress)}")
        for warning in doc.warnings:
            result(f"   warning: {warning}", fg="yellow")
    if len(progress.documents) > 1:
        result(f"total: {_progress_line(progress.total)}")


def _progress_line(counts: Progress) -> str:
    by_status = " ".join(f"{s.value} {counts.by_status[s]:,}" for s in Status)
    return (
        f"{counted(counts.paragraphs, 'paragraph')}, {counts.translated_by_hand:,} translated by "
        f"hand ({by_status}); {counted(counts.chinese_characters, 'Chinese character')}, "
        f"{counted(counts.english_words, 'English word')}; "
        f"{percent_text(counts.percent_approved)} approved"
    )


def _progress_json(counts: Progress) -> dict[str, Any]:
    return {
        "paragraphs": counts.paragraphs,
        "paragraphs_by_status": {s.value: counts.by_status[s] for s in Status},
        "paragraphs_translated_by_hand": counts.translated_by_hand,
        "chinese_characters": counts.chinese_characters,
        "chinese_characters_approved": counts.chinese_characters_approved,
        "english_words": counts.english_words,
        "percent_approved": counts.percent_approved,
    }


def _status_json(progress: ProjectProgress) -> dict[str, Any]:
    return {
        "documents": [
            {
                "id": row.document.id,
                "name": row.document.name,
                "path": row.document.path,
                "title": row.document.title,
                "warnings": list(row.document.warnings),
                **_progress_json(row.progress),
            }
            for row in progress.documents
        ],
        "total": {"documents": len(progress.documents), **_progress_json(progress.total)},
    }


@click.command("paragraphs")
@click.argument("document", shell_complete=complete_document)
@project_option
@click.option(
    "--dropped", "with_dropped", is_flag=True, help="Also list blocks the cleaner left out."
)
@click.option("--full", is_flag=True, help="Print whole texts instead of a one-line preview.")
@format_option()
def paragraphs_command(
    document: str, project_path: ProjectLocation, with_dropped: bool, full: bool, fmt: str
) -> None:
    """List a document's paragraphs (by id, name or file stem) with ids, status and English.

    With --format json every text is whole (--full is implied).
    """
    with open_project(project_path) as project:
        doc = project.resolve_document(document)
        paragraphs = project.paragraphs(doc.id, include_dropped=with_dropped)
    if wants_json(fmt):
        emit_json(
            {
                "document": {"id": doc.id, "name": doc.name, "title": doc.title},
                "paragraphs": _paragraphs_json(paragraphs),
            }
        )
        return
    number = 0
    show = (lambda t: t) if full else shorten
    for paragraph in paragraphs:
        if paragraph.included:
            number += 1
            head = f"{number:>3}. #{paragraph.id} [{paragraph.status.value}]"
        else:
            head = f"  -  #{paragraph.id} [dropped: {paragraph.drop_reason}]"
        result(f"{head} {show(paragraph.source)}")
        if paragraph.english:
            result(f"       {show(paragraph.english)}")


def _paragraphs_json(paragraphs: list[Paragraph]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    number = 0
    for paragraph in paragraphs:
        if paragraph.included:
            number += 1
        rows.append(
            {
                "id": paragraph.id,
                "number": number if paragraph.included else None,
                "line": paragraph.line_no,
                "kind": paragraph.kind.value,
                "status": paragraph.status.value,
                "included": paragraph.included,
                "drop_reason": None if paragraph.included else paragraph.drop_reason,
                "chinese": paragraph.source,
                "english": paragraph.english,
                "machine_translation": paragraph.mt,
                "translation": paragraph.target,
            }
        )
    return rows


@click.command("restore")
@click.argument("paragraph_ids", nargs=-1, required=True, type=int)
@project_option
def restore_command(paragraph_ids: tuple[int, ...], project_path: ProjectLocation) -> None:
    """Put back blocks the cleaner dropped (ids from `paragraphs DOC --dropped`)."""
    with open_project(project_path, write=True) as project:
        for paragraph_id in paragraph_ids:
            paragraph = project.set_included(paragraph_id, True)
            result(f"restored #{paragraph.id}: {shorten(paragraph.source)}")


@click.command("move")
@click.argument("paragraph_id", type=int)
@click.option("--up", "up", type=int, default=0, help="Move up this many places.")
@click.option("--down", "down", type=int, default=0, help="Move down this many places.")
@click.option("--to", "to", type=int, help="Move to this paragraph number (1 = first).")
@project_option
def move_command(
    paragraph_id: int, up: int, down: int, to: int | None, project_path: ProjectLocation
) -> None:
    """Move a paragraph to repair the source order (e.g. 二是 before 一是).

    Example: `workbench move 12 --up 2` moves paragraph #12 two places up.
    """
    if sum(bool(x) for x in (up, down, to is not None)) != 1:
        raise click.UsageError("give exactly one of --up, --down or --to")
    with open_project(project_path, write=True) as project:
        current = project.paragraph(paragraph_id)
        if to is not None:
            siblings = project.paragraphs(current.document_id)
            place = next(i for i, p in enumerate(siblings, start=1) if p.id == paragraph_id)
            offset = to - place
        else:
            offset = down - up
        paragraph = project.move(paragraph_id, offset)
        siblings = project.paragraphs(paragraph.document_id)
        place = next(i for i, p in enumerate(siblings, start=1) if p.id == paragraph_id)
        result(f"#{paragraph_id} is now paragraph {place} of {len(siblings)}")


@click.command("undo")
@project_option
@format_option()
def undo_command(project_path: ProjectLocation, fmt: str) -> None:
    """Undo the last change to translations, order or dropped blocks."""
    _replay(project_path, undo=True, fmt=fmt)


@click.command("redo")
@project_option
@format_option()
def redo_command(project_path: ProjectLocation, fmt: str) -> None:
    """Redo the last undone change."""
    _replay(project_path, undo=False, fmt=fmt)


def _replay(project_path: ProjectLocation, *, undo: bool, fmt: str) -> None:
    with open_project(project_path, write=True) as project:
        touched = project.undo() if undo else project.redo()
    if not touched:
        raise WorkbenchError("nothing to undo" if undo else "nothing to redo")
    verb = "undid" if undo else "redid"
    log.info("%s a change to %d paragraphs", verb, len(touched))
    if wants_json(fmt):
        emit_json(
            {
                "action": "undo" if undo else "redo",
                "paragraphs": [
                    {
                        "id": p.id,
                        "document_id": p.document_id,
                        "status": p.status.value,
                        "chinese": p.source,
                        "english": p.english,
                    }
                    for p in touched
                ],
            }
        )
        return
    for paragraph in touched[:SHOWN_CHANGES]:
        result(
            f"{verb} change to #{paragraph.id}: {shorten(paragraph.english or paragraph.source)}"
        )
    if len(touched) > SHOWN_CHANGES:
        more = counted(len(touched) - SHOWN_CHANGES, "paragraph")
        result(f"… and {more} more ({counted(len(touched), 'paragraph')} in this step)")
