"""`workbench edit [FILE]`: the terminal editor (also what a bare `workbench` opens)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from workbench.cli.common import default_glossary_path, glossary_option, project_option
from workbench.core.errors import InputError, ProjectBusyError, ProjectError, ProjectReadOnlyError
from workbench.ingest_rules import default_rules
from workbench.store.project import Project
from workbench.workflows.importing import import_file


@click.command("edit")
@click.argument(
    "file", required=False, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@project_option
@glossary_option
def edit_command(file: Path | None, project_path: Path, glossary_path: Path | None) -> None:
    """Translate and review in the terminal editor.

    With FILE, the file is imported into the project first (or, if the project already
    holds it, opened where you left it). Without FILE the project opens on the document you
    worked on last. Every change is saved at once; ctrl+q quits, ctrl+p lists every command.
    A project that cannot be written (permissions, a read-only disk) opens read-only.
    """
    from workbench.tui.app import create_app

    if file is None and not project_path.exists():
        raise InputError(
            f"no project at {project_path}; open a source file with `workbench edit FILE` "
            "or give one with --project"
        )
    project, read_only_reason = _open(project_path, create=file is not None)
    with project:
        document_id = None
        if file is not None:
            outcome = import_file(project, file, default_rules())
            document_id = outcome.document.id
            if outcome.created:
                filled = f"; {outcome.filled} filled from identical translated paragraphs"
                note = filled if outcome.filled else ""
                click.echo(f"{file}: imported as document {document_id}{note}")
        elif not project.documents():
            raise InputError(f"{project_path} has no documents; use `workbench edit FILE`")
        app = create_app(
            project,
            glossary_path or default_glossary_path(),
            document_id=document_id,
            read_only_reason=read_only_reason,
        )
        app.run()
    if app.return_code:  # the app failed (it has shown why): not a success for the shell
        raise click.exceptions.Exit(app.return_code)


def _open(path: Path, *, create: bool) -> tuple[Project, str | None]:
    """The project, writable if it can be; else read-only, with the reason it is."""
    try:
        return Project.open(path, create=create), None
    except ProjectBusyError:
        raise
    except ProjectError as exc:
        if isinstance(exc, ProjectReadOnlyError) and path.is_file():
            return Project.open(path, read_only=True), str(exc)
        if not path.is_file() or not _locked(path):
            raise
        reason = f"{path} cannot be written (permissions of the file or its folder, read-only disk)"
        return Project.open(path, read_only=True), reason


def _locked(path: Path) -> bool:
    """The file or its folder cannot be written (permissions, a read-only file system)."""
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
