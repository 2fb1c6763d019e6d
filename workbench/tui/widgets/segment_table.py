"""The side-by-side grid of Chinese paragraphs and their English: a line-API scroll view.

Only the lines on screen are rendered, and only the rows near the screen are wrapped: the
others have estimated heights until they come into view (`RowHeights`), so a document of
100,000 paragraphs opens as fast as one of 100. A row is wrapped once per width (the
wrapped spans are kept, so scrolling never re-wraps) and its rendered strips are cached
until the row, the width, the cursor or the theme changes. Widths are terminal cells: a Chinese
character takes two, and a line never splits one (see `wrapping`).

Columns: a status glyph, a flag, the row number, the Chinese (glossary terms highlighted)
and the English: the translator's text, else the machine translation (dimmed, italic, with
an "MT" badge), else a placeholder. Approved renderings are underlined; forbidden renderings
are marked and every glossary violation is spelled out in colour under the English.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.core.segments import Status
from workbench.tui.rows import Row, RowTally, issue_text
from workbench.tui.widgets.row_heights import RowHeights
from workbench.tui.widgets.wrapping import Span, wrap

STATUS_GLYPHS = {
    Status.NEW: "◌",
    Status.MACHINE: "◍",
    Status.EDITED: "✎",
    Status.APPROVED: "✔",
}
FLAG_GLYPH = "✗"
DRAFT_GLYPH = "✍"
DRAFT_SHOWN = 300  # characters of a draft shown under the English
REVIEW_GLYPH = "⚑"
NOTE_GLYPH = "✱"
NOTE_SHOWN = 200  # characters of a note shown under the English (the inspector has it all)
MT_BADGE = "MT"
PLACEHOLDER = "not translated yet"
SEPARATOR = " │ "
CHINESE_SHARE = 0.36  # English needs about three times the cells of its Chinese
ESTIMATE_SAMPLE = 40  # rows wrapped across a document to estimate the heights of the rest
WRAP_WHOLE = 200  # documents up to this many rows are wrapped whole when shown

StyleFn = Callable[[str | None], Style]


def still_loading(total: int) -> str:
    """What a key that needs the whole document says while it is being read."""
    return f"Still loading the document's {total:,} rows: try again in a moment."


@dataclass(frozen=True)
class _Note:
    """A line of explanation under the English: a mark, then text with a hanging indent."""

    mark: str
    text: str
    style: str  # component class
    lines: tuple[Span, ...]


@dataclass(frozen=True)
class _RowLayout:
    chinese: tuple[Span, ...]
    english: tuple[Span, ...]
    english_text: str  # with the MT badge or the placeholder
    notes: tuple[_Note, ...]
    height: int  # text lines plus the rule under the row


@dataclass(frozen=True)
class _Columns:
    width: int
    number: int  # digits of the largest row number
    gutter: int
    chinese: int
    english: int


def columns_for(width: int, largest: int) -> _Columns:
    number = max(2, len(str(largest)))
    gutter = 2 + 1 + number + 1  # glyph, flag, space, number, space
    available = max(20, width - gutter - len(SEPARATOR))
    chinese = max(8, int(available * CHINESE_SHARE))
    return _Columns(width, number, gutter, chinese, max(10, available - chinese))


class SegmentTable(ScrollView, can_focus=True):
    """Paragraph rows with a cursor; posts `CursorMoved` and `RowActivated`."""

    DEFAULT_CSS = """
    SegmentTable {
        background: $surface;
        color: $foreground;
        overflow-y: scroll;
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    SegmentTable > .segment-table--cursor { background: $primary 12%; }
    SegmentTable:focus > .segment-table--cursor { background: $primary 22%; }
    SegmentTable > .segment-table--number { color: $text-muted; }
    SegmentTable > .segment-table--rule { color: $foreground 30%; }
    SegmentTable > .segment-table--term { background: $accent 22%; text-style: underline; }
    SegmentTable > .segment-table--rendering { color: $text-success; text-style: underline; }
    SegmentTable > .segment-table--forbidden {
        color: $text-error; background: $error-muted; text-style: bold strike;
    }
    SegmentTable > .segment-table--error { color: $text-error; }
    SegmentTable > .segment-table--warning { color: $text-warning; }
    SegmentTable > .segment-table--mt { color: $text-muted; text-style: italic; }
    SegmentTable > .segment-table--mt-badge {
        color: $text-secondary; background: $secondary-muted; text-style: bold;
    }
    SegmentTable > .segment-table--placeholder { color: $text-disabled; text-style: italic; }
    SegmentTable > .segment-table--search { background: $warning 40%; }
    SegmentTable > .segment-table--new { color: $text-muted; }
    SegmentTable > .segment-table--machine { color: $text-secondary; }
    SegmentTable > .segment-table--edited { color: $text-primary; }
    SegmentTable > .segment-table--approved { color: $text-success; }
    SegmentTable > .segment-table--review { color: $text-warning; }
    SegmentTable > .segment-table--draft { color: $text-accent; text-style: italic; }
    SegmentTable > .segment-table--note { color: $text-secondary; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-table--cursor",
        "segment-table--number",
        "segment-table--rule",
        "segment-table--term",
        "segment-table--rendering",
        "segment-table--forbidden",
        "segment-table--error",
        "segment-table--warning",
        "segment-table--mt",
        "segment-table--mt-badge",
        "segment-table--placeholder",
        "segment-table--search",
        "segment-table--new",
        "segment-table--machine",
        "segment-table--edited",
        "segment-table--approved",
        "segment-table--review",
        "segment-table--draft",
        "segment-table--note",
    }

    KEYS_TITLE = "Rows"  # heading of its keys on the help screen
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next row", show=False, id="grid.next_row"),
        Binding("up,k", "cursor_up", "Previous row", show=False, id="grid.previous_row"),
        Binding("pagedown", "page_down", "Page down", show=False, id="grid.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="grid.page_up"),
        Binding("home", "first_row", "First row", show=False, id="grid.first_row"),
        Binding("end", "last_row", "Last row", show=False, id="grid.last_row"),
        Binding("enter", "activate", "Edit", id="grid.edit", tooltip="Edit this row's English"),
    ]

    class CursorMoved(Message):
        """The cursor is on another row."""

        def __init__(self, table: SegmentTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

    class RowActivated(Message):
        """Enter (or a double click) on a row."""

        def __init__(self, table: SegmentTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[Row] = []
        self.cursor = 0
        self._columns: _Columns | None = None
        self._layouts: list[_RowLayout | None] = []  # None: not laid out at this width yet
        self._heights = RowHeights()
        self._index: dict[int, int] | None = None  # paragraph id -> row, built when needed
        self._tally: RowTally | None = None  # counted when first asked for
        self._strips: LRUCache[tuple[int, bool], tuple[Row, int, list[Strip]]] = LRUCache(256)
        self._search: re.Pattern[str] | None = None
        self._styles: dict[tuple[str | None, bool], Style] = {}
        self.first_paint: float | None = None  # perf_counter() of the first line drawn
        self._total: int | None = None  # the document's rows while only some are in

    # -- data ------------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[Row]:
        return self._rows

    @property
    def current(self) -> Row | None:
        return self._rows[self.cursor] if self._rows else None

    @property
    def tally(self) -> RowTally:
        """The rows by status, flagged and for review (kept up to date by `replace_rows`)."""
        if self._tally is None:
            self._tally = RowTally.of(self._rows)
        return self._tally

    @property
    def laid_out(self) -> int:
        """How many rows are wrapped at the current width (the others have estimated
        heights): the rows near the screen, not the document."""
        return sum(layout is not None for layout in self._layouts)

    @property
    def partial(self) -> int | None:
        """The document's row count while the grid holds only the rows around the cursor
        (a large document being opened, `set_rows(total=...)`); None once it has them all."""
        return self._total

    def set_rows(
        self, rows: Sequence[Row], cursor: int | None = None, *, total: int | None = None
    ) -> None:
        """Show new rows (a document opened or reloaded); keeps the cursor where possible.
        `total`: the rows are some of a document of that many, the rest to come
        (`grow_rows`)."""
        self._total = total
        previous = {
            row.id: (row, layout)
            for row, layout in zip(self._rows, self._layouts, strict=False)
            if layout is not None
        }
        self._rows = list(rows)
        self._index = None
        self._tally = None
        self._strips.clear()
        if cursor is not None:
            self.cursor = cursor
        self.cursor = max(0, min(self.cursor, len(self._rows) - 1))
        if not self.size.width:
            self._columns = None  # laid out on the first resize, at the real width
            self._layouts = [None] * len(self._rows)
            self._heights.reset(len(self._rows))
            return
        columns = columns_for(self._content_width(), self._largest_number())
        if columns != self._columns:
            previous = {}
        self._columns = columns
        # A reload after a change keeps the layout of unchanged rows; a changed row keeps
        # its old height as the estimate until it is wrapped again, near the screen.
        self._reset_layouts(previous)
        self.scroll_to_cursor(animate=False)
        self.refresh()

    def grow_rows(self, rows: Sequence[Row], offset: int) -> None:
        """Show the whole document, `rows`, in which the rows shown so far begin at `offset`:
        the cursor stays on its row and the view where it was (rows wrapped so far keep
        their layout; the rows above the view have estimated heights, as when scrolling)."""
        anchor = self._anchor()
        self.set_rows(rows, cursor=self.cursor + offset)
        if anchor is not None:
            self._restore_anchor((anchor[0] + offset, anchor[1]))

    def replace_rows(self, rows: Sequence[Row]) -> None:
        """Put changed rows in place (matched by paragraph id); others keep their layout."""
        if self._index is None:
            self._index = {row.id: index for index, row in enumerate(self._rows)}
        columns = self._columns
        changed = False
        anchor = self._anchor()
        for new in rows:
            index = self._index.get(new.id)
            if index is None or self._rows[index] == new:
                continue
            if self._tally is not None:
                self._tally.add(self._rows[index], -1)
                self._tally.add(new)
            self._rows[index] = new
            changed = True
            if columns is not None and self._layouts[index] is not None:
                layout = self._layout_row(new, columns)
                self._layouts[index] = layout
                self._heights.set_exact(index, layout.height)
        if not changed or columns is None:
            return
        self._sync_size()
        self._restore_anchor(anchor)
        self.refresh()

    def set_search(self, pattern: re.Pattern[str] | None) -> None:
        self._search = pattern
        self._strips.clear()
        self.refresh()

    # -- cursor ----------------------------------------------------------------------------

    def move_cursor(self, index: int, *, animate: bool = False) -> None:
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        if index != self.cursor:
            previous = self.cursor
            self.cursor = index
            # Only the two rows whose highlight changes need drawing again.
            for row in (previous, index):
                if row < len(self._layouts) and self._layouts[row] is not None:
                    self.refresh_lines(self._heights.top(row), self._heights.height(row))
            self.post_message(self.CursorMoved(self, index))
        self.scroll_to_cursor(animate=animate)

    def scroll_to_cursor(self, *, animate: bool = False) -> None:
        """Scroll so that the cursor row is visible (its top, if it is taller than the view)."""
        if not self._rows or self._columns is None:
            return
        view = self._view_height()
        # Wrap the rows a screen above and below the cursor first: their exact heights
        # place the cursor row where it will be drawn.
        self._lay_out_around(self.cursor, view)
        top = self._heights.top(self.cursor)
        height = self._heights.height(self.cursor)
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=animate, immediate=True)
        elif top + height > y + view:
            self.scroll_to(y=min(top, top + height - view), animate=animate, immediate=True)

    def row_at_line(self, line: int) -> int:
        return self._heights.row_at_line(line)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_page_down(self) -> None:
        if self._rows:
            view = self._view_height()
            target = self.row_at_line(self._heights.top(self.cursor) + view)
            self.move_cursor(max(target, self.cursor + 1))

    def action_page_up(self) -> None:
        if self._rows:
            view = self._view_height()
            target = self.row_at_line(max(0, self._heights.top(self.cursor) - view))
            self.move_cursor(min(target, self.cursor - 1))

    def action_first_row(self) -> None:
        if not self._refuse_partial():
            self.move_cursor(0)

    def action_last_row(self) -> None:
        if not self._refuse_partial():
            self.move_cursor(len(self._rows) - 1)

    def _refuse_partial(self) -> bool:
        """The first and last rows are not in yet: say so rather than stop short."""
        if self._total is None:
            return False
        self.notify(still_loading(self._total), severity="warning")
        return True

    def action_activate(self) -> None:
        if self._rows:
            self.post_message(self.RowActivated(self, self.cursor))

    async def _on_click(self, event: events.Click) -> None:
        if not self._rows:
            return
        index = self.row_at_line(event.y + int(self.scroll_offset.y))
        self.move_cursor(index)
        if event.chain >= 2:
            self.post_message(self.RowActivated(self, index))

    # -- layout ----------------------------------------------------------------------------
    #
    # Rows are wrapped when they come near the screen (drawn, or around the cursor); the
    # others have estimated heights (`RowHeights`). A row's first line depends only on the
    # rows above it, so wrapping the rows on screen and below never moves the view; moving
    # the cursor wraps a screen above and below it before scrolling there.

    def _content_width(self) -> int:
        return max(30, self.scrollable_content_region.width)

    def _largest_number(self) -> int:
        """The number of the last row: a filtered view shows row 12,001 among 2 rows."""
        last = self._rows[-1].number if self._rows else 0
        return max(len(self._rows), last, self._total or 0)

    def _view_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _relayout(self) -> None:
        columns = columns_for(self._content_width(), self._largest_number())
        if columns != self._columns:
            self._columns = columns
            self._reset_layouts({})
        else:
            self._sync_size()

    def _reset_layouts(self, keep: dict[int, tuple[Row, _RowLayout]]) -> None:
        """Forget every layout but those of unchanged rows in `keep` (by paragraph id)."""
        count = len(self._rows)
        self._strips.clear()
        self._layouts = [None] * count
        heights = self._heights
        heights.reset(count)
        if keep:
            for index, row in enumerate(self._rows):
                old = keep.get(row.id)
                if old is None:
                    continue
                if old[0] == row:
                    self._layouts[index] = old[1]
                    heights.set_exact(index, old[1].height)
                else:
                    heights.set_estimate(index, old[1].height)
        # A few rows spread over the document make the estimate of the others' heights; a
        # short document is wrapped whole (exact scrollbar, no estimates at all).
        step = 1 if count <= WRAP_WHOLE else max(1, count // ESTIMATE_SAMPLE)
        for index in range(0, count, step):
            self._layout_at(index)
        heights.reestimate()
        self._sync_size()

    def _layout_at(self, index: int) -> _RowLayout:
        """The row's layout, wrapped now if it was not yet (its height becomes exact)."""
        layout = self._layouts[index]
        if layout is None:
            assert self._columns is not None
            layout = self._layout_row(self._rows[index], self._columns)
            self._layouts[index] = layout
            self._heights.set_exact(index, layout.height)
        return layout

    def _lay_out_from(self, index: int, lines: int) -> None:
        """Wrap rows from `index` down until they fill `lines` lines."""
        filled = 0
        while index < len(self._rows) and filled < lines:
            filled += self._layout_at(index).height
            index += 1

    def _lay_out_around(self, index: int, lines: int) -> None:
        """Wrap the row at `index` and `lines` lines of rows above and below it."""
        if not self._rows:
            return
        self._lay_out_from(index, lines + self._layout_at(index).height)
        above, filled = index - 1, 0
        while above >= 0 and filled < lines:
            filled += self._layout_at(above).height
            above -= 1
        self._sync_size()

    def _sync_size(self) -> None:
        size = Size(self._content_width(), self._heights.total)
        if self.virtual_size != size:
            self.virtual_size = size

    def _anchor(self) -> tuple[int, int] | None:
        """The first row on screen and how far into it the view starts."""
        if not self._rows or self._columns is None:
            return None
        y = int(self.scroll_offset.y)
        index = self.row_at_line(y)
        return index, y - self._heights.top(index)

    def _restore_anchor(self, anchor: tuple[int, int] | None) -> None:
        if anchor is None or anchor[0] >= len(self._rows) or self._columns is None:
            return
        index, offset = anchor
        self._lay_out_from(index, offset + self._view_height())
        self._sync_size()
        offset = min(offset, self._heights.height(index) - 1)
        y = self._heights.top(index) + offset
        if y != int(self.scroll_offset.y):
            self.scroll_to(y=y, animate=False, immediate=True)

    def _layout_row(self, row: Row, columns: _Columns) -> _RowLayout:
        english_text = _english_display(row)
        notes = tuple(
            _Note(mark, text, style, tuple(wrap(text, columns.english - 2)))
            for mark, text, style in _notes(row)
        )
        chinese = _wrapped(row.paragraph.source, columns.chinese)
        english = _wrapped(english_text, columns.english)
        lines = max(len(chinese), len(english) + sum(len(n.lines) for n in notes))
        return _RowLayout(chinese, english, english_text, notes, lines + 1)

    def on_resize(self, event: events.Resize) -> None:
        anchor = self._anchor()
        self._relayout()
        self._restore_anchor(anchor)
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    # -- rendering -------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if self.first_paint is None:
            self.first_paint = time.perf_counter()
        width = self.size.width
        if not self._rows:
            return Strip.blank(width, self.rich_style)
        if self._columns is None or self._columns.width != self._content_width():
            self._relayout()
        top = int(self.scroll_offset.y)
        line = top + y
        index = self.row_at_line(line)
        if self._layouts[index] is None:
            # A row not wrapped yet (scrolled to by the wheel or the scrollbar): wrap the
            # screen's rows at once, from the top of the view.
            first = self.row_at_line(top)
            self._lay_out_from(first, top - self._heights.top(first) + self._view_height())
            self._sync_size()
            index = self.row_at_line(line)
        if line >= self._heights.total:
            return Strip.blank(width, self.rich_style)
        strips = self._row_strips(index)
        offset = line - self._heights.top(index)
        if offset >= len(strips):
            return Strip.blank(width, self.rich_style)
        return strips[offset].adjust_cell_length(width, self.rich_style)

    def _row_strips(self, index: int) -> list[Strip]:
        is_cursor = index == self.cursor
        row = self._rows[index]
        columns = self._columns
        assert columns is not None
        cached = self._strips.get((index, is_cursor))
        if cached is not None and cached[0] is row and cached[1] == columns.width:
            return cached[2]
        strips = self._render_row(row, self._layout_at(index), columns, is_cursor)
        self._strips[(index, is_cursor)] = (row, columns.width, strips)
        return strips

    def _style(self, name: str | None, cursor: bool) -> Style:
        """The style of a component class, on the cursor's background on the cursor row."""
        key = (name, cursor)
        style = self._styles.get(key)
        if style is None:
            base = self.rich_style
            style = self.get_component_rich_style(f"segment-table--{name}") if name else base
            if cursor:
                # Merged component classes do not combine in Textual: lay the cursor's
                # background under the component's own colours instead.
                highlight = self.get_component_rich_style("segment-table--cursor").bgcolor
                if style.bgcolor == base.bgcolor:
                    style += Style(bgcolor=highlight)
            self._styles[key] = style
        return style

    def _render_row(
        self, row: Row, layout: _RowLayout, columns: _Columns, cursor: bool
    ) -> list[Strip]:
        def style(name: str | None) -> Style:
            return self._style(name, cursor)

        console = self.app.console
        base = style(None)
        chinese = self._chinese_text(row, style)
        english = self._english_text(row, layout.english_text, style)
        chinese_lines = [chinese[a:b] for a, b in layout.chinese]
        english_lines = [english[a:b] for a, b in layout.english]
        for note in layout.notes:
            note_style = style(note.style)
            for number, (a, b) in enumerate(note.lines):
                mark = f"{note.mark} " if number == 0 else "  "
                english_lines.append(Text(mark + note.text[a:b], style=note_style))

        paragraph = row.paragraph
        status = paragraph.status
        glyph = Text(STATUS_GLYPHS[status], style=style(status.value))
        if row.flagged:
            flag = Text(FLAG_GLYPH, style=style("error"))
        elif paragraph.review:
            flag = Text(REVIEW_GLYPH, style=style("review"))
        else:
            flag = Text(" ", style=base)
        label = Text(f" {row.number:>{columns.number}} ", style=style("number"))
        gutter_first = _strip(Text.assemble(glyph, flag, label), console, columns.gutter, base)
        gutter_blank = Strip.blank(columns.gutter, base)
        separator = Strip([Segment(SEPARATOR, style("rule"))])

        strips: list[Strip] = []
        for offset in range(layout.height - 1):
            gutter = gutter_first if offset == 0 else gutter_blank
            left = chinese_lines[offset] if offset < len(chinese_lines) else None
            right = english_lines[offset] if offset < len(english_lines) else None
            strips.append(
                Strip.join(
                    [
                        gutter,
                        _strip(left, console, columns.chinese, base),
                        separator,
                        _strip(right, console, columns.english, base),
                    ]
                )
            )
        rule = "─" * columns.width
        strips.append(Strip([Segment(rule, style("rule"))], columns.width))
        return strips

    def _chinese_text(self, row: Row, style: StyleFn) -> Text:
        text = Text(row.paragraph.source, style=style(None))
        if row.check is not None:
            term_style = style("term")
            for hit in row.check.hits:
                text.stylize(term_style, hit.start, hit.end)
        self._highlight_search(text, style)
        return text

    def _english_text(self, row: Row, display: str, style: StyleFn) -> Text:
        paragraph = row.paragraph
        if paragraph.target is not None:
            text = Text(display, style=style(None))
            offset = 0
        elif paragraph.mt:
            text = Text(display, style=style("mt"))
            text.stylize(style("mt-badge"), 0, len(MT_BADGE))
            offset = len(MT_BADGE) + 1
        else:
            return Text(display, style=style("placeholder"))
        if row.check is not None:
            for span in row.check.renderings:
                text.stylize(style("rendering"), span.start + offset, span.end + offset)
            for issue in row.check.issues:
                if issue.start >= 0:
                    text.stylize(style("forbidden"), issue.start + offset, issue.end + offset)
        self._highlight_search(text, style)
        return text

    def _highlight_search(self, text: Text, style: StyleFn) -> None:
        if self._search is None:
            return
        search_style = style("search")
        for match in self._search.finditer(text.plain):
            if match.end() > match.start():
                text.stylize(search_style, match.start(), match.end())


@lru_cache(maxsize=8192)
def _wrapped(text: str, width: int) -> tuple[Span, ...]:
    """Wrapped spans, cached: a row whose checks or status change keeps its text."""
    return tuple(wrap(text, width))


def _english_display(row: Row) -> str:
    paragraph = row.paragraph
    if paragraph.target is not None:
        return paragraph.target
    if paragraph.mt:
        return f"{MT_BADGE} {paragraph.mt}"
    return PLACEHOLDER


def _notes(row: Row) -> list[tuple[str, str, str]]:
    """Lines under the English: an unsaved draft, the row's note, every glossary violation,
    then other quality issues."""
    notes: list[tuple[str, str, str]] = []
    if row.draft is not None:
        shown = row.draft if len(row.draft) <= DRAFT_SHOWN else row.draft[:DRAFT_SHOWN] + "…"
        notes.append((DRAFT_GLYPH, f"Draft, not saved (enter): {shown}", "draft"))
    if row.paragraph.note:
        note = " ".join(row.paragraph.note.split())
        shown = note if len(note) <= NOTE_SHOWN else note[:NOTE_SHOWN] + "…"
        notes.append((NOTE_GLYPH, f"Note: {shown}", "note"))
    notes += [(FLAG_GLYPH, issue_text(issue), "error") for issue in row.violations]
    errors = row.qa_errors
    for qa in row.qa:
        mark, style = (FLAG_GLYPH, "error") if qa in errors else ("!", "warning")
        notes.append((mark, qa.message, style))
    return notes


def _strip(text: Text | None, console: Console, width: int, base: Style) -> Strip:
    if text is None or not text:
        return Strip.blank(width, base)
    segments = list(text.render(console, end=""))
    return Strip(segments).adjust_cell_length(width, base)
