"""A bracketed paste holding terminal escape codes reaches the app as one Paste, in order,
with each code defused (the paste handlers then remove it and say so)."""

from __future__ import annotations

import time

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.constants import ESCAPE_DELAY

from workbench.core.text_policy import sanitize
from workbench.tui.terminal_paste import PREFIX_WAIT, PasteGuardParser, install_paste_guard

START, END = "\x1b[200~", "\x1b[201~"
COLOURED = "pasted \x1b[31mred\x1b[0m text, a title \x1b]0;终端\x07 and a lone \x1bESC"


def parse(parser: XTermParser, *reads: str) -> list[events.Event]:
    found = []
    for data in reads:
        found.extend(parser.feed(data))
    return [event for event in found if isinstance(event, (events.Paste, events.Key))]


def pasted(found: list[events.Event]) -> list[str]:
    return [event.text for event in found if isinstance(event, events.Paste)]


def test_textual_alone_types_the_codes_out_of_order() -> None:
    # What the guard is for: if Textual learns to read a paste whole, this fails and the
    # guard can go.
    found = parse(XTermParser(), START + COLOURED + END)
    assert pasted(found) != [COLOURED]
    assert any(isinstance(event, events.Key) for event in found)


def test_the_paste_arrives_whole_and_in_order_with_its_codes_defused() -> None:
    found = parse(PasteGuardParser(), START + COLOURED + END)
    assert [type(event) for event in found] == [events.Paste]
    (text,) = pasted(found)
    assert "\x1b" not in text
    assert sanitize(text).text == "pasted red text, a title  and a lone ESC"
    assert sanitize(text).removed == 4  # one per code: the notice counts them


# Not 1: a read of one ESC is the escape key, handed on at once (see _start_prefix).
@pytest.mark.parametrize("size", [2, 3, 5, 7, 64])
def test_a_paste_split_across_reads_anywhere(size: int) -> None:
    stream = "a" + START + COLOURED + END + "b"
    reads = [stream[i : i + size] for i in range(0, len(stream), size)]
    parser = PasteGuardParser()
    found = parse(parser, *reads)
    keys = [event.character for event in found if isinstance(event, events.Key)]
    (text,) = pasted(found)
    assert sanitize(text).text == "pasted red text, a title  and a lone ESC"
    assert keys == ["a", "b"]


def test_a_possible_marker_start_alone_is_handed_on_at_the_next_tick() -> None:
    parser = PasteGuardParser()
    # "\x1b[" may begin a paste's marker: held back for a moment.
    assert [event.key for event in parse(parser, "x\x1b[")] == ["x"]  # type: ignore[attr-defined]
    time.sleep(PREFIX_WAIT + 0.02)
    handed_on = list(parser.tick())  # to Textual, which waits for the rest of a sequence
    time.sleep(ESCAPE_DELAY + 0.05)
    later = [e for e in (*handed_on, *parser.tick()) if isinstance(e, events.Key)]
    assert later  # not held forever: Textual reads it as keys once its own wait is over
    assert parse(PasteGuardParser(), "\x1b") == []  # the escape key is Textual's to time


def test_keys_and_escape_outside_a_paste_are_untouched() -> None:
    found = parse(PasteGuardParser(), "x\x1b[A")  # x, then the up arrow
    assert [event.key for event in found if isinstance(event, events.Key)] == ["x", "up"]


def test_two_pastes_in_one_read_and_a_paste_with_no_codes() -> None:
    found = parse(PasteGuardParser(), START + "一\x1b[1m二" + END + START + "plain" + END)
    assert [sanitize(text).text for text in pasted(found)] == ["一二", "plain"]
    assert pasted(found)[1] == "plain"


def test_the_drivers_read_with_the_guard() -> None:
    from textual.drivers import linux_driver

    install_paste_guard()
    assert linux_driver.XTermParser is PasteGuardParser  # type: ignore[attr-defined]


def test_the_end_of_input_hands_on_what_was_held_and_ends() -> None:
    parser = PasteGuardParser()
    assert parse(parser, "x\x1b[2") != []  # x; "\x1b[2" held back
    list(parser.feed(""))
    assert parser.is_eof
