"""Where the glossary and the settings live: the curated glossary is package data and never
written; edits go to the person's own file (or the one named); `glossary where` says which;
`workbench config` keeps the person's settings (the editor's theme among them)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.tui_fixtures import TuiProject
from workbench import config, paths
from workbench.cli import cli
from workbench.formats import glossary_table

CURATED = Path(str(paths.curated_glossary()))
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_9819b9711a7bf496.txt"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An ordinary folder without ./glossary/, no $WORKBENCH_GLOSSARY."""
    monkeypatch.delenv("WORKBENCH_GLOSSARY", raising=False)
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


REPO = Path(__file__).resolve().parents[2]


def test_the_curated_glossary_is_the_checkouts_glossary_folder() -> None:
    # An editable install reads glossary/ in place; a wheel carries a copy as package data
    # (tests/functional/test_wheel_install.py).
    assert CURATED.is_file()
    assert CURATED == REPO / "glossary" / "governance.tsv"
    assert len(glossary_table.read(CURATED)) > 100


def test_in_the_checkout_itself_edits_never_touch_the_curated_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WORKBENCH_GLOSSARY", raising=False)
    monkeypatch.chdir(REPO)
    before = digest(CURATED)
    where = run("glossary", "where")
    assert f"edits go to: {paths.personal_glossary()}" in where.output, where.output
    result = run("glossary", "add", "算力", "computing power")
    assert result.exit_code == 0, result.output
    assert "算力" in paths.personal_glossary().read_text(encoding="utf-8")
    assert digest(CURATED) == before


@pytest.mark.parametrize(
    "args",
    [
        ("glossary", "add", "算力", "computing power", "--glossary", str(CURATED)),
        ("glossary", "export", "--format", "tsv", "--output", str(CURATED)),
        ("glossary", "export", "--output", str(Path(paths.__file__).parent / "x.tbx")),
    ],
    ids=["add-named-curated", "export-over-curated", "export-into-package"],
)
def test_no_command_writes_the_curated_glossary_or_into_the_package(
    empty_folder: Path, args: tuple[str, ...]
) -> None:
    before = digest(CURATED)
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert "curated glossary" in result.output or "installed workbench package" in result.output
    assert digest(CURATED) == before
    assert not (Path(paths.__file__).parent / "x.tbx").exists()


def test_list_in_an_ordinary_folder_shows_the_curated_terms(empty_folder: Path) -> None:
    result = run("glossary", "list", "--search", "数字鸿沟")
    assert result.exit_code == 0, result.output
    assert "数字鸿沟\tdigital divide" in result.output
    assert f"of {len(glossary_table.read(CURATED))} terms" in result.output
    assert not paths.personal_glossary().exists()  # reading writes nothing
    assert os.listdir(empty_folder) == []


def test_add_goes_to_the_personal_glossary_never_the_curated_one(empty_folder: Path) -> None:
    curated_before = digest(CURATED)
    result = run("glossary", "add", "算力", "computing power")
    assert result.exit_code == 0, result.output
    personal = paths.personal_glossary()
    assert str(personal) in result.output
    assert digest(CURATED) == curated_before
    assert os.listdir(empty_folder) == []
    mine = glossary_table.read(personal)
    assert mine.get("算力") is not None
    assert mine.get("数字鸿沟") is not None  # started from the curated terms
    # Later commands read the personal file: the new term and the curated ones.
    listed = run("glossary", "list", "--search", "算力")
    assert "算力\tcomputing power" in listed.output
    removed = run("glossary", "remove", "数字鸿沟")
    assert removed.exit_code == 0, removed.output
    assert digest(CURATED) == curated_before
    assert "数字鸿沟" not in run("glossary", "list").output


def test_where_names_the_files_in_effect_and_the_one_edits_go_to(empty_folder: Path) -> None:
    before = run("glossary", "where")
    assert before.exit_code == 0, before.output
    assert f"1. {CURATED} (curated, read-only)" in before.output
    assert f"edits go to: {paths.personal_glossary()} (made from the curated" in before.output
    run("glossary", "add", "算力", "computing power")
    after = run("glossary", "where")
    assert f"1. {paths.personal_glossary()}" in after.output
    assert "curated" not in after.output
    named = run("glossary", "where", "-g", "other.tsv")
    assert "in effect: none" in named.output
    assert "warning: no glossary in effect" in named.stderr
    assert "chosen by: --glossary" in named.output


def test_no_glossary_in_effect_is_a_warning_on_stderr(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "curated_glossary", lambda: empty_folder / "missing.tsv")
    result = run("glossary", "list")
    assert result.exit_code == 0
    assert "0 of 0 terms" in result.stdout
    assert "warning: no glossary in effect" in result.stderr
    assert "warning" not in result.stdout


def test_a_project_glossary_in_the_folder_wins_and_is_the_only_one(empty_folder: Path) -> None:
    (empty_folder / "glossary").mkdir()
    own = empty_folder / "glossary" / "governance.tsv"
    assert run("glossary", "import", str(CURATED), "-g", str(own)).exit_code == 0
    assert run("glossary", "add", "算力", "computing power").exit_code == 0
    assert glossary_table.read(own).get("算力") is not None
    assert not paths.personal_glossary().exists()
    assert "chosen by: the current folder" in run("glossary", "where").output


