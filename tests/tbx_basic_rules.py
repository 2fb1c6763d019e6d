"""TBX-Basic's rules written out, to check the workbench's TBX exports against.

No maintained Python package ships the TBX-Basic schemas (RNG, schematron, XCS), and they
are not copied here; these are the rules they state, written out independently of the
writer (`workbench.formats.tbx_basic` is not imported): the elements and their order, the
attributes, the data categories each element may carry, the levels some of them are bound
to, and the picklists. v2 is the 2008 `martif` dialect (core structure DTD + XCS), v3 the
2019 DCA dialect (core RNG + TBX-Basic schematron).
"""

from __future__ import annotations

import re

from lxml import etree

TBX3 = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_AUX = "(?:descrip|descripGrp|admin|adminGrp|transacGrp|note|ref|xref)"
# Children of each element, in order; every child name is followed by one space.
_INLINE = r"((hi|foreign|sc|ec|ph|bpt|ept) )*"
_COMMON_MODELS = {
    "titleStmt": r"title (note )*",
    "publicationStmt": r"(p )+",
    "sourceDesc": r"(p )+",
    "encodingDesc": r"(p )+",
    "text": r"body (back )?",
    "descripGrp": r"descrip ((admin|adminGrp|note|ref|xref|transacGrp) )*",
    "adminGrp": r"admin ((adminNote|note|ref|xref) )*",
    "transacGrp": r"transac ((transacNote|date|note|ref|xref) )*",
    "termNoteGrp": r"termNote ((note|ref|xref|transacGrp) )*",
    "title": "",
    "p": _INLINE,
    "term": r"(hi )*",
    "termNote": r"(hi )*",
    "note": _INLINE,
    "descrip": _INLINE,
    "admin": _INLINE,
    "adminNote": "",
    "transac": "",
    "transacNote": "",
    "date": "",
    "ref": "",
    "xref": "",
    "back": r"(refObjectSec )*",  # back matter: resources referred to, e.g. people
    "refObjectSec": r"(refObject )+",
    "refObject": r"((itemSet|itemGrp|item) )*",
    "itemSet": r"((itemGrp|item) )*",
    "itemGrp": r"item ((admin|adminGrp|transacGrp|note|ref|xref) )*",
    "item": "",
}
for _inline in ("hi", "foreign", "sc", "ec", "ph", "bpt", "ept"):
    _COMMON_MODELS[_inline] = _INLINE
MODELS = {
    2: {
        **_COMMON_MODELS,
        "martif": r"martifHeader text ",
        "martifHeader": r"fileDesc (encodingDesc )?(revisionDesc )?",
        "fileDesc": r"(titleStmt )?(publicationStmt )?(sourceDesc )+",
        "body": r"(termEntry )+",
        "termEntry": rf"({_AUX} )*(langSet )+",
        "langSet": rf"({_AUX} )*(tig )+",  # TBX-Basic has no ntig
        "tig": rf"term (termNote )*({_AUX} )*",
    },
    3: {
        **_COMMON_MODELS,
        "tbx": r"tbxHeader text ",
        "tbxHeader": r"fileDesc (encodingDesc )?(revisionDesc )?",
        "fileDesc": r"(titleStmt )?(publicationStmt )?(sourceDesc )*",
        "body": r"(conceptEntry )+",
        "conceptEntry": rf"({_AUX} )*(langSec )+",
        "langSec": rf"({_AUX} )*(termSec )+",
        "termSec": rf"term ((termNote|termNoteGrp) )*({_AUX} )*",
    },
}
ATTRIBUTES = {  # allowed attributes; the required ones are checked separately
    2: {
        "martif": {"type", XML_LANG},
        "termEntry": {"id"},
        "langSet": {XML_LANG},
        "p": {"type"},
    },
    3: {
        "tbx": {"type", "style", XML_LANG},
        "conceptEntry": {"id"},
        "langSec": {XML_LANG},
        "p": {"type"},
    },
}
REQUIRED = {
    2: {"martif": {"type", XML_LANG}, "langSet": {XML_LANG}, "termNote": {"type"}},
    3: {
        "tbx": {"type", "style", XML_LANG},
        "conceptEntry": {"id"},
        "langSec": {XML_LANG},
        "termNote": {"type"},
    },
}
DATA_CATEGORIES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {
        "administrativeStatus",
        "partOfSpeech",
        "geographicalUsage",
        "grammaticalGender",
        "termLocation",
        "termType",
    },
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
    "xref": {"externalCrossReference", "xGraphic"},
}
PICKLISTS = {
    2: {
        "administrativeStatus": {
            "preferredTerm-admn-sts",
            "admittedTerm-admn-sts",
            "deprecatedTerm-admn-sts",
            "supersededTerm-admn-sts",
        },
        "partOfSpeech": {"noun", "verb", "adjective", "adverb", "properNoun", "other"},
        "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
        "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
    },
}
PICKLISTS[3] = {
    **PICKLISTS[2],
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "other"},  # no properNoun
}
# Data categories bound to levels: subjectField on the entry, definition on the entry or a
# language section, context on a term.
LEVELS = {
    2: {"subjectField": {"termEntry"}, "definition": {"termEntry", "langSet"}, "context": {"tig"}},
    3: {
        "subjectField": {"conceptEntry"},
        "definition": {"conceptEntry", "langSec"},
        "context": {"termSec"},
    },
}
_NCNAME = re.compile(r"[A-Za-z_][\w.-]*")
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?")


