"""Installing, listing and removing translation models (argos `.argosmodel` packages).

The archive is checked before argostranslate's own `install_from_path` unpacks it: a zip
with one top-level folder holding metadata.json, a CTranslate2 model and a SentencePiece
model, as official packages are. The package directory is resolved at call time
(`ARGOS_PACKAGES_DIR` honoured); nothing is downloaded unless `install_online` is called.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from workbench.core.errors import InputError
from workbench.mt import argos
from workbench.mt.argos import InstalledPackage

REQUIRED_FILES = ("metadata.json", "model/model.bin", "sentencepiece.model")


def install(archive: Path, directory: Path | None = None) -> InstalledPackage:
    """Install an .argosmodel file; a package of the same name is replaced."""
    directory = argos.packages_dir() if directory is None else directory
    top = _check_archive(archive)
    target = directory / top
    if target.exists():
        shutil.rmtree(target)  # no stale files from an older version of the package
    argos.install_archive(archive, directory)
    return argos.read_package(target)


def install_online(from_code: str, to_code: str, directory: Path | None = None) -> InstalledPackage:
    """Download the pair's package from argostranslate's index and install it."""
    return install(argos.download_from_index(from_code, to_code), directory)


def list_models(directory: Path | None = None) -> list[InstalledPackage]:
    return argos.installed_packages(directory)


def remove(name: str, directory: Path | None = None) -> InstalledPackage:
    """Remove a package given by folder name or language pair (zh-en, zh_en, zh→en)."""
    directory = argos.packages_dir() if directory is None else directory
    packages = argos.installed_packages(directory)
    pair = name.replace("→", "-").replace("_", "-").split("-")
    matches = [p for p in packages if p.name == name]
    if not matches and len(pair) == 2:
        matches = [p for p in packages if (p.from_code, p.to_code) == (pair[0], pair[1])]
    if not matches:
        installed = ", ".join(p.name for p in packages) or "none"
        raise InputError(f"No installed model {name!r} in {directory} (installed: {installed}).")
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise InputError(f"{name!r} matches several models ({names}); give the folder name.")
    argos.uninstall(matches[0])
    return matches[0]


def package_size(package: InstalledPackage) -> int:
    return sum(path.stat().st_size for path in package.path.rglob("*") if path.is_file())


def _check_archive(archive: Path) -> str:
    """The archive's top-level folder; InputError naming the file if it is not a package."""
    if not archive.is_file():
        raise InputError(f"{archive}: no such file.")
    if not zipfile.is_zipfile(archive):
        raise InputError(f"{archive}: not an argos package (.argosmodel files are zip archives).")
    with zipfile.ZipFile(archive) as zipped:
        names = [PurePosixPath(name) for name in zipped.namelist()]
        if any(name.is_absolute() or ".." in name.parts for name in names):
            raise InputError(f"{archive}: unsafe paths in the archive.")
        tops = {name.parts[0] for name in names if name.parts}
        if len(tops) != 1:
            raise InputError(f"{archive}: expected one top-level folder, found {len(tops)}.")
        top = tops.pop()
        present = {str(name) for name in names}
        missing = [f for f in REQUIRED_FILES if f"{top}/{f}" not in present]
        if missing:
            raise InputError(f"{archive}: not a CTranslate2 argos package (missing {missing}).")
        try:
            metadata = json.loads(zipped.read(f"{top}/metadata.json").decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{archive}: unreadable metadata.json ({exc}).") from exc
    if (
        not isinstance(metadata, dict)
        or not metadata.get("from_code")
        or not metadata.get("to_code")
    ):
        raise InputError(f"{archive}: metadata.json has no from_code/to_code.")
    return top
