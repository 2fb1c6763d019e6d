"""Rule-based sentence splitting for Chinese and English paragraphs (no model).

Where a sentence ends:

- Chinese: after 。！？ (and ‼⁇⁈⁉), after a run of … (……) or of half-width ! ? when the
  character before the run is Chinese. Closing quotes and brackets that follow the mark
  (” ’ 」 』 ） 》 】 " ...) stay with the sentence.
- English: after . ! ? (and closers) followed by whitespace and a capital letter, an opening
  quote or bracket, or a Chinese character; not after common abbreviations (Mr. Dr. U.S. No.)
  or a single initial ("J. Smith").
- A blank line always ends a sentence.

Where it does not:

- Semicolons never end a sentence. In Chinese ； joins the clauses of one sentence, typically
  the items of an enumeration ("一是……；二是……；三是……。"); official English versions
  keep such a sentence together or re-cut it freely, so it is one unit for alignment and
  translation memory. Splitting there would also separate items from their lead-in.
- Inside a quotation or bracket that continues: in 他说：“我们要坚持。我们要努力。”然后…… the
  first 。 is inside the quotation, so the sentence runs to the closing ”. Only matched pairs
  count, so a stray unclosed quote does not swallow the rest of the paragraph.
- When the mark is followed by a comma-like mark (……，) the sentence goes on.

`"".join(split_sentences(t))` is `t` without the whitespace between sentences (and around them).
"""

from __future__ import annotations

import bisect
import itertools
import re

from workbench.core.text import is_cjk

_CJK_FULL_MARKS = "。！？｡‼⁇⁈⁉"
_CONTEXT_MARKS = "!?…⋯"  # end a Chinese sentence only after a Chinese character
_LATIN_MARKS = ".!?…"
_ALL_MARKS = _CJK_FULL_MARKS + _CONTEXT_MARKS + "."
_PAIRS = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "《": "》",
    "【": "】",
    "〔": "〕",
    "〈": "〉",
    "[": "]",
}
_CLOSERS = frozenset(_PAIRS.values()) | {'"', "'"}
_CONTINUATION = "，、；：,;:"
# Words after which "." does not end an English sentence (lower case, without the last dot).
_ABBREVIATION_WORDS = """
mr mrs ms dr prof st jr sr no nos vol fig figs vs etc e.g i.e inc ltd co corp jan feb mar apr
jun jul aug sep sept oct nov dec gen gov sen rep mt art para pp u.s u.k u.n e.u p.m a.m
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# "1. Promote ..." or "IV. Actions": a list number at the start of a line, not a sentence.
_LIST_NUMBER = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,3}|[A-Za-z]|[IVXLCivxlc]{1,6})$")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; see the module docstring for the rules."""
    quote_opens = _straight_quote_opens(text)
    depth = _Depth(text, quote_opens)
    cuts: list[int] = []
    position = 0
    # Only the end marks are visited (a paragraph can be a whole page: no per-character loop
    # in Python, no copy of the rest of the text per mark).
    for mark in _MARK.finditer(text):
        i = mark.start()
        if i < position:
            continue  # inside the run of the previous mark
        end = _run_end(text, i, quote_opens)
        if _is_boundary(text, i, end, depth):
            cuts.append(end)
        position = end
    cuts.extend(m.start() for m in _BLANK_LINE.finditer(text))
    return _cut(text, sorted(set(cuts)))


_MARK = re.compile(f"[{re.escape(_ALL_MARKS)}]")
_NOT_SPACE = re.compile(r"\S")
_BRACKET = re.compile(f"[{re.escape(''.join(_PAIRS) + ''.join(_PAIRS.values()))}]")


def _run_end(text: str, start: int, quote_opens: dict[int, int]) -> int:
    """Index after the run of end marks at `start` and the closers that follow it."""
    i = start
    while i < len(text):
        if text[i] in _ALL_MARKS or (text[i] in _CLOSERS and i not in quote_opens):
            i += 1  # marks and closers may alternate: 《你好！》。 ends after 。
        else:
            break
    return i


