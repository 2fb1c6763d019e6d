"""The text work of the enforcement techniques: rewritten sources and edits to the English.

`GlossaryEnforcer` (`workbench.mt.enforce`) decides which technique runs on which sentence
and keeps a result only when it meets more constraints; what each technique does to the
text is here:

- code-switch: the source with the approved English written in place of every term;
- placeholder: the source with every term replaced by TERM0, TERM1 ..., and the English
  decoded from it with the approved renderings put back in their place;
- tidying of English decoded from a rewritten source;
- align: edits that replace the English aligned (by decoder attention) to a term;
- replace-forbidden: edits that replace each forbidden rendering left in the English.

Edits are applied with `workbench.mt.grammar.apply_edits`, which keeps articles, capitals
and plurals right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from workbench.core.glossary import CaseRule, GlossaryHit, Term, TermIssue, TermProblem
from workbench.mt.base import Hypothesis, TranslationResult
from workbench.mt.grammar import Edit, apply_edits

TermSpan = tuple[Term, int, int]  # a term occurrence in the source a candidate was decoded from

_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?%)\]])")
_SPACE_AFTER_BRACKET = re.compile(r"([(\[])\s+")
_NO_SPACE_BEFORE = set(" \t\n，。、；：！？”’）》」】,.;:!?)]")


# -- rewritten sources -----------------------------------------------------------------------


def code_switch_source(
    source: str, hits: Sequence[GlossaryHit]
) -> tuple[str, tuple[TermSpan, ...]]:
    """The source with the approved English in place of every hit; each hit's new span."""
    return _rewrite(source, hits, lambda hit, _: hit.term.target)


def placeholder_source(
    source: str, hits: Sequence[GlossaryHit]
) -> tuple[str, dict[str, Term]] | None:
    """The source with every hit replaced by a placeholder, and the term of each placeholder;
    None when the source already holds something a placeholder would be confused with."""
    if re.search(r"TERM\s*\d", source, re.IGNORECASE):
        return None
    names: dict[str, Term] = {}

    def mark(hit: GlossaryHit, number: int) -> str:
        names[f"TERM{number}"] = hit.term
        return f"TERM{number}"

    rewritten, _ = _rewrite(source, hits, mark)
    return rewritten, names


def restore_placeholders(text: str, names: dict[str, Term]) -> str:
    """English decoded from a placeholder source, with the approved renderings put back."""
    edits: list[Edit] = []
    for name, term in names.items():
        pattern = re.compile(rf"{name[:4]}\s*{name[4:]}(?!\d)", re.IGNORECASE)
        edits.extend(
            Edit(m.start(), m.end(), term.target, allow_plural=False)
            for m in pattern.finditer(text)
        )
    return apply_edits(text, _merge(edits)) if edits else text


def tidy_decoded(text: str, raw: str) -> str:
    """Spacing and the initial capital of output decoded from a rewritten source.

    The spaces written around English in the source come back around punctuation; the
    English of a term at the start comes back in the glossary's lower case.
    """
    text = _SPACE_AFTER_BRACKET.sub(r"\1", _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text))
    if text[:1].islower() and raw[:1].isupper():
        text = text[0].upper() + text[1:]
    return text


def _rewrite(
    source: str,
    hits: Sequence[GlossaryHit],
    replacement: Callable[[GlossaryHit, int], str],
) -> tuple[str, tuple[TermSpan, ...]]:
    """Replace every hit in the source; every hit's span in the new source."""
    parts: list[str] = []
    spans: list[TermSpan] = []
    cursor = 0
    length = 0
    for number, hit in enumerate(hits):
        begin, end = _title_marks_around(source, hit)
        parts.append(source[cursor:begin])
        length += begin - cursor
        # Spaces keep the English words apart from Chinese characters (SentencePiece
        # would glue them to their neighbours), none next to punctuation.
        left = "" if begin == 0 or source[begin - 1].isspace() else " "
        after = source[end : end + 1]
        right = "" if not after or after in _NO_SPACE_BEFORE else " "
        english = replacement(hit, number)
        text = f"{left}{english}{right}"
        start = length + len(left)
        parts.append(text)
        spans.append((hit.term, start, start + len(english)))
        length += len(text)
        cursor = end
    parts.append(source[cursor:])
    return "".join(parts), tuple(spans)


