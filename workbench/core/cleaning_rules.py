"""Cleaning rules: what counts as page junk, as data parsed from a TOML string.

The default rules live in `workbench/data/cleaning_rules.toml`; a user file is merged on top
of them: a `[[rules]]` table with a known `id` changes only the keys it gives (so
`enabled = false` switches a rule off), a new `id` adds a rule, and keys of the `[metadata]`,
`[lead]` and `[heuristics]` tables replace the defaults. See the default file for the kinds.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.core.errors import InputError
from workbench.core.html_hidden import HiddenBy
from workbench.core.regex_prefilter import Prefilter, required_characters

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Table = TypeVar("_Table", bound="DataclassInstance")


class RuleKind(StrEnum):
    DROP_LINE = "drop_line"  # drop a line matching `pattern`
    COMMENT_LINE = "comment_line"  # drop a reader-comment line; neighbours may follow it
    DROP_FROM = "drop_from"  # a standalone marker after which the rest of the page is dropped
    DROP_SECTION = "drop_section"  # a heading of a link list: drop it and its list items
    STRIP_PREFIX = "strip_prefix"  # remove injected text glued to the start of a paragraph
    STRIP_SUFFIX = "strip_suffix"  # remove a trailing mark such as （完）
    STRIP_INLINE = "strip_inline"  # remove injected text wherever it stands in a paragraph
    TITLE_HINT = "title_hint"  # a line naming the title, e.g. 正在阅读:..., group `title`
    DROP_ELEMENT = "drop_element"  # HTML: drop elements by tag or class/id
    DROP_HIDDEN = "drop_hidden"  # HTML: drop elements hidden from readers, as `hidden_by` says


LINE_KINDS = frozenset(RuleKind) - {RuleKind.DROP_ELEMENT, RuleKind.DROP_HIDDEN}


@dataclass(frozen=True)
class Rule:
    """One cleaning rule; patterns are searched case-insensitively in the raw line."""

    id: str
    kind: RuleKind
    category: str  # the reason shown to the user, e.g. "share widget"
    pattern: re.Pattern[str] | None = None
    max_chars: int | None = None  # applies only to lines at most this long
    weak: bool = False  # comment_line: only next to another comment line
    previous_category: str | None = None  # drop the line before each match, if in a list
    tail_category: str | None = None  # drop_from: reason given to the lines after the marker
    tags: tuple[str, ...] = ()  # drop_element: tag names
    class_pattern: re.Pattern[str] | None = None  # drop_element: searched in each class and id
    unless_inside: tuple[str, ...] = ()  # drop_element: keep it inside these tags
    hidden_by: HiddenBy | None = None  # drop_hidden: style, attribute, aria or stylesheet
    enabled: bool = True
    examples: tuple[str, ...] = ()  # lines the rule must match (checked when loading)
    not_examples: tuple[str, ...] = ()  # lines it must not match
    # Characters a match needs one of (computed from `pattern`): a quick "cannot match".
    prefilter: Prefilter | None = field(default=None, compare=False, repr=False)

    def matches(self, line: str) -> re.Match[str] | None:
        """The match of this line rule in `line` (a whitespace-cleaned line), if it applies."""
        if self.pattern is None or (self.max_chars is not None and len(line) > self.max_chars):
            return None
        if self.kind is RuleKind.STRIP_PREFIX:
            return self.pattern.match(line)
        found = self.pattern.search(line)
        if self.kind is RuleKind.STRIP_SUFFIX and found and found.end() != len(line):
            return None
        return found


@dataclass(frozen=True)
class RuleGroup:
    """Rules tried in order on a line, indexed by the characters they require (see
    regex_prefilter): only the rules whose required characters the line holds are searched,
    and finding those characters is one scan of the line in C, not one test per rule."""

    rules: tuple[Rule, ...]
    always: frozenset[int]  # rules without a prefilter: always searched
    folded: dict[str, tuple[int, ...]]  # lower-case character → rules requiring it
    plain: dict[str, tuple[int, ...]]  # the same for rules without IGNORECASE
    find_folded: Callable[[str], list[str]] | None  # finds those characters in a line
    find_plain: Callable[[str], list[str]] | None

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> RuleGroup:
        folded: dict[str, list[int]] = {}
        plain: dict[str, list[int]] = {}
        always: set[int] = set()
        for n, rule in enumerate(rules):
            prefilter = rule.prefilter
            if prefilter is None:
                always.add(n)
                continue
            index = folded if prefilter.folded else plain
            for char in prefilter.chars:
                index.setdefault(char, []).append(n)
        return cls(
            rules,
            frozenset(always),
            {char: tuple(ns) for char, ns in folded.items()},
            {char: tuple(ns) for char, ns in plain.items()},
            _finder(folded),
            _finder(plain),
        )

    def candidates(self, text: str, lowered: str | None = None) -> list[Rule]:
        """The rules that may match `text`, in file order (`lowered` is text.lower(), if the
        caller has it)."""
        found = set(self.always)
        if self.find_folded is not None:
            for char in set(self.find_folded(text.lower() if lowered is None else lowered)):
                found.update(self.folded[char])
        if self.find_plain is not None:
            for char in set(self.find_plain(text)):
                found.update(self.plain[char])
        return [self.rules[n] for n in sorted(found)]

    def first_match(
        self, text: str, *, weak_too: bool = True, lowered: str | None = None
    ) -> Rule | None:
        """The first rule (in file order) whose pattern is found in `text`."""
        for rule in self.candidates(text, lowered):
            if (weak_too or not rule.weak) and rule.pattern and rule.pattern.search(text):
                return rule
        return None


def _finder(index: Mapping[str, object]) -> Callable[[str], list[str]] | None:
    if not index:
        return None
    return re.compile("[" + "".join(re.escape(char) for char in sorted(index)) + "]").findall


@dataclass(frozen=True)
class MetadataLabels:
    """Labels that introduce metadata fields in a line such as 来源：人民日报 作者：张三."""

    source: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    url: tuple[str, ...] = ()
    other: tuple[str, ...] = ()  # labels that may share the line but are not kept (编辑, 浏览)
    byline: re.Pattern[str] | None = None  # an author line without a colon; group `author`
    # a byline of account pages: groups `author`, `source` and `date`, each optional
    account_byline: re.Pattern[str] | None = None
    max_chars: int = 80


@dataclass(frozen=True)
class LeadRules:
    """How a page marks its standfirst (the summary paragraph under the title)."""

    labels: tuple[str, ...] = ()  # a paragraph starting with 摘要：, 导语：, 【核心提示】...
    class_pattern: re.Pattern[str] | None = None  # HTML class/id of a lead paragraph
    repeat_min_chars: int = 15  # a first paragraph repeated later, at least this long


@dataclass(frozen=True)
class Heuristics:
    """Thresholds of the structural heuristics (0 disables a count-based one)."""

    body_min_chars: int = 30  # a body paragraph: at least this long, with punctuation
    short_line_max_chars: int = 25  # a navigation-like line: at most this long
    nav_run_min: int = 3  # this many navigation-like lines in a row are navigation
    title_max_chars: int = 60
    section_item_max_chars: int = 40  # a list item under 相关阅读 & co.: at most this long
    list_pairs_min: int = 2  # list items followed by a timestamp: at least this many
    drop_trailing_short_lines: bool = True  # short bare lines after the last body paragraph


@dataclass(frozen=True)
class CleaningRules:
    rules: tuple[Rule, ...]
    metadata: MetadataLabels = field(default_factory=MetadataLabels)
    lead: LeadRules = field(default_factory=LeadRules)
    heuristics: Heuristics = field(default_factory=Heuristics)

    # Rules by kinds and by line length, computed once: every line of a page asks.
    _cache: dict[tuple[object, ...], tuple[Rule, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def of_kind(self, *kinds: RuleKind) -> tuple[Rule, ...]:
        found = self._cache.get(kinds)
        if found is None:
            found = tuple(r for r in self.rules if r.enabled and r.kind in kinds)
            self._cache[kinds] = found
        return found

    def group(self, length: int, *kinds: RuleKind) -> RuleGroup:
        """`for_line` as a RuleGroup: the loop every line of a page goes through.
        (`first_match` is for the kinds whose match is a plain search: all but strip_prefix
        and strip_suffix, which take `candidates` and `Rule.matches`.)"""
        key = (min(length, self._longest + 1), *kinds)
        found = self._groups.get(key)
        if found is None:
            found = RuleGroup.of(self.for_line(length, *kinds))
            self._groups[key] = found
        return found

    @cached_property
    def _groups(self) -> dict[tuple[object, ...], RuleGroup]:
        return {}

    @cached_property
    def _longest(self) -> int:
        return max((r.max_chars or 0 for r in self.rules), default=0)

    def for_line(self, length: int, *kinds: RuleKind) -> tuple[Rule, ...]:
        """The enabled rules of these kinds that apply to a line this long (`max_chars`)."""
        key = (min(length, self._longest + 1), *kinds)
        found = self._cache.get(key)
        if found is None:
            found = tuple(
                r for r in self.of_kind(*kinds) if r.max_chars is None or length <= r.max_chars
            )
            self._cache[key] = found
        return found

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_rules(
    toml_text: str, *, base: CleaningRules | None = None, origin: str = "cleaning rules"
) -> CleaningRules:
    """Parse rules from TOML text, merged on top of `base`; InputError names `origin`."""
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"{origin} is not valid TOML: {err}") from err
    _check_keys(data, {"version", "rules", "metadata", "lead", "heuristics"}, origin)
    base = base or CleaningRules(rules=())
    return CleaningRules(
        rules=_merge_rules(base.rules, _list_of_tables(data, "rules", origin), origin),
        metadata=_merge_table(base.metadata, data.get("metadata"), f"{origin} [metadata]"),
        lead=_merge_table(base.lead, data.get("lead"), f"{origin} [lead]"),
        heuristics=_merge_table(base.heuristics, data.get("heuristics"), f"{origin} [heuristics]"),
    )


def _merge_rules(
    base: tuple[Rule, ...], tables: list[dict[str, Any]], origin: str
) -> tuple[Rule, ...]:
    rules = list(base)
    index = {rule.id: n for n, rule in enumerate(rules)}
    for table in tables:
        rule_id = table.get("id")
        if not isinstance(rule_id, str) or not rule_id:
            raise InputError(f"{origin}: every [[rules]] entry needs an id (a string): {table}")
        where = f"{origin}: rule {rule_id!r}"
        if rule_id in index:
            rules[index[rule_id]] = _validated(_updated(rules[index[rule_id]], table, where), where)
        else:
            _require(table, ("kind", "category"), where)
            index[rule_id] = len(rules)
            rules.append(
                _validated(_updated(Rule(rule_id, RuleKind.DROP_LINE, ""), table, where), where)
            )
    return tuple(rules)


def _updated(rule: Rule, table: Mapping[str, Any], where: str) -> Rule:
    converters: dict[str, Callable[[Any, str], Any]] = {
        "kind": _as_kind,
        "category": _as_str,
        "pattern": _as_regex,
        "class_pattern": _as_regex,
        "max_chars": _as_int,
        "weak": _as_bool,
        "enabled": _as_bool,
        "previous_category": _as_str,
        "tail_category": _as_str,
        "tags": _as_str_tuple,
        "unless_inside": _as_str_tuple,
        "hidden_by": _as_hidden_by,
        "examples": _as_str_tuple,
        "not_examples": _as_str_tuple,
    }
    _check_keys(table, {"id", "note", *converters}, where)
    changes = {
        key: converters[key](value, f"{where}, {key}")
        for key, value in table.items()
        if key in converters
    }
    return replace(rule, **changes)


def _validated(rule: Rule, where: str) -> Rule:
    if rule.kind is RuleKind.DROP_ELEMENT:
        if not rule.tags and rule.class_pattern is None:
            raise InputError(f"{where}: a drop_element rule needs tags or class_pattern")
        return rule
    if rule.kind is RuleKind.DROP_HIDDEN:
        if rule.hidden_by is None:
            raise InputError(f"{where}: a drop_hidden rule needs hidden_by ({_HIDDEN_BY})")
        return rule
    pattern = rule.pattern
    if pattern is None:
        raise InputError(f"{where}: a {rule.kind} rule needs a pattern")
    rule = replace(rule, prefilter=required_characters(pattern))
    if rule.kind is RuleKind.TITLE_HINT and "title" not in pattern.groupindex:
        raise InputError(f"{where}: a title_hint pattern needs a group named title: (?P<title>...)")
    for example in rule.examples:
        if rule.matches(example) is None:
            raise InputError(f"{where}: example {example!r} does not match the rule")
    for example in rule.not_examples:
        if rule.matches(example) is not None:
            raise InputError(f"{where}: {example!r} is listed in not_examples but matches")
    return rule


def _merge_table(base: _Table, table: object, where: str) -> _Table:
    if table is None:
        return base
    if not isinstance(table, dict):
        raise InputError(f"{where} must be a table")
    _check_keys(table, {f.name for f in fields(base)}, where)
    changes: dict[str, Any] = {}
    for key, value in table.items():
        current = getattr(base, key)
        path = f"{where}, {key}"
        if key in ("byline", "account_byline", "class_pattern"):
            changes[key] = _as_regex(value, path)
        elif isinstance(current, bool):
            changes[key] = _as_bool(value, path)
        elif isinstance(current, int):
            changes[key] = _as_int(value, path)
        else:
            changes[key] = _as_str_tuple(value, path)
    return replace(base, **changes)


def _list_of_tables(data: Mapping[str, Any], key: str, origin: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise InputError(f"{origin}: {key} must be an array of tables ([[{key}]])")
    return value


def _check_keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise InputError(
            f"{where}: unknown {'key' if len(unknown) == 1 else 'keys'} {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )


def _require(table: Mapping[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [key for key in keys if key not in table]
    if missing:
        raise InputError(f"{where}: missing {', '.join(missing)}")


def _as_kind(value: Any, where: str) -> RuleKind:
    try:
        return RuleKind(value)
    except ValueError:
        raise InputError(f"{where}: unknown kind {value!r}; kinds: {', '.join(RuleKind)}") from None


def _as_hidden_by(value: Any, where: str) -> HiddenBy:
    try:
        return HiddenBy(value)
    except ValueError:
        raise InputError(f"{where}: unknown value {value!r}; one of {_HIDDEN_BY}") from None


_HIDDEN_BY = ", ".join(HiddenBy)


def _as_str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{where}: expected a string, got {value!r}")
    return value


def _as_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InputError(f"{where}: expected a whole number >= 0, got {value!r}")
    return value


def _as_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{where}: expected true or false, got {value!r}")
    return value


def _as_str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _as_regex(value: Any, where: str) -> re.Pattern[str]:
    try:
        return re.compile(_as_str(value, where), re.IGNORECASE)
    except re.error as err:
        raise InputError(f"{where}: invalid regular expression: {err}") from None
