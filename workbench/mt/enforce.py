"""Glossary enforcement: the English of every sentence uses the approved renderings.

For each sentence the approved glossary terms found in the Chinese (leftmost-longest, as
`Glossary.find` reports them) are the constraints; a constraint holds when `Glossary.check`
finds an approved rendering (or variant) of the term and none of its forbidden renderings.
Techniques run in this order, each only on the sentences still failing, each one batched
over all of them, and a new candidate replaces the current one only when it satisfies every
constraint the current one did and more:

1. n-best: the hypotheses of one beam search, ranked by constraints met, then model score.
2. suppress: re-decode with the forbidden renderings as `suppress_sequences`.
3. code-switch: re-decode with the approved English written into the Chinese in place of
   every term of the sentence (models copy Latin-script words), forbidden renderings still
   suppressed.
4. placeholder: re-decode with every term replaced by a placeholder the model copies, then
   put the approved renderings in their place.
5. align: replace the English aligned to the term (decoder attention) by the approved
   rendering, or insert it after the English of the preceding source words.
6. replace-forbidden: replace each forbidden rendering left in the English.

What each technique does to the text is in `workbench.mt.techniques`. Edits keep articles,
sentence-initial capitals and plurals right (`workbench.mt.grammar`).
A sentence whose constraints still fail is returned flagged, with the failing terms; it is
never passed silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.core.glossary import (
    Glossary,
    GlossaryHit,
    Term,
    TermIssue,
    TermProblem,
    find_renderings,
)
from workbench.mt.base import DecodeOptions, Hypothesis, TranslationResult, Translator
from workbench.mt.grammar import apply_edits
from workbench.mt.techniques import (
    TermSpan,
    aligned_edits,
    code_switch_source,
    forbidden_edits,
    placeholder_source,
    restore_placeholders,
    tidy_decoded,
)


class Technique(StrEnum):
    MODEL = "model"  # the model's own best translation already had it
    NBEST = "n-best"
    SUPPRESS = "suppress"
    CODE_SWITCH = "code-switch"
    PLACEHOLDER = "placeholder"
    ALIGN = "align"
    REPLACE = "replace-forbidden"


ALL_TECHNIQUES: tuple[Technique, ...] = (
    Technique.NBEST,
    Technique.SUPPRESS,
    Technique.CODE_SWITCH,
    Technique.PLACEHOLDER,
    Technique.ALIGN,
    Technique.REPLACE,
)


@dataclass(frozen=True)
class TermOutcome:
    """How one glossary term of a sentence ended up."""

    term: Term
    occurrences: int  # in the Chinese
    rendered: int  # approved renderings (or variants) in the final English
    technique: Technique | None  # what satisfied the constraint; None while it fails
    problems: tuple[TermIssue, ...] = ()  # what still fails (MISSING, FORBIDDEN ...)

    @property
    def satisfied(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class EnforcedSentence:
    """The translation of one sentence with its glossary record."""

    source: str
    text: str  # the English to use
    raw: str  # the model's own best translation, before any enforcement
    score: float  # model score of the hypothesis `text` is based on
    terms: tuple[TermOutcome, ...] = ()

    @property
    def unmet(self) -> tuple[TermIssue, ...]:
        return tuple(problem for outcome in self.terms for problem in outcome.problems)

    @property
    def flagged(self) -> bool:
        """True when a glossary constraint fails: the sentence needs a human."""
        return bool(self.unmet)

    def technique_for(self, source_term: str) -> Technique | None:
        for outcome in self.terms:
            if outcome.term.source == source_term:
                return outcome.technique
        return None


@dataclass
class _Candidate:
    text: str
    score: float
    technique: Technique
    satisfied: frozenset[str]  # sources of the terms whose constraint holds
    issues: tuple[TermIssue, ...]
    hypothesis: Hypothesis | None = None  # with attention, for the align technique
    result: TranslationResult | None = None
    term_spans: tuple[TermSpan, ...] = ()
    credits: dict[str, Technique] = field(default_factory=dict)


@dataclass
class _Sentence:
    source: str
    hits: list[GlossaryHit]
    raw: str = ""
    best: _Candidate | None = None

    @property
    def terms(self) -> list[Term]:
        return list(dict.fromkeys(hit.term for hit in self.hits))

    @property
    def unmet(self) -> list[Term]:
        done = self.best.satisfied if self.best else frozenset()
        return [term for term in self.terms if term.source not in done]

    @property
    def term_spans(self) -> tuple[TermSpan, ...]:
        """The hits as spans in the sentence as written."""
        return tuple((hit.term, hit.start, hit.end) for hit in self.hits)


# A re-decoding: the sentence, the source to decode, the terms' spans in it, phrases to suppress.
_Job = tuple[_Sentence, str, tuple[TermSpan, ...], tuple[str, ...]]


class GlossaryEnforcer:
    """Translates batches of sentences so that the glossary is obeyed, or says where not."""

    def __init__(
        self,
        translator: Translator,
        glossary: Glossary,
        *,
        techniques: Iterable[Technique] = ALL_TECHNIQUES,
        num_hypotheses: int = 4,
        beam_size: int = 4,
    ) -> None:
        self.translator = translator
        self.glossary = glossary
        enabled = set(techniques)
        self.techniques = tuple(t for t in ALL_TECHNIQUES if t in enabled)
        self.num_hypotheses = num_hypotheses
        self.beam_size = beam_size

    def translate(self, sentences: Sequence[str]) -> list[EnforcedSentence]:
        """Translate sentences from any number of paragraphs; results in input order."""
        states = [_Sentence(sentence, self.glossary.find(sentence)) for sentence in sentences]
        self._first_pass(states)
        stages = {
            Technique.SUPPRESS: self._suppress,
            Technique.CODE_SWITCH: self._code_switch,
            Technique.PLACEHOLDER: self._placeholder,
            Technique.ALIGN: self._align,
            Technique.REPLACE: self._replace_forbidden,
        }
        for technique in self.techniques:
            pending = [state for state in states if state.unmet]
            if not pending:
                break
            if technique in stages:
                stages[technique](pending)
        return [self._outcome(state) for state in states]

    def translate_paragraphs(
        self, paragraphs: Sequence[Sequence[str]]
    ) -> list[list[EnforcedSentence]]:
        """Sentences grouped by paragraph, all translated in one batch."""
        flat = [sentence for paragraph in paragraphs for sentence in paragraph]
        results = iter(self.translate(flat))
        return [[next(results) for _ in paragraph] for paragraph in paragraphs]

    # -- candidates --------------------------------------------------------------------------

    def _options(self, suppress: tuple[str, ...] = ()) -> DecodeOptions:
        nbest = self.num_hypotheses if Technique.NBEST in self.techniques else 1
        return DecodeOptions(
            beam_size=self.beam_size,
            num_hypotheses=nbest,
            return_attention=Technique.ALIGN in self.techniques,
            suppress=suppress,
        )

    def _candidate(
        self,
        state: _Sentence,
        text: str,
        score: float,
        technique: Technique,
        hypothesis: Hypothesis | None = None,
        result: TranslationResult | None = None,
        term_spans: tuple[TermSpan, ...] = (),
    ) -> _Candidate:
        check = self.glossary.check(state.source, text)
        failing = {issue.term.source for issue in check.issues}
        satisfied = frozenset(t.source for t in state.terms if t.source not in failing)
        return _Candidate(
            text, score, technique, satisfied, check.issues, hypothesis, result, term_spans
        )

    def _from_result(
        self,
        state: _Sentence,
        result: TranslationResult,
        technique: Technique,
        term_spans: tuple[TermSpan, ...],
    ) -> list[_Candidate]:
        candidates = []
        for rank, hypothesis in enumerate(result.hypotheses):
            text = hypothesis.text
            if technique in (Technique.CODE_SWITCH, Technique.PLACEHOLDER):
                text = tidy_decoded(text, state.raw)
            own = technique is Technique.MODEL and rank == 0
            candidates.append(
                self._candidate(
                    state,
                    text,
                    hypothesis.score,
                    Technique.MODEL if own else technique,
                    hypothesis if text == hypothesis.text else None,  # spans must still fit
                    result,
                    term_spans,
                )
            )
        return candidates

    @staticmethod
    def _pick(candidates: list[_Candidate]) -> _Candidate:
        # Most constraints met; among equals the earlier (higher-scoring) hypothesis.
        return max(candidates, key=lambda c: len(c.satisfied))

    @staticmethod
    def _offer(state: _Sentence, candidate: _Candidate) -> bool:
        current = state.best
        if current is not None and not candidate.satisfied > current.satisfied:
            return False
        previous = current.credits if current else {}
        candidate.credits = {
            term: previous.get(term, candidate.technique) for term in candidate.satisfied
        }
        state.best = candidate
        return True

    # -- techniques --------------------------------------------------------------------------

    def _first_pass(self, states: list[_Sentence]) -> None:
        # Sentences without terms need neither n-best lists nor attention: a cheaper batch.
        plain = [state for state in states if not state.hits]
        if plain:
            options = DecodeOptions(beam_size=self.beam_size)
            results = self.translator.translate_batch([s.source for s in plain], options)
            for state, result in zip(plain, results, strict=True):
                state.raw = result.best.text
                state.best = self._candidate(state, state.raw, result.best.score, Technique.MODEL)
        constrained = [state for state in states if state.hits]
        if not constrained:
            return
        results = self.translator.translate_batch([s.source for s in constrained], self._options())
        for state, result in zip(constrained, results, strict=True):
            state.raw = result.best.text
            candidates = self._from_result(state, result, Technique.MODEL, state.term_spans)
            own = candidates[0]
            chosen = self._pick(candidates) if Technique.NBEST in self.techniques else own
            # Within one n-best list the count decides; terms the model's own best already
            # had keep the credit "model".
            chosen.credits = {
                term: Technique.MODEL if term in own.satisfied else Technique.NBEST
                for term in chosen.satisfied
            }
            state.best = chosen

    def _redecode(
        self,
        jobs: Sequence[_Job],
        technique: Technique,
    ) -> list[tuple[_Sentence, list[_Candidate]]]:
        """Decode rewritten sources, one batch per set of suppressed phrases."""
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for index, job in enumerate(jobs):
            groups[job[3]].append(index)
        out: list[tuple[_Sentence, list[_Candidate]]] = [(job[0], []) for job in jobs]
        for suppress, indexes in groups.items():
            sources = [jobs[i][1] for i in indexes]
            results = self.translator.translate_batch(sources, self._options(suppress))
            for i, result in zip(indexes, results, strict=True):
                state, _, spans, _ = jobs[i]
                out[i] = (state, self._from_result(state, result, technique, spans))
        return out

    def _suppressed(self, terms: Iterable[Term]) -> tuple[str, ...]:
        if Technique.SUPPRESS not in self.techniques:
            return ()
        return tuple(sorted({phrase for term in terms for phrase in term.forbidden}))

    def _suppress(self, pending: list[_Sentence]) -> None:
        jobs = []
        for state in pending:
            assert state.best is not None
            if any(issue.problem is TermProblem.FORBIDDEN for issue in state.best.issues):
                suppress = self._suppressed(state.terms)
                jobs.append((state, state.source, state.term_spans, suppress))
        for state, candidates in self._redecode(jobs, Technique.SUPPRESS):
            self._offer(state, self._pick(candidates))

    def _code_switch(self, pending: list[_Sentence]) -> None:
        # Every term of the sentence is switched, not only the failing ones: a term met by
        # chance (its rendering stood where another term's English belongs) would be lost.
        jobs = []
        for state in pending:
            source, spans = code_switch_source(state.source, state.hits)
            jobs.append((state, source, spans, self._suppressed(state.unmet)))
        for state, candidates in self._redecode(jobs, Technique.CODE_SWITCH):
            self._offer(state, self._pick(candidates))

    def _placeholder(self, pending: list[_Sentence]) -> None:
        jobs: list[_Job] = []
        marks: dict[int, dict[str, Term]] = {}
        for state in pending:
            rewritten = placeholder_source(state.source, state.hits)
            if rewritten is None:
                continue  # the placeholder would be ambiguous
            source, names = rewritten
            marks[id(state)] = names  # the term behind each placeholder
            jobs.append((state, source, (), self._suppressed(state.unmet)))
        for state, candidates in self._redecode(jobs, Technique.PLACEHOLDER):
            names = marks[id(state)]
            restored = [
                self._candidate(state, restore_placeholders(c.text, names), c.score, c.technique)
                for c in candidates
            ]
            self._offer(state, self._pick(restored))

    def _align(self, pending: list[_Sentence]) -> None:
        for state in pending:
            best = state.best
            if best is None or best.hypothesis is None or best.result is None:
                continue
            # Replacing a term's English may remove a rendering that met another term by
            # chance; such terms get their own aligned English replaced too.
            targets = {term.source for term in state.unmet}
            for _ in state.terms:
                edits = aligned_edits(best.hypothesis, best.result, best.term_spans, targets)
                if not edits:
                    break
                text = apply_edits(best.text, edits)
                candidate = self._candidate(state, text, best.score, Technique.ALIGN)
                lost = best.satisfied - candidate.satisfied - targets
                if not lost:
                    self._offer(state, candidate)
                    break
                targets |= lost

    def _replace_forbidden(self, pending: list[_Sentence]) -> None:
        for state in pending:
            best = state.best
            assert best is not None
            edits = forbidden_edits(best.issues)
            if edits:
                text = apply_edits(best.text, edits)
                self._offer(state, self._candidate(state, text, best.score, Technique.REPLACE))

    # -- result ------------------------------------------------------------------------------

    def _outcome(self, state: _Sentence) -> EnforcedSentence:
        best = state.best
        if best is None:
            return EnforcedSentence(state.source, "", "", 0.0)
        check = self.glossary.check(state.source, best.text)
        outcomes = []
        for term in state.terms:
            problems = tuple(issue for issue in check.issues if issue.term == term)
            outcomes.append(
                TermOutcome(
                    term=term,
                    occurrences=sum(1 for hit in state.hits if hit.term == term),
                    rendered=len(find_renderings(term, best.text)),
                    technique=None if problems else best.credits.get(term.source),
                    problems=problems,
                )
            )
        return EnforcedSentence(state.source, best.text, state.raw, best.score, tuple(outcomes))
