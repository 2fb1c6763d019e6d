"""Heights and first lines of the grid's rows, exact for rows laid out, estimated for others.

The grid wraps a row's text only when the row comes near the screen; until then its height
is an estimate (the mean height of the rows laid out so far). The first line of every row
is a running sum of the heights, recomputed once after a batch of changes (`tops`), so a
100,000-row document costs one pass over a list of integers, not 100,000 wraps.

A row's first line depends only on the rows above it: laying out the rows on screen and
below never moves the first row on screen, which is how the view stays still while
estimates become exact.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

DEFAULT_ESTIMATE = 3  # lines, before any row has been laid out
_MEAN, _EXACT, _OWN_ESTIMATE = 0, 1, 2  # what a row's height is


class RowHeights:
    """Per-row heights; `exact(index)` says whether a row's height is known."""

    def __init__(self) -> None:
        self._heights: list[int] = []
        self._exact = bytearray()  # _MEAN, _EXACT or _OWN_ESTIMATE per row
        self._tops: list[int] = [0]  # tops[i] = first line of row i; tops[-1] = total
        self._dirty = False
        self._exact_lines = 0
        self._exact_rows = 0

    def __len__(self) -> int:
        return len(self._heights)

    def reset(self, count: int, estimate: int | None = None) -> None:
        """`count` rows, none laid out, each of `estimate` lines (default: the mean so far)."""
        guess = max(1, estimate if estimate is not None else self.estimate)
        self._heights = [guess] * count
        self._exact = bytearray(count)
        self._exact_lines = self._exact_rows = 0
        self._dirty = True

    @property
    def estimate(self) -> int:
        """The mean height of the rows laid out (rounded), or a default before any."""
        if not self._exact_rows:
            return DEFAULT_ESTIMATE
        return max(1, round(self._exact_lines / self._exact_rows))

    def height(self, index: int) -> int:
        return self._heights[index]

    def exact(self, index: int) -> bool:
        return self._exact[index] == _EXACT

    def set_exact(self, index: int, height: int) -> None:
        if self._exact[index] == _EXACT:
            self._exact_lines -= self._heights[index]
        else:
            self._exact[index] = _EXACT
            self._exact_rows += 1
        self._exact_lines += height
        if self._heights[index] != height:
            self._heights[index] = height
            self._dirty = True

    def set_estimate(self, index: int, height: int) -> None:
        """An estimate of the row's own (its height before it changed), kept by
        `reestimate`."""
        if self._exact[index] == _EXACT:
            self._exact_rows -= 1
            self._exact_lines -= self._heights[index]
        self._exact[index] = _OWN_ESTIMATE
        if self._heights[index] != height:
            self._heights[index] = height
            self._dirty = True

    def reestimate(self) -> None:
        """Give the rows without an exact height or an estimate of their own the mean."""
        guess = self.estimate
        heights = self._heights
        self._heights = [
            guess if kind == _MEAN else height
            for height, kind in zip(heights, self._exact, strict=True)
        ]
        self._dirty = self._dirty or self._heights != heights

    def _fresh_tops(self) -> list[int]:
        if self._dirty:
            self._tops = [0, *accumulate(self._heights)]
            self._dirty = False
        return self._tops

    def top(self, index: int) -> int:
        return self._fresh_tops()[index]

    @property
    def total(self) -> int:
        return self._fresh_tops()[-1]

    def row_at_line(self, line: int) -> int:
        """The row that holds `line` (the last row for lines past the end; 0 when empty)."""
        if not self._heights:
            return 0
        tops = self._fresh_tops()
        return max(0, min(bisect_right(tops, line) - 1, len(self._heights) - 1))
