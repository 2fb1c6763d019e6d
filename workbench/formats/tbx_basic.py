"""How a glossary term's fields map onto TBX-Basic's data categories (writer and reader share it).

TBX-Basic allows these data categories only (TBX-Basic definition, LTAC; the same in the
2008 `martif` dialect and the 2019 DCA dialect): admin customerSubset / projectSubset /
source; descrip subjectField / context / definition; ref crossReference; termNote
administrativeStatus / partOfSpeech / geographicalUsage / grammaticalGender / termLocation /
termType; transac transactionType; transacNote responsibility; xref externalCrossReference /
xGraphic; and <note> anywhere. None of them says "approved glossary entry" or "match the
capitals", so those go in notes written in one fixed form each, which the reader recognises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.glossary import CaseRule, TermStatus

SOURCE_LANGUAGE = "zh-CN"  # BCP 47, as in the XLIFF, TMX and PO exports
TARGET_LANGUAGE = "en"

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"
FORBIDDEN_STATUSES = {DEPRECATED, SUPERSEDED, "deprecated", "superseded"}
ADMITTED_STATUSES = {ADMITTED, "admitted", "legalTerm-admn-sts", "regulatedTerm-admn-sts"}

# The entry's working status, on a <note> of the entry (approved, the usual case, writes none).
_STATUS_NOTE = "Workbench status: {status} ({meaning})"
_STATUS_MEANING = {
    TermStatus.APPROVED: "enforced",
    TermStatus.CANDIDATE: "proposed, not yet approved",
    TermStatus.REJECTED: "kept so that it is not proposed again",
}
_STATUS_NOTE_PATTERN = re.compile(r"Workbench status: (approved|candidate|rejected)\b")

# The case rule, on a <note> of the approved English term (insensitive writes none).
CASE_NOTE = "Case-sensitive: match the capitals as written"

# Part of speech: TBX-Basic's picklists in each version. "phrase" is a termType value.
_PART_OF_SPEECH = {
    2: {"noun", "verb", "adjective", "adverb", "properNoun", "other"},
    3: {"noun", "verb", "adjective", "adverb", "other"},
}
_POS_NOTE = "Part of speech: {pos}"
_POS_NOTE_PATTERN = re.compile(r"Part of speech: (.+)", re.DOTALL)
_PROPER_NOUN = "proper noun"


def status_note(status: TermStatus) -> str | None:
    if status is TermStatus.APPROVED:
        return None
    return _STATUS_NOTE.format(status=status.value, meaning=_STATUS_MEANING[status])


def status_from_note(note: str) -> TermStatus | None:
    match = _STATUS_NOTE_PATTERN.match(note)
    return TermStatus(match.group(1)) if match else None


def is_case_note(note: str) -> bool:
    return note.casefold().startswith("case-sensitive")


def case_note(case: CaseRule) -> str | None:
    return CASE_NOTE if case is CaseRule.SENSITIVE else None


@dataclass(frozen=True)
class PosCategories:
    """A part of speech as TBX-Basic can carry it on the Chinese term."""

    part_of_speech: str | None = None  # termNote partOfSpeech (picklist)
    term_type: str | None = None  # termNote termType (picklist): "phrase"
    note: str | None = None  # <note> for what the picklists cannot say


def pos_categories(pos: str, version: int) -> PosCategories:
    allowed = _PART_OF_SPEECH[version]
    if not pos:
        return PosCategories()
    if pos in allowed:
        return PosCategories(part_of_speech=pos)
    if pos == "phrase":
        return PosCategories(term_type="phrase")
    note = _POS_NOTE.format(pos=pos)
    if pos == _PROPER_NOUN:
        if "properNoun" in allowed:
            return PosCategories(part_of_speech="properNoun")
        return PosCategories(part_of_speech="noun", note=note)
    if pos == "slogan":  # a slogan is a phrase in TBX's terms; the note keeps the word
        return PosCategories(term_type="phrase", note=note)
    return PosCategories(part_of_speech="other", note=note)


def pos_from_categories(part_of_speech: str, term_type: str, notes: list[str]) -> str:
    for note in notes:
        match = _POS_NOTE_PATTERN.fullmatch(note)
        if match:
            return match.group(1).strip()
    if part_of_speech == "properNoun":
        return _PROPER_NOUN
    if part_of_speech:
        return part_of_speech
    return "phrase" if term_type == "phrase" else ""
