"""Reading numbers in English text: figures with scale words, number words, ordinals,
months, Roman numerals, and the qualifiers that make them approximate."""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.core.numbers.base import (
    WIDTH,
    Approx,
    Extraction,
    Quantity,
    Strength,
    find_codes,
    masked,
)

_EN_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000,
}  # fmt: skip
_EN_SCALE = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
             "trillion": 10**12}  # fmt: skip
# Words that name a quantity without being a number word.
_EN_IMPLIED = {
    "both": 2, "twice": 2, "double": 2, "doubled": 2, "pair": 2, "bilateral": 2, "dual": 2,
    "twofold": 2, "triple": 3, "tripled": 3, "threefold": 3, "trilateral": 3, "tripartite": 3,
    "triangular": 3, "thrice": 3, "quadruple": 4, "fourfold": 4, "dozen": 12, "decade": 10,
    "century": 100, "centenary": 100, "centennial": 100, "millennium": 1000, "half": 2,
    "halves": 2, "quarter": 4, "quarters": 4, "thirds": 3,
}  # fmt: skip
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}

_EN_FIGURE = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<suffix>st|nd|rd|th)|(?P<decade>(?<=\d\d)s|'s))?(?![\w])"
    r"(?:[\s-](?P<scale>hundred|thousand|million|billion|trillion)\b)?"
)
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_EN_QUALIFIER = re.compile(
    r"(?<![A-Za-z])(?:(?P<more>more than|over|above|upwards of|in excess of|exceeding|"
    r"at least|no less than|no fewer than|beyond|well over|just over)"
    r"|(?P<less>less than|fewer than|under|below|nearly|almost|close to|up to|just under|"
    r"not quite|approaching|no more than)"
    r"|(?P<about>about|around|approximately|roughly|some|an estimated|circa))\s+$",
    re.IGNORECASE,
)
_EN_QUALIFIER_AFTER = re.compile(
    r"^(?:[\s-]?\w+)?(?P<more>\s*\+|-plus\b| or more\b| and more\b| and above\b| odd\b)"
    r"|^(?:\s\w+)?(?P<about> or so\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def extract_english(text: str) -> Extraction:
    """Numbers (figures, number words, ordinals, months) and codes in an English text."""
    work = text.translate(WIDTH)
    codes = find_codes(work)
    work = masked(work, [(c.start, c.end) for c in codes])
    found = _en_figures(work)
    work = masked(work, [(q.start, q.end) for q in found])
    found += _en_words(work)
    found.sort(key=lambda q: (q.start, q.end))
    return Extraction(quantities=tuple(found), codes=tuple(codes))


def _en_figures(work: str) -> list[Quantity]:
    found: list[Quantity] = []
    for m in _EN_FIGURE.finditer(work):
        number = m.group("num")
        value = float(number.replace(",", ""))
        values = {value}
        if m.group("scale"):
            value *= _EN_SCALE[m.group("scale").lower()]
            values = {value}
        elif m.group("decade") and len(number) == 4:
            values.add(value % 100)
        elif m.group("decade"):
            values.add(1900 + value)
        found.append(
            Quantity(
                m.group(),
                m.start(),
                m.end(),
                frozenset(values),
                Strength.FIGURE,
                _en_approx(work, m.start(), m.end()),
            )
        )
    return found


def _en_words(work: str) -> list[Quantity]:
    found: list[Quantity] = []
    words = list(_EN_WORD.finditer(work))
    index = 0
    while index < len(words):
        word = words[index]
        lower = word.group().lower()
        if _word_number(lower) is not None or (
            lower in ("a", "an") and _next_is_scale(words, index)
        ):
            end_index, value = _number_phrase(work, words, index)
            found.append(_word_quantity(work, word.start(), words[end_index].end(), value))
            index = end_index + 1
            continue
        values = _hyphen_values(lower) if "-" in lower else set()
        implied = _other_word_value(work, word, words, index)
        if implied is not None:
            values.add(implied)
        if values:
            found.append(_word_quantity(work, word.start(), word.end(), *values))
        index += 1
    return found


def _hyphen_values(word: str) -> set[float]:
    """five-year → 5, two-thirds → 2 and 3, century-old → 100, one-China → 1."""
    values: set[float] = set()
    for part in word.split("-"):
        number = _word_number(part)
        if number is not None:
            values.add(float(number))
        elif part in _EN_IMPLIED:
            values.add(float(_EN_IMPLIED[part]))
        elif part in _EN_SCALE:
            values.add(float(_EN_SCALE[part]))
    return values


def _next_is_scale(words: list[re.Match[str]], index: int) -> bool:
    return index + 1 < len(words) and words[index + 1].group().lower() in (*_EN_SCALE, "dozen")


def _number_phrase(work: str, words: list[re.Match[str]], index: int) -> tuple[int, float]:
    """Read "two hundred", "one hundred and five", "twenty-five thousand", "a million"."""
    first = words[index].group().lower()
    current = float(_word_number(first) or 1)  # "a"/"an" count as one
    total = 0.0
    last = index
    j = index + 1
    while j < len(words) and work[words[j - 1].end() : words[j].start()] in (" ", "-"):
        word = words[j].group().lower()
        small = _word_number(word)
        if word in _EN_SCALE or word == "dozen":
            current *= _EN_SCALE.get(word, 12)
            if current >= 1000:
                total, current = total + current, 0.0
        elif (
            word == "and"
            and j + 1 < len(words)
            and (_word_number(words[j + 1].group().lower()) or 100) < 100
        ):
            j += 1
            continue
        elif small is not None and small < 100 and first not in _EN_ORDINAL:
            current += small
        else:
            break
        last = j
        j += 1
    return last, total + current


def _word_number(word: str) -> int | None:
    """one → 1, forty-two → 42, fourth → 4, twenty-first → 21; None for other words."""
    if word in _EN_SMALL:
        return _EN_SMALL[word]
    if word in _EN_ORDINAL:
        return _EN_ORDINAL[word]
    head, dash, tail = word.partition("-")
    if not dash or "-" in tail:
        return None
    if head in _EN_SMALL and _EN_SMALL[head] >= 20:
        unit = _EN_SMALL.get(tail, _EN_ORDINAL.get(tail))
        if unit is not None and unit < 10:
            return _EN_SMALL[head] + unit
    return None


def _other_word_value(
    work: str, word: re.Match[str], words: list[re.Match[str]], index: int
) -> float | None:
    text = word.group()
    lower = text.lower()
    if lower in _EN_IMPLIED:
        return float(_EN_IMPLIED[lower])
    if lower in _EN_SCALE:  # "the Thousand Talents Plan", "hundred-year"
        return float(_EN_SCALE[lower])
    if lower in _MONTHS and text[0].isupper():
        if lower == "may" and not _month_context(work, word, words, index):
            return None  # the modal verb
        return float(_MONTHS[lower])
    if len(text) >= 2 and re.fullmatch(r"X{0,3}(?:IX|IV|V?I{0,3})", text):
        return float(_roman(text))
    return None


def _month_context(work: str, word: re.Match[str], words: list[re.Match[str]], index: int) -> bool:
    after = work[word.end() : word.end() + 6]
    if re.match(r"\s+\d", after):
        return True
    previous = words[index - 1].group().lower() if index else ""
    return previous in ("in", "of", "since", "until", "from", "by", "early", "late", "mid",
                        "last", "next", "this", "end", "to", "and")  # fmt: skip


def _roman(text: str) -> int:
    total = 0
    for char, nxt in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN[char]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total


def _word_quantity(work: str, start: int, end: int, *values: float) -> Quantity:
    return Quantity(
        work[start:end],
        start,
        end,
        frozenset(values),
        Strength.WEAK,
        _en_approx(work, start, end),
    )


def _en_approx(work: str, start: int, end: int) -> Approx | None:
    found = _EN_QUALIFIER.search(work[max(0, start - 24) : start])
    if found is not None:
        if found.group("more"):
            return Approx.MORE
        if found.group("less"):
            return Approx.LESS
        return Approx.ABOUT
    after = _EN_QUALIFIER_AFTER.match(work[end : end + 24])
    if after:
        return Approx.MORE if after.group("more") else Approx.ABOUT
    return None
