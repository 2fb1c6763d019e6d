"""HTML to blocks with selectolax: block elements become blocks, page furniture is dropped.

Script, style and other non-text elements are skipped silently. Elements matched by a
`drop_element` rule (nav, aside, header/footer outside <article>, class or id such as share,
comment, related, recommend) are dropped and their text reported, block by block, with the
rule's id and category, unless they contain the article itself (an <h1> or <article>): a
class like "has-share" on the article container must not take the article with it.
Elements hidden from readers (inline style, the hidden attribute, aria-hidden, a <style> rule
on their class or id: see html_hidden.py) are dropped the same way by the drop_hidden rules,
with what hid them in the reason. Markup an HTML parser would leak as text (an XHTML internal
DTD subset, processing instructions, CDATA markers) is removed first (html_source.py).
The page <title> (or og:title) becomes a first block with hint PAGE_TITLE, as it stands (the
title finder matches its parts); <meta> tags give metadata (author, source, date, canonical
URL).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from workbench.core.blocks import Block, BlockHint, Extraction
from workbench.core.cleaning_rules import CleaningRules, Rule, RuleKind
from workbench.core.html_chunks import CHUNK_CHARACTERS, Plan, plan
from workbench.core.html_hidden import HiddenBy, StyleSheet, hiding, read_stylesheets, shows_itself
from workbench.core.html_source import prepare_html, title_text
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


@dataclass(slots=True)
class _Piece:
    text: str
    hint: BlockHint
    drop: _Drop | None  # why it was removed, if it was


@dataclass(frozen=True, slots=True)
class _Drop:
    rule: Rule  # the drop_element or drop_hidden rule
    reason: str
    undone_by_visible: bool = False  # visibility:hidden: a descendant may show itself


@dataclass
class _Walk:
    rules: CleaningRules
    sheet: StyleSheet
    hidden_rules: dict[HiddenBy, Rule]
    element_rules: tuple[Rule, ...]
    hiding_enabled: frozenset[HiddenBy] = frozenset()
    article_holders: set[int] = field(default_factory=set)
    pieces: list[_Piece] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    open_tags: Counter[str] = field(default_factory=Counter)
    hints: list[BlockHint] = field(default_factory=list)
    # Entered drops, innermost last; None where a descendant showed itself again.
    drops: list[_Drop | None] = field(default_factory=list)
    # What an element's tag and attributes decide, by those values: pages repeat the same
    # few tag/class/style combinations thousands of times.
    decided: dict[tuple[str, ...], _Decision] = field(default_factory=dict)

    @property
    def drop(self) -> _Drop | None:
        return self.drops[-1] if self.drops else None

    def flush(self) -> None:
        text = _collapse("".join(self.buffer))
        self.buffer.clear()
        if text:
            hint = self.hints[-1] if self.hints else BlockHint.NONE
            self.pieces.append(_Piece(text, hint, self.drop))


def html_blocks(
    html: str, rules: CleaningRules, *, piece_size: int = CHUNK_CHARACTERS
) -> Extraction:
    """Blocks of an HTML page; dropped elements are reported in `Extraction.dropped`.

    A page larger than `piece_size` characters is parsed piece by piece where it can be
    (see html_chunks), with the same result as parsing it whole."""
    html = prepare_html(html)
    found = plan(html, piece_size)
    if found is not None:
        try:
            return _in_pieces(html, found, rules)
        except _Mismatch:
            pass  # the parser saw the page otherwise than the scan: parse it whole
    tree = LexborHTMLParser(html)
    walk = _new_walk(rules, _stylesheet(tree), _page_title(tree))
    walk.article_holders = _article_holders(tree)
    root = tree.body or tree.root
    if root is not None:
        _walk(_frames(root, walk), walk)
    walk.flush()
    return _extraction(walk.pieces, _page_metadata(tree))


def _new_walk(rules: CleaningRules, sheet: StyleSheet, title: str) -> _Walk:
    hidden_rules = {
        rule.hidden_by: rule
        for rule in reversed(rules.of_kind(RuleKind.DROP_HIDDEN))
        if rule.hidden_by is not None
    }
    walk = _Walk(
        rules, sheet, hidden_rules, rules.of_kind(RuleKind.DROP_ELEMENT), frozenset(hidden_rules)
    )
    if title:
        walk.pieces.append(_Piece(title, BlockHint.PAGE_TITLE, None))
    return walk


def _stylesheet(tree: LexborHTMLParser) -> StyleSheet:
    styles = tree.css("style")
    return read_stylesheets(
        (node.attributes.get("media") or "", node.text(deep=True)) for node in styles
    )


class _Mismatch(Exception):
    """A piece did not parse into the tree the scan expected."""


def _in_pieces(html: str, found: Plan, rules: CleaningRules) -> Extraction:
    """The walk over the pieces of a large page, parsed one at a time (see html_chunks).

    The elements open where one piece ends and the next begins are entered once, in the
    piece where they start; the walk keeps them open (their frames) and goes on inside them
    in the next piece, whose tree starts with them again."""
    head = LexborHTMLParser("<html><head>" + "".join(found.head_sources) + "</head></html>")
    walk = _new_walk(rules, _stylesheet(head), _page_title(head))
    frames: list[_Frame] = []
    for number, piece in enumerate(found.pieces):
        source = html[piece.start : piece.end]
        if number:
            source = "<body>" + "".join(piece.spine) + source
        tree = LexborHTMLParser(source)
        if tree.body is None:
            raise _Mismatch
        following = found.pieces[number + 1].names if number + 1 < len(found.pieces) else None
        stay_open = _right_spine(tree.body, following)
        walk.article_holders = _article_holders(tree)
        for node, holds in zip(stay_open[1:], piece.holds_article, strict=False):
            if holds:  # an <h1> or <article> inside it comes in a later piece
                walk.article_holders.add(node.mem_id)
        frames = _resume(tree.body, frames, piece.names) if number else _frames(tree.body, walk)
        frames = _walk(frames, walk, {node.mem_id for node in stay_open})
        if len(frames) != len(stay_open):
            raise _Mismatch
    walk.flush()
    return _extraction(walk.pieces, _page_metadata(head))


def _right_spine(body: LexborNode, names: tuple[str, ...] | None) -> list[LexborNode]:
    """The body and the elements still open where a piece ends: the chain of last children,
    which must be the containers the next piece starts inside (none after the last piece)."""
    if names is None:
        return []
    chain = [body]
    for name in names:
        last = chain[-1].last_child
        if last is None or last.tag != name:
            raise _Mismatch
        chain.append(last)
    return chain


def _resume(body: LexborNode, carried: list[_Frame], names: tuple[str, ...]) -> list[_Frame]:
    """The carried frames on a new piece's tree: each open element's children from after
    the one the walk is inside (the piece starts with them, so that comes first)."""
    if len(carried) != len(names) + 1:
        raise _Mismatch
    frames: list[_Frame] = []
    node = body
    for depth, frame in enumerate(carried):
        children = node.iter(include_text=True)
        frames.append(_Frame(frame.tag, node.mem_id, children, frame.pushed))
        if depth < len(names):
            inner = next(children, None)
            if inner is None or inner.tag != names[depth]:
                raise _Mismatch
            node = inner
    return frames


@dataclass(slots=True)
class _Frame:
    """An open element on the walk's stack."""

    tag: str
    node_id: int  # its mem_id in the tree being walked
    children: Iterator[LexborNode]  # still to visit
    pushed: bool  # it pushed onto walk.drops


