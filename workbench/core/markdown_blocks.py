"""Markdown to blocks: headings, paragraphs, list items and quotes as plain text.

Markup is stripped to the text a reader sees: emphasis, inline code, links ([text](url) →
text), images (dropped), HTML tags, escapes. A paragraph's soft-wrapped lines are joined, but
a line that ends a sentence (。！？ ...) also ends the paragraph: Chinese writers often put one
paragraph per line without blank lines, and joining those would glue paragraphs together.
Fenced code is dropped and reported; YAML front matter gives the title and metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.core.blocks import PARAGRAPH_END, Block, BlockHint, Extraction, join_wrapped
from workbench.core.segments import DocumentMetadata, DroppedBlock

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^ {0,3}(#{1,6})[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+")
_ORDERED = re.compile(r"^[ \t]*\d{1,9}[.)][ \t]+")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")
_TABLE_DIVIDER = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$"
)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|[^>\s@]+@[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_EM_UNDERSCORE = re.compile(r"(?<![\w])_(?=\S)(.+?)(?<=\S)_(?![\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_PARKED = 0xF0000  # Supplementary Private Use Area-A
_UNPARK = re.compile("[\U000f0000-\U000f007f]")
_FRONT_MATTER_KEYS = {"title", "date", "author", "source", "url"}


@dataclass
class _Builder:
    blocks: list[Block] = field(default_factory=list)
    dropped: list[DroppedBlock] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # raw lines of the open paragraph
    start: int = 0
    hint: BlockHint = BlockHint.NONE

    def add_line(self, raw: str, line_no: int, hint: BlockHint) -> None:
        if self.lines and hint is not self.hint:
            self.flush()
        if not self.lines:
            self.start, self.hint = line_no, hint
        self.lines.append(raw)
        if raw.rstrip().endswith(tuple(PARAGRAPH_END)) or raw.endswith("  "):
            self.flush()

    def add_block(self, raw: str, text: str, line_no: int, hint: BlockHint) -> None:
        self.flush()
        if text:
            self.blocks.append(Block(text, line_no, hint, raw if raw != text else ""))

    def flush(self) -> None:
        if not self.lines:
            return
        text = ""
        for raw in self.lines:
            text = join_wrapped(text, inline_text(_strip_container(raw)))
        original = "\n".join(self.lines)
        if text:
            self.blocks.append(
                Block(text, self.start, self.hint, original if original != text else "")
            )
        self.lines = []


def markdown_blocks(text: str) -> Extraction:
    """Blocks of a Markdown document (see the module docstring)."""
    lines = text.split("\n")
    builder = _Builder()
    first, front = _front_matter(lines)
    if first:
        builder.dropped.append(_dropped(lines[:first], 1, "md.front_matter", "front matter"))
    title = front.pop("title", None)
    if title:
        builder.blocks.append(Block(title, 1, BlockHint.PAGE_TITLE))
    i = first
    while i < len(lines):
        i = _read(lines, i, builder)
    builder.flush()
    return Extraction(
        blocks=tuple(builder.blocks),
        dropped=tuple(builder.dropped),
        metadata=DocumentMetadata(**front),
    )


def _read(lines: list[str], i: int, builder: _Builder) -> int:
    """Consume the construct starting at line i; return the index of the next line."""
    raw = lines[i]
    line_no = i + 1
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if (
        not raw.strip()
        or _RULE.match(raw)
        or _LINK_DEFINITION.match(raw)
        or _TABLE_DIVIDER.match(raw)
    ):
        builder.flush()
        return i + 1
    if fence := _FENCE.match(raw):
        return _skip_fence(lines, i, fence.group(1), builder)
    if heading := _ATX.match(raw):
        level = len(heading.group(1) or heading.group(3))
        builder.add_block(raw, inline_text(heading.group(2) or ""), line_no, _heading_hint(level))
        return i + 1
    if not builder.lines and _SETEXT.match(following) and not _BULLET.match(raw):
        level = 1 if following.strip().startswith("=") else 2
        builder.add_block(
            f"{raw}\n{following}", inline_text(raw.strip()), line_no, _heading_hint(level)
        )
        return i + 2
    if _IMAGE.fullmatch(raw.strip()):
        builder.flush()
        builder.dropped.append(_dropped([raw], line_no, "md.image", "image"))
        return i + 1
    if raw.strip().startswith("|"):
        builder.add_block(raw, inline_text(_strip_container(raw)), line_no, BlockHint.NONE)
        return i + 1
    builder.add_line(raw, line_no, _line_hint(raw, builder))
    return i + 1


def _line_hint(raw: str, builder: _Builder) -> BlockHint:
    if _BULLET.match(raw) or _ORDERED.match(raw):
        builder.flush()  # every item is a block of its own
        return BlockHint.LIST_ITEM
    if _QUOTE.match(raw):
        return BlockHint.QUOTE
    if builder.lines and builder.hint is BlockHint.LIST_ITEM and raw[:1] in (" ", "\t"):
        return BlockHint.LIST_ITEM  # an indented continuation of the item
    return BlockHint.NONE


def _skip_fence(lines: list[str], i: int, fence: str, builder: _Builder) -> int:
    builder.flush()
    end = i + 1
    while end < len(lines) and not lines[end].strip().startswith(fence):
        end += 1
    builder.dropped.append(_dropped(lines[i : end + 1], i + 1, "md.code_block", "code block"))
    return end + 1


def _heading_hint(level: int) -> BlockHint:
    return BlockHint.TITLE if level == 1 else BlockHint.HEADING


def _strip_container(raw: str) -> str:
    """Remove quote markers and bullets (ordered list numbers stay: they are text)."""
    line = raw
    while _QUOTE.match(line):
        line = _QUOTE.sub("", line, count=1)
    line = _BULLET.sub("", line, count=1)
    if line.strip().startswith("|") and line.strip().endswith("|"):
        line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    return line.strip().rstrip("\\").strip()


def inline_text(text: str) -> str:
    """Markdown inline markup to the text a reader sees."""
    # Escaped characters are parked in a private-use plane so that no rule below sees them.
    text = _ESCAPE.sub(lambda m: chr(_PARKED + ord(m.group(1))), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda m: m.group(2) if m.lastindex == 2 else m.group(1), text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDERSCORE.sub(r"\1", text)
    return _UNPARK.sub(lambda m: chr(ord(m.group()) - _PARKED), text).strip()


def _front_matter(lines: list[str]) -> tuple[int, dict[str, str]]:
    """YAML front matter ("---" ... "---" at the top): (lines it takes, simple fields)."""
    if not lines or lines[0].strip() != "---":
        return 0, {}
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            return end + 1, _front_matter_fields(lines[1:end])
    return 0, {}


def _front_matter_fields(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        key, value = key.strip().lower(), value.strip().strip("\"'")
        if sep and key in _FRONT_MATTER_KEYS and value:
            found[key] = value
    return found


def _dropped(lines: list[str], line_no: int, rule_id: str, reason: str) -> DroppedBlock:
    return DroppedBlock(text="\n".join(lines), line_no=line_no, rule_id=rule_id, reason=reason)
