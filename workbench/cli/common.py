"""Options and helpers shared by the command modules."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.cells import cell_len

from workbench.core.errors import InputError
from workbench.core.glossary import Glossary
from workbench.formats import glossary_file
from workbench.store.project import DEFAULT_PROJECT_NAME, Project

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger(__name__)


def default_project_path() -> Path:
    return Path(os.environ.get("WORKBENCH_PROJECT", DEFAULT_PROJECT_NAME))


project_option = click.option(
    "--project",
    "-p",
    "project_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=default_project_path,
    show_default=f"$WORKBENCH_PROJECT or ./{DEFAULT_PROJECT_NAME}",
    help="Project file (SQLite).",
)


def open_project(path: Path, *, create: bool = False, write: bool = False) -> Project:
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


def default_glossary_path() -> Path:
    """$WORKBENCH_GLOSSARY, else ./glossary/governance.tsv, else the curated one shipped here."""
    env = os.environ.get(GLOSSARY_ENV)
    if env:
        return Path(env)
    local = GLOSSARY_FILE
    if local.exists():
        return local
    return Path(__file__).resolve().parents[2] / GLOSSARY_FILE


glossary_option = click.option(
    "--glossary",
    "-g",
    "glossary_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Glossary file (TSV, CSV or TBX) [default: $WORKBENCH_GLOSSARY or "
    "./glossary/governance.tsv].",
)


def load_glossary(path: Path | None) -> Glossary:
    """Read the glossary. A missing default file is an empty glossary; a missing one named
    by --glossary or $WORKBENCH_GLOSSARY is an error."""
    chosen = glossary_file_path(path)
    if not chosen.exists():
        return Glossary()
    return read_glossary_file(chosen)


def glossary_file_path(given: Path | None, *, must_exist: bool = True) -> Path:
    """The glossary file to read and write: --glossary, else $WORKBENCH_GLOSSARY, else the
    default. A file named by the option or the variable must not be a folder and, when
    `must_exist`, must exist (a typo would otherwise start an empty glossary)."""
    env = os.environ.get(GLOSSARY_ENV)
    if given is None and not env:
        return default_glossary_path()
    path = given if given is not None else Path(env or "")
    origin = "" if given is not None else f" (from ${GLOSSARY_ENV})"
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
