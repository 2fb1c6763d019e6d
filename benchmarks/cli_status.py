"""`workbench status` with its counts (Chinese characters, English words), at scale.

Run: .venv/bin/python benchmarks/cli_status.py [--pairs 20000] [--documents 20] [--runs 3]

Builds a project of `--pairs` translated paragraphs (the dev pairs, as in export_scale.py)
over `--documents` documents, then prints side by side, fastest of `--runs`:

- in process: the paragraph counts by status alone (`Project.status_counts` per document,
  what `status` computed before) and the full progress (`workflows.progress`, which also
  counts Chinese characters and English words), with their ratio; and the Han count of
  every source paragraph the old way (`is_han` per character) and with `count_han`;
- as a user runs them (a new process each): `workbench --version` (start-up alone),
  `workbench status`, `workbench status --format json`, `workbench -q --log-file F status`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.core.text import count_han, is_han
from workbench.store.project import Project
from workbench.workflows.progress import project_progress

sys.path.insert(0, str(Path(__file__).resolve().parent))  # a sibling script, not a package
from export_scale import build_in_child


def fastest(call: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def cli(*args: str) -> Callable[[], object]:
    def call() -> object:
        return subprocess.run(
            [sys.executable, "-m", "workbench", *args], capture_output=True, check=True
        )

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=20_000)
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workbench-status-") as folder:
        path = Path(folder) / "project.sqlite"
        build_in_child(path, options.pairs, options.documents)
        with Project.open(path) as project:
            documents = project.documents()
            by_status = fastest(
                lambda: [project.status_counts(d.id) for d in documents], options.runs
            )
            progress = fastest(lambda: project_progress(project), options.runs)
            total = project_progress(project).total
            sources = [p.source for p in project.paragraphs()]
            per_char = fastest(
                lambda: [sum(1 for ch in s if is_han(ch)) for s in sources], options.runs
            )
            by_runs = fastest(lambda: [count_han(s) for s in sources], options.runs)
        print(
            f"{options.pairs} paragraphs in {options.documents} documents: "
            f"{total.chinese_characters} Chinese characters, {total.english_words} English words"
        )
        print(f"{'in process':<38} {'seconds':>8}")
        print(f"{'counts by status (before)':<38} {by_status:8.3f}")
        print(f"{'progress with characters and words':<38} {progress:8.3f}")
        print(f"{'ratio':<38} {progress / by_status:8.2f}")
        print(f"{'Han count, is_han per character':<38} {per_char:8.3f}")
        print(f"{'Han count, count_han (regex runs)':<38} {by_runs:8.3f}")
        print(f"{'ratio':<38} {per_char / by_runs:8.1f}")
        print(f"{'new process each':<38} {'seconds':>8}")
        log = Path(folder) / "workbench.log"
        for label, args in (
            ("workbench --version", ("--version",)),
            ("workbench status", ("status", "-p", str(path))),
            ("workbench status --format json", ("status", "-p", str(path), "--format", "json")),
            ("workbench -q --log-file F status", ("-q", "--log-file", str(log), "status", "-p",
                                                  str(path))),
        ):  # fmt: skip
            print(f"{label:<38} {fastest(cli(*args), options.runs):8.3f}")


if __name__ == "__main__":
    main()
