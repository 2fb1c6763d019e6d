"""Sizes of files as users write them: `200M`, `1.5G`, `512K`, `52428800`.

Units are binary, as file managers on Chinese desktops and `ls -h` show them: K = 1024
bytes, M = 1024 K, G = 1024 M; `MB`, `MiB` and `m` mean the same as `M`.
"""

from __future__ import annotations

import re

from workbench.core.errors import InputError

_UNITS = {"": 1, "B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes in a size such as `200M`; InputError for anything else (or for zero)."""
    found = _SIZE.fullmatch(text)
    if found is None:
        raise InputError(f"{text!r} is not a size; write it like 200M, 1G or 512K")
    number, unit = found.groups()
    size = int(float(number) * _UNITS[unit.upper()])
    if size <= 0:
        raise InputError(f"{text!r} is not a size above zero")
    return size


def format_size(size: int) -> str:
    """`50 MB`, `1.5 GB`, `700 KB`, `900 bytes`: the largest unit with at most one decimal."""
    for unit, name in ((1 << 40, "TB"), (1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")):
        if size >= unit:
            value = f"{size / unit:.1f}".removesuffix(".0")
            return f"{value} {name}"
    return f"{size} bytes"
