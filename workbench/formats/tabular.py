"""Plain pairs: TSV (spreadsheet-friendly) and JSONL (one JSON object per line), streamed.

TSV convention (the CSV rules with a tab as delimiter, as spreadsheets read them): a field
holding a tab, a line feed, a carriage return or a double quote is enclosed in double
quotes, and a double quote inside it is doubled; every other field is written as it is.
Rows end in a line feed. A CSV reader in tab mode that keeps line ends inside quoted fields
(Python's csv with newline="", LibreOffice, Excel) reads every field back exactly.

JSONL: one object per line. JSON already escapes control characters; the line and paragraph
separators U+2028/U+2029 (and the others of `LINE_SEPARATORS`) are escaped too (`\u2028`),
so that a reader splitting lines on them still sees one record per line.

In both, characters outside the text policy become U+FFFD (`replace_unwritable`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from workbench.core.errors import InputError, os_error_message
from workbench.core.segments import Status, TranslationUnit
from workbench.core.text_policy import LINE_SEPARATORS
from workbench.formats.writable import writable
from workbench.fsutil import atomic_writer

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


_NEEDS_QUOTES = re.compile('[\t\n\r"]')
_SEPARATOR = re.compile(f"[{LINE_SEPARATORS}]")


def tsv_field(value: object) -> str:
    """One TSV field by the convention in the module docstring."""
    text = writable("" if value is None else str(value))
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def tsv_line(values: Iterable[object]) -> str:
    return "\t".join(tsv_field(value) for value in values) + "\n"


def jsonl_line(unit: TranslationUnit) -> str:
    row = {k: writable(v) if isinstance(v, str) else v for k, v in _row(unit).items()}
    row["terms"] = [[writable(zh), writable(en)] for zh, en in unit.terms]
    line = json.dumps(row, ensure_ascii=False)
    # Outside strings JSON is ASCII, so every separator found is inside one: escape it.
    if _SEPARATOR.search(line):
        line = _SEPARATOR.sub(lambda found: f"\\u{ord(found.group()):04x}", line)
    return line + "\n"


def write_tsv_stream(handle: IO[str], units: Iterable[TranslationUnit]) -> int:
    handle.write(tsv_line(TSV_COLUMNS))
    count = 0
    for unit in units:
        row = _row(unit)
        handle.write(tsv_line(row[column] for column in TSV_COLUMNS))
        count += 1
    return count


def write_jsonl_stream(handle: IO[str], units: Iterable[TranslationUnit]) -> int:
    count = 0
    for unit in units:
        handle.write(jsonl_line(unit))
        count += 1
    return count


def tsv_text(units: Iterable[TranslationUnit]) -> str:
    buffer = io.StringIO()
    write_tsv_stream(buffer, units)
    return buffer.getvalue()


def jsonl_text(units: Iterable[TranslationUnit]) -> str:
    buffer = io.StringIO()
    write_jsonl_stream(buffer, units)
    return buffer.getvalue()


def write_tsv(path: Path, units: Iterable[TranslationUnit]) -> int:
    """Write atomically, streaming; returns the number of units written."""
    with atomic_writer(path, mode="w", encoding="utf-8") as handle:
        return write_tsv_stream(handle, units)


def write_jsonl(path: Path, units: Iterable[TranslationUnit]) -> int:
    """Write atomically, streaming; returns the number of units written."""
    with atomic_writer(path, mode="w", encoding="utf-8") as handle:
        return write_jsonl_stream(handle, units)


def _read_text(path: Path) -> str:
    """The file's text with its line ends as they are (a CR inside a field stays a CR)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {os_error_message(exc)}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 text; save the file as UTF-8") from exc


def read_tsv(path: Path) -> list[TranslationUnit]:
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""), dialect="excel-tab")
    try:
        missing = {"key", "source"} - set(reader.fieldnames or ())
        if missing:
            noun = "column" if len(missing) == 1 else "columns"
            raise InputError(f"{path}: missing {noun} {', '.join(sorted(missing))}")
        return [_unit(row, f"{path}:{reader.line_num}") for row in reader]
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: not a valid TSV file ({exc})") from exc


def read_jsonl(path: Path) -> list[TranslationUnit]:
    return list(_jsonl_units(path))


def _jsonl_units(path: Path) -> Iterator[TranslationUnit]:
    # Records are split on line feeds only: U+2028 and friends may stand raw inside a
    # string (JSON allows it), and a CR before the LF is white space to JSON.
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        yield _unit(row, f"{path}:{number}")