def violations(data: bytes, version: int) -> list[str]:
    """Every way `data` breaks TBX-Basic `version`, one line each (empty when it conforms)."""
    root = etree.fromstring(data)
    problems: list[str] = []
    root_name = {2: "martif", 3: "tbx"}[version]
    if _local(root) != root_name:
        problems.append(f"root <{_local(root)}> (want <{root_name}>)")
    if root.get("type") != "TBX-Basic":
        problems.append(f"dialect {root.get('type')!r} (want TBX-Basic)")
    if version == 3 and root.get("style") != "dca":
        problems.append(f"style {root.get('style')!r} (want dca)")
    ids: set[str] = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        problems.extend(_element_problems(element, version, ids))
    return problems


def _element_problems(element: etree._Element, version: int, ids: set[str]) -> list[str]:
    name = _local(element)
    where = f"line {element.sourceline} <{name}>"
    namespace = etree.QName(element).namespace
    if namespace != (TBX3 if version == 3 else None):
        return [f"{where}: namespace {namespace!r}"]
    models = MODELS[version]
    if name not in models:
        return [f"{where}: not a TBX-Basic element here"]
    problems: list[str] = []
    children = "".join(f"{_local(c)} " for c in element if isinstance(c.tag, str))
    if not re.fullmatch(models[name], children):
        problems.append(f"{where}: children {children.split()} out of the content model")
    allowed = ATTRIBUTES[version].get(name, set())
    if name in DATA_CATEGORIES:
        allowed = {"type", "target"} if name in {"ref", "xref", "transacNote"} else {"type"}
    elif name in {"refObjectSec", "refObject", "item", "itemSet", "itemGrp"}:
        allowed = {"type", "id"}
    elif name in _COMMON_MODELS and name not in ATTRIBUTES[version]:
        allowed = (
            {"type", "target", "id", "isolated", "startRef", XML_LANG}
            if (name in {"hi", "foreign", "sc", "ec", "ph", "bpt", "ept", "note"})
            else set()
        )
    for attribute in element.attrib:
        if attribute not in allowed:
            problems.append(f"{where}: attribute {attribute}")
    for attribute in REQUIRED[version].get(name, set()) - set(element.attrib):
        problems.append(f"{where}: missing attribute {attribute}")
    if XML_LANG in element.attrib and not _LANGUAGE_TAG.fullmatch(element.attrib[XML_LANG]):
        problems.append(f"{where}: xml:lang {element.attrib[XML_LANG]!r} is not BCP 47")
    if "id" in element.attrib:
        ident = element.attrib["id"]
        if not _NCNAME.fullmatch(ident) or ident in ids:
            problems.append(f"{where}: id {ident!r} not a unique NCName")
        ids.add(ident)
    kind = element.get("type")
    if name in DATA_CATEGORIES:
        if kind not in DATA_CATEGORIES[name]:
            problems.append(f"{where}: data category {kind!r} is not TBX-Basic")
        picklist = PICKLISTS[version].get(kind or "")
        value = (element.text or "").strip()
        if picklist is not None and value not in picklist:
            problems.append(f"{where}: {kind} value {value!r} is not in the picklist")
        parent = element.getparent()
        if parent is not None and _local(parent).endswith("Grp"):
            parent = parent.getparent()  # a descripGrp's category sits at its parent's level
        levels = LEVELS[version].get(kind or "")
        if levels is not None and parent is not None and _local(parent) not in levels:
            problems.append(f"{where}: {kind} on <{_local(parent)}>")
    return problems


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname
