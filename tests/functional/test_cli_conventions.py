"""The conventions every command follows: results on stdout, notes on stderr, --quiet,
--format json, colour (NO_COLOR, --color), shell completion, logging, exit statuses.

Colour is tested through a pseudo-terminal (a real `python -m workbench` whose stdout and
stderr are a pty), since colour is only ever on by itself on a terminal.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import BashComplete
from click.testing import CliRunner, Result

from tests.functional.reference import GLOSSARY, SEEDS, translated_seeds
from tests.terminal import output_on_a_terminal
from workbench.cli import cli
from workbench.store.project import Project
from workbench.workflows.memory import approve_translation
from workbench.workflows.progress import count_progress

ROOT = Path(__file__).resolve().parents[2]
ESCAPE = "\x1b["
FIRST_SEED = SEEDS[0].name  # 000_9819b9711a7bf496.txt: imports with notes on stderr


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "WORKBENCH_LOG_FILE")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds with the reference English (some glossary violations remain)."""
    return translated_seeds(tmp_path_factory.mktemp("conventions") / "seeds.sqlite")


@pytest.fixture
def project(translated: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project.sqlite"
    shutil.copy(translated, copy)
    return copy


# -- stdout holds the results, stderr the notes ------------------------------------------------


def test_import_prints_its_result_on_stdout_and_its_warnings_on_stderr(tmp_path: Path) -> None:
    result = run("import", *map(str, SEEDS), "-p", str(tmp_path / "p.sqlite"))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("imported as document") == 2
    assert "warning: enumeration out of order" in result.stderr
    assert "removed injected spam prefix" in result.stderr
    assert "warning" not in result.stdout and "spam" not in result.stdout


def test_quiet_keeps_results_and_errors_and_silences_notes(tmp_path: Path) -> None:
    project = str(tmp_path / "p.sqlite")
    result = run("--quiet", "import", *map(str, SEEDS), "-p", project)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("imported as document") == 2
    assert result.stderr == ""
    # --quiet never hides an error
    failed = run("-q", "paragraphs", "no-such-document", "-p", project)
    assert failed.exit_code == 1
    assert "no-such-document" in failed.stderr and failed.stdout == ""


def test_export_note_goes_to_stderr(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    run("-q", "import", *map(str, SEEDS), "-p", str(project))
    result = run("export", "-p", str(project), "-o", str(tmp_path / "out.tmx"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote 0 pairs to ")
    assert "note: no reviewed English" in result.stderr
    assert "note:" not in result.stdout
    assert (
        "note:" not in run("-q", "export", "-p", str(project), "-o", str(tmp_path / "q.tmx")).stderr
    )


def test_project_before_the_command_is_the_commands_project(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere.sqlite"
    monkeypatch.setenv("WORKBENCH_PROJECT", str(elsewhere))  # restored after the test
    listed = run("--project", str(project), "status", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)["documents"]) == 2
    imported = run("-p", str(tmp_path / "new.sqlite"), "-q", "import", str(SEEDS[0]))
    assert imported.exit_code == 0, imported.output
    assert (tmp_path / "new.sqlite").exists()
    # The command's own --project wins over the one before it.
    own = run("-p", str(project), "status", "-p", str(tmp_path / "missing.sqlite"))
    assert own.exit_code == 1 and "missing.sqlite" in own.stderr
    refused = run("-p", "https://example.org/p", "status")
    assert refused.exit_code == 1 and "not a project" in refused.stderr
    assert not elsewhere.exists()


@pytest.mark.slow  # two runs of the generated model
def test_translate_progress_and_notes_go_to_stderr(
    tmp_path: Path, argos_packages_dir: Path
) -> None:
    project = tmp_path / "p.sqlite"
    run("-q", "import", *map(str, SEEDS), "-p", str(project))
    env = {"ARGOS_PACKAGES_DIR": str(argos_packages_dir), "WORKBENCH_GLOSSARY": str(GLOSSARY)}
    result = run("translate", "-d", SEEDS[1].name, "-p", str(project), env=env)
    assert result.exit_code == 0, result.output
    assert "Translating" in result.stderr and "to translate (" in result.stderr
    assert "Translating" not in result.stdout and "to translate (" not in result.stdout
    assert " translated, " in result.stdout  # the summary is the result
    quiet = run("-q", "translate", "-d", SEEDS[0].name, "-p", str(project), env=env)
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == "" and " translated, " in quiet.stdout


# -- --format json on every listing and report command -------------------------------------------

# (arguments after the project/glossary options are filled in, the key the document must have)
JSON_COMMANDS: list[tuple[list[str], str]] = [
    (["status"], "documents"),
    (["paragraphs", FIRST_SEED], "paragraphs"),
    (["glossary", "list", "-g", "{glossary}"], "terms"),
    (["glossary", "check", "-g", "{glossary}", "-p", "{project}"], "segments"),
    (["check", "-g", "{glossary}"], "issues"),
    (["memory", "list"], "memories"),
    (["memory", "lookup", "人工智能"], "matches"),
    (["memory", "matches", "1"], "sentences"),
    (["concordance", "人工智能"], "hits"),
    (["model", "list"], "models"),
]


@pytest.mark.parametrize(
    ("args", "key"), JSON_COMMANDS, ids=[" ".join(args[:2]) for args, _ in JSON_COMMANDS]
)
def test_format_json_prints_one_json_document_on_stdout(
    args: list[str], key: str, project: Path, tmp_path: Path
) -> None:
    filled = [a.format(glossary=GLOSSARY, project=project) for a in args]
    if "-p" not in filled and args[0] not in ("model", "glossary"):
        filled += ["-p", str(project)]
    env = {"ARGOS_PACKAGES_DIR": str(tmp_path / "no-models")}
    result = run(*filled, "--format", "json", env=env)
    assert result.exit_code in (0, 1), result.output  # check: 1 while errors remain
    payload = json.loads(result.stdout)  # the whole of stdout is one document
    assert key in payload
    text = run(*filled, env=env)
    assert not text.stdout.lstrip().startswith("{")


def test_status_json_counts_per_document_and_for_the_project(project: Path) -> None:
    payload = json.loads(run("status", "-p", str(project), "--format", "json").stdout)
    documents, total = payload["documents"], payload["total"]
    assert [d["name"] for d in documents] == [seed.name for seed in SEEDS]
    for field in ("paragraphs", "chinese_characters", "english_words", "percent_approved"):
        assert total[field] == pytest.approx(
            sum(d[field] for d in documents) if field != "percent_approved" else total[field]
        )
    assert total["documents"] == len(SEEDS)
    assert total["chinese_characters"] > 1000 and total["english_words"] > 200
    by_status = total["paragraphs_by_status"]
    assert sum(by_status.values()) == total["paragraphs"]
    assert by_status["edited"] == total["paragraphs"]  # the reference English, not approved
    assert total["percent_approved"] == 0
    # approving one paragraph moves the counts
    first = json.loads(run("paragraphs", FIRST_SEED, "-p", str(project), "--format", "json").stdout)
    paragraph = first["paragraphs"][0]
    with Project.open(project) as opened:
        approve_translation(opened, paragraph["id"])
        expected = count_progress(opened.paragraphs())
    after = json.loads(run("status", "-p", str(project), "--format", "json").stdout)["total"]
    assert after["paragraphs_by_status"]["approved"] == 1
    assert after["percent_approved"] == expected.percent_approved > 0
    assert "Chinese characters" in run("status", "-p", str(project)).stdout


def test_undo_lists_the_paragraphs_it_touched_as_json(project: Path) -> None:
    first = json.loads(run("paragraphs", FIRST_SEED, "-p", str(project), "--format", "json").stdout)
    moved = first["paragraphs"][1]["id"]
    done = run("move", str(moved), "--down", "1", "-p", str(project))
    assert done.exit_code == 0, done.output
    payload = json.loads(run("undo", "-p", str(project), "--format", "json").stdout)
    assert payload["action"] == "undo"
    assert moved in [p["id"] for p in payload["paragraphs"]]
    redone = json.loads(run("redo", "-p", str(project), "--format", "json").stdout)
    assert redone["action"] == "redo" and moved in [p["id"] for p in redone["paragraphs"]]


# -- colour --------------------------------------------------------------------------------------


def run_in_pty(*args: str, env: dict[str, str]) -> str:
    """Run the workbench with stdout and stderr on a pseudo-terminal; what it printed."""
    return output_on_a_terminal([sys.executable, "-m", "workbench", *args], env=env, cwd=ROOT)


COLOURED = ["glossary", "list", "-g", str(GLOSSARY)]  # "never:" lines are red


def test_colour_on_a_terminal_by_default_and_never_with_no_color() -> None:
    assert ESCAPE in run_in_pty(*COLOURED, env=subprocess_env())  # the pty test can fail
    for value in ("1", "0"):  # any non-empty value, even "0"
        shown = run_in_pty(*COLOURED, env=subprocess_env(NO_COLOR=value))
        assert "never:" in shown and ESCAPE not in shown
    shown = run_in_pty("--color", "never", *COLOURED, env=subprocess_env())
    assert "never:" in shown and ESCAPE not in shown


def test_color_always_styles_output_that_is_not_a_terminal() -> None:
    """CliRunner's output is not a terminal: no colour unless --color always."""
    assert ESCAPE not in run(*COLOURED).stdout
    assert ESCAPE in run("--color", "always", *COLOURED).stdout
    assert ESCAPE in run("--color", "always", *COLOURED, env={"NO_COLOR": "1"}).stdout
    assert ESCAPE not in run("--color", "never", *COLOURED).stdout
    # unstyled lines stay plain (no stray reset codes) even with colour on
    last = run("--color", "always", *COLOURED).stdout.splitlines()[-1]
    assert last.endswith(" terms") and ESCAPE not in last


# -- completion ----------------------------------------------------------------------------------


def complete(words: str, **extra: str) -> list[str]:
    """What bash completion offers for the last (partial) word of `words`, in process."""
    args = shlex.split(words)[1:]
    incomplete = "" if words.endswith(" ") else args.pop()
    completer = BashComplete(cli, {}, "workbench", "_WORKBENCH_COMPLETE")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in extra.items():
            patch.setenv(name, value)
        return [item.value for item in completer.get_completions(args, incomplete)]


def test_completion_of_document_names_formats_and_terms(translated: Path) -> None:
    project = str(translated)
    assert complete("workbench paragraphs 000", WORKBENCH_PROJECT=project) == [FIRST_SEED]
    assert sorted(complete("workbench paragraphs 0", WORKBENCH_PROJECT=project)) == sorted(
        seed.name for seed in SEEDS
    )
    assert complete(f"workbench status -p {project} -d 004") == [SEEDS[1].name]
    assert complete("workbench paragraphs 000", WORKBENCH_PROJECT="/nonexistent/p.sqlite") == []
    assert sorted(complete("workbench export --format t")) == ["tmx", "tsv"]
    assert sorted(complete("workbench status --format ")) == ["json", "text"]
    terms = complete("workbench glossary approve 人工智能", WORKBENCH_GLOSSARY=str(GLOSSARY))
    assert "人工智能" in terms and "人工智能治理" in terms
    assert all(term.startswith("人工智能") for term in terms)


def test_completion_through_the_shell_variable(translated: Path) -> None:
    """What the shell runs on TAB: `_WORKBENCH_COMPLETE=bash_complete workbench`."""
    done = subprocess.run(
        [sys.executable, "-m", "workbench"],
        capture_output=True,
        text=True,
        env=subprocess_env(
            _WORKBENCH_COMPLETE="bash_complete",
            COMP_WORDS="workbench paragraphs 004",
            COMP_CWORD="2",
            WORKBENCH_PROJECT=str(translated),
        ),
        check=True,
    )
    assert done.stdout.splitlines() == [f"plain,{SEEDS[1].name}"]


def test_completion_scripts_for_bash_zsh_and_fish() -> None:
    for shell in ("bash", "zsh", "fish"):
        script = subprocess.run(
            [sys.executable, "-m", "workbench"],
            capture_output=True,
            text=True,
            env=subprocess_env(_WORKBENCH_COMPLETE=f"{shell}_source"),
            check=True,
        ).stdout
        assert "_WORKBENCH_COMPLETE" in script, shell


# -- logging -------------------------------------------------------------------------------------


def test_log_file_records_the_main_steps_and_errors_with_tracebacks(tmp_path: Path) -> None:
    log = tmp_path / "workbench.log"
    project = tmp_path / "p.sqlite"
    result = run("--log-file", str(log), "import", *map(str, SEEDS), "-p", str(project))
    assert result.exit_code == 0, result.output
    assert "log " not in result.stderr  # nothing logged to the terminal without --verbose
    text = log.read_text(encoding="utf-8")
    assert "INFO workbench.cli" in text and "imported as document 1 (8 paragraphs kept" in text
    assert "opened project" in text
    exported = run(
        "--log-file", str(log), "export", "-p", str(project), "-o", str(tmp_path / "x.tsv"),
        "-f", "tsv", "--include-empty",
    )  # fmt: skip
    assert exported.exit_code == 0, exported.output
    assert f"to {tmp_path / 'x.tsv'}" in log.read_text(encoding="utf-8")
    failed = run("paragraphs", "nothing-like-it", "-p", str(project), env={
        "WORKBENCH_LOG_FILE": str(log)
    })  # fmt: skip
    assert failed.exit_code == 1 and "Traceback" not in failed.stderr
    text = log.read_text(encoding="utf-8")
    assert re.search(r"ERROR workbench\.cli\.failures: .*nothing-like-it", text)
    assert "Traceback (most recent call last)" in text


def test_a_log_file_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    result = run("--log-file", str(tmp_path / "no-such-folder" / "w.log"), "model", "list")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and "no-such-folder" in result.stderr
    assert "Traceback" not in result.output


def test_verbose_logs_to_stderr_and_quiet_does_not(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    verbose = run("-v", "import", str(SEEDS[0]), "-p", str(project))
    assert "log INFO workbench.cli.documents" in verbose.stderr
    assert "log DEBUG" not in verbose.stderr
    assert "log " not in verbose.stdout
    debug = run("-v", "-v", "status", "-p", str(project))
    assert "log INFO" in debug.stderr
    plain = run("status", "-p", str(project))
    assert "log " not in plain.stderr


def test_no_library_module_configures_logging() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "workbench").rglob("*.py")
        if path.name != "logs.py"
        and re.search(r"basicConfig|addHandler|setLevel\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# -- exit statuses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["status", "--no-such-option"], 2),
        (["paragraphs"], 2),
        (["status", "-p", "{missing}"], 1),
        (["--version"], 0),
    ],
)
def test_exit_statuses(args: list[str], status: int, tmp_path: Path) -> None:
    filled = [a.format(missing=tmp_path / "missing.sqlite") for a in args]
    assert run(*filled).exit_code == status
