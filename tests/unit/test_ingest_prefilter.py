"""The required-character prefilter never skips a line a rule would match."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from workbench.core.regex_prefilter import required_characters
from workbench.ingest_rules import default_rules

ROOT = Path(__file__).resolve().parents[2]
EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize(
    ("pattern", "flags", "needed"),
    [
        (r"\s*[(（]\s*完\s*[)）]$", 0, {"完"}),  # the smallest set a part needs
        ("(?:九游会|开云)(?:官网)?(?:登录|下载)+", 0, {"九", "开"}),  # the first of equals
        ("^来自[\u4e00-\u9fff]{2,8}$", 0, {"来"}),
        ("a.b", 0, {"a"}),
        ("(?:x|yz)", 0, {"x", "y"}),  # one set per alternative
        ("(?<![a-z])x", 0, {"x"}),  # a lookbehind needs no character of the match
        ("k", re.IGNORECASE, {"k"}),  # tested lower-cased: K and the Kelvin sign lower to k
        ("Σ", re.IGNORECASE, {"σ", "ς"}),
    ],
)
def test_required_characters_of_simple_patterns(pattern: str, flags: int, needed: set[str]) -> None:
    found = required_characters(re.compile(pattern, flags))
    assert found is not None and set(found.chars) == needed


@pytest.mark.parametrize("pattern", [".", r"\w+", "[^a]", "a?", "(?:a|)", r"(a?)\1", "x*"])
def test_patterns_with_nothing_to_require_get_no_prefilter(pattern: str) -> None:
    assert required_characters(re.compile(pattern)) is None


@pytest.mark.parametrize("letter", [*"abcdefghijklmnopqrstuvwxyz", "σ", "µ", "ß", "ǆ"])
def test_case_folding_matches_the_regex_engine(letter: str) -> None:
    prefilter = required_characters(re.compile(re.escape(letter), re.IGNORECASE))
    assert prefilter is not None and prefilter.folded
    for char in re.findall(re.escape(letter), EVERY_CHARACTER, re.IGNORECASE):
        assert not prefilter.chars.isdisjoint(set(char.lower())), (letter, char)


def _sample_lines() -> list[str]:
    lines: list[str] = []
    for path in [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/data/ingest/*_page.txt")]:
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    rules = default_rules().rules
    lines += [example for rule in rules for example in (*rule.examples, *rule.not_examples)]
    random.seed(7)
    mutated = []
    for line in lines:
        if len(line) > 3:
            cut = random.randrange(len(line))
            mutated += [line[:cut], line[cut:], line[::-1], line.upper()]
    return [line for line in lines + mutated if line]


def test_no_default_rule_is_skipped_on_a_line_it_matches() -> None:
    lines = _sample_lines()
    checked = 0
    for rule in default_rules().rules:
        if rule.pattern is None or rule.prefilter is None:
            continue
        for line in lines:
            if rule.pattern.search(line) is not None:
                checked += 1
                chars = set(line.lower()) if rule.prefilter.folded else set(line)
                assert not rule.prefilter.chars.isdisjoint(chars), (rule.id, line)
    assert checked > 200  # the sample does exercise the rules
