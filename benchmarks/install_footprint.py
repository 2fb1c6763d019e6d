"""Installed size of the workbench as users install it: a fresh venv, the wheel and its
dependencies (from pip's configured index), then the size of every distribution, largest
first, from the files its RECORD lists.

    .venv/bin/python benchmarks/install_footprint.py [--extra eval] [--keep FOLDER]

Needs pip's index (or a wheel cache with every dependency); the tests never run it.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def sizes(site: Path) -> dict[str, int]:
    """Bytes per distribution: the files in its RECORD (so shared folders are not counted twice)."""
    result: dict[str, int] = {}
    for info in site.glob("*.dist-info"):
        record = info / "RECORD"
        if not record.is_file():
            continue
        total = 0
        with record.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                path = site / row[0]
                if row and path.is_file():
                    total += path.stat().st_size
        result[info.name.split("-")[0]] = total
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", default="", help="install workbench[EXTRA]")
    parser.add_argument("--keep", type=Path, help="make the venv here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workbench-footprint-") as scratch:
        dist = Path(scratch) / "dist"
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation"),
                *("--no-deps", "-w", str(dist), str(ROOT)),
            ],
            check=True,
        )
        (wheel,) = dist.glob("workbench-*.whl")
        venv = args.keep or Path(scratch) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        target = f"workbench[{args.extra}] @ {wheel.as_uri()}" if args.extra else str(wheel)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", target], check=True)
        site = next((venv / "lib").glob("python3*/site-packages"))
        per_package = sizes(site)
        total = folder_size(venv)
        print(f"venv total: {total / 1e6:.0f} MB (site-packages {folder_size(site) / 1e6:.0f} MB)")
        for name, size in sorted(per_package.items(), key=lambda item: -item[1]):
            if size >= 1e6:
                print(f"{size / 1e6:8.1f} MB  {name}")


if __name__ == "__main__":
    main()
