"""`workbench project copy SRC DST`: move a whole project between a SQLite file and a
PostgreSQL database, either way."""

from __future__ import annotations

import click

from workbench.cli.common import project_file
from workbench.cli.output import result
from workbench.core.phrasing import counted
from workbench.store.copying import copy_project


@click.group("project")
def project_group() -> None:
    """Whole projects: copy one between a SQLite file and a PostgreSQL database."""


@project_group.command("copy")
@click.argument("source")
@click.argument("destination")
def copy_command(source: str, destination: str) -> None:
    """Copy the project SOURCE into DESTINATION, a new file or an empty database.

    Either may be a SQLite file or postgresql://user@host:port/dbname. Everything is
    copied: documents, translations, the edit history (undo keeps working), the memories,
    the settings and the MT cache. SOURCE is only read; DESTINATION must hold no project
    yet, and is left as it was if the copy fails.

    Example: `workbench project copy workbench.sqlite postgresql://team@db/policy_texts`.
    """
    src, dst = project_file(source), project_file(destination)
    copied = copy_project(src, dst)
    rows = copied.rows
    result(
        f"copied {src} to {dst} ({counted(rows['documents'], 'document')}, "
        f"{counted(rows['paragraphs'], 'paragraph')}, "
        f"{counted(rows['history'], 'history entry', 'history entries')}, "
        f"{counted(rows['memory_units'], 'memory pair')}, "
        f"{counted(rows['mt_cache'], 'cached translation')})"
    )
