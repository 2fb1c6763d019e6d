"""Measure the MT: quality against references, glossary obedience and speed.

For the raw model (its own best translation) and for the enforced output, per system:

* chrF and BLEU (sacrebleu, corpus level) against the reference English;
* term accuracy, WMT terminology-task style: of all occurrences of approved glossary terms in
  the Chinese, the share whose approved rendering (or variant) appears in the English; a term
  found twice needs two renderings (min(source count, English count) per term). This is
  stricter than `Glossary.check`, which accepts one rendering for repeats;
* forbidden renderings present (of terms found in the Chinese);
* sentences flagged by the enforcer, and sentences per second.

Chinese paragraphs are split with the workbench's own sentence splitter and translated as a
batch, as the workbench does; the English of a paragraph is its sentences joined by spaces.
"""

from __future__ import annotations

import csv
import importlib.util
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.errors import InputError
from workbench.core.glossary import Glossary, TermProblem, find_renderings
from workbench.core.sentences import split_sentences
from workbench.mt.base import DecodeOptions, Translator
from workbench.mt.enforce import ALL_TECHNIQUES, GlossaryEnforcer, Technique


@dataclass(frozen=True)
class Pair:
    """A Chinese text and its reference English."""

    zh: str
    en: str


@dataclass(frozen=True)
class SystemScores:
    """The figures of one system (raw model, enforced output, one technique alone)."""

    name: str
    chrf: float
    bleu: float
    term_hits: int
    term_total: int
    forbidden: int  # forbidden renderings present in the English
    flagged: int  # texts with a glossary constraint failing (Glossary.check)
    sentences: int
    seconds: float

    @property
    def term_accuracy(self) -> float | None:
        return self.term_hits / self.term_total if self.term_total else None

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds > 0 else float("inf")


@dataclass(frozen=True)
class EvalReport:
    model_id: str
    glossary_version: str
    pairs: int
    raw: SystemScores
    enforced: SystemScores
    credits: dict[str, int] = field(default_factory=dict)  # technique → constraints it met
    ablation: tuple[SystemScores, ...] = ()  # each technique alone on top of the raw model


