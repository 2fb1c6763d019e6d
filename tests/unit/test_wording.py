"""Wording of messages: plurals are spelled out (`core.phrasing.counted`), never "pair(s)"."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from workbench.core.phrasing import counted

PACKAGE = Path(__file__).resolve().parents[2] / "workbench"
OPTIONAL_PLURAL = re.compile(r"[A-Za-z]\(s\)")
# String tokens: f-strings are one STRING token up to Python 3.11, pieces from 3.12 on.
TEXT_TOKENS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def test_no_message_says_pair_s() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in TEXT_TOKENS and OPTIONAL_PLURAL.search(token.string):
                found.append(f"{path.relative_to(PACKAGE)}:{token.start[0]}: {token.string}")
    assert found == []


def test_counted_spells_the_plural() -> None:
    assert counted(1, "pair") == "1 pair"
    assert counted(3, "pair") == "3 pairs"
