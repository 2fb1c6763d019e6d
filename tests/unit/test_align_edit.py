"""Reviewer corrections of an alignment keep every sentence in exactly one link, in order."""

from __future__ import annotations

from workbench.core.align import Link
from workbench.core.align_edit import (
    confirm,
    join,
    next_doubtful,
    pull_english,
    push_english,
    split,
)

LINKS = [
    Link((0,), (0, 1), 0.4),
    Link((1,), (2,), 0.9),
    Link((), (3,), 0.5),
    Link((2, 3), (4,), 0.3),
]


def _sentences(links: list[Link]) -> tuple[list[int], list[int]]:
    return [i for link in links for i in link.zh], [j for link in links for j in link.en]


def _shape(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.zh, link.en) for link in links]


def test_every_edit_keeps_the_sentences_in_order() -> None:
    for edit in (join, split, pull_english, push_english, confirm):
        for index in range(len(LINKS)):
            assert _sentences(edit(LINKS, index)) == ([0, 1, 2, 3], [0, 1, 2, 3, 4])


def test_join_and_split() -> None:
    joined = join(LINKS, 1)
    assert _shape(joined)[1] == ((1,), (2, 3))
    assert joined[1].confidence == 1.0
    assert _shape(split(LINKS, 0))[:2] == [((0,), (0,)), ((), (1,))]
    assert _shape(split(LINKS, 3))[3:] == [((2,), (4,)), ((3,), ())]
    assert _shape(split(LINKS, 1))[1:3] == [((1,), ()), ((), (2,))]


def test_shift_english_between_links() -> None:
    assert _shape(push_english(LINKS, 0))[:2] == [((0,), (0,)), ((1,), (1, 2))]
    pulled = pull_english(LINKS, 1)
    assert _shape(pulled)[1] == ((1,), (2, 3))
    assert len(pulled) == len(LINKS) - 1  # the translator's line link, emptied, is gone


def test_confirm_and_next_doubtful() -> None:
    assert confirm(LINKS, 0)[0].confidence == 1.0
    assert next_doubtful(LINKS, 0, 0.5) == 3
    assert next_doubtful(LINKS, 3, 0.5) == 0  # wraps around
    assert next_doubtful(confirm(confirm(LINKS, 0), 3), 1, 0.5) is None
