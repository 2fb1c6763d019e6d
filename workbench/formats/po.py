"""Gettext PO: one entry per pair, msgctxt = the pair's key; written with polib, streamed.

Unreviewed machine output is marked `fuzzy`, so gettext tools and Poedit treat it as a
suggestion; the glossary terms of each segment are listed as extracted comments (`#.`).

What a PO file cannot carry as it is: characters outside the text policy become U+FFFD
(as in every export); the reference line (`#: document:paragraph`) is split on white space
by its readers, so white space in a document name is written there as `_` (the exact name
travels in msgctxt); and gettext wants a translation to begin and end with a line feed
exactly when the source does, so leading and trailing line feeds of the English are made to
agree with the Chinese (import-translations trims them anyway). Reading is strict: see
`po_parse`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import polib

from workbench import __version__
from workbench.core.errors import InputError, os_error_message
from workbench.core.segments import Status, TranslationUnit
from workbench.formats import po_parse
from workbench.formats.writable import writable
from workbench.fsutil import atomic_writer

TERMS_PREFIX = "glossary: "
STATUS_PREFIX = "status: "
WRAP_WIDTH = 0  # no wrapping: one line per string keeps diffs and greps simple


def header(project: str = "workbench") -> str:
    """The header entry (and its comment) that starts every PO file written here."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    stamp = _po_date(datetime.now(UTC))
    po.metadata = {
        "Project-Id-Version": writable(" ".join(project.split())) or "workbench",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": stamp,
        "Last-Translator": "",
        "Language-Team": "English",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Generator": f"workbench {__version__}",
        "X-Source-Language": "zh_CN",
    }
    return str(po)


def entry(unit: TranslationUnit) -> polib.POEntry:
    source = writable(unit.source)
    target = _same_line_feeds(source, writable(unit.target))
    po_entry = polib.POEntry(
        msgctxt=writable(unit.key),
        msgid=source,
        msgstr=target,
        occurrences=[(reference(unit.document), str(unit.paragraph))],
        comment="\n".join(
            [f"{STATUS_PREFIX}{unit.status.value}"]
            + [f"{TERMS_PREFIX}{_one_line(zh)} = {_one_line(en)}" for zh, en in unit.terms]
        ),
    )
    if unit.note:
        po_entry.tcomment = writable(unit.note)  # translator comments: "# " lines
    if target and unit.status is Status.MACHINE:
        po_entry.flags.append("fuzzy")
    return po_entry


def reference(document: str) -> str:
    """A document name fit for a `#:` line: no white space (readers split on it)."""
    name = "".join("_" if char.isspace() else char for char in writable(document))
    return name or "document"


def write_stream(
    handle: IO[str], units: Iterable[TranslationUnit], *, project: str = "workbench"
) -> int:
    """Write a PO file to an open text file one entry at a time; returns the count."""
    handle.write(header(project))
    count = 0
    for unit in units:
        handle.write("\n" + entry(unit).__unicode__(WRAP_WIDTH))
        count += 1
    return count


def to_text(units: Iterable[TranslationUnit], *, project: str = "workbench") -> str:
    buffer = io.StringIO()
    write_stream(buffer, units, project=project)
    return buffer.getvalue()


def write(path: Path, units: Iterable[TranslationUnit], *, project: str = "workbench") -> int:
    """Write atomically, streaming; returns the number of units written."""
    with atomic_writer(path, mode="w", encoding="utf-8") as handle:
        return write_stream(handle, units, project=project)


def read(path: Path) -> list[TranslationUnit]:
    """Pairs from a PO file (any tool's); syntax errors name the file and line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {os_error_message(exc)}") from exc
    units = []
    for index, found in enumerate(po_parse.parse(po_parse.decode(data, path), path), start=1):
        if not found.msgid:
            continue  # the header
        key = found.msgctxt or f"{path.name}#{index}"
        document, paragraph = _occurrence(found)
        units.append(
            TranslationUnit(
                key=key,
                source=found.msgid,
                target=found.msgstr,
                document=_document_of(found.msgctxt) or document,
                paragraph=paragraph,
                sentence=_sentence_of(found.msgctxt or ""),
                status=_status_of(found),
                terms=_terms(found.extracted),
                note="\n".join(line for line in found.translator if line),
            )
        )
    return units


def _same_line_feeds(source: str, target: str) -> str:
    """The English with a leading / trailing line feed exactly where the Chinese has one
    (msgfmt -c refuses a file where they differ)."""
    if not target:
        return target
    if source.startswith("\n") != target.startswith("\n"):
        target = "\n" + target if source.startswith("\n") else target.lstrip("\n")
    if target and source.endswith("\n") != target.endswith("\n"):
        target = target + "\n" if source.endswith("\n") else target.rstrip("\n")
    return target


def _one_line(text: str) -> str:
    return " ".join(writable(text).split())


def _po_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def _occurrence(found: po_parse.PoEntry) -> tuple[str, int]:
    if not found.references:
        return "", 0
    document, _, line = found.references[0].rpartition(":")
    if not document or not line.isdigit():
        return found.references[0], 0
    return document, int(line)


def _document_of(key: str | None) -> str:
    """The document named in a workbench key ("<document>#p<n>[.s<m>]")."""
    if not key or "#p" not in key:
        return ""
    document, _, rest = key.rpartition("#p")
    return document if rest.split(".s")[0].isdigit() else ""


def _sentence_of(key: str) -> int | None:
    _, _, tail = key.rpartition(".s")
    return int(tail) if tail.isdigit() else None


def _status_of(found: po_parse.PoEntry) -> Status:
    """Our own status line wins; other tools' files fall back to fuzzy/translated."""
    for line in found.extracted:
        if line.startswith(STATUS_PREFIX):
            try:
                return Status(line[len(STATUS_PREFIX) :].strip())
            except ValueError:
                break
    if found.fuzzy:
        return Status.MACHINE
    return Status.EDITED if found.msgstr else Status.NEW


def _terms(extracted: list[str]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in extracted:
        if line.startswith(TERMS_PREFIX) and " = " in line:
            zh, en = line[len(TERMS_PREFIX) :].split(" = ", 1)
            pairs.append((zh, en))
    return tuple(pairs)