def load_pairs(path: Path, *, limit: int | None = None) -> list[Pair]:
    """Read a TSV with a header naming `zh` and `en` columns (others are ignored)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the pairs file ({exc}).") from exc
    if not rows:
        raise InputError(f"{path}: the pairs file is empty.")
    header = [cell.strip().lower() for cell in rows[0]]
    if "zh" not in header or "en" not in header:
        raise InputError(f"{path}: the first line must name the columns zh and en (tab-separated).")
    zh, en = header.index("zh"), header.index("en")
    pairs = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(zh, en):
            raise InputError(f"{path}, line {number}: expected at least {max(zh, en) + 1} columns.")
        pairs.append(Pair(row[zh].strip(), row[en].strip()))
    return pairs[:limit] if limit else pairs


def term_counts(glossary: Glossary, chinese: str, english: str) -> tuple[int, int]:
    """(occurrences rendered, occurrences) of approved terms, WMT terminology style."""
    occurrences = Counter(hit.term for hit in glossary.find(chinese))
    rendered = sum(
        min(count, len(find_renderings(term, english))) for term, count in occurrences.items()
    )
    return rendered, sum(occurrences.values())


def require_scorer() -> None:
    """Fail early, with the install command, when the optional scorer is missing."""
    if importlib.util.find_spec("sacrebleu") is None:
        raise InputError(
            "`workbench eval` needs sacrebleu, an optional dependency; install it with "
            "`pip install 'workbench[eval]'` (or `pipx inject workbench sacrebleu`)"
        )


def score_system(
    name: str,
    glossary: Glossary,
    pairs: Sequence[Pair],
    outputs: Sequence[str],
    *,
    sentences: int,
    seconds: float,
) -> SystemScores:
    import sacrebleu

    hits = total = forbidden = flagged = 0
    for pair, output in zip(pairs, outputs, strict=True):
        rendered, count = term_counts(glossary, pair.zh, output)
        hits, total = hits + rendered, total + count
        check = glossary.check(pair.zh, output)
        forbidden += sum(1 for issue in check.issues if issue.problem is TermProblem.FORBIDDEN)
        flagged += 0 if check.ok else 1
    references = [[pair.en for pair in pairs]]
    return SystemScores(
        name=name,
        chrf=sacrebleu.corpus_chrf(list(outputs), references).score,
        bleu=sacrebleu.corpus_bleu(list(outputs), references).score,
        term_hits=hits,
        term_total=total,
        forbidden=forbidden,
        flagged=flagged,
        sentences=sentences,
        seconds=seconds,
    )


def evaluate(
    pairs: Sequence[Pair],
    translator: Translator,
    glossary: Glossary,
    *,
    techniques: Iterable[Technique] = ALL_TECHNIQUES,
    ablation: bool = False,
    model_id: str = "",
) -> EvalReport:
    """Translate the Chinese of every pair raw and enforced, and score both."""
    split = [split_sentences(pair.zh) or [pair.zh] for pair in pairs]
    flat = [sentence for sentences in split for sentence in sentences]

    started = time.perf_counter()
    raw_results = translator.translate_batch(flat, DecodeOptions(beam_size=4))
    raw_seconds = time.perf_counter() - started
    raw = score_system(
        "raw model",
        glossary,
        pairs,
        _join(split, [result.best.text for result in raw_results]),
        sentences=len(flat),
        seconds=raw_seconds,
    )

    enforcer = GlossaryEnforcer(translator, glossary, techniques=techniques)
    started = time.perf_counter()
    enforced_sentences = enforcer.translate(flat)
    enforced_seconds = time.perf_counter() - started
    enforced = score_system(
        "enforced",
        glossary,
        pairs,
        _join(split, [sentence.text for sentence in enforced_sentences]),
        sentences=len(flat),
        seconds=enforced_seconds,
    )
    credits = Counter(
        str(outcome.technique)
        for sentence in enforced_sentences
        for outcome in sentence.terms
        if outcome.technique is not None
    )
    alone = []
    if ablation:
        for technique in ALL_TECHNIQUES:
            single = GlossaryEnforcer(translator, glossary, techniques=(technique,))
            started = time.perf_counter()
            texts = [sentence.text for sentence in single.translate(flat)]
            seconds = time.perf_counter() - started
            alone.append(
                score_system(
                    f"{technique} only",
                    glossary,
                    pairs,
                    _join(split, texts),
                    sentences=len(flat),
                    seconds=seconds,
                )
            )
    return EvalReport(
        model_id=model_id,
        glossary_version=glossary.version[:12],
        pairs=len(pairs),
        raw=raw,
        enforced=enforced,
        credits=dict(credits),
        ablation=tuple(alone),
    )


def _join(split: Sequence[Sequence[str]], texts: Sequence[str]) -> list[str]:
    out = []
    position = 0
    for sentences in split:
        out.append(" ".join(t for t in texts[position : position + len(sentences)] if t))
        position += len(sentences)
    return out


def format_report(report: EvalReport) -> str:
    """The report as a plain-text table."""
    lines = [
        f"model: {report.model_id}",
        f"glossary: version {report.glossary_version}",
        f"pairs: {report.pairs}, sentences: {report.raw.sentences}",
        "",
        f"{'system':<24}{'chrF':>7}{'BLEU':>7}{'terms':>14}{'forbidden':>10}"
        f"{'flagged':>9}{'sent/s':>9}",
    ]
    for scores in (report.raw, report.enforced, *report.ablation):
        accuracy = scores.term_accuracy
        terms = (
            f"{accuracy:6.1%} {scores.term_hits}/{scores.term_total}"
            if accuracy is not None
            else "n/a"
        )
        lines.append(
            f"{scores.name:<24}{scores.chrf:7.1f}{scores.bleu:7.1f}{terms:>14}"
            f"{scores.forbidden:>10}{scores.flagged:>9}{scores.sentences_per_second:9.1f}"
        )
    if report.credits:
        lines.append("")
        lines.append("constraints met, by technique (enforced run):")
        for technique in (Technique.MODEL, *ALL_TECHNIQUES):
            if report.credits.get(str(technique)):
                lines.append(f"  {technique!s:<20}{report.credits[str(technique)]:>5}")
    return "\n".join(lines)
