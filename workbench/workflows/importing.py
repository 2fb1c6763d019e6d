"""Import source documents into a project: read, decode, clean, split, store."""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from workbench.core.cleaning_rules import CleaningRules
from workbench.core.errors import InputError, os_error_message
from workbench.core.ingest import Format, clean_document, decode, split_sentences
from workbench.core.segments import CleanDocument, Document
from workbench.core.sizes import format_size
from workbench.store.project import Project
from workbench.workflows.memory import fill_repetitions

FORMATS: dict[str, Format] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
MAX_BYTES = 50 * 1024 * 1024  # a source document larger than this is almost surely a mistake


@dataclass(frozen=True)
class ImportOutcome:
    path: Path  # as given; `shown` is the printable form
    document: Document
    clean: CleanDocument | None  # None when the file was already in the project
    created: bool
    earlier: tuple[Document, ...] = ()  # earlier versions of the same file, still in the project
    filled: int = 0  # paragraphs given the English of identical translated ones

    @property
    def shown(self) -> str:
        return display_path(self.path)


def read_source(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a source file; InputError (one line naming the file) for anything else.

    Only regular files are read: a FIFO would block forever and a device such as /dev/zero
    never ends, so the file is checked before it is opened (following symlinks) and again
    on the open descriptor, which is opened non-blocking so that even a FIFO swapped in
    between cannot hang the import. At most `max_bytes + 1` bytes are read, whatever size
    the file claims to have.
    """
    path = Path(path)
    shown = display_path(path)
    try:
        status = os.stat(path)
    except OSError as exc:
        raise _unreadable(exc, path, shown) from exc
    if stat.S_ISDIR(status.st_mode):
        raise InputError(f"{shown} is a folder; give the files inside it")
    if path.suffix.lower() not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        suffix = display_path(path.suffix) or "(none)"
        raise InputError(f"{shown}: unsupported file type {suffix}; use {known}")
    _require_regular(status.st_mode, shown, _link_target(path))
    if status.st_size > max_bytes:
        raise _too_large(shown, max_bytes)
    try:
        data = _read_regular(path, shown, max_bytes + 1)
    except OSError as exc:
        raise _unreadable(exc, path, shown) from exc
    if len(data) > max_bytes:
        raise _too_large(shown, max_bytes)
    return data


def display_path(path: Path | str) -> str:
    """A path as printable text: bytes of a name that are not UTF-8 (a GBK name on a UTF-8
    system) are shown as \\xNN escapes instead of making every print fail."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_NON_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _require_regular(mode: int, shown: str, target: str | None = None) -> None:
    if stat.S_ISREG(mode):
        return
    what = next((name for test, name in _NON_REGULAR if test(mode)), "not a regular file")
    if target is not None:
        what = f"a symbolic link to {target}, {what}"
    raise InputError(f"{shown} is {what}; only regular files can be imported")


def _link_target(path: Path) -> str | None:
    """Where a symbolic link finally points (printable), or None for a path that is no link."""
    return display_path(os.path.realpath(path)) if os.path.islink(path) else None


def _read_regular(path: Path, shown: str, limit: int) -> bytes:
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    fd = os.open(path, flags)
    try:
        status = os.fstat(fd)
        _require_regular(status.st_mode, shown)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        # One read for an honest file (its size + 1 to see the end); more for one that grew.
        want = min(limit, status.st_size + 1)
        while total < limit:
            chunk = os.read(fd, max(min(want, limit - total), 1))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = _READ_CHUNK
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


_READ_CHUNK = 1 << 20


def _too_large(shown: str, max_bytes: int) -> InputError:
    return InputError(
        f"{shown} is larger than the {format_size(max_bytes)} limit; use --max-size to raise it"
    )


def _unreadable(exc: OSError, path: Path, shown: str) -> InputError:
    if exc.errno == errno.ENOENT:
        dangling = os.path.islink(path)
        return InputError(
            f"{shown}: no such file" + (" (a symbolic link to a missing file)" if dangling else "")
        )
    exc.filename, exc.filename2 = shown, None
    return InputError(os_error_message(exc))


_LARGE = 4_000_000  # characters: a page whose cleaning leaves much memory freed


def _return_free_memory() -> None:
    """Hand the memory the cleaning freed back to the system before the store asks for its
    own: glibc keeps freed blocks in the process, so a large page's parse tree and blocks
    would otherwise count twice in its peak (50 MB pages: about 45 MB less)."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the C library the interpreter runs on
    except OSError:
        return None
    trim = getattr(libc, "malloc_trim", None)  # glibc only
    return cast("Callable[[int], int] | None", trim)


_MALLOC_TRIM = _malloc_trim()


def import_file(
    project: Project, path: Path, rules: CleaningRules, *, max_bytes: int = MAX_BYTES
) -> ImportOutcome:
    """Import one file; the same bytes imported again return the existing document."""
    path = Path(path)
    data = read_source(path, max_bytes=max_bytes)
    shown = display_path(path)
    sha = hashlib.sha256(data).hexdigest()
    existing = project.find_document(sha)
    if existing is not None:
        return ImportOutcome(path=path, document=existing, clean=None, created=False)
    decoded = decode(data, name=shown)
    encoding, text = decoded.encoding, decoded.text
    del data, decoded  # from here on only the text: a large page's bytes can go
    fmt = FORMATS[path.suffix.lower()]
    name = display_path(path.name)
    large = len(text) > _LARGE
    clean = clean_document(text, fmt=fmt, rules=rules, name=name)
    del text  # and, once cleaned, the text too (the store needs memory next)
    if large:
        _return_free_memory()
    if not clean.paragraphs:
        raise InputError(f"{shown}: no article text found (every block was dropped as page junk)")
    document = project.add_document(
        clean,
        name=name,
        path=display_path(path.resolve()),
        sha256=sha,
        encoding=encoding,
        fmt=fmt,
        sentences=[split_sentences(p.text) for p in clean.paragraphs],
    )
    others = [d for d in project.documents() if d.id != document.id]
    earlier = tuple(d for d in others if d.path == document.path)
    # English to fill repeated paragraphs with can only come from other documents (a new
    # one has none): a first import skips reading the whole project back.
    ids = (p.id for p in project.paragraphs(document.id)) if others else ()
    filled = fill_repetitions(project, ids) if others else []
    return ImportOutcome(
        path=path,
        document=document,
        clean=clean,
        created=True,
        earlier=earlier,
        filled=len(filled),
    )
