"""Machine-translate a project's paragraphs: chunked, cached, resumable, glossary enforced.

`translate_paragraphs` is what `workbench translate` and the editor call. It works in three
steps:

1. Plan (`workbench.workflows.translation_plan`): the rows to translate are those with no
   machine translation yet, those whose stored MT came from another model or from other
   glossary constraints (outdated), or all of them with `force`. Each sentence gets its
   cache key: the source text and a constraint signature, the model id aside.
2. Rows whose every sentence is in the cache are written first, with no MT call.
3. The remaining sentences, identical ones once, go to the engine in chunks of about
   `CHUNK_SENTENCES` sentences taken from as many paragraphs as fit. Each chunk is written in
   one transaction (cache entries, paragraphs' MT, sentence records) as soon as it is done,
   so a kill loses at most the chunk in flight and a re-run finds the rest saved.

MT is written with `Project.set_machine_translation`, which never touches the translator's
English. Machine output passes `workbench.core.text_policy.sanitize` before it is cached or
written (a model can emit ESC, BEL, form feeds or noncharacters, which no export may carry);
the summary counts the characters removed. Sentences whose glossary constraints the MT does
not meet are recorded with the unmet terms (`sentence_mt.unmet`); they are never passed
silently.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from workbench.core.glossary import Glossary, TermIssue
from workbench.core.text_policy import sanitize
from workbench.mt.base import DecodeOptions, Translator
from workbench.mt.enforce import GlossaryEnforcer
from workbench.store.mt_cache import CachedTranslation, MtCache, SentenceRecord, UnmetTerm
from workbench.store.project import Project
from workbench.workflows.translation_plan import (
    BEAM_SIZE,
    CHUNK_SENTENCES,
    NUM_HYPOTHESES,
    Key,
    PlannedRow,
    TranslationPlan,
    plan_translation,
)

CACHE_ROWS_PER_COMMIT = 200  # rows written from the cache per transaction
CancelHook = Callable[[], bool]


class Cancel:
    """A cancellation hook: a threading.Event or a callable returning True to stop."""

    def __init__(self, hook: threading.Event | CancelHook | None) -> None:
        self._hook = hook

    def __call__(self) -> bool:
        if self._hook is None:
            return False
        if isinstance(self._hook, threading.Event):
            return self._hook.is_set()
        return bool(self._hook())


@dataclass(frozen=True)
class TranslateProgress:
    """Where a running translation stands; reported after every write."""

    rows_done: int  # rows written so far
    rows_total: int  # rows to write in this run
    sentences_done: int  # sentences of the rows written so far
    sentences_total: int
    translated: int  # distinct sentences the engine has translated so far
    to_translate: int  # distinct sentences the engine translates in this run
    mt_seconds: float  # time spent in the engine so far
    elapsed: float
    updated: tuple[int, ...] = ()  # paragraph ids written since the previous report

    @property
    def sentences_per_second(self) -> float:
        return self.translated / self.mt_seconds if self.mt_seconds > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """Time left at the engine's pace so far; None before the first chunk."""
        left = self.to_translate - self.translated
        if left <= 0:
            return 0.0
        rate = self.sentences_per_second
        return left / rate if rate > 0 else None


ProgressHook = Callable[[TranslateProgress], None]


@dataclass(frozen=True)
class FlaggedRow:
    """A row whose machine translation does not meet every glossary constraint."""

    paragraph_id: int
    document_id: int
    sentences: tuple[tuple[int, tuple[UnmetTerm, ...]], ...]  # (sentence index from 0, unmet)

    @property
    def unmet(self) -> tuple[UnmetTerm, ...]:
        return tuple(term for _, terms in self.sentences for term in terms)


@dataclass(frozen=True)
class TranslateSummary:
    """What a run did."""

    model_id: str
    glossary_version: str
    rows_selected: int  # rows looked at (included, with sentences)
    rows_written: int  # rows whose MT was written in this run
    rows_from_cache: int  # of those, rows needing no MT call at all
    rows_outdated: int  # of those, rows re-done because the model or their terms changed
    rows_skipped: int  # already translated and up to date
    sentences_translated: int  # distinct sentences the engine translated
    sentences_reused: int  # sentences written from the cache or from an identical sentence
    flagged: tuple[FlaggedRow, ...]  # selected rows whose MT misses glossary constraints
    cancelled: bool
    seconds: float
    mt_seconds: float
    # Characters removed from the machine output by the text policy (control characters,
    # noncharacters) before it was stored.
    characters_removed: int = 0

    @property
    def rows_left(self) -> int:
        """Rows still to translate (after a cancellation)."""
        return self.rows_selected - self.rows_skipped - self.rows_written

    @property
    def sentences_per_second(self) -> float:
        return self.sentences_translated / self.mt_seconds if self.mt_seconds > 0 else 0.0