def _is_boundary(text: str, start: int, end: int, depth: _Depth) -> bool:
    if end >= len(text) or depth.after(end - 1) > 0:
        return False
    following = _NOT_SPACE.search(text, end)
    if following is None or text[following.start()] in _CONTINUATION:
        return False
    marks = text[start:end]
    if any(m in _CJK_FULL_MARKS for m in marks):
        return True
    before = text[start - 1] if start > 0 else ""
    if any(m in _CONTEXT_MARKS for m in marks) and is_cjk(before):
        return True
    return _is_latin_boundary(text, start, end, following.start())


def _is_latin_boundary(text: str, start: int, end: int, rest: int) -> bool:
    if not any(m in _LATIN_MARKS for m in text[start:end]) or not text[end : end + 1].isspace():
        return False
    if not _starts_sentence(text[rest : rest + 2]):
        return False
    if text[start:end].rstrip("".join(_CLOSERS)) != ".":
        return True
    # The list number can only stand on the line of the dot (or, as `$` allows, on the line
    # before when the dot opens a line): search from that line's start, not from 0.
    probe = start - 1 if start > 0 and text[start - 1] == "\n" else start
    line_start = max(text.rfind("\n", 0, probe), 0)
    return not _is_abbreviation(text, start) and not _LIST_NUMBER.search(text, line_start, start)


def _starts_sentence(rest: str) -> bool:
    first = rest[0]
    if first in _PAIRS or first in "\"'":
        first = rest[1:2]
    return bool(first) and ((first.isascii() and first.isupper()) or is_cjk(first))


def _is_abbreviation(text: str, dot: int) -> bool:
    stop = dot - 1 if dot > 0 and text[dot - 1] == "\n" else dot  # `$` allows one newline
    begin = stop
    while begin > 0 and (text[begin - 1] == "." or _WORD_CHAR.match(text[begin - 1])):
        begin -= 1  # the word (with its inner dots) that ends at the dot
    token = text[begin:stop].lower()
    if not token:
        return False
    return token in _ABBREVIATIONS or (len(token) == 1 and text[dot - 1].isupper())


_WORD_CHAR = re.compile(r"\w")


def _straight_quote_opens(text: str) -> dict[int, int]:
    """Straight double quotes paired in order (opening index → closing index), if even."""
    if '"' not in text:
        return {}
    positions = [m.start() for m in re.finditer('"', text)]
    if len(positions) % 2:
        return {}  # unbalanced: direction unknown, so they neither open nor protect anything
    return dict(zip(positions[::2], positions[1::2], strict=True))


class _Depth:
    """How many matched quote/bracket pairs are open after a position, by binary search over
    the positions where the count changes (no list as long as the text)."""

    def __init__(self, text: str, quote_opens: dict[int, int]) -> None:
        delta: dict[int, int] = {}
        for open_at, close_at in [*_matched_pairs(text), *quote_opens.items()]:
            delta[open_at] = delta.get(open_at, 0) + 1
            delta[close_at] = delta.get(close_at, 0) - 1
        self.positions = sorted(delta)
        self.levels = list(itertools.accumulate(delta[p] for p in self.positions))

    def after(self, i: int) -> int:
        """The depth after reading text[i]."""
        k = bisect.bisect_right(self.positions, i)
        return self.levels[k - 1] if k else 0


def _matched_pairs(text: str) -> list[tuple[int, int]]:
    """Bracket and curly-quote pairs; a closer pairs with the nearest open opener of its kind."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []  # positions of open openers
    by_closer: dict[str, list[int]] = {}  # closer → indexes into `stack` of its openers
    for found in _BRACKET.finditer(text):
        i, ch = found.start(), found.group()
        if ch in _PAIRS:
            by_closer.setdefault(_PAIRS[ch], []).append(len(stack))
            stack.append(i)
        elif ch in _CLOSERS and ch not in "\"'":
            waiting = by_closer.get(ch)
            if waiting:
                opener = waiting[-1]
                pairs.append((stack[opener], i))
                # openers left inside a closed pair were never closed; each is dropped once
                for k in range(len(stack) - 1, opener - 1, -1):
                    by_closer[_PAIRS[text[stack[k]]]].pop()
                del stack[opener:]
    return pairs


def _cut(text: str, cuts: list[int]) -> list[str]:
    pieces: list[str] = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = cut
    return pieces
