"""How a concordance hit is shown: two lines in the list (where, the matched side around
the match; the other side under it) and the whole hit in the detail pane. Widths are in
terminal cells, a Chinese character taking two."""

from __future__ import annotations

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


def hit_prompt(hit: ConcordanceHit, width: int, label_width: int = 24) -> Content:
    """Two lines of `width` cells: where the hit is (in `label_width` cells) and the matched
    side around the match; under it, the other side (its facing sentence if there is one)."""
    label = where(hit, label_width - 2)
    label += " " * (label_width - cell_len(label))
    room = max(10, width - label_width)
    context = hit.context(width=60)
    line = keyword_line(context.before, context.match, context.after, room)
    other = hit.other_text
    if hit.aligned is not None:
        other = hit.aligned.text
    other = " ".join(other.split())
    second: list[str | tuple[str, str]] = [" " * label_width]
    if not other:
        second.append(("(no English yet)", f"{FAINT} italic"))
    else:
        machine = hit.machine and hit.side is Side.CHINESE
        tail = " (MT)" if machine else ""
        second.append(fit(other, room - cell_len(tail)))
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