# -- running ---------------------------------------------------------------------------------


def translate_paragraphs(
    project: Project,
    glossary: Glossary,
    engine: Translator,
    paragraph_ids: Iterable[int] | None = None,
    *,
    document_id: int | None = None,
    force: bool = False,
    enforce: bool = True,
    progress: ProgressHook | None = None,
    cancel: threading.Event | CancelHook | None = None,
    chunk_size: int = CHUNK_SENTENCES,
    first_chunk: int | None = None,
) -> TranslateSummary:
    """Translate the rows (all included rows, or those of `document_id` or `paragraph_ids`)
    that have no MT yet or outdated MT, or all of them with `force` (which also bypasses
    the cache). Safe to call from a worker thread; `cancel` is checked between chunks."""
    plan = plan_translation(
        project,
        glossary,
        engine.model_id,
        paragraph_ids,
        document_id=document_id,
        force=force,
        enforce=enforce,
        chunk_size=chunk_size,
        first_chunk=first_chunk,
    )
    return run_plan(project, engine, plan, progress=progress, cancel=cancel)


@dataclass
class _Tally:
    started: float = field(default_factory=time.perf_counter)
    rows: int = 0
    sentences: int = 0
    translated: int = 0
    mt_seconds: float = 0.0
    from_cache: int = 0
    outdated: int = 0
    reused: int = 0
    removed: int = 0  # characters the text policy took out of the machine output


def run_plan(
    project: Project,
    engine: Translator,
    plan: TranslationPlan,
    *,
    progress: ProgressHook | None = None,
    cancel: threading.Event | CancelHook | None = None,
) -> TranslateSummary:
    """Carry out a plan made by `plan_translation` with the same model."""
    if engine.model_id != plan.model_id:
        raise ValueError(f"plan made for {plan.model_id}, engine is {engine.model_id}")
    stop = Cancel(cancel)
    tally = _Tally()
    known = dict(plan.known)
    cancelled = False

    def report(written: Sequence[PlannedRow]) -> None:
        if progress is None:
            return
        progress(
            TranslateProgress(
                rows_done=tally.rows,
                rows_total=plan.rows_to_write,
                sentences_done=tally.sentences,
                sentences_total=plan.sentences_to_write,
                translated=tally.translated,
                to_translate=plan.sentences_to_translate,
                mt_seconds=tally.mt_seconds,
                elapsed=time.perf_counter() - tally.started,
                updated=tuple(row.paragraph.id for row in written),
            )
        )

    for start in range(0, len(plan.cached), CACHE_ROWS_PER_COMMIT):
        if stop():
            cancelled = True
            break
        batch = plan.cached[start : start + CACHE_ROWS_PER_COMMIT]
        written = _write(project, plan, batch, known, tally)
        tally.from_cache += len(written)
        report(written)
    for rows, keys in plan.chunks if not cancelled else []:
        if stop():
            cancelled = True
            break
        began = time.perf_counter()
        entries = _translate(engine, plan, keys, tally)
        tally.mt_seconds += time.perf_counter() - began
        tally.translated += len(keys)
        known.update(((e.source, e.signature), e) for e in entries)
        if stop():  # stopped while the engine worked: its output is cached, no row written
            MtCache(project).put(plan.model_id, entries)
            cancelled = True
            break
        with project.transaction():
            MtCache(project).put(plan.model_id, entries)
            written = _write(project, plan, rows, known, tally, fresh=set(keys))
        report(written)
    flagged = flagged_rows(project, plan.selected)
    return TranslateSummary(
        model_id=plan.model_id,
        glossary_version=plan.glossary.version,
        rows_selected=plan.rows_selected,
        rows_written=tally.rows,
        rows_from_cache=tally.from_cache,
        rows_outdated=tally.outdated,
        rows_skipped=plan.rows_skipped,
        sentences_translated=tally.translated,
        sentences_reused=tally.reused,
        flagged=flagged,
        cancelled=cancelled,
        seconds=time.perf_counter() - tally.started,
        mt_seconds=tally.mt_seconds,
        characters_removed=tally.removed,
    )


