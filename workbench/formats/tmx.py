"""TMX 1.4b: write aligned pairs, read them back (with translate-toolkit's parser).

Workbench metadata travels in `<prop type="x-…">` elements so that a round trip keeps the
document, paragraph, sentence and status of each pair; other tools ignore them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from workbench import __version__
from workbench.core.errors import InputError
from workbench.core.segments import Level, Status, TranslationUnit
from workbench.fsutil import atomic_writer

SOURCE_LANG = "zh-CN"
TARGET_LANG = "en"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_bytes(units: Iterable[TranslationUnit], *, level: Level = Level.PARAGRAPH) -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="workbench",
        creationtoolversion=__version__,
        datatype="plaintext",
        segtype="paragraph" if level is Level.PARAGRAPH else "sentence",
        adminlang="en",
        srclang=SOURCE_LANG,
        **{"o-tmf": "workbench"},
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu", tuid=unit.key)
        stamp = _utc_stamp(unit.changed_at) if unit.changed_at else None
        if stamp:
            tu.set("changedate", stamp)
        for prop_type, value in _props(unit):
            prop = etree.SubElement(tu, "prop", type=prop_type)
            prop.text = value
        for lang, text in ((SOURCE_LANG, unit.source), (TARGET_LANG, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            seg = etree.SubElement(tuv, "seg")
            seg.text = text
    return bytes(
        etree.tostring(
            etree.ElementTree(root),
            xml_declaration=True,
            encoding="UTF-8",
            pretty_print=True,
            doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        )
    )


def write(path: Path, units: Iterable[TranslationUnit], *, level: Level = Level.PARAGRAPH) -> int:
    """Write atomically; returns the number of units written."""
    materialized = list(units)
    data = to_bytes(materialized, level=level)
    with atomic_writer(path, mode="wb") as handle:
        handle.write(data)  # type: ignore[arg-type]
    return len(materialized)


def read(path: Path) -> list[TranslationUnit]:
    """Read a TMX file (any tool's); zh/en sides are found by language code."""
    from translate.storage import tmx as tt_tmx

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        store = tt_tmx.tmxfile(data)
    except (etree.XMLSyntaxError, ValueError, AttributeError) as exc:
        raise InputError(f"{path} is not a valid TMX file: {exc}") from exc
    units: list[TranslationUnit] = []
    for index, tu in enumerate(store.units, start=1):
        source, target = _sides(tu.xmlelement)
        if source is None:
            continue
        props = {p.get("type"): (p.text or "") for p in tu.xmlelement.iter("{*}prop", "prop")}
        units.append(
            TranslationUnit(
                key=tu.xmlelement.get("tuid") or f"{Path(path).name}#{index}",
                source=source,
                target=target or "",
                document=props.get("x-document", ""),
                document_id=_int(props.get("x-document-id")),
                paragraph=_int(props.get("x-paragraph")),
                sentence=_int(props["x-sentence"]) if props.get("x-sentence") else None,
                status=_status(props.get("x-status")),
                terms=_terms(props.get("x-terms", "")),
                changed_at=_iso(tu.xmlelement.get("changedate")),
            )
        )
    return units


def _sides(tu: etree._Element) -> tuple[str | None, str | None]:
    source = target = None
    for tuv in tu.iter("{*}tuv", "tuv"):
        lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
        seg = tuv.find("seg")
        text = _segment_text(seg) if seg is not None else ""
        if lang.startswith("zh") and source is None:
            source = text
        elif lang.startswith("en") and target is None:
            target = text
    return source, target


# Inline elements whose content is native markup (e.g. "<b>"), not text to translate.
_NATIVE_CODE = {"bpt", "ept", "ph", "it", "ut"}


def _segment_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if etree.QName(child).localname not in _NATIVE_CODE:
            parts.append(_segment_text(child))
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
    return props


def _terms(value: str) -> tuple[tuple[str, str], ...]:
    pairs = (line.split("\t", 1) for line in value.splitlines() if "\t" in line)
    return tuple((zh, en) for zh, en in pairs)


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def _status(value: str | None) -> Status:
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
    if not stamp:
        return ""
    try:
        moment = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return ""
    return moment.replace(tzinfo=UTC).isoformat()