def _frames(root: LexborNode, walk: _Walk) -> list[_Frame]:
    """The stack of a walk that starts by entering `root`."""
    tag = root.tag or ""
    if not tag or tag.startswith("-") or tag in _SKIP:
        return []
    return [_Frame(tag, root.mem_id, root.iter(include_text=True), _enter(root, tag, walk))]


def _walk(frames: list[_Frame], walk: _Walk, stay_open: set[int] | None = None) -> list[_Frame]:
    """Depth-first walk without recursion (pages can nest deeper than Python's stack).

    The stack holds one child iterator per open element, not the children themselves: a
    body with a hundred thousand children costs one iterator, not a hundred thousand nodes.
    An element in `stay_open` whose children run out is not left: it goes on in the next
    piece of the page, and the frames are returned as they are then.
    """
    while frames:
        frame = frames[-1]
        child = next(frame.children, None)
        if child is None:
            if stay_open and frame.node_id in stay_open:
                return frames
            frames.pop()
            _leave(frame.tag, frame.pushed, walk)
            continue
        tag = child.tag or ""
        if tag == "-text":
            walk.buffer.append(child.text_content or "")
        elif tag == "br":
            walk.flush()
        elif tag and not tag.startswith("-") and tag not in _SKIP:
            pushed = _enter(child, tag, walk)
            frames.append(_Frame(tag, child.mem_id, child.iter(include_text=True), pushed))
    return frames


@dataclass(frozen=True, slots=True)
class _Decision:
    """What the tag and attributes of an element say, whatever its content."""

    drop: _Drop | None  # hidden, or page furniture; unless it holds the article
    shows_itself: bool  # visibility:visible: seen inside a visibility:hidden parent
    lead: bool  # a class or id that marks the standfirst


