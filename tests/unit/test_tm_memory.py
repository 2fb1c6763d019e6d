"""The project memory in the store, propagation of repetitions (one undo step), alternative
translations, reference memories, matches for a paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import ProjectError
from workbench.core.segments import CleanDocument, CleanParagraph, DocumentMetadata, ParagraphKind
from workbench.store.memory import PROJECT_MEMORY, MemoryStore, NewUnit
from workbench.store.project import Project
from workbench.workflows.memory import (
    approve_translation,
    load_index,
    matches_for_paragraph,
    propagate_all,
    save_translation,
    set_alternative,
)

REPEAT = "推动人工智能健康发展。"
TEXTS = [
    REPEAT,
    "加强国际合作，弥合数字鸿沟。共享发展成果。",
    REPEAT,
    "推动人工智能健康有序发展。",
    REPEAT,
]


@pytest.fixture
def project(project_location: str) -> Project:
    project = Project.open(project_location)
    paragraphs = tuple(
        CleanParagraph(text=t, kind=ParagraphKind.BODY, line_no=i + 1, original=t)
        for i, t in enumerate(TEXTS)
    )
    clean = CleanDocument(title=None, metadata=DocumentMetadata(), paragraphs=paragraphs)
    sentences = [
        ["加强国际合作，弥合数字鸿沟。", "共享发展成果。"] if "共享" in t else [t] for t in TEXTS
    ]
    project.add_document(
        clean, name="doc.txt", path="/doc.txt", sha256="x", encoding="utf-8", fmt="txt",
        sentences=sentences,
    )  # fmt: skip
    return project


def _ids(project: Project) -> list[int]:
    return [p.id for p in project.paragraphs()]


def _targets(project: Project) -> list[str | None]:
    return [p.target for p in project.paragraphs()]


def test_save_propagates_to_repetitions_as_one_undo_step(project: Project) -> None:
    first, _, second, _, third = _ids(project)
    outcome = save_translation(project, first, "Promote the sound development of AI.")
    assert [p.id for p in outcome.propagated] == [second, third]
    english = "Promote the sound development of AI."
    assert _targets(project) == [english, None, english, None, english]
    marks = [(p.propagated, p.alternative) for p in project.paragraphs()]
    assert marks == [(False, False), (False, False), (True, False), (False, False), (True, False)]
    project.undo()
    assert _targets(project) == [None] * 5
    project.redo()
    assert _targets(project) == [english, None, english, None, english]


def test_own_text_elsewhere_is_kept_and_reported(project: Project) -> None:
    first, _, second, _, third = _ids(project)
    save_translation(project, second, "Advance the healthy development of AI.")
    assert project.paragraph(first).propagated and project.paragraph(third).propagated
    # A later edit of `first` re-fills the propagated `third`, keeps `second`'s own text.
    outcome = save_translation(project, first, "Promote the sound development of AI.")
    assert [p.id for p in outcome.propagated] == [third]
    assert [p.id for p in outcome.kept] == [second]
    assert project.paragraph(second).target == "Advance the healthy development of AI."
    assert not project.paragraph(first).propagated


def test_alternative_translation_opts_out_and_back_in(project: Project) -> None:
    first, _, second, _, third = _ids(project)
    set_alternative(project, second)
    save_translation(project, first, "Promote the sound development of AI.")
    assert project.paragraph(second).target is None
    save_translation(project, second, "Foster the healthy growth of AI.")
    assert project.paragraph(first).target == "Promote the sound development of AI."
    assert project.paragraph(third).target == "Promote the sound development of AI."
    back = set_alternative(project, second, False)
    assert back.target == "Promote the sound development of AI." and back.propagated
    project.undo()
    undone = project.paragraph(second)
    assert undone.alternative and undone.target == "Foster the healthy growth of AI."


def test_edits_and_approvals_go_into_the_project_memory(project: Project) -> None:
    first, multi, *_ = _ids(project)
    save_translation(project, first, "Promote the sound development of AI.")
    save_translation(
        project, multi, "Strengthen international cooperation and bridge the digital divide. "
        "Share the fruits of development."
    )  # fmt: skip
    store = MemoryStore(project)
    pairs = {(u.source, u.target) for u in store.units([PROJECT_MEMORY])}
    assert (REPEAT, "Promote the sound development of AI.") in pairs
    # The multi-sentence paragraph also gives aligned sentence pairs.
    assert ("共享发展成果。", "Share the fruits of development.") in pairs
    approve_translation(project, first)
    assert store.memory(PROJECT_MEMORY).units == len(pairs)


def test_a_replaced_pair_leaves_the_memory(project: Project) -> None:
    first = _ids(project)[0]
    save_translation(project, first, "Promote the sound devlopment of AI.")
    save_translation(project, first, "Promote the sound development of AI.")
    targets = [u.target for u in MemoryStore(project).units([PROJECT_MEMORY])]
    assert targets == ["Promote the sound development of AI."]


def test_pairs_written_outside_the_workflow_are_synced(project: Project) -> None:
    fourth = _ids(project)[3]
    project.set_target(fourth, "Promote the sound and orderly development of AI.")
    result = MemoryStore(project).sync_project()
    assert result.added == 1
    assert MemoryStore(project).sync_project().added == 0


def test_propagate_all_fills_groups_and_reports_conflicts(project: Project) -> None:
    first, _, second, _, third = _ids(project)
    project.set_target(first, "Promote the sound development of AI.")
    report = propagate_all(project)
    assert sorted(p.id for p in report.filled) == [second, third]
    assert report.conflicts == ()
    project.undo()
    assert project.paragraph(second).target is None and project.paragraph(third).target is None


def test_matches_for_a_paragraph_leave_out_its_own_pair(project: Project) -> None:
    first, _, _, fourth, _ = _ids(project)
    save_translation(project, first, "Promote the sound development of AI.")
    found = matches_for_paragraph(project, fourth)
    assert found.best is not None and not found.best.exact
    assert found.best.unit.target == "Promote the sound development of AI."
    assert found.best.diff.render() == "推动人工智能健康{+有序+}发展。"
    # For the first paragraph, its repeats' pairs are the same pair: left out as its own.
    assert matches_for_paragraph(project, first).matches == ()


def test_an_open_index_takes_the_saved_pair(project: Project) -> None:
    first, _, _, fourth, _ = _ids(project)
    index = load_index(project)
    assert index.lookup(project.paragraph(fourth).source) == []
    outcome = save_translation(project, first, "Promote the sound development of AI.")
    index.extend(outcome.memory_units)
    [match] = index.lookup(project.paragraph(fourth).source)
    assert match.unit.target == "Promote the sound development of AI."


def test_sentence_matches_for_a_multi_sentence_paragraph(project: Project) -> None:
    multi = _ids(project)[1]
    MemoryStore(project).add_reference(
        "un", [NewUnit("共享发展成果。", "Share the benefits of development.")],
        path="/un.tmx", sha256="u",
    )  # fmt: skip
    found = matches_for_paragraph(project, multi)
    assert found.matches == ()
    assert [len(s.matches) for s in found.sentences] == [0, 1]
    assert found.sentences[1].matches[0].unit.origin == "un"


def test_reference_memories_are_named_read_only_and_replaceable(project: Project) -> None:
    store = MemoryStore(project)
    info = store.add_reference(
        "un", [NewUnit(REPEAT, "Promote AI."), NewUnit(REPEAT, "Promote AI.")],
        path="/un.tmx", sha256="a",
    )  # fmt: skip
    assert info.units == 1 and info.read_only
    with pytest.raises(ProjectError, match="already loaded"):
        store.add_reference("un", [NewUnit(REPEAT, "x")], path="/b.tmx", sha256="b")
    with pytest.raises(ProjectError, match="already loaded as memory 'un'"):
        store.add_reference("other", [NewUnit(REPEAT, "x")], path="/un.tmx", sha256="a")
    with pytest.raises(ProjectError, match="cannot name"):
        store.add_reference(PROJECT_MEMORY, [], path="/p.tmx", sha256="p")
    store.add_reference("un", [NewUnit(REPEAT, "y")], path="/b.tmx", sha256="b", replace=True)
    assert [u.target for u in store.units(["un"])] == ["y"]
    assert load_index(project).lookup(REPEAT)[0].unit.origin == "un"
    assert store.remove_reference("un") == 1
    with pytest.raises(ProjectError, match="cannot be removed"):
        store.remove_reference(PROJECT_MEMORY)


def test_a_version_1_project_gets_the_memory_tables(tmp_path: Path) -> None:
    import sqlite3

    from workbench.store.migrations import LATEST_VERSION, current_version, migrate

    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute(
        "INSERT INTO documents(name, path, sha256, encoding, format, imported_at)"
        " VALUES ('a.txt', '/a.txt', 'h', 'utf-8', 'txt', '2024-01-01')"
    )
    conn.execute(
        "INSERT INTO paragraphs(document_id, position, line_no, kind, source, original, target,"
        " status, updated_at) VALUES (1, 0, 1, 'body', '数字鸿沟', '数字鸿沟', 'digital divide',"
        " 'edited', '2024-01-01')"
    )
    conn.close()
    with Project.open(path) as project:
        assert current_version(project._conn) == LATEST_VERSION
        [paragraph] = project.paragraphs()
        assert not paragraph.propagated and not paragraph.alternative
        store = MemoryStore(project)
        assert [m.name for m in store.memories()] == [PROJECT_MEMORY]
        assert store.sync_project().added == 1
        assert [(u.source, u.target) for u in store.units()] == [("数字鸿沟", "digital divide")]


def test_units_containing_prefilters_in_sql_and_escapes_wildcards(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "p.sqlite")
    store = MemoryStore(project)
    units = [NewUnit("数字鸿沟", "Digital divide"), NewUnit("百分之五", "5% growth")]
    store.add_reference("ref", units, path="ref.tmx", sha256="x")
    assert [u.source for u in store.units(containing="DIGITAL")] == ["数字鸿沟"]
    assert [u.source for u in store.units(containing="鸿沟")] == ["数字鸿沟"]
    assert [u.source for u in store.units(containing="5%")] == ["百分之五"]
    assert store.units(containing="_") == []
    assert len(store.units()) == 2
    project.close()
