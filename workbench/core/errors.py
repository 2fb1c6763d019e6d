"""Errors the workbench reports to users. Messages are written to be shown as they are:
one line that names the file or value and says what to do."""


class WorkbenchError(Exception):
    """Base class: an error with a message fit for the user."""


class InputError(WorkbenchError):
    """A file or value given by the user cannot be used (unreadable, wrong format, ...)."""


class ProjectError(WorkbenchError):
    """The project file is missing, locked, from a newer version or inconsistent."""


class ProjectBusyError(ProjectError):
    """Another program held the project's write lock past the retry bound; nothing was
    written. Worth retrying: the editor keeps the text and tries again."""


class ProjectReadOnlyError(ProjectError):
    """The project cannot be written (file or folder permissions, read-only mount)."""


class StorageFullError(WorkbenchError):
    """The disk (or the database's size limit) is full; nothing was written."""


class GlossaryError(WorkbenchError):
    """The glossary file is malformed or a term operation is invalid."""


class FileProtectedError(InputError):
    """The file to be written is write-protected (no write bit in its mode, immutable, or
    not writable by this user); it was left as it is and nothing was written."""


class FileBusyError(WorkbenchError):
    """Another program held a file's write lock past the wait bound; nothing was written.
    Worth retrying."""


class ModelNotInstalledError(WorkbenchError):
    """No zh→en translation model is installed; the message says how to install one."""


class ModelBrokenError(ModelNotInstalledError):
    """The only zh→en package installed is broken; the message says why and how to fix it."""


class EngineError(WorkbenchError):
    """The installed translation model failed to load or to translate (broken or incompatible)."""


# What to do about a failed file operation, by errno name; the rest say only what failed.
_OS_ADVICE = {
    "EACCES": "check the permissions of the file and its folder",
    "EPERM": "check the permissions of the file and its folder",
    "EROFS": "the file system is read-only; choose a writable folder",
    "ENOSPC": "the disk is full; free some space and try again",
    "EDQUOT": "the disk quota is used up; free some space and try again",
    "ENOENT": "check the path",
    "ENOTDIR": "a part of the path is a file, not a folder; check the path",
    "EISDIR": "it is a folder; give the path of a file",
    "EBUSY": "another program is using it; try again when it is done",
    "ETXTBSY": "another program is using it; try again when it is done",
    "ENAMETOOLONG": "use a shorter file name",
    "ELOOP": "it is a symbolic link loop; check the path",
    "EMFILE": "too many files are open; close some programs and try again",
    "EIO": "the disk reported an input/output error; check the disk and your backups",
}


def os_error_message(exc: OSError) -> str:
    """One line for a failed file operation: the file, what went wrong, what to do."""
    import errno as errno_names  # stdlib, no I/O: mapping numbers to names

    name = errno_names.errorcode.get(exc.errno or -1, "")
    what = exc.strerror or str(exc) or type(exc).__name__
    files = [f for f in (exc.filename, exc.filename2) if f not in (None, "")]
    where = " → ".join(_printable_path(f) for f in files)
    advice = _OS_ADVICE.get(name)
    line = f"{where}: {what}" if where else what
    if advice:
        line += f" ({advice})"
    return line


def _printable_path(path: object) -> str:
    """A path as text even when its name is not valid UTF-8 (bytes or surrogate escapes)."""
    if isinstance(path, bytes):
        return path.decode("utf-8", "backslashreplace")
    text = str(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
