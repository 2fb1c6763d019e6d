"""Line breaking for mixed Chinese and English text, measured in terminal cells.

Chinese breaks between any two characters, English between words; a double-width character
never straddles the edge. Closing punctuation (，。、）」 …) does not start a line and
opening brackets and quotes (（《“ …) do not end one: the character before (or the bracket
itself) moves down with it, as Chinese typesetting does.

`wrap` returns character spans rather than strings so that a styled `rich.text.Text` can be
cut at the same places (highlights survive the wrapping). It is on the path of opening a
document (every row is wrapped to know its height), so runs of Chinese are measured as a
whole: each of their characters is two cells wide.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len
from textual.content import Content

Span = tuple[int, int]

# Characters that are all exactly two cells wide (checked against rich's tables).
_WIDE = (
    "\u1100-\u115f\u3001-\u3029\u3030-\u303e\u3041-\u3096\u30a0-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd"
)
# A newline, a run of spaces, a run of wide characters, or a run of anything else (a word).
_TOKEN = re.compile(rf"(?P<nl>\n)|(?P<space>[ \t\u3000]+)|(?P<wide>[{_WIDE}]+)|[^\s{_WIDE}]+")
_SPACE = frozenset(" \t\u3000")

NO_START = frozenset("，。、；：！？）》」』】〉〕’”…—,.;:!?)]%·")
NO_END = frozenset("（《「『【〈〔‘“([")


@lru_cache(maxsize=8192)
def _width(token: str) -> int:
    return cell_len(token)


def wrap(text: str, width: int) -> list[Span]:
    """Spans of `text`, one per line, none wider than `width` cells (at least one line).

    Spaces where a line is broken are dropped; explicit newlines end a line.
    """
    width = max(width, 2)  # a double-width character needs two cells
    if not text.startswith(" ") and not _NOT_NARROW.search(text):
        return _wrap_narrow(text, width)
    return _Wrapper(text, width).run()


# Text made only of these characters (one cell each, no line breaks) is English-like: it
# breaks at spaces only, so whole lines can be found with `rfind` instead of word by word.
_NOT_NARROW = re.compile(r"[^\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e]")


def _wrap_narrow(text: str, width: int) -> list[Span]:
    lines: list[Span] = []
    length = len(text)
    pos = 0
    while length - pos > width:
        space = text.rfind(" ", pos, pos + width + 1)
        if space <= pos:  # one word fills the line: cut it
            lines.append((pos, _rstrip(text, pos, pos + width)))
            pos += width
            continue
        lines.append((pos, _rstrip(text, pos, space)))
        pos = space
        while pos < length and text[pos] == " ":
            pos += 1
    if pos < length or not lines:  # spaces at the very end do not make a line
        lines.append((pos, _rstrip(text, pos, length)))
    return lines


class _Wrapper:
    """Fills lines token by token; the state is the line being filled."""

    def __init__(self, text: str, width: int) -> None:
        self.text = text
        self.width = width
        self.lines: list[Span] = []
        self.start = 0  # where the current line starts in the text
        self.end = 0  # end of its visible content (trailing spaces excluded)
        self.col = 0  # cells used, spaces included
        self.last = -1  # start of its last word or character, -1 if none

    def run(self) -> list[Span]:
        for match in _TOKEN.finditer(self.text):
            t_start, t_end = match.span()
            kind = match.lastgroup
            if kind == "nl":
                self.new_line(t_end, self.end)
            elif kind == "space":
                if self.col == 0 and self.lines:
                    self.start = self.end = t_end  # no leading spaces on a wrapped line
                else:
                    self.col += _width(match.group())
            elif kind == "wide":
                self.wide(t_start, t_end)
            else:
                self.word(t_start, t_end, _width(match.group()))
        self.lines.append((self.start, _rstrip(self.text, self.start, self.end)))
        return self.lines

    def new_line(self, cut: int, visible_end: int) -> None:
        self.lines.append((self.start, _rstrip(self.text, self.start, visible_end)))
        self.start = self.end = cut
        self.col = 0
        self.last = -1

    def word(self, t_start: int, t_end: int, w: int) -> None:
        if self.col + w > self.width and self.end > self.start:
            self.break_before(t_start)
            self.col = _width(self.text[self.start : t_start])
        self.col += w
        self.end = t_end
        self.last = t_start
        if self.col > self.width:  # a word wider than the line: cut it into pieces
            self.cut(t_start, t_end)

    def wide(self, pos: int, t_end: int) -> None:
        """A run of double-width characters, broken where the lines end."""
        text = self.text
        while pos < t_end:
            room = (self.width - self.col) // 2
            if t_end - pos <= room:
                self.col += 2 * (t_end - pos)
                self.end = t_end
                self.last = t_end - 1
                return
            cut = pos + room  # the first character that does not fit
            for _ in range(2):  # typesetting rules move the break back a character or two
                if (
                    cut > pos
                    and cut - 1 > self.start
                    and (text[cut] in NO_START or text[cut - 1] in NO_END)
                ):
                    cut -= 1
            if cut > pos:
                self.new_line(cut, cut)
                pos = cut
                continue
            # Not one character of the run fits after what the line holds.
            self.break_before(pos)
            self.col = _width(text[self.start : pos])
            if self.start < pos:
                self.end = pos
                self.last = self.start

    def break_before(self, position: int) -> None:
        """End the line before `position`. Characters move down with it while a closing mark
        would start the next line or an opening mark end this one (”， after 智 takes 智 too),
        but never part of a Latin word and never more than fits on a line."""
        text = self.text
        cut = position
        for _ in range(3):
            before = cut - 1
            if before <= self.start or not (text[cut] in NO_START or text[before] in NO_END):
                break
            if text[before].isascii() and not text[before].isspace():
                # A mark right after a Latin word ("Summit]，"): the whole word goes down
                # with it, if it does not start the line and fits on one.
                word = _word_start(text, before)
                if word > self.start and _width(text[word : position + 1]) <= self.width:
                    cut = word
                break
            if text[before].isspace() or _width(text[before : position + 1]) > self.width:
                break
            cut = before
        self.new_line(cut, cut if cut < position else self.end)

    def cut(self, t_start: int, t_end: int) -> None:
        """Cut a word wider than the line into full lines; the rest stays on the line."""
        col = _width(self.text[self.start : t_start])
        for index in range(t_start, t_end):
            w = _width(self.text[index])
            if col + w > self.width and index > self.start:
                self.new_line(index, index)
                col = 0
            col += w
        self.col = col
        self.end = t_end
        self.last = self.start


def _word_start(text: str, index: int) -> int:
    """Start of the run of narrow, non-space characters that holds `index`."""
    while index > 0 and not text[index - 1].isspace() and _width(text[index - 1]) == 1:
        index -= 1
    return index


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return end


def wrap_content(content: Content, width: int) -> Content:
    """`content` broken into lines by `wrap` (Chinese typesetting rules), styles kept."""
    spans = wrap(content.plain, width)
    return Content("\n").join(content[start:end] for start, end in spans)
