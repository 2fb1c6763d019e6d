"""What a quality check is, what it reports, and the registry that holds them all.

A segment check is one function taking a `Segment` (the Chinese, the English, the glossary
and what else is known about the place) and yielding `Finding`s; the registry stamps each
finding with the check's id and severity. A project check sees every segment at once (for
consistency). Checks never raise: `run_segment_checks` turns an unexpected exception into an
issue of its own, so one faulty check cannot hide the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.core.glossary import Glossary
from workbench.core.segments import ParagraphKind
from workbench.core.spelling import Speller


class Severity(StrEnum):
    ERROR = "error"  # wrong as it stands: blocks a delivery
    WARNING = "warning"  # probably wrong: worth a look

    @property
    def rank(self) -> int:
        return 2 if self is Severity.ERROR else 1


class Scope(StrEnum):
    SEGMENT = "segment"  # looks at one Chinese/English pair
    PROJECT = "project"  # compares segments with each other


@dataclass(frozen=True)
class Span:
    """text[start:end] of the Chinese or the English, for highlighting."""

    start: int
    end: int


@dataclass(frozen=True)
class QaIssue:
    """One problem found by one check."""

    check: str  # the check's id, e.g. "number-mismatch"
    severity: Severity
    message: str  # names the offending text, fit to show as it is
    source_spans: tuple[Span, ...] = ()  # in the Chinese
    target_spans: tuple[Span, ...] = ()  # in the English
    related: tuple[int, ...] = ()  # project checks: keys of the other segments concerned


@dataclass(frozen=True)
class Finding:
    """What a check function yields; the registry adds the check id and severity."""

    message: str
    source_spans: tuple[Span, ...] = ()
    target_spans: tuple[Span, ...] = ()
    related: tuple[int, ...] = ()


@dataclass(frozen=True)
class SegmentContext:
    """What is known about the place of a segment beyond its two texts."""

    kind: ParagraphKind = ParagraphKind.BODY
    source_sentences: tuple[str, ...] | None = None  # as stored; split afresh when None
    speller: Speller | None = None  # English spelling (None: the spelling check is skipped)


@dataclass(frozen=True)
class Segment:
    """The input of a segment check."""

    source: str
    target: str
    glossary: Glossary | None = None
    context: SegmentContext = field(default_factory=SegmentContext)


@dataclass(frozen=True)
class ProjectSegment:
    """One segment as a project check sees it."""

    key: int  # the caller's id for the segment (the paragraph id)
    source: str
    target: str
    alternative: bool = False  # deliberately translated differently from its repeats


SegmentCheckFn = Callable[[Segment], Iterable[Finding]]
ProjectCheckFn = Callable[[Sequence[ProjectSegment]], Iterable[tuple[int, Finding]]]


@dataclass(frozen=True)
class CheckInfo:
    """A registered check: its id, severity, title and what it looks at."""

    id: str
    severity: Severity
    title: str
    description: str
    scope: Scope
    needs_english: bool = True  # False: also runs when the English is empty


_SEGMENT_CHECKS: dict[str, tuple[CheckInfo, SegmentCheckFn]] = {}
_PROJECT_CHECKS: dict[str, tuple[CheckInfo, ProjectCheckFn]] = {}


def segment_check(
    check_id: str, severity: Severity, title: str, *, needs_english: bool = True
) -> Callable[[SegmentCheckFn], SegmentCheckFn]:
    """Register a segment check; its docstring is the description shown in listings."""

    def register(function: SegmentCheckFn) -> SegmentCheckFn:
        info = CheckInfo(check_id, severity, title, _doc(function), Scope.SEGMENT, needs_english)
        _claim(check_id)
        _SEGMENT_CHECKS[check_id] = (info, function)
        return function

    return register


def project_check(
    check_id: str, severity: Severity, title: str
) -> Callable[[ProjectCheckFn], ProjectCheckFn]:
    """Register a check that compares the segments of a project."""

    def register(function: ProjectCheckFn) -> ProjectCheckFn:
        _claim(check_id)
        _PROJECT_CHECKS[check_id] = (
            CheckInfo(check_id, severity, title, _doc(function), Scope.PROJECT),
            function,
        )
        return function

    return register


def _claim(check_id: str) -> None:
    if check_id in _SEGMENT_CHECKS or check_id in _PROJECT_CHECKS:
        raise ValueError(f"check id {check_id!r} registered twice")


def _doc(function: Callable[..., object]) -> str:
    return " ".join((function.__doc__ or "").split())


def segment_checks() -> Mapping[str, tuple[CheckInfo, SegmentCheckFn]]:
    return _SEGMENT_CHECKS


def project_checks() -> Mapping[str, tuple[CheckInfo, ProjectCheckFn]]:
    return _PROJECT_CHECKS


def issue(info: CheckInfo, finding: Finding) -> QaIssue:
    return QaIssue(
        check=info.id,
        severity=info.severity,
        message=finding.message,
        source_spans=finding.source_spans,
        target_spans=finding.target_spans,
        related=finding.related,
    )


def failure(info: CheckInfo, exc: Exception) -> QaIssue:
    """An issue standing in for a check that crashed: shown, never silently dropped."""
    return QaIssue(
        check=info.id,
        severity=Severity.WARNING,
        message=f"the check {info.id!r} could not run on this segment ({type(exc).__name__}: "
        f"{exc}); please report it",
    )


def quote(text: str, width: int = 40) -> str:
    """Text as it appears inside a message: quoted, shortened, on one line."""
    text = " ".join(text.split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return f"“{text}”"
