"""Options and helpers shared by the command modules."""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.cells import cell_len

from workbench import config, paths
from workbench.core.errors import InputError, WorkbenchError
from workbench.core.glossary import Glossary
from workbench.formats import glossary_file
from workbench.store import glossary_terms
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.project import DEFAULT_PROJECT_NAME, Project, ProjectLocation
from workbench.store.server import ServerAddress, is_server_url, redact
from workbench.workflows import glossary_edit
from workbench.workflows.glossary_edit import GlossaryLocation

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger(__name__)


# `postgresql://host/db`, `file:///x`: a value with a scheme is an address, never a file
# name (pathlib would turn it into a folder named `postgresql:`).
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def project_file(value: str) -> ProjectLocation:
    """The project named by --project or $WORKBENCH_PROJECT: a SQLite file, or a database
    on a PostgreSQL server (`postgresql://user@host:port/dbname`); another URL is refused."""
    if is_server_url(value):
        return ServerAddress(value)
    if _URL.match(value):
        raise InputError(
            f"{redact(value)}: not a project; give a project file (e.g. ./workbench.sqlite) "
            "or a PostgreSQL database (postgresql://user@host:port/dbname)"
        )
    return Path(value)


def _default_project_value() -> str:
    return os.environ.get("WORKBENCH_PROJECT", DEFAULT_PROJECT_NAME)


def default_project_path() -> ProjectLocation:
    return project_file(_default_project_value())


def _project_value(
    ctx: click.Context, param: click.Parameter, value: str | ProjectLocation
) -> ProjectLocation:
    return project_file(value) if isinstance(value, str) else value


project_option = click.option(
    "--project",
    "-p",
    "project_path",
    type=click.Path(dir_okay=False),
    callback=_project_value,
    default=_default_project_value,  # text: click checks it as a path, the callback reads it
    show_default=f"$WORKBENCH_PROJECT or ./{DEFAULT_PROJECT_NAME}",
    help="Project: a SQLite file, or postgresql://user@host:port/dbname for a team project.",
)


def open_project(path: ProjectLocation, *, create: bool = False, write: bool = False) -> Project:
    """Open the project; commands that only read it refuse to create an empty one.

    A project this creates is removed again when the command leaves it empty (a failed
    import leaves no project behind). A project that cannot be written opens read-only, so
    reading commands work; a command that will write (`write`, or `create`) is refused at
    once with one line rather than failing at its first write.
    """
    project = Project.open(path, create=create, remove_if_unused=create)
    if project.read_only and (write or create):
        error = project.read_only_error()
        project.close()
        raise error
    log.info("opened project %s%s", path, " (read-only)" if project.read_only else "")
    return project


def shorten(text: str, width: int = 70) -> str:
    """One line of at most `width` terminal cells (a Chinese character takes two)."""
    text = " ".join(text.split())
    if cell_len(text) <= width:
        return text
    cells = 0
    for index, char in enumerate(text):
        cells += cell_len(char)
        if cells > width - 1:
            return text[:index] + "…"
    return text


GLOSSARY_FILE = Path("glossary") / "governance.tsv"
GLOSSARY_ENV = "WORKBENCH_GLOSSARY"


@dataclass(frozen=True)
class GlossaryChoice:
    """The glossary a command uses: the file edits go to, and where its terms come from."""

    path: GlossaryLocation  # the file edits go to (it may not exist yet), or the database
    origin: str  # why this file: "--glossary", "$WORKBENCH_GLOSSARY", "config", ...
    personal: bool = False  # the person's own file, started from the curated glossary

    @property
    def layers(self) -> list[str]:
        """The files whose terms are in effect, in order (later ones win)."""
        if isinstance(self.path, ProjectGlossary):
            return [str(self.path)]
        if self.path.exists():
            return [str(self.path)]
        if self.personal and curated_available():
            return [f"{paths.curated_glossary()} (curated, read-only)"]
        return []


def curated_available() -> bool:
    return paths.curated_glossary().is_file()


PROJECT_GLOSSARY_SETTING = "glossary.path"  # set by `workbench glossary use`


def recorded_glossary(project_path: ProjectLocation) -> GlossaryLocation | None:
    """The glossary file the project records (`workbench glossary use`), else the glossary
    in its database if it holds one (a file copied from a team project), else None."""
    if isinstance(project_path, ServerAddress):
        return None  # a team project's glossary is in its database
    if not project_path.is_file():
        return None
    try:
        with Project.open(project_path, create=False, read_only=True) as project:
            value = project.get_setting(PROJECT_GLOSSARY_SETTING)
            in_database = glossary_terms.in_use(project)
    except (WorkbenchError, OSError):
        return None  # the command that needs the project says what is wrong with it
    if value:
        return Path(value)
    return ProjectGlossary(project_path) if in_database else None


