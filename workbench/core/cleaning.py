"""Classifying the lines of a page: kept, dropped (with rule and reason), metadata, title hint.

A single pass in document order applies the rules file (see cleaning_rules.toml for the
kinds). It keeps two pieces of state: whether the article body has started — end markers
such as 责编 or 网友评论 cut the page only after it has, so a 相关阅读 box in a page header
cannot take the article with it — and the open cut or link-list section. Passes over the
whole page then handle what needs both neighbours: weak comment rules, lines sandwiched
between reader comments, and link lists whose items are followed by timestamps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.core.blocks import PARAGRAPH_END, Block, BlockHint
from workbench.core.cleaning_rules import CleaningRules, Heuristics, Rule, RuleKind
from workbench.core.metadata import parse_metadata_line
from workbench.core.segments import DocumentMetadata, DroppedBlock
from workbench.core.text import clean_spaces, normalize_punctuation

_CLAUSE_PUNCT = re.compile(r"[，。！？；,.!?;]")
_BULLETS = "•●◆◇■□▪▫►▶·-*"
_WORDY = re.compile(r"[\w\u3400-\u9fff]")
COMMENT_CONTEXT = "heuristic.comment_context"
TIMESTAMP_LIST = "heuristic.timestamp_list"


class LineState(StrEnum):
    KEPT = "kept"
    DROPPED = "dropped"
    METADATA = "metadata"
    TITLE_HINT = "title_hint"  # names the title; dropped if the title is found elsewhere


@dataclass(slots=True)  # one per block of the page: slots keep a large page small
class Line:
    """One block on its way through the cleaner."""

    block: Block
    text: str  # whitespace cleaned; spam prefix and end marks removed
    state: LineState = LineState.KEPT
    rule_id: str = ""
    reason: str = ""
    comment: bool = False  # dropped as a reader comment: a signal for its neighbours
    previous_category: str | None = None  # from the rule that dropped it (timestamps)
    in_tail: bool = False  # dropped only for standing after an end marker: may be relabelled
    changes: tuple[str, ...] = ()  # notes on what was removed (a tuple: most have none)
    title_hint: str | None = None
    metadata: DocumentMetadata | None = None
    _normalized_from: str | None = field(default=None, repr=False)
    _normalized: str = field(default="", repr=False)

    @property
    def kept(self) -> bool:
        return self.state is LineState.KEPT

    def normalized(self) -> str:
        """The text with its punctuation normalized, computed once (the lead finder and the
        paragraphs both need it, and it is the costliest step per line)."""
        if self._normalized_from is not self.text:
            self._normalized_from, self._normalized = self.text, normalize_punctuation(self.text)
        return self._normalized

    def drop(self, rule_id: str, reason: str) -> None:
        self.state, self.rule_id, self.reason = LineState.DROPPED, rule_id, reason

    def drop_by(self, rule: Rule) -> None:
        self.drop(rule.id, rule.category)
        self.comment = rule.kind is RuleKind.COMMENT_LINE
        self.previous_category = rule.previous_category

    def dropped_block(self) -> DroppedBlock:
        return DroppedBlock(self.block.source_text, self.block.line_no, self.rule_id, self.reason)


def is_body_like(text: str, heuristics: Heuristics) -> bool:
    """Running text: long enough and punctuated like sentences."""
    return len(text) >= heuristics.body_min_chars and bool(_CLAUSE_PUNCT.search(text))


def classify(blocks: Sequence[Block], rules: CleaningRules) -> list[Line]:
    """Lines of the blocks with their state after the rules and the neighbour heuristics."""
    lines = [Line(block, text) for block in blocks if (text := clean_spaces(block.text))]
    scan = _Scan(rules)
    for n, line in enumerate(lines):
        scan.classify(line, lines[n + 1] if n + 1 < len(lines) else None)
    _drop_weak_comments(lines, rules)
    _drop_comment_sandwiches(lines)
    _drop_timestamp_lists(lines, rules.heuristics)
    return lines


@dataclass
class _Scan:
    rules: CleaningRules
    body_seen: bool = False
    cut: Rule | None = None  # a drop_from marker seen after the body: the rest goes
    section: Rule | None = None  # an open link-list section

    def classify(self, line: Line, following: Line | None) -> None:
        if self.cut is not None:
            specific = self._specific_drop(line.text, weak_too=True)
            if specific is not None:
                line.drop_by(specific)
            else:
                line.drop(self.cut.id, self.cut.tail_category or f"after {self.cut.category}")
                line.in_tail = True
            return
        lowered = line.text.lower()
        if self._marker(line, lowered) or self._section_item(line, following):
            return
        if self._title_hint(line) or self._metadata(line) or self._dropped_by_rule(line, lowered):
            return
        self._strip(line, lowered)
        if line.kept and is_body_like(line.text, self.rules.heuristics):
            self.body_seen = True

    def _specific_drop(self, text: str, *, weak_too: bool = False) -> Rule | None:
        """The rule that names best why a line in a dropped region goes."""
        kinds = (
            RuleKind.DROP_FROM,
            RuleKind.DROP_SECTION,
            RuleKind.COMMENT_LINE,
            RuleKind.DROP_LINE,
        )
        return self.rules.group(len(text), *kinds).first_match(text, weak_too=weak_too)

    def _marker(self, line: Line, lowered: str) -> bool:
        kinds = (RuleKind.DROP_FROM, RuleKind.DROP_SECTION)
        group = self.rules.group(len(line.text), *kinds)
        marker = group.first_match(line.text, lowered=lowered)
        if marker is None:
            return False
        line.drop_by(marker)
        if self.body_seen:  # before the body a marker is just a stray line
            if marker.kind is RuleKind.DROP_FROM:
                self.cut = marker
            else:
                self.section = marker
        return True

    def _section_item(self, line: Line, following: Line | None) -> bool:
        if self.section is None:
            return False
        specific = self._specific_drop(line.text)
        if specific is not None:
            line.drop_by(specific)
            return True
        if self._is_list_item(line.text, following):
            line.drop(self.section.id, self.section.category)
            return True
        self.section = None
        return False

    def _is_list_item(self, text: str, following: Line | None) -> bool:
        """A link under a list heading: a bullet, a headline (short, no final full stop) or
        a teaser followed by its timestamp; a sentence ends the list."""
        if text[0] in _BULLETS:
            return True
        short = len(text) <= self.rules.heuristics.section_item_max_chars
        if short and not text.endswith(tuple(PARAGRAPH_END)):
            return True
        timestamps = [r for r in self.rules.of_kind(RuleKind.DROP_LINE) if r.previous_category]
        return following is not None and any(r.matches(following.text) for r in timestamps)

    def _title_hint(self, line: Line) -> bool:
        if line.block.hint is BlockHint.PAGE_TITLE:
            line.state, line.title_hint = LineState.TITLE_HINT, line.text
            line.rule_id, line.reason = "page.title", "page title (names the article)"
            return True
        for rule in self.rules.for_line(len(line.text), RuleKind.TITLE_HINT):
            found = rule.matches(line.text)
            if found and found["title"].strip():
                line.state, line.title_hint = LineState.TITLE_HINT, found["title"].strip()
                line.rule_id, line.reason = rule.id, rule.category
                return True
        return False

    def _metadata(self, line: Line) -> bool:
        labels = self.rules.metadata
        opening = line.text.lstrip("【[（( ")
        if self.body_seen and not opening.startswith(labels.source):
            return False  # metadata-like lines inside the article are text (时间：… in a notice)
        found = parse_metadata_line(line.text, labels)
        if found is None:
            return False
        line.state, line.metadata = LineState.METADATA, found
        line.rule_id, line.reason = "metadata", "metadata (" + _fields_named(found) + ")"
        return True

    def _dropped_by_rule(self, line: Line, lowered: str) -> bool:
        kinds = (RuleKind.COMMENT_LINE, RuleKind.DROP_LINE)
        group = self.rules.group(len(line.text), *kinds)
        rule = group.first_match(line.text, weak_too=False, lowered=lowered)
        if rule is not None:
            line.drop_by(rule)
        return rule is not None

    def _strip(self, line: Line, lowered: str) -> None:
        kinds = (RuleKind.STRIP_PREFIX, RuleKind.STRIP_SUFFIX, RuleKind.STRIP_INLINE)
        # Rules of any length (the line gets shorter); stripping only removes characters, so
        # a rule that cannot match the line cannot match what is left of it either.
        for rule in self.rules.group(0, *kinds).candidates(line.text, lowered):
            while (found := rule.matches(line.text)) is not None and found.group():
                removed = found.group().strip()
                where = _position(found, line.text)
                line.text = (line.text[: found.start()] + line.text[found.end() :]).strip()
                line.changes += (f"removed {rule.category} {where} {removed} ({rule.id})",)
                if not _WORDY.search(line.text):
                    line.drop_by(rule)
                    return
                if rule.kind is not RuleKind.STRIP_INLINE:
                    break


def _position(found: re.Match[str], text: str) -> str:
    if found.start() == 0:
        return "prefix"
    return "suffix" if found.end() == len(text) else "inside the paragraph:"


def _fields_named(metadata: DocumentMetadata) -> str:
    names = ("source", "author", "date", "url")
    return ", ".join(name for name in names if getattr(metadata, name))


def _drop_weak_comments(lines: list[Line], rules: CleaningRules) -> None:
    weak = [r for r in rules.of_kind(RuleKind.COMMENT_LINE) if r.weak]
    for n, line in enumerate(lines):
        if not line.kept:
            continue
        rule = next((r for r in weak if r.matches(line.text)), None)
        if rule is not None and any(_is_comment(lines, k) for k in (n - 1, n + 1)):
            line.drop_by(rule)


def _drop_comment_sandwiches(lines: list[Line]) -> None:
    for n, line in enumerate(lines):
        if line.kept and _is_comment(lines, n - 1) and _is_comment(lines, n + 1):
            line.drop(COMMENT_CONTEXT, "reader comment (between comment lines)")
            line.comment = True


def _is_comment(lines: list[Line], n: int) -> bool:
    return 0 <= n < len(lines) and lines[n].comment


def _drop_timestamp_lists(lines: list[Line], heuristics: Heuristics) -> None:
    """Drop runs of "item, timestamp" pairs: lists of related links with their dates."""
    run: list[tuple[Line, str]] = []
    n = 1
    while n < len(lines):
        stamp, item = lines[n], lines[n - 1]
        if stamp.previous_category and (item.kept or item.in_tail):
            run.append((item, stamp.previous_category))
            n += 2
            continue
        _drop_run(run, heuristics)
        run = []
        n += 1
    _drop_run(run, heuristics)


def _drop_run(run: list[tuple[Line, str]], heuristics: Heuristics) -> None:
    if heuristics.list_pairs_min and len(run) >= heuristics.list_pairs_min:
        for item, category in run:
            item.drop(TIMESTAMP_LIST, category)
