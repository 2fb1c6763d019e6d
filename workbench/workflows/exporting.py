"""Export a project's aligned pairs, and bring translations back from exported files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from workbench.core.errors import InputError
from workbench.core.glossary import Glossary
from workbench.core.ingest import split_sentences
from workbench.core.segments import (
    Level,
    Paragraph,
    Status,
    TranslationUnit,
    unit_key,
)
from workbench.core.text_policy import replace_unwritable, sanitize_text
from workbench.formats import po, tabular, tmx
from workbench.formats.writable import sanitized
from workbench.store.paging import iter_paragraphs
from workbench.store.project import Project, TargetEdit
from workbench.workflows.outputs import check_output, protected_files, unique_path, writing

DEFAULT_EXPORT_DIR = Path("exports")


class ExportFormat(StrEnum):
    TMX = "tmx"
    PO = "po"
    TSV = "tsv"
    JSONL = "jsonl"


@dataclass(frozen=True)
class ExportRequest:
    fmt: ExportFormat
    level: Level = Level.PARAGRAPH
    statuses: frozenset[Status] | None = None  # None: every status
    include_empty: bool = False
    document_id: int | None = None
    output: Path | None = None  # None: a new file under exports/
    make_folders: bool = True  # create the output's missing folders (the CLI refuses them)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int
    whole_paragraphs: int = 0  # sentence level: paragraphs whose English did not split evenly


@dataclass
class ExportTally:
    """What an export counts while it streams."""

    whole: int = 0  # sentence level: paragraphs whose English did not split evenly


def iter_units(
    project: Project,
    glossary: Glossary | None,
    *,
    level: Level = Level.PARAGRAPH,
    statuses: frozenset[Status] | None = None,
    include_empty: bool = False,
    document_id: int | None = None,
    tally: ExportTally | None = None,
) -> Iterator[TranslationUnit]:
    """Pairs in document order, one at a time (an export streams them to the file)."""
    tally = tally if tally is not None else ExportTally()
    documents = [project.document(document_id)] if document_id is not None else project.documents()
    for document in documents:
        for number, paragraph in enumerate(iter_paragraphs(project, document.id), start=1):
            if statuses is not None and paragraph.status not in statuses:
                continue
            pairs: list[tuple[int | None, str, str]]
            if level is Level.PARAGRAPH:
                pairs = [(None, paragraph.source, paragraph.english or "")]
            else:
                pairs, split_ok = _sentence_pairs(project, paragraph)
                tally.whole += not split_ok
            note = paragraph.note or ""
            for sentence, source, target in pairs:
                if not target and not include_empty:
                    continue
                yield TranslationUnit(
                    key=unit_key(document.name, number, sentence),
                    source=source,
                    target=target,
                    document=document.name,
                    document_id=document.id,
                    paragraph=number,
                    sentence=sentence,
                    status=paragraph.status,
                    terms=_terms(glossary, source),
                    changed_at=paragraph.updated_at,
                    note=note,
                )
                note = ""  # sentence level: the note goes with the paragraph's first unit


def _sentence_pairs(
    project: Project, paragraph: Paragraph
) -> tuple[list[tuple[int | None, str, str]], bool]:
    """Sentence-aligned pairs; the paragraph whole (sentence None) when they do not align."""
    sentences = project.sentences(paragraph.id)
    if paragraph.target is None:
        return [(s.index + 1, s.source, s.mt or "") for s in sentences], True
    english = split_sentences(paragraph.target)
    if len(english) == len(sentences):
        return [(s.index + 1, s.source, e) for s, e in zip(sentences, english, strict=True)], True
    return [(None, paragraph.source, paragraph.target)], False


def _terms(glossary: Glossary | None, source: str) -> tuple[tuple[str, str], ...]:
    if glossary is None:
        return ()
    seen = dict.fromkeys((hit.term.source, hit.term.target) for hit in glossary.find(source))
    return tuple(seen)


def default_output(fmt: ExportFormat, level: Level, project: Project) -> Path:
    """A new file under exports/ named after the project, the level and the time; a counter
    is added when that name is taken (two exports in the same second)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{project.path.stem}-{level.value}-{stamp}.{fmt.value}"
    return unique_path(DEFAULT_EXPORT_DIR / name)


