"""Export a project's aligned pairs, and bring translations back from exported files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
from workbench.formats import po, tabular, tmx
from workbench.store.project import Project, TargetEdit

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


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int
    whole_paragraphs: int = 0  # sentence level: paragraphs whose English did not split evenly


def collect_units(
    project: Project,
    glossary: Glossary | None,
    *,
    level: Level = Level.PARAGRAPH,
    statuses: frozenset[Status] | None = None,
    include_empty: bool = False,
    document_id: int | None = None,
) -> tuple[list[TranslationUnit], int]:
    """Pairs in document order, and how many paragraphs had to stay whole at sentence level."""
    units: list[TranslationUnit] = []
    whole = 0
    documents = [project.document(document_id)] if document_id is not None else project.documents()
    for document in documents:
        for number, paragraph in enumerate(project.paragraphs(document.id), start=1):
            if statuses is not None and paragraph.status not in statuses:
                continue
            pairs: list[tuple[int | None, str, str]]
            if level is Level.PARAGRAPH:
                pairs = [(None, paragraph.source, paragraph.english or "")]
            else:
                pairs, split_ok = _sentence_pairs(project, paragraph)
                whole += not split_ok
            for sentence, source, target in pairs:
                if not target and not include_empty:
                    continue
                units.append(
                    TranslationUnit(
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
                    )
                )
    return units, whole


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
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return DEFAULT_EXPORT_DIR / f"{project.path.stem}-{level.value}-{stamp}.{fmt.value}"


def export(project: Project, glossary: Glossary | None, request: ExportRequest) -> ExportResult:
    units, whole = collect_units(
        project,
        glossary,
        level=request.level,
        statuses=request.statuses,
        include_empty=request.include_empty,
        document_id=request.document_id,
    )
    path = request.output or default_output(request.fmt, request.level, project)
    count = write_units(path, units, request.fmt, level=request.level, project=project.path.stem)
    return ExportResult(path=path, count=count, whole_paragraphs=whole)


def write_units(
    path: Path,
    units: Sequence[TranslationUnit],
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


def read_units(path: Path) -> list[TranslationUnit]:
    """Pairs from a TMX, PO, TSV or JSONL file, chosen by extension."""
    readers = {
        ".tmx": tmx.read,
        ".po": po.read,
        ".tsv": tabular.read_tsv,
        ".jsonl": tabular.read_jsonl,
    }
    reader = readers.get(Path(path).suffix.lower())
    if reader is None:
        raise InputError(f"{path}: unknown format; expected one of {', '.join(sorted(readers))}")
    return reader(path)


# -- translations back into the project ------------------------------------------------------


@dataclass
class ImportReport:
    applied: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # kept the project's text
    unmatched: list[str] = field(default_factory=list)  # no paragraph with that source


def import_translations(
    project: Project, units: Iterable[TranslationUnit], *, overwrite: bool = False
) -> ImportReport:
    """Apply English from exported pairs to matching paragraphs (undoable edits).

    A pair matches by its key when the key's paragraph still has the same source, otherwise
    by identical source text. A paragraph whose translator text differs is left alone and
    reported, unless `overwrite`.
    """
    report = ImportReport()
    by_key, by_source = _paragraph_index(project)
    by_id = {p.id: p for p in by_key.values()}
    proposals: dict[int, list[tuple[int | None, str]]] = {}
    for unit in units:
        if not unit.target:
            continue
        paragraph_key = unit.key.rsplit(".s", 1)[0] if unit.sentence else unit.key
        paragraph = by_key.get(paragraph_key)
        if paragraph is not None and not _same_source(project, paragraph, unit):
            paragraph = None
        if paragraph is None and unit.sentence is None:
            paragraph = by_source.get(unit.source)
        if paragraph is None:
            report.unmatched.append(unit.key)
            continue
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
    return report


def _same_source(project: Project, paragraph: Paragraph, unit: TranslationUnit) -> bool:
    if unit.sentence is None:
        return paragraph.source == unit.source
    sentences = project.sentences(paragraph.id)
    index = unit.sentence - 1
    return 0 <= index < len(sentences) and sentences[index].source == unit.source


def _sentence_order(part: tuple[int | None, str]) -> int:
    return part[0] or 0


def _apply(
    paragraph: Paragraph,
    english: str,
    overwrite: bool,
    report: ImportReport,
    edits: list[TargetEdit],
) -> None:
    if paragraph.target == english:
        report.unchanged += 1
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
            if paragraph.source in by_source:
                duplicates.add(paragraph.source)
            by_source.setdefault(paragraph.source, paragraph)
    # A source that occurs twice cannot be matched by text alone.
    for source in duplicates:
        del by_source[source]
    return by_key, by_source
