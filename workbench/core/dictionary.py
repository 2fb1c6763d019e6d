"""CC-CEDICT entries, pinyin and longest-match segmentation of Chinese text.

CC-CEDICT is a line format: ``Traditional Simplified [pin1 yin1] /sense 1/sense 2/``, with
``#`` comment lines (the licence header) at the top. Senses may name other words as
``TRAD|SIMP[pin1 yin1]`` (or ``WORD[pin1 yin1]`` when both scripts agree): classifier
senses (``CL:個|个[ge4]``) become `DictEntry.classifiers`, and senses such as
``variant of 個|个[ge4]`` or ``see also ...`` also give `DictEntry.references`.

Segmentation: glossary terms are found first (leftmost-longest, by `Glossary.find`) and
take their span whatever the dictionary says, so an approved rendering is never split into
dictionary words; a `WordSplitter` (jieba over the CC-CEDICT headwords, see
`workbench.store.word_segmenter`) splits the text between them.

Pure: no file or database access. The store builds the `Lexicon` and the splitter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Protocol

from workbench.core.errors import InputError
from workbench.core.glossary import Glossary, Term, TermStatus
from workbench.core.text import is_han


class Script(StrEnum):
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"


# -- pinyin ---------------------------------------------------------------------------------

_TONE_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}  # combining marks
_NUMBERED_SYLLABLE = re.compile(r"^([A-Za-zÜüÊê:]+?)([1-5])$")


def syllable_marks(syllable: str) -> str:
    """One numbered syllable with its tone as a mark: ``lu:e4`` → ``lüè``, ``Zhong1`` →
    ``Zhōng``. Neutral tone (5) drops the digit; anything else (``C``, ``·``) is unchanged."""
    match = _NUMBERED_SYLLABLE.match(syllable)
    if match is None:
        return syllable
    body, tone = match.group(1), int(match.group(2))
    for plain, umlaut in (("u:", "ü"), ("U:", "Ü"), ("v", "ü"), ("V", "Ü")):
        body = body.replace(plain, umlaut)
    if tone == 5:
        return body
    lower = body.lower()
    if "a" in lower:
        at = lower.index("a")
    elif "e" in lower or "ê" in lower:
        at = lower.index("e") if "e" in lower else lower.index("ê")
    elif "ou" in lower:
        at = lower.index("o")
    else:
        vowels = [i for i, char in enumerate(lower) if char in "iouü"]
        if vowels:
            at = vowels[-1]
        elif lower in ("m", "n", "ng", "hm", "hng"):  # syllabic nasals: ḿ, ń, ňg
            at = next(i for i, char in enumerate(lower) if char in "mn")
        else:
            return body
    marked = body[: at + 1] + _TONE_MARKS[tone] + body[at + 1 :]
    return unicodedata.normalize("NFC", marked)


def pinyin_marks(numbered: str) -> str:
    """CC-CEDICT pinyin with tone marks, syllables kept apart: ``guo2 ji4`` → ``guó jì``."""
    return " ".join(syllable_marks(syllable) for syllable in numbered.split())


# -- entries --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WordRef:
    """A word named inside a sense: a classifier or the target of a cross-reference."""

    traditional: str
    simplified: str
    pinyin: str = ""  # numbered, as written; empty when the sense gives none

    @property
    def pinyin_marks(self) -> str:
        return pinyin_marks(self.pinyin)

    def text(self, script: Script | None = None) -> str:
        """The word in one script; with no script both, as CC-CEDICT writes them (個|个)."""
        if script is None:
            if self.traditional == self.simplified:
                return self.simplified
            return f"{self.traditional}|{self.simplified}"
        return self.traditional if script is Script.TRADITIONAL else self.simplified

    def display(self, script: Script | None = None) -> str:
        """``個|个[gè]`` (or ``个[gè]`` in one script): the word with tone-marked pinyin."""
        pinyin = f"[{self.pinyin_marks}]" if self.pinyin else ""
        return self.text(script) + pinyin


@dataclass(frozen=True)
class CrossReference:
    """A sense that points to another word: ``variant of``, ``see also``, ``abbr. for`` …"""

    label: str
    word: WordRef


@dataclass(frozen=True)
class DictEntry:
    """One CC-CEDICT line. A headword with several readings has one entry per reading."""

    traditional: str
    simplified: str
    pinyin: str  # numbered, as in CC-CEDICT: "guo2 ji4"
    senses: tuple[str, ...]  # as written, classifier senses left out
    classifiers: tuple[WordRef, ...] = ()  # from "CL:個|个[ge4],位[wei4]"
    references: tuple[CrossReference, ...] = ()  # senses pointing to other words

    @property
    def pinyin_marks(self) -> str:
        return pinyin_marks(self.pinyin)

    @property
    def is_variant(self) -> bool:
        """Every sense is a "variant of" reference: the entry has no meaning of its own."""
        variants = [r for r in self.references if r.label.endswith("variant of")]
        return bool(self.senses) and len(variants) >= len(self.senses)

    def headword(self, script: Script = Script.SIMPLIFIED) -> str:
        return self.traditional if script is Script.TRADITIONAL else self.simplified

    def display_senses(self, script: Script | None = None) -> tuple[str, ...]:
        return tuple(display_sense(sense, script) for sense in self.senses)


_LINE = re.compile(r"^(?P<trad>\S+) (?P<simp>\S+) \[(?P<pinyin>[^\]]*)\] /(?P<senses>.*)/$")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f〇"
_WORD_CHARS = r"[^\s\[\]|/,;:()（）]"
_REF = re.compile(
    rf"(?P<first>{_WORD_CHARS}*[{_CJK}]{_WORD_CHARS}*)"
    rf"(?:\|(?P<second>{_WORD_CHARS}+))?"
    r"(?:\[(?P<pinyin>[^\]]+)\])?"
)
_BARE_PINYIN = re.compile(r"\[(?P<pinyin>[A-Za-z:]+[1-5]?(?: [A-Za-z:]+[1-5]?)*)\]")
# What may stand before the words a cross-reference points to ("old variant of", "see also").
_REFERENCE_LABEL = re.compile(
    r"^\(?(?P<label>(?:[\w.()-]+ ){0,3}?(?:variant of|see also|see|abbr\. (?:for|to|of)"
    r"|also written|also called|same as|now written|cf\.?|equivalent of|equivalent:"
    r"|another name for|term for|slang for|opposite of|used in))\s*$",
    re.IGNORECASE,
)


def make_entry(traditional: str, simplified: str, pinyin: str, senses: str) -> DictEntry:
    """An entry from the fields of a line; `senses` is the text between the outer slashes."""
    kept: list[str] = []
    classifiers: list[WordRef] = []
    references: list[CrossReference] = []
    for sense in senses.split("/"):
        sense = sense.strip()
        if not sense:
            continue
        if sense.startswith("CL:"):
            classifiers.extend(_refs(sense[3:]))
            continue
        kept.append(sense)
        if "[" not in sense and "|" not in sense:  # cheap test: most senses name no word
            continue
        first = _REF.search(sense)
        if first is None:
            continue
        label = _REFERENCE_LABEL.match(sense[: first.start()])
        if label is not None:
            name = label.group("label").strip().lower()
            references.extend(CrossReference(name, ref) for ref in _refs(sense))
    return DictEntry(
        traditional=traditional,
        simplified=simplified,
        pinyin=" ".join(pinyin.split()),
        senses=tuple(kept),
        classifiers=tuple(classifiers),
        references=tuple(references),
    )


class RawEntry(NamedTuple):
    """The four fields of a CC-CEDICT line, checked but not taken apart further.

    A tuple rather than a dataclass: an index build makes 120,000 of them.
    """

    traditional: str
    simplified: str
    pinyin: str
    senses: str  # between the outer slashes, "/"-separated

    def entry(self) -> DictEntry:
        return make_entry(self.traditional, self.simplified, self.pinyin, self.senses)


def split_line(line: str, *, line_no: int = 0, name: str = "CC-CEDICT") -> RawEntry | None:
    """The fields of one CC-CEDICT line; None for a comment or a blank line.

    InputError (naming the file and line) when the line is not in the CC-CEDICT format.
    """
    text = line.lstrip("\ufeff").strip()
    if not text or text.startswith("#"):
        return None
    match = _LINE.match(text)
    where = f"{name}, line {line_no}" if line_no else name
    if match is None:
        raise InputError(
            f"{where}: not a CC-CEDICT entry (expected 'Traditional Simplified "
            f"[pin1 yin1] /sense/'): {_clip(text)!r}"
        )
    traditional, simplified, senses = match.group("trad", "simp", "senses")
    if len(traditional) != len(simplified):
        raise InputError(
            f"{where}: traditional {traditional!r} and simplified {simplified!r} differ in length"
        )
    if not senses.strip(" /"):
        raise InputError(f"{where}: entry {simplified!r} has no senses")
    return RawEntry(traditional, simplified, " ".join(match.group("pinyin").split()), senses)


def parse_line(line: str, *, line_no: int = 0, name: str = "CC-CEDICT") -> DictEntry | None:
    """One line of a CC-CEDICT file as an entry; None for a comment or a blank line."""
    raw = split_line(line, line_no=line_no, name=name)
    return raw.entry() if raw is not None else None


def cedict_header(lines: Iterable[str]) -> tuple[str, ...]:
    """The comment block at the top of a CC-CEDICT file (licence, publisher), without the
    ``#`` and without the ``#!`` metadata lines."""
    header: list[str] = []
    for line in lines:
        text = line.lstrip("\ufeff").rstrip("\r\n")
        if not text.startswith("#"):
            break
        if text.startswith("#!"):
            continue
        header.append(text[1:].strip())
    while header and not header[-1]:
        header.pop()
    return tuple(header)