def _in_exports(path: Path) -> bool:
    """Whether `path` is in the default exports/ folder, which is made when missing (a
    folder the user names must exist: a typo should not scatter files)."""
    return Path(path).parent.resolve() == DEFAULT_EXPORT_DIR.resolve()


def export(
    project: Project,
    glossary: Glossary | None,
    request: ExportRequest,
    *,
    glossary_path: Path | None = None,
) -> ExportResult:
    """Write the pairs the request selects, streaming, atomically, never over the project,
    the glossary (`glossary_path`) or a file the project was imported from."""
    path = request.output or default_output(request.fmt, request.level, project)
    check_output(
        path,
        protected_files(project, glossary_path),
        create_folder=request.make_folders or _in_exports(path),
    )
    tally = ExportTally()
    units = iter_units(
        project,
        glossary,
        level=request.level,
        statuses=request.statuses,
        include_empty=request.include_empty,
        document_id=request.document_id,
        tally=tally,
    )
    with writing(path):
        count = write_units(
            path, units, request.fmt, level=request.level, project=project.path.stem
        )
    return ExportResult(path=path, count=count, whole_paragraphs=tally.whole)


def write_units(
    path: Path,
    units: Iterable[TranslationUnit],
    fmt: ExportFormat,
    *,
    level: Level = Level.PARAGRAPH,
    project: str = "workbench",
) -> int:
    if fmt is ExportFormat.TMX:
        return tmx.write(path, units, level=level)
    if fmt is ExportFormat.PO:
        return po.write(path, units, project=project)
    if fmt is ExportFormat.TSV:
        return tabular.write_tsv(path, units)
    return tabular.write_jsonl(path, units)


def read_units(path: Path, *, warnings: list[str] | None = None) -> list[TranslationUnit]:
    """Pairs from a TMX, PO, TSV or JSONL file, chosen by extension; problems that do not
    stop the reading (a TMX entity reference kept as written) go to `warnings`."""
    readers = {
        ".tmx": lambda p: tmx.read(p, warnings=warnings),
        ".po": po.read,
        ".tsv": tabular.read_tsv,
        ".jsonl": tabular.read_jsonl,
    }
    reader = readers.get(Path(path).suffix.lower())
    if reader is None:
        raise InputError(f"{path}: unknown format; expected one of {', '.join(sorted(readers))}")
    if Path(path).exists() and not Path(path).is_file():
        raise InputError(f"{path}: not a regular file (a folder, a device or a pipe)")
    return reader(Path(path))


# -- translations back into the project ------------------------------------------------------


@dataclass
class ImportReport:
    applied: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # kept the project's text
    unmatched: list[str] = field(default_factory=list)  # no paragraph with that source
    removed: int = 0  # characters the text policy removed from what was read
    notes: int = 0  # notes set on rows (rows without one, or all with `overwrite`)


