"""How a concordance hit is shown: two lines in the list (where, the matched side around
the match; the other side under it) and the whole hit in the detail pane. Widths are in
terminal cells, a Chinese character taking two."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from textual.content import Content

from workbench.store.memory import PROJECT_MEMORY
from workbench.workflows.lookup import ConcordanceHit, Side

MUTED = "$foreground-muted"
MATCH = "bold on $warning 40%"  # as the editor marks search matches
# A list's highlighted line takes the theme's cursor colours; "dim" follows them where a
# colour of our own could vanish into them.
FAINT = "dim"


def where(hit: ConcordanceHit, width: int = 200) -> str:
    """`000_9819b9711a7bf496.txt ¶3` (¶ is the row number in the editor) or `memory desk`,
    in at most `width` cells: a long document name gives way, the ¶ number never."""
    if hit.in_memory:
        return fit(f"memory {hit.origin}", width)
    number = f" ¶{hit.paragraph_number}"
    return fit(hit.document, width - cell_len(number)) + number


def hit_prompt(
    hit: ConcordanceHit, width: int, label_width: int = 24, renderings: Sequence[str] = ()
) -> Content:
    """Two lines of `width` cells: where the hit is (in `label_width` cells) and the matched
    side around the match; under it, the other side (its facing sentence if there is one),
    centred on what faces the match: one of `renderings` (the glossary's English for the
    query) where the text holds one, else the place as far into it as the match is."""
    label = where(hit, label_width - 2)
    label += " " * (label_width - cell_len(label))
    room = max(10, width - label_width)
    context = hit.context(width=60)
    line = keyword_line(context.before, context.match, context.after, room)
    other = hit.other_text
    if hit.aligned is not None:
        other = hit.aligned.text
    other = " ".join(other.split())
    second: list[str | tuple[str, str] | Content] = [" " * label_width]
    if not other:
        second.append(("(no English yet)", f"{FAINT} italic"))
    else:
        machine = hit.machine and hit.side is Side.CHINESE
        tail = " (MT)" if machine else ""
        # A facing sentence is short and matches the hit's own: only a rendering moves it.
        start, end = facing_span(hit, other, renderings, by_place=hit.aligned is None)
        second.append(
            centred_line(other[:start], other[start:end], other[end:], room - cell_len(tail))
        )
        if tail:
            second.append((tail, FAINT))
    return Content.assemble((label, FAINT), line, "\n", *second)


def keyword_line(before: str, match: str, after: str, width: int) -> Content:
    """The match with as much of its context as fits in `width` cells, the match a third of
    the way in so that what follows it is read first."""
    match = fit(match, max(4, width - 8))
    room = width - cell_len(match)
    left_room = min(cell_len(before), room // 3)
    right_room = room - left_room
    if cell_len(after) < right_room:  # short after: give the rest to the left
        left_room = min(cell_len(before), room - cell_len(after))
        right_room = room - left_room
    return Content.assemble(fit_left(before, left_room), (match, MATCH), fit(after, right_room))


def facing_span(
    hit: ConcordanceHit, other: str, renderings: Sequence[str], *, by_place: bool = True
) -> tuple[int, int]:
    """Where in `other` (the other side, spaces folded) the match's counterpart is: the
    longest rendering found in it (case-insensitive), else an empty span at the match's
    relative place in its own side (`by_place`), moved to the start of a word."""
    folded = other.lower()
    for rendering in sorted(renderings, key=len, reverse=True):
        at = folded.find(rendering.lower()) if rendering.strip() else -1
        if at >= 0:
            return at, at + len(rendering)
    matched = hit.matched_text
    if not by_place or not matched or not hit.spans:
        return 0, 0
    place = round(hit.spans[0][0] / len(matched) * len(other))
    place = min(len(other), place)
    space = other.rfind(" ", 0, place)
    place = 0 if space < 0 else space + 1
    return place, place


def centred_line(before: str, match: str, after: str, width: int) -> Content:
    """The match in the middle of `width` cells with the context either side (a short side
    gives its room to the other); a match found is marked, an empty one is only a place."""
    match = fit(match, max(4, width - 8)) if match else ""
    room = width - cell_len(match)
    left_room = min(cell_len(before), room // 2)
    if cell_len(after) < room - left_room:
        left_room = min(cell_len(before), room - cell_len(after))
    right_room = room - left_room
    left = fit_left(before, left_room)
    if not match:
        return Content.assemble(left, fit(after, right_room))
    return Content.assemble(left, (match, MATCH), fit(after, right_room))


def fit(text: str, width: int) -> str:
    """At most `width` cells, cut at the end with "…" (a Chinese character takes two); an
    English word is not cut in two when a shorter cut keeps most of the room."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    kept = set_cell_size(text, width - 1)
    if kept[-1:].isalnum() and text[len(kept) : len(kept) + 1].isalnum():
        whole = kept.rsplit(" ", 1)[0]
        if " " in kept and cell_len(whole) > width // 2:
            kept = whole
    return kept.rstrip() + "…"


def fit_left(text: str, width: int) -> str:
    """At most `width` cells, cut at the start with "…" (and not in an English word)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return "…" + fit(text[::-1], width)[::-1][1:].lstrip()


def hit_detail(hit: ConcordanceHit) -> Content:
    """The whole hit: where it comes from, then both sides with the matches marked."""
    if hit.in_memory:
        origin = f"memory {hit.origin}"
        if hit.origin == PROJECT_MEMORY and hit.paragraph_id is not None:
            origin += " (the project's own translations)"
    else:
        origin = f"{hit.document} ¶{hit.paragraph_number}"
    chinese_spans = hit.spans if hit.side is Side.CHINESE else ()
    english_spans = hit.spans if hit.side is Side.ENGLISH else ()
    english: Content = _marked(hit.english, english_spans)
    if not hit.english:
        english = Content.styled("(no English yet)", f"{MUTED} italic")
    elif hit.machine:
        english = Content.assemble(english, (" (machine translation)", MUTED))
    return Content.assemble(
        (origin, f"{MUTED} bold"),
        "\n",
        _marked(hit.chinese, chinese_spans),
        "\n",
        english,
    )


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> Content:
    content = Content(text)
    for start, end in spans:
        content = content.stylize(MATCH, start, end)
    return content
