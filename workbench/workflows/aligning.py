"""Align a published Chinese text with its official English version.

Both files go through the same ingest as `workbench import` (txt, md, html; page chrome and
spam removed; the sentence splitter of `core/sentences.py`, which knows English
abbreviations, numbers and quotes); the signals come from the glossary in effect and from
CC-CEDICT (when its index can be opened); `core/align.py` does the alignment. The result can
be written as TMX (confidence in an `x-align-confidence` prop), loaded as a reference memory
(matches in the editor) or imported as a document whose rows carry the aligned English.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.align import AlignSentence, Link, align
from workbench.core.align_signals import (
    SentenceSignals,
    chinese_signals,
    chinese_words,
    english_keys,
    english_signals,
    glossary_terms,
    sense_keys,
)
from workbench.core.align_terms import (
    AlignedText,
    PhraseCandidate,
    TermUse,
    phrase_candidates,
    term_uses,
)
from workbench.core.cleaning_rules import CleaningRules
from workbench.core.decoding import decode
from workbench.core.errors import InputError
from workbench.core.glossary import Glossary, Term
from workbench.core.ingest import FORMATS as INGEST_FORMATS
from workbench.core.ingest import clean_document
from workbench.core.segments import Document, Level, Status, TranslationUnit
from workbench.core.sentences import split_sentences
from workbench.formats import tmx
from workbench.store.dictionary_index import DictionaryIndex
from workbench.store.memory import MemoryInfo, MemoryStore, NewUnit
from workbench.store.project import Project, TargetEdit
from workbench.workflows.importing import display_path, import_file, read_source
from workbench.workflows.outputs import Protected, check_output

CONFIDENCE_PROP = "x-align-confidence"
LINK_PROP = "x-align-link"
_SUFFIXES = {f".{fmt}": fmt for fmt in INGEST_FORMATS} | {".htm": "html", ".markdown": "md"}


@dataclass(frozen=True)
class SideText:
    """One side as the aligner sees it: its sentences and the paragraph each belongs to."""

    path: Path
    sentences: tuple[str, ...]
    paragraphs: tuple[int, ...]  # 0-based paragraph of each sentence
    dropped: int  # blocks the cleaner removed as page junk


@dataclass(frozen=True)
class AlignedPair:
    """One link of the alignment, as text."""

    zh: str  # "" for an English sentence with no Chinese
    en: str  # "" for a Chinese sentence left untranslated
    confidence: float
    link: Link


@dataclass(frozen=True)
class Alignment:
    zh: SideText
    en: SideText
    pairs: tuple[AlignedPair, ...]
    dictionary_used: bool

    @property
    def linked(self) -> tuple[AlignedPair, ...]:
        """Pairs with text on both sides (what goes to a TMX or a memory)."""
        return tuple(p for p in self.pairs if p.zh and p.en)


def read_side(path: Path, rules: CleaningRules) -> SideText:
    """Read, decode and clean one file; split its paragraphs into sentences."""
    path = Path(path)
    shown = display_path(path)
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{shown}: cannot align a {path.suffix or 'suffix-less'} file; use .txt, .md or .html"
        )
    text = decode(read_source(path), name=shown).text
    clean = clean_document(text, fmt=fmt, rules=rules, name=shown)
    if not clean.paragraphs:
        raise InputError(f"{shown}: no article text found (every block was dropped as page junk)")
    sentences: list[str] = []
    paragraphs: list[int] = []
    for index, paragraph in enumerate(clean.paragraphs):
        for sentence in split_sentences(paragraph.text):
            sentences.append(sentence)
            paragraphs.append(index)
    return SideText(path, tuple(sentences), tuple(paragraphs), len(clean.dropped))


def align_files(
    zh_path: Path,
    en_path: Path,
    *,
    rules: CleaningRules,
    glossary: Glossary,
    dictionary: DictionaryIndex | None,
    progress: Callable[[int, int], None] | None = None,
) -> Alignment:
    """Align two files (Chinese, English)."""
    zh = read_side(zh_path, rules)
    en = read_side(en_path, rules)
    return align_sides(zh, en, glossary=glossary, dictionary=dictionary, progress=progress)


def align_sides(
    zh: SideText,
    en: SideText,
    *,
    glossary: Glossary,
    dictionary: DictionaryIndex | None,
    progress: Callable[[int, int], None] | None = None,
) -> Alignment:
    zh_signals = _chinese_side(zh.sentences, glossary, dictionary)
    found_terms = tuple(dict.fromkeys(t for terms in zh_signals[1] for t in terms))
    en_signals = [english_signals(text, found_terms) for text in en.sentences]
    links = align(_sentences(zh, zh_signals[0]), _sentences(en, en_signals), progress=progress)
    return relinked(Alignment(zh, en, (), dictionary is not None), links)


def relinked(alignment: Alignment, links: Sequence[Link]) -> Alignment:
    """The alignment with other links (a reviewer's corrections) over the same sentences."""
    zh, en = alignment.zh, alignment.en
    pairs = tuple(
        AlignedPair(
            zh="".join(zh.sentences[i] for i in link.zh),
            en=" ".join(en.sentences[j] for j in link.en),
            confidence=link.confidence,
            link=link,
        )
        for link in links
    )
    return Alignment(zh, en, pairs, alignment.dictionary_used)


def load_memory(
    project: Project, alignment: Alignment, name: str, *, replace: bool = False
) -> MemoryInfo:
    """Load the linked pairs as a read-only reference memory (sentence-level)."""
    pairs = [NewUnit(p.zh, p.en, sentence_level=True) for p in alignment.linked]
    if not pairs:
        raise InputError(f"{display_path(alignment.zh.path)}: no sentence pairs to load")
    return MemoryStore(project).add_reference(
        name,
        pairs,
        path=str(alignment.zh.path.resolve()),
        sha256=file_digest(alignment.zh.path, alignment.en.path),
        replace=replace,
    )


def _chinese_side(
    sentences: Sequence[str], glossary: Glossary, dictionary: DictionaryIndex | None
) -> tuple[list[SentenceSignals], list[tuple[Term, ...]]]:
    terms = glossary_terms(glossary, sentences)
    words: dict[str, list[str]] = {}
    glosses: dict[str, frozenset[str]] = {}
    if dictionary is not None:
        lexicon = dictionary.lexicon()
        words = {s: chinese_words(s, lexicon.__contains__) for s in sentences}
        entries = dictionary.lookup_many({w for found in words.values() for w in found})
        glosses = {
            word: sense_keys(sense for entry in found for sense in entry.senses)
            for word, found in entries.items()
        }
    signals = [chinese_signals(s, terms[s], glosses, words.get(s, [])) for s in sentences]
    return signals, [terms[s] for s in sentences]


def _sentences(side: SideText, signals: Sequence[SentenceSignals]) -> list[AlignSentence]:
    return [
        AlignSentence(
            text=text,
            paragraph=paragraph,
            starts_paragraph=index == 0 or side.paragraphs[index - 1] != paragraph,
            signals=signals[index],
        )
        for index, (text, paragraph) in enumerate(zip(side.sentences, side.paragraphs, strict=True))
    ]


# -- output -------------------------------------------------------------------------------------


def translation_units(alignment: Alignment) -> list[TranslationUnit]:
    """The linked pairs as TMX units, keyed by the Chinese file and the link's number."""
    document = alignment.zh.path.name
    units = []
    for number, pair in enumerate(alignment.pairs, start=1):
        if not (pair.zh and pair.en):
            continue
        first = pair.link.zh[0]
        units.append(
            TranslationUnit(
                key=f"{document}#a{number}",
                source=pair.zh,
                target=pair.en,
                document=document,
                paragraph=alignment.zh.paragraphs[first] + 1,
                sentence=first + 1,
                status=Status.EDITED,
                props=(
                    (CONFIDENCE_PROP, f"{pair.confidence:.3f}"),
                    (LINK_PROP, pair.link.kind),
                ),
            )
        )
    return units


def check_align_output(
    path: Path, zh_path: Path, en_path: Path, protected: Sequence[Protected] = ()
) -> None:
    """Refuse an output over either text being aligned (or another protected file), before
    any work is done."""
    inputs = [
        Protected(Path(zh_path), "the Chinese text being aligned"),
        Protected(Path(en_path), "the English text being aligned"),
    ]
    check_output(Path(path), [*inputs, *protected])


def write_tmx(alignment: Alignment, path: Path, protected: Sequence[Protected] = ()) -> int:
    """Write the linked pairs as a sentence-level TMX file; returns how many. Never over
    the aligned texts themselves."""
    check_align_output(path, alignment.zh.path, alignment.en.path, protected)
    return tmx.write(Path(path), translation_units(alignment), level=Level.SENTENCE)


def file_digest(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(read_source(Path(path)))
    return digest.hexdigest()


# -- import as a document -----------------------------------------------------------------------

REVIEW_BELOW = 0.5  # a row with a link less sure than this is marked for review


@dataclass(frozen=True)
class AlignedImport:
    """What `import_aligned` did."""

    document: Document
    filled: int  # rows given the aligned English
    to_review: int  # rows marked for review (a weak link or a sentence left untranslated)
    conflicts: int  # rows that already had other English: left alone
    created: bool


def paragraph_english(alignment: Alignment) -> list[tuple[str, float, bool]]:
    """For each Chinese paragraph: its aligned English, its weakest link's confidence, and
    whether a sentence of it was left without English. A link that spans two Chinese
    paragraphs gives its English to the first."""
    count = (alignment.zh.paragraphs[-1] + 1) if alignment.zh.paragraphs else 0
    english: list[list[str]] = [[] for _ in range(count)]
    weakest = [1.0] * count
    untranslated = [False] * count
    for pair in alignment.pairs:
        if not pair.link.zh:
            continue
        for i in pair.link.zh:
            weakest[alignment.zh.paragraphs[i]] = min(
                weakest[alignment.zh.paragraphs[i]], pair.confidence
            )
        paragraph = alignment.zh.paragraphs[pair.link.zh[0]]
        if pair.en:
            english[paragraph].append(pair.en)
        else:
            untranslated[paragraph] = True
    return [(" ".join(e), w, u) for e, w, u in zip(english, weakest, untranslated, strict=True)]


def import_aligned(project: Project, alignment: Alignment, rules: CleaningRules) -> AlignedImport:
    """Import the Chinese file as a document (or find it, if imported before) and give each
    row the aligned English, as the translator's text (status edited) in one undo step.
    Rows with a weak link or an untranslated sentence are marked for review; rows that
    already hold other English are left alone (counted as conflicts)."""
    outcome = import_file(project, alignment.zh.path, rules)
    rows = [p for p in project.paragraphs(outcome.document.id) if p.included]
    english = paragraph_english(alignment)
    if len(rows) != len(english):
        raise InputError(
            f"{display_path(alignment.zh.path)}: the project's document has {len(rows)} "
            f"paragraphs, the alignment {len(english)}; restore or re-import it first"
        )
    edits = [
        TargetEdit(row.id, text, None)
        for row, (text, _, _) in zip(rows, english, strict=True)
        if text and row.target is None
    ]
    result = project.set_targets(edits)
    kept = {
        row.id
        for row, (text, _, _) in zip(rows, english, strict=True)
        if row.target not in (None, text)
    }
    skipped = set(result.conflicts) | kept
    review = [
        row.id
        for row, (text, weakest, untranslated) in zip(rows, english, strict=True)
        if row.id not in skipped and (untranslated or (text and weakest < REVIEW_BELOW))
    ]
    for paragraph_id in review:
        project.set_review(paragraph_id, True)
    return AlignedImport(
        outcome.document, len(result.written), len(review), len(skipped), outcome.created
    )


# -- term mining --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MinedTerms:
    uses: tuple[TermUse, ...]
    candidates: tuple[PhraseCandidate, ...]


def phrase_glosses(dictionary: DictionaryIndex | None) -> Callable[[str], frozenset[str]] | None:
    """The dictionary's English word keys for a Chinese phrase (its words' senses)."""
    if dictionary is None:
        return None
    lexicon = dictionary.lexicon()

    def glosses(phrase: str) -> frozenset[str]:
        words = chinese_words(phrase, lexicon.__contains__) or [phrase]
        entries = dictionary.lookup_many(words)
        found = [sense for found in entries.values() for e in found for sense in e.senses]
        return sense_keys(found) | english_keys(" ".join(found))

    return glosses


def mine_terms(
    alignment: Alignment,
    glossary: Glossary,
    *,
    dictionary: DictionaryIndex | None = None,
    dismissed: Sequence[str] = (),
    limit: int = 30,
) -> MinedTerms:
    """Glossary term renderings and new phrase candidates from the linked pairs."""
    pairs = [AlignedText(p.zh, p.en, p.confidence) for p in alignment.linked]
    glosses = phrase_glosses(dictionary)
    return MinedTerms(
        tuple(term_uses(pairs, glossary, glosses)),
        tuple(
            phrase_candidates(pairs, glossary, dismissed=dismissed, limit=limit, glosses=glosses)
        ),
    )
