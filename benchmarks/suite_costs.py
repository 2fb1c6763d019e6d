"""The shared costs of the test suite, side by side (see docs/NOTES.md, "Tests").

Run: .venv/bin/python benchmarks/suite_costs.py [--runs 5]

Prints, fastest of `--runs`:

- a CLI process, as the tests launch hundreds of them: `python -c pass` (the interpreter
  alone), `python -m workbench status` as it starts now (numpy imported only when a memory
  index is built) and as it started before (numpy imported with the memory module,
  simulated by importing numpy first), with the ratio;
- the TUI tests' project: importing both seeds into a new project (what `tui_project` did
  per test) against copying the file imported once per session (what it does now);
- a Pilot app's start-up: `app.run_test` on the seed project to the first pause.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.ingest_rules import default_rules
from workbench.store.project import Project
from workbench.tui.app import create_app
from workbench.workflows.importing import import_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = (ROOT / "seeds" / "000_9819b9711a7bf496.txt", ROOT / "seeds" / "004_f56eada79adc5973.txt")
GLOSSARY = ROOT / "glossary" / "governance.tsv"
BEFORE = "import numpy, runpy, sys; sys.argv[1:] = ['status']; runpy.run_module('workbench', run_name='__main__')"  # noqa: E501


def fastest(call: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def process(*args: str, cwd: Path) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True)


def build(path: Path) -> None:
    project = Project.open(path)
    for seed in SEEDS:
        import_file(project, seed, default_rules())
    project.close()


async def first_pause(path: Path) -> None:
    project = Project.open(path)
    app = create_app(project, GLOSSARY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    project.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        os.environ["WORKBENCH_CONFIG_DIR"] = str(work / "config")
        os.environ["WORKBENCH_DATA_DIR"] = str(work / "data")
        bare = fastest(process("-c", "pass", cwd=work), runs)
        now = fastest(process("-m", "workbench", "status", cwd=work), runs)
        before = fastest(process("-c", BEFORE, cwd=work), runs)
        print(f"python -c pass               {bare * 1000:7.0f} ms")
        print(f"workbench status, now        {now * 1000:7.0f} ms")
        print(f"workbench status, before     {before * 1000:7.0f} ms  ({before / now:.2f}x now)")

        seed = work / "seed.sqlite"
        build(seed)
        counter = iter(range(10**6))
        imported = fastest(lambda: build(work / f"import{next(counter)}.sqlite"), runs)
        copied = fastest(lambda: shutil.copyfile(seed, work / f"copy{next(counter)}.sqlite"), runs)
        print(f"seed project, imported       {imported * 1000:7.1f} ms")
        print(f"seed project, copied         {copied * 1000:7.1f} ms  ({imported / copied:.0f}x)")

        os.chdir(work)
        app = fastest(lambda: asyncio.run(first_pause(seed)), runs)
        print(f"Pilot app to the first pause {app * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
