"""TBX glossaries in the TBX-Basic dialect: v2 (ISO 30042:2008, `martif`) and v3 (ISO
30042:2019, DCA style, `<tbx type="TBX-Basic" style="dca">`), written and read.

`glossary export --format tbx` writes v2 unless `--tbx-version 3`: the tools translators
exchange glossaries with (OmegaT 3.6, Trados MultiTerm and memoQ imports, translate-toolkit)
read `martif`; OmegaT 3.6 does not read a v3 file at all. Reading tells the two apart by the
root element (tbx_read.py).

One entry (termEntry / conceptEntry) per term, a Chinese language section (xml:lang zh-CN)
with the source and an English one (en) with the renderings, one term section (tig /
termSec) each. Only TBX-Basic data categories and picklist values are written
(tbx_basic.py lists them); where each field goes:

- target: English term, termNote administrativeStatus = preferredTerm-admn-sts
- variants: English terms, admittedTerm-admn-sts
- forbidden: English terms, deprecatedTerm-admn-sts (supersededTerm also reads as forbidden)
- note: <note> on the entry
- status: approved writes nothing; candidate and rejected write a <note> on the entry,
  "Workbench status: candidate (…)" (TBX-Basic has no category for an entry's approval)
- case: sensitive writes a <note> on the English target, "Case-sensitive: match the
  capitals as written" (TBX-Basic has no category for it); insensitive writes nothing
- part of speech, on the Chinese term: noun/verb/adjective/adverb/other as partOfSpeech;
  "phrase" as termType phrase; "slogan" as termType phrase plus a <note> "Part of speech:
  slogan"; "proper noun" as partOfSpeech properNoun in v2, and as noun plus the note in v3
  (the 2019 picklist has no properNoun); anything else as other plus the note.

The reader recognises those notes, so `read(write(g)) == g` in both versions. Writing,
characters outside the text policy become U+FFFD. An empty glossary gives an empty body,
which the schemas (one entry or more) do not allow.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from workbench.core.errors import GlossaryError
from workbench.core.glossary import Glossary, Term
from workbench.formats import tbx_basic as basic
from workbench.formats.tbx_read import TBX3_NAMESPACE, detect_version, parse
from workbench.formats.xmlstream import add
from workbench.fsutil import atomic_write_bytes

__all__ = ["DEFAULT_VERSION", "VERSIONS", "detect_version", "parse", "read", "serialize", "write"]

VERSIONS = (2, 3)
DEFAULT_VERSION = 2
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DOCTYPE_V2 = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'


def read(path: Path) -> Glossary:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read the TBX file ({exc.strerror or exc})") from exc
    return parse(data, name=str(path))


def write(
    glossary: Glossary,
    path: Path,
    *,
    version: int = DEFAULT_VERSION,
    title: str = "Workbench glossary",
) -> None:
    atomic_write_bytes(Path(path), serialize(glossary, version=version, title=title))


def serialize(
    glossary: Glossary, *, version: int = DEFAULT_VERSION, title: str = "Workbench glossary"
) -> bytes:
    if version not in VERSIONS:
        raise GlossaryError(f"TBX version {version} is not written (choose 2 or 3)")
    names = _Names(version)
    root = names.root()
    header = add(root, names.q("martifHeader" if version == 2 else "tbxHeader"))
    file_desc = add(header, names.q("fileDesc"))
    add(add(file_desc, names.q("titleStmt")), names.q("title"), title)
    add(
        add(file_desc, names.q("sourceDesc")),
        names.q("p"),
        f"Exported by workbench; glossary version {glossary.version}",
    )
    if version == 2:
        add(add(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", {"type": "XCSURI"})
    body = add(add(root, names.q("text")), names.q("body"))
    for number, term in enumerate(glossary.terms, start=1):
        _entry(body, names, term, f"t{number}", version)
    doctype = _DOCTYPE_V2 if version == 2 else None
    data: bytes = etree.tostring(
        root, encoding="UTF-8", xml_declaration=True, pretty_print=True, doctype=doctype
    )
    return data


class _Names:
    """Element names of one TBX version: v3 puts everything in its namespace."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.entry = "termEntry" if version == 2 else "conceptEntry"
        self.language = "langSet" if version == 2 else "langSec"
        self.term = "tig" if version == 2 else "termSec"

    def q(self, name: str) -> str:
        return name if self.version == 2 else f"{{{TBX3_NAMESPACE}}}{name}"

    def root(self) -> etree._Element:
        if self.version == 2:
            return etree.Element("martif", {"type": "TBX-Basic", _XML_LANG: basic.SOURCE_LANGUAGE})
        return etree.Element(
            self.q("tbx"),
            {"type": "TBX-Basic", "style": "dca", _XML_LANG: basic.SOURCE_LANGUAGE},
            nsmap={None: TBX3_NAMESPACE},
        )


def _entry(body: etree._Element, names: _Names, term: Term, ident: str, version: int) -> None:
    q = names.q
    entry = add(body, q(names.entry), attrib={"id": ident})
    # Entry-level notes come before the language sections (auxInfo, then langSet+).
    status = basic.status_note(term.status)
    if status:
        add(entry, q("note"), status)
    if term.note:
        add(entry, q("note"), term.note)

    zh = add(entry, q(names.language), attrib={_XML_LANG: basic.SOURCE_LANGUAGE})
    pos = basic.pos_categories(term.pos, version)
    source = _term(zh, names, term.source)
    if pos.part_of_speech:
        _term_note(source, names, "partOfSpeech", pos.part_of_speech)
    if pos.term_type:
        _term_note(source, names, "termType", pos.term_type)
    if pos.note:  # a term's notes follow its termNotes (term, termNote*, auxInfo)
        add(source, q("note"), pos.note)

    en = add(entry, q(names.language), attrib={_XML_LANG: basic.TARGET_LANGUAGE})
    target = _term(en, names, term.target)
    _term_note(target, names, "administrativeStatus", basic.PREFERRED)
    case = basic.case_note(term.case)
    if case:
        add(target, q("note"), case)
    for variant in term.variants:
        _term_note(_term(en, names, variant), names, "administrativeStatus", basic.ADMITTED)
    for forbidden in term.forbidden:
        _term_note(_term(en, names, forbidden), names, "administrativeStatus", basic.DEPRECATED)


def _term(language: etree._Element, names: _Names, text: str) -> etree._Element:
    section = add(language, names.q(names.term))
    add(section, names.q("term"), text)
    return section


def _term_note(section: etree._Element, names: _Names, kind: str, value: str) -> None:
    add(section, names.q("termNote"), value, {"type": kind})
