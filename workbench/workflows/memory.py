"""Translation memory as the editor and the CLI use it: save with propagation, look up
matches for a paragraph (one whose sentences all have exact matches gets them joined as an
exact match for the whole), load and export TMX memories.

Saving goes through `save_translation`: the translator's English, the repetitions it fills
in elsewhere in the project and the memory record are one transaction and one undo step.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbench.core.errors import InputError
from workbench.core.joining import join_sentences
from workbench.core.segments import Level, Paragraph, Status, TranslationUnit
from workbench.core.tm import (
    DEFAULT_LIMIT,
    DEFAULT_THRESHOLD,
    MemoryIndex,
    MemoryUnit,
    TmMatch,
    diff_sources,
)
from workbench.formats import tmx
from workbench.formats.writable import sanitized
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.memory import PROJECT_MEMORY, MemoryInfo, MemoryStore, NewUnit
from workbench.store.project import Project
from workbench.workflows.outputs import check_output, protected_files, unique_path, writing

DEFAULT_EXPORT_DIR = Path("exports")


# -- saving and propagation -------------------------------------------------------------------


@dataclass(frozen=True)
class SaveOutcome:
    """What one save changed."""

    paragraph: Paragraph
    propagated: tuple[Paragraph, ...] = ()  # repetitions filled in with the same English
    kept: tuple[Paragraph, ...] = ()  # repetitions with the translator's own, different text

    @property
    def memory_units(self) -> tuple[MemoryUnit, ...]:
        """The saved pair as the project memory holds it, to add to an index kept open."""
        paragraph = self.paragraph
        if not paragraph.target:
            return ()
        unit = MemoryUnit(
            source=paragraph.source,
            target=paragraph.target,
            origin=PROJECT_MEMORY,
            paragraph_id=paragraph.id,
            changed_at=paragraph.updated_at,
        )
        return (unit,)


def save_translation(
    project: Project,
    paragraph_id: int,
    text: str | None,
    *,
    expected: str | object | None = ...,
    approve: bool = False,
    propagate: bool = True,
) -> SaveOutcome:
    """Save the translator's English, fill in its exact repetitions, record the pair.

    A repetition is another included paragraph with the same Chinese. It is filled in (and
    marked propagated) when it has no English of its own yet, or only English propagated
    earlier; a translator's own different text there is kept and reported, and paragraphs
    marked as alternative translations are left alone. Undo takes back the whole save.
    """
    with project.grouped():
        paragraph = project.set_target(paragraph_id, text, expected=expected, approve=approve)
        filled: list[Paragraph] = []
        kept: list[Paragraph] = []
        if propagate and paragraph.target and not paragraph.alternative:
            filled, kept = _propagate(project, paragraph)
        MemoryStore(project).sync_project([paragraph.id, *(p.id for p in filled)])
    return SaveOutcome(paragraph, tuple(filled), tuple(kept))


def approve_translation(project: Project, paragraph_id: int, approved: bool = True) -> Paragraph:
    """Approve (or unapprove) a paragraph's English and record the pair in the memory."""
    with project.transaction():
        paragraph = project.set_approved(paragraph_id, approved)
        MemoryStore(project).sync_project([paragraph_id])
    return paragraph


def repetitions(project: Project, paragraph: Paragraph) -> list[Paragraph]:
    """Other included paragraphs with exactly the same Chinese, in document order."""
    return [
        p for p in project.paragraphs() if p.source == paragraph.source and p.id != paragraph.id
    ]


def _propagate(project: Project, origin: Paragraph) -> tuple[list[Paragraph], list[Paragraph]]:
    filled: list[Paragraph] = []
    kept: list[Paragraph] = []
    for repeat in repetitions(project, origin):
        if repeat.alternative or repeat.target == origin.target:
            continue
        if repeat.target is not None and not repeat.propagated:
            kept.append(repeat)
            continue
        filled.append(
            project.set_target(repeat.id, origin.target, expected=repeat.target, propagated=True)
        )
    return filled, kept


def set_alternative(project: Project, paragraph_id: int, alternative: bool = True) -> Paragraph:
    """Opt a paragraph out of propagation (its English may then differ from its repeats),
    or back in, which fills it with the English of its repeats. One undo step."""
    with project.grouped():
        paragraph = project.set_alternative(paragraph_id, alternative)
        if alternative:
            return paragraph
        default = _default_translation(repetitions(project, paragraph))
        if default is not None and default != paragraph.target:
            paragraph = project.set_target(
                paragraph_id, default, expected=paragraph.target, propagated=True
            )
            MemoryStore(project).sync_project([paragraph_id])
    return paragraph