def _enter(node: LexborNode, tag: str, walk: _Walk) -> bool:
    """Open an element; True if it starts a dropped region (or shows itself inside one)."""
    attributes = node.attributes
    key = (
        tag,
        *(f"{name}={value}" for name, value in attributes.items() if name in _DECIDING),
    )
    decision = walk.decided.get(key)
    if decision is None:
        decision = walk.decided[key] = _decide(tag, attributes, walk)
    current = walk.drop
    pushed = False
    change: _Drop | None = None
    if current is None:
        change = decision.drop
        if change is not None and change.rule.kind is RuleKind.DROP_ELEMENT:
            inside = change.rule.unless_inside
            if any(walk.open_tags[name] > 0 for name in inside):
                change = _dropped_element(tag, attributes, walk, skip_inside=True)
        if change is not None and node.mem_id in walk.article_holders:
            change = None
        pushed = change is not None
    elif current.undone_by_visible and decision.shows_itself:
        pushed = True  # change stays None: seen again inside a visibility:hidden parent
    if tag in _BLOCKS or pushed:
        walk.flush()
    if pushed:
        walk.drops.append(change)
    if tag in _TAG_HINTS:
        walk.hints.append(_TAG_HINTS[tag])
    elif decision.lead:
        walk.hints.append(BlockHint.LEAD)
    else:
        walk.hints.append(walk.hints[-1] if walk.hints else BlockHint.NONE)
    walk.open_tags[tag] += 1
    return pushed


# The attributes that decide whether an element is dropped or marks a lead.
_DECIDING = frozenset({"class", "id", "style", "hidden", "aria-hidden"})


def _decide(tag: str, attributes: dict[str, str | None], walk: _Walk) -> _Decision:
    hidden = _hidden(attributes, walk)
    drop = hidden or _dropped_element(tag, attributes, walk, skip_inside=False)
    lead = walk.rules.lead.class_pattern
    return _Decision(
        drop=drop,
        shows_itself=shows_itself(attributes, walk.sheet),
        lead=lead is not None and any(lead.search(name) for name in _names(attributes)),
    )


def _leave(tag: str, pushed: bool, walk: _Walk) -> None:
    if tag in _BLOCKS or pushed:
        walk.flush()
    if pushed:
        walk.drops.pop()
    walk.hints.pop()
    walk.open_tags[tag] -= 1


def _hidden(attributes: dict[str, str | None], walk: _Walk) -> _Drop | None:
    if not walk.hidden_rules or not attributes:
        return None
    found = hiding(attributes, walk.sheet, walk.hiding_enabled)
    if found is None:
        return None
    rule = walk.hidden_rules[found.by]
    return _Drop(rule, f"{rule.category} ({found.detail})", found.inherited)


def _dropped_element(
    tag: str, attributes: dict[str, str | None], walk: _Walk, *, skip_inside: bool
) -> _Drop | None:
    """The first drop_element rule for the tag or a class/id name; with `skip_inside`, the
    first whose `unless_inside` tags are not open around the element."""
    rules = walk.element_rules
    candidates = {n for n, rule in enumerate(rules) if tag in rule.tags}
    for name in _names(attributes):
        candidates.update(n for n, rule in enumerate(rules) if _class_matches(rule, name))
    for n in sorted(candidates):
        rule = rules[n]
        if skip_inside and any(walk.open_tags[inside] > 0 for inside in rule.unless_inside):
            continue
        return _Drop(rule, rule.category)
    return None


def _class_matches(rule: Rule, name: str) -> bool:
    return rule.class_pattern is not None and rule.class_pattern.search(name) is not None


def _article_holders(tree: LexborHTMLParser) -> set[int]:
    """Every <h1> and <article> and the elements around them, by node identity: such
    elements are never dropped (see the module docstring). Found once, going up from each
    and stopping where an earlier one went (asking each candidate for its descendants
    would be quadratic in a page of nested boxes)."""
    holders: set[int] = set()
    for found in tree.css("h1, article"):
        node: LexborNode | None = found
        while node is not None and node.mem_id not in holders:
            holders.add(node.mem_id)
            node = node.parent
    return holders


def _names(attributes: dict[str, str | None]) -> list[str]:
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
        title = title_text(node.text()) if node is not None else ""
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
        if piece.drop is None:
            blocks.append(Block(piece.text, number, piece.hint))
        else:
            dropped.append(DroppedBlock(piece.text, number, piece.drop.rule.id, piece.drop.reason))
    return Extraction(blocks=tuple(blocks), dropped=tuple(dropped), metadata=metadata)
