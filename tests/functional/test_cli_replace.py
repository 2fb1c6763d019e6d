"""`workbench replace`: find and replace in the translator's English from the command line
(issue 13, item 3): dry run, regex, whole word, case, one document, one undo step, the text
policy on the result, forbidden renderings reported, bad input in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.functional.reference import GLOSSARY
from workbench.cli import cli
from workbench.store.project import Project
from workbench.workflows.memory import save_translation

DATA = Path(__file__).resolve().parents[1] / "data" / "replace"
ENGLISH = {
    "three_paragraphs.txt": [
        "The principles of AI governance. Governance matters.",
        "The second paragraph speaks of a small yard, high fence.",
        "The third paragraph has 5 per cent and 12 per cent.",
    ],
    "other_document.txt": ["New principles of AI governance.", None],
}


def run(project: Path, *args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, [*args, "--project", str(project)])
    assert result.exit_code == code, result.output
    return result


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(GLOSSARY))
    path = tmp_path / "p.sqlite"
    run(path, "import", str(DATA / "three_paragraphs.txt"), str(DATA / "other_document.txt"))
    with Project.open(path) as opened:
        for document in opened.documents():
            paragraphs = opened.paragraphs(document.id)
            for paragraph, english in zip(paragraphs, ENGLISH[document.name], strict=True):
                if english:
                    save_translation(opened, paragraph.id, english)
    return path


def targets(path: Path) -> list[str | None]:
    with Project.open(path) as opened:
        return [p.target for p in opened.paragraphs()]


def test_dry_run_counts_and_changes_nothing(project: Path) -> None:
    before = targets(project)
    result = run(project, "replace", "governance", "stewardship", "--dry-run")
    assert "2 rows would change" in result.output
    assert "+ The principles of AI stewardship. stewardship matters." in result.output
    assert targets(project) == before


def test_replace_all_is_one_undo_step(project: Path) -> None:
    before = targets(project)
    result = run(project, "replace", "governance", "stewardship")
    assert "2 rows changed" in result.output
    after = targets(project)
    assert after[0] == "The principles of AI stewardship. stewardship matters."
    assert after[3] == "New principles of AI stewardship."
    undo = run(project, "undo")
    assert "2 paragraphs" in undo.output or undo.output.count("undid change") == 2
    assert targets(project) == before


def test_case_sensitive_and_whole_word(project: Path) -> None:
    run(project, "replace", "Governance", "Oversight", "--case-sensitive")
    assert targets(project)[0] == "The principles of AI governance. Oversight matters."
    result = run(project, "replace", "principle", "rule", "--whole-word", "--dry-run")
    assert "0 rows would change" in result.output


def test_regex_with_groups(project: Path) -> None:
    run(project, "replace", r"(\d+) per cent", r"\1%", "--regex")
    assert targets(project)[2] == "The third paragraph has 5% and 12%."


def test_one_document_only(project: Path) -> None:
    result = run(project, "replace", "governance", "stewardship", "--document", "other_document")
    assert "1 row changed" in result.output
    after = targets(project)
    assert "governance" in (after[0] or "")
    assert after[3] == "New principles of AI stewardship."


def test_forbidden_rendering_is_reported(project: Path) -> None:
    result = run(project, "replace", "high fence", "high wall", "--dry-run")
    assert "which the glossary forbids for 小院高墙" in result.output
    assert "'small yard, high wall'" in result.output


def test_text_policy_applies_to_the_result(project: Path) -> None:
    run(project, "replace", "second", "sec\u200bond\x07", "--regex")
    assert targets(project)[1] == "The sec\u200bond paragraph speaks of a small yard, high fence."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("(", "x", "--regex"), "'(' is not a valid regular expression"),
        (("gover(n)ance", r"\2", "--regex"), "is not a valid replacement"),
        (("", "x"), "the search text is empty"),
        (("x", "y", "--document", "nope"), "no document matches 'nope'"),
    ],
)
def test_bad_input_is_one_line(project: Path, args: tuple[str, ...], message: str) -> None:
    result = run(project, "replace", *args, code=1)
    assert message in result.output
    assert "Traceback" not in result.output


def test_real_subprocess(project: Path) -> None:
    command = [sys.executable, "-m", "workbench", "replace", "AI", "A.I.", "--project"]
    env = {**os.environ, "WORKBENCH_GLOSSARY": str(GLOSSARY)}
    done = subprocess.run(
        [*command, str(project)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "2 rows changed" in done.stdout
    assert targets(project)[3] == "New principles of A.I. governance."


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_pattern_too_slow_is_one_line_and_changes_nothing(project: Path, dry_run: bool) -> None:
    # `(a|a)+$` tries every way of splitting a row of a's: it would run for hours.
    with Project.open(project) as opened:
        save_translation(opened, opened.paragraphs()[2].id, "a" * 40 + "!")
    before = targets(project)
    command = [sys.executable, "-m", "workbench", "replace", "(a|a)+$", "b", "--regex"]
    if dry_run:
        command.append("--dry-run")
    env = {**os.environ, "WORKBENCH_GLOSSARY": str(GLOSSARY)}
    done = subprocess.run(
        [*command, "--project", str(project)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "pattern too slow: '(a|a)+$'" in lines[0]
    assert "make it more specific" in lines[0]
    assert targets(project) == before


def test_a_replacement_stopped_part_way_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.core.replace import FindQuery
    from workbench.workflows import replacing

    monkeypatch.setattr(replacing, "STEP", 1)  # ask after every row
    before = targets(project)
    with Project.open(project) as opened:
        changes = replacing.plan_replace(opened, FindQuery("governance"), "stewardship")
        assert len(changes) == 2
        asked: list[int] = []

        def stop_at_second() -> bool:
            asked.append(1)
            return len(asked) == 2  # the first row has been handed to the store

        reported: list[tuple[int, int]] = []
        with pytest.raises(replacing.ReplaceCancelled):
            replacing.apply_replace(
                opened,
                changes,
                progress=lambda done, total: reported.append((done, total)),
                cancelled=stop_at_second,
            )
        assert reported == [(0, 2)]
        # The row written was taken back, and a redo cannot bring the half-done step back.
        assert not opened.can_redo()
    assert targets(project) == before
    with Project.open(project) as opened, pytest.raises(replacing.ReplaceCancelled):
        replacing.plan_replace(opened, FindQuery("governance"), "x", cancelled=lambda: True)
