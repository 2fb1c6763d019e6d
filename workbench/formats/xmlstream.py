"""XML output for the workbench's XML formats (TMX, XLIFF): streamed, always valid.

A document is written record by record (`XmlStream.write` takes one `<tu>`, one
`<trans-unit>`), so an export of any size holds one record in memory, not the tree. Every
text and attribute value goes through `clean`, the writers' side of the text policy: a
character XML 1.0 cannot carry becomes U+FFFD instead of stopping the export.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import IO

from lxml import etree

from workbench.formats.writable import writable
from workbench.formats.xmlsafe import local_name

INDENT = "  "


def clean(text: str) -> str:
    """Text fit for an XML 1.0 document (see `workbench.core.text_policy`)."""
    return writable(text)


def make(
    tag: str,
    text: str | None = None,
    attrib: Mapping[str, str] | None = None,
    *,
    nsmap: Mapping[str | None, str] | None = None,
) -> etree._Element:
    """A new element whose text and attribute values are cleaned (`nsmap`: the namespace
    prefixes of a record in a namespaced document, e.g. XLIFF's default namespace)."""
    element = etree.Element(
        tag,
        {k: writable(v) for k, v in attrib.items()} if attrib else None,
        nsmap=dict(nsmap) if nsmap else None,
    )
    if text is not None:
        element.text = writable(text)
    return element


def add(
    parent: etree._Element,
    tag: str,
    text: str | None = None,
    attrib: Mapping[str, str] | None = None,
) -> etree._Element:
    """`make`, appended to `parent`."""
    element = etree.SubElement(
        parent, tag, {k: writable(v) for k, v in attrib.items()} if attrib else None
    )
    if text is not None:
        element.text = writable(text)
    return element


class XmlStream:
    """An open element of a document being written; records go in one at a time."""

    def __init__(self, writer: etree.xmlfile, depth: int, verbatim: frozenset[str]) -> None:
        self._writer = writer
        self._depth = depth
        self._verbatim = verbatim

    def write(self, element: etree._Element, *, indent: bool = True) -> None:
        """Write a whole element (a record) on its own lines, indented (unless the caller
        has put the white space in already: `indent=False`)."""
        if indent:
            _indent(element, self._depth, self._verbatim)
        self._writer.write("\n" + INDENT * self._depth)
        self._writer.write(element)

    @contextlib.contextmanager
    def element(self, tag: str, attrib: Mapping[str, str] | None = None) -> Iterator[XmlStream]:
        """Open a container (`<body>`) whose records are written inside the block."""
        self._writer.write("\n" + INDENT * self._depth)
        cleaned = {k: clean(v) for k, v in (attrib or {}).items()}
        with self._writer.element(tag, cleaned):
            inner = XmlStream(self._writer, self._depth + 1, self._verbatim)
            yield inner
            self._writer.write("\n" + INDENT * self._depth)


@contextlib.contextmanager
def xml_stream(
    handle: IO[bytes],
    root: str,
    attrib: Mapping[str, str] | None = None,
    *,
    doctype: str | None = None,
    nsmap: Mapping[str | None, str] | None = None,
    verbatim: frozenset[str] = frozenset(),
) -> Iterator[XmlStream]:
    """Write an XML document (declaration, doctype, root) to `handle`.

    `verbatim` names the elements whose content is text (`seg`, `source`, `target`):
    indentation never enters them, so whitespace between inline codes stays as it was.
    """
    with etree.xmlfile(handle, encoding="UTF-8") as writer:
        writer.write_declaration()
        if doctype:
            writer.write_doctype(doctype)
        cleaned = {k: clean(v) for k, v in (attrib or {}).items()}
        with writer.element(root, cleaned, nsmap=dict(nsmap) if nsmap else None):
            yield XmlStream(writer, 1, verbatim)
            writer.write("\n")
    handle.write(b"\n")


def _indent(element: etree._Element, depth: int, verbatim: frozenset[str]) -> None:
    """Put each child of a structural element on its own line (only where no text is)."""
    if local_name(element) in verbatim or len(element) == 0:
        return
    if element.text is None:
        element.text = "\n" + INDENT * (depth + 1)
    last = None
    for child in element:
        _indent(child, depth + 1, verbatim)
        if child.tail is None:
            child.tail = "\n" + INDENT * (depth + 1)
        last = child
    if last is not None and last.tail == "\n" + INDENT * (depth + 1):
        last.tail = "\n" + INDENT * depth
