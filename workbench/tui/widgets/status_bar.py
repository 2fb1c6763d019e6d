"""The status bar: where the translator is and how far the document has come."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import Label, ProgressBar

from workbench.core.counts import Counts, percent_text
from workbench.core.segments import Status
from workbench.tui.rows import Row, RowTally
from workbench.tui.widgets.segment_table import FLAG_GLYPH, REVIEW_GLYPH, STATUS_GLYPHS

COMPACT_BELOW = 100  # columns
_LABELS = {
    Status.NEW: "new",
    Status.MACHINE: "MT",
    Status.EDITED: "edited",
    Status.APPROVED: "approved",
}


def progress_text(
    document: str,
    rows: Sequence[Row],
    cursor: int | None,
    *,
    compact: bool = False,
    tally: RowTally | None = None,
    loading: int | None = None,
) -> Text:
    """`doc.txt  ¶ 3/12  ◌ 2 new  ◍ 3 MT  ✎ 5 edited  ✔ 2 approved  ✗ 1 flagged  ⚑ 1 review`.

    Compact (narrow terminals): `doc.t… ¶3/12 ◌2 ◍3 ✎5 ✔2 ✗1 ⚑1`. `loading`: the rows are
    some of a document of that many still being read (no figures yet):
    `doc.txt  ¶ 50,001/100,000  loading 100,000 rows…`.
    """
    if loading is not None:
        number = rows[cursor].number if cursor is not None and rows else 0
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(document, style="bold")
        text.append(f"  ¶ {number:,}/{loading:,}  loading {loading:,} rows…")
        return text
    if tally is None:
        tally = RowTally.of(rows)
    counts, flagged, review = tally.statuses, tally.flagged, tally.review
    text = Text(no_wrap=True, overflow="ellipsis")
    where = f"{cursor + 1}/{len(rows)}" if cursor is not None and rows else f"0/{len(rows)}"
    if compact:
        name = document if len(document) <= 16 else document[:15] + "…"
        text.append(name, style="bold")
        text.append(f" ¶{where}")
        for status in Status:
            text.append(f" {STATUS_GLYPHS[status]}{counts[status]}")
        text.append(f" {FLAG_GLYPH}{flagged}", style="bold" if flagged else "")
        if review:
            text.append(f" {REVIEW_GLYPH}{review}")
        return text
    text.append(document, style="bold")
    text.append(f"  ¶ {where}")
    for status in Status:
        text.append(f"  {STATUS_GLYPHS[status]} {counts[status]} {_LABELS[status]}")
    text.append(f"  {FLAG_GLYPH} {flagged} flagged", style="bold" if flagged else "")
    if review:
        text.append(f"  {REVIEW_GLYPH} {review} to review")
    return text


def counts_forms(counts: Counts) -> tuple[str, ...]:
    """The counts from the longest form to the shortest: `1,234 字 · 567 words · 12%
    approved`, `字1,234 w567 ✔12%`, `✔12%`. 字 takes two cells."""
    approved = percent_text(counts.approved_percent)
    characters, words = f"{counts.chinese_characters:,}", f"{counts.english_words:,}"
    return (
        f"{characters} 字 · {words} words · {approved} approved",
        f"字{characters} w{words} ✔{approved}",
        f"✔{approved}",
    )


class StatusBar(Horizontal):
    """Document progress on the left, a progress bar while machine translation runs."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $foreground; }
    StatusBar #status-text { width: 1fr; padding: 0 1; }
    StatusBar #status-progress { display: none; width: auto; padding-right: 1; }
    StatusBar.-busy #status-progress { display: block; }
    StatusBar #status-counts { width: auto; padding-right: 1; color: $text-muted; }
    StatusBar #status-task { display: none; width: auto; color: $text-muted; }
    StatusBar #status-extra { width: auto; max-width: 60%; padding: 0 1; color: $warning; }
    StatusBar.-busy #status-task { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="status-text")
        yield Label("", id="status-counts")
        yield Label("", id="status-extra")
        yield Label("", id="status-task")
        yield ProgressBar(id="status-progress", show_eta=False)

    _shown: tuple[str, Sequence[Row], int | None, RowTally | None, int | None] = (
        "",
        (),
        None,
        None,
        None,
    )

    def show(
        self,
        document: str,
        rows: Sequence[Row],
        cursor: int | None,
        tally: RowTally | None = None,
        loading: int | None = None,
    ) -> None:
        """`tally`: the rows' figures if the caller keeps them (counted here otherwise);
        `loading`: see `progress_text`."""
        self._shown = (document, rows, cursor, tally, loading)
        compact = self.size.width < COMPACT_BELOW
        # One line of fixed size: no need to lay the screen out again.
        text = progress_text(document, rows, cursor, compact=compact, tally=tally, loading=loading)
        self.query_one("#status-text", Label).update(text, layout=False)
        self._status_cells = text.cell_len
        self.show_counts(self._counts)

    def show_extra(self, text: str) -> None:
        """The active filter and the document's order warnings (empty: nothing)."""
        label = self.query_one("#status-extra", Label)
        label.display = bool(text)
        label.update(text)

    def on_resize(self, event: Resize) -> None:
        self.show(*self._shown)

    _counts: Counts | None = None
    _status_cells = 0

    def show_counts(self, counts: Counts | None) -> None:
        """The document's Chinese characters, English words and share approved, in the
        longest form that fits beside the progress (which keeps its room)."""
        self._counts = counts
        room = self.size.width - self._status_cells - 4
        shown = ""
        if counts is not None:
            shown = next((form for form in counts_forms(counts) if cell_len(form) <= room), "")
        self.query_one("#status-counts", Label).update(shown)

    def start_task(self, label: str, total: int) -> None:
        self.query_one("#status-task", Label).update(f"{label} ")
        self.query_one(ProgressBar).update(total=total, progress=0)
        self.add_class("-busy")

    def rename_task(self, label: str) -> None:
        """A new label for the task under way (its progress stays)."""
        self.query_one("#status-task", Label).update(f"{label} ")

    def advance(self, done: int, total: int | None = None) -> None:
        bar = self.query_one(ProgressBar)
        if total is not None:
            bar.update(total=total)
        bar.update(progress=done)

    def end_task(self) -> None:
        self.remove_class("-busy")
