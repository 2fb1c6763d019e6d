"""SQLite persistence for projects."""

from workbench.store.project import ConflictError, Project

__all__ = ["ConflictError", "Project"]
