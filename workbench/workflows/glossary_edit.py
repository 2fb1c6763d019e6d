"""Changing the glossary file without losing anyone's terms.

Every writer of the glossary (the `glossary` commands, `lookup --add`, the editor) goes
through `edit_glossary`: it takes the write lock beside the file (`fsutil.write_lock`),
reads the file as it is now, applies the change to that content and writes the result
atomically before letting the next writer in. Two writers at the same moment therefore
both see each other's terms; a writer that waits too long gets FileBusyError, and a
write-protected file is refused before anything is read or locked.

A team project on a PostgreSQL server keeps its glossary in its database
(`ProjectGlossary`, `workbench.store.glossary_terms`): the same read-modify-write runs in
one write transaction under the project's writer lock instead of the file lock; before its
first edit that glossary reads as the curated one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench import paths
from workbench.core.errors import GlossaryError, InputError
from workbench.core.glossary import Glossary
from workbench.formats import glossary_file
from workbench.fsutil import refuse_protected, write_lock
from workbench.store import glossary_terms
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.project import Project, ProjectLocation
from workbench.workflows.outputs import same_file

GlossaryLocation = Path | ProjectGlossary
"""Where a glossary lives: a file, or a server project's database."""

GlossaryChange = Callable[[Glossary], Glossary]
"""Makes the new glossary from the file's current content; may raise GlossaryError to
write nothing (e.g. the term to add is there already)."""


@dataclass(frozen=True)
class GlossaryEdit:
    """What an edit found in the file and what it left there."""

    before: Glossary  # the file's content, read under the lock
    after: Glossary  # what the file holds now (equal to `before`: nothing was written)

    @property
    def written(self) -> bool:
        return self.after != self.before


def edit_glossary(
    path: GlossaryLocation,
    change: GlossaryChange,
    *,
    if_missing: Glossary | None = None,
    timeout: float | None = None,
    project: Project | None = None,
) -> GlossaryEdit:
    """Apply `change` to the glossary file at `path` under its write lock.

    A missing file is an InputError unless `if_missing` gives the content to start from
    (an empty glossary for an import; the editor's glossary, so that a deleted file is
    written whole). `timeout`: seconds to wait for the lock (default
    `fsutil.lock_timeout()`). A project's glossary is edited in a write transaction of
    `project` (if given, else one opened for it); `if_missing` and `timeout` do not apply.
    """
    if isinstance(path, ProjectGlossary):
        if project is not None and _same(project.path, path.project):
            return GlossaryEdit(*glossary_terms.edit_terms(project, change, seed=curated()))
        # An edit may come first on a new database (a team setting up its glossary before
        # importing anything): it makes the schema, as every first command on a server does.
        with Project.open(path.project, create=True) as opened:
            return GlossaryEdit(*glossary_terms.edit_terms(opened, change, seed=curated()))
    path = Path(path)
    reason = paths.read_only_reason(path)
    if reason is not None:
        raise GlossaryError(
            f"{path}: this is {reason}; edits go to your own glossary "
            "(see `workbench glossary where`), nothing was written"
        )
    refuse_protected(path)  # before waiting for anyone: the answer would be the same
    with write_lock(path, timeout=timeout):
        before = _read(path, if_missing)
        after = change(before)
        if after != before:
            glossary_file.write(after, path)
    return GlossaryEdit(before, after)


def _read(path: Path, if_missing: Glossary | None) -> Glossary:
    try:
        path.stat()
    except FileNotFoundError:
        if if_missing is not None:
            return if_missing
        raise InputError(f"glossary {path} does not exist; check the path") from None
    except OSError:
        pass  # the reader names the problem
    return glossary_file.read(path)


def read_project_glossary(where: ProjectGlossary, project: Project | None = None) -> Glossary:
    """A server project's glossary (the curated one until its first edit), read through
    `project` if given, else a read-only connection of its own."""
    if project is not None and _same(project.path, where.project):
        found = glossary_terms.read_terms(project)
    else:
        with Project.open(where.project, create=False, read_only=True) as opened:
            found = glossary_terms.read_terms(opened)
    return curated() if found is None else found


def _same(one: ProjectLocation, other: ProjectLocation) -> bool:
    """Whether two names of a project name the same one (a file by any relative path)."""
    if isinstance(one, Path) and isinstance(other, Path):
        return same_file(one, other)
    return one == other


def curated() -> Glossary:
    """The curated glossary shipped with the workbench (empty if the package lacks it)."""
    source = paths.curated_glossary()
    if not source.is_file():
        return Glossary()
    with paths.as_path(source) as path:
        return glossary_file.read(path)
