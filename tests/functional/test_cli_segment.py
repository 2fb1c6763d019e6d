"""`workbench segment list/split/join` in real subprocesses: one line per sentence, one
`workbench undo` step each, a sentence-level export that follows the new boundaries, and
one-line errors for bad numbers (issue 13, item 11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.store.project import Project

TEXT = "他说：“我们来了。”然后坐下。大家鼓掌欢迎他们。\n"
ENGLISH = "He said: 'We came,' and sat down. Everyone applauded them."


def wb(project: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKBENCH_GLOSSARY": "", "NO_COLOR": "1"}
    env.pop("WORKBENCH_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "workbench", *args, "--project", str(project)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project.parent,
        check=False,
    )
    assert (done.returncode == 0) == ok, done.stdout + done.stderr
    return done


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, int]:
    source = tmp_path / "speech.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "p.sqlite"
    wb(path, "import", str(source))
    with Project.open(path) as opened:
        paragraph = opened.paragraphs()[0]
        opened.set_target(paragraph.id, ENGLISH)
    return path, paragraph.id


def test_join_split_undo_redo(project: tuple[Path, int]) -> None:
    path, pid = project
    listed = wb(path, "segment", "list", str(pid)).stdout.splitlines()
    assert listed == ["1: 他说：“我们来了。”", "2: 然后坐下。", "3: 大家鼓掌欢迎他们。"]
    joined = wb(path, "segment", "join", str(pid), "1").stdout.splitlines()
    assert joined == ["1: 他说：“我们来了。”然后坐下。", "2: 大家鼓掌欢迎他们。"]
    split = wb(path, "segment", "split", str(pid), "2", "--at", "欢迎").stdout.splitlines()
    assert split[1:] == ["2: 大家鼓掌", "3: 欢迎他们。"]
    assert wb(path, "segment", "split", str(pid), "3", "1").stdout.splitlines()[2:] == [
        "3: 欢",
        "4: 迎他们。",
    ]
    wb(path, "undo")
    wb(path, "undo")
    assert wb(path, "segment", "list", str(pid)).stdout.splitlines() == joined
    wb(path, "redo")
    assert wb(path, "segment", "list", str(pid)).stdout.splitlines() == split
    listed_json = json.loads(wb(path, "segment", "list", str(pid), "--format", "json").stdout)
    assert listed_json["paragraph"] == pid
    assert [(s["number"], s["chinese"]) for s in listed_json["sentences"]] == [
        (i, line.split(": ", 1)[1]) for i, line in enumerate(split, start=1)
    ]


def test_a_sentence_export_follows_a_join(project: tuple[Path, int]) -> None:
    path, pid = project
    out = path.parent / "pairs.jsonl"
    args = ("export", "--level", "sentence", "-f", "jsonl", "-o", str(out))
    wb(path, *args)
    before = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [unit.get("sentence") for unit in before] == [None]  # 3 Chinese, 2 English
    wb(path, "segment", "join", str(pid), "1")
    out.unlink()
    wb(path, *args)
    after = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(u["sentence"], u["source"], u["target"]) for u in after] == [
        (1, "他说：“我们来了。”然后坐下。", "He said: 'We came,' and sat down."),
        (2, "大家鼓掌欢迎他们。", "Everyone applauded them."),
    ]


BAD = [
    (["join", "{pid}", "3"], "sentence 3 is the last one"),
    (["join", "{pid}", "0"], "no sentence 0"),
    (["split", "{pid}", "7", "1"], "no sentence 7"),
    (["split", "{pid}", "1", "0"], "cannot split sentence 1 at 0"),
    (["split", "{pid}", "2", "--at", "不在"], "is not in the sentence"),
    (["split", "{pid}", "2"], "give either OFFSET or --at TEXT"),
    (["join", "999", "1"], "no paragraph 999"),
]


def test_bad_numbers_get_one_line_and_change_nothing(project: tuple[Path, int]) -> None:
    path, pid = project
    listed = wb(path, "segment", "list", str(pid)).stdout
    for args, problem in BAD:
        done = wb(path, "segment", *(a.format(pid=pid) for a in args), ok=False)
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and problem in lines[0], (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert wb(path, "segment", "list", str(pid)).stdout == listed
