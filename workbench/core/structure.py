"""The shape of the article among the kept lines: title, lead, and navigation around it.

Title, in this order: a kept line that matches a title hint (正在阅读:…, the HTML <title>,
front matter) — the hint line is then dropped as a duplicate; else the markup's title (<h1>,
"# "); else a 正在阅读 hint itself; else a title-like line (short, not ending like a
sentence) right above the byline (metadata) or, failing that, the first kept line when it is
title-like and followed by metadata or a body paragraph; else the page <title>. Kept lines
above the title are page header. No title otherwise.

Lead (the standfirst): the first kept paragraph after the title, when the page marks it — a
label such as 摘要：/导语：/【核心提示】, an HTML element with a summary class, a Markdown
blockquote — or when it is repeated word for word in a later paragraph (People's Daily
commentaries and many news pages print an excerpt of the body as the standfirst). A document
without a title has no lead.

Navigation: before the first and after the last body paragraph, runs of short lines without
punctuation are menus and link lists; after the last body paragraph any such line is page
furniture, and so is one before the body that stands between two dropped lines. Between body
paragraphs short lines are kept: they are subheadings.
"""

from __future__ import annotations

import re

from workbench.core.blocks import PARAGRAPH_END, BlockHint
from workbench.core.cleaning import Line, LineState, is_body_like
from workbench.core.cleaning_rules import CleaningRules, Heuristics
from workbench.core.text import has_han, normalize_punctuation

_PAGE_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜| - | – | — |-{1,2}(?!\d))\s*")
_NAV_PUNCT = re.compile(r"[，。！？；、：,!?;:（）()“”《》]")
_SENTENCE_TAIL = "。；，、：:;,"
_TRAILING_MARKS = "。！？!?…；;，,.、 "
BEFORE_TITLE = "heuristic.before_title"
NAV_RUN = "heuristic.navigation_run"
AFTER_ARTICLE = "heuristic.after_article"
SANDWICHED = "heuristic.among_furniture"


def choose_title(lines: list[Line], heuristics: Heuristics) -> int | None:
    """Index of the title line (made a kept line), dropping hints and what stands before it."""
    title = _title_index(lines, heuristics)
    for n, line in enumerate(lines):
        if n == title:
            continue
        if line.state is LineState.TITLE_HINT:
            line.drop(line.rule_id, f"{line.reason}; duplicate of the title")
        elif title is not None and n < title and line.kept:
            line.drop(BEFORE_TITLE, "page header (before the title)")
    return title


def _title_index(lines: list[Line], heuristics: Heuristics) -> int | None:
    kept = [n for n, line in enumerate(lines) if line.kept]
    hints = [n for n, line in enumerate(lines) if line.state is LineState.TITLE_HINT]
    # Only title-sized lines can match a hint, so that a cut-short hint cannot pick a paragraph.
    sized = [n for n in kept if len(lines[n].text) <= heuristics.title_max_chars]
    for h in sorted(hints, key=lambda n: lines[n].block.hint is BlockHint.PAGE_TITLE):
        keys = [_key(part) for part in _hint_parts(lines[h])]
        match = next(
            (n for n in sized if any(_same_title(k, _key(lines[n].text)) for k in keys)), None
        )
        if match is not None:
            return match
    markup = next((n for n in kept if lines[n].block.hint is BlockHint.TITLE), None)
    if markup is not None:
        return markup
    in_text = [n for n in hints if lines[n].block.hint is not BlockHint.PAGE_TITLE]
    if in_text:  # 正在阅读:… names the title though the page does not repeat it
        return _hint_as_title(lines[in_text[0]], in_text[0])
    guessed = _title_by_position(lines, kept, heuristics)
    if guessed is not None:
        return guessed
    # The page <title> last: it may name only the site.
    return _hint_as_title(lines[hints[0]], hints[0]) if hints else None


def _hint_parts(line: Line) -> list[str]:
    """The hint, and for a page <title> also its parts: "标题_频道_网站名"."""
    hint = line.title_hint or ""
    if line.block.hint is not BlockHint.PAGE_TITLE:
        return [hint]
    return [hint, *(part for part in _PAGE_TITLE_SEPARATORS.split(hint) if part)]


def _hint_as_title(line: Line, n: int) -> int:
    # Chinese news sites put the article first in <title>: "标题-频道-网站名".
    parts = _hint_parts(line)
    line.state, line.text = LineState.KEPT, parts[1] if len(parts) > 1 else parts[0]
    return n


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalize_punctuation(text)).rstrip("….")


def _same_title(hint: str, candidate: str) -> bool:
    if not hint or not candidate:
        return False
    if hint == candidate:
        return True
    # A hint may be cut short (正在阅读：积极参与和引领…) or carry more (a site name).
    shorter, longer = sorted((hint, candidate), key=len)
    return len(shorter) >= 6 and longer.startswith(shorter)


