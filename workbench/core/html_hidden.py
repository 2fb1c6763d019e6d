"""Which HTML elements a reader never sees: hidden text is not article text.

Hidden text is the classic way spam is injected into pages that get scraped, so it is
dropped (and reported, restorable) like page furniture. Only the plain, certain cases count;
anything a reader may still see stays:

- an inline style with `display: none` or `visibility: hidden` (any case or spacing, with or
  without `!important`; the last declaration wins, as in CSS);
- the `hidden` attribute (but not `hidden="until-found"`, which the browser's find reveals,
  and not when the author's CSS gives the element a display of its own);
- `aria-hidden="true"`;
- a `<style>` rule whose selector is exactly one class or id (`.x{display:none}`,
  `#y {visibility: hidden}`), unless another rule anywhere (a media query, a longer
  selector, a later rule) shows the same class or id again: the page may show it to
  some readers. Rules inside `@media` blocks and `<style media="print">` never hide.

`visibility` is inherited but a descendant can set `visibility: visible` and be seen inside
a hidden parent, so `Hiding.inherited` marks hiding that a descendant may undo
(`shows_itself`); `display: none` hides the whole subtree for good.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class HiddenBy(StrEnum):
    """How an element is hidden; the `hidden_by` key of a drop_hidden cleaning rule."""

    STYLE = "style"  # inline style attribute
    ATTRIBUTE = "attribute"  # the hidden attribute
    ARIA = "aria"  # aria-hidden="true"
    STYLESHEET = "stylesheet"  # a <style> rule on the element's class or id


@dataclass(frozen=True)
class Hiding:
    """Why an element is hidden from readers."""

    by: HiddenBy
    detail: str  # what hides it, as written: "display:none", ".spam {display:none}"
    inherited: bool = False  # visibility:hidden: a descendant may show itself again


@dataclass(frozen=True)
class _Declaration:
    value: str  # lower case, without !important
    important: bool


@dataclass
class StyleSheet:
    """What the page's <style> elements say about visibility, by class (.x) or id (#y)."""

    hide_display: dict[str, tuple[str, bool]] = field(default_factory=dict)  # rule, !important
    hide_visibility: dict[str, tuple[str, bool]] = field(default_factory=dict)
    show_display: dict[str, bool] = field(default_factory=dict)  # token → !important
    show_visibility: dict[str, bool] = field(default_factory=dict)
    hidden_attribute_shown: bool = False  # a rule such as [hidden] {display: block}

    @property
    def empty(self) -> bool:
        return not (self.hide_display or self.hide_visibility or self.show_visibility)


_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_CDO_CDC = re.compile(r"<!--|-->")
_STRUCTURE = re.compile(r"""[{};]|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'""")
_DECLARATION = re.compile(r"([-a-zA-Z]+)\s*:\s*([^;]*)")
_IMPORTANT = re.compile(r"!\s*important\s*$", re.IGNORECASE)
_SIMPLE_SELECTOR = re.compile(r"[.#][-\w]+")  # exactly one class or id
_TOKENS = re.compile(r"[.#][-\w]+|\[\s*hidden\b")
_ALL_MEDIA = frozenset({"", "all", "screen"})


def declarations(style: str) -> dict[str, _Declaration]:
    """The effective `display` and `visibility` of a declaration block (the last wins, unless
    an earlier one is !important and the later is not)."""
    found: dict[str, _Declaration] = {}
    for match in _DECLARATION.finditer(style):
        name = match.group(1).lower()
        if name not in ("display", "visibility"):
            continue
        raw = match.group(2).strip()
        important = _IMPORTANT.search(raw) is not None
        value = _IMPORTANT.sub("", raw).strip().lower()
        earlier = found.get(name)
        if earlier is None or important or not earlier.important:
            found[name] = _Declaration(value, important)
    return found


def read_stylesheets(sheets: Iterable[tuple[str, str]]) -> StyleSheet:
    """The rules of the page's <style> elements, given as (media attribute, CSS text)."""
    sheet = StyleSheet()
    for media, css in sheets:
        conditional = media.strip().lower() not in _ALL_MEDIA
        css = _CDO_CDC.sub(" ", _COMMENT.sub(" ", css))
        for prelude, block, nested in _rules(css):
            if prelude.startswith("@") or nested:
                # @media, @supports...: shown to some readers only; nested CSS: complex
                for inner_prelude, inner_block, _ in _rules(block):
                    _add_rule(sheet, inner_prelude, inner_block, conditional=True)
                if not prelude.startswith("@"):
                    _add_rule(sheet, prelude, block, conditional=True)
            else:
                _add_rule(sheet, prelude, block, conditional=conditional)
    for token in sheet.show_display:
        sheet.hide_display.pop(token, None)
    for token in sheet.show_visibility:
        sheet.hide_visibility.pop(token, None)
    return sheet


def _rules(css: str) -> list[tuple[str, str, bool]]:
    """Top-level rules of a style sheet: (prelude, block, block holds nested rules)."""
    rules: list[tuple[str, str, bool]] = []
    depth, start, body, nested = 0, 0, 0, False
    for match in _STRUCTURE.finditer(css):
        mark = match.group()
        if mark == "{":
            if depth == 0:
                body = match.end()
            else:
                nested = True
            depth += 1
        elif mark == "}":
            if depth == 0:
                start = match.end()  # a stray brace
                continue
            depth -= 1
            if depth == 0:
                prelude = css[start : body - 1].strip()
                rules.append((prelude, css[body : match.start()], nested))
                start, nested = match.end(), False
        elif mark == ";" and depth == 0:
            start = match.end()  # @import, @charset
    return rules


