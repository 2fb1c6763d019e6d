"""`workbench edit [FILE]`: the terminal editor (also what a bare `workbench` opens)."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import (
    glossary_file_path,
    glossary_option,
    load_glossary,
    project_option,
)
from workbench.cli.output import note
from workbench.core.errors import InputError
from workbench.ingest_rules import default_rules
from workbench.store.project import Project, ProjectLocation
from workbench.workflows.importing import import_file


@click.command("edit")
@click.argument(
    "file", required=False, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@project_option
@glossary_option
def edit_command(
    file: Path | None, project_path: ProjectLocation, glossary_path: Path | None
) -> None:
    """Translate and review in the terminal editor.

    With FILE, the file is imported into the project first (or, if the project already
    holds it, opened where you left it). Without FILE the project opens on the document you
    worked on last. Every change is saved at once; ctrl+q quits, ctrl+p lists every command.
    A project that cannot be written (permissions, a read-only disk) opens read-only.
    """
    from workbench.tui.app import create_app

    if file is None and isinstance(project_path, Path) and not project_path.exists():
        raise InputError(
            f"no project at {project_path}; open a source file with `workbench edit FILE` "
            "or give one with --project"
        )
    glossary = glossary_file_path(glossary_path)  # a bad one is refused before any import
    # A project made here for FILE is removed again if the import fails.
    project = Project.open(project_path, create=file is not None, remove_if_unused=True)
    # A project that cannot be written opens read-only (the store says why): a banner says so.
    read_only_reason = (
        f"{project_path}: {project.why_read_only or 'opened read-only'}"
        if project.read_only
        else None
    )
    with project:
        document_id = None
        if file is not None:
            outcome = import_file(project, file, default_rules())
            document_id = outcome.document.id
            if outcome.created:
                filled = f"; {outcome.filled} filled from identical translated paragraphs"
                filled_note = filled if outcome.filled else ""
                note(f"{file}: imported as document {document_id}{filled_note}")
        elif not project.documents():
            raise InputError(f"{project_path} has no documents; use `workbench edit FILE`")
        app = create_app(
            project,
            glossary,
            glossary=load_glossary(glossary),  # the curated terms until the first edit
            document_id=document_id,
            read_only_reason=read_only_reason,
        )
        app.run()
    if app.return_code:  # the app failed (it has shown why): not a success for the shell
        raise click.exceptions.Exit(app.return_code)
