"""Gettext PO (via polib): one entry per pair, msgctxt = the pair's key.

Unreviewed machine output is marked `fuzzy`, so gettext tools and Poedit treat it as a
suggestion; the glossary terms of each segment are listed as extracted comments (`#.`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import polib

from workbench import __version__
from workbench.core.errors import InputError
from workbench.core.segments import Status, TranslationUnit
from workbench.fsutil import atomic_write_text

TERMS_PREFIX = "glossary: "
STATUS_PREFIX = "status: "


def to_text(units: Iterable[TranslationUnit], *, project: str = "workbench") -> str:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": _po_date(datetime.now(UTC)),
        "PO-Revision-Date": _po_date(datetime.now(UTC)),
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
    for unit in units:
        entry = polib.POEntry(
            msgctxt=unit.key,
            msgid=unit.source,
            msgstr=unit.target,
            occurrences=[(unit.document or "document", str(unit.paragraph))],
            comment="\n".join(
                [f"{STATUS_PREFIX}{unit.status.value}"]
                + [f"{TERMS_PREFIX}{zh} = {en}" for zh, en in unit.terms]
            ),
        )
        if unit.target and unit.status is Status.MACHINE:
            entry.flags.append("fuzzy")
        po.append(entry)
    return str(po)


def write(path: Path, units: Iterable[TranslationUnit], *, project: str = "workbench") -> int:
    materialized = list(units)
    atomic_write_text(path, to_text(materialized, project=project))
    return len(materialized)


def read(path: Path) -> list[TranslationUnit]:
    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not a valid PO file: {exc}") from exc
    units = []
    for index, entry in enumerate(po, start=1):
        if entry.obsolete or not entry.msgid:
            continue
        document, paragraph = _occurrence(entry)
        units.append(
            TranslationUnit(
                key=entry.msgctxt or f"{Path(path).name}#{index}",
                source=entry.msgid,
                target=entry.msgstr,
                document=document,
                paragraph=paragraph,
                sentence=_sentence_of(entry.msgctxt or ""),
                status=_status_of(entry),
                terms=_terms(entry.comment),
            )
        )
    return units


def _po_date(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def _occurrence(entry: polib.POEntry) -> tuple[str, int]:
    if not entry.occurrences:
        return "", 0
    document, line = entry.occurrences[0]
    return document, int(line) if str(line).isdigit() else 0


def _sentence_of(key: str) -> int | None:
    _, _, tail = key.rpartition(".s")
    return int(tail) if tail.isdigit() else None


def _status_of(entry: polib.POEntry) -> Status:
    """Our own status line wins; other tools' files fall back to fuzzy/translated."""
    for line in entry.comment.splitlines():
        if line.startswith(STATUS_PREFIX):
            try:
                return Status(line[len(STATUS_PREFIX) :].strip())
            except ValueError:
                break
    if entry.fuzzy:
        return Status.MACHINE
    return Status.EDITED if entry.msgstr else Status.NEW


def _terms(comment: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in comment.splitlines():
        if line.startswith(TERMS_PREFIX) and " = " in line:
            zh, en = line[len(TERMS_PREFIX) :].split(" = ", 1)
            pairs.append((zh, en))
    return tuple(pairs)
