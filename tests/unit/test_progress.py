"""Progress counts (workflows/progress.py) and the Han count they rely on."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.counts import english_words as count_english_words
from workbench.core.segments import Status
from workbench.core.text import count_han, is_han
from workbench.store.project import Project
from workbench.workflows.memory import approve_translation, save_translation
from workbench.workflows.progress import count_progress, project_progress


@given(st.text(alphabet=st.characters(min_codepoint=0x2F00, max_codepoint=0x2A6FF)))
def test_count_han_counts_the_characters_is_han_accepts(text: str) -> None:
    assert count_han(text) == sum(1 for ch in text if is_han(ch))


def test_count_han_on_mixed_text() -> None:
    assert count_han("2024年AI治理（和音）𠀀") == 6
    assert count_han("no Chinese, ，。") == 0


def test_english_words_are_runs_of_letters_and_digits() -> None:
    assert count_english_words("") == 0
    assert count_english_words("The well-known AI Act (2024) doesn't apply.") == 7
    assert count_english_words("  —  …  ") == 0


def test_project_progress_per_document_and_total(tmp_path: Path) -> None:
    from tests.functional.reference import import_seeds

    path = tmp_path / "p.sqlite"
    import_seeds(path)
    with Project.open(path) as project:
        first, second = project.documents()
        paragraphs = project.paragraphs(first.id)
        save_translation(project, paragraphs[0].id, "Actively engage in AI governance.")
        save_translation(project, paragraphs[1].id, "Two words")
        approve_translation(project, paragraphs[1].id)
        progress = project_progress(project)
        only_second = project_progress(project, second.id)
        han = sum(count_han(p.source) for p in project.paragraphs())
    one, two = progress.documents
    assert one.document.id == first.id and two.document.id == second.id
    assert one.progress.by_status[Status.APPROVED] == 1
    assert one.progress.by_status[Status.EDITED] == 1
    assert one.progress.english_words == 5 + 2
    assert one.progress.percent_approved == round(100 / len(paragraphs), 1)
    assert one.progress.chinese_characters_approved == count_han(paragraphs[1].source)
    assert progress.total.chinese_characters == han
    assert progress.total.paragraphs == one.progress.paragraphs + two.progress.paragraphs
    assert [row.document.id for row in only_second.documents] == [second.id]
    assert count_progress([]).percent_approved == 0.0
