"""The interface every machine translation engine offers the rest of the workbench.

A `Translator` takes a batch of sentences (from any number of paragraphs) and returns, per
sentence and in input order, n-best hypotheses with scores and, when asked, attention. The
glossary enforcer, the evaluation and the benchmark only use this interface, so tests can hand
in a small fake translator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

Span = tuple[int, int]


@dataclass(frozen=True)
class DecodeOptions:
    """How to decode one batch."""

    beam_size: int = 4
    num_hypotheses: int = 1  # n-best size; the engine widens the beam to at least this
    return_attention: bool = False
    # English strings the decoder must never produce (tokenized by the engine, several casings).
    suppress: tuple[str, ...] = ()
    length_penalty: float = 0.2  # the value argostranslate itself uses


@dataclass(frozen=True)
class Hypothesis:
    """One candidate translation of a sentence."""

    text: str
    score: float  # model score (log-probability, length-normalized by the engine's settings)
    tokens: tuple[str, ...] = ()  # target pieces as the model produced them
    # Character span of each token in `text`; empty when the tokens cannot be mapped back.
    token_spans: tuple[Span, ...] = ()
    # attention[target token][source token]; None unless asked for. The source axis follows
    # TranslationResult.source_spans (extra model-added positions such as </s> are dropped).
    attention: tuple[tuple[float, ...], ...] | None = None


@dataclass(frozen=True)
class TranslationResult:
    """All hypotheses for one source sentence, best first."""

    source: str
    hypotheses: tuple[Hypothesis, ...]
    source_tokens: tuple[str, ...] = ()
    source_spans: tuple[Span, ...] = ()  # character span of each source token in `source`

    @property
    def best(self) -> Hypothesis:
        return self.hypotheses[0]


@runtime_checkable
class Translator(Protocol):
    """A sentence-level MT engine."""

    @property
    def model_id(self) -> str:
        """Identifies the model exactly (stored with cached translations)."""
        ...

    def translate_batch(
        self, sentences: Sequence[str], options: DecodeOptions | None = None
    ) -> list[TranslationResult]:
        """Translate all sentences in one go; results are in input order."""
        ...
