"""A glossary file of any supported kind, chosen by extension: TBX, CSV, else TSV.

A .tbx file is read whichever TBX version it is (v2 `martif` or v3 `tbx`, told by its root)
and written as TBX v2, the version the CAT tools read.
"""

from __future__ import annotations

from pathlib import Path

from workbench.core.glossary import Glossary
from workbench.formats import glossary_table, tbx


def read(path: Path) -> Glossary:
    return tbx.read(path) if Path(path).suffix.lower() == ".tbx" else glossary_table.read(path)


def write(glossary: Glossary, path: Path) -> None:
    """Atomic, in the format the extension names."""
    if Path(path).suffix.lower() == ".tbx":
        tbx.write(glossary, path)
    else:
        glossary_table.write(glossary, path)
