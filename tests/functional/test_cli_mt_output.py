"""`workbench translate` with a real model that emits ESC: the project and the exports never
see it, and the command says once, on stderr, how many characters it removed."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from lxml import etree

from tests.mt_fixtures import cached_model
from workbench.core.phrasing import counted
from workbench.core.text_policy import count_unwritable
from workbench.mt import packages
from workbench.mt.argos import ArgosTranslator
from workbench.mt.synthetic import TINY
from workbench.store.project import Project

REPO = Path(__file__).resolve().parents[2]
# The generated model renders 人工智能 as ESC, as a model with random weights might.
ESCAPING = replace(TINY, lexicon=(("人工智能", "\x1b"),))
DOCUMENT = "人工智能是人类发展的新领域。\n\n积极参与人工智能全球治理。\n\n这是一个测试。\n"


def workbench(packages_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env.update(
        ARGOS_PACKAGES_DIR=str(packages_dir),
        WORKBENCH_GLOSSARY=str(REPO / "glossary" / "governance.tsv"),
        PYTHONIOENCODING="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_translate_removes_control_characters_the_model_emits_and_says_so_once(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "packages"
    packages.install(cached_model(ESCAPING), directory)
    (tmp_path / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    assert workbench(directory, tmp_path, "import", "doc.txt").returncode == 0
    with Project.open(tmp_path / "workbench.sqlite", read_only=True) as project:
        sources = sorted({s.source for s in project.all_sentences()})
    engine = ArgosTranslator.load(directory=directory)
    emitted = sum(count_unwritable(r.best.text) for r in engine.translate_batch(sources))
    assert emitted > 0  # the model does emit ESC

    done = workbench(directory, tmp_path, "translate", "--no-enforce")
    assert done.returncode == 0, done.stderr
    note = f"removed {counted(emitted, 'character')} from the machine translation"
    assert done.stderr.count(note) == 1 and "removed" not in done.stdout
    with Project.open(tmp_path / "workbench.sqlite", read_only=True) as project:
        texts = [p.mt or "" for p in project.paragraphs()]
        texts += [s.mt or "" for s in project.all_sentences()]
    assert all(texts) and not any(count_unwritable(text) for text in texts)

    exported = workbench(
        directory, tmp_path, "export", "-o", "out.tmx", "--include-empty", "--status", "machine"
    )
    assert exported.returncode == 0, exported.stderr
    etree.parse(str(tmp_path / "out.tmx"))  # XML 1.0 would refuse ESC
