"""Options and helpers shared by the command modules."""

from __future__ import annotations

import os
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


def default_glossary_path() -> Path:
    """$WORKBENCH_GLOSSARY, else ./glossary/governance.tsv, else the curated one shipped here."""
    env = os.environ.get("WORKBENCH_GLOSSARY")
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
    """Read the glossary. A missing default file is an empty glossary; a missing given one
    is an error."""
    chosen = path or default_glossary_path()
    if not chosen.exists():
        if path is not None:
            raise InputError(f"glossary {path} does not exist")
        return Glossary()
    return read_glossary_file(chosen)


def glossary_file_path(given: Path | None) -> Path:
    """The file glossary edits are written to."""
    return given or default_glossary_path()


read_glossary_file = glossary_file.read
save_glossary = glossary_file.write
