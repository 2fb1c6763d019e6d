"""Planning a translation run: which rows to write, from the cache or the engine, in chunks.

The rows to translate are those with no machine translation yet, those whose stored MT came
from another model or from other glossary constraints (outdated), or all of them with
`force`. Each sentence gets its cache key: the source text and a constraint signature
(`constraint_signature`), the model id aside. Rows whose every sentence is in the cache need
no engine call; the remaining sentences, identical ones once, are cut into chunks of about
`CHUNK_SENTENCES` sentences taken from as many rows as fit. `workbench.workflows.translating`
carries a plan out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from workbench.core.glossary import Glossary
from workbench.core.segments import Paragraph, Sentence
from workbench.mt.enforce import ALL_TECHNIQUES
from workbench.store.mt_cache import CachedTranslation, MtCache, SentenceRecord
from workbench.store.project import Project

CHUNK_SENTENCES = 64  # sentences per engine call: four CTranslate2 batches of 16
# The editor's first call: its first rows show within seconds. Small chunks cost throughput
# (seeds on the official-shape model: 26 s instead of 21 s), so the CLI does not ramp up.
FIRST_CHUNK = 8
BEAM_SIZE = 4
NUM_HYPOTHESES = 4
# Part of every signature: bump it when enforcement changes enough to invalidate the cache.
SIGNATURE_SCHEME = "workbench-mt/1"

Key = tuple[str, str]  # (source sentence, constraint signature)


@dataclass
class PlannedRow:
    """A row a run writes: its sentences as planned and their cache keys, in order."""

    paragraph: Paragraph
    sentences: list[Sentence]
    keys: list[Key]
    outdated: bool = False  # its MT came from another model or other constraints


@dataclass
class TranslationPlan:
    """The rows a run writes and the sentences it sends to the engine, in order."""

    model_id: str
    glossary: Glossary
    enforce: bool
    selected: list[int]  # ids of the rows looked at (included, with sentences)
    rows_skipped: int
    cached: list[PlannedRow]  # every sentence already in the cache
    chunks: list[tuple[list[PlannedRow], list[Key]]]  # rows and the new keys they introduce
    known: dict[Key, CachedTranslation]
    constraints: dict[Key, str] = field(default_factory=dict)  # signature JSON of new keys

    @property
    def rows_selected(self) -> int:
        return len(self.selected)

    @property
    def rows_to_write(self) -> int:
        return len(self.cached) + sum(len(rows) for rows, _ in self.chunks)

    @property
    def sentences_to_translate(self) -> int:
        return sum(len(keys) for _, keys in self.chunks)

    @property
    def sentences_to_write(self) -> int:
        rows = [*self.cached, *(row for rows, _ in self.chunks for row in rows)]
        return sum(len(row.sentences) for row in rows)


# -- signatures ------------------------------------------------------------------------------


def _decoding(constrained: bool) -> dict[str, object]:
    if not constrained:
        return {"beam": BEAM_SIZE}
    return {
        "beam": BEAM_SIZE,
        "nbest": NUM_HYPOTHESES,
        "techniques": [str(t) for t in ALL_TECHNIQUES],
    }


def constraint_signature(glossary: Glossary, sentence: str, *, enforce: bool = True) -> str:
    """The constraints that shape a sentence's MT, as canonical JSON.

    The glossary terms found in the sentence (source, target, variants, forbidden, case),
    not the whole glossary: editing a term re-translates only the sentences containing it.
    Without enforcement no term shapes the output.
    """
    terms = []
    if enforce:
        found = dict.fromkeys(hit.term for hit in glossary.find(sentence))
        terms = sorted(
            [t.source, t.target, list(t.variants), list(t.forbidden), t.case.value] for t in found
        )
    payload = {"scheme": SIGNATURE_SCHEME, "decode": _decoding(bool(terms)), "terms": terms}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def signature_hash(constraints: str) -> str:
    return hashlib.sha256(constraints.encode("utf-8")).hexdigest()[:32]


def prune_mt_cache(
    project: Project, glossary: Glossary, model_id: str, *, enforce: bool = True
) -> int:
    """Delete the cached translations no sentence of the project would look up now (other
    models, sentences since removed, glossary wordings since changed); how many."""
    keep = set()
    for sentence in project.all_sentences():
        signature = constraint_signature(glossary, sentence.source, enforce=enforce)
        keep.add((sentence.source, signature_hash(signature)))
    return MtCache(project).prune(model_id, keep)


# -- planning --------------------------------------------------------------------------------


def _select(
    project: Project, paragraph_ids: Iterable[int] | None, document_id: int | None
) -> list[Paragraph]:
    if paragraph_ids is None:
        return project.paragraphs(document_id)
    chosen = [project.paragraph(pid) for pid in dict.fromkeys(paragraph_ids)]
    return [p for p in chosen if p.included]


def plan_translation(
    project: Project,
    glossary: Glossary,
    model_id: str,
    paragraph_ids: Iterable[int] | None = None,
    *,
    document_id: int | None = None,
    force: bool = False,
    enforce: bool = True,
    chunk_size: int = CHUNK_SENTENCES,
    first_chunk: int | None = None,
) -> TranslationPlan:
    """Decide which rows to write, which come from the cache and how to chunk the rest.

    With `first_chunk`, chunks start that small and double up to `chunk_size`: the first
    rows are shown within a second while later chunks keep the engine's batches full.
    """
    cache = MtCache(project)
    paragraphs = _select(project, paragraph_ids, document_id)
    records = cache.records(p.id for p in paragraphs)
    constraints: dict[Key, str] = {}
    rows: list[PlannedRow] = []
    selected: list[int] = []
    for paragraph in paragraphs:
        sentences = project.sentences(paragraph.id)
        if not sentences:
            continue
        selected.append(paragraph.id)
        keys = []
        for sentence in sentences:
            text = constraint_signature(glossary, sentence.source, enforce=enforce)
            key = (sentence.source, signature_hash(text))
            constraints[key] = text
            keys.append(key)
        states = _record_states(sentences, keys, records, model_id)
        # MT from another model or other constraints is outdated; MT without a record
        # (written by another path) is left alone.
        outdated = any(state is False for state in states)
        # A row whose sentences all translate to nothing has no MT but is done all the same.
        # So is a row with a sentence never translated (split in two since its MT).
        untranslated = paragraph.mt is None or any(s.mt is None for s in sentences)
        missing = untranslated and not all(states)
        if force or outdated or missing:
            rows.append(PlannedRow(paragraph, sentences, keys, outdated))
    known = {} if force else cache.lookup(model_id, (k for row in rows for k in row.keys))
    cached = [row for row in rows if all(key in known for key in row.keys)]
    chunks: list[tuple[list[PlannedRow], list[Key]]] = []
    claimed: set[Key] = set()
    current: tuple[list[PlannedRow], list[Key]] = ([], [])
    limit = min(first_chunk or chunk_size, chunk_size)
    for row in rows:
        if all(key in known for key in row.keys):
            continue
        new = [k for k in dict.fromkeys(row.keys) if k not in known and k not in claimed]
        if current[0] and len(current[1]) + len(new) > limit:
            chunks.append(current)
            current = ([], [])
            limit = min(2 * limit, chunk_size)
        current[0].append(row)
        current[1].extend(new)
        claimed.update(new)
    if current[0]:
        chunks.append(current)
    return TranslationPlan(
        model_id=model_id,
        glossary=glossary,
        enforce=enforce,
        selected=selected,
        rows_skipped=len(selected) - len(rows),
        cached=cached,
        chunks=chunks,
        known=known,
        constraints={k: constraints[k] for _, keys in chunks for k in keys},
    )


def _record_states(
    sentences: Sequence[Sentence],
    keys: Sequence[Key],
    records: dict[int, SentenceRecord],
    model_id: str,
) -> list[bool | None]:
    """For each sentence: None when its MT has no record (it was written by another path),
    else whether the record holds the MT of this model under these constraints."""
    states: list[bool | None] = []
    for sentence, (_, signature) in zip(sentences, keys, strict=True):
        record = records.get(sentence.id)
        if record is None:
            states.append(None)
        else:
            states.append(record.model_id == model_id and record.signature == signature)
    return states