def cedict_metadata(lines: Iterable[str]) -> dict[str, str]:
    """The ``#! key=value`` lines at the top of a CC-CEDICT file (version, date, licence)."""
    fields: dict[str, str] = {}
    for line in lines:
        text = line.lstrip("\ufeff").rstrip("\r\n")
        if not text.startswith("#"):
            break
        if text.startswith("#!") and "=" in text:
            key, _, value = text[2:].partition("=")
            fields[key.strip()] = value.strip()
    return fields


def display_sense(sense: str, script: Script | None = None) -> str:
    """A sense as shown to the user: pinyin with tone marks, words named in it in `script`
    (both scripts, as written, when None).

    ``variant of 個|个[ge4]`` → ``variant of 個|个[gè]`` (``个[gè]`` in simplified);
    ``Taiwan pr. [xing4]`` → ``Taiwan pr. [xìng]``.
    """

    def word(match: re.Match[str]) -> str:
        ref = _ref(match)
        return ref.display(script)

    shown = _REF.sub(word, sense)
    return _BARE_PINYIN.sub(lambda m: f"[{pinyin_marks(m.group('pinyin'))}]", shown)


def rank_entries(entries: Iterable[DictEntry]) -> list[DictEntry]:
    """Entries with a meaning of their own before mere variants, otherwise as given."""
    return sorted(entries, key=lambda entry: entry.is_variant)


