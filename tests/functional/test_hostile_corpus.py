"""The hostile-input corpus: every case in tests/data/hostile/ runs through the real CLI.

Each case is a folder named by what it is, holding its input files and a `case.toml`:

    description = "what is hostile about it"
    [[make]]                  # inputs git cannot hold, made before the steps run
    kind = "fifo"             # fifo | symlink | copy-as-bytes-name | repeat | zip | copy
                              # | chmod | sqlite | project | truncate | damage
    path = "pipe.txt"
    target = "/dev/zero"      # symlink: where it points
    source = "input.txt"      # copy-as-bytes-name / repeat: the file to copy or repeat
    name_hex = "d6d0cec42e747874"   # copy-as-bytes-name: the new name's bytes, in hex
    times = 1000              # repeat: how many copies of `source` to concatenate
    files = { "pkg/a" = "text" }      # zip: members and their text
    zeros = { "pkg/b" = 1048576 }     # zip: members of that many zero bytes (a zip bomb)
    corrupt = ["pkg/a"]               # zip: members whose CRC-32 check must fail
    mode = "444"              # chmod: the new mode, octal (copy: `source` to `path`)
    sql = "CREATE TABLE t(x)" # sqlite: the script that makes the SQLite file at `path`
                              # project: `source` imported into a new project at `path`,
    paragraphs = [["源文", "English"]]   # or (project) one document of (Chinese, English or "")
                                         # pairs written directly: text no command lets in
    size = 4096               # truncate: cut the file at `path` to this many bytes
    offset = 8192             # damage: overwrite `size` bytes from `offset` with 0xFF
    [[step]]
    args = ["import", "input.txt"]   # "hex:d6d0..." is an argument given as bytes (a name)
    exit = 1                  # expected exit status
    stdout = ["..."]          # substrings that must appear (stderr likewise)
    stderr = ["input.txt"]
    absent = ["..."]          # substrings that must appear in neither stream
    env = { KEY = "value" }   # extra environment for this step
    missing = ["workbench.sqlite"]   # paths that must not exist after the step
    unchanged = ["other.db"]  # files whose bytes the step must leave exactly as they were
    globs = { "exports/*.tsv" = 2 }  # how many paths match each pattern after the step
    [step.parses]             # files the step wrote, each read back by an independent reader
    "out.tmx" = "xml"         # xml | po | jsonl | tsv

Whatever the case says, no step may print a traceback, and a failing step prints exactly
one line on stderr (the house rule for bad input).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import polib
import pytest
from lxml import etree

from tests.mt_fixtures import write_zip

CORPUS = Path(__file__).resolve().parents[1] / "data" / "hostile"
STEP_TIMEOUT = 120  # seconds: a FIFO or /dev/zero must never hang a command this long

CASES = sorted(p for p in CORPUS.iterdir() if (p / "case.toml").is_file())


def _environment(home: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        ARGOS_PACKAGES_DIR=str(home / "packages"),
        PYTHONIOENCODING="utf-8",
        NO_COLOR="1",
        COLUMNS="120",
    )
    env.update(extra)
    return env


def _make(spec: dict[str, Any], workdir: Path, home: Path) -> None:
    kind = spec["kind"]
    path = workdir / spec.get("path", "")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink":
        path.symlink_to(spec["target"])
    elif kind == "copy-as-bytes-name":
        name = bytes.fromhex(spec["name_hex"])
        target = os.path.join(os.fsencode(workdir), name)
        shutil.copyfile(workdir / spec["source"], target)
    elif kind == "zip":
        write_zip(path, spec.get("files"), zeros=spec.get("zeros"), corrupt=spec.get("corrupt", ()))
    elif kind == "sqlite":
        conn = sqlite3.connect(path)
        conn.executescript(spec["sql"])
        conn.close()
    elif kind == "project" and "paragraphs" in spec:
        _make_project(path, spec["paragraphs"])  # text no command lets in (an old project)
    elif kind == "project":
        command = [sys.executable, "-m", "workbench", "import", spec["source"], "-p", str(path)]
        made = subprocess.run(
            command, cwd=workdir, env=_environment(home, {}), capture_output=True, text=True
        )
        assert made.returncode == 0, made.stderr
    elif kind == "truncate":
        os.truncate(path, int(spec["size"]))
    elif kind == "damage":
        with path.open("r+b") as handle:
            handle.seek(int(spec["offset"]))
            handle.write(b"\xff" * int(spec["size"]))
    elif kind == "repeat":
        data = (workdir / spec["source"]).read_bytes()
        with path.open("wb") as handle:
            for _ in range(int(spec["times"])):
                handle.write(data)
    elif kind == "copy":
        shutil.copyfile(workdir / spec["source"], path)
    elif kind == "chmod":
        path.chmod(int(spec["mode"], 8))
    else:
        raise AssertionError(f"unknown make kind {kind!r}")


def _make_project(path: Path, paragraphs: list[list[str]]) -> None:
    from workbench.core.segments import (
        CleanDocument,
        CleanParagraph,
        DocumentMetadata,
        ParagraphKind,
    )
    from workbench.store.project import Project

    sources = [source for source, _ in paragraphs]
    clean = CleanDocument(
        title=None,
        metadata=DocumentMetadata(),
        paragraphs=tuple(
            CleanParagraph(text=s, kind=ParagraphKind.BODY, line_no=n, original=s)
            for n, s in enumerate(sources, start=1)
        ),
    )
    with Project.open(path) as project:
        document = project.add_document(
            clean, name="page.txt", path=str(path.with_name("page.txt")), sha256="0" * 64,
            encoding="utf-8", fmt="txt", sentences=[[s] for s in sources],
        )  # fmt: skip
        for paragraph, (_, english) in zip(
            project.paragraphs(document.id), paragraphs, strict=True
        ):
            if english:
                project.set_target(paragraph.id, english)


def _argument(text: str) -> str:
    """An argument as written in case.toml; `hex:...` gives its bytes (a non-UTF-8 name)."""
    return os.fsdecode(bytes.fromhex(text[4:])) if text.startswith("hex:") else text


def _check_parses(path: Path, how: str) -> None:
    assert path.is_file(), f"{path.name} was not written"
    if how == "xml":
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        etree.parse(str(path), parser)
    elif how == "po":
        polib.pofile(str(path))
        check = subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
    elif how == "jsonl":
        for line in path.read_bytes().split(b"\n"):
            if line.strip():
                json.loads(line)
    elif how == "tsv":
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))
        assert rows, f"{path.name} is empty"
    else:
        raise AssertionError(f"unknown reader {how!r}")


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_hostile_case(case: Path, tmp_path: Path) -> None:
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    workdir = tmp_path / "work"
    shutil.copytree(case, workdir, symlinks=True, ignore=shutil.ignore_patterns("case.toml"))
    for item in spec.get("make", []):
        _make(item, workdir, tmp_path / "home")
    for number, step in enumerate(spec["step"], start=1):
        before = {name: (workdir / name).read_bytes() for name in step.get("unchanged", [])}
        command = [sys.executable, "-m", "workbench", *map(_argument, step["args"])]
        done = subprocess.run(
            command,
            cwd=workdir,
            env=_environment(tmp_path / "home", step.get("env", {})),
            capture_output=True,
            timeout=STEP_TIMEOUT,
        )
        out = done.stdout.decode("utf-8", "replace")
        err = done.stderr.decode("utf-8", "replace")
        where = f"{case.name} step {number} {step['args']}:\nstdout:\n{out}\nstderr:\n{err}"
        assert "Traceback" not in out + err, where
        assert done.returncode == step.get("exit", 0), where
        if done.returncode != 0:
            lines = [line for line in err.splitlines() if line.strip()]
            assert len(lines) == 1, f"expected one line on stderr; {where}"
        for text in step.get("stdout", []):
            assert text in out, f"{text!r} missing from stdout; {where}"
        for text in step.get("stderr", []):
            assert text in err, f"{text!r} missing from stderr; {where}"
        for text in step.get("absent", []):
            assert text not in out + err, f"{text!r} should not appear; {where}"
        for name in step.get("missing", []):
            assert not (workdir / name).exists(), f"{name} should not exist; {where}"
        for name, data in before.items():
            assert (workdir / name).read_bytes() == data, f"{name} was changed; {where}"
        for name, how in step.get("parses", {}).items():
            _check_parses(workdir / name, how)
        for pattern, count in step.get("globs", {}).items():
            found = sorted(p.name for p in workdir.glob(pattern))
            assert len(found) == count, f"{pattern}: {found}; {where}"
