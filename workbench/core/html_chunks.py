"""Cutting a large HTML page into pieces that can be parsed one at a time.

A parsed page takes ten to twenty times its size in memory (every element and text node is
an object), so a 50 MB page would need most of a gigabyte at once. A large page is
therefore parsed in pieces of a few megabytes, cut where a piece can be parsed alone and
give the same tree: between elements, where only plain containers (div, section, ul...) are
open. Each later piece is parsed after those containers' start tags (`spine`), so that its
elements land where they would in the whole page; the walk over the blocks keeps its state
from piece to piece (see html_blocks).

Where to cut is found by a strict scan of the tags. It gives up (the page is parsed whole,
as small pages always are) on anything where an HTML parser would build a tree the scan
does not predict: a closing tag that does not close the last open element, a block opened
inside an open <p>, a list item inside an open list item, a second <body> with attributes,
an unterminated comment or tag. Script, style, title and the like are skipped as raw text;
their sources (and <meta>/<link> tags) are collected so that the page's style sheets,
title and metadata can be read from one small document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

CHUNK_CHARACTERS = 4_000_000  # about what the parser turns into 50-100 MB

# A comment opening, <!...> or <?...>, or a whole start or end tag (quoted attribute values
# may hold ">"; the attribute part is written unrolled, which the regex engine runs fast).
_TAG = re.compile(
    r"""<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>|[!?])"""
)
_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")
_VOID_TAGS = "area base br col embed hr img input keygen link meta param source track wbr"
_RAW_TAGS = "script style textarea title xmp iframe noembed noframes svg math"
# Open elements a piece may be cut inside (their start tags open the next piece).
_CONTAINER_TAGS = "div section article main center blockquote ul ol dl header footer aside nav"
# Start tags that close an open <p>.
_CLOSES_P_TAGS = """address article aside blockquote center details dialog dir div dl fieldset
figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre
section table ul dd dt"""
_VOID = frozenset(_VOID_TAGS.split())
_RAW = frozenset(_RAW_TAGS.split())
_CONTAINERS = frozenset(_CONTAINER_TAGS.split())
_CLOSES_P = frozenset(_CLOSES_P_TAGS.split())
_HEAD_SOURCES = frozenset({"style", "title"})  # raw-text elements worth reading afterwards
_HEAD_TAGS = frozenset({"meta", "link"})
_TRANSPARENT = frozenset({"html", "head", "body"})
# Elements that close themselves when one of these opens right inside them.
_SELF_CLOSING = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"}}


@dataclass(frozen=True)
class Piece:
    """A part of the page to parse alone."""

    start: int
    end: int
    spine: tuple[str, ...]  # start tags of the containers open where the piece starts
    # Whether each container open where the piece ends holds an <h1> or <article> (maybe
    # in a later piece): such elements are never dropped.
    holds_article: tuple[bool, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The tag names of the spine."""
        return tuple(_name(tag) for tag in self.spine)


@dataclass
class Plan:
    """The pieces of a page and the sources its style sheets, title and metadata come from."""

    pieces: list[Piece]
    head_sources: list[str] = field(default_factory=list)


class _Irregular(Exception):
    """The page does something the scan does not follow: parse it whole."""


def plan(html: str, size: int = CHUNK_CHARACTERS) -> Plan | None:
    """Pieces of about `size` characters, or None if the page is small or irregular."""
    if len(html) <= size:
        return None
    try:
        return _scan(html, size)
    except _Irregular:
        return None


# An open element: (name, where its start tag begins, where it ends).
_Open = tuple[str, int, int]


def _scan(html: str, size: int) -> Plan:
    stack: list[_Open] = []
    paragraphs_open = 0  # <p> elements on the stack
    found = Plan(pieces=[])
    cuts: list[tuple[int, list[_Open]]] = []  # (position, containers open there)
    articles: list[int] = []  # where <h1> and <article> start tags begin
    closes: dict[int, int] = {}  # where the containers open at a cut end
    watched: set[int] = set()  # start positions of those containers
    body_seen = False
    last_cut = 0
    position = 0
    search = _TAG.search
    while (tag := search(html, position)) is not None:
        comment, closing, raw_name, attributes = tag.groups()
        if raw_name is None:  # a comment, <!DOCTYPE>, <!...>, <?...>
            end = html.find("-->" if comment else ">", tag.end())
            if end < 0:
                raise _Irregular
            position = end + (3 if comment else 1)
            continue
        name = raw_name.lower()
        position = tag.end()
        if closing:
            if name in _TRANSPARENT:
                continue
            if not stack or stack[-1][0] != name:
                raise _Irregular
            _, start, _ = stack.pop()
            paragraphs_open -= name == "p"
            if start in watched:
                closes[start] = position
            if body_seen and position - last_cut >= size and _only_containers(stack):
                cuts.append((position, list(stack)))
                watched.update(element[1] for element in stack)
                last_cut = position
            continue
        if name in _TRANSPARENT:
            if name == "body":
                if body_seen and attributes.strip(" \t\r\n/"):
                    raise _Irregular  # later <body> attributes are merged into the first
                body_seen = True
            continue
        if name in _HEAD_TAGS:
            found.head_sources.append(html[tag.start() : position])
        if name in _VOID:
            continue
        if name == "plaintext":
            raise _Irregular  # everything after it is text
        if name in _RAW:
            position = _skip_raw(html, name, position)
            if name in _HEAD_SOURCES:
                found.head_sources.append(html[tag.start() : position])
            continue
        if paragraphs_open and name in _CLOSES_P:
            raise _Irregular  # the parser would close the <p> first
        if stack and stack[-1][0] in _SELF_CLOSING.get(name, ()):
            raise _Irregular  # <li><li>: the parser closes the first
        if name in ("h1", "article"):
            articles.append(tag.start())
        stack.append((name, tag.start(), position))
        paragraphs_open += name == "p"
    found.pieces = _pieces(html, cuts, articles, closes)
    return found


def _name(start_tag: str) -> str:
    found = _NAME.match(start_tag)
    assert found is not None, "spines hold start tags the scan matched"
    return found.group(1).lower()


def _skip_raw(html: str, name: str, position: int) -> int:
    closing = _raw_end(name).search(html, position)
    if closing is None:
        raise _Irregular
    return closing.end()


@cache
def _raw_end(name: str) -> re.Pattern[str]:
    return re.compile(f"</{name}\\s*>", re.IGNORECASE)


def _only_containers(stack: list[_Open]) -> bool:
    return all(element[0] in _CONTAINERS for element in stack)


def _pieces(
    html: str, cuts: list[tuple[int, list[_Open]]], articles: list[int], closes: dict[int, int]
) -> list[Piece]:
    pieces: list[Piece] = []
    start = 0
    spine: tuple[str, ...] = ()
    for position, open_elements in [*cuts, (len(html), [])]:
        if position <= start:
            continue
        holds = tuple(
            _holds(begin, closes.get(begin, len(html)), articles) for _, begin, _ in open_elements
        )
        pieces.append(Piece(start, position, spine, holds))
        start = position
        spine = tuple(html[begin:end] for _, begin, end in open_elements)
    return pieces


def _holds(start: int, end: int, articles: list[int]) -> bool:
    """Whether an <h1> or <article> begins between an element's start and end."""
    first = bisect.bisect_left(articles, start)
    return first < len(articles) and articles[first] < end