def _refs(text: str) -> list[WordRef]:
    return [_ref(match) for match in _REF.finditer(text)]


def _ref(match: re.Match[str]) -> WordRef:
    first, second = match.group("first"), match.group("second")
    return WordRef(
        traditional=first,
        simplified=second or first,
        pinyin=" ".join((match.group("pinyin") or "").split()),
    )


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# -- segmentation ---------------------------------------------------------------------------


class TokenKind(StrEnum):
    TERM = "term"  # a glossary term (approved or candidate)
    WORD = "word"  # a dictionary headword
    UNKNOWN = "unknown"  # a Chinese character in no headword
    OTHER = "other"  # punctuation, numbers, Latin words


@dataclass(frozen=True)
class Token:
    """A piece of a segmented text: text == source[start:end]."""

    text: str
    start: int
    end: int
    kind: TokenKind
    term: Term | None = None  # for TERM


class Lexicon:
    """The headwords of a dictionary, both scripts: what counts as a word."""

    def __init__(self, headwords: Iterable[str]) -> None:
        self._words = frozenset(word for word in headwords if word)

    @property
    def words(self) -> frozenset[str]:
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __len__(self) -> int:
        return len(self._words)


class WordSplitter(Protocol):
    """Splits text into words (a word segmenter such as jieba)."""

    def cut(self, text: str) -> Iterable[str]:
        """Pieces that put together give `text` back, whitespace and punctuation included."""
        ...