def _default_translation(group: Sequence[Paragraph]) -> str | None:
    """The English a group of repeats shares: the latest the translator wrote in place."""
    own = [p for p in group if p.target and not p.propagated and not p.alternative]
    if not own:
        return None
    return max(own, key=lambda p: p.updated_at).target


@dataclass(frozen=True)
class PropagationReport:
    filled: tuple[Paragraph, ...]
    conflicts: tuple[tuple[Paragraph, ...], ...]  # groups of repeats with different own English


def propagate_all(project: Project) -> PropagationReport:
    """Fill every repetition from its group's English (after importing translations, say).
    One undo step for all of it."""
    groups: dict[str, list[Paragraph]] = {}
    for paragraph in project.paragraphs():
        groups.setdefault(paragraph.source, []).append(paragraph)
    filled: list[Paragraph] = []
    conflicts: list[tuple[Paragraph, ...]] = []
    with project.grouped():
        for group in groups.values():
            if len(group) < 2:
                continue
            own = {p.target for p in group if p.target and not p.propagated and not p.alternative}
            if len(own) > 1:
                conflicts.append(tuple(group))
            default = _default_translation(group)
            if default is None:
                continue
            for paragraph in group:
                if paragraph.alternative or paragraph.target == default:
                    continue
                if paragraph.target is None or paragraph.propagated:
                    filled.append(
                        project.set_target(
                            paragraph.id, default, expected=paragraph.target, propagated=True
                        )
                    )
        MemoryStore(project).sync_project(p.id for p in filled)
    return PropagationReport(tuple(filled), tuple(conflicts))


def fill_repetitions(project: Project, paragraph_ids: Iterable[int]) -> list[Paragraph]:
    """Give the paragraphs that have no English the English of identical paragraphs the
    translator has translated (newly imported text, a new version of a file), marked as
    propagated. One undo step."""
    wanted = set(paragraph_ids)
    groups: dict[str, list[Paragraph]] = {}
    for paragraph in project.paragraphs():
        groups.setdefault(paragraph.source, []).append(paragraph)
    filled: list[Paragraph] = []
    with project.grouped():
        for group in groups.values():
            if len(group) < 2 or not any(p.id in wanted for p in group):
                continue
            default = _default_translation(group)
            if default is None:
                continue
            for paragraph in group:
                if (
                    paragraph.id in wanted
                    and paragraph.target is None
                    and not paragraph.alternative
                ):
                    filled.append(
                        project.set_target(paragraph.id, default, expected=None, propagated=True)
                    )
        MemoryStore(project).sync_project(p.id for p in filled)
    return filled


# -- lookup -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentenceMatches:
    index: int  # 0-based sentence index in the paragraph
    source: str
    matches: tuple[TmMatch, ...]


@dataclass(frozen=True)
class ParagraphMatches:
    """Memory matches for a paragraph: for the whole of it, and sentence by sentence."""

    paragraph_id: int
    matches: tuple[TmMatch, ...]
    sentences: tuple[SentenceMatches, ...] = ()  # only for paragraphs of several sentences

    @property
    def best(self) -> TmMatch | None:
        return self.matches[0] if self.matches else None


def load_index(
    project: Project, names: Sequence[str] | None = None, *, sync: bool = True
) -> MemoryIndex:
    """An index over the project memory (synced first, unless `sync` is False: a read-only
    project, or a caller that syncs elsewhere) and the reference memories."""
    store = MemoryStore(project)
    if sync:
        store.sync_project()
    return MemoryIndex(store.units(names))


def lookup(
    project: Project,
    text: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    index: MemoryIndex | None = None,
) -> list[TmMatch]:
    """Matches for a Chinese text typed by the user."""
    index = index if index is not None else load_index(project)
    return index.lookup(text, threshold=threshold, limit=limit)


