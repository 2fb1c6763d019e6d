"""`workbench project copy SRC DST`: move a whole project between a SQLite file and a
PostgreSQL database, either way."""

from __future__ import annotations

import click

from workbench.cli.common import (
    choose_glossary,
    curated_glossary,
    load_glossary,
    project_file,
)
from workbench.cli.output import result
from workbench.core.errors import InputError, WorkbenchError
from workbench.core.glossary import Glossary
from workbench.core.phrasing import counted
from workbench.store import glossary_terms
from workbench.store.copying import copy_project
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.project import Project, ProjectLocation
from workbench.store.server import ServerAddress
from workbench.workflows.glossary_edit import GlossaryLocation


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
    the settings, the MT cache and a team project's glossary. A file project going to a
    server takes its glossary file along into the database (the team's glossary then starts
    from it); a server project copied to a file keeps the team's glossary in the file, and
    commands on the file use it. SOURCE is only read; DESTINATION must hold no project
    yet, and is left as it was if the copy fails.

    Example: `workbench project copy workbench.sqlite postgresql://team@db/policy_texts`.
    """
    src, dst = project_file(source), project_file(destination)
    brought = _file_glossary(src) if isinstance(dst, ServerAddress) else None
    copied = copy_project(src, dst, glossary=brought[1] if brought else None)
    rows = copied.rows
    result(
        f"copied {src} to {dst} ({counted(rows['documents'], 'document')}, "
        f"{counted(rows['paragraphs'], 'paragraph')}, "
        f"{counted(rows['history'], 'history entry', 'history entries')}, "
        f"{counted(rows['memory_units'], 'memory pair')}, "
        f"{counted(rows['mt_cache'], 'cached translation')}, "
        f"{counted(rows['glossary_terms'], 'glossary term')} in the database)"
    )
    if brought:
        result(f"the team's glossary starts from {brought[0]}: `workbench glossary where`")


def _file_glossary(source: ProjectLocation) -> tuple[GlossaryLocation, Glossary] | None:
    """The glossary file a file project uses, with its terms, when a server copy must keep
    them in its database; None when the source's glossary is already in its database, or is
    the curated one unedited (which a new server project reads as anyway)."""
    with Project.open(source, create=False, read_only=True) as project:
        if glossary_terms.in_use(project):
            return None  # copied with the project's tables
    choice = choose_glossary(project=source)
    if isinstance(choice.path, ProjectGlossary):
        return None
    try:
        glossary = load_glossary(choice.path)
    except WorkbenchError as exc:
        raise InputError(
            f"{exc}; the copy would leave the team without the glossary {source} uses: "
            "fix it, or record another with `workbench glossary use`"
        ) from exc
    if not glossary.terms or glossary == curated_glossary():
        return None
    return choice.path, glossary
