"""HTML to blocks with selectolax: block elements become blocks, page furniture is dropped.

Script, style and other non-text elements are skipped silently. Elements matched by a
`drop_element` rule (nav, aside, header/footer outside <article>, class or id such as share,
comment, related, recommend) are dropped and their text reported, block by block, with the
rule's id and category, unless they contain the article itself (an <h1> or <article>): a
class like "has-share" on the article container must not take the article with it.
The page <title> (or og:title) becomes a first block with hint PAGE_TITLE, as it stands (the
title finder matches its parts); <meta> tags give metadata (author, source, date, canonical
URL).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from workbench.core.blocks import Block, BlockHint, Extraction
from workbench.core.cleaning_rules import CleaningRules, Rule, RuleKind
from workbench.core.segments import DocumentMetadata, DroppedBlock
from workbench.core.text import is_cjk

_SKIP_TAGS = """script style noscript template svg canvas iframe object embed head meta link map
audio video source track img picture math"""
_BLOCK_TAGS = """address article aside blockquote body caption center dd details dialog div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p
pre section summary table tbody td tfoot th thead tr ul"""
_SKIP = frozenset(_SKIP_TAGS.split())  # no text a reader sees
_BLOCKS = frozenset(_BLOCK_TAGS.split())  # start and end a block
_TAG_HINTS = {
    "h1": BlockHint.TITLE,
    **dict.fromkeys(("h2", "h3", "h4", "h5", "h6"), BlockHint.HEADING),
    "li": BlockHint.LIST_ITEM,
    "blockquote": BlockHint.QUOTE,
}
_WHITESPACE = re.compile(r"\s+")
_META_FIELDS = {
    "author": ("author", "article:author", "dc.creator"),
    "source": ("source", "og:source", "article:source", "contentsource"),
    "date": ("article:published_time", "publishdate", "pubdate", "publish_time", "dc.date", "date"),
    "url": ("og:url",),
}


@dataclass
class _Piece:
    text: str
    hint: BlockHint
    rule: Rule | None  # the drop_element rule that removed it, if any


@dataclass
class _Walk:
    rules: CleaningRules
    pieces: list[_Piece] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    open_tags: Counter[str] = field(default_factory=Counter)
    hints: list[BlockHint] = field(default_factory=list)
    drops: list[Rule] = field(default_factory=list)

    def flush(self) -> None:
        text = _collapse("".join(self.buffer))
        self.buffer.clear()
        if text:
            hint = self.hints[-1] if self.hints else BlockHint.NONE
            self.pieces.append(_Piece(text, hint, self.drops[0] if self.drops else None))


def html_blocks(html: str, rules: CleaningRules) -> Extraction:
    """Blocks of an HTML page; dropped elements are reported in `Extraction.dropped`."""
    tree = LexborHTMLParser(html)
    walk = _Walk(rules)
    title = _page_title(tree)
    if title:
        walk.pieces.append(_Piece(title, BlockHint.PAGE_TITLE, None))
    root = tree.body or tree.root
    if root is not None:
        _walk(root, walk)
    walk.flush()
    return _extraction(walk.pieces, _page_metadata(tree))


def _walk(root: LexborNode, walk: _Walk) -> None:
    """Depth-first walk without recursion (pages can nest deeper than Python's stack)."""
    # (node, leaving, the node pushed a drop rule)
    stack: list[tuple[LexborNode, bool, bool]] = [(root, False, False)]
    while stack:
        node, leaving, dropping = stack.pop()
        tag = node.tag or ""
        if leaving:
            _leave(tag, dropping, walk)
        elif tag == "-text":
            walk.buffer.append(node.text_content or "")
        elif tag == "br":
            walk.flush()
        elif tag and not tag.startswith("-") and tag not in _SKIP:
            stack.append((node, True, _enter(node, tag, walk)))
            children = list(node.iter(include_text=True))
            stack.extend((child, False, False) for child in reversed(children))


def _enter(node: LexborNode, tag: str, walk: _Walk) -> bool:
    """Open an element; True if it starts a dropped region."""
    rule = None if walk.drops else _drop_rule(node, tag, walk)
    if tag in _BLOCKS or rule is not None:
        walk.flush()
    if rule is not None:
        walk.drops.append(rule)
    walk.hints.append(_hint(node, tag, walk))
    walk.open_tags[tag] += 1
    return rule is not None


def _leave(tag: str, dropping: bool, walk: _Walk) -> None:
    if tag in _BLOCKS or dropping:
        walk.flush()
    if dropping:
        walk.drops.pop()
    walk.hints.pop()
    walk.open_tags[tag] -= 1


def _hint(node: LexborNode, tag: str, walk: _Walk) -> BlockHint:
    if tag in _TAG_HINTS:
        return _TAG_HINTS[tag]
    lead = walk.rules.lead.class_pattern
    if lead is not None and any(lead.search(name) for name in _names(node)):
        return BlockHint.LEAD
    return walk.hints[-1] if walk.hints else BlockHint.NONE


def _drop_rule(node: LexborNode, tag: str, walk: _Walk) -> Rule | None:
    names = _names(node)
    for rule in walk.rules.of_kind(RuleKind.DROP_ELEMENT):
        if any(walk.open_tags[inside] > 0 for inside in rule.unless_inside):
            continue
        by_tag = tag in rule.tags
        by_name = rule.class_pattern is not None and any(
            rule.class_pattern.search(n) for n in names
        )
        if (by_tag or by_name) and node.css_first("h1, article") is None:
            return rule
    return None


def _names(node: LexborNode) -> list[str]:
    attributes = node.attributes
    names = (attributes.get("class") or "").split()
    if attributes.get("id"):
        names.append(attributes["id"] or "")
    return names


def _collapse(text: str) -> str:
    """Collapse whitespace; a line break between two Chinese characters is source formatting."""

    def joint(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if "\n" in match.group() and is_cjk(before) and is_cjk(after) else " "

    return _WHITESPACE.sub(joint, text).strip()


def _page_title(tree: LexborHTMLParser) -> str:
    og = tree.css_first('meta[property="og:title"]')
    title = (og.attributes.get("content") or "") if og is not None else ""
    if not title.strip():
        node = tree.css_first("title")
        title = node.text() if node is not None else ""
    return _collapse(title)


def _page_metadata(tree: LexborHTMLParser) -> DocumentMetadata:
    found: dict[str, str] = {}
    for meta in tree.css("meta"):
        key = (meta.attributes.get("property") or meta.attributes.get("name") or "").lower()
        content = _collapse(meta.attributes.get("content") or "")
        for name, keys in _META_FIELDS.items():
            if key in keys and content and name not in found:
                found[name] = content
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and canonical.attributes.get("href"):
        found["url"] = canonical.attributes["href"] or ""
    return DocumentMetadata(**found)


def _extraction(pieces: list[_Piece], metadata: DocumentMetadata) -> Extraction:
    blocks: list[Block] = []
    dropped: list[DroppedBlock] = []
    for number, piece in enumerate(pieces, start=1):
        if piece.rule is None:
            blocks.append(Block(piece.text, number, piece.hint))
        else:
            dropped.append(DroppedBlock(piece.text, number, piece.rule.id, piece.rule.category))
    return Extraction(blocks=tuple(blocks), dropped=tuple(dropped), metadata=metadata)