_LATIN_RUN = re.compile(r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def segment(
    text: str,
    lexicon: Lexicon,
    glossary: Glossary | None = None,
    *,
    splitter: WordSplitter,
    include_candidates: bool = True,
) -> list[Token]:
    """Split `text` into glossary terms, dictionary words and the rest (whitespace dropped).

    Glossary terms first (candidates too, unless told otherwise; rejected terms never),
    then `splitter` in the gaps between them. A piece that would end inside a Latin word
    or number is joined with the rest of it (3C|D → 3CD).
    """
    hits = glossary.find(text, include_candidates=include_candidates) if glossary else []
    tokens: list[Token] = []
    position = 0
    for hit in [*hits, None]:
        gap_end = hit.start if hit is not None else len(text)
        tokens.extend(_segment_gap(text, position, gap_end, lexicon, splitter))
        if hit is not None:
            piece = text[hit.start : hit.end]
            tokens.append(Token(piece, hit.start, hit.end, TokenKind.TERM, hit.term))
            position = hit.end
    return tokens


def _segment_gap(
    text: str, start: int, end: int, lexicon: Lexicon, splitter: WordSplitter
) -> Iterator[Token]:
    if start >= end:
        return
    position = start
    for piece in _whole_latin(splitter.cut(text[start:end])):
        piece_start, position = position, position + len(piece)
        if text[piece_start:position] != piece:  # a splitter that changed the text
            raise ValueError(f"the word splitter changed {text[start:end]!r}")
        if piece.isspace():
            continue
        if piece in lexicon:
            kind = TokenKind.WORD
        elif len(piece) == 1 and is_han(piece):
            kind = TokenKind.UNKNOWN
        elif len(piece) == 1 or _LATIN_RUN.fullmatch(piece):
            kind = TokenKind.OTHER
        else:  # a word the splitter knows and the dictionary does not: its characters
            yield from (_character(text, index, lexicon) for index in range(piece_start, position))
            continue
        yield Token(piece, piece_start, position, kind)


def _character(text: str, index: int, lexicon: Lexicon) -> Token:
    char = text[index]
    if char in lexicon:
        kind = TokenKind.WORD
    else:
        kind = TokenKind.UNKNOWN if is_han(char) else TokenKind.OTHER
    return Token(char, index, index + 1, kind)


def _whole_latin(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces, with those that cut a Latin word or number joined again."""
    pending = ""
    for piece in pieces:
        if not piece:
            continue
        if pending and _is_latin(pending[-1]) and _is_latin(piece[0]):
            pending += piece
            continue
        if pending:
            yield pending
        pending = piece
    if pending:
        yield pending


def _is_latin(char: str) -> bool:
    return bool(_LATIN_RUN.match(char))


# -- what a word is ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WordInfo:
    """What the glossary and the dictionary say about one piece of a text."""

    text: str
    start: int
    end: int
    kind: TokenKind
    term: Term | None = None  # the glossary entry, shown first
    entries: tuple[DictEntry, ...] = ()  # dictionary entries for the text, either script
    parts: tuple[WordInfo, ...] = ()  # the dictionary words of a term no headword covers

    @property
    def approved(self) -> bool:
        return self.term is not None and self.term.status is TermStatus.APPROVED

    @property
    def found(self) -> bool:
        return self.term is not None or bool(self.entries)

    @property
    def is_word(self) -> bool:
        """Not punctuation, a number or a Latin word the dictionary does not know."""
        return self.kind is not TokenKind.OTHER or self.found


def numbered_senses(entries: Sequence[DictEntry]) -> list[tuple[int, DictEntry, str]]:
    """(number from 1, entry, sense) across the entries, in order: how senses are listed."""
    numbered: list[tuple[int, DictEntry, str]] = []
    for entry in entries:
        for sense in entry.senses:
            numbered.append((len(numbered) + 1, entry, sense))
    return numbered
