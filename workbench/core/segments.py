"""Domain types for documents, paragraphs and sentences as the workbench sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """Where a paragraph stands in the translation workflow."""

    NEW = "new"  # no English at all
    MACHINE = "machine"  # only machine translation
    EDITED = "edited"  # the translator wrote or changed the English
    APPROVED = "approved"  # reviewed and final


class ParagraphKind(StrEnum):
    TITLE = "title"
    LEAD = "lead"
    BODY = "body"


@dataclass(frozen=True)
class DocumentMetadata:
    """What the page says about itself, where it says it."""

    source: str | None = None  # the publication, e.g. 人民日报
    date: str | None = None  # ISO date or date-time as found, e.g. 2024-04-03 10:09
    author: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CleanParagraph:
    """A paragraph the cleaner kept."""

    text: str  # normalized text, ready to translate
    kind: ParagraphKind
    line_no: int  # 1-based line (or block) number in the decoded input
    original: str  # the block as it stood in the input, before any change
    changes: tuple[str, ...] = ()  # human-readable notes, e.g. "removed spam prefix 九游会官网登录"


@dataclass(frozen=True, slots=True)  # slots: a large page can drop hundreds of thousands
class DroppedBlock:
    """A block of the input the cleaner left out, and why; the user can restore it."""

    text: str
    line_no: int
    rule_id: str  # id of the rule in the cleaning rules file
    reason: str  # category shown to the user, e.g. "reader comment"


@dataclass(frozen=True)
class RemovedCharacters:
    """Characters no file may carry (see text_policy), removed from one block of an input."""

    line_no: int  # the block's line (txt, md) or block number (html); 0: the page's metadata
    count: int
    characters: str  # the distinct characters as code points, e.g. "U+FFFE, U+0007"


@dataclass(frozen=True)
class CleanDocument:
    """The article extracted from an input page, in document order.

    The title, where found, is also the first paragraph (kind TITLE): it is translated too.
    """

    title: str | None
    metadata: DocumentMetadata
    paragraphs: tuple[CleanParagraph, ...]
    dropped: tuple[DroppedBlock, ...] = ()
    warnings: tuple[str, ...] = field(default=())  # e.g. enumeration out of order
    removed: tuple[RemovedCharacters, ...] = ()  # unwritable characters taken out, by block


@dataclass(frozen=True)
class Document:
    """An imported document as the project holds it."""

    id: int
    name: str  # file name shown to the user
    path: str  # where it was imported from
    sha256: str  # of the raw bytes; the same file is never imported twice
    encoding: str
    format: str  # txt / md / html
    title: str | None
    metadata: DocumentMetadata
    warnings: tuple[str, ...]
    imported_at: str


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document with its machine and human English."""

    id: int
    document_id: int
    position: int  # order within the document; dropped blocks keep their place too
    kind: ParagraphKind
    source: str
    mt: str | None  # machine translation, None until translated
    target: str | None  # the translator's English, None until written
    status: Status
    included: bool  # False for blocks the cleaner dropped (restorable)
    review: bool = False  # marked for review by the translator
    drop_rule: str | None = None
    drop_reason: str | None = None
    line_no: int = 0
    updated_at: str = ""
    propagated: bool = False  # English filled in from an identical paragraph (a repetition)
    alternative: bool = False  # opted out of propagation: translated differently on purpose
    note: str | None = None  # the translator's note on the row

    @property
    def english(self) -> str | None:
        """What the reader sees: the translator's text, else the machine's."""
        return self.target if self.target is not None else self.mt


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph; the unit the MT engine translates."""

    id: int
    paragraph_id: int
    index: int
    source: str
    mt: str | None


class Level(StrEnum):
    """Granularity of aligned pairs in exports and memories."""

    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"


@dataclass(frozen=True)
class TranslationUnit:
    """An aligned Chinese/English pair as it leaves (or re-enters) the workbench."""

    key: str  # stable id: "<document>#p<n>" or "<document>#p<n>.s<m>"; msgctxt and tuid
    source: str
    target: str  # "" when exported with --include-empty
    document: str = ""  # document file name
    document_id: int = 0
    paragraph: int = 0  # 1-based index among the document's included paragraphs
    sentence: int | None = None  # 1-based, None at paragraph level
    status: Status = Status.EDITED
    terms: tuple[tuple[str, str], ...] = ()  # glossary terms in the source: (Chinese, English)
    changed_at: str = ""  # ISO 8601
    note: str = ""  # the translator's note on the paragraph ("" for none)
    props: tuple[tuple[str, str], ...] = ()  # further TMX props (type, value), e.g. alignment


def unit_key(document: str, paragraph: int, sentence: int | None = None) -> str:
    key = f"{document}#p{paragraph}"
    return key if sentence is None else f"{key}.s{sentence}"
