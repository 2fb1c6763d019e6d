"""XLIFF: 1.2 written and read, 2.1 written; streamed, one paragraph in memory at a time.

One `<file>` per document (`original` = its name). A paragraph is one unit whose id is the
pair's key (`<document>#p<n>`; 2.1: `p<n>` with the key as `name`, ids there being
NMTOKENs). At sentence level the unit is segmented the way OmegaT and Okapi segment XLIFF
1.2: `<seg-source>` holds the Chinese with one `<mrk mtype="seg" mid="<m>">` per sentence
and the target has the same markers; 2.1 has one `<segment id="s<m>">` per sentence. A
paragraph whose English did not split into as many sentences is one segment.

States come from the status: machine output is `needs-review-translation` with
`state-qualifier="mt-suggestion"` (2.1: `initial`), edited English `translated`, approved
English `final` with `approved="yes"` (2.1: `final`); a paragraph without English has no
target. Glossary terms of the source are `<note>`s (`from="glossary"`, 2.1
`category="glossary"`). Languages are BCP 47 tags: `zh-CN` and the target asked for.

Reading (1.2, any tool's file) gives one pair per segment where the target is segmented
(`mrk mtype="seg"` with a `mid` in both), else one per unit; inline codes (`bpt`, `ept`,
`ph`, `it`, `x`, `bx`, `ex`) are not text; entities are never expanded (a file declaring any
is refused).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from lxml import etree

from workbench import __version__
from workbench.core.errors import InputError, os_error_message
from workbench.core.segments import Status, TranslationUnit
from workbench.formats.writable import writable
from workbench.formats.xmlsafe import SAFE_PARSING, declared_entities, entities_refused, local_name
from workbench.formats.xmlstream import add, make, xml_stream
from workbench.fsutil import atomic_writer

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"  # 2.1 keeps the 2.0 namespace
XML_NS = "http://www.w3.org/XML/1998/namespace"
_NS12: dict[str | None, str] = {None: XLIFF12_NS}
_NS2: dict[str | None, str] = {None: XLIFF2_NS}
SOURCE_LANG = "zh-CN"
TARGET_LANG = "en"

_STATE_12 = {
    Status.MACHINE: "needs-review-translation",
    Status.EDITED: "translated",
    Status.APPROVED: "final",
}
_STATE_2 = {Status.MACHINE: "initial", Status.EDITED: "translated", Status.APPROVED: "final"}


@dataclass(frozen=True)
class Segment:
    """A sentence of a paragraph (or the paragraph whole), with the white space before it."""

    number: int | None  # 1-based sentence number; None: the paragraph whole
    source: str
    target: str
    gap: str = ""  # the source's white space between the previous segment and this one


@dataclass(frozen=True)
class ParagraphUnit:
    """One paragraph as an XLIFF unit."""

    key: str
    document: str
    paragraph: int
    source: str
    segments: tuple[Segment, ...]
    status: Status
    terms: tuple[tuple[str, str], ...] = ()
    segmented: bool = False  # sentence level: markers / segments per sentence

    @property
    def has_target(self) -> bool:
        return any(s.target for s in self.segments)


# -- writing 1.2 ------------------------------------------------------------------------------


def write_stream(
    handle: IO[bytes],
    units: Iterable[ParagraphUnit],
    *,
    version: str = "1.2",
    target_language: str = TARGET_LANG,
) -> int:
    """Write XLIFF (1.2 or 2.1) to an open binary file, a unit at a time; returns the
    number of units written."""
    if version == "1.2":
        return _write_12(handle, units, target_language)
    return _write_21(handle, units, target_language)


def write(
    path: Path,
    units: Iterable[ParagraphUnit],
    *,
    version: str = "1.2",
    target_language: str = TARGET_LANG,
) -> int:
    """Write atomically, streaming; returns the number of units written."""
    with atomic_writer(path, mode="wb") as handle:
        return write_stream(
            cast(IO[bytes], handle), units, version=version, target_language=target_language
        )


def to_bytes(
    units: Iterable[ParagraphUnit], *, version: str = "1.2", target_language: str = TARGET_LANG
) -> bytes:
    buffer = io.BytesIO()
    write_stream(buffer, units, version=version, target_language=target_language)
    return buffer.getvalue()


def _by_document(units: Iterable[ParagraphUnit]) -> Iterator[tuple[str, Iterator[ParagraphUnit]]]:
    """Consecutive units of one document together (an export lists documents in order)."""
    return itertools.groupby(units, key=lambda unit: unit.document)


_VERBATIM = frozenset({"source", "target", "seg-source", "mrk", "note"})


def _write_12(handle: IO[bytes], units: Iterable[ParagraphUnit], target_language: str) -> int:
    count = 0
    with xml_stream(
        handle, "xliff", {"version": "1.2"}, nsmap={None: XLIFF12_NS}, verbatim=_VERBATIM
    ) as root:
        for document, members in _by_document(units):
            attrib = {
                "original": document or "document",
                "source-language": SOURCE_LANG,
                "target-language": target_language,
                "datatype": "plaintext",
                "tool-id": "workbench",
            }
            with root.element(_q12("file"), attrib) as file:
                header = make(_q12("header"), nsmap=_NS12)
                add(
                    header,
                    _q12("tool"),
                    attrib={
                        "tool-id": "workbench",
                        "tool-name": "workbench",
                        "tool-version": __version__,
                    },
                )
                file.write(header)
                with file.element(_q12("body")) as body:
                    for unit in members:
                        body.write(_trans_unit(unit, target_language))
                        count += 1
    return count


def _q12(tag: str) -> str:
    return f"{{{XLIFF12_NS}}}{tag}"


def _trans_unit(unit: ParagraphUnit, target_language: str) -> etree._Element:
    attrib = {"id": unit.key, "resname": unit.key, f"{{{XML_NS}}}space": "preserve"}
    if unit.status is Status.APPROVED and unit.has_target:
        attrib["approved"] = "yes"
    element = make(_q12("trans-unit"), attrib=attrib, nsmap=_NS12)
    add(element, _q12("source"), unit.source, {f"{{{XML_NS}}}lang": SOURCE_LANG})
    segmented = unit.segmented and all(s.number is not None for s in unit.segments)
    if segmented:
        seg_source = add(element, _q12("seg-source"))
        _markers(seg_source, unit.segments, target=False)
    if unit.has_target:
        target_attrib = {f"{{{XML_NS}}}lang": target_language}
        state = _STATE_12.get(unit.status)
        if state:
            target_attrib["state"] = state
        if unit.status is Status.MACHINE:
            target_attrib["state-qualifier"] = "mt-suggestion"
        target = add(element, _q12("target"), attrib=target_attrib)
        if segmented:
            _markers(target, unit.segments, target=True)
        else:
            target.text = writable(" ".join(s.target for s in unit.segments if s.target))
    for zh, en in unit.terms:
        add(element, _q12("note"), f"{zh} = {en}", {"from": "glossary", "annotates": "source"})
    return element


def _markers(parent: etree._Element, segments: Iterable[Segment], *, target: bool) -> None:
    """`<mrk mtype="seg">` per sentence; the white space between goes outside them."""
    last: etree._Element | None = None
    for index, segment in enumerate(segments):
        gap = (" " if index and segment.target else "") if target else segment.gap
        if gap:
            if last is None:
                parent.text = (parent.text or "") + gap
            else:
                last.tail = (last.tail or "") + gap
        text = segment.target if target else segment.source
        last = add(parent, _q12("mrk"), text, {"mtype": "seg", "mid": str(segment.number)})


# -- writing 2.1 ------------------------------------------------------------------------------


def _q2(tag: str) -> str:
    return f"{{{XLIFF2_NS}}}{tag}"


def _write_21(handle: IO[bytes], units: Iterable[ParagraphUnit], target_language: str) -> int:
    count = 0
    root_attrib = {"version": "2.1", "srcLang": SOURCE_LANG, "trgLang": target_language}
    with xml_stream(
        handle, "xliff", root_attrib, nsmap={None: XLIFF2_NS}, verbatim=_VERBATIM
    ) as root:
        for number, (document, members) in enumerate(_by_document(units), start=1):
            with root.element(_q2("file"), {"id": f"f{number}", "original": document}) as file:
                for unit in members:
                    file.write(_unit_21(unit))
                    count += 1
    return count


def _unit_21(unit: ParagraphUnit) -> etree._Element:
    element = make(_q2("unit"), attrib={"id": f"p{unit.paragraph}", "name": unit.key}, nsmap=_NS2)
    if unit.terms:
        notes = add(element, _q2("notes"))
        for zh, en in unit.terms:
            add(notes, _q2("note"), f"{zh} = {en}", {"category": "glossary"})
    state = _STATE_2.get(unit.status) if unit.has_target else None
    for index, segment in enumerate(unit.segments, start=1):
        if segment.gap and index > 1:
            ignorable = add(element, _q2("ignorable"))
            add(ignorable, _q2("source"), segment.gap, {f"{{{XML_NS}}}space": "preserve"})
        attrib = {"id": f"s{segment.number or index}"}
        if state and segment.target:
            attrib["state"] = state
            if unit.status is Status.MACHINE:
                attrib["subState"] = "workbench:mt"
        seg = add(element, _q2("segment"), attrib=attrib)
        add(seg, _q2("source"), segment.source, {f"{{{XML_NS}}}space": "preserve"})
        if segment.target:
            add(seg, _q2("target"), segment.target, {f"{{{XML_NS}}}space": "preserve"})
    return element


# -- reading 1.2 ------------------------------------------------------------------------------

_NATIVE_CODE = {"bpt", "ept", "ph", "it", "x", "bx", "ex"}
_STATUS_OF = {
    "new": Status.NEW,
    "needs-translation": Status.NEW,
    "needs-review-translation": Status.MACHINE,
    "needs-adaptation": Status.MACHINE,
    "needs-l10n": Status.MACHINE,
    "needs-review-adaptation": Status.MACHINE,
    "needs-review-l10n": Status.MACHINE,
    "translated": Status.EDITED,
    "signed-off": Status.APPROVED,
    "final": Status.APPROVED,
}


def read(path: Path) -> list[TranslationUnit]:
    """Pairs from an XLIFF 1.2 file (any tool's); see the module docstring."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {os_error_message(exc)}") from exc
    with handle:
        try:
            return list(_parse(handle, path))
        except etree.XMLSyntaxError as exc:
            line = f":{exc.lineno}" if exc.lineno else ""
            message = (exc.msg or "").split(", line ")[0]
            raise InputError(
                f"{path}{line}: not a valid XLIFF file: the XML is not well-formed ({message})"
            ) from exc


def _parse(handle: IO[bytes], path: Path) -> Iterator[TranslationUnit]:
    root = next(iter(etree.iterparse(handle, events=("start",), **SAFE_PARSING)))[1]
    if local_name(root) != "xliff":
        raise InputError(f"{path}: not an XLIFF file (its root element is <{local_name(root)}>)")
    if root.get("version", "1.2").startswith("2"):
        raise InputError(
            f"{path}: XLIFF {root.get('version')} is written but not read; "
            "import the XLIFF 1.2 export (--format xliff)"
        )
    declared = declared_entities(root)
    if declared:
        raise InputError(entities_refused(str(path), declared))
    handle.seek(0)
    document = ""
    for event, element in etree.iterparse(handle, events=("start", "end"), **SAFE_PARSING):
        name = local_name(element)
        if event == "start":
            if name == "file":
                document = element.get("original", "")
            continue
        if name != "trans-unit":
            continue
        yield from _units(element, document, path)
        # Forget what was read: the tree never grows past one unit.
        element.clear(keep_tail=True)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def _units(element: etree._Element, document: str, path: Path) -> Iterator[TranslationUnit]:
    key = element.get("resname") or element.get("id") or f"{path.name}#{element.sourceline}"
    source = _child(element, "source")
    target = _child(element, "target")
    seg_source = _child(element, "seg-source")
    state = target.get("state", "") if target is not None else ""
    status = _STATUS_OF.get(state, Status.EDITED if target is not None else Status.NEW)
    if element.get("approved") == "yes" and target is not None:
        status = Status.APPROVED
    notes = [_text(n) for n in element if local_name(n) == "note" and n.get("from") == "glossary"]
    terms = tuple((zh, en) for zh, _, en in (n.partition(" = ") for n in notes if " = " in n))
    if seg_source is not None and target is not None:
        sources = _marked(seg_source)
        targets = _marked(target)
        if sources and targets:
            for mid, text in sources.items():
                number = int(mid) if mid.isdigit() and int(mid) > 0 else 1
                yield TranslationUnit(
                    key=f"{key}.s{mid}",
                    source=text,
                    target=targets.get(mid, ""),
                    document=document,
                    sentence=number,
                    status=status,
                    terms=terms,
                )
            return
    if source is None:
        return
    yield TranslationUnit(
        key=key,
        source=_text(source),
        target=_text(target) if target is not None else "",
        document=document,
        status=status,
        terms=terms,
    )


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if local_name(child) == name:
            return child
    return None


def _marked(element: etree._Element) -> dict[str, str]:
    """The text of each `<mrk mtype="seg">` by its `mid`."""
    found: dict[str, str] = {}
    for mrk in element.iter("{*}mrk", "mrk"):
        if mrk.get("mtype") == "seg" and mrk.get("mid") is not None:
            found[str(mrk.get("mid"))] = _text(mrk)
    return found


def _text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag is etree.Entity:
            parts.append(child.text or "")
        elif isinstance(child.tag, str) and local_name(child) not in _NATIVE_CODE:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
