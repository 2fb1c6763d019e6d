"""The editor's row model and navigation: flags, untranslated rows, wrap-around search."""

from __future__ import annotations

from workbench.core.glossary import Glossary, Term, TermProblem
from workbench.core.qa import QaIssue, Severity
from workbench.core.segments import Paragraph, ParagraphKind, Status
from workbench.tui.navigation import find_row, row_matches, search_pattern
from workbench.tui.rows import RowChecker, issue_text, with_qa

GLOSSARY = Glossary(
    [Term("小院高墙", "small yard, high fence", forbidden=("small courtyard, high wall",))]
)


def paragraph(pid: int, target: str | None = None, mt: str | None = None) -> Paragraph:
    status = Status.EDITED if target else Status.MACHINE if mt else Status.NEW
    return Paragraph(
        id=pid,
        document_id=1,
        position=pid,
        kind=ParagraphKind.BODY,
        source="反对小院高墙。",
        mt=mt,
        target=target,
        status=status,
        included=True,
    )


def test_an_empty_row_shows_its_terms_and_is_not_flagged() -> None:
    row = RowChecker(GLOSSARY).row(paragraph(1), 1)
    assert row.check is not None
    assert [hit.term.source for hit in row.check.hits] == ["小院高墙"]
    assert not row.flagged
    assert row.untranslated


def test_machine_translation_is_checked_too() -> None:
    row = RowChecker(GLOSSARY).row(paragraph(1, mt="Against a small courtyard, high wall."), 1)
    assert row.flagged
    assert row.untranslated  # machine output is not the translator's English
    problems = {i.problem for i in row.violations}
    assert problems == {TermProblem.FORBIDDEN, TermProblem.MISSING}
    forbidden = next(i for i in row.violations if i.problem is TermProblem.FORBIDDEN)
    assert issue_text(forbidden) == (
        "小院高墙: “small courtyard, high wall” is forbidden; use “small yard, high fence”"
    )


def test_quality_errors_flag_a_row_but_glossary_issues_are_not_repeated() -> None:
    checker = RowChecker(GLOSSARY)
    row = checker.row(paragraph(1, target="Against a small yard, high fence."), 1)
    assert not row.flagged
    issues = [
        QaIssue("term-missing", Severity.ERROR, "repeats the glossary flag"),
        QaIssue("number-mismatch", Severity.ERROR, "2023 is missing"),
    ]
    flagged = with_qa(row, issues)
    assert [i.check for i in flagged.qa] == ["number-mismatch"]
    assert flagged.flagged
    assert not with_qa(row, [QaIssue("length-ratio", Severity.WARNING, "short")]).flagged


def test_find_row_wraps_around_and_says_so() -> None:
    checker = RowChecker(GLOSSARY)
    rows = [
        checker.row(paragraph(1, target="Against a small yard, high fence."), 1),
        checker.row(paragraph(2), 2),
        checker.row(paragraph(3, target="Against a small yard, high fence."), 3),
    ]
    found = find_row(rows, 1, 1, lambda r: not r.untranslated)
    assert found is not None and (found.index, found.wrapped) == (2, False)
    found = find_row(rows, 2, 1, lambda r: not r.untranslated)
    assert found is not None and (found.index, found.wrapped) == (0, True)
    found = find_row(rows, 0, -1, lambda r: r.untranslated)
    assert found is not None and (found.index, found.wrapped) == (1, True)
    assert find_row(rows, 0, 1, lambda r: r.flagged) is None


def test_search_is_literal_and_ignores_case_and_spacing() -> None:
    pattern = search_pattern("Small  yard (x)")
    assert pattern.search("a small yard (x) here")
    assert not pattern.search("small yard x")
    row = RowChecker(GLOSSARY).row(paragraph(1, target="A small yard, high fence."), 1)
    assert row_matches(search_pattern("小院"))(row)
    assert row_matches(search_pattern("HIGH FENCE"))(row)