def _translate(
    engine: Translator, plan: TranslationPlan, keys: Sequence[Key], tally: _Tally
) -> list[CachedTranslation]:
    """The engine's output for the sentences, made fit to store (counted in `tally`)."""
    sources = [source for source, _ in keys]
    if plan.enforce:
        enforced = GlossaryEnforcer(
            engine, plan.glossary, num_hypotheses=NUM_HYPOTHESES, beam_size=BEAM_SIZE
        ).translate(sources)
        outputs = [(e.text, e.raw, e.score) for e in enforced]
    else:
        results = engine.translate_batch(sources, DecodeOptions(beam_size=BEAM_SIZE))
        outputs = [(r.best.text, r.best.text, r.best.score) for r in results]
    entries = []
    for (source, signature), (text, raw, score) in zip(keys, outputs, strict=True):
        clean = sanitize(text)
        tally.removed += clean.removed
        entries.append(
            CachedTranslation(
                source=source,
                signature=signature,
                text=clean.text,
                raw=sanitize(raw).text,
                score=score,
                constraints=plan.constraints[(source, signature)],
                glossary_version=plan.glossary.version,
            )
        )
    return entries


def _stored_text(entry: CachedTranslation, tally: _Tally) -> str:
    """A cached translation's text as it may be stored: entries cached before the text
    policy applied to machine output can still hold what no export may carry."""
    clean = sanitize(entry.text)
    tally.removed += clean.removed
    return clean.text


def _write(
    project: Project,
    plan: TranslationPlan,
    rows: Sequence[PlannedRow],
    known: dict[Key, CachedTranslation],
    tally: _Tally,
    fresh: set[Key] | None = None,
) -> list[PlannedRow]:
    """Write the rows' MT and sentence records in one transaction; rows whose sentences
    changed since planning are left for the next run."""
    cache = MtCache(project)
    written = []
    fresh = fresh or set()
    with project.transaction():
        for row in rows:
            now = project.sentences(row.paragraph.id)
            if [(s.id, s.source) for s in now] != [(s.id, s.source) for s in row.sentences]:
                continue
            entries = [known[key] for key in row.keys]
            texts = [_stored_text(entry, tally) for entry in entries]
            project.set_machine_translation(row.paragraph.id, texts)
            for sentence, key, text in zip(row.sentences, row.keys, texts, strict=True):
                cache.record(
                    sentence.id,
                    model_id=plan.model_id,
                    signature=key[1],
                    glossary_version=plan.glossary.version,
                    text=text,
                    unmet=unmet_terms(plan.glossary, sentence.source, text),
                )
                if key in fresh:
                    fresh.discard(key)  # the first use of a new translation
                else:
                    tally.reused += 1
            written.append(row)
            tally.rows += 1
            tally.sentences += len(row.sentences)
            tally.outdated += int(row.outdated)
    return written


def unmet_terms(glossary: Glossary, source: str, english: str) -> tuple[UnmetTerm, ...]:
    """The glossary constraints of a sentence that its English does not meet."""
    return tuple(_unmet(issue) for issue in glossary.check(source, english).issues)


def _unmet(issue: TermIssue) -> UnmetTerm:
    return UnmetTerm(issue.term.source, issue.term.target, issue.problem.value, issue.found)


def flagged_rows(project: Project, paragraph_ids: Iterable[int]) -> tuple[FlaggedRow, ...]:
    """Rows among `paragraph_ids` whose stored MT misses glossary constraints, in order.

    What the editor shows next to a row; it reads the records kept by every run."""
    ids = list(dict.fromkeys(paragraph_ids))
    by_paragraph: dict[int, list[SentenceRecord]] = {}
    for record in MtCache(project).records(ids).values():
        if record.unmet:
            by_paragraph.setdefault(record.paragraph_id, []).append(record)
    flagged = []
    for pid in ids:
        records = sorted(by_paragraph.get(pid, []), key=lambda r: r.index)
        if records:
            document_id = project.paragraph(pid).document_id
            sentences = tuple((r.index, r.unmet) for r in records)
            flagged.append(FlaggedRow(pid, document_id, sentences))
    return tuple(flagged)
