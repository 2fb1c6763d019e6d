"""`workbench replace OLD NEW`: find and replace in the translator's English, as one undo
step (`workbench undo` takes every row back)."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import (
    glossary_option,
    load_glossary,
    open_project,
    project_option,
    shorten,
)
from workbench.core.phrasing import counted
from workbench.core.replace import FindQuery, check_replacement
from workbench.store.project import Project, ProjectLocation
from workbench.store.texts import row_texts
from workbench.workflows.replacing import (
    apply_replace,
    find_rows,
    forbidden_introduced,
    plan_replace,
)

SHOWN_CHANGES = 20  # rows listed before "… and N more"


@click.command("replace")
@click.argument("old")
@click.argument("new")
@click.option("--regex", is_flag=True, help="OLD is a Python regular expression; NEW may use \\1.")
@click.option("--case-sensitive", is_flag=True, help="Match case exactly (default: ignore case).")
@click.option(
    "--whole-word", is_flag=True, help="Match only where no letter or digit is next to OLD."
)
@click.option("--document", "-d", "document", help="Only this document (id, name or stem).")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@project_option
@glossary_option
def replace_command(
    old: str,
    new: str,
    regex: bool,
    case_sensitive: bool,
    whole_word: bool,
    document: str | None,
    dry_run: bool,
    project_path: ProjectLocation,
    glossary_path: Path | None,
) -> None:
    """Replace OLD by NEW in the translator's English of every row (or of one document).

    Prints each changed row and how many rows change; all of them undo as one step
    (`workbench undo`). Machine translation not yet taken as the translator's English is
    left alone. A replacement that brings in a rendering the glossary forbids is reported.

    Example: `workbench replace "per cent" "%" --whole-word --dry-run`.
    """
    query = FindQuery(old, regex=regex, case_sensitive=case_sensitive, whole_word=whole_word)
    check_replacement(query, new)  # a bad regex is refused before the project is opened
    glossary = load_glossary(glossary_path)
    with open_project(project_path, write=not dry_run) as project:
        document_id = project.resolve_document(document).id if document else None
        changes = plan_replace(project, query, new, document_id=document_id)
        names = {d.id: d.name for d in project.documents()}
        for change in changes[:SHOWN_CHANGES]:
            where = f"{names.get(change.document_id, change.document_id)} row {change.number}"
            click.echo(f"{where} (#{change.paragraph_id}):")
            click.echo(f"  - {shorten(change.before, 100)}")
            click.echo(f"  + {shorten(change.after, 100)}")
        if len(changes) > SHOWN_CHANGES:
            click.echo(f"… and {counted(len(changes) - SHOWN_CHANGES, 'more row')}")
        for found in forbidden_introduced(glossary, changes):
            click.secho(
                f"warning: row {found.change.number} (#{found.change.paragraph_id}) would use "
                f"{found.rendering!r}, which the glossary forbids for {found.chinese}",
                fg="yellow",
            )
        if dry_run:
            click.echo(f"{counted(len(changes), 'row')} would change (dry run: nothing written)")
            return
        if not changes:
            click.echo(f"0 rows changed: {_why_nothing_changes(project, query, document_id)}")
            return
        result = apply_replace(project, changes)
    click.echo(f"{counted(len(result.written), 'row')} changed (one step: `workbench undo`)")
    if result.conflicts:
        click.secho(
            f"{counted(len(result.conflicts), 'row')} changed by another program meanwhile: "
            "left alone",
            fg="yellow",
        )


def _why_nothing_changes(project: Project, query: FindQuery, document_id: int | None) -> str:
    """Nothing matches, or every match would read the same after the replacement (a NEW
    equal to OLD once the text policy has removed its control characters, say)."""
    matching = len(find_rows(row_texts(project, document_id), query))
    if not matching:
        return "nothing matches"
    return f"the replacement leaves the text as it is in {counted(matching, 'matching row')}"