def matches_for_paragraph(
    project: Project,
    paragraph_id: int,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    index: MemoryIndex | None = None,
) -> ParagraphMatches:
    """Matches for a paragraph, leaving out pairs taken from the paragraph itself.

    Pass an `index` (from `load_index`, kept by the caller) to look up many paragraphs.
    """
    index = index if index is not None else load_index(project)
    paragraph = project.paragraph(paragraph_id)

    def own(unit: MemoryUnit) -> bool:
        return unit.paragraph_id == paragraph_id

    whole = index.lookup(paragraph.source, threshold=threshold, limit=limit, skip=own)
    sentences = project.sentences(paragraph_id)
    per_sentence: tuple[SentenceMatches, ...] = ()
    if len(sentences) > 1:
        per_sentence = tuple(
            SentenceMatches(
                s.index,
                s.source,
                tuple(index.lookup(s.source, threshold=threshold, limit=limit, skip=own)),
            )
            for s in sentences
        )
        composed = _from_sentences(paragraph.source, per_sentence)
        if composed is not None and not (whole and whole[0].exact):
            whole = [composed, *whole][:limit]
    return ParagraphMatches(paragraph_id, tuple(whole), per_sentence)


def _from_sentences(source: str, sentences: Sequence[SentenceMatches]) -> TmMatch | None:
    """An exact match for the whole paragraph put together from exact matches of each of
    its sentences (a sentence-level memory, such as another tool's project TMX), their
    English joined as import-translations joins it; None unless every sentence has one."""
    exact = [s.matches[0] for s in sentences if s.matches and s.matches[0].exact]
    if len(exact) != len(sentences):
        return None
    origins = list(dict.fromkeys(match.unit.origin for match in exact))
    unit = MemoryUnit(
        source=source,
        target=join_sentences(match.unit.target for match in exact),
        origin=" + ".join(origins),
        key=" ".join(match.unit.key for match in exact if match.unit.key),
        changed_at=max(match.unit.changed_at for match in exact),
    )
    return TmMatch(unit, 100.0, True, diff_sources(source, source))


# -- TMX in and out ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MemoryImport:
    """A reference memory loaded from a file, and what reading it met."""

    info: MemoryInfo
    removed: int = 0  # characters the text policy removed from the file's text
    warnings: tuple[str, ...] = ()  # e.g. entity references kept as written


def import_tmx(
    project: Project, path: Path, *, name: str | None = None, replace: bool = False
) -> MemoryImport:
    """Load a TMX file (any tool's) as a read-only reference memory named `name`
    (default: the file name without extension). The file is read as a stream, one `<tu>`
    at a time, and its text passes the text policy (`sanitize`)."""
    path = Path(path)
    if not path.is_file():
        what = "no such file" if not path.exists() else "not a regular file"
        raise InputError(f"{path}: {what}")
    warnings: list[str] = []
    removed = 0
    pairs: list[NewUnit] = []
    for unit in tmx.iter_units(path, warnings=warnings):
        source, target = sanitized(unit.source), sanitized(unit.target)
        removed += source.removed + target.removed
        if source.text.strip() and target.text.strip():
            pairs.append(
                NewUnit(
                    source=source.text.strip(),
                    target=target.text.strip(),
                    key=unit.key,
                    changed_at=unit.changed_at,
                    sentence_level=unit.sentence is not None,
                )
            )
    if not pairs:
        raise InputError(f"{path}: no Chinese/English pairs found (zh-* and en-* languages)")
    info = MemoryStore(project).add_reference(
        name or path.stem, pairs, path=str(path.resolve()), sha256=_sha256(path), replace=replace
    )
    return MemoryImport(info, removed, tuple(warnings))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_tmx(
    project: Project,
    output: Path | None = None,
    *,
    names: Sequence[str] = (PROJECT_MEMORY,),
    glossary_path: Path | ProjectGlossary | None = None,
) -> tuple[Path, int]:
    """Write memories as TMX with the project exporter (streaming, never over the project,
    the glossary or an input); returns the path and the pair count."""
    store = MemoryStore(project)
    if PROJECT_MEMORY in names:
        store.sync_project()
    if output is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = unique_path(DEFAULT_EXPORT_DIR / f"{project.path.stem}-memory-{stamp}.tmx")
    else:
        path = output
    in_exports = path.parent.resolve() == DEFAULT_EXPORT_DIR.resolve()
    check_output(path, protected_files(project, glossary_path), create_folder=in_exports)
    units = (
        TranslationUnit(
            key=unit.key or f"{unit.origin}#{unit.id}",
            source=unit.source,
            target=unit.target,
            document=unit.origin,
            status=Status.EDITED,
            changed_at=unit.changed_at,
        )
        for unit in store.units(list(names))
    )
    with writing(path):
        count = tmx.write(path, units, level=Level.PARAGRAPH)
    return path, count
