"""The foundation end to end through the CLI: import the seeds, export, re-import, bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import click
import polib
import pytest
from click.testing import CliRunner, Result
from translate.storage import tmx as tt_tmx

from tests.functional.reference import GLOSSARY, SEEDS, apply_reference, import_seeds
from workbench.cli import cli
from workbench.store.project import Project
from workbench.workflows.memory import save_translation


def run(*args: str, cwd: Path | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def project_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # exports/ lands in the tmp folder
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(GLOSSARY))
    return tmp_path / "seeds.sqlite"


def test_import_reports_and_is_idempotent(project_path: Path) -> None:
    first = run("import", *map(str, SEEDS), "--project", str(project_path))
    assert first.exit_code == 0, first.output
    assert "imported as document 1" in first.output
    assert "8 paragraphs kept" in first.output and "10 paragraphs kept" in first.output
    assert "removed injected spam prefix 九游会官网登录" in first.output
    assert "enumeration out of order" in first.output
    again = run("import", *map(str, SEEDS), "--project", str(project_path))
    assert again.exit_code == 0
    assert again.output.count("already in the project") == 2
    with Project.open(project_path) as project:
        assert len(project.documents()) == 2
        assert len(project.paragraphs()) == 18


def test_show_dropped_lists_every_dropped_block_with_reason(project_path: Path) -> None:
    result = run("import", str(SEEDS[1]), "--project", str(project_path), "--show-dropped")
    dropped = [line for line in result.output.splitlines() if "dropped line" in line]
    assert len(dropped) == 18
    assert all("reader comment" in line for line in dropped)
    assert any("187****1404" in line for line in dropped)


def test_restore_move_and_undo(project_path: Path) -> None:
    import_seeds(project_path)
    with Project.open(project_path) as project:
        doc = project.resolve_document("004_f56eada79adc5973.txt")
        paragraphs = project.paragraphs(doc.id)
        dropped = next(
            p for p in project.paragraphs(doc.id, include_dropped=True) if not p.included
        )
    yi_shi = paragraphs[5]
    assert yi_shi.source.startswith("一是")
    moved = run("move", str(yi_shi.id), "--up", "2", "--project", str(project_path))
    assert moved.exit_code == 0, moved.output
    assert "is now paragraph 4 of 10" in moved.output
    restored = run("restore", str(dropped.id), "--project", str(project_path))
    assert restored.exit_code == 0 and "restored" in restored.output
    with Project.open(project_path) as project:
        sources = [p.source[:2] for p in project.paragraphs(doc.id)]
        assert sources[3:5] == ["一是", "二是"]
        assert len(sources) == 11
    assert run("undo", "--project", str(project_path)).exit_code == 0
    assert run("undo", "--project", str(project_path)).exit_code == 0
    with Project.open(project_path) as project:
        assert [p.source[:2] for p in project.paragraphs(doc.id)][3] == "二是"
    assert (
        "is now paragraph 4"
        in run("move", str(yi_shi.id), "--to", "4", "--project", str(project_path)).output
    )
    bad = CliRunner().invoke(cli, ["move", str(yi_shi.id), "--project", str(project_path)])
    assert bad.exit_code == 2 and "exactly one" in bad.output
    assert run("undo", "--project", str(project_path)).exit_code == 0
    nothing = CliRunner().invoke(cli, ["undo", "--project", str(project_path)])
    assert nothing.exit_code == 1 and "nothing to undo" in nothing.output


@pytest.fixture
def translated(project_path: Path) -> Path:
    import_seeds(project_path)
    with Project.open(project_path) as project:
        apply_reference(project)
    return project_path


def test_export_tmx_default_location_validated_by_translate_toolkit(translated: Path) -> None:
    result = run("export", "--format", "tmx", "--project", str(translated))
    assert result.exit_code == 0, result.output
    assert "wrote 18 pairs" in result.output
    [path] = Path("exports").glob("*.tmx")
    store = tt_tmx.tmxfile(path.read_bytes())
    assert len(store.units) == 18
    first = store.units[0]
    assert first.source == "积极参与和引领人工智能全球治理（和音）"
    assert first.target.startswith("Actively")
    assert store.units[0].getid() == "000_9819b9711a7bf496.txt#p1"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext msgfmt not installed")
def test_export_po_passes_msgfmt_and_lists_terms(translated: Path, tmp_path: Path) -> None:
    out = tmp_path / "seeds.po"
    result = run("export", "-f", "po", "-o", str(out), "--project", str(translated))
    assert result.exit_code == 0, result.output
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)], capture_output=True)
    assert check.returncode == 0, check.stderr
    po = polib.pofile(str(out))
    assert len(po) == 18
    wall = next(e for e in po if "小院高墙" in e.msgid)
    assert "glossary: 小院高墙 = small yard, high fence" in wall.comment
    assert "small yard, high fence" in wall.msgstr
    assert wall.msgctxt.startswith("000_9819b9711a7bf496.txt#p")


def test_export_sentence_level_jsonl_and_status_filter(translated: Path, tmp_path: Path) -> None:
    with Project.open(translated) as project:
        project.set_approved(project.paragraphs()[0].id)
    out = tmp_path / "approved.jsonl"
    result = run(
        "export",
        "-f",
        "jsonl",
        "--status",
        "approved",
        "-o",
        str(out),
        "--project",
        str(translated),
    )
    assert "wrote 1 pair to" in result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["status"] == "approved" and rows[0]["paragraph"] == 1
    # A filter that keeps nothing says so, not "translate first".
    none = run("export", "-f", "tsv", "--status", "new", "-o", str(tmp_path / "x.tsv"),
               "--project", str(translated))  # fmt: skip
    assert "wrote 0 pairs" in none.output
    assert "no paragraph with English has the status new" in none.output

    out = tmp_path / "sentences.tsv"
    result = run(
        "export", "-f", "tsv", "--level", "sentence", "-o", str(out), "--project", str(translated)
    )
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) - 1 > 18  # more sentences than paragraphs
    assert any("\t2\t" in line for line in lines[1:])  # a sentence index 2 exists


def test_export_without_english_writes_nothing_but_says_why(project_path: Path) -> None:
    import_seeds(project_path)
    result = run("export", "-f", "tsv", "--project", str(project_path))
    assert "wrote 0 pairs" in result.output and "--include-empty" in result.output
    result = run("export", "-f", "tsv", "--include-empty", "--project", str(project_path))
    assert "wrote 18 pairs" in result.output


def test_import_translations_round_trip_keeps_translator_text(
    translated: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pairs.po"
    run("export", "-f", "po", "-o", str(out), "--project", str(translated))
    fresh = tmp_path / "fresh.sqlite"
    import_seeds(fresh)
    result = run("import-translations", str(out), "--project", str(fresh))
    assert "18 applied" in result.output, result.output
    with Project.open(fresh) as project, Project.open(translated) as original:
        assert [p.target for p in project.paragraphs()] == [p.target for p in original.paragraphs()]
        project.set_target(project.paragraphs()[0].id, "My own title")
    again = run("import-translations", str(out), "--project", str(fresh))
    assert "17 unchanged" in again.output and "1 kept" in again.output
    with Project.open(fresh) as project:
        assert project.paragraphs()[0].target == "My own title"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        ("nul.txt", b"abc\x00\x00\x00def" * 50, "NUL"),
        ("page.docx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_bad_input_is_reported_and_nothing_is_stored(
    project_path: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result = CliRunner().invoke(
        cli, ["import", str(bad), str(SEEDS[0]), "--project", str(project_path)]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert "imported as document 1" in result.output  # the good file still goes in
    with Project.open(project_path) as project:
        assert len(project.documents()) == 1


def test_gbk_file_imports(project_path: Path, tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEEDS[1].read_text(encoding="utf-8").encode("gb18030"))
    result = run("import", str(gbk), "--project", str(project_path))
    assert result.exit_code == 0, result.output
    with Project.open(project_path) as project:
        [document] = project.documents()
        assert document.encoding.lower().replace("-", "") in {"gb18030", "gbk"}
        assert len(project.paragraphs()) == 10


def test_unreadable_paths(project_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["import", str(tmp_path / "missing.txt"), "--project", str(project_path)]
    )
    assert result.exit_code == 1 and "no such file" in result.output
    assert result.output.count("missing.txt") == 1  # the path is named once
    result = CliRunner().invoke(cli, ["import", str(tmp_path), "--project", str(project_path)])
    assert result.exit_code == 1 and "is a folder" in result.output


def test_project_that_is_not_a_project(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("hello")
    result = CliRunner().invoke(cli, ["status", "--project", str(bogus)])
    assert result.exit_code == 1
    assert "not a workbench project" in result.output
    assert "Traceback" not in result.output


def test_status_on_missing_project_says_how_to_start(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["status", "--project", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1 and "workbench import" in result.output


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    assert command.help and len(command.help.strip()) > 20, path
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_a_new_version_of_a_file_keeps_the_translations_of_unchanged_paragraphs(
    project_path: Path, tmp_path: Path
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert run("import", str(page), "--project", str(project_path)).exit_code == 0
    with Project.open(project_path) as project:
        title = project.paragraphs(1)[0]
        save_translation(project, title.id, "Title in English", expected=None)
    # The site corrected a paragraph: the file is imported again as a new version.
    text = page.read_text(encoding="utf-8").replace("中国有信心有能力", "中国有信心、有能力")
    page.write_text(text, encoding="utf-8")
    result = run("import", str(page), "--project", str(project_path))
    assert result.exit_code == 0, result.output
    assert "an earlier version of this file is in the project (document 1)" in result.output
    assert "1 paragraph filled with the English of identical paragraphs" in result.output
    with Project.open(project_path) as project:
        new_title, changed = project.paragraphs(2)[:2]
        assert new_title.target == "Title in English" and new_title.propagated
        assert changed.target is None  # a changed paragraph is left to the translator
