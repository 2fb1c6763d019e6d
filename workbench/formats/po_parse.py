"""A strict reader for gettext PO files: every syntax error is an error with its line.

polib, used for writing, reads leniently (an unterminated string loses a character, an
entry without msgstr or a stray line is dropped without a word, text is split on U+2028),
so reading has its own small parser. It decodes the charset the header declares, legacy
Chinese ones included, and reads lines ending in LF, CRLF or CR only.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.errors import InputError

# Declared charsets decoded as the superset that real files in them use.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "charset": "utf-8",  # the placeholder of a fresh template (.pot)
}
_CHARSET = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"])")
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "\\": "\\",
    '"': '"',
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "?": "?",
    "'": "'",
}


@dataclass
class PoEntry:
    """One entry as written in the file (obsolete `#~` entries are not kept)."""

    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""  # msgstr, or msgstr[0] of a plural entry
    flags: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)  # "#." lines
    references: list[str] = field(default_factory=list)  # "#:" items
    translator: list[str] = field(default_factory=list)  # "# " lines (translator comments)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def decode(data: bytes, path: Path) -> str:
    """The file's text in the charset its header declares (UTF-8 when none)."""
    if data.startswith(codecs.BOM_UTF8):
        codec, data = "utf-8", data[len(codecs.BOM_UTF8) :]
        declared, what = "UTF-8", "the file starts with a UTF-8 byte order mark"
    else:
        found = _CHARSET.search(data[:65536])
        declared = found.group(1).decode("ascii") if found else "UTF-8"
        what = "the charset the file declares" if found else "no charset is declared"
        codec = _CHARSET_ALIASES.get(declared.lower(), declared.lower())
        try:
            codecs.lookup(codec)
        except LookupError:
            raise InputError(
                f"{path}: declares the charset {declared}, which is unknown here; "
                "convert the file to UTF-8 (msgconv --to-code=UTF-8)"
            ) from None
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not valid {declared} text ({what}); "
            "fix the charset in the header or convert the file to UTF-8"
        ) from exc


def parse(text: str, path: Path) -> list[PoEntry]:
    """The entries of a PO file's text; InputError naming file and line on a syntax error."""
    return _Parser(path).run(text)


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[PoEntry] = []
        self.comments = PoEntry(line=0)  # comment lines waiting for their entry
        self.entry: PoEntry | None = None
        self.field: str | None = None  # the keyword whose strings are being read
        self.plural_index = -1
        self.line = 0

    def fail(self, what: str, line: int | None = None) -> InputError:
        return InputError(f"{self.path}:{line or self.line}: PO syntax error: {what}")

    def no_msgstr(self) -> InputError:
        assert self.entry is not None
        return self.fail(f"{self.field} without msgstr", self.entry.line)

    def run(self, text: str) -> list[PoEntry]:
        obsolete = False
        for self.line, raw in enumerate(_lines(text), start=1):
            line = raw.strip(" \t\f\v")
            if line.startswith("#~"):
                obsolete = True  # an obsolete entry: kept by gettext for history only
                continue
            if not line:
                continue
            if line.startswith("#"):
                obsolete = False
                self._comment(line)
            elif line.startswith('"'):
                if obsolete:
                    continue
                if self.field is None:
                    raise self.fail("a string outside an entry")
                self._append(_string(line, self))
            else:
                obsolete = False
                self._keyword(line)
        self.line += 1
        self._finish()
        return self.entries

    def _comment(self, line: str) -> None:
        if self.entry is not None and self.field in ("msgctxt", "msgid", "msgid_plural"):
            raise self.no_msgstr()
        self._finish()
        kind, body = line[1:2], line[2:].strip()
        if kind == ".":
            self.comments.extracted.append(body)
        elif kind == ":":
            self.comments.references.extend(body.split())
        elif kind == ",":
            self.comments.flags.extend(f.strip() for f in body.split(",") if f.strip())
        elif kind in (" ", ""):
            self.comments.translator.append(line[2:].rstrip())

    def _keyword(self, line: str) -> None:
        match = _KEYWORD.match(line)
        if match is None:
            shown = line if len(line) <= 40 else line[:39] + "…"
            raise self.fail(f"unexpected text {shown!r} (expected msgid, msgstr or a string)")
        keyword, index = match.group(1), match.group(2)
        value = _string(line[match.end() :].strip(" \t"), self)
        between = self.field in (None, "msgstr", "msgstr[]")
        if keyword == "msgctxt" or (keyword == "msgid" and self.field != "msgctxt"):
            if not between:
                raise self.no_msgstr()
            self._start()
        elif keyword in ("msgid_plural", "msgstr") and self.field != "msgid":
            raise self.fail(f"{keyword} without msgid before it")
        elif index is not None:
            expected = self.plural_index + 1 if self.field == "msgstr[]" else 0
            if self.field not in ("msgid_plural", "msgstr[]") or int(index) != expected:
                raise self.fail(f"msgstr[{index}] out of place")
            self.plural_index = int(index)
            keyword = "msgstr[]"
        self.field = keyword
        self._append(value)

    def _start(self) -> None:
        """A new entry begins; it takes the comments read since the last one."""
        self._finish()
        self.entry = self.comments
        self.entry.line = self.line
        self.comments = PoEntry(line=0)

    def _append(self, value: str) -> None:
        entry = self.entry
        assert entry is not None
        if self.field == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif self.field == "msgid":
            entry.msgid += value
        elif self.field == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif self.field == "msgstr" or (self.field == "msgstr[]" and self.plural_index == 0):
            entry.msgstr += value  # of a plural entry, only msgstr[0] is kept

    def _finish(self) -> None:
        if self.entry is None:
            return
        if self.field in ("msgctxt", "msgid", "msgid_plural"):
            raise self.no_msgstr()
        self.entries.append(self.entry)
        self.entry = None
        self.field = None
        self.plural_index = -1


def _lines(text: str) -> list[str]:
    """Lines ending in LF, CRLF or CR; never split on U+2028 and the other separators
    that str.splitlines knows."""
    return re.split(r"\r\n|\r|\n", text.removesuffix("\n").removesuffix("\r"))


def _string(text: str, parser: _Parser) -> str:
    """The value of one quoted string that makes up the whole of `text`."""
    if not text.startswith('"'):
        raise parser.fail("expected a string in double quotes")
    out: list[str] = []
    index = 1
    while index < len(text):
        char = text[index]
        if char == '"':
            rest = text[index + 1 :].strip(" \t")
            if rest:
                raise parser.fail(f"text after the closing quote: {rest[:20]!r}")
            return "".join(out)
        if char == "\\":
            escaped = text[index + 1 : index + 2]
            if escaped not in _ESCAPES:
                raise parser.fail(
                    f"unsupported escape \\{escaped} (write \\\\ for a backslash)"
                    if escaped
                    else "a string ends in a backslash"
                )
            out.append(_ESCAPES[escaped])
            index += 2
            continue
        out.append(char)
        index += 1
    raise parser.fail("unterminated string (no closing double quote)")
