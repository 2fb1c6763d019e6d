"""`workbench backup [PATH]`: a consistent copy of the project, also while it is open."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import project_option
from workbench.cli.output import result
from workbench.core.errors import InputError
from workbench.core.phrasing import counted
from workbench.store.backup import backup_project
from workbench.store.project import ProjectLocation


@click.command("backup")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@project_option
@click.option("--force", is_flag=True, help="Replace PATH if it is an existing file.")
def backup_command(path: Path | None, project_path: ProjectLocation, force: bool) -> None:
    """Copy the project to PATH (a file or a folder) with every saved row.

    Safe while the editor or another command has the project open: rows saved but still
    in the project's write-ahead log (the -wal file), which a plain file copy misses, are
    in the backup. Without PATH the copy goes beside the project, named after it and the
    time (PROJECT-backup-YYYYMMDD-HHMMSS.sqlite); an existing name is never reused.
    Restore by copying the backup over the project while no workbench has it open.
    """
    if not isinstance(project_path, Path):
        raise InputError(
            f"{project_path} is a PostgreSQL project: back it up with the server's own tool, "
            f"e.g. `pg_dump -Fc -f backup.dump {project_path.database}` (see the README)"
        )
    copy = backup_project(project_path, path, force=force)
    size = (
        f"{copy.bytes / 1_048_576:.1f} MB"
        if copy.bytes >= 1_048_576
        else f"{copy.bytes // 1024} kB"
    )
    result(
        f"backed up {project_path} to {copy.path} ({counted(copy.documents, 'document')}, "
        f"{counted(copy.paragraphs, 'paragraph')}, {size})"
    )
