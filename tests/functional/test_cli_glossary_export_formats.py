"""`workbench glossary export` as TBX v2/v3 and as an OmegaT glossary, through the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tests.functional.reference import GLOSSARY
from tests.tbx_basic_rules import TBX3, violations
from workbench.formats import glossary_table


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(GLOSSARY, tmp_path / "terms.tsv")
    return tmp_path


def workbench(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(WORKBENCH_GLOSSARY=str(folder / "terms.tsv"), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_tbx_v3_export_validates_and_imports_back(folder: Path) -> None:
    done = workbench(folder, "glossary", "export", "--tbx-version", "3")
    assert done.returncode == 0, done.stderr
    assert "wrote 141 terms to exports/glossary.tbx" in done.stdout
    data = (folder / "exports" / "glossary.tbx").read_bytes()
    assert etree.fromstring(data).tag == f"{{{TBX3}}}tbx"
    assert violations(data, 3) == []
    (folder / "empty.tsv").write_text("source\ttarget\n", encoding="utf-8")
    back = workbench(folder, "glossary", "import", "exports/glossary.tbx", "-g", "empty.tsv")
    assert back.returncode == 0, back.stderr
    assert glossary_table.read(folder / "empty.tsv") == glossary_table.read(GLOSSARY)


def test_tbx_default_is_v2(folder: Path) -> None:
    done = workbench(folder, "glossary", "export", "-o", "g.tbx")
    assert done.returncode == 0, done.stderr
    data = (folder / "g.tbx").read_bytes()
    assert etree.fromstring(data).tag == "martif"
    assert violations(data, 2) == []


def test_omegat_export(folder: Path) -> None:
    done = workbench(folder, "glossary", "export", "--format", "omegat")
    assert done.returncode == 0, done.stderr
    path = folder / "exports" / "glossary.utf8"
    lines = path.read_text(encoding="utf-8").splitlines()
    terms = glossary_table.read(GLOSSARY)
    assert len(lines) == sum(1 + len(t.variants) for t in terms if t.status.value != "rejected")
    assert all(len(line.split("\t")) in {2, 3} for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "omegat", "-o", "g.tsv"], "g.tsv: OmegaT reads a glossary named .utf8"),
        (["--format", "csv", "--tbx-version", "3"], "--tbx-version applies to --format tbx"),
        (["--tbx-version", "4"], "'4' is not one of '2', '3'"),
    ],
)
def test_bad_options_fail_in_one_line(folder: Path, args: list[str], message: str) -> None:
    done = workbench(folder, "glossary", "export", *args)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (folder / "exports").exists() and not (folder / "g.tsv").exists()
