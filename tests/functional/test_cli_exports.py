"""Exports never clobber inputs, never collide, and fail in one line (real files, real
processes, real mounts where the test runs as root)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.functional.reference import GLOSSARY, SEEDS, apply_reference
from workbench.cli import cli
from workbench.core.segments import CleanDocument, CleanParagraph, DocumentMetadata, ParagraphKind
from workbench.fsutil import temporary_prefix
from workbench.store.project import Project

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeds, imported from copies (so that a failed guard cannot touch the checkout)
    and translated, as ./workbench.sqlite."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_GLOSSARY", str(GLOSSARY))
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    copies = [Path(shutil.copy(seed, seeds)) for seed in SEEDS]
    path = tmp_path / "workbench.sqlite"
    assert run("import", *map(str, copies), "--project", str(path)).exit_code == 0
    with Project.open(path) as opened:
        apply_reference(opened)
    return path


# -- outputs that are inputs -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "what"),
    [
        ("workbench.sqlite", "the project file"),
        ("./workbench.sqlite", "the project file"),
        ("sub/../workbench.sqlite", "the project file"),
        ("link.sqlite", "the project file"),  # a symbolic link to it
        ("hard.sqlite", "the project file"),  # a hard link to it
        ("workbench.sqlite-wal", "a file of the project database"),
        ("workbench.sqlite-shm", "a file of the project database"),
        ("glossary.tsv", "the glossary in use"),
        ("seed", "the file document"),
    ],
)
def test_export_refuses_to_overwrite_an_input(project: Path, output: str, what: str) -> None:
    (project.parent / "sub").mkdir()
    (project.parent / "link.sqlite").symlink_to(project)
    os.link(project, project.parent / "hard.sqlite")
    glossary = project.parent / "glossary.tsv"
    shutil.copy(GLOSSARY, glossary)
    seed = project.parent / "seeds" / SEEDS[0].name
    if output == "seed":
        output = "seeds/../seeds/" + seed.name
    protected = {p: digest(p) for p in (project, glossary, seed)}
    for fmt in ("tsv", "tmx"):
        result = run("export", "-f", fmt, "-o", output, "-g", str(glossary))
        line = one_line_error(result)
        assert what in line and "nothing was written" in line
    assert {p: digest(p) for p in protected} == protected
    assert run("status").exit_code == 0  # still a project


def test_glossary_and_memory_exports_refuse_inputs_too(project: Path) -> None:
    glossary = project.parent / "terms.tsv"
    shutil.copy(GLOSSARY, glossary)
    before = digest(project), digest(glossary)
    line = one_line_error(run("glossary", "export", "-g", str(glossary), "-o", str(glossary)))
    assert "the glossary in use" in line
    line = one_line_error(run("glossary", "export", "--format", "tsv", "-o", "workbench.sqlite"))
    assert "the project file" in line
    line = one_line_error(run("memory", "export", "-o", "workbench.sqlite"))
    assert "the project file" in line
    assert (digest(project), digest(glossary)) == before


def test_memory_export_refuses_the_file_a_memory_came_from(project: Path, tmp_path: Path) -> None:
    memory = tmp_path / "reference.tmx"
    shutil.copy(REPO / "tests" / "data" / "memory" / "global_ai_governance.tmx", memory)
    assert run("memory", "import", str(memory)).exit_code == 0
    before = digest(memory)
    line = one_line_error(run("memory", "export", "-o", str(memory), "--memory", "reference"))
    assert "memory 'reference' was loaded from" in line
    assert digest(memory) == before


# -- names ------------------------------------------------------------------------------------


class _FrozenClock(datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def,override]
        return datetime(2026, 12, 3, 10, 0, 0, tzinfo=tz)


def test_two_exports_in_the_same_second_get_two_files(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("workbench.workflows.exporting.datetime", _FrozenClock)
    monkeypatch.setattr("workbench.workflows.memory.datetime", _FrozenClock)
    for _ in range(3):
        assert run("export", "-f", "tsv").exit_code == 0
        assert run("memory", "export").exit_code == 0
    names = sorted(p.name for p in Path("exports").iterdir())
    assert names == [
        "workbench-memory-20261203-100000-2.tmx",
        "workbench-memory-20261203-100000-3.tmx",
        "workbench-memory-20261203-100000.tmx",
        "workbench-paragraph-20261203-100000-2.tsv",
        "workbench-paragraph-20261203-100000-3.tsv",
        "workbench-paragraph-20261203-100000.tsv",
    ]
    assert len({digest(Path("exports") / n) for n in names if n.endswith(".tsv")}) == 1
    assert run("glossary", "export").exit_code == 0
    assert run("glossary", "export").exit_code == 0
    assert (Path("exports") / "glossary.tbx").is_file()
    assert (Path("exports") / "glossary-2.tbx").is_file()


# -- paths that cannot be written --------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "-o", ""], "the output path is empty"),
        (["export", "-o", "   "], "the output path is empty"),
        (["export", "-o", "no/such/folder/out.tmx"], "the folder no/such/folder does not exist"),
        (["export", "-o", "exports_dir"], "is a folder"),
        (["export", "-o", "out/"], "names a folder"),
        # As root, replacing /dev/null would break the machine: a pipe stands in for it.
        (["export", "-o", "pipe"], "is not a regular file"),
        (["memory", "export", "-o", ""], "the output path is empty"),
        (["glossary", "export", "-o", ""], "the output path is empty"),
        (["glossary", "export", "-o", "missing/g.tbx"], "the folder missing does not exist"),
    ],
)
def test_unusable_output_paths_fail_in_one_line(
    project: Path, args: list[str], message: str
) -> None:
    Path("exports_dir").mkdir()
    os.mkfifo("pipe")
    line = one_line_error(run(*args))
    assert message in line


def _python_workbench(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env["WORKBENCH_GLOSSARY"] = str(GLOSSARY)
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


root_only = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a tmpfs and chattr need root (as in CI)"
)


@root_only
def test_full_disk_fails_in_one_line_and_leaves_nothing(project: Path, tmp_path: Path) -> None:
    with mounted(tmp_path / "small", "size=64k") as small:
        filler = small / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            handle.write(b"x" * 60 * 1024)
        done = _python_workbench("export", "-o", str(small / "out.tmx"), cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        [line] = [x for x in done.stderr.splitlines() if x.strip()]
        assert "out.tmx" in line and "the disk is full" in line
        assert sorted(p.name for p in small.iterdir()) == ["filler"]


@root_only
def test_read_only_folder_fails_in_one_line(project: Path, tmp_path: Path) -> None:
    with mounted(tmp_path / "ro", "ro,size=64k") as read_only:
        done = _python_workbench("export", "-o", str(read_only / "out.po"), cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        [line] = [x for x in done.stderr.splitlines() if x.strip()]
        assert "out.po" in line and "read-only" in line


@root_only
def test_folder_without_permission_fails_in_one_line(project: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    done = subprocess.run(["chattr", "+i", str(locked)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {done.stderr.decode().strip()}")
    try:
        done = _python_workbench("export", "-o", str(locked / "out.jsonl"), cwd=tmp_path)
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert done.returncode == 1, done.stderr
    [line] = [x for x in done.stderr.splitlines() if x.strip()]
    assert "out.jsonl" in line and "permission" in line.lower()
    assert list(locked.iterdir()) == []


# -- killed while writing -------------------------------------------------------------------------


def _big_project(path: Path, paragraphs: int) -> None:
    sources = [f"人工智能全球治理第{n}段，推动数字鸿沟的弥合。" for n in range(paragraphs)]
    clean = CleanDocument(
        title=None,
        metadata=DocumentMetadata(),
        paragraphs=tuple(
            CleanParagraph(text=s, kind=ParagraphKind.BODY, line_no=n + 1, original=s)
            for n, s in enumerate(sources)
        ),
    )
    with Project.open(path) as project:
        project.add_document(
            clean, name=f"big{paragraphs}.txt", path="big.txt", sha256=f"{paragraphs:064d}",
            encoding="utf-8", fmt="txt", sentences=[[s] for s in sources],
        )  # fmt: skip


@pytest.mark.slow
def test_kill_9_during_export_keeps_the_previous_file(tmp_path: Path) -> None:
    project = tmp_path / "big.sqlite"
    _big_project(project, 2000)
    out = tmp_path / "out.tmx"
    first = _python_workbench("export", "--include-empty", "-p", str(project), "-o", str(out),
                              cwd=tmp_path)  # fmt: skip
    assert first.returncode == 0, first.stderr
    before = digest(out)
    _big_project(project, 60_000)  # the next export takes a while: 62,000 pairs
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env["WORKBENCH_GLOSSARY"] = str(GLOSSARY)
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "export", "--include-empty", "-p", str(project),
         "-o", str(out)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    prefix = temporary_prefix(out).replace(str(os.getpid()), str(process.pid))
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(prefix) and p.stat().st_size > 0 for p in tmp_path.iterdir()):
        assert process.poll() is None, "the export finished before it could be killed"
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert digest(out) == before  # the previous export is intact under the final name
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(prefix)]
    assert leftovers, "the killed export left its temporary file"
    # The next export into that folder removes what the killed one left.
    again = _python_workbench("export", "-p", str(project), "-o", str(tmp_path / "other.tsv"),
                              cwd=tmp_path)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert not any(p.exists() for p in leftovers)
    assert digest(out) == before


# -- what import-translations and memory import say ------------------------------------------------


def test_import_translations_says_how_many_characters_it_removed(
    project: Path, tmp_path: Path
) -> None:
    with Project.open(project) as opened:
        first = opened.paragraphs()[0]
        source = first.source
        opened.set_target(first.id, None)
    path = tmp_path / "pairs.jsonl"
    record = {"key": "x", "source": source, "target": "Esc\u001b[1m title\ufffe"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run("import-translations", str(path))
    assert result.exit_code == 0, result.output
    assert "1 applied" in result.output
    assert "removed 5 characters that no file may carry" in result.output  # ESC [ 1 m, U+FFFE
    with Project.open(project) as opened:
        assert opened.paragraphs()[0].target == "Esc title"


def test_memory_import_warns_about_entity_references(project: Path, tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
        "<header/><body>\n"
        '<tu tuid="a"><tuv xml:lang="zh"><seg>数字<!-- c -->鸿沟</seg></tuv>'
        '<tuv xml:lang="en"><seg>digital&nbsp;divide\x9b</seg></tuv></tu>\n</body></tmx>',
        encoding="utf-8",
    )
    result = run("memory", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "loaded 1 pair" in result.output
    assert "removed 1 character that no file may carry" in result.output
    assert "warning:" in result.output and "&nbsp;" in result.output and "tu a" in result.output
    lookup = run("memory", "lookup", "数字鸿沟")
    assert "digital&nbsp;divide" in lookup.output