def _add_rule(sheet: StyleSheet, prelude: str, block: str, *, conditional: bool) -> None:
    found = declarations(block)
    if not found:
        return
    display, visibility = found.get("display"), found.get("visibility")
    for selector in (part.strip() for part in prelude.split(",")):
        tokens = _TOKENS.findall(selector)
        simple = not conditional and _SIMPLE_SELECTOR.fullmatch(selector) is not None
        written = f"{selector} {{{_written(found)}}}"
        if display is not None:
            if display.value == "none":
                if simple:
                    sheet.hide_display.setdefault(selector, (written, display.important))
            else:
                _show(sheet.show_display, tokens, display.important)
                if any(token.startswith("[") for token in tokens):
                    sheet.hidden_attribute_shown = True
        if visibility is not None:
            if visibility.value == "hidden":
                if simple:
                    sheet.hide_visibility.setdefault(selector, (written, visibility.important))
            else:
                _show(sheet.show_visibility, tokens, visibility.important)


def _show(shown: dict[str, bool], tokens: list[str], important: bool) -> None:
    for token in tokens:
        if not token.startswith("["):
            shown[token] = shown.get(token, False) or important


def _written(found: Mapping[str, _Declaration]) -> str:
    return ";".join(
        f"{name}:{d.value}{' !important' if d.important else ''}" for name, d in found.items()
    )


def element_tokens(attributes: Mapping[str, str | None]) -> list[str]:
    """The element's classes as `.x` and its id as `#y`, as selectors name them."""
    tokens = [f".{name}" for name in (attributes.get("class") or "").split()]
    element_id = (attributes.get("id") or "").strip()
    if element_id:
        tokens.append(f"#{element_id}")
    return tokens


def hiding(
    attributes: Mapping[str, str | None], sheet: StyleSheet, enabled: frozenset[HiddenBy]
) -> Hiding | None:
    """Why the element is hidden from readers, or None if a reader may see it."""
    inline = declarations(attributes.get("style") or "") if "style" in attributes else {}
    tokens = element_tokens(attributes) if "class" in attributes or "id" in attributes else []
    reasons = [
        *_by_display(attributes, inline, tokens, sheet),
        _by_visibility(attributes, inline, tokens, sheet),
        _by_aria(attributes),
    ]
    return next((r for r in reasons if r is not None and r.by in enabled), None)


def shows_itself(attributes: Mapping[str, str | None], sheet: StyleSheet) -> bool:
    """Whether the element sets `visibility: visible` (seen inside a hidden parent)."""
    if "style" in attributes:
        own = declarations(attributes.get("style") or "").get("visibility")
        if own is not None:
            return own.value != "hidden"
    return any(token in sheet.show_visibility for token in element_tokens(attributes))


def _by_display(
    attributes: Mapping[str, str | None],
    inline: Mapping[str, _Declaration],
    tokens: list[str],
    sheet: StyleSheet,
) -> Iterator[Hiding]:
    """Every way `display` hides the element, the inline style first (a rule the user
    switched off leaves the others)."""
    own = inline.get("display")
    sheet_hides = next((sheet.hide_display[t] for t in tokens if t in sheet.hide_display), None)
    shown_by_sheet = any(t in sheet.show_display for t in tokens)
    important_show = any(sheet.show_display.get(t, False) for t in tokens)
    if own is not None and own.value != "none":
        # The inline style gives a display of its own: only an !important rule beats it.
        if sheet_hides is not None and sheet_hides[1] and not own.important:
            yield Hiding(HiddenBy.STYLESHEET, sheet_hides[0])
        return
    if own is not None and not (important_show and not own.important):
        yield Hiding(HiddenBy.STYLE, "display:none")
    hidden = "hidden" in attributes and (attributes.get("hidden") or "").lower() != "until-found"
    if hidden and not shown_by_sheet and not sheet.hidden_attribute_shown:
        yield Hiding(HiddenBy.ATTRIBUTE, "hidden attribute")
    if sheet_hides is not None and not shown_by_sheet:
        yield Hiding(HiddenBy.STYLESHEET, sheet_hides[0])


def _by_visibility(
    attributes: Mapping[str, str | None],
    inline: Mapping[str, _Declaration],
    tokens: list[str],
    sheet: StyleSheet,
) -> Hiding | None:
    own = inline.get("visibility")
    if own is not None:
        if own.value == "hidden":
            return Hiding(HiddenBy.STYLE, "visibility:hidden", inherited=True)
        return None
    if any(t in sheet.show_visibility for t in tokens):
        return None
    found = next((sheet.hide_visibility[t] for t in tokens if t in sheet.hide_visibility), None)
    return Hiding(HiddenBy.STYLESHEET, found[0], inherited=True) if found else None


def _by_aria(attributes: Mapping[str, str | None]) -> Hiding | None:
    if (attributes.get("aria-hidden") or "").strip().lower() == "true":
        return Hiding(HiddenBy.ARIA, 'aria-hidden="true"')
    return None
