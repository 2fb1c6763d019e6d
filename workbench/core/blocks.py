"""Blocks: the lines or elements of an input, in order, before any cleaning.

Every format is first turned into blocks (a text line, a Markdown paragraph, an HTML block
element) with a hint of what the markup says it is; the cleaner then works on blocks alone.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.core.segments import DocumentMetadata, DroppedBlock
from workbench.core.text import display_width

# Characters that end a paragraph of running text (sentence end marks and closers after them).
PARAGRAPH_END = "。！？!?…”’」』）)》"


class BlockHint(StrEnum):
    """What the markup says a block is."""

    NONE = ""
    TITLE = "title"  # <h1>, Markdown "# ..."
    HEADING = "heading"  # lower headings
    LEAD = "lead"  # HTML element marked as a summary
    QUOTE = "quote"  # Markdown blockquote, HTML <blockquote>: a lead if right under the title
    LIST_ITEM = "list_item"
    PAGE_TITLE = "page_title"  # HTML <title> or og:title, Markdown front matter: a title hint


@dataclass(frozen=True, slots=True)  # slots: a large page has hundreds of thousands
class Block:
    """One line (txt), paragraph (md) or block element (html)."""

    text: str  # plain text, markup removed
    line_no: int  # 1-based line number (txt, md) or block number (html)
    hint: BlockHint = BlockHint.NONE
    original: str = ""  # the block as it stands in the input, when it differs from text

    @property
    def source_text(self) -> str:
        return self.original or self.text


@dataclass(frozen=True)
class Extraction:
    """The blocks of an input, plus what the format said about the page as a whole."""

    blocks: tuple[Block, ...]
    dropped: tuple[DroppedBlock, ...] = ()  # removed by markup rules (HTML elements, code)
    metadata: DocumentMetadata = field(
        default_factory=DocumentMetadata
    )  # from <meta>, front matter


def text_blocks(text: str) -> Extraction:
    """One block per non-blank line; lines of a hard-wrapped file are joined back first."""
    lines = text.split("\n")
    width = wrap_width(lines)
    blocks: list[Block] = []
    start = 0
    while start < len(lines):
        if not lines[start].strip():
            start += 1
            continue
        end = start + 1
        if width:
            while end < len(lines) and _continues(lines[end - 1], lines[end], width):
                end += 1
        blocks.append(_joined_block(lines[start:end], start + 1))
        start = end
    return Extraction(blocks=tuple(blocks))


def wrap_width(lines: list[str]) -> int | None:
    """The column at which the text was hard-wrapped, if it was.

    A file is taken as hard-wrapped when at least five lines that are followed by more text
    share (within two columns) the most common width, that width is at least 40 columns, and
    those lines are the majority of such lines. Scraped news pages, one paragraph per line,
    never look like that.
    """
    widths = [
        display_width(line.rstrip())
        for line, following in itertools.pairwise(lines)
        if line.strip() and following.strip()
    ]
    if len(widths) < 5:
        return None
    mode, _ = Counter(widths).most_common(1)[0]
    near = sum(1 for w in widths if mode - 2 <= w <= mode)
    if mode < 40 or near < 5 or near * 2 <= len(widths):
        return None
    return mode


def _continues(line: str, following: str, width: int) -> bool:
    """Whether `following` continues the paragraph of a line cut at `width` columns."""
    indented = following[:1] in (" ", "\t", "\u3000")
    return bool(following.strip()) and not indented and display_width(line.rstrip()) >= width - 2


def _joined_block(lines: list[str], line_no: int) -> Block:
    parts = [line.strip() for line in lines]
    text = parts[0]
    for part in parts[1:]:
        text = join_wrapped(text, part)
    original = "\n".join(lines) if len(lines) > 1 else lines[0]
    return Block(text=text, line_no=line_no, original=original if original != text else "")


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one wrapped paragraph: no space between CJK, a space between words."""
    if not left or not right:
        return left + right
    if left[-1].isascii() and right[0].isascii():
        return f"{left} {right}"
    return left + right