def _title_by_position(lines: list[Line], kept: list[int], heuristics: Heuristics) -> int | None:
    """The line right above the byline (metadata), else a title-like first line above the body."""
    body = next((n for n in kept if is_body_like(lines[n].text, heuristics)), len(lines))
    byline = next((n for n in range(body) if lines[n].state is LineState.METADATA), None)
    if byline is not None:
        above = [n for n in kept if n < byline]
        if above and _title_like(lines[above[-1]], heuristics):
            return above[-1]
    if not kept or not _title_like(lines[kept[0]], heuristics):
        return None
    following = next((x for x in lines[kept[0] + 1 :] if x.state is not LineState.DROPPED), None)
    if following is None:
        return None
    if following.state is LineState.METADATA or is_body_like(following.text, heuristics):
        return kept[0]
    return None


def _title_like(line: Line, heuristics: Heuristics) -> bool:
    text = line.text
    if len(text) > heuristics.title_max_chars or text.endswith(tuple(_SENTENCE_TAIL)):
        return False
    return has_han(text) and line.block.hint is not BlockHint.LIST_ITEM


def drop_navigation(lines: list[Line], title: int | None, heuristics: Heuristics) -> None:
    """Drop navigation-like lines before the first and after the last body paragraph."""
    body = [
        n
        for n, line in enumerate(lines)
        if line.kept and n != title and _is_text(line.text, heuristics)
    ]
    first, last = (body[0], body[-1]) if body else (len(lines), len(lines))
    _drop_sandwiched(lines, range(0, first), title, heuristics)
    _drop_runs(lines, range(0, first), title, heuristics)
    _drop_runs(lines, range(last + 1, len(lines)), title, heuristics)
    if heuristics.drop_trailing_short_lines and body:
        for n in range(last + 1, len(lines)):
            if lines[n].kept and n != title and _is_nav_like(lines[n].text, heuristics):
                lines[n].drop(AFTER_ARTICLE, "short line after the article (heuristic)")


def _drop_sandwiched(
    lines: list[Line], region: range, title: int | None, heuristics: Heuristics
) -> None:
    """Before the article, a short bare line between two dropped lines (or the byline) belongs
    to the same page furniture (a place name or a counter between the byline and the share
    buttons); in a clean document the same line stands between kept lines and stays."""
    for n in region:
        line = lines[n]
        if n == title or not line.kept or not _is_nav_like(line.text, heuristics):
            continue
        furniture = (LineState.DROPPED, LineState.METADATA)
        if 0 < n < len(lines) - 1 and all(lines[m].state in furniture for m in (n - 1, n + 1)):
            line.drop(SANDWICHED, "short line among page furniture (heuristic)")


def _is_text(text: str, heuristics: Heuristics) -> bool:
    """A paragraph of the article: body-like, or a shorter sentence with its end mark."""
    return is_body_like(text, heuristics) or (has_han(text) and text.endswith(tuple(PARAGRAPH_END)))


def _drop_runs(lines: list[Line], region: range, title: int | None, heuristics: Heuristics) -> None:
    if not heuristics.nav_run_min:
        return
    run: list[Line] = []
    for n in region:
        line = lines[n]
        if line.state is LineState.DROPPED:
            continue  # junk between menu items does not break the menu
        if line.kept and n != title and _is_nav_like(line.text, heuristics):
            run.append(line)
            continue
        _drop_run(run, heuristics)
        run = []
    _drop_run(run, heuristics)


def _drop_run(run: list[Line], heuristics: Heuristics) -> None:
    if len(run) >= heuristics.nav_run_min:
        for line in run:
            line.drop(NAV_RUN, "navigation or link list (heuristic)")


def _is_nav_like(text: str, heuristics: Heuristics) -> bool:
    return len(text) <= heuristics.short_line_max_chars and not _NAV_PUNCT.search(text)


def find_lead(lines: list[Line], title: int | None, rules: CleaningRules) -> int | None:
    """Index of the lead paragraph, if the page has one (see the module docstring)."""
    if title is None:
        return None
    kept = [n for n, line in enumerate(lines) if line.kept and n > title]
    if not kept:
        return None
    first = lines[kept[0]]
    if first.block.hint in (BlockHint.LEAD, BlockHint.QUOTE) or _has_lead_label(first.text, rules):
        return kept[0]
    excerpt = first.normalized().rstrip(_TRAILING_MARKS)
    if len(excerpt) < rules.lead.repeat_min_chars:
        return None
    later = (lines[n].normalized() for n in kept[1:])
    return kept[0] if any(excerpt in text for text in later) else None


def _has_lead_label(text: str, rules: CleaningRules) -> bool:
    opening = text.lstrip("【[（( ")
    return any(
        opening.startswith(label)
        and opening[len(label) : len(label) + 1] in ("：", ":", "】", "]", "）", ")")
        for label in rules.lead.labels
    )
