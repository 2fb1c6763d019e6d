"""Model install: what the checks cost, side by side with argostranslate's plain unpacking.

    .venv/bin/python benchmarks/model_install.py [--model PATH.argosmodel] [--runs 3]

(a) argostranslate's `install_from_path` (extractall into the package folder, no checks);
(b) `workbench.mt.packages.install`, by phase: the zip directory check, unpacking with CRC
    checks and fsync, loading the models (SentencePiece, CTranslate2, one decode), the swap;
(c) (b) again over the installed model (replacing it);
(d) refusing a 1 GiB zip bomb (from its directory alone).

Without --model it uses the generated model of the official one's shape (`workbench.mt.
synthetic`, cached in .cache/mt-models/). Everything runs with HOME in a temporary folder:
argostranslate creates folders there when imported.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed(call: object) -> float:
    started = time.perf_counter()
    call()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="install-benchmark-") as tmp:
        os.environ["HOME"] = tmp
        for variable in (
            "XDG_DATA_HOME",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "ARGOS_PACKAGES_DIR",
        ):
            os.environ.pop(variable, None)
        from tests.mt_fixtures import write_zip
        from workbench.core.errors import InputError
        from workbench.mt import archive as archives
        from workbench.mt import packages
        from workbench.mt.archive import megabytes
        from workbench.mt.synthetic import OFFICIAL_SHAPE, cached_archive

        archive = args.model or cached_archive(OFFICIAL_SHAPE, ROOT / ".cache" / "mt-models")
        plan = archives.inspect(archive)
        print(
            f"model: {archive.name}, {megabytes(archive.stat().st_size)} packed, "
            f"{megabytes(plan.total_bytes)} unpacked; best of {args.runs} runs"
        )

        import argostranslate.package
        import argostranslate.settings

        plain: list[float] = []
        for run in range(args.runs):
            folder = Path(tmp) / f"argos-{run}"
            folder.mkdir()
            argostranslate.settings.package_data_dir = folder
            plain.append(timed(lambda: argostranslate.package.install_from_path(archive)))

        phases: dict[str, list[float]] = {"check": [], "unpack": [], "load": [], "swap": []}
        original = {
            name: getattr(target, name)
            for target, name in ((archives, "inspect"), (archives, "extract"))
        }
        from workbench.mt import argos

        verify = argos.verify_model
        swap = packages._swap

        def measure(phase: str, function: object) -> object:
            def wrapper(*a: object, **k: object) -> object:
                started = time.perf_counter()
                try:
                    return function(*a, **k)  # type: ignore[operator]
                finally:
                    phases[phase].append(time.perf_counter() - started)

            return wrapper

        archives.inspect = measure("check", original["inspect"])  # type: ignore[assignment]
        archives.extract = measure("unpack", original["extract"])  # type: ignore[assignment]
        argos.verify_model = measure("load", verify)  # type: ignore[assignment]
        packages._swap = measure("swap", swap)  # type: ignore[assignment]

        fresh: list[float] = []
        replacing: list[float] = []
        for run in range(args.runs):
            folder = Path(tmp) / f"workbench-{run}"
            fresh.append(timed(lambda: packages.install(archive, folder)))  # noqa: B023
            replacing.append(timed(lambda: packages.install(archive, folder)))  # noqa: B023

        bomb = write_zip(
            Path(tmp) / "bomb.argosmodel",
            {
                "p/metadata.json": '{"package_version": "1", "from_code": "zh", "to_code": "en"}',
                "p/sentencepiece.model": "x",
            },
            zeros={"p/model/model.bin": 1 << 30},
        )
        refusals = []
        for _ in range(args.runs):
            started = time.perf_counter()
            try:
                original["inspect"](bomb)
            except InputError:  # the refusal is what is timed
                refusals.append(time.perf_counter() - started)

        best = min
        print(f"(a) argostranslate install_from_path: {best(plain):6.2f} s")
        print(
            f"(b) workbench install:                {best(fresh):6.2f} s "
            f"({best(fresh) / best(plain):.1f}x (a))"
        )
        for phase, values in phases.items():
            print(f"      {phase:<8} {best(values):6.3f} s")
        print(f"(c) workbench install over it:        {best(replacing):6.2f} s")
        print(
            f"(d) 1 GiB zip bomb ({megabytes(bomb.stat().st_size)}) refused in "
            f"{best(refusals) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
