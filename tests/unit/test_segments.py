"""Splitting and joining source sentences: the pure edits, the store (one undo step that
survives a restart), and what follows the new boundaries (exports, memory, MT planning)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import InputError, ProjectError
from workbench.core.glossary import Glossary
from workbench.core.segments import (
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    Level,
    ParagraphKind,
)
from workbench.core.sentence_edits import SentenceText, join_at, split_at, split_offset
from workbench.store.memory import PROJECT_MEMORY, MemoryStore
from workbench.store.project import Project
from workbench.workflows.checking import issues_for_paragraph
from workbench.workflows.exporting import iter_units
from workbench.workflows.memory import save_translation
from workbench.workflows.segments import join_sentence, split_sentence
from workbench.workflows.translation_plan import plan_translation

# The splitter cut after the quoted sentence; the translator wants one sentence there,
# and wants the last one in two.
TEXT = "他说：“我们来了。”然后坐下。大家鼓掌欢迎他们。"
SENTENCES = ["他说：“我们来了。”", "然后坐下。", "大家鼓掌欢迎他们。"]


def _open(path: Path | str) -> Project:
    project = Project.open(path)
    if not project.documents():
        paragraph = CleanParagraph(text=TEXT, kind=ParagraphKind.BODY, line_no=1, original=TEXT)
        clean = CleanDocument(title=None, metadata=DocumentMetadata(), paragraphs=(paragraph,))
        project.add_document(
            clean, name="doc.txt", path="/doc.txt", sha256="x", encoding="utf-8", fmt="txt",
            sentences=[SENTENCES],
        )  # fmt: skip
    return project


@pytest.fixture
def project(project_location: str) -> Project:
    """Runs on both backends: a SQLite file and a PostgreSQL database."""
    return _open(project_location)


def _pid(project: Project) -> int:
    return project.paragraphs()[0].id


def _sources(project: Project) -> list[str]:
    return [s.source for s in project.sentences(_pid(project))]


# -- the pure edits ------------------------------------------------------------------------


def test_join_joins_sources_and_machine_translations() -> None:
    joined = join_at([SentenceText("甲。", "A."), SentenceText("乙。", "B.")], 0)
    assert joined == [SentenceText("甲。乙。", "A. B.")]
    # Written as the paragraph has them: no space after a closing quote in Chinese text.
    quoted = [SentenceText("“甲。”", None), SentenceText("乙。", None)]
    assert join_at(quoted, 0, paragraph="“甲。”乙。")[0].source == "“甲。”乙。"
    latin = [SentenceText("AI.", None), SentenceText("乙。", None)]
    assert join_at(latin, 0, paragraph="AI. 乙。")[0].source == "AI. 乙。"
    # One half never translated: the whole has no MT rather than half of one.
    assert join_at([SentenceText("甲。", "A."), SentenceText("乙。", None)], 0)[0].mt is None


def test_split_clears_the_machine_translation_of_both_halves() -> None:
    parts = split_at([SentenceText("甲乙。", "AB."), SentenceText("丙。", "C.")], 0, 1)
    assert parts == [
        SentenceText("甲", None),
        SentenceText("乙。", None),
        SentenceText("丙。", "C."),
    ]


@pytest.mark.parametrize(
    ("index", "offset", "problem"),
    [(5, 1, "no sentence 6"), (0, 0, "both sides"), (0, 3, "both sides"), (-1, 1, "no sentence")],
)
def test_bad_split_points_are_refused_by_name(index: int, offset: int, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        split_at([SentenceText("甲乙。", None)], index, offset)


def test_the_last_sentence_has_nothing_to_join() -> None:
    with pytest.raises(InputError, match="last one"):
        join_at([SentenceText("甲。", None), SentenceText("乙。", None)], 1)


def test_split_offset_finds_the_marker() -> None:
    assert split_offset("他说然后走了。", "然后") == 2
    with pytest.raises(InputError, match="not in the sentence"):
        split_offset("他说然后走了。", "以后")


# -- the store: one undo step, surviving a restart ----------------------------------------


def test_join_and_split_are_one_undo_step_each_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with _open(path) as project:
        pid = _pid(project)
        join_sentence(project, pid, 0)
        split_sentence(project, pid, 1, at="欢迎")
        assert _sources(project) == ["他说：“我们来了。”然后坐下。", "大家鼓掌", "欢迎他们。"]
    with _open(path) as project:
        assert [p.id for p in project.undo()] == [pid]
        assert _sources(project) == ["他说：“我们来了。”然后坐下。", "大家鼓掌欢迎他们。"]
    with _open(path) as project:
        project.undo()
        assert _sources(project) == SENTENCES
        assert project.undo() == []
    with _open(path) as project:
        project.redo()
        project.redo()
        assert _sources(project) == ["他说：“我们来了。”然后坐下。", "大家鼓掌", "欢迎他们。"]
        assert [s.index for s in project.sentences(pid)] == [0, 1, 2]


def test_untouched_sentences_keep_their_rows_and_mt(project: Project) -> None:
    pid = _pid(project)
    project.set_machine_translation(pid, ["He said: 'We came.'", "Then sat.", "All clapped."])
    before = project.sentences(pid)
    after = split_sentence(project, pid, 2, 4)
    assert after[:2] == before[:2]  # same ids, same MT
    assert [s.mt for s in after[2:]] == [None, None]
    # The paragraph's MT translates the whole paragraph, whose text a split leaves alone.
    assert project.paragraph(pid).mt == "He said: 'We came.' Then sat. All clapped."
    project.undo()
    assert [(s.source, s.mt) for s in project.sentences(pid)] == [(s.source, s.mt) for s in before]


def test_a_split_is_undone_alongside_the_english_in_order(project: Project) -> None:
    pid = _pid(project)
    project.set_target(pid, "He said: 'We came.' Then he sat. All clapped.")
    join_sentence(project, pid, 0)
    project.set_target(pid, "He said: 'We came,' and sat. All clapped.")
    project.undo()  # the English
    assert len(project.sentences(pid)) == 2
    assert project.paragraph(pid).target == "He said: 'We came.' Then he sat. All clapped."
    project.undo()  # the join
    assert _sources(project) == SENTENCES
    assert project.paragraph(pid).target == "He said: 'We came.' Then he sat. All clapped."


def test_bad_indexes_change_nothing_and_leave_no_history(project: Project) -> None:
    pid = _pid(project)
    with pytest.raises(InputError, match="no sentence 4"):
        join_sentence(project, pid, 3)
    with pytest.raises(InputError, match="not in the sentence"):
        split_sentence(project, pid, 0, at="不在")
    with pytest.raises(ProjectError, match="no paragraph 99"):
        join_sentence(project, 99, 0)
    assert _sources(project) == SENTENCES
    assert not project.can_undo()


# -- what follows the boundaries ---------------------------------------------------------


def _sentence_units(project: Project) -> list[tuple[str, str]]:
    rows = project.query(
        "SELECT u.source, u.target FROM memory_units u JOIN memories m ON m.id = u.memory_id"
        " WHERE m.name = ? AND u.level = 'sentence'",
        (PROJECT_MEMORY,),
    )
    return sorted((row["source"], row["target"]) for row in rows)


def test_sentence_export_and_memory_follow_a_join(project: Project) -> None:
    pid = _pid(project)
    english = "He said: 'We came,' and sat down. Everyone applauded them."
    save_translation(project, pid, english, expected=None)
    assert _sentence_units(project) == []  # three Chinese sentences, two English: no pairs
    join_sentence(project, pid, 0)
    expected = [
        ("他说：“我们来了。”然后坐下。", "He said: 'We came,' and sat down."),
        ("大家鼓掌欢迎他们。", "Everyone applauded them."),
    ]
    assert _sentence_units(project) == expected
    units = list(iter_units(project, None, level=Level.SENTENCE))
    assert [(u.sentence, u.source, u.target) for u in units] == [
        (i, zh, en) for i, (zh, en) in enumerate(expected, start=1)
    ]
    # Undone: the pair of the joined sentence leaves the memory at the next sync (the
    # last sentence, unchanged, keeps its true pair).
    project.undo()
    MemoryStore(project).sync_project()
    assert _sentence_units(project) == expected[1:]


def test_memory_pairs_of_a_split_sentence_are_replaced(project: Project) -> None:
    pid = _pid(project)
    join_sentence(project, pid, 0)
    save_translation(
        project, pid, "He said: 'We came,' and sat. They clapped for them.", expected=None
    )
    assert ("大家鼓掌欢迎他们。", "They clapped for them.") in _sentence_units(project)
    split_sentence(project, pid, 1, at="欢迎")
    # Two English sentences, three Chinese: no new pairs; the split sentence's pair is gone,
    # the untouched first sentence keeps its own.
    assert _sentence_units(project) == [
        ("他说：“我们来了。”然后坐下。", "He said: 'We came,' and sat.")
    ]


def test_the_next_translation_run_fills_in_the_halves_of_a_split(project: Project) -> None:
    pid = _pid(project)
    project.set_machine_translation(pid, ["He said: 'We came.'", "Then sat.", "All clapped."])

    def planned() -> list[int]:
        plan = plan_translation(project, Glossary(), "m")
        rows = plan.cached + [row for rows, _ in plan.chunks for row in rows]
        return [row.paragraph.id for row in rows]

    assert planned() == []
    split_sentence(project, pid, 2, at="欢迎")
    assert planned() == [pid]
    project.undo()
    assert planned() == []


def test_the_sentence_count_check_follows_a_join(project: Project) -> None:
    pid = _pid(project)
    project.set_target(pid, "He said they had come, sat down and were applauded warmly by all.")

    def counted() -> list[str]:
        issues = issues_for_paragraph(project, pid, None)
        return [issue.message for issue in issues if issue.check == "sentence-count"]

    assert counted() == [
        "3 sentences in the Chinese but only 1 in the English: is a sentence missing?"
    ]
    join_sentence(project, pid, 0)
    assert counted() == []
    project.undo()
    assert len(counted()) == 1


def test_an_edit_that_changes_nothing_is_no_undo_step(project: Project) -> None:
    pid = _pid(project)
    assert [s.source for s in project.set_sentences(pid, list)] == SENTENCES
    assert not project.can_undo()
