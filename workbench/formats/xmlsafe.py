"""Reading XML that other tools wrote, safely: lxml never expands an entity, never loads a
DTD and never touches the network (XXE, billion laughs); a file that declares entities is
refused by each reader with the same words."""

from __future__ import annotations

from typing import Any

from lxml import etree

# Keyword arguments for etree.iterparse / XMLParser.
SAFE_PARSING: dict[str, Any] = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "dtd_validation": False,
}


def local_name(element: etree._Element) -> str:
    """The tag without its namespace; "" for comments and processing instructions."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def declared_entities(root: etree._Element) -> list[str]:
    """The entities the document's internal DTD subset declares, sorted."""
    dtd = root.getroottree().docinfo.internalDTD
    return sorted(str(entity.name) for entity in dtd.iterentities()) if dtd is not None else []


def entities_refused(shown: str, names: list[str]) -> str:
    """The one line for a file that declares entities."""
    return (
        f"{shown}: declares XML entities ({', '.join(names[:5])}); the workbench never "
        "expands entities (they can read files or exhaust memory): remove the declarations "
        "and references"
    )
