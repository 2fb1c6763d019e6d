"""Shape of the translation: number of sentences and length, to catch omissions and additions.

Both checks are calibrated to stay silent on good translations. Measured on the 20 official
zh/en pairs of the development set and the reference translations of the two seeds (38
segments): English letters and digits per Chinese character have a median of 3.8 and stay
within 3.0-5.1 for segments of 40 characters or more (2.3-5.1 below that). A translator
who splits a long Chinese sentence in two, or joins two short ones, is doing the job; only
half the sentences gone, or a multiple of them added, is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.checks.base import Finding, Segment, Severity, segment_check
from workbench.core.segments import ParagraphKind
from workbench.core.sentences import split_sentences
from workbench.core.text import is_han

EN_PER_HAN = 3.8  # English letters and digits per Chinese character (median, see above)
MIN_WEIGHT = 15  # shorter segments (titles, headings) vary too much to judge
SHORT_WEIGHT = 60  # up to here the wider band applies
SHORT_BAND = (0.4, 2.5)  # ratio of actual to expected English length
LONG_BAND = (1 / 1.8, 1.8)


@segment_check("sentence-count", Severity.WARNING, "Sentence count mismatch")
def sentence_count(segment: Segment) -> Iterator[Finding]:
    """Far fewer English sentences than Chinese ones (half or less: something is probably
    left out) or far more (over twice as many plus one: something was probably added)."""
    if segment.context.kind is ParagraphKind.TITLE:
        return
    chinese = segment.context.source_sentences or tuple(split_sentences(segment.source))
    zh, en = len(chinese), len(split_sentences(segment.target))
    if zh >= 3 and 2 * en <= zh:
        yield Finding(
            f"{zh} sentences in the Chinese but only {en} in the English: is a sentence missing?"
        )
    elif en > 2 * zh + 1:
        yield Finding(f"{en} sentences in the English for {zh} in the Chinese: is something added?")


def english_length(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


def expected_length(source: str) -> float:
    """English letters and digits a translation of `source` usually has."""
    han = sum(1 for char in source if is_han(char))
    latin = sum(1 for char in source if char.isascii() and char.isalnum())
    return EN_PER_HAN * han + latin


@segment_check("length-ratio", Severity.WARNING, "English much shorter or longer than usual")
def length_ratio(segment: Segment) -> Iterator[Finding]:
    """The English is far shorter than a translation of this Chinese usually is (likely an
    omission) or far longer (likely an addition or a hallucination of machine translation)."""
    expected = expected_length(segment.source)
    if expected / EN_PER_HAN < MIN_WEIGHT:
        return
    low, high = SHORT_BAND if expected / EN_PER_HAN < SHORT_WEIGHT else LONG_BAND
    ratio = english_length(segment.target) / expected
    if ratio < low:
        yield Finding(
            f"the English is {ratio:.0%} of the usual length for this Chinese: "
            "is something left out?"
        )
    elif ratio > high:
        yield Finding(
            f"the English is {ratio:.0%} of the usual length for this Chinese: is something added?"
        )
