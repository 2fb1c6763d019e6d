"""Markup that an HTML parser would turn into visible text by mistake, removed before parsing.

An HTML parser reads XML constructs its own way: the DOCTYPE ends at its first `>`, so an
XHTML internal subset (`<!DOCTYPE html [ <!ENTITY ...> ]>`) leaks its tail (`]>`) into the
page; a processing instruction (`<?php ... ?>`) and a CDATA section end at their first `>`
too, leaking whatever follows it. So, before parsing:

- the DOCTYPE with an internal subset is replaced by a plain `<!DOCTYPE html>` (the
  entities it declares are not expanded: `&name;` stays as written);
- processing instructions are removed;
- CDATA sections become their text in XHTML (where they are text) and are removed in HTML
  (where browsers hide them, as comments).

Script and style content is left alone (a `<?` or `<![CDATA[` inside a script is code); so is
the <title>, which the parser reads as plain text: `title_text` cleans it after parsing.
Every scan moves forward only, so hostile input cannot make this quadratic.
"""

from __future__ import annotations

import html as html_escapes
import re

# No nested quantifiers (a long run of spaces must not backtrack), and a comment that never
# ends runs to the end of the text instead of being searched for again.
_DOCTYPE_START = re.compile(
    r"\A\ufeff?(?:\s|<\?xml\b[^>]*>|<!--.*?(?:-->|\Z))*(<!DOCTYPE\b)", re.I | re.S
)
_SUBSET_TOKEN = re.compile(r"""\]|"[^"]*"|'[^']*'|<!--.*?(?:-->|\Z)""", re.S)
_QUOTED_OR_END = re.compile(r"""[\[>]|"[^"]*"|'[^']*'""")
_RAW_TEXT_OPEN = re.compile(r"<(script|style|title)\b[^>]*>", re.I)
_RAW_TEXT_CLOSE = {name: re.compile(f"</{name}", re.I) for name in ("script", "style", "title")}
_PI_OPEN = re.compile(r"<\?(?=[A-Za-z_])")
_CDATA_OPEN = re.compile(re.escape("<![CDATA["))
_XHTML = re.compile(r"<\?xml\b|xmlns\s*=\s*[\"']http://www\.w3\.org/1999/xhtml", re.I)
CDATA_OPEN, CDATA_CLOSE = "<![CDATA[", "]]>"


def prepare_html(html: str) -> str:
    """The page with internal subsets, processing instructions and CDATA markers gone."""
    xhtml = _XHTML.search(html, 0, 4096) is not None
    html = _without_internal_subset(html)
    if "<?" not in html and CDATA_OPEN not in html:
        return html  # the common case: no copy of a large page
    pieces: list[str] = []
    position = 0
    while position < len(html):
        opening = _RAW_TEXT_OPEN.search(html, position)
        if opening is None:
            break
        pieces.append(_outside_raw_text(html[position : opening.start()], xhtml))
        closing = _RAW_TEXT_CLOSE[opening.group(1).lower()].search(html, opening.end())
        end = closing.start() if closing is not None else len(html)
        pieces.append(html[opening.start() : end])
        position = end
    pieces.append(_outside_raw_text(html[position:], xhtml))
    return "".join(pieces)


def _without_internal_subset(html: str) -> str:
    start = _DOCTYPE_START.match(html)
    if start is None:
        return html
    bracket = None
    for token in _QUOTED_OR_END.finditer(html, start.end(1)):
        if token.group() == ">":
            return html  # no internal subset: the parser reads it right
        if token.group() == "[":
            bracket = token.end()
            break
    if bracket is None:
        return html
    for token in _SUBSET_TOKEN.finditer(html, bracket):
        if token.group() == "]":
            close = html.find(">", token.end())
            if close < 0:
                break
            return "<!DOCTYPE html>" + html[close + 1 :]  # the prolog goes with it
    return html  # an unterminated subset: leave it to the parser


def _outside_raw_text(part: str, xhtml: bool) -> str:
    if "<?" in part:
        part = _remove_sections(part, _PI_OPEN, "?>", keep=False)
    if CDATA_OPEN in part:
        part = _remove_sections(part, _CDATA_OPEN, CDATA_CLOSE, keep=xhtml)
    return part


def _remove_sections(part: str, opening: re.Pattern[str], closing: str, *, keep: bool) -> str:
    """Remove each section from `opening` to `closing`, or keep its content as text.

    A section longer than _SECTION_LIMIT is left to the parser: a stray `<?` must not eat
    the article up to a `?>` far away. Once a closing mark is missing, no later section can
    be closed either, so the scan stops; each closing mark is searched for once (linear)."""
    pieces: list[str] = []
    position = 0
    next_close = -1  # the first closing mark at or after the current opening
    for start in opening.finditer(part):
        if start.start() < position:
            continue
        if next_close < start.end():
            next_close = part.find(closing, start.end())
            if next_close < 0:
                break
        if next_close - start.end() > _SECTION_LIMIT:
            continue
        pieces.append(part[position : start.start()])
        if keep:
            pieces.append(html_escapes.escape(part[start.end() : next_close]))
        position = next_close + len(closing)
    pieces.append(part[position:])
    return "".join(pieces)


_SECTION_LIMIT = 65536


def title_text(text: str) -> str:
    """The text of a <title> (read as raw text): comments, CDATA markers and PIs removed."""
    if "<" not in text:
        return text
    text = re.sub(r"<!--.*?(?:-->|\Z)", "", text, flags=re.S)
    text = _remove_sections(text, _PI_OPEN, "?>", keep=False)
    return text.replace(CDATA_OPEN, "").replace(CDATA_CLOSE, "")
