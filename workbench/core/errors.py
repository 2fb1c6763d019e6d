"""Errors the workbench reports to users. Messages are written to be shown as they are."""


class WorkbenchError(Exception):
    """Base class: an error with a message fit for the user."""


class InputError(WorkbenchError):
    """A file or value given by the user cannot be used (unreadable, wrong format, ...)."""


class ProjectError(WorkbenchError):
    """The project file is missing, locked, from a newer version or inconsistent."""


class GlossaryError(WorkbenchError):
    """The glossary file is malformed or a term operation is invalid."""


class ModelNotInstalledError(WorkbenchError):
    """No zh→en translation model is installed; the message says how to install one."""


class EngineError(WorkbenchError):
    """The installed translation model failed to load or to translate (broken or incompatible)."""
