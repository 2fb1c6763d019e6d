"""Reading TBX: v2 (`martif`) and v3 (`tbx`, DCA or DCT style), told apart by the root.

Also accepts files from other tools: language tags such as zh-CN or en-GB, <ntig> as well
as <tig>, supersededTerm as forbidden, renderings without a status (the first is the target)
and the earlier workbench's non-Basic categories (admin elementWorkingStatus, termNote
x-caseSensitivity). No entity is ever expanded and no DTD loaded: a file that declares
entities is refused (they can read local files or exhaust memory), and an entity reference
left in an entry is an error naming the entry and its line, rather than a term with a hole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from workbench.core.errors import GlossaryError
from workbench.core.glossary import CaseRule, Glossary, Term, TermStatus
from workbench.formats import tbx_basic as basic
from workbench.formats.xmlsafe import declared_entities, entities_refused, local_name

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX3_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_ROOTS = {"martif": 2, "tbx": 3}

_STATUS_FROM_WORKING = {  # the earlier workbench's (and TBX-Default's) elementWorkingStatus
    "consolidatedElement": TermStatus.APPROVED,
    "workingElement": TermStatus.CANDIDATE,
    "starterElement": TermStatus.CANDIDATE,
    "importedElement": TermStatus.CANDIDATE,
    "archiveElement": TermStatus.REJECTED,
}
# Term-level data categories: termNote type="X" in DCA style, an element named X in DCT.
_TERM_NOTES = {
    "administrativeStatus",
    "partOfSpeech",
    "termType",
    "geographicalUsage",
    "grammaticalGender",
    "termLocation",
}


def detect_version(root: etree._Element) -> int | None:
    """2 for a `martif` root, 3 for a `tbx` root; None for anything else."""
    return _ROOTS.get(local_name(root))


def parse(data: bytes, *, name: str = "<tbx>") -> Glossary:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(f"{name}: not well-formed XML ({exc})") from exc
    version = detect_version(root)
    if version is None:
        raise GlossaryError(f"{name}: not a TBX file (root element <{local_name(root)}>)")
    declared = declared_entities(root)
    if declared:
        raise GlossaryError(entities_refused(name, declared))

    terms: list[Term] = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(_elements(root, {"termEntry", "conceptEntry"}), start=1):
        line = f" (line {entry.sourceline})" if entry.sourceline else ""
        label = f"{name}, {local_name(entry)} {entry.get('id') or number}{line}"
        for term in _entry_terms(entry, label):
            if term.source in seen:
                raise GlossaryError(
                    f"{label}: duplicate source {term.source!r} (also in {seen[term.source]})"
                )
            seen[term.source] = label
            terms.append(term)
    try:
        return Glossary(terms)
    except GlossaryError as exc:
        raise GlossaryError(f"{name}: {exc}") from exc


@dataclass
class _Entry:
    sources: list[tuple[str, str]] = field(default_factory=list)  # (term, part of speech)
    target: str = ""
    variants: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    case: CaseRule = CaseRule.INSENSITIVE
    pos: str = ""


def _entry_terms(entry: etree._Element, label: str) -> list[Term]:
    unresolved = list(dict.fromkeys(str(e.text) for e in entry.iter(etree.Entity)))
    if unresolved:
        raise GlossaryError(
            f"{label}: entity reference {', '.join(unresolved)} cannot be expanded "
            "(the workbench never expands entities); write its text instead"
        )
    status = TermStatus.APPROVED
    notes: list[str] = []
    for child in entry:
        kind = local_name(child)
        if kind == "admin" and child.get("type") == "elementWorkingStatus":
            value = _text(child)
            if value not in _STATUS_FROM_WORKING:
                raise GlossaryError(f"{label}: unknown elementWorkingStatus {value!r}")
            status = _STATUS_FROM_WORKING[value]
        elif kind == "note" and (noted := basic.status_from_note(_text(child))) is not None:
            status = noted
        elif kind == "note" or (kind == "descrip" and child.get("type") in {None, "definition"}):
            notes.append(_text(child))

    found = _Entry()
    unmarked: list[str] = []
    for lang_set in _elements(entry, {"langSet", "langSec"}):
        language = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower()
        primary = language.split("-")[0].split("_")[0]
        for tig in _elements(lang_set, {"tig", "ntig", "termSec"}):
            text = "".join(_text(t) for t in _elements(tig, {"term"}))
            categories = _term_categories(tig)
            term_notes = [_text(n) for n in _elements(tig, {"note"})]
            if primary == "zh":
                pos = basic.pos_from_categories(
                    categories.get("partOfSpeech", ""), categories.get("termType", ""), term_notes
                )
                found.sources.append((text, pos))
            elif primary == "en":
                _english(found, unmarked, text, categories, term_notes)

    if not found.sources:
        raise GlossaryError(f"{label}: no Chinese (zh) term")
    for text in unmarked:  # renderings without a status: the first one is the target
        if found.target:
            found.variants.append(text)
        else:
            found.target = text
    if not found.target:
        raise GlossaryError(f"{label}: no English (en) rendering that is not deprecated")
    note = "; ".join(" ".join(n.split()) if _has_break(n) else n for n in notes if n)
    terms: list[Term] = []
    for source, source_pos in found.sources:
        try:
            terms.append(
                Term(
                    source=source,
                    target=found.target,
                    status=status,
                    variants=tuple(found.variants),
                    forbidden=tuple(found.forbidden),
                    pos=source_pos or found.pos,
                    case=found.case,
                    note=note,
                )
            )
        except GlossaryError as exc:
            raise GlossaryError(f"{label}: {exc}") from exc
    return terms


def _term_categories(tig: etree._Element) -> dict[str, str]:
    """Data category → value for one term, whether written DCA (termNote) or DCT style."""
    found: dict[str, str] = {}
    for element in tig.iter():
        kind = local_name(element)
        if kind == "termNote":
            found.setdefault(element.get("type", ""), _text(element))
        elif kind in _TERM_NOTES and etree.QName(element).namespace not in {None, TBX3_NAMESPACE}:
            found.setdefault(kind, _text(element))
    return found


def _english(
    found: _Entry, unmarked: list[str], text: str, categories: dict[str, str], notes: list[str]
) -> None:
    status = categories.get("administrativeStatus", "")
    legacy_case = categories.get("x-caseSensitivity", "").lower() == CaseRule.SENSITIVE.value
    if legacy_case or any(basic.is_case_note(note) for note in notes):
        found.case = CaseRule.SENSITIVE
    if status in basic.FORBIDDEN_STATUSES:
        found.forbidden.append(text)
    elif status in basic.ADMITTED_STATUSES:
        found.variants.append(text)
    elif status == basic.PREFERRED and not found.target:
        found.target = text
        found.pos = found.pos or basic.pos_from_categories(
            categories.get("partOfSpeech", ""), categories.get("termType", ""), []
        )
    elif status == basic.PREFERRED:
        found.variants.append(text)
    else:
        unmarked.append(text)


def _elements(parent: etree._Element, names: set[str]) -> Iterator[etree._Element]:
    for element in parent.iter():
        if element is not parent and local_name(element) in names:
            yield element


def _text(element: etree._Element) -> str:
    # XPath string() leaves out unresolved entity references such as &secret;.
    return str(element.xpath("string()")).strip()


def _has_break(text: str) -> bool:
    return any(char in text for char in "\t\r\n")
