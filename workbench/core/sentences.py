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
    depth = _depth_after(text, quote_opens)
    cuts: list[int] = []
    i = 0
    while i < len(text):
        if text[i] in _ALL_MARKS:
            end = _run_end(text, i, quote_opens)
            if _is_boundary(text, i, end, depth):
                cuts.append(end)
            i = end
        else:
            i += 1
    cuts.extend(m.start() for m in _BLANK_LINE.finditer(text))
    return _cut(text, sorted(set(cuts)))


def _run_end(text: str, start: int, quote_opens: dict[int, int]) -> int:
    """Index after the run of end marks at `start` and the closers that follow it."""
    i = start
    while i < len(text):
        if text[i] in _ALL_MARKS or (text[i] in _CLOSERS and i not in quote_opens):
            i += 1  # marks and closers may alternate: 《你好！》。 ends after 。
        else:
            break
    return i


def _is_boundary(text: str, start: int, end: int, depth: list[int]) -> bool:
    if end >= len(text) or depth[end - 1] > 0:
        return False
    rest = text[end:].lstrip()
    if not rest or rest[0] in _CONTINUATION:
        return False
    marks = text[start:end]
    if any(m in _CJK_FULL_MARKS for m in marks):
        return True
    before = text[start - 1] if start > 0 else ""
    if any(m in _CONTEXT_MARKS for m in marks) and is_cjk(before):
        return True
    return _is_latin_boundary(text, start, end, rest)


def _is_latin_boundary(text: str, start: int, end: int, rest: str) -> bool:
    if not any(m in _LATIN_MARKS for m in text[start:end]) or not text[end : end + 1].isspace():
        return False
    if not _starts_sentence(rest):
        return False
    if text[start:end].rstrip("".join(_CLOSERS)) != ".":
        return True
    return not _is_abbreviation(text, start) and not _LIST_NUMBER.search(text, 0, start)


def _starts_sentence(rest: str) -> bool:
    first = rest[0]
    if first in _PAIRS or first in "\"'":
        first = rest[1:2]
    return bool(first) and ((first.isascii() and first.isupper()) or is_cjk(first))


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"[\w.]*$", text[:dot])
    token = word.group(0).lower() if word else ""
    if not token:
        return False
    return token in _ABBREVIATIONS or (len(token) == 1 and text[dot - 1].isupper())


def _straight_quote_opens(text: str) -> dict[int, int]:
    """Straight double quotes paired in order (opening index → closing index), if even."""
    positions = [i for i, ch in enumerate(text) if ch == '"']
    if len(positions) % 2:
        return {}  # unbalanced: direction unknown, so they neither open nor protect anything
    return dict(zip(positions[::2], positions[1::2], strict=True))


def _depth_after(text: str, quote_opens: dict[int, int]) -> list[int]:
    """depth[i]: how many matched quote/bracket pairs are open after reading text[i]."""
    delta = [0] * (len(text) + 1)
    for open_at, close_at in [*_matched_pairs(text), *quote_opens.items()]:
        delta[open_at] += 1
        delta[close_at] -= 1
    depth: list[int] = []
    level = 0
    for i in range(len(text)):
        level += delta[i]
        depth.append(level)
    return depth


def _matched_pairs(text: str) -> list[tuple[int, int]]:
    """Bracket and curly-quote pairs; a closer pairs with the nearest open opener of its kind."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append(i)
        elif ch in _CLOSERS and ch not in "\"'":
            opener = _nearest_opener(text, stack, ch)
            if opener is not None:
                pairs.append((stack[opener], i))
                del stack[opener:]  # openers left inside a closed pair were never closed
    return pairs


def _nearest_opener(text: str, stack: list[int], closer: str) -> int | None:
    for k in range(len(stack) - 1, -1, -1):
        if _PAIRS[text[stack[k]]] == closer:
            return k
    return None


def _cut(text: str, cuts: list[int]) -> list[str]:
    pieces: list[str] = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = cut
    return pieces
