"""`workbench check` on the seeds: silent on the reference translation, reports realistic
errors with exit status 1, honours --severity, --document, --disable/--enable, --format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.functional.reference import GLOSSARY, import_seeds, translated_seeds
from workbench.cli import cli
from workbench.store.project import Project
from workbench.workflows.memory import save_translation
from workbench.workflows.spelling import add_project_word


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return translated_seeds(tmp_path_factory.mktemp("check") / "seeds.sqlite")


@pytest.fixture
def project_path(translated: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "p.sqlite"
    shutil.copyfile(translated, copy)  # closed, so the write-ahead log is checkpointed
    return copy


def check(project_path: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["check", "--project", str(project_path), "--glossary", str(GLOSSARY), *args]
    )


def issues(project_path: Path, *args: str) -> list[dict[str, Any]]:
    result = check(project_path, "--format", "json", *args)
    found: list[dict[str, Any]] = json.loads(result.output)["issues"]
    return found


def edit(project_path: Path, document: int, number: int, old: str, new: str) -> None:
    with Project.open(project_path) as project:
        paragraph = project.paragraphs(document)[number - 1]
        assert paragraph.target is not None and old in paragraph.target, old
        save_translation(project, paragraph.id, paragraph.target.replace(old, new))


def test_reference_translation_raises_no_false_alarm(project_path: Path) -> None:
    result = check(project_path)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 errors, 0 warnings in 18 paragraphs"
    assert issues(project_path) == []


def test_realistic_errors_are_reported_with_exit_status_1(project_path: Path) -> None:
    edit(project_path, 1, 3, "In October 2023", "In October 2022")
    edit(project_path, 1, 5, "“small yard, high fence”", "“small courtyard, high wall”")
    edit(project_path, 1, 8, "the global governance system", "the international order")
    edit(project_path, 2, 1, "great concern to the international", "great concern to the 国际")
    result = check(project_path)
    assert result.exit_code == 1
    assert "2023年" in result.output and "2022" in result.output
    found = {(i["document_id"], i["paragraph"], i["check"]) for i in issues(project_path)}
    assert found == {
        (1, 3, "number-mismatch"),
        (1, 5, "term-forbidden"),
        (1, 5, "term-missing"),
        (1, 8, "term-missing"),
        (2, 1, "chinese-left"),
        (2, 1, "term-missing"),  # 国际社会 → "international community" is gone too
    }


def test_json_carries_spans_and_titles(project_path: Path) -> None:
    edit(project_path, 1, 5, "“small yard, high fence”", "“small courtyard, high wall”")
    [forbidden] = [i for i in issues(project_path) if i["check"] == "term-forbidden"]
    assert forbidden["severity"] == "error"
    assert forbidden["title"] == "Forbidden glossary rendering used"
    with Project.open(project_path) as project:
        paragraph = project.paragraph(forbidden["paragraph_id"])
    assert paragraph.target is not None and paragraph.source
    [[start, end]] = forbidden["target_spans"]
    assert paragraph.target[start:end] == "small courtyard, high wall"
    [[start, end]] = forbidden["source_spans"]
    assert paragraph.source[start:end] == "小院高墙"


def test_warnings_alone_exit_0_and_severity_filters_the_report(project_path: Path) -> None:
    edit(project_path, 2, 6, "more than 60 companies", "60 companies")
    result = check(project_path)
    assert result.exit_code == 0
    assert "number-approximation" in result.output and "“60余”" in result.output
    assert issues(project_path, "--severity", "error") == []
    edit(project_path, 2, 9, "June 20", "June 21")
    result = check(project_path, "--severity", "error")
    assert result.exit_code == 1
    assert "number-approximation" not in result.output and "number-mismatch" in result.output


def test_disable_and_enable_persist_in_the_project(project_path: Path) -> None:
    edit(project_path, 1, 3, "In October 2023", "In October 2022")
    assert check(project_path, "--disable", "number-mismatch").exit_code == 0
    result = check(project_path)
    assert result.exit_code == 0 and "switched off: number-mismatch" in result.output
    listing = check(project_path, "--list").output
    assert "off error   number-mismatch" in listing
    assert check(project_path, "--enable", "number-mismatch").exit_code == 1


def test_unknown_check_id_is_refused(project_path: Path) -> None:
    result = check(project_path, "--disable", "grammar")
    assert result.exit_code == 1
    assert "no check 'grammar'" in result.output and "length-ratio" in result.output


def test_document_filter(project_path: Path) -> None:
    edit(project_path, 2, 9, "June 20", "June 21")
    assert check(project_path, "--document", "000_9819b9711a7bf496.txt").exit_code == 0
    assert check(project_path, "--document", "2").exit_code == 1


def test_untranslated_project_fails_the_gate(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    import_seeds(path)
    found = issues(path)
    assert len(found) == 18
    assert {i["check"] for i in found} == {"untranslated"}
    assert check(path).exit_code == 1


def test_consistency_across_paragraphs(project_path: Path) -> None:
    with Project.open(project_path) as project:
        title = project.paragraphs(1)[0]
        lead = project.paragraphs(1)[1]
        project.set_target(lead.id, title.target)
    found = {(i["paragraph"], i["check"]) for i in issues(project_path)}
    assert (1, "same-translation") in found and (2, "same-translation") in found


MEMORY_COMMANDS = ("import", "list", "remove", "export", "lookup", "matches", "propagate")
HELP_CASES = [["check"], ["memory"], *[["memory", c] for c in (*MEMORY_COMMANDS, "alternative")]]


@pytest.mark.parametrize("args", HELP_CASES)
def test_every_command_has_help(args: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0
    description = result.output.split("\n\n")[1].strip()
    assert len(description) > 20, result.output


def test_spelling_warnings_know_the_glossary_and_the_word_list(project_path: Path) -> None:
    edit(project_path, 1, 3, "In October 2023", "In October 2023 the goverment annonced")
    found = [i for i in issues(project_path) if i["check"] == "spelling"]
    assert [i["severity"] for i in found] == ["warning"]
    assert "“annonced”" in found[0]["message"] and "“goverment”" in found[0]["message"]
    result = check(project_path)
    assert result.exit_code == 0, result.output  # warnings only: the gate passes
    with Project.open(project_path) as project:
        add_project_word(project, "annonced")
    [left] = [i for i in issues(project_path) if i["check"] == "spelling"]
    assert "annonced" not in left["message"] and "“goverment”" in left["message"]
    assert not [
        i for i in issues(project_path, "--disable", "spelling") if i["check"] == "spelling"
    ]
