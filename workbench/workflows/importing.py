"""Import source documents into a project: read, decode, clean, split, store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from workbench.core.cleaning_rules import CleaningRules
from workbench.core.errors import InputError
from workbench.core.ingest import Format, clean_document, decode, split_sentences
from workbench.core.segments import CleanDocument, Document
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
    path: Path
    document: Document
    clean: CleanDocument | None  # None when the file was already in the project
    created: bool
    earlier: tuple[Document, ...] = ()  # earlier versions of the same file, still in the project
    filled: int = 0  # paragraphs given the English of identical translated ones


def read_source(path: Path) -> bytes:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the files inside it")
    if path.suffix.lower() not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unsupported file type {path.suffix or '(none)'}; use {known}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path} is {size // 1_048_576} MB; the limit is 50 MB")
        return path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc


def import_file(project: Project, path: Path, rules: CleaningRules) -> ImportOutcome:
    """Import one file; the same bytes imported again return the existing document."""
    path = Path(path)
    data = read_source(path)
    sha = hashlib.sha256(data).hexdigest()
    existing = project.find_document(sha)
    if existing is not None:
        return ImportOutcome(path=path, document=existing, clean=None, created=False)
    decoded = decode(data, name=str(path))
    fmt = FORMATS[path.suffix.lower()]
    clean = clean_document(decoded.text, fmt=fmt, rules=rules, name=path.name)
    if not clean.paragraphs:
        raise InputError(f"{path}: no article text found (every block was dropped as page junk)")
    document = project.add_document(
        clean,
        name=path.name,
        path=str(path.resolve()),
        sha256=sha,
        encoding=decoded.encoding,
        fmt=fmt,
        sentences=[split_sentences(p.text) for p in clean.paragraphs],
    )
    earlier = tuple(
        d for d in project.documents() if d.path == document.path and d.id != document.id
    )
    filled = fill_repetitions(project, (p.id for p in project.paragraphs(document.id)))
    return ImportOutcome(
        path=path,
        document=document,
        clean=clean,
        created=True,
        earlier=earlier,
        filled=len(filled),
    )
