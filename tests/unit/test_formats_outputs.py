"""The pieces under the exports: the output guard, default names, stale temporaries, and
reading a project page by page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.core.segments import CleanDocument, CleanParagraph, DocumentMetadata, ParagraphKind
from workbench.fsutil import atomic_writer, remove_stale_temporaries_in, temporary_target
from workbench.store.paging import iter_paragraphs
from workbench.store.project import Project
from workbench.workflows.outputs import (
    OutputError,
    Protected,
    check_output,
    output_path,
    same_file,
    unique_path,
)


def test_same_file_sees_through_dots_and_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    real = tmp_path / "real.sqlite"
    real.write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "soft").symlink_to(real)
    os.link(real, tmp_path / "hard")
    for alias in ("real.sqlite", "./real.sqlite", "sub/../real.sqlite", "soft", "hard"):
        assert same_file(Path(alias), real), alias
    assert not same_file(Path("other.sqlite"), real)
    (tmp_path / "dangling").symlink_to(tmp_path / "future.sqlite")
    assert same_file(Path("dangling"), tmp_path / "future.sqlite")  # neither exists yet


def test_check_output_refuses_protected_and_odd_targets(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    project.write_bytes(b"x")
    protected = [Protected(project, "the project file")]
    with pytest.raises(OutputError, match="this is the project file"):
        check_output(tmp_path / "." / "p.sqlite", protected)
    with pytest.raises(OutputError, match="is a folder"):
        check_output(tmp_path, protected)
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(OutputError, match="not a regular file"):
        check_output(tmp_path / "fifo", protected)
    with pytest.raises(OutputError, match="does not exist"):
        check_output(tmp_path / "new" / "out.tmx", protected)
    check_output(tmp_path / "new" / "out.tmx", protected, create_folder=True)
    check_output(tmp_path / "out.tmx", protected)
    with pytest.raises(OutputError, match="a part of the path is a file"):
        check_output(project / "out.tmx", protected, create_folder=True)


def test_output_path_refuses_empty_values() -> None:
    assert output_path(None) is None
    assert output_path("a.tmx") == Path("a.tmx")
    for empty in ("", "  "):
        with pytest.raises(Exception, match="the output path is empty"):
            output_path(empty)


def test_unique_path_skips_files_and_exports_being_written(tmp_path: Path) -> None:
    base = tmp_path / "p-paragraph-20261203-100000.tmx"
    assert unique_path(base) == base
    base.write_text("first")
    assert unique_path(base).name == "p-paragraph-20261203-100000-2.tmx"
    # An export of the -2 name is running (its temporary file exists, its process lives).
    with atomic_writer(tmp_path / "p-paragraph-20261203-100000-2.tmx") as handle:
        handle.write("half")
        assert unique_path(base).name == "p-paragraph-20261203-100000-3.tmx"


def test_temporary_names_carry_the_pid_and_dead_ones_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    with atomic_writer(target) as handle:
        [live] = [p for p in tmp_path.iterdir() if p.name.startswith(".out.tsv.")]
        assert temporary_target(live.name) == ("out.tsv", os.getpid())
        handle.write("x")
        assert remove_stale_temporaries_in(tmp_path) == []  # ours: still being written
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".out.tsv.{int(dead.stdout)}.abcd_123.tmp"
    stale.write_text("half")
    other = tmp_path / ".notes.txt.swp"
    other.write_text("not ours")
    assert remove_stale_temporaries_in(tmp_path) == [stale]
    assert not stale.exists() and other.exists() and target.read_text() == "x"


def _document(project: Project, count: int, name: str) -> int:
    sources = [f"第{n}段。" for n in range(count)]
    clean = CleanDocument(
        title=None,
        metadata=DocumentMetadata(),
        paragraphs=tuple(
            CleanParagraph(text=s, kind=ParagraphKind.BODY, line_no=n, original=s)
            for n, s in enumerate(sources)
        ),
    )
    document = project.add_document(
        clean, name=name, path=name, sha256=name.ljust(64, "0"), encoding="utf-8", fmt="txt",
        sentences=[[s] for s in sources],
    )  # fmt: skip
    return document.id


def test_pages_give_what_paragraphs_gives(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.sqlite") as project:
        first = _document(project, 23, "a.txt")
        second = _document(project, 5, "b.txt")
        paragraphs = project.paragraphs(first)
        project.set_included(paragraphs[4].id, False)  # a dropped block is left out
        project.move(paragraphs[10].id, -7)  # order is the stored order
        for document in (first, second):
            for page in (1, 4, 7, 100):
                assert list(iter_paragraphs(project, document, page=page)) == project.paragraphs(
                    document
                ), (document, page)
