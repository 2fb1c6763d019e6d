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
from workbench.core.joining import join_sentences
from workbench.core.segments import (
    Level,
    Paragraph,
    Status,
    TranslationUnit,
    unit_key,
)
from workbench.core.text_policy import replace_unwritable, sanitize_text
from workbench.formats import po, tabular, tmx, xliff
from workbench.formats.writable import sanitized
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.paging import iter_paragraphs
from workbench.store.project import Project, TargetEdit
from workbench.workflows.outputs import check_output, protected_files, unique_path, writing

DEFAULT_EXPORT_DIR = Path("exports")


class ExportFormat(StrEnum):
    TMX = "tmx"
    XLIFF = "xliff"  # XLIFF 1.2
    XLIFF2 = "xliff2"  # XLIFF 2.1
    PO = "po"
    TSV = "tsv"
    JSONL = "jsonl"


# File name extension of each format (both XLIFF versions are .xlf).
EXTENSIONS = {ExportFormat.XLIFF: "xlf", ExportFormat.XLIFF2: "xlf"}


def extension(fmt: ExportFormat) -> str:
    """The file name extension of a format's files, without the dot."""
    return EXTENSIONS.get(fmt, fmt.value)


# What an export holds unless told otherwise: reviewed English only (the translator's, edited
# or approved), never raw machine output, which a CAT tool would take for human memory.
REVIEWED = frozenset({Status.EDITED, Status.APPROVED})
TARGET_LANGUAGE = "en"  # BCP 47, as the source's zh-CN


def default_statuses(include_empty: bool = False) -> frozenset[Status]:
    """The statuses exported when none are named: reviewed rows, and with `include_empty`
    the paragraphs with no English yet too (machine output only when asked for)."""
    return REVIEWED | {Status.NEW} if include_empty else REVIEWED


@dataclass(frozen=True)
class ExportRequest:
    fmt: ExportFormat
    level: Level = Level.PARAGRAPH
    statuses: frozenset[Status] | None = None  # None: every status
    include_empty: bool = False
    document_id: int | None = None
    output: Path | None = None  # None: a new file under exports/
    make_folders: bool = True  # create the output's missing folders (the CLI refuses them)
    target_language: str = TARGET_LANGUAGE  # BCP 47 tag of the English (TMX, XLIFF)


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
    name = f"{project.path.stem}-{level.value}-{stamp}.{extension(fmt)}"
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
    glossary_path: Path | ProjectGlossary | None = None,
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
    if request.fmt in (ExportFormat.XLIFF, ExportFormat.XLIFF2):
        with writing(path):
            count = xliff.write(
                path,
                iter_paragraph_units(project, glossary, request, tally),
                version="1.2" if request.fmt is ExportFormat.XLIFF else "2.1",
                target_language=request.target_language,
            )
        return ExportResult(path=path, count=count, whole_paragraphs=tally.whole)
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
            path,
            units,
            request.fmt,
            level=request.level,
            project=project.path.stem,
            target_language=request.target_language,
        )
    return ExportResult(path=path, count=count, whole_paragraphs=tally.whole)


def iter_paragraph_units(
    project: Project, glossary: Glossary | None, request: ExportRequest, tally: ExportTally
) -> Iterator[xliff.ParagraphUnit]:
    """Paragraphs in document order as XLIFF units, at sentence level with their sentences
    as segments (the white space between them kept where the Chinese has any)."""
    documents = (
        [project.document(request.document_id)]
        if request.document_id is not None
        else project.documents()
    )
    for document in documents:
        for number, paragraph in enumerate(iter_paragraphs(project, document.id), start=1):
            if request.statuses is not None and paragraph.status not in request.statuses:
                continue
            segments: list[xliff.Segment] = []
            if request.level is Level.SENTENCE:
                pairs, split_ok = _sentence_pairs(project, paragraph)
                tally.whole += not split_ok
                segments = _segments(paragraph.source, pairs)
            if not segments:
                segments = [xliff.Segment(None, paragraph.source, paragraph.english or "")]
            unit = xliff.ParagraphUnit(
                key=unit_key(document.name, number),
                document=document.name,
                paragraph=number,
                source=paragraph.source,
                segments=tuple(segments),
                status=paragraph.status,
                terms=_terms(glossary, paragraph.source),
                segmented=request.level is Level.SENTENCE,
            )
            if unit.has_target or request.include_empty:
                yield unit


def _segments(source: str, pairs: list[tuple[int | None, str, str]]) -> list[xliff.Segment]:
    """Sentence segments laid over the paragraph's source; none when the sentences are not
    the source's text in order (the paragraph is then one segment)."""
    segments = []
    position = 0
    for number, sentence, target in pairs:
        if number is None:
            return []
        start = source.find(sentence, position)
        if start < 0 or source[position:start].strip():
            return []
        segments.append(xliff.Segment(number, sentence, target, gap=source[position:start]))
        position = start + len(sentence)
    return segments if not source[position:].strip() else []


