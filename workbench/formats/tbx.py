"""TBX glossaries: TBX-Basic style <martif> (TBX v2, ISO 30042:2008), read and write.

One <termEntry> per term, with a <langSet xml:lang="zh"> holding the source and a
<langSet xml:lang="en"> holding the renderings, each in a <tig>:

- target: termNote administrativeStatus = preferredTerm-admn-sts
- variant: admittedTerm-admn-sts
- forbidden: deprecatedTerm-admn-sts
- part of speech: termNote partOfSpeech on the Chinese term ("proper noun" is written as
  TBX's properNoun; other values as they are)
- case: termNote x-caseSensitivity = sensitive on the English target (TBX has no data
  category for it; omitted when insensitive)
- status: admin elementWorkingStatus on the entry (approved = consolidatedElement,
  candidate = workingElement, rejected = archiveElement)
- note: <note> on the entry

Reading also accepts files from other tools: language tags such as zh-CN or en-GB, <ntig>
as well as <tig>, TBX v3 element names (conceptEntry, langSec, termSec), and
supersededTerm/deprecatedTerm as forbidden. No entity is ever expanded and no DTD loaded: a
file that declares entities is refused (they can read local files or exhaust memory), and
an entity reference left in an entry (to a DTD that is not read) is an error naming the
entry, rather than a term with a hole in it. Writing, characters outside the text policy
become U+FFFD.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbench.core.errors import GlossaryError
from workbench.core.glossary import CaseRule, Glossary, Term, TermStatus
from workbench.formats.xmlstream import add, make
from workbench.fsutil import atomic_write_bytes

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
_FORBIDDEN_STATUSES = {DEPRECATED, "supersededTerm-admn-sts", "deprecated", "superseded"}
_ADMITTED_STATUSES = {ADMITTED, "admitted", "legalTerm-admn-sts", "regulatedTerm-admn-sts"}

_WORKING_STATUS = {
    TermStatus.APPROVED: "consolidatedElement",
    TermStatus.CANDIDATE: "workingElement",
    TermStatus.REJECTED: "archiveElement",
}
_STATUS_FROM_WORKING = {
    "consolidatedElement": TermStatus.APPROVED,
    "workingElement": TermStatus.CANDIDATE,
    "starterElement": TermStatus.CANDIDATE,
    "importedElement": TermStatus.CANDIDATE,
    "archiveElement": TermStatus.REJECTED,
}
_POS_TO_TBX = {"proper noun": "properNoun"}
_POS_FROM_TBX = {v: k for k, v in _POS_TO_TBX.items()}


def read(path: Path) -> Glossary:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read the TBX file ({exc.strerror or exc})") from exc
    return parse(data, name=str(path))


def write(glossary: Glossary, path: Path, *, title: str = "Workbench glossary") -> None:
    atomic_write_bytes(Path(path), serialize(glossary, title=title))


def serialize(glossary: Glossary, *, title: str = "Workbench glossary") -> bytes:
    root = make("martif", attrib={"type": "TBX-Basic", _XML_LANG: "zh"})
    header = add(root, "martifHeader")
    file_desc = add(header, "fileDesc")
    add(add(file_desc, "titleStmt"), "title", title)
    add(
        add(file_desc, "sourceDesc"),
        "p",
        f"Exported by workbench; glossary version {glossary.version}",
    )
    encoding = add(header, "encodingDesc")
    add(encoding, "p", "TBXBasicXCSV02.xcs", {"type": "XCSURI"})
    body = add(add(root, "text"), "body")

    for number, term in enumerate(glossary.terms, start=1):
        entry = add(body, "termEntry", attrib={"id": f"t{number}"})
        add(entry, "admin", _WORKING_STATUS[term.status], {"type": "elementWorkingStatus"})
        if term.note:
            add(entry, "note", term.note)
        zh = _lang_set(entry, "zh")
        source = _tig(zh, term.source)
        if term.pos:
            _term_note(source, "partOfSpeech", _POS_TO_TBX.get(term.pos, term.pos))
        en = _lang_set(entry, "en")
        target = _tig(en, term.target)
        _term_note(target, "administrativeStatus", PREFERRED)
        if term.case is CaseRule.SENSITIVE:
            _term_note(target, "x-caseSensitivity", CaseRule.SENSITIVE.value)
        for variant in term.variants:
            _term_note(_tig(en, variant), "administrativeStatus", ADMITTED)
        for forbidden in term.forbidden:
            _term_note(_tig(en, forbidden), "administrativeStatus", DEPRECATED)

    data: bytes = etree.tostring(
        root, encoding="UTF-8", xml_declaration=True, pretty_print=True, doctype=_DOCTYPE
    )
    return data


def parse(data: bytes, *, name: str = "<tbx>") -> Glossary:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(f"{name}: not well-formed XML ({exc})") from exc
    if _local(root) not in {"martif", "tbx"}:
        raise GlossaryError(f"{name}: not a TBX file (root element <{_local(root)}>)")
    dtd = root.getroottree().docinfo.internalDTD
    declared = sorted(str(e.name) for e in dtd.iterentities()) if dtd is not None else []
    if declared:
        raise GlossaryError(
            f"{name}: declares XML entities ({', '.join(declared[:5])}); the workbench never "
            "expands entities (they can read files or exhaust memory): remove them"
        )

    terms: list[Term] = []
    seen: dict[str, str] = {}
    for number, entry in enumerate(_elements(root, {"termEntry", "conceptEntry"}), start=1):
        label = f"{name}, termEntry {entry.get('id') or number}"
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


# -- reading --------------------------------------------------------------------------------


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
        line = f" (line {entry.sourceline})" if entry.sourceline else ""
        raise GlossaryError(
            f"{label}{line}: entity reference {', '.join(unresolved)} cannot be expanded "
            "(the workbench never expands entities); write its text instead"
        )
    status = TermStatus.APPROVED
    notes: list[str] = []
    for child in entry:
        kind = _local(child)
        if kind == "admin" and child.get("type") == "elementWorkingStatus":
            value = _text(child)
            if value not in _STATUS_FROM_WORKING:
                raise GlossaryError(f"{label}: unknown elementWorkingStatus {value!r}")
            status = _STATUS_FROM_WORKING[value]
        elif kind == "note" or (kind == "descrip" and child.get("type") in {None, "definition"}):
            notes.append(_text(child))

    found = _Entry()
    unmarked: list[str] = []
    for lang_set in _elements(entry, {"langSet", "langSec"}):
        language = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower()
        primary = language.split("-")[0].split("_")[0]
        for tig in _elements(lang_set, {"tig", "ntig", "termSec"}):
            text = "".join(_text(t) for t in _elements(tig, {"term"}))
            term_notes = {
                note.get("type", ""): _text(note) for note in _elements(tig, {"termNote"})
            }
            if primary == "zh":
                found.sources.append((text, term_notes.get("partOfSpeech", "")))
            elif primary == "en":
                _english(found, unmarked, text, term_notes)

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
        pos = source_pos or found.pos
        try:
            terms.append(
                Term(
                    source=source,
                    target=found.target,
                    status=status,
                    variants=tuple(found.variants),
                    forbidden=tuple(found.forbidden),
                    pos=_POS_FROM_TBX.get(pos, pos),
                    case=found.case,
                    note=note,
                )
            )
        except GlossaryError as exc:
            raise GlossaryError(f"{label}: {exc}") from exc
    return terms


def _english(found: _Entry, unmarked: list[str], text: str, notes: dict[str, str]) -> None:
    status = notes.get("administrativeStatus", "")
    if notes.get("x-caseSensitivity", "").lower() == CaseRule.SENSITIVE.value:
        found.case = CaseRule.SENSITIVE
    if status in _FORBIDDEN_STATUSES:
        found.forbidden.append(text)
    elif status in _ADMITTED_STATUSES:
        found.variants.append(text)
    elif status == PREFERRED and not found.target:
        found.target = text
        found.pos = found.pos or notes.get("partOfSpeech", "")
    elif status == PREFERRED:
        found.variants.append(text)
    else:
        unmarked.append(text)


def _elements(parent: etree._Element, names: set[str]) -> Iterator[etree._Element]:
    for element in parent.iter():
        if element is not parent and _local(element) in names:
            yield element


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element) -> str:
    # XPath string() leaves out unresolved entity references such as &secret;.
    return str(element.xpath("string()")).strip()


def _has_break(text: str) -> bool:
    return any(char in text for char in "\t\r\n")


# -- writing --------------------------------------------------------------------------------


def _lang_set(entry: etree._Element, language: str) -> etree._Element:
    return add(entry, "langSet", attrib={_XML_LANG: language})


def _tig(lang_set: etree._Element, text: str) -> etree._Element:
    tig = add(lang_set, "tig")
    add(tig, "term", text)
    return tig


def _term_note(tig: etree._Element, kind: str, value: str) -> None:
    add(tig, "termNote", value, {"type": kind})
