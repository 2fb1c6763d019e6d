"""OmegaT glossary files: tab-separated lines of source term, target term and a comment.

How OmegaT reads them (its TSV glossary reader, 3.6 and later): a file ending in `.utf8`
is UTF-8; `.txt` and `.tab` are decoded with an encoding guessed from the bytes, falling
back to the system's default (GBK on a Chinese Windows); a byte-order mark is skipped; a
line starting with `#` is a comment; a line with fewer than two fields or an empty source
is skipped; fields after the third are ignored. OmegaT 4 writes new entries to a `.txt` or
`.utf8` project glossary, always in UTF-8.

So the export is UTF-8, named `.utf8` by default (read as UTF-8 everywhere); written to a
`.txt` name it starts with a byte-order mark, which the guess recognises. One line per
rendering OmegaT may offer:

- the approved target, its comment saying the status when not approved, the part of
  speech, "case-sensitive", the forbidden renderings ("never: …") and the note;
- each variant on a line of its own (OmegaT lists every target of a source together and
  offers each for insertion), commented "variant; approved: <target>";
- forbidden renderings are never a target: only the comment of the target line names them;
- rejected terms are left out: OmegaT would offer their rendering for insertion.

Tabs and line breaks inside a field become spaces (they would split the line), and
characters outside the text policy become U+FFFD.
"""

from __future__ import annotations

import re
from pathlib import Path

from workbench.core.glossary import CaseRule, Glossary, Term, TermStatus
from workbench.formats.writable import writable
from workbench.fsutil import atomic_write_bytes

SUFFIXES = (".utf8", ".txt")
DEFAULT_SUFFIX = ".utf8"
_BOM = "\ufeff"
_BREAKS = re.compile("[\t\r\n\u2028\u2029\x85\x0b\x0c]")


def write(glossary: Glossary, path: Path) -> int:
    """Atomic; returns how many terms were written (rejected ones are left out)."""
    text, written = format_glossary(glossary)
    if Path(path).suffix.lower() != DEFAULT_SUFFIX:
        text = _BOM + text
    atomic_write_bytes(Path(path), text.encode("utf-8"))
    return written


def format_glossary(glossary: Glossary) -> tuple[str, int]:
    """The file's text and how many terms it holds."""
    lines: list[str] = []
    written = 0
    for term in glossary.terms:
        if term.status is TermStatus.REJECTED:
            continue
        written += 1
        lines.append(_line(term.source, term.target, _comment(term)))
        for variant in term.variants:
            lines.append(_line(term.source, variant, f"variant; approved: {term.target}"))
    return "".join(f"{line}\n" for line in lines), written


def _comment(term: Term) -> str:
    parts: list[str] = []
    if term.status is not TermStatus.APPROVED:
        parts.append(f"{term.status.value}, not yet approved")
    if term.pos:
        parts.append(term.pos)
    if term.case is CaseRule.SENSITIVE:
        parts.append("case-sensitive")
    if term.forbidden:
        parts.append(f"never: {' | '.join(term.forbidden)}")
    if term.note:
        parts.append(term.note)
    return "; ".join(parts)


def _line(source: str, target: str, comment: str) -> str:
    return "\t".join(_field(value) for value in (source, target, comment)).rstrip("\t")


def _field(value: str) -> str:
    return _BREAKS.sub(" ", writable(value)).strip()
