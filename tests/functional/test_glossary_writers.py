"""Glossary writers in real processes: concurrent adds, an add during an import, a writer
killed mid-write, a busy lock, protected glossaries and export targets (as root and as
nobody), and a glossary the environment points at that cannot be used."""

from __future__ import annotations

import csv
import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.functional import as_nobody
from tests.functional.reference import GLOSSARY, SEEDS
from workbench.core.glossary import chinese_key
from workbench.formats import glossary_table

TERMS = 20


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(HOME=str(home), PYTHONIOENCODING="utf-8", NO_COLOR="1", COLUMNS="120")
    env.update(extra)
    return env


def workbench(*args: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=cwd,
        env=environment(cwd, **extra),
        capture_output=True,
        text=True,
        timeout=300,
    )


def add(glossary: Path, source: str = "算力", target: str = "computing power") -> list[str]:
    return ["glossary", "add", source, target, "--glossary", str(glossary)]


def one_line_failure(done: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a command that failed as the house rule says."""
    where = f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert done.returncode == 1, where
    assert "Traceback" not in done.stdout + done.stderr, where
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, where
    return lines[0]


def valid_sources(path: Path) -> set[str]:
    """The file's terms, read by the workbench and checked row by row with the csv module."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0][:2] == ["source", "target"]
    assert all(len(row) == len(rows[0]) for row in rows[1:])
    sources = {term.source for term in glossary_table.read(path)}
    assert sources == {row[0] for row in rows[1:]}
    return sources


def generated_terms(path: Path, count: int, first: int = 0) -> list[str]:
    """A TSV glossary of `count` distinct made-up terms; returns their sources."""
    sources = [_source(first + n) for n in range(count)]
    lines = ["source\ttarget\tstatus"]
    lines += [f"{s}\tgenerated term {first + n}\tcandidate" for n, s in enumerate(sources)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sources


def _source(number: int) -> str:
    """Four characters from 64 that no folding merges: distinct for every number < 64**4."""
    return "".join(_ALPHABET[(number >> shift) % 64] for shift in (18, 12, 6, 0))


_ALPHABET = [c for c in map(chr, range(0x5000, 0x6000)) if chinese_key(c) == c][::8][:64]


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    copy = tmp_path / "terms.tsv"
    shutil.copyfile(GLOSSARY, copy)
    return copy


@pytest.mark.slow
def test_twenty_concurrent_adds_all_land_and_the_file_stays_valid(
    glossary: Path, tmp_path: Path
) -> None:
    before = valid_sources(glossary)
    sources = [_source(n) for n in range(TERMS)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "workbench", *add(glossary, source, f"term {n}")],
            cwd=tmp_path,
            env=environment(tmp_path, WORKBENCH_LOCK_TIMEOUT="300"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, source in enumerate(sources)
    ]
    outputs = [process.communicate(timeout=600) for process in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert out.startswith("added "), out
    assert valid_sources(glossary) == before | set(sources)


def test_an_add_while_an_import_runs_survives_the_import(glossary: Path, tmp_path: Path) -> None:
    incoming = tmp_path / "incoming.tsv"
    os.mkfifo(incoming)  # the import waits for its input as long as the test wants
    importer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "workbench",
            "glossary",
            "import",
            str(incoming),
            "-g",
            str(glossary),
        ],
        cwd=tmp_path,
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        writer = _open_when_read(incoming, importer)  # the import is now reading its input
        added = workbench(*add(glossary), cwd=tmp_path)
        assert added.returncode == 0, added.stderr
        staging = tmp_path / "staging.tsv"
        imported = generated_terms(staging, 300)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(staging.read_bytes())
        out, err = importer.communicate(timeout=300)
    finally:
        if importer.poll() is None:
            importer.kill()
            importer.wait()
    assert importer.returncode == 0, err
    assert "300 added" in out
    sources = valid_sources(glossary)
    assert "算力" in sources
    assert set(imported) <= sources


def _open_when_read(fifo: Path, reader: subprocess.Popen[str]) -> int:
    """Open the FIFO for writing once `reader` has opened it (no reader: ENXIO)."""
    for _ in range(6000):  # a hang guard, not a timing assertion: up to 10 minutes
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
        else:
            os.set_blocking(fd, True)
            return fd
        if reader.poll() is not None:
            raise AssertionError(f"the import ended first: {reader.communicate()}")
        time.sleep(0.1)
    raise AssertionError("the import never opened its input")


def test_a_writer_waits_for_the_lock_and_gives_up_in_one_line(
    glossary: Path, tmp_path: Path
) -> None:
    from workbench.fsutil import write_lock

    before = glossary.read_bytes()
    with write_lock(glossary):  # another writer in the middle of its write
        done = workbench(*add(glossary), cwd=tmp_path, WORKBENCH_LOCK_TIMEOUT="0.5")
    line = one_line_failure(done)
    assert str(glossary) in line and "another program" in line
    assert glossary.read_bytes() == before
    retried = workbench(*add(glossary), cwd=tmp_path)
    assert retried.returncode == 0, retried.stderr
    assert "算力" in valid_sources(glossary)


def test_kill_9_during_an_import_leaves_the_old_file_whole_and_the_next_write_tidies(
    glossary: Path, tmp_path: Path
) -> None:
    before = glossary.read_bytes()
    incoming = tmp_path / "incoming.tsv"
    generated_terms(incoming, 2000)
    # SIGKILL arrives when the new content is written to the temporary file and is being
    # flushed to disk, before the rename: the worst moment.
    killer = (
        "import os, signal, sys\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
        "sys.argv[0] = 'workbench'\n"
        "from workbench.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", killer, "glossary", "import", str(incoming), "-g", str(glossary)],
        cwd=tmp_path,
        env=environment(tmp_path),
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert glossary.read_bytes() == before
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].stat().st_size > len(before)  # the new content, unused
    added = workbench(*add(glossary), cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    assert not left[0].exists()  # its writer is gone: removed by the next write
    assert valid_sources(glossary) == {t.source for t in glossary_table.read_tsv(GLOSSARY)} | {
        "算力"
    }


# -- protected files --------------------------------------------------------------------------


def _protected_cases(folder: Path, glossary: Path) -> Iterator[tuple[list[str], Path]]:
    """(command, file it must not replace) for the glossary writers and the exports."""
    export = folder / "out.tbx"
    yield ["glossary", "add", "算力", "computing power", "-g", str(glossary)], glossary
    yield ["glossary", "approve", "数字鸿沟", "-g", str(glossary)], glossary
    yield ["glossary", "import", str(folder / "more.tsv"), "-g", str(glossary)], glossary
    yield ["glossary", "export", "-g", str(glossary), "-o", str(export)], export
    tmx = folder / "out.tmx"
    yield ["export", "-p", str(folder / "p.sqlite"), "-o", str(tmx), "-g", str(glossary)], tmx


def _prepare(folder: Path) -> Path:
    glossary = folder / "terms.tsv"
    shutil.copyfile(GLOSSARY, glossary)
    generated_terms(folder / "more.tsv", 3)
    for name in ("out.tbx", "out.tmx"):
        (folder / name).write_text("keep me\n", encoding="utf-8")
    seed = folder / "seed.txt"
    shutil.copyfile(SEEDS[0], seed)
    imported = workbench("import", str(seed), "-p", str(folder / "p.sqlite"), cwd=folder)
    assert imported.returncode == 0, imported.stderr
    return glossary


def test_protected_glossary_and_export_targets_are_refused_as_root(tmp_path: Path) -> None:
    glossary = _prepare(tmp_path)
    for args, target in _protected_cases(tmp_path, glossary):
        target.chmod(0o444)
        before = target.read_bytes()
        done = workbench(*args, cwd=tmp_path)
        line = one_line_failure(done)
        assert str(target) in line and "write-protected" in line, line
        assert target.read_bytes() == before
        assert stat.S_IMODE(target.stat().st_mode) == 0o444
        target.chmod(0o644)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def nobody_folder() -> Iterator[Path]:
    yield from as_nobody.folder()


def test_protected_glossary_and_export_targets_are_refused_as_nobody(
    nobody_folder: Path,
) -> None:
    folder = nobody_folder
    glossary = _prepare(folder)
    for path in folder.iterdir():
        as_nobody.give(path, 0o644)
    for args, target in _protected_cases(folder, glossary):
        as_nobody.give(target, 0o444)
        before = target.read_bytes()
        done = subprocess.run(
            as_nobody.command(*args),
            cwd=folder,
            env=environment(folder),
            capture_output=True,
            text=True,
            timeout=300,
        )
        line = one_line_failure(done)
        assert str(target) in line and "write-protected" in line, line
        assert target.read_bytes() == before
        as_nobody.give(target, 0o644)
    # The same commands on writable files work as nobody: the refusals were about the mode.
    for args, _ in list(_protected_cases(folder, glossary))[::3]:  # add, export
        done = subprocess.run(
            as_nobody.command(*args), cwd=folder, env=environment(folder), capture_output=True
        )
        assert done.returncode == 0, done.stderr


def test_an_unreadable_glossary_from_the_environment_is_one_line(nobody_folder: Path) -> None:
    glossary = nobody_folder / "terms.tsv"
    shutil.copyfile(GLOSSARY, glossary)
    as_nobody.give(glossary, 0o000)
    for args in (["glossary", "list"], ["glossary", "add", "算力", "computing power"]):
        done = subprocess.run(
            as_nobody.command(*args),
            cwd=nobody_folder,
            env=environment(nobody_folder, WORKBENCH_GLOSSARY=str(glossary)),
            capture_output=True,
            text=True,
            timeout=300,
        )
        line = one_line_failure(done)
        assert str(glossary) in line, line
        if args[1] == "list":
            assert "Permission denied" in line, line
    assert stat.S_IMODE(glossary.stat().st_mode) == 0
