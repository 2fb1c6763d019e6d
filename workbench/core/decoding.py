"""Turning the bytes of an input file into text: encoding detection and binary rejection.

Order of checks, most certain first: byte-order marks; binary signatures and control
characters; strict UTF-8; then GB18030 against Big5 by which decodes strictly and yields more
common Chinese characters; charset-normalizer only as a last resort. Statistical detectors
are unreliable on short Chinese texts (a two-character GBK title is also valid Big5 and
sometimes valid UTF-8), which is why the deterministic checks come first.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from workbench.core.errors import InputError
from workbench.core.hanzi import common_characters, frequency_score
from workbench.core.text import count_han, has_han, is_cjk, is_han

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (such as .docx, .xlsx or .epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls)"),
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_CONTROL_SHARE_LIMIT = 0.05  # more control bytes than this in the sample: not text
_SAMPLE = 8192
# Below this share of common characters the best Chinese reading is probably the wrong
# script (Japanese, Korean...), so charset-normalizer gets a say.
_COMMON_SHARE_FLOOR = 0.6
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
_SUPPORTED = "UTF-8, UTF-16 (with BOM), GB18030/GBK/GB2312 and Big5"


@dataclass(frozen=True)
class DecodedText:
    """The text of an input file and how it was read."""

    text: str  # newlines normalized to \n, byte-order mark removed
    encoding: str  # Python codec name, e.g. utf-8, utf-8-sig, gb18030, big5
    warnings: tuple[str, ...] = ()  # e.g. no Chinese characters at all


def decode(data: bytes, *, name: str) -> DecodedText:
    """Decode an input file; raise InputError naming `name` if it is empty, binary or unreadable."""
    if not data:
        raise InputError(f"{name} is empty")
    text, encoding = _decode_bytes(data, name)
    text = _normalize_newlines(text).removeprefix("\ufeff")
    if not text or text.isspace():  # (no stripped copy of a large page)
        raise InputError(f"{name} is empty (it contains only whitespace)")
    warnings: list[str] = []
    if not has_han(text):
        warnings.append(f"{name} contains no Chinese characters (read as {encoding})")
    return DecodedText(text=text, encoding=encoding, warnings=tuple(warnings))


def _decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, name), codec
    _reject_binary(data, name)
    utf8 = _try(data, "utf-8")
    if utf8 is not None and (utf8.isascii() or has_han(utf8)):
        return utf8, "utf-8"  # no accident possible (see below): skip the other readings
    chinese = _best_chinese(data)
    if utf8 is not None and not _utf8_is_accident(utf8, chinese):
        return utf8, "utf-8"
    if chinese is not None and _common_share(chinese[0]) >= _COMMON_SHARE_FLOOR:
        return chinese
    guessed = _charset_normalizer_guess(data)
    if guessed is not None:
        return guessed
    if chinese is not None:
        return chinese
    raise InputError(f"{name} cannot be decoded as text (tried {_SUPPORTED})")


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name} starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()}"
            f" (byte {err.start})"
        ) from err


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _reject_binary(data: bytes, name: str) -> None:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name} is not a text file: it looks like {what}")
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise InputError(
            f"{name} is not a text file: it contains NUL bytes"
            " (if it is UTF-16 text, save it again with a byte-order mark or as UTF-8)"
        )
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if controls > _CONTROL_SHARE_LIMIT * len(sample):
        raise InputError(f"{name} is not a text file: it is full of control characters")


def _best_chinese(data: bytes) -> tuple[str, str] | None:
    """The strict GB18030 or Big5 reading with more common Chinese characters (GB on a tie)."""
    readings = [
        (text, codec) for codec in ("gb18030", *_BIG5_CODECS) if (text := _try(data, codec))
    ]
    gb = [r for r in readings if r[1] == "gb18030"]
    big5 = [r for r in readings if r[1] != "gb18030"][:1]  # the narrowest Big5 that works
    candidates = gb + big5
    if not candidates:
        return None
    return max(candidates, key=lambda r: (frequency_score(r[0]), r[1] == "gb18030"))


def _utf8_is_accident(utf8: str, chinese: tuple[str, str] | None) -> bool:
    """Short GBK text can be valid UTF-8 by chance ("模" is C4 A3, which is UTF-8 for "ģ").

    Believe UTF-8 unless it produced neither Chinese nor a single ASCII letter (so it is not
    Latin text with accents, like "café") while a Chinese reading produced nothing but
    common Chinese characters, CJK punctuation and ASCII.
    """
    if chinese is None or utf8.isascii() or any(is_han(ch) for ch in utf8):
        return False
    if any(ch.isascii() and ch.isalpha() for ch in utf8):
        return False
    other = [ch for ch in chinese[0] if not ch.isascii()]
    return bool(other) and all(ch in common_characters() or is_cjk(ch) for ch in other)


def _common_share(text: str) -> float:
    """Share of common Chinese characters among the non-ASCII letters and Han characters."""
    common = common_characters()
    han = count_han(text)
    other = sum(1 for ch in text if not ch.isascii() and not is_cjk(ch))
    total = han + other
    return sum(1 for ch in text if ch in common) / total if total else 1.0


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # imported late: only odd inputs get here

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def _normalize_newlines(text: str) -> str:
    """CR LF, CR and NEL become LF; U+2028/U+2029 are joined (see `_join_separators`)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x85" in text:
        text = text.replace("\x85", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = _join_separators(text)
    return text


_SEPARATORS = re.compile("[ \t]*[\u2028\u2029]+[ \t]*")


def _join_separators(text: str) -> str:
    """U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR inside a line are soft breaks.

    They come from text copied out of web pages and word processors, usually in the middle
    of a sentence; taken as line ends they cut a paragraph in two and make its first words
    look like a title. So they join like a wrapped line: nothing between two Chinese
    characters, a space elsewhere. A text that has no line ends at all but U+2029 uses it
    as its paragraph separator, and keeps it so.
    """
    if "\n" not in text.strip():
        text = text.replace("\u2029", "\n")

    def joint(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else "\n"
        after = text[match.end()] if match.end() < len(text) else "\n"
        if before == "\n" or after == "\n" or (is_cjk(before) and is_cjk(after)):
            return ""
        return " "

    return _SEPARATORS.sub(joint, text)
