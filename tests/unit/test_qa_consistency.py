"""Project checks: the same Chinese translated differently, different Chinese given the same
English; alternative translations are left out."""

from __future__ import annotations

from workbench.core.qa import ProjectSegment, run_project_checks


def _by_key(
    *segments: ProjectSegment, disabled: frozenset[str] = frozenset()
) -> dict[int, list[str]]:
    found = run_project_checks(segments, disabled=disabled)
    return {key: [i.check for i in issues] for key, issues in found.items()}


def test_same_source_different_english() -> None:
    found = run_project_checks(
        [
            ProjectSegment(1, "推动人工智能健康发展。", "Promote the sound development of AI."),
            ProjectSegment(2, "推动人工智能健康发展。", "Promote the healthy development of AI."),
            ProjectSegment(3, "另一段。", "Another paragraph."),
        ]
    )
    assert sorted(found) == [1, 2]
    [issue] = found[1]
    assert issue.check == "inconsistent-translation"
    assert issue.related == (2,)
    assert "healthy" in issue.message


def test_width_space_and_quote_differences_are_not_inconsistencies() -> None:
    assert (
        _by_key(
            ProjectSegment(1, "坚持“智能向善”，推动发展。", "Uphold “AI for good”."),
            ProjectSegment(2, '坚持"智能向善",推动发展。', 'Uphold  "AI for good".'),
        )
        == {}
    )


def test_alternative_translation_is_left_out() -> None:
    segments = (
        ProjectSegment(1, "推动发展。", "Promote development."),
        ProjectSegment(2, "推动发展。", "Drive development forward.", alternative=True),
    )
    assert _by_key(*segments) == {}


def test_different_sources_same_english() -> None:
    found = _by_key(
        ProjectSegment(1, "推动发展。", "Promote development."),
        ProjectSegment(2, "加强合作。", "Promote development."),
    )
    assert found == {1: ["same-translation"], 2: ["same-translation"]}


def test_untranslated_segments_are_ignored_and_checks_can_be_disabled() -> None:
    assert _by_key(ProjectSegment(1, "推动发展。", ""), ProjectSegment(2, "推动发展。", "")) == {}
    segments = (
        ProjectSegment(1, "推动发展。", "Promote development."),
        ProjectSegment(2, "推动发展。", "Drive development."),
    )
    assert _by_key(*segments, disabled=frozenset({"inconsistent-translation"})) == {}
