"""Corrections a reviewer makes to an alignment (pure): join, split, shift, confirm.

Each function takes the links and the index of the current one and returns the new links;
the sentences stay in order and every sentence stays in exactly one link. A link the
reviewer made or confirmed gets confidence 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from workbench.core.align import Link

CONFIRMED = 1.0


def join(links: Sequence[Link], index: int) -> list[Link]:
    """The link and the next one become one."""
    if not 0 <= index < len(links) - 1:
        return list(links)
    first, second = links[index], links[index + 1]
    joined = Link(first.zh + second.zh, first.en + second.en, CONFIRMED)
    return [*links[:index], joined, *links[index + 2 :]]


def split(links: Sequence[Link], index: int) -> list[Link]:
    """The link's last sentence on its longer side goes into a link of its own (1:2 →
    1:1 + 0:1); a 1:1 link is undone into 1:0 + 0:1."""
    if not 0 <= index < len(links):
        return list(links)
    link = links[index]
    if len(link.en) > 1 and len(link.en) >= len(link.zh):
        parts = [Link(link.zh, link.en[:-1], CONFIRMED), Link((), link.en[-1:], CONFIRMED)]
    elif len(link.zh) > 1:
        parts = [Link(link.zh[:-1], link.en, CONFIRMED), Link(link.zh[-1:], (), CONFIRMED)]
    elif link.zh and link.en:
        parts = [Link(link.zh, (), CONFIRMED), Link((), link.en, CONFIRMED)]
    else:
        return list(links)
    return [*links[:index], *parts, *links[index + 1 :]]


def pull_english(links: Sequence[Link], index: int) -> list[Link]:
    """The next link's first English sentence moves into this link (a link left empty
    disappears)."""
    if not 0 <= index < len(links) - 1:
        return list(links)
    following = next((k for k in range(index + 1, len(links)) if links[k].en), None)
    if following is None:
        return list(links)
    moved = links[following].en[:1]
    result = list(links)
    result[index] = Link(links[index].zh, links[index].en + moved, CONFIRMED)
    rest = Link(links[following].zh, links[following].en[1:], links[following].confidence)
    result[following] = rest
    # Links between lose nothing (they had no English); an emptied link goes.
    return [link for link in result if link.zh or link.en]


def push_english(links: Sequence[Link], index: int) -> list[Link]:
    """This link's last English sentence moves to the start of the next link's English."""
    if not 0 <= index < len(links) or not links[index].en:
        return list(links)
    link = links[index]
    moved = link.en[-1:]
    result = list(links)
    result[index] = Link(link.zh, link.en[:-1], CONFIRMED)
    if index + 1 < len(links):
        following = links[index + 1]
        result[index + 1] = Link(following.zh, moved + following.en, CONFIRMED)
    else:
        result.append(Link((), moved, CONFIRMED))
    return [link for link in result if link.zh or link.en]


def confirm(links: Sequence[Link], index: int) -> list[Link]:
    if not 0 <= index < len(links):
        return list(links)
    result = list(links)
    result[index] = replace(links[index], confidence=CONFIRMED)
    return result


def next_doubtful(links: Sequence[Link], index: int, below: float) -> int | None:
    """The next link after `index` (wrapping around) with a confidence under `below`."""
    count = len(links)
    for step in range(1, count + 1):
        candidate = (index + step) % count
        if links[candidate].confidence < below:
            return candidate
    return None
