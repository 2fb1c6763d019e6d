"""Plain pairs: TSV (spreadsheet-friendly) and JSONL (one JSON object per line)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workbench.core.errors import InputError
from workbench.core.segments import Status, TranslationUnit
from workbench.fsutil import atomic_write_text

TSV_COLUMNS = (
    "key",
    "document",
    "document_id",
    "paragraph",
    "sentence",
    "status",
    "source",
    "target",
)


def _row(unit: TranslationUnit) -> dict[str, Any]:
    return {
        "key": unit.key,
        "document": unit.document,
        "document_id": unit.document_id,
        "paragraph": unit.paragraph,
        "sentence": unit.sentence,
        "status": unit.status.value,
        "source": unit.source,
        "target": unit.target,
    }


def _unit(row: dict[str, Any], where: str) -> TranslationUnit:
    try:
        sentence = row.get("sentence")
        return TranslationUnit(
            key=str(row["key"]),
            source=str(row["source"]),
            target=str(row.get("target") or ""),
            document=str(row.get("document") or ""),
            document_id=int(row.get("document_id") or 0),
            paragraph=int(row.get("paragraph") or 0),
            sentence=int(sentence) if sentence not in (None, "") else None,
            status=Status(row.get("status") or "edited"),
            terms=tuple((str(zh), str(en)) for zh, en in row.get("terms") or ()),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise InputError(f"{where}: not a workbench pair ({exc})") from exc


def tsv_text(units: Iterable[TranslationUnit]) -> str:
    buffer = io.StringIO()
    # csv quotes fields holding tabs, quotes or newlines, so any text survives a round trip.
    writer = csv.DictWriter(
        buffer, fieldnames=TSV_COLUMNS, dialect="excel-tab", lineterminator="\n"
    )
    writer.writeheader()
    for unit in units:
        writer.writerow(_row(unit))
    return buffer.getvalue()


def jsonl_text(units: Iterable[TranslationUnit]) -> str:
    rows = ({**_row(unit), "terms": [list(pair) for pair in unit.terms]} for unit in units)
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_tsv(path: Path, units: Iterable[TranslationUnit]) -> int:
    materialized = list(units)
    atomic_write_text(path, tsv_text(materialized))
    return len(materialized)


def write_jsonl(path: Path, units: Iterable[TranslationUnit]) -> int:
    materialized = list(units)
    atomic_write_text(path, jsonl_text(materialized))
    return len(materialized)


def _read_text(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text") from exc


def read_tsv(path: Path) -> list[TranslationUnit]:
    reader = csv.DictReader(io.StringIO(_read_text(path)), dialect="excel-tab")
    missing = {"key", "source"} - set(reader.fieldnames or ())
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    return [_unit(row, f"{path}:{n}") for n, row in enumerate(reader, start=2)]


def read_jsonl(path: Path) -> list[TranslationUnit]:
    units = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        units.append(_unit(row, f"{path}:{number}"))
    return units