def _title_marks_around(source: str, hit: GlossaryHit) -> tuple[int, int]:
    """The span to replace: the hit, with the 《》 around it when its English is a Capitalised
    Title, which marks it already (a model copies 《》 next to English it was given)."""
    enclosed = source[hit.start - 1 : hit.start] == "《" and source[hit.end : hit.end + 1] == "》"
    if enclosed and hit.term.target[:1].isupper():
        return hit.start - 1, hit.end + 1
    return hit.start, hit.end


# -- edits to the English --------------------------------------------------------------------


def forbidden_edits(issues: Iterable[TermIssue]) -> list[Edit]:
    """Edits that replace every located forbidden rendering by the approved one."""
    edits = [
        Edit(
            issue.start,
            issue.end,
            issue.term.target,
            allow_plural=issue.term.case is CaseRule.INSENSITIVE,
        )
        for issue in issues
        if issue.problem is TermProblem.FORBIDDEN and issue.start >= 0
    ]
    return _merge(edits)


def aligned_edits(
    hypothesis: Hypothesis,
    result: TranslationResult,
    term_spans: Sequence[TermSpan],
    unmet: set[str],
) -> list[Edit]:
    """Edits that put the approved rendering of each `unmet` term where the decoder's
    attention aligns its source words, or after the English of the words before it."""
    attention = hypothesis.attention
    spans = hypothesis.token_spans
    if not attention or len(spans) != len(hypothesis.tokens) or len(attention) < len(spans):
        return []
    aligned_to = [_argmax(row) for row in attention[: len(spans)]]
    edits = []
    for term, start, end in term_spans:
        if term.source not in unmet:
            continue
        covered = {
            index
            for index, (a, b) in enumerate(result.source_spans)
            if a < end and b > start and a < b
        }
        if not covered:
            continue
        targets = _largest_run(
            [t for t, s in enumerate(aligned_to) if s in covered and spans[t][0] < spans[t][1]]
        )
        plural = term.case is CaseRule.INSENSITIVE
        if targets:
            a, b = _word_bounds(hypothesis.text, spans[targets[0]][0], spans[targets[-1]][1])
            edits.append(Edit(a, b, term.target, allow_plural=plural))
        else:
            before = [t for t, s in enumerate(aligned_to) if 0 <= s < min(covered)]
            position = _word_bounds(hypothesis.text, *spans[before[-1]])[1] if before else 0
            edits.append(Edit(position, position, term.target, allow_plural=False))
    return _merge(edits)


def _argmax(row: Sequence[float]) -> int:
    return max(range(len(row)), key=row.__getitem__) if row else -1


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _largest_run(indexes: list[int]) -> list[int]:
    """The longest stretch of target positions (gaps of one allowed): stray alignments of a
    real model's attention elsewhere in the sentence must not widen the replaced span."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and index - runs[-1][-1] <= 2:
            runs[-1].append(index)
        else:
            runs.append([index])
    return max(runs, key=len) if runs else []


def _merge(edits: list[Edit]) -> list[Edit]:
    """Join overlapping edits: the renderings follow each other in source order."""
    merged: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        last = merged[-1] if merged else None
        same_insertion = last is not None and edit.start == edit.end == last.start == last.end
        if last is not None and (edit.start < last.end or same_insertion):
            text = (
                last.replacement
                if edit.replacement == last.replacement
                else f"{last.replacement} {edit.replacement}"
            )
            merged[-1] = Edit(
                last.start,
                max(last.end, edit.end),
                text,
                allow_plural=last.allow_plural and edit.allow_plural,
            )
        else:
            merged.append(edit)
    return merged
