"""Shell completion of values that are cheap to know: document names, glossary terms.

click completes commands, options and choices (formats, statuses) by itself once the shell
is set up (`_WORKBENCH_COMPLETE=bash_source workbench`, see the README). These functions add
the project's documents and the glossary's terms. A completion never fails loudly: whatever
goes wrong (no project yet, a damaged file) gives no suggestions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem

from workbench.core.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.store.project import ProjectLocation


def _project_path(ctx: click.Context) -> ProjectLocation:
    from workbench.cli.common import default_project_path

    given = ctx.params.get("project_path")
    location: ProjectLocation = given if given is not None else default_project_path()
    return location


def complete_document(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Document names (and ids) of the project starting with what was typed."""
    from workbench.store.project import Project

    path = _project_path(ctx)
    if isinstance(path, Path) and not path.is_file():
        return []
    try:
        with Project.open(path, read_only=True) as project:
            documents = project.documents()
    except (WorkbenchError, OSError):
        return []
    items: list[CompletionItem] = []
    for document in documents:
        if document.name.startswith(incomplete):
            items.append(CompletionItem(document.name, help=document.title or None))
        elif str(document.id).startswith(incomplete) and incomplete:
            items.append(CompletionItem(str(document.id), help=document.name))
    return items


def complete_term(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Glossary terms (the Chinese) starting with what was typed."""
    from workbench.cli.common import load_glossary

    given = ctx.params.get("glossary_path")
    try:
        glossary = load_glossary(given if isinstance(given, Path) else None)
    except (WorkbenchError, OSError):
        return []
    return [
        CompletionItem(term.source, help=term.target)
        for term in glossary.terms
        if term.source.startswith(incomplete)
    ]
