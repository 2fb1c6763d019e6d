"""A bracketed paste that holds terminal escape codes arrives whole and in order.

Textual's terminal reader takes every ESC as the start of a key, even inside a bracketed
paste: text copied from a console with colours ("\\x1b[31mred\\x1b[0m") reached the edit
box as typed keys "^[31m" ahead of the rest of the paste, which came last, out of order.
`PasteGuardParser` reads the paste itself first: everything between the paste's start and
end markers is held until the end marker has come, then handed on with each escape
sequence (and any other ESC) replaced by SUB (U+001A, the substitute character). SUB is a
control character like the rest the text policy removes, so the paste handlers remove it
and say so ("Removed 2 characters from the pasted text").

The guard replaces the parser class in Textual's Linux drivers (`install_paste_guard`);
the headless driver of the tests reads no bytes, so the unit tests feed the parser directly
and a tmux test pastes through a real terminal.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from time import monotonic

from textual._xterm_parser import XTermParser
from textual.message import Message

from workbench.core.text_policy import ESCAPE_SEQUENCE

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESC = "\x1b"
SUBSTITUTE = "\x1a"
PREFIX_WAIT = 0.05  # seconds a possible start of a paste waits for the rest of its marker


def _start_prefix(data: str) -> str:
    """The end of `data` that may begin a paste's start marker. A read of one ESC alone is
    the escape key, which must not wait: a marker split right after its ESC is left to
    Textual, as without the guard."""
    if data == ESC:
        return ""
    for size in range(len(PASTE_START) - 1, 0, -1):
        if data.endswith(PASTE_START[:size]):
            return PASTE_START[:size]
    return ""


def defused(pasted: str) -> str:
    """The paste's text with no ESC left: a sequence, or an ESC alone, becomes one SUB."""
    return ESCAPE_SEQUENCE.sub(SUBSTITUTE, pasted).replace(ESC, SUBSTITUTE)


class PasteGuardParser(XTermParser):
    """XTermParser, given each bracketed paste whole with its ESCs defused."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._held: list[str] | None = None  # the paste so far; None outside a paste
        self._tail = ""  # its last characters: the end marker may be split across reads
        # The end of a read that may be the start of a paste's start marker ("\x1b[20"),
        # and since when: handed on by `tick` if no more comes (alt+[ typed alone).
        self._prefix = ""
        self._prefix_since = 0.0

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input: what was held back, then the end itself
            prefix = self._take_prefix()
            return [*super().feed(prefix), *super().feed("")] if prefix else super().feed("")
        passed = self._guard(self._take_prefix() + data)
        return super().feed(passed) if passed else ()

    def tick(self) -> Iterable[Message]:
        if self._prefix and monotonic() - self._prefix_since >= PREFIX_WAIT:
            yield from super().feed(self._take_prefix())
        yield from super().tick()

    def _take_prefix(self) -> str:
        prefix, self._prefix = self._prefix, ""
        return prefix

    def _guard(self, data: str) -> str:
        out: list[str] = []
        while data:
            if self._held is None:
                start = data.find(PASTE_START)
                if start < 0:
                    kept = _start_prefix(data)
                    out.append(data[: len(data) - len(kept)])
                    if kept:
                        self._prefix, self._prefix_since = kept, monotonic()
                    break
                cut = start + len(PASTE_START)
                out.append(data[:cut])
                data = data[cut:]
                self._held, self._tail = [], ""
                continue
            probe = self._tail + data
            end = probe.find(PASTE_END)
            if end < 0:
                self._held.append(data)
                self._tail = probe[-(len(PASTE_END) - 1) :]
                break
            in_data = end - len(self._tail)  # where the marker starts in `data`
            if in_data >= 0:
                self._held.append(data[:in_data])
                pasted = "".join(self._held)
            else:  # the marker began in the previous read
                pasted = "".join(self._held)[:in_data]
            out.append(defused(pasted) + PASTE_END)
            data = data[in_data + len(PASTE_END) :]
            self._held, self._tail = None, ""
        return "".join(out)


def install_paste_guard() -> None:
    """Make Textual's Linux drivers read the terminal with `PasteGuardParser` (idempotent;
    a driver looks the class up when its input thread starts). Elsewhere (Windows) the
    drivers cannot be imported and nothing changes."""
    for name in ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver"):
        try:
            driver = importlib.import_module(name)
        except ImportError:
            continue
        setattr(driver, "XTermParser", PasteGuardParser)  # noqa: B010 (a module of Textual)