def write_units(
    path: Path,
    units: Iterable[TranslationUnit],
    fmt: ExportFormat,
    *,
    level: Level = Level.PARAGRAPH,
    project: str = "workbench",
    target_language: str = TARGET_LANGUAGE,
) -> int:
    """Write pairs as TMX, PO, TSV or JSONL (XLIFF is written from paragraphs: `export`)."""
    if fmt is ExportFormat.TMX:
        return tmx.write(path, units, level=level, target_language=target_language)
    if fmt is ExportFormat.PO:
        return po.write(path, units, project=project)
    if fmt is ExportFormat.TSV:
        return tabular.write_tsv(path, units)
    return tabular.write_jsonl(path, units)


def read_units(path: Path, *, warnings: list[str] | None = None) -> list[TranslationUnit]:
    """Pairs from a TMX, XLIFF 1.2, PO, TSV or JSONL file, chosen by extension; problems
    that do not stop the reading (a TMX entity reference kept as written) go to `warnings`."""
    readers = {
        ".tmx": lambda p: tmx.read(p, warnings=warnings),
        ".xlf": xliff.read,
        ".xliff": xliff.read,
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
    partial: list[str] = field(default_factory=list)  # only some of a paragraph's sentences
    removed: int = 0  # characters the text policy removed from what was read
    notes: int = 0  # notes set on rows (rows without one, or all with `overwrite`)


def import_translations(
    project: Project, units: Iterable[TranslationUnit], *, overwrite: bool = False
) -> ImportReport:
    """Apply English from exported pairs to matching paragraphs (undoable edits).

    A pair matches by its key when the key's paragraph still has the same source, otherwise
    by identical source text. Pairs left over are taken as sentences (another tool's
    segmentation, e.g. OmegaT's project memory): a paragraph with no English from the file
    whose sentences are all found among them, by their text with white space collapsed, is
    filled with their English joined (`join_sentences`); one with only some found is
    reported, its pairs unmatched. A paragraph whose translator text differs is left alone
    and reported, unless `overwrite`. What is read passes the text policy first (`sanitize`;
    the report counts the characters removed); English is trimmed, and English that is
    only white space is no English.
    """
    report = ImportReport()
    by_key, by_source = _paragraph_index(project)
    by_id = {p.id: p for p in by_key.values()}
    proposals: dict[int, list[tuple[int | None, str]]] = {}
    leftovers: list[TranslationUnit] = []
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
                leftovers.append(unit)
            continue
        if unit.note.strip():
            notes.setdefault(paragraph.id, unit.note.strip())
        if unit.target.strip():
            proposals.setdefault(paragraph.id, []).append((unit.sentence, unit.target))
    used = _by_sentences(project, by_id.values(), leftovers, proposals, report)
    report.unmatched += [unit.key for index, unit in enumerate(leftovers) if index not in used]
    edits: list[TargetEdit] = []
    for paragraph_id, parts in proposals.items():
        english = join_sentences(text for _, text in sorted(parts, key=_sentence_order))
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


def _by_sentences(
    project: Project,
    paragraphs: Iterable[Paragraph],
    leftovers: list[TranslationUnit],
    proposals: dict[int, list[tuple[int | None, str]]],
    report: ImportReport,
) -> set[int]:
    """Fill `proposals` for paragraphs whose sentences are all among `leftovers` (by
    normalised source); returns the indexes of the leftovers used."""
    if not leftovers:
        return set()
    found: dict[str, int] = {}
    for index, unit in enumerate(leftovers):
        found.setdefault(normalized(unit.source), index)
    by_paragraph: dict[int, list[str]] = {}
    for sentence in project.all_sentences():  # one query, not one per paragraph
        by_paragraph.setdefault(sentence.paragraph_id, []).append(sentence.source)
    used: set[int] = set()
    for paragraph in paragraphs:
        if paragraph.id in proposals:
            continue
        sentences = by_paragraph.get(paragraph.id) or [paragraph.source]
        hits = [found.get(normalized(sentence)) for sentence in sentences]
        matched = [index for index in hits if index is not None]
        if not matched:
            continue
        if len(matched) < len(sentences):
            report.partial.append(
                f"paragraph {paragraph.id}: {len(matched)} of {len(sentences)} sentences found; "
                "left as it was"
            )
            continue
        proposals[paragraph.id] = [
            (number, leftovers[index].target) for number, index in enumerate(matched, start=1)
        ]
        used.update(matched)
    return used


def normalized(text: str) -> str:
    """A source as sentence matching compares it: through the text policy, white space
    collapsed to single spaces and trimmed."""
    return " ".join(sanitize_text(text).split())


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
