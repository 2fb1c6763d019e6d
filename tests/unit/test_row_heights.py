"""The grid's height bookkeeping: exact heights for rows laid out, estimates for the rest."""

from __future__ import annotations

from workbench.tui.widgets.row_heights import DEFAULT_ESTIMATE, RowHeights


def test_rows_not_laid_out_take_the_mean_of_those_that_are() -> None:
    heights = RowHeights()
    heights.reset(10)
    assert heights.estimate == DEFAULT_ESTIMATE
    assert heights.total == 10 * DEFAULT_ESTIMATE
    heights.set_exact(0, 2)
    heights.set_exact(5, 6)
    assert heights.estimate == 4
    heights.reestimate()
    assert [heights.height(i) for i in range(10)] == [2, 4, 4, 4, 4, 6, 4, 4, 4, 4]
    assert heights.exact(0) and heights.exact(5) and not heights.exact(1)
    assert heights.total == 2 + 6 + 8 * 4


def test_a_row_made_exact_moves_only_the_rows_below_it() -> None:
    heights = RowHeights()
    heights.reset(6, estimate=3)
    tops_before = [heights.top(i) for i in range(6)]
    assert tops_before == [0, 3, 6, 9, 12, 15]
    heights.set_exact(2, 7)
    assert [heights.top(i) for i in range(6)] == [0, 3, 6, 13, 16, 19]
    assert heights.total == 22
    # Setting the same row again replaces its height in the mean, it is not counted twice.
    heights.set_exact(2, 5)
    assert heights.estimate == 5
    assert heights.top(3) == 11


def test_row_at_line_finds_the_row_holding_a_line() -> None:
    heights = RowHeights()
    assert heights.row_at_line(5) == 0  # empty
    heights.reset(4, estimate=2)
    heights.set_exact(1, 5)  # rows at lines 0-1, 2-6, 7-8, 9-10
    assert [heights.row_at_line(line) for line in (0, 1, 2, 6, 7, 8, 9, 10)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        3,
        3,
    ]
    assert heights.row_at_line(500) == 3  # past the end: the last row


def test_a_changed_row_keeps_its_old_height_as_its_estimate() -> None:
    heights = RowHeights()
    heights.reset(3, estimate=2)
    heights.set_exact(0, 4)
    heights.set_exact(1, 8)
    heights.set_estimate(1, 8)  # changed: no longer exact, its old height still the guess
    assert not heights.exact(1)
    assert heights.estimate == 4  # the mean of the exact rows only
    heights.reestimate()
    assert [heights.height(i) for i in range(3)] == [4, 8, 4]
