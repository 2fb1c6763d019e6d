"""Commands that move aligned pairs in and out: export, import-translations."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import click

from workbench.cli.common import (
    glossary_file_path,
    glossary_option,
    load_glossary,
    open_project,
    project_option,
)
from workbench.cli.completion import complete_document
from workbench.cli.output import note, result
from workbench.core.phrasing import counted
from workbench.core.segments import Level, Status
from workbench.store.project import ProjectLocation
from workbench.workflows.exporting import (
    TARGET_LANGUAGE,
    ExportFormat,
    ExportRequest,
    default_statuses,
    export,
    import_translations,
    read_units,
)
from workbench.workflows.outputs import output_path

log = logging.getLogger(__name__)

# A BCP 47 language tag as far as a file needs it: a language, then subtags (en, en-GB).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

# The output is checked by the workflow (empty, a folder, the project...): one line, exit 1.
OUTPUT_TYPE = click.Path(path_type=str)


@click.command("export")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    default=ExportFormat.TMX.value,
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=OUTPUT_TYPE,
    help="Output file [default: a new file under exports/]; never the project, the glossary "
    "or an imported file.",
)
@click.option(
    "--level",
    type=click.Choice([lv.value for lv in Level]),
    default=Level.PARAGRAPH.value,
    show_default=True,
    help="Pair whole paragraphs or single sentences.",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([s.value for s in Status]),
    help="Only paragraphs with this status; may be repeated [default: edited and approved, "
    "plus new with --include-empty: machine output only when named].",
)
@click.option("--include-empty", is_flag=True, help="Also export paragraphs with no English yet.")
@click.option(
    "--target-language",
    default=TARGET_LANGUAGE,
    show_default=True,
    help="BCP 47 tag of the English in TMX and XLIFF, e.g. en-GB (the Chinese is zh-CN).",
)
@click.option(
    "--document",
    "-d",
    shell_complete=complete_document,
    help="Only this document (id or file name).",
)
@project_option
@glossary_option
def export_command(
    fmt: str,
    output: str | None,
    level: str,
    statuses: tuple[str, ...],
    include_empty: bool,
    document: str | None,
    target_language: str,
    project_path: ProjectLocation,
    glossary_path: Path | None,
) -> None:
    """Export aligned Chinese/English pairs as TMX, XLIFF 1.2 (xliff), XLIFF 2.1 (xliff2),
    PO, TSV or JSONL.

    Reviewed English only (edited, approved) unless --status names others: unreviewed
    machine output goes out only with --status machine. Only pairs with English are written
    unless --include-empty. The file is written atomically: an interrupted export never
    leaves a half file behind.
    """
    output_file = output_path(output)
    if not _LANGUAGE_TAG.fullmatch(target_language):
        raise click.BadParameter(
            f"{target_language!r} is not a language tag (BCP 47, e.g. en or en-GB)",
            param_hint="--target-language",
        )
    glossary = load_glossary(glossary_path)
    with open_project(project_path) as project:
        document_id = project.resolve_document(document).id if document else None
        request = ExportRequest(
            fmt=ExportFormat(fmt),
            level=Level(level),
            statuses=frozenset(Status(s) for s in statuses) or default_statuses(include_empty),
            include_empty=include_empty,
            document_id=document_id,
            output=output_file,
            make_folders=False,  # a folder typed wrong is an error, not a new folder
            target_language=target_language,
        )
        exported = export(
            project, glossary, request, glossary_path=glossary_file_path(glossary_path)
        )
    log.info("exported %d pairs (%s) to %s", exported.count, fmt, exported.path)
    result(f"wrote {counted(exported.count, 'pair')} to {exported.path}")
    if exported.whole_paragraphs:
        note(
            f"note: {counted(exported.whole_paragraphs, 'paragraph')} exported whole: their "
            "English does not split into as many sentences as the Chinese",
            fg="yellow",
        )
    if exported.count == 0:
        if statuses:
            which = "no paragraph" if include_empty else "no paragraph with English"
            why = f"{which} has the status {' or '.join(statuses)}"
        else:
            why = (
                "no reviewed English (edited or approved) to export; unreviewed machine "
                "output goes out only with --status machine, pairs without English with "
                "--include-empty"
            )
        note(f"note: {why}", fg="yellow")


@click.command("import-translations")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False)
)
@project_option
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace English (and notes) the project already has (undoable).",
)
def import_translations_command(
    files: tuple[Path, ...], project_path: ProjectLocation, overwrite: bool
) -> None:
    """Bring English back from TMX, XLIFF 1.2, PO, TSV or JSONL files into matching paragraphs.

    Pairs match by their key (document and paragraph) or by identical Chinese; pairs of
    single sentences (another tool's segmentation) fill a paragraph whose sentences are all
    found, and a paragraph with only some found is reported. English
    the project already has is kept and reported unless --overwrite. All of it is one
    undo step (`workbench undo`). Notes (a TMX <note>, a PO translator comment) go to rows
    without one (to every row with --overwrite), as one more undo step.
    """
    with open_project(project_path, write=True) as project:
        for path in files:
            warnings: list[str] = []
            units = read_units(path, warnings=warnings)
            report = import_translations(project, units, overwrite=overwrite)
            log.info("%s: %d translations applied", path, report.applied)
            result(
                f"{path}: {report.applied} applied, {report.unchanged} unchanged, "
                f"{len(report.conflicts)} kept (project had other English), "
                f"{len(report.unmatched)} unmatched"
                + (f", {counted(report.notes, 'note')} set" if report.notes else "")
            )
            if report.removed:
                note(f"  {removed_note(report.removed)}", fg="yellow")
            for warning in warnings[:20]:
                note(f"  warning: {warning}", fg="yellow")
            for line in report.conflicts[:20]:
                result(f"  kept: {line}")
            for line in report.partial[:20]:
                result(f"  partly found: {line}")
            for key in report.unmatched[:20]:
                result(f"  unmatched: {key}")


def removed_note(count: int) -> str:
    return (
        f"removed {counted(count, 'character')} that no file may carry "
        "(control characters, terminal escape codes, noncharacters, lone surrogates)"
    )