def _command_project() -> ProjectLocation:
    """The project of the running command: its --project, else the default."""
    context = click.get_current_context(silent=True)
    given = context.params.get("project_path") if context is not None else None
    return project_file(str(given)) if isinstance(given, str) else given or default_project_path()


def choose_glossary(
    given: Path | None = None, *, project: ProjectLocation | None = None
) -> GlossaryChoice:
    """--glossary, else $WORKBENCH_GLOSSARY, else on a server project the project's own
    glossary (in its database), else the one the project records (`glossary use`) or, on a
    file copied from a team project, the team's glossary copied into it, else
    ./glossary/governance.tsv (a folder's own), else `glossary` in the config file, else the
    personal glossary (which reads as the curated one until its first edit; so does a
    server project's until its first edit)."""
    env = os.environ.get(GLOSSARY_ENV)
    if given is not None:
        return GlossaryChoice(given, "--glossary")
    if env:
        return GlossaryChoice(Path(env), f"${GLOSSARY_ENV}")
    project_path = _command_project() if project is None else project
    if isinstance(project_path, ServerAddress):
        return GlossaryChoice(ProjectGlossary(project_path), f"project {project_path}")
    recorded = recorded_glossary(project_path)
    if recorded is not None:
        return GlossaryChoice(recorded, f"project {project_path}")
    if GLOSSARY_FILE.exists() and not paths.is_curated_glossary(GLOSSARY_FILE):
        # In the checkout itself ./glossary/governance.tsv is the curated source: not a
        # folder's own glossary, never edited.
        return GlossaryChoice(GLOSSARY_FILE, "the current folder")
    configured = config.get("glossary")
    if configured:
        return GlossaryChoice(Path(configured), f"config file {paths.config_file()}")
    return GlossaryChoice(paths.personal_glossary(), "personal", personal=True)


def default_glossary_path() -> GlossaryLocation:
    """The glossary file edits go to when none is named (see `choose_glossary`)."""
    return choose_glossary().path


glossary_option = click.option(
    "--glossary",
    "-g",
    "glossary_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Glossary file (TSV, CSV or TBX) [default: $WORKBENCH_GLOSSARY, a team project's "
    "glossary in its database, the project's (`glossary use`), ./glossary/governance.tsv, the "
    "config's, else your own; see `workbench glossary where`].",
)


def curated_glossary() -> Glossary:
    """The curated glossary shipped with the workbench (empty if the package lacks it)."""
    return glossary_edit.curated()


def load_glossary(path: GlossaryLocation | None) -> Glossary:
    """Read the glossary in effect. The personal glossary reads as the curated one until it
    is first edited; a missing file named by --glossary, $WORKBENCH_GLOSSARY or the config
    is an error. With no glossary at all, a warning on stderr. On a server project, the
    project's glossary (read from its database)."""
    chosen = path if isinstance(path, ProjectGlossary) else glossary_file_path(path)
    if isinstance(chosen, ProjectGlossary):
        return glossary_edit.read_project_glossary(chosen)
    if chosen.exists():
        return read_glossary_file(chosen)
    if chosen == paths.personal_glossary() and curated_available():
        return curated_glossary()
    click.echo(
        f"warning: no glossary in effect ({chosen} does not exist): terms are not checked "
        "or enforced; see `workbench glossary where`",
        err=True,
    )
    return Glossary()


def starting_glossary(path: GlossaryLocation) -> Glossary | None:
    """What the first edit of a missing glossary file starts from: the curated terms for
    the personal glossary (copy on first write; the write lock makes its folder), else
    nothing (the file must exist). A project's glossary seeds itself."""
    if path == paths.personal_glossary():
        return curated_glossary()
    return None


def glossary_file_path(given: Path | None, *, must_exist: bool = True) -> GlossaryLocation:
    """The glossary file to read and write (see `choose_glossary`), or a server project's
    glossary. A file named by the option, the variable or the config must not be a folder
    and, when `must_exist`, must exist (a typo would otherwise start an empty glossary)."""
    choice = choose_glossary(given)
    if isinstance(choice.path, ProjectGlossary):
        return choice.path
    if choice.personal or choice.path in (GLOSSARY_FILE, paths.personal_glossary()):
        return choice.path  # missing is fine: the curated terms, or an empty project glossary
    path = choice.path
    origin = "" if given is not None else f" (from {choice.origin})"
    try:
        status = path.stat()
    except FileNotFoundError:
        if must_exist:
            raise InputError(
                f"glossary {path}{origin} does not exist; check the path, or start one with "
                f"`workbench glossary import TERMS --glossary {path}`"
            ) from None
        return path
    except OSError:
        return path  # unreadable folder, loop, ...: the reader names the problem
    if stat.S_ISDIR(status.st_mode):
        raise InputError(
            f"glossary {path}{origin} is a folder; give a glossary file (TSV, CSV or TBX)"
        )
    return path


read_glossary_file = glossary_file.read