def import_translations(
    project: Project, units: Iterable[TranslationUnit], *, overwrite: bool = False
) -> ImportReport:
    """Apply English from exported pairs to matching paragraphs (undoable edits).

    A pair matches by its key when the key's paragraph still has the same source, otherwise
    by identical source text. A paragraph whose translator text differs is left alone and
    reported, unless `overwrite`. What is read passes the text policy first (`sanitize`;
    the report counts the characters removed); English is trimmed, and English that is
    only white space is no English.
    """
    report = ImportReport()
    by_key, by_source = _paragraph_index(project)
    by_id = {p.id: p for p in by_key.values()}
    proposals: dict[int, list[tuple[int | None, str]]] = {}
    notes: dict[int, str] = {}
    for unit in units:
        unit, removed = _sanitized(unit)
        report.removed += removed
        if not unit.target.strip() and not unit.note.strip():
            continue
        paragraph_key = unit.key.rsplit(".s", 1)[0] if unit.sentence else unit.key
        paragraph = by_key.get(paragraph_key)
        if paragraph is not None and not _same_source(project, paragraph, unit):
            paragraph = None
        if paragraph is None and unit.sentence is None:
            paragraph = by_source.get(unit.source)
        if paragraph is None:
            if unit.target.strip():
                report.unmatched.append(unit.key)
            continue
        if unit.note.strip():
            notes.setdefault(paragraph.id, unit.note.strip())
        if unit.target.strip():
            proposals.setdefault(paragraph.id, []).append((unit.sentence, unit.target))
    edits: list[TargetEdit] = []
    for paragraph_id, parts in proposals.items():
        english = " ".join(text.strip() for _, text in sorted(parts, key=_sentence_order))
        _apply(by_id[paragraph_id], english, overwrite, report, edits)
    # One undo step, written in short transactions (other writers wait only briefly).
    written = project.set_targets(edits)
    report.applied += len(written.written)
    report.conflicts += [
        f"paragraph {paragraph_id} was changed elsewhere meanwhile; kept that English"
        for paragraph_id in written.conflicts
    ]
    report.notes = _apply_notes(project, notes, overwrite=overwrite)
    return report


def _apply_notes(project: Project, notes: dict[int, str], *, overwrite: bool) -> int:
    """Set the notes read on rows that have none (or on every row, with `overwrite`), as
    one undo step; the number of rows whose note changed."""
    changed = 0
    with project.grouped():
        for paragraph_id, note in notes.items():
            current = project.paragraph(paragraph_id).note
            if current == note or (current and not overwrite):
                continue
            project.set_note(paragraph_id, note)
            changed += 1
    return changed


def _sanitized(unit: TranslationUnit) -> tuple[TranslationUnit, int]:
    source, target = sanitized(unit.source), sanitized(unit.target)
    note = sanitized(unit.note)
    removed = source.removed + target.removed + note.removed
    same = (source.text, target.text, note.text) == (unit.source, unit.target, unit.note)
    if not removed and same:
        return unit, 0
    return replace(unit, source=source.text, target=target.text, note=note.text), removed


def _forms(source: str) -> set[str]:
    """A project's source as an exported file may carry it: unchanged, with unwritable
    characters replaced (as our writers do) or removed (as other tools might)."""
    return {source, replace_unwritable(source), sanitize_text(source)}


def _same_source(project: Project, paragraph: Paragraph, unit: TranslationUnit) -> bool:
    if unit.sentence is None:
        return unit.source in _forms(paragraph.source)
    sentences = project.sentences(paragraph.id)
    index = unit.sentence - 1
    return 0 <= index < len(sentences) and unit.source in _forms(sentences[index].source)


def _sentence_order(part: tuple[int | None, str]) -> int:
    return part[0] or 0


def _apply(
    paragraph: Paragraph,
    english: str,
    overwrite: bool,
    report: ImportReport,
    edits: list[TargetEdit],
) -> None:
    if paragraph.target is not None and english in _forms(paragraph.target):
        report.unchanged += 1  # the same English, as far as a file can carry it
        return
    if paragraph.target is not None and not overwrite:
        report.conflicts.append(f"paragraph {paragraph.id}: kept the project's English")
        return
    edits.append(TargetEdit(paragraph.id, english, expected=paragraph.target))


def _paragraph_index(project: Project) -> tuple[dict[str, Paragraph], dict[str, Paragraph]]:
    by_key: dict[str, Paragraph] = {}
    by_source: dict[str, Paragraph] = {}
    duplicates: set[str] = set()
    for document in project.documents():
        for number, paragraph in enumerate(project.paragraphs(document.id), start=1):
            by_key[unit_key(document.name, number)] = paragraph
            for form in _forms(paragraph.source):
                if form in by_source and by_source[form].id != paragraph.id:
                    duplicates.add(form)
                by_source.setdefault(form, paragraph)
    # A source that occurs twice cannot be matched by text alone.
    for source in duplicates:
        del by_source[source]
    return by_key, by_source
