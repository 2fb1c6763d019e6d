"""Gettext PO: one entry per pair, msgctxt = the pair's key; written with polib, streamed.

Unreviewed machine output is marked `fuzzy`, so gettext tools and Poedit treat it as a
suggestion; the glossary terms of each segment are listed as extracted comments (`#.`),
one term per line.

A file written here is what `msgcat` (and Poedit, which wraps the same way) would write:
strings are wrapped as gettext wraps them, at 79 columns by display width (CJK characters
count two) with gettext's line-breaking rules (translate-toolkit's `PoWrapper`), so a
re-save by those tools is no diff. Comment lines are kept within 76 columns, broken at
spaces: msgcat never wraps `#.` lines, polib wraps them past 78 characters, and a reader
here joins a term's continuation lines (a `#.` line that starts with no known prefix), so
no re-save splits a term in two.

What a PO file cannot carry as it is: characters outside the text policy become U+FFFD
(as in every export); the reference line (`#: document:paragraph`) is split on white space
by its readers, so white space in a document name is written there as `_` (the exact name
travels in msgctxt); and gettext wants a translation to begin and end with a line feed
exactly when the source does, so leading and trailing line feeds of the English are made to
agree with the Chinese (import-translations trims them anyway). Reading is strict: see
`po_parse`.
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import polib
from unicode_segmentation_rs import line_break_units, text_width

from workbench import __version__
from workbench.core.errors import InputError, os_error_message
from workbench.core.segments import Status, TranslationUnit
from workbench.formats import po_parse
from workbench.formats.writable import writable
from workbench.fsutil import atomic_writer

TERMS_PREFIX = "glossary: "
STATUS_PREFIX = "status: "
PAGE_WIDTH = 79  # gettext's default: msgcat, msgmerge and Poedit wrap strings at 79 columns
COMMENT_WIDTH = 76  # a "#. " line stays within polib's 78 characters and msgcat's 79 columns
_ESCAPED = re.compile(r'[\\"\t\n\r\v\b\f]')  # what polib.escape changes
WRAP_WIDTH = 0  # polib writes the header unwrapped; the entries are wrapped here (`_field`)


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
        "X-Source-Language": "zh-CN",  # BCP 47, as in TMX, XLIFF and TBX
    }
    return str(po)


def entry(unit: TranslationUnit) -> polib.POEntry:
    source = writable(unit.source)
    target = _same_line_feeds(source, writable(unit.target))
    terms = [f"{TERMS_PREFIX}{_one_line(zh)} = {_one_line(en)}" for zh, en in unit.terms]
    po_entry = polib.POEntry(
        msgctxt=writable(unit.key),
        msgid=source,
        msgstr=target,
        occurrences=[(reference(unit.document), str(unit.paragraph))],
        comment="\n".join(
            [f"{STATUS_PREFIX}{unit.status.value}"]
            + [line for term in terms for line in _comment_lines(term)]
        ),
    )
    if unit.note:
        po_entry.tcomment = writable(unit.note)  # translator comments: "# " lines
    if target and unit.status is Status.MACHINE:
        po_entry.flags.append("fuzzy")
    return po_entry


def entry_text(po_entry: polib.POEntry) -> str:
    """An entry as msgcat writes it: comments (translator's, then extracted), reference,
    flags, then the strings wrapped the gettext way."""
    # gettext's order: translator comments ("# ", the row's note), extracted comments,
    # references, flags.
    lines = [f"# {line}" if line else "#" for line in po_entry.tcomment.split("\n")]
    lines = lines if po_entry.tcomment else []
    lines += [f"#. {line}" if line else "#." for line in po_entry.comment.split("\n")]
    lines.append("#: " + " ".join(f"{path}:{line}" for path, line in po_entry.occurrences))
    if po_entry.flags:
        lines.append("#, " + ", ".join(po_entry.flags))
    lines += _field("msgctxt", po_entry.msgctxt or "")
    lines += _field("msgid", po_entry.msgid)
    lines += _field("msgstr", po_entry.msgstr)
    return "\n".join(lines) + "\n"


def _field(keyword: str, text: str) -> list[str]:
    """`keyword "text"` on one line when it fits in 79 columns and has no inner line feed;
    else `keyword ""` and the text in lines cut after each line feed and wrapped."""
    escaped = polib.escape(text)
    single = f'{keyword} "{escaped}"'
    if "\n" not in text[:-1] and text_width(single) <= PAGE_WIDTH:
        return [single]
    pieces = re.split(r"(?<=\n)(?=.)", text, flags=re.DOTALL) if text else []
    return [f'{keyword} ""'] + [f'"{line}"' for piece in pieces for line in _wrap(piece)]


def _wrap(text: str) -> list[str]:
    """Escaped lines of at most PAGE_WIDTH - 2 columns (the quotes), cut at the Unicode
    line-break opportunities (UAX #14, as gettext's libunistring): never before CJK
    closing punctuation, after white space (which counts) rather than inside a word. Each
    line takes as many whole units as fit (at least one), found by bisection over the
    running widths (a loop per unit in Python would double the time of a PO export)."""
    units = line_break_units(text)
    if _ESCAPED.search(text):
        units = [polib.escape(unit) for unit in units]
    ends = list(itertools.accumulate(map(text_width, units)))
    lines: list[str] = []
    start, used = 0, 0
    while start < len(units):
        stop = max(bisect.bisect_right(ends, used + PAGE_WIDTH - 2, lo=start), start + 1)
        lines.append("".join(units[start:stop]))
        used, start = ends[stop - 1], stop
    return lines or [""]


def _comment_lines(text: str) -> list[str]:
    """A comment cut at spaces into lines of at most COMMENT_WIDTH columns (a run without
    spaces longer than that stays whole: no tool breaks it either)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width(f"{lines[-1]} {word}") <= COMMENT_WIDTH:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


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
        handle.write("\n" + entry_text(entry(unit)))
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
    """Glossary terms from `#.` lines: a term's line and the lines after it that start with
    no known prefix (its continuation, cut at a space by this writer or a re-save)."""
    joined: list[str] = []
    for line in extracted:
        if line.startswith(TERMS_PREFIX):
            joined.append(line)
        elif joined and line.strip() and not line.startswith(STATUS_PREFIX):
            joined[-1] = f"{joined[-1]} {line.strip()}"
        else:
            joined.append("")  # another comment ends the term
    pairs = []
    for line in joined:
        if line.startswith(TERMS_PREFIX) and " = " in line:
            zh, en = line[len(TERMS_PREFIX) :].split(" = ", 1)
            pairs.append((zh, en))
    return tuple(pairs)
