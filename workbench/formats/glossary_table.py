"""The curated glossary as a table: TSV (the house format), CSV, and plain two-column lists.

TSV: UTF-8, a header row, one term per line, tab-separated, no quoting, so that the file
diffs line by line and opens in a spreadsheet or a text editor. Columns, in any order:
source, target, status, variants, forbidden, pos, case, note; only source and target are
required. Several variants or forbidden renderings go in one cell separated by " | ".
Empty cells take the defaults (status approved, case insensitive); trailing empty cells may
be left out, as editors that strip trailing whitespace do.

CSV: the same columns with standard CSV quoting; written with a UTF-8 byte-order mark so
that Excel recognises the encoding. Pairs: a TSV or CSV file of source,target(,note)
lines, with or without a header, imported as candidates unless told otherwise.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench.core.errors import GlossaryError
from workbench.core.glossary import (
    CaseRule,
    Glossary,
    Term,
    TermStatus,
    chinese_key,
    parse_choice,
)
from workbench.fsutil import atomic_write_text

COLUMNS = ("source", "target", "status", "variants", "forbidden", "pos", "case", "note")
REQUIRED = ("source", "target")
SEPARATOR = " | "

_PAIR_HEADER_WORDS = {"中文", "原文", "术语", "源语", "汉语", "中文术语"}

Row = tuple[int, list[str]]  # (1-based line number, cells)


# -- files ----------------------------------------------------------------------------------


def read(path: Path) -> Glossary:
    """Read a glossary table; `.csv` files as CSV, anything else as TSV."""
    path = Path(path)
    return read_csv(path) if path.suffix.lower() == ".csv" else read_tsv(path)


def write(glossary: Glossary, path: Path) -> None:
    """Write a glossary table atomically; `.csv` files as CSV, anything else as TSV."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        write_csv(glossary, path)
    else:
        write_tsv(glossary, path)


def read_tsv(path: Path) -> Glossary:
    return parse_tsv(_decode(_read_bytes(path), str(path), lenient=False), name=str(path))


def write_tsv(glossary: Glossary, path: Path) -> None:
    atomic_write_text(Path(path), format_tsv(glossary))


def read_csv(path: Path) -> Glossary:
    return parse_csv(_decode(_read_bytes(path), str(path), lenient=True), name=str(path))


def write_csv(glossary: Glossary, path: Path) -> None:
    atomic_write_text(Path(path), "\ufeff" + format_csv(glossary))


def read_pairs(path: Path, *, status: TermStatus = TermStatus.CANDIDATE) -> Glossary:
    """Import a two-column list (source, target, optionally a note) from TSV or CSV."""
    text = _decode(_read_bytes(path), str(path), lenient=True)
    return parse_pairs(text, name=str(path), status=status)


# -- text -----------------------------------------------------------------------------------


def parse_tsv(text: str, *, name: str = "<glossary>") -> Glossary:
    return _table(_tsv_rows(text.removeprefix("\ufeff")), name)


def format_tsv(glossary: Glossary) -> str:
    lines = ["\t".join(COLUMNS)]
    lines.extend("\t".join(_cells(term)) for term in glossary.terms)
    return "\n".join(lines) + "\n"


def parse_csv(text: str, *, name: str = "<glossary>") -> Glossary:
    return _table(_csv_rows(text.removeprefix("\ufeff"), name, ","), name)


def format_csv(glossary: Glossary) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_cells(term) for term in glossary.terms)
    return buffer.getvalue()


