"""TMX 1.4b: write aligned pairs as a stream, read any tool's TMX as a stream.

Workbench metadata travels in `<prop type="x-…">` elements so that a round trip keeps the
document, paragraph, sentence and status of each pair; other tools ignore them.

Unreviewed machine output (exported only when asked for) is marked the way translation
memories mark it: `creationid="MT!"` and `changeid="MT!"` on the `<tu>` (the MyMemory
convention; OmegaT's MyMemory connector selects machine units by `tu[@creationid='MT!']`),
besides the `x-status` prop. In a sentence-level file a pair that is a whole paragraph (its
English did not split) carries `segtype="paragraph"` on its `<tu>`, overriding the header.
Languages are BCP 47 tags, `zh-CN` and `en` (or the target asked for), as in every export.

Reading follows TMX 1.4b for the content of `<seg>`: `bpt`, `ept`, `it`, `ph` and `ut` hold
native code (say `<b>`), which is not text and is left out together with the `sub`
sub-flows inside it (a footnote or an alt text is translated on its own, not in the middle
of this sentence); `hi` and unknown inline elements keep their text; comments and
processing instructions are left out. No entity is ever expanded: a file that declares
entities is refused (they can read local files or exhaust memory), and a reference to an
entity declared elsewhere (an external DTD) stays as it is written, `&name;`, with a warning.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, cast

from lxml import etree

from workbench import __version__
from workbench.core.errors import InputError, os_error_message
from workbench.core.segments import Level, Status, TranslationUnit
from workbench.formats.writable import writable
from workbench.formats.xmlsafe import SAFE_PARSING, declared_entities, entities_refused, local_name
from workbench.formats.xmlstream import make, xml_stream
from workbench.fsutil import atomic_writer

SOURCE_LANG = "zh-CN"
TARGET_LANG = "en"
MACHINE_ID = "MT!"  # creationid / changeid of machine output (see the module docstring)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


# -- writing ----------------------------------------------------------------------------------


def write_stream(
    handle: IO[bytes],
    units: Iterable[TranslationUnit],
    *,
    level: Level = Level.PARAGRAPH,
    target_language: str = TARGET_LANG,
) -> int:
    """Write a TMX document to an open binary file, one `<tu>` at a time; returns the count."""
    header = {
        "creationtool": "workbench",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "paragraph" if level is Level.PARAGRAPH else "sentence",
        "adminlang": "en",
        "srclang": SOURCE_LANG,
        "o-tmf": "workbench",
    }
    count = 0
    with xml_stream(
        handle, "tmx", {"version": "1.4"}, doctype=DOCTYPE, verbatim=frozenset({"seg", "prop"})
    ) as tmx:
        tmx.write(make("header", attrib=header))
        with tmx.element("body") as body:
            for unit in units:
                body.write(_tu(unit, level, target_language), indent=False)
                count += 1
    return count


# Indentation of a <tu>'s lines (it sits at depth 2, under <tmx> and <body>), built in
# place: a generic indenting pass would cost as much as the rest of the export.
_IN_TU, _IN_TUV, _AFTER_TU = "\n      ", "\n        ", "\n    "


def _tu(unit: TranslationUnit, level: Level, target_language: str) -> etree._Element:
    attrib = {"tuid": writable(unit.key)}
    if level is Level.SENTENCE and unit.sentence is None:
        attrib["segtype"] = "paragraph"
    if unit.status is Status.MACHINE and unit.target:
        attrib["creationid"] = attrib["changeid"] = MACHINE_ID
    stamp = _utc_stamp(unit.changed_at) if unit.changed_at else None
    if stamp:
        attrib["changedate"] = stamp
    tu = etree.Element("tu", attrib)
    tu.text = _IN_TU
    if unit.note:
        note = etree.SubElement(tu, "note")
        note.text = writable(unit.note)
        note.tail = _IN_TU
    for prop_type, value in _props(unit):
        prop = etree.SubElement(tu, "prop", type=prop_type)
        prop.text = writable(value)
        prop.tail = _IN_TU
    tuv = tu
    for lang, text in ((SOURCE_LANG, unit.source), (target_language, unit.target)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        tuv.text = _IN_TUV
        tuv.tail = _IN_TU
        seg = etree.SubElement(tuv, "seg")
        seg.text = writable(text)
        seg.tail = _IN_TU
    tuv.tail = _AFTER_TU
    return tu


def to_bytes(
    units: Iterable[TranslationUnit],
    *,
    level: Level = Level.PARAGRAPH,
    target_language: str = TARGET_LANG,
) -> bytes:
    buffer = io.BytesIO()
    write_stream(buffer, units, level=level, target_language=target_language)
    return buffer.getvalue()


def write(
    path: Path,
    units: Iterable[TranslationUnit],
    *,
    level: Level = Level.PARAGRAPH,
    target_language: str = TARGET_LANG,
) -> int:
    """Write atomically, streaming; returns the number of units written."""
    with atomic_writer(path, mode="wb") as handle:
        return write_stream(
            cast(IO[bytes], handle), units, level=level, target_language=target_language
        )


# -- reading ----------------------------------------------------------------------------------


def read(path: Path, *, warnings: list[str] | None = None) -> list[TranslationUnit]:
    """Read a TMX file (any tool's); zh/en sides are found by language code."""
    return list(iter_units(path, warnings=warnings))


def iter_units(path: Path, *, warnings: list[str] | None = None) -> Iterator[TranslationUnit]:
    """The units of a TMX file one by one, holding one `<tu>` in memory at a time.

    Problems that do not stop the reading (entity references kept as written) are appended
    to `warnings`. Raises InputError with the file and line for anything else.
    """
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {os_error_message(exc)}") from exc
    with handle:
        yield from _parse(handle, path, warnings)


# Never expand an entity, never load a DTD, never touch the network.


def _parse(handle: IO[bytes], path: Path, warnings: list[str] | None) -> Iterator[TranslationUnit]:
    etree.clear_error_log()  # so that the first error logged is this file's
    try:
        # The root and the DTD are checked before anything else is read, so that a large
        # file that is not TMX is refused at once rather than parsed whole.
        _check_root(_root(handle), path)
        handle.seek(0)
        # Only <tu> ends are reported: one event per unit, not one per element.
        units = etree.iterparse(handle, events=("end",), tag="{*}tu", **SAFE_PARSING)
        for index, (_, element) in enumerate(units, start=1):
            unit = _unit(element, index, path, warnings)
            # Forget what was read: the tree never grows past one <tu>.
            element.clear(keep_tail=True)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
            if unit is not None:
                yield unit
    except etree.XMLSyntaxError as exc:
        raise InputError(_syntax_message(path, exc)) from exc
    except OSError as exc:
        raise InputError(f"cannot read {os_error_message(exc)}") from exc


def _root(handle: IO[bytes]) -> etree._Element:
    """The root element, read as far as its start tag (its tree holds the DTD)."""
    for _, element in etree.iterparse(handle, events=("start",), **SAFE_PARSING):
        return element
    raise etree.XMLSyntaxError("no element found", None, 0, 0)  # lxml raises first


def _check_root(root: etree._Element, path: Path) -> None:
    if local_name(root) != "tmx":
        raise InputError(
            f"{path}:{root.sourceline or 1}: not a TMX file (its root element is "
            f"<{local_name(root) or root.tag}>, not <tmx>)"
        )
    declared = declared_entities(root)
    if declared:
        raise InputError(entities_refused(str(path), declared))


def _syntax_message(path: Path, exc: etree.XMLSyntaxError) -> str:
    # iterparse reports some errors as "no element found" at line 0; the error log has the
    # real first problem (an undefined entity, a bad byte) with its line.
    entries = [e for e in exc.error_log if e.level_name in ("ERROR", "FATAL")]
    if entries:
        line, message = entries[0].line, entries[0].message
    else:
        line, message = exc.lineno, exc.msg
    message = message.split(", line ")[0].strip()
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: not a valid TMX file: the XML is not well-formed ({message})"


def _unit(
    tu: etree._Element, index: int, path: Path, warnings: list[str] | None
) -> TranslationUnit | None:
    entities: list[str] = []
    source, target = _sides(tu, entities)
    props = {p.get("type"): _text(p, entities) for p in tu.iter("{*}prop", "prop")}
    # The <tu>'s own notes (a <tuv> may carry notes of its own: those are about one side).
    notes = [_text(child, entities) for child in tu if local_name(child) == "note"]
    key = tu.get("tuid") or f"{path.name}#{index}"
    if entities and warnings is not None:
        names = ", ".join(dict.fromkeys(entities))
        warnings.append(
            f"{path}:{tu.sourceline}: tu {key}: entity reference {names} kept as written "
            "(the workbench never expands entities)"
        )
    if source is None:
        return None
    return TranslationUnit(
        key=key,
        source=source,
        target=target or "",
        document=props.get("x-document", ""),
        document_id=_int(props.get("x-document-id")),
        paragraph=_int(props.get("x-paragraph")),
        sentence=_int(props["x-sentence"]) if props.get("x-sentence") else None,
        status=_status(props.get("x-status"), machine=tu.get("creationid") == MACHINE_ID),
        terms=_terms(props.get("x-terms", "")),
        changed_at=_iso(tu.get("changedate")),
        note="\n".join(note.strip() for note in notes if note.strip()),
    )


def _sides(tu: etree._Element, entities: list[str]) -> tuple[str | None, str | None]:
    source = target = None
    for tuv in tu.iter("{*}tuv", "tuv"):
        lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
        seg = tuv.find("{*}seg")
        if seg is None:
            seg = tuv.find("seg")
        text = _text(seg, entities) if seg is not None else ""
        if lang.startswith("zh") and source is None:
            source = text
        elif lang.startswith("en") and target is None:
            target = text
    return source, target


# Inline elements whose content is native markup (e.g. "<b>"), not text to translate.
_NATIVE_CODE = {"bpt", "ept", "ph", "it", "ut"}


def _text(element: etree._Element, entities: list[str]) -> str:
    """The text of a `<seg>` (or `<prop>`) per TMX 1.4b; see the module docstring."""
    parts = [element.text or ""]
    for child in element:
        if child.tag is etree.Entity:
            parts.append(child.text or "")
            entities.append(child.text or "")
        elif child.tag is etree.Comment or child.tag is etree.PI:
            pass
        elif local_name(child) not in _NATIVE_CODE:
            parts.append(_text(child, entities))
        parts.append(child.tail or "")
    return "".join(parts)


def _props(unit: TranslationUnit) -> list[tuple[str, str]]:
    props = [
        ("x-document", unit.document),
        ("x-document-id", str(unit.document_id)),
        ("x-paragraph", str(unit.paragraph)),
        ("x-status", unit.status.value),
    ]
    if unit.sentence is not None:
        props.append(("x-sentence", str(unit.sentence)))
    if unit.terms:
        props.append(("x-terms", "\n".join(f"{zh}\t{en}" for zh, en in unit.terms)))
    props.extend(unit.props)
    return props


def _terms(value: str) -> tuple[tuple[str, str], ...]:
    pairs = (line.split("\t", 1) for line in value.splitlines() if "\t" in line)
    return tuple((zh, en) for zh, en in pairs)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def _status(value: str | None, *, machine: bool = False) -> Status:
    if not value and machine:
        return Status.MACHINE
    try:
        return Status(value or "edited")
    except ValueError:
        return Status.EDITED


def _utc_stamp(iso: str) -> str | None:
    """ISO 8601 → TMX's UTC form YYYYMMDDThhmmssZ; naive times are taken as UTC."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _iso(stamp: str | None) -> str:
    """TMX's YYYYMMDDThhmmssZ → ISO 8601 (by hand: strptime costs more than the rest of
    reading a unit)."""
    if not stamp or len(stamp) != 16 or stamp[8] != "T" or stamp[15] != "Z":
        return ""
    digits = stamp[:8] + stamp[9:15]
    if not digits.isdigit() or not digits.isascii():
        return ""
    try:
        moment = datetime(
            int(digits[0:4]), int(digits[4:6]), int(digits[6:8]),
            int(digits[8:10]), int(digits[10:12]), int(digits[12:14]), tzinfo=UTC,
        )  # fmt: skip
    except ValueError:
        return ""
    return moment.isoformat()
