"""`workbench model install/list/remove` and `workbench eval` through click's CliRunner."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import cli


def run(packages_dir: Path, *args: str) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, list(args), env={"ARGOS_PACKAGES_DIR": str(packages_dir)})


def test_install_list_remove_round_trip(tmp_path: Path, tiny_argosmodel: Path) -> None:
    packages_dir = tmp_path / "packages"
    empty = run(packages_dir, "model", "list")
    assert empty.exit_code == 0
    assert "No models installed" in empty.output
    assert "workbench model install PATH.argosmodel" in empty.output

    installed = run(packages_dir, "model", "install", str(tiny_argosmodel))
    assert installed.exit_code == 0, installed.output
    assert "Installed translate-zh_en-synthetic-tiny (zh→en" in installed.output
    assert (packages_dir / "translate-zh_en-synthetic-tiny" / "model" / "model.bin").is_file()

    listed = run(packages_dir, "model", "list")
    assert listed.exit_code == 0
    assert "translate-zh_en-synthetic-tiny" in listed.output
    assert "generated test model" in listed.output

    again = run(packages_dir, "model", "install", str(tiny_argosmodel))
    assert again.exit_code == 0  # reinstalling replaces the package

    removed = run(packages_dir, "model", "remove", "zh-en")
    assert removed.exit_code == 0, removed.output
    assert "Removed translate-zh_en-synthetic-tiny" in removed.output
    assert not (packages_dir / "translate-zh_en-synthetic-tiny").exists()
    assert "No models installed" in run(packages_dir, "model", "list").output


def test_install_refuses_what_is_not_a_package(tmp_path: Path) -> None:
    text = tmp_path / "notes.argosmodel"
    text.write_text("not a zip", encoding="utf-8")
    result = run(tmp_path / "packages", "model", "install", str(text))
    assert result.exit_code == 1
    assert "not an argos package" in result.output and str(text) in result.output

    archive = tmp_path / "empty.argosmodel"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("thing/metadata.json", "{}")
    result = run(tmp_path / "packages", "model", "install", str(archive))
    assert result.exit_code == 1
    assert "missing" in result.output and "model/model.bin" in result.output

    missing = run(tmp_path / "packages", "model", "install", str(tmp_path / "nope.argosmodel"))
    assert missing.exit_code == 1
    assert "no such file" in missing.output


def test_install_needs_a_path_or_online(tmp_path: Path, tiny_argosmodel: Path) -> None:
    neither = run(tmp_path, "model", "install")
    assert neither.exit_code == 2
    assert "--online FROM TO" in neither.output
    both = run(tmp_path, "model", "install", str(tiny_argosmodel), "--online", "zh", "en")
    assert both.exit_code == 2


def test_remove_unknown_model(tmp_path: Path) -> None:
    result = run(tmp_path, "model", "remove", "translate-xx_yy")
    assert result.exit_code == 1
    assert "No installed model 'translate-xx_yy'" in result.output


def test_eval_without_a_model_prints_the_fix(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("zh\ten\n中国\tChina\n", encoding="utf-8")
    result = run(tmp_path / "empty", "eval", "--pairs", str(pairs))
    assert result.exit_code == 1
    assert "workbench model install PATH.argosmodel" in result.output
    assert "Traceback" not in result.output


def test_eval_reports_raw_and_enforced_figures(tmp_path: Path, argos_packages_dir: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "zh\ten\n"
        "人工智能是人类发展的新领域。\tAI is a new frontier in human development.\n"
        "积极参与人工智能全球治理。\tActively participate in global AI governance.\n",
        encoding="utf-8",
    )
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text(
        "source\ttarget\tstatus\tvariants\tforbidden\tpos\tcase\tnote\n"
        "人工智能\tartificial intelligence\tapproved\t\tAI\tnoun\tinsensitive\t\n"
        "人工智能全球治理\tglobal AI governance\tapproved\t\t\tnoun\tinsensitive\t\n",
        encoding="utf-8",
    )
    result = run(argos_packages_dir, "eval", "--pairs", str(pairs), "--glossary", str(glossary))
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "0.0% 0/2" in lines["raw"]
    assert "100.0% 2/2" in lines["enforced"]
    assert "code-switch" in result.output


@pytest.mark.parametrize(
    "args", [["model"], ["model", "install"], ["model", "list"], ["model", "remove"], ["eval"]]
)
def test_every_command_has_help(args: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    summary = result.output.split("\n\n")[1].strip()
    assert len(summary) > 10


def test_install_online_uses_the_argos_index_download(
    tmp_path: Path, tiny_argosmodel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def download(from_code: str, to_code: str) -> Path:
        asked.append((from_code, to_code))
        return tiny_argosmodel  # what argostranslate's AvailablePackage.download returns

    monkeypatch.setattr("workbench.mt.argos.download_from_index", download)
    result = run(tmp_path, "model", "install", "--online", "zh", "en")
    assert result.exit_code == 0, result.output
    assert asked == [("zh", "en")]
    assert (tmp_path / "translate-zh_en-synthetic-tiny" / "metadata.json").is_file()


def test_install_online_without_internet_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argostranslate.package
    import argostranslate.settings

    # What update_package_index leaves behind when the index cannot be downloaded.
    monkeypatch.setattr(argostranslate.package, "update_package_index", lambda: None)
    monkeypatch.setattr(argostranslate.settings, "local_package_index", tmp_path / "none.json")
    result = run(tmp_path, "model", "install", "--online", "zh", "en")
    assert result.exit_code == 1
    assert "Cannot reach argostranslate's package index" in result.output
    assert "workbench model install PATH.argosmodel" in result.output


def test_install_generated_builds_a_working_model_offline(tmp_path: Path) -> None:
    packages_dir = tmp_path / "packages"
    result = run(packages_dir, "model", "install", "--generated", "tiny")
    assert result.exit_code == 0, result.output
    assert "Installed translate-zh_en-synthetic-tiny" in result.output
    assert "not a translation" in result.output

    from workbench.mt.argos import ArgosTranslator

    engine = ArgosTranslator.load(directory=packages_dir)
    assert engine.package.synthetic
    best = engine.translate_batch(["人工智能是人类发展的新领域。"])[0].best
    assert best.text and best.tokens

    refused = run(packages_dir, "model", "install", "--generated", "tiny", "--online", "zh", "en")
    assert refused.exit_code == 2
