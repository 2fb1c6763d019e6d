"""The glossary kept in a project's database (`workbench.store.glossary_terms`), on both
backends: seeded at the first edit, edits written row by row in one transaction, the order
of the terms kept, the revision counting edits, and `project copy` carrying it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import GlossaryError
from workbench.core.glossary import CaseRule, Glossary, Term, TermStatus
from workbench.store import glossary_terms
from workbench.store.copying import copy_project, table_rows
from workbench.store.project import Project
from workbench.store.project import project_location as location

SEED = Glossary(
    [
        Term("人类命运共同体", "community with a shared future for mankind"),
        Term("一带一路", "Belt and Road Initiative", case=CaseRule.SENSITIVE),
    ]
)


def test_before_its_first_edit_the_glossary_reads_as_nothing_stored(
    project_location: str,
) -> None:
    with Project.open(project_location) as project:
        assert glossary_terms.read_terms(project) is None
        assert glossary_terms.revision(project) is None
        assert project.query("SELECT COUNT(*) FROM glossary_terms")[0][0] == 0


def test_the_first_edit_starts_from_the_seed_and_later_ones_from_the_rows(
    project_location: str,
) -> None:
    added = Term("全球治理", "global governance", status=TermStatus.CANDIDATE, note="n")
    with Project.open(project_location) as project:
        before, after = glossary_terms.edit_terms(project, lambda g: g.with_term(added), seed=SEED)
        assert before == SEED and after == SEED.with_term(added)
        assert glossary_terms.revision(project) == "1"
        stored = glossary_terms.read_terms(project)
        assert stored == after
        assert stored is not None and [t.source for t in stored.terms] == [
            "人类命运共同体",
            "一带一路",
            "全球治理",
        ]
        # The seed is not read again: the rows are the glossary now.
        changed = Term(
            "一带一路", "the Belt and Road", variants=("BRI", "B&R"), forbidden=("OBOR",)
        )
        _, after = glossary_terms.edit_terms(
            project, lambda g: g.with_term(changed).without("人类命运共同体"), seed=Glossary()
        )
        assert glossary_terms.revision(project) == "2"
        stored = glossary_terms.read_terms(project)
        assert stored == after and stored is not None
        assert [t.source for t in stored.terms] == ["一带一路", "全球治理"]
        assert stored.get("一带一路") == changed


def test_an_edit_that_refuses_writes_nothing(project_location: str) -> None:
    def refuse(glossary: Glossary) -> Glossary:
        raise GlossaryError("already there")

    with Project.open(project_location) as project:
        glossary_terms.edit_terms(project, lambda g: g, seed=SEED)  # seeds: revision 1
        with pytest.raises(GlossaryError):
            glossary_terms.edit_terms(project, refuse, seed=SEED)
        _, after = glossary_terms.edit_terms(project, lambda g: g, seed=Glossary())
        assert after == SEED
        assert glossary_terms.revision(project) == "1"  # an edit changing nothing: no bump


def test_project_copy_carries_the_glossary(project_location: str, tmp_path: Path) -> None:
    with Project.open(project_location) as project:
        project.set_setting("x", "y")
        glossary_terms.edit_terms(project, lambda g: g, seed=SEED)
    target = tmp_path / "copy.sqlite"
    result = copy_project(location(project_location), target)
    assert result.rows["glossary_terms"] == len(SEED)
    with (
        Project.open(project_location, read_only=True) as source,
        Project.open(target, read_only=True) as copied,
    ):
        assert glossary_terms.read_terms(copied) == SEED
        assert table_rows(copied)["glossary_terms"] == table_rows(source)["glossary_terms"]
