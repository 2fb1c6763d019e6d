"""The hostile-input corpus: every case in tests/data/hostile/ runs through the real CLI.

Each case is a folder named by what it is, holding its input files and a `case.toml`:

    description = "what is hostile about it"
    [[make]]                  # inputs git cannot hold, made before the steps run
    kind = "fifo"             # fifo | symlink | copy-as-bytes-name | repeat
    path = "pipe.txt"
    target = "/dev/zero"      # symlink: where it points
    source = "input.txt"      # copy-as-bytes-name / repeat: the file to copy or repeat
    name_hex = "d6d0cec42e747874"   # copy-as-bytes-name: the new name's bytes, in hex
    times = 1000              # repeat: how many copies of `source` to concatenate
    [[step]]
    args = ["import", "input.txt"]   # "hex:d6d0..." is an argument given as bytes (a name)
    exit = 1                  # expected exit status
    stdout = ["..."]          # substrings that must appear (stderr likewise)
    stderr = ["input.txt"]
    absent = ["..."]          # substrings that must appear in neither stream
    env = { KEY = "value" }   # extra environment for this step
    missing = ["workbench.sqlite"]   # paths that must not exist after the step
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
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import polib
import pytest
from lxml import etree

CORPUS = Path(__file__).resolve().parents[1] / "data" / "hostile"
REPO = Path(__file__).resolve().parents[2]
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
        WORKBENCH_GLOSSARY=str(REPO / "glossary" / "governance.tsv"),
        PYTHONIOENCODING="utf-8",
        NO_COLOR="1",
        COLUMNS="120",
    )
    env.update(extra)
    return env


def _make(spec: dict[str, Any], workdir: Path) -> None:
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
    elif kind == "repeat":
        data = (workdir / spec["source"]).read_bytes()
        with path.open("wb") as handle:
            for _ in range(int(spec["times"])):
                handle.write(data)
    else:
        raise AssertionError(f"unknown make kind {kind!r}")


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
        _make(item, workdir)
    for number, step in enumerate(spec["step"], start=1):
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
        for name, how in step.get("parses", {}).items():
            _check_parses(workdir / name, how)