def parse_pairs(
    text: str, *, name: str = "<pairs>", status: TermStatus = TermStatus.CANDIDATE
) -> Glossary:
    text = text.removeprefix("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    rows = _tsv_rows(text) if "\t" in first else _csv_rows(text, name, ",")
    terms: list[tuple[int, Term]] = []
    for position, (line, cells) in enumerate(rows):
        values = [cell.strip() for cell in cells]
        while values and not values[-1]:
            values.pop()
        if not values:
            continue
        if position == 0 and _looks_like_header(values[0]):
            continue
        if len(values) < 2:
            raise GlossaryError(f"{name}, line {line}: expected source and target, found one value")
        if len(values) > 3:
            raise GlossaryError(
                f"{name}, line {line}: expected source, target and an optional note, found "
                f"{len(values)} values (use a file with a header row for more columns)"
            )
        note = values[2] if len(values) == 3 else ""
        terms.append(
            (line, _term(name, line, source=values[0], target=values[1], note=note, status=status))
        )
    return _glossary(terms, name)


# -- shared ---------------------------------------------------------------------------------


def _cells(term: Term) -> list[str]:
    return [
        term.source,
        term.target,
        term.status.value,
        SEPARATOR.join(term.variants),
        SEPARATOR.join(term.forbidden),
        term.pos,
        term.case.value,
        term.note,
    ]


def _tsv_rows(text: str) -> Iterator[Row]:
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.rstrip("\r").split("\t")


def _csv_rows(text: str, name: str, delimiter: str) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(f"{name}, line {reader.line_num}: malformed CSV ({exc})") from exc


def _table(rows: Iterable[Row], name: str) -> Glossary:
    iterator = iter(rows)
    header: list[str] | None = None
    header_line = 0
    for line, cells in iterator:
        if any(cell.strip() for cell in cells):
            header, header_line = [cell.strip().lower() for cell in cells], line
            break
    if header is None:
        raise GlossaryError(f"{name}: the file is empty; expected a header row: {_expected()}")
    _check_header(header, name, header_line)

    terms: list[tuple[int, Term]] = []
    for line, cells in iterator:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise GlossaryError(
                f"{name}, line {line}: {len(cells)} cells but the header has "
                f"{len(header)} columns (a stray tab or comma?)"
            )
        row = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        terms.append(
            (
                line,
                _term(
                    name,
                    line,
                    source=row.get("source", ""),
                    target=row.get("target", ""),
                    status=row.get("status") or TermStatus.APPROVED,
                    variants=row.get("variants", ""),
                    forbidden=row.get("forbidden", ""),
                    pos=row.get("pos", ""),
                    case=row.get("case") or CaseRule.INSENSITIVE,
                    note=row.get("note", ""),
                ),
            )
        )
    return _glossary(terms, name)


def _check_header(header: list[str], name: str, line: int) -> None:
    if _has_cjk(header[0]):
        raise GlossaryError(
            f"{name}, line {line}: the first row must be a header ({_expected()}); "
            "to import a plain source/target list use the pairs import"
        )
    seen: set[str] = set()
    for cell in header:
        if cell not in COLUMNS:
            raise GlossaryError(
                f"{name}, line {line}: unknown column {cell!r}; expected {_expected()}"
            )
        if cell in seen:
            raise GlossaryError(f"{name}, line {line}: column {cell!r} appears twice")
        seen.add(cell)
    for column in REQUIRED:
        if column not in seen:
            raise GlossaryError(
                f"{name}, line {line}: the header has no {column!r} column; expected {_expected()}"
            )


def _term(
    name: str,
    line: int,
    *,
    source: str,
    target: str,
    status: str = TermStatus.APPROVED,
    variants: str = "",
    forbidden: str = "",
    pos: str = "",
    case: str = CaseRule.INSENSITIVE,
    note: str = "",
) -> Term:
    try:
        return Term(
            source=source,
            target=target,
            status=parse_choice(TermStatus, status, source, "status"),
            variants=_split(variants),
            forbidden=_split(forbidden),
            pos=pos,
            case=parse_choice(CaseRule, case, source, "case"),
            note=" ".join(note.split()) if _has_break(note) else note,
        )
    except GlossaryError as exc:
        raise GlossaryError(f"{name}, line {line}: {exc}") from exc


def _has_break(text: str) -> bool:
    # A spreadsheet cell may hold a line break; in a note it is kept as a space.
    return any(char in text for char in "\t\r\n")


def _glossary(terms: list[tuple[int, Term]], name: str) -> Glossary:
    first_line: dict[str, int] = {}
    for line, term in terms:
        key = chinese_key(term.source)
        if key in first_line:
            raise GlossaryError(
                f"{name}, line {line}: duplicate source {term.source!r} "
                f"(already on line {first_line[key]})"
            )
        first_line[key] = line
    return Glossary(term for _, term in terms)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _expected() -> str:
    return ", ".join(COLUMNS) + " (source and target required)"


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in text)


def _looks_like_header(cell: str) -> bool:
    return not _has_cjk(cell) or cell in _PAIR_HEADER_WORDS


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{path}: cannot read the glossary ({exc.strerror or exc})") from exc


def _decode(data: bytes, name: str, *, lenient: bool) -> str:
    """UTF-8 (with or without BOM); UTF-16 with BOM; for imports also GB18030 (Chinese Excel)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise GlossaryError(f"{name}: damaged UTF-16 text ({exc.reason})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if lenient:
            try:
                return data.decode("gb18030")
            except UnicodeDecodeError:
                pass
        raise GlossaryError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8"
        ) from exc