def test_config_set_glossary_is_the_default_and_is_checked(
    empty_folder: Path, tmp_path: Path
) -> None:
    team = tmp_path / "team.tsv"
    team.write_bytes(CURATED.read_bytes())
    assert run("config", "set", "glossary", str(team)).exit_code == 0
    assert run("glossary", "add", "算力", "computing power").exit_code == 0
    assert glossary_table.read(team).get("算力") is not None
    assert "glossary = " + str(team) in run("config").output
    team.unlink()
    missing = run("glossary", "list")
    assert missing.exit_code == 1
    assert f"glossary {team} (from config file" in missing.stderr
    folder = run("config", "set", "glossary", str(tmp_path))
    assert folder.exit_code == 1
    assert "is a folder" in folder.stderr


def test_config_shows_sets_and_validates(empty_folder: Path) -> None:
    shown = run("config")
    assert shown.exit_code == 0
    assert str(paths.config_file()) in shown.output
    assert "theme = (not set)" in shown.output
    assert run("config", "set", "theme", "nord").exit_code == 0
    assert config.read() == {"theme": "nord"}
    assert "theme = nord" in run("config").output
    bad = run("config", "set", "theme", "no-such-theme")
    assert bad.exit_code == 1
    assert bad.stderr.count("\n") == 1
    assert "unknown theme 'no-such-theme'" in bad.stderr
    assert run("config", "set", "engine", "google").exit_code == 1
    assert run("config", "set", "colour", "x").exit_code == 2  # not a setting: usage error
    assert run("config", "unset", "theme").exit_code == 0
    assert config.read() == {}


def test_a_broken_config_file_is_one_line(empty_folder: Path) -> None:
    paths.config_file().parent.mkdir(parents=True)
    paths.config_file().write_text("theme = [unclosed\n", encoding="utf-8")
    result = run("config")
    assert result.exit_code == 1
    assert "is not valid TOML" in result.stderr
    assert "Traceback" not in result.output


def test_config_paths_lists_every_folder(empty_folder: Path) -> None:
    result = run("config", "paths")
    assert result.exit_code == 0
    for variable in ("WORKBENCH_CONFIG_DIR", "WORKBENCH_DATA_DIR", "WORKBENCH_CACHE_DIR"):
        assert variable in result.output
    assert str(paths.data_dir()) in result.output


async def test_the_editor_theme_is_kept_with_the_person(tui_project: TuiProject) -> None:
    app = tui_project.app()
    async with app.run_test(size=(100, 30)) as pilot:
        pilot.app.theme = "nord"
        await pilot.pause()
    assert config.read().get("theme") == "nord"
    assert tui_project.project.get_setting("tui.theme") is None  # not in the project
    again = tui_project.app()
    async with again.run_test(size=(100, 30)):
        assert again.theme == "nord"


def test_a_project_records_the_glossary_it_uses(empty_folder: Path, tmp_path: Path) -> None:
    team = tmp_path / "team.tsv"
    team.write_bytes(CURATED.read_bytes())
    assert run("import", str(SEED)).exit_code == 0  # ./workbench.sqlite
    other = tmp_path / "other.sqlite"
    assert run("import", str(SEED), "-p", str(other)).exit_code == 0
    used = run("glossary", "use", str(team))
    assert used.exit_code == 0, used.output
    assert run("glossary", "add", "算力", "computing power").exit_code == 0
    assert glossary_table.read(team).get("算力") is not None
    assert not paths.personal_glossary().exists()
    assert "chosen by: project workbench.sqlite" in run("glossary", "where").output
    # Another project records nothing: the personal glossary, then.
    assert "chosen by: personal" in run("glossary", "where", "-p", str(other)).output
    checked = run("glossary", "check", "-p", str(other))
    assert checked.exit_code in (0, 1), checked.output
    # --glossary still wins over the project's.
    assert "chosen by: --glossary" in run("glossary", "where", "-g", str(team)).output
    team.unlink()
    missing = run("glossary", "list")
    assert missing.exit_code == 1
    assert f"glossary {team} (from project workbench.sqlite) does not exist" in missing.stderr
    assert run("glossary", "use", "--none").exit_code == 0
    assert run("glossary", "list").exit_code == 0
    assert run("glossary", "use").exit_code == 2


def test_the_editor_saves_its_first_glossary_change_to_the_personal_file(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.core.glossary import Term
    from workbench.tui.app import WorkbenchApp

    seen: list[int] = []

    def run_app(self: WorkbenchApp, *args: object, **kwargs: object) -> None:
        seen.append(len(self.glossary))  # the curated terms, before any file exists
        self.update_glossary(self.glossary.with_term(Term("算力", "computing power")))

    monkeypatch.setattr(WorkbenchApp, "run", run_app)
    result = run("edit", str(SEED))
    assert result.exit_code == 0, result.output
    assert seen == [len(glossary_table.read(CURATED))]
    mine = glossary_table.read(paths.personal_glossary())
    assert mine.get("算力") is not None
    assert len(mine) == seen[0] + 1


def test_config_model_names_the_model_translate_uses(
    empty_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "models"))
    assert run("import", str(SEED)).exit_code == 0
    assert run("config", "set", "model", "translate-zh_en-nosuch").exit_code == 0
    result = run("translate")
    assert result.exit_code == 1
    assert "'translate-zh_en-nosuch' chosen in the config file is not installed" in result.stderr
    assert run("config", "set", "model", "../x").exit_code == 1


def test_eval_without_its_extra_says_how_to_install_it(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "sacrebleu" else real(name, *a),
    )
    pairs = Path(__file__).resolve().parents[2] / "eval" / "dev-pairs.tsv"
    result = run("eval", "--pairs", str(pairs))
    assert result.exit_code == 1
    assert "pip install 'workbench[eval]'" in result.stderr
    assert result.stderr.count("\n") == 1
