"""Installing, listing and removing translation models (argos `.argosmodel` packages).

An install never touches the installed model until the new one is known to work:

1. the archive is checked from its zip directory (`workbench.mt.archive.inspect`: names,
   sizes, compression ratios, metadata) before anything is written;
2. it is unpacked into a hidden folder next to the target (`.NAME.workbench-new-TOKEN`), each
   member's CRC checked, and validated there: metadata sane, files present, the SentencePiece
   model and the CTranslate2 model load and decode;
3. the folders are swapped by two renames (the old one aside as `.NAME.workbench-old-TOKEN`,
   the new one in), then the old one is removed.

A failure at any step removes the new folder and leaves the installed model as it was. A kill
leaves hidden folders that listing ignores; the next install or removal, under the same
lock, removes them (and puts back an old model whose replacement never arrived).

Nothing here imports argostranslate (see `workbench.mt.installed`); only `install_online`
does, to download.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from workbench.core.errors import InputError
from workbench.fsutil import fsync_dir
from workbench.mt import archive as archives
from workbench.mt.archive import DEFAULT_LIMITS, ArchiveLimits, megabytes
from workbench.mt.installed import (
    DEBRIS,
    BrokenPackage,
    InstalledPackage,
    PackageScan,
    check_directory,
    packages_dir,
    read_package,
    scan,
    shown,
)

LOCK_NAME = ".workbench-install.lock"
SPACE_MARGIN = 16 << 20  # bytes left free on the disk after unpacking


def install(
    archive: Path, directory: Path | None = None, *, limits: ArchiveLimits = DEFAULT_LIMITS
) -> InstalledPackage:
    """Install an .argosmodel file; a package of the same name is replaced only once the new
    one has been unpacked and loads."""
    directory = check_directory(packages_dir() if directory is None else directory)
    plan = archives.inspect(archive, limits)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / plan.top
    with install_lock(directory):
        clean_debris(directory)
        _check_space(directory, plan.total_bytes)
        staging = directory / f".{plan.top}.workbench-new-{secrets.token_hex(4)}"
        staging.mkdir()
        try:
            archives.extract(plan, staging)
            _validate(archive, staging)
            _swap(staging, target)
        except BaseException:
            _remove_tree(staging)
            raise
    return read_package(target)


def install_online(from_code: str, to_code: str, directory: Path | None = None) -> InstalledPackage:
    """Download the pair's package from argostranslate's index and install it."""
    from workbench.mt import argos

    return install(argos.download_from_index(from_code, to_code), directory)


def list_models(directory: Path | None = None) -> list[InstalledPackage]:
    """The usable packages (see `scan` for the broken ones)."""
    return list(scan(directory).installed)


def scan_models(directory: Path | None = None) -> PackageScan:
    return scan(directory)


def remove(name: str, directory: Path | None = None) -> InstalledPackage | BrokenPackage:
    """Remove a package given by folder name or language pair (zh-en, zh_en, zh→en); a broken
    package is removed by its folder name."""
    found = scan(directory)
    candidates: list[InstalledPackage | BrokenPackage] = [*found.installed, *found.broken]
    pair = name.replace("→", "-").replace("_", "-").split("-")
    matches = [p for p in candidates if p.name == name]
    if not matches and len(pair) == 2:
        matches = [p for p in candidates if (p.from_code, p.to_code) == (pair[0], pair[1])]
    if not matches:
        names = ", ".join(shown(p.name) for p in candidates) or "none"
        raise InputError(f"No installed model {name!r} in {found.directory} (installed: {names}).")
    if len(matches) > 1:
        names = ", ".join(shown(p.name) for p in matches)
        raise InputError(f"{name!r} matches several models ({names}); give the folder name.")
    package = matches[0]
    with install_lock(found.directory):
        clean_debris(found.directory)
        gone = package.path.with_name(f".{package.name}.workbench-gone-{secrets.token_hex(4)}")
        os.rename(package.path, gone)  # gone from the listing at once, even if killed below
        fsync_dir(found.directory)
        _remove_tree(gone)
    return package


def package_size(package: InstalledPackage | BrokenPackage) -> int:
    return sum(path.stat().st_size for path in package.path.rglob("*") if path.is_file())


@contextlib.contextmanager
def install_lock(directory: Path) -> Iterator[None]:
    """One install or removal at a time in a package directory (across processes)."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no cross-process lock
        yield
        return
    with (directory / LOCK_NAME).open("a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InputError(
                f"Another model install or removal is running in {directory}; try again when "
                "it is done."
            ) from exc
        yield  # the lock goes with the file, also when the process is killed


def clean_debris(directory: Path) -> list[Path]:
    """Remove what interrupted installs left (call under `install_lock`); an old model set
    aside by an install killed before the new one arrived is put back."""
    cleaned = []
    for child in sorted(directory.iterdir()):
        match = DEBRIS.fullmatch(child.name)
        if match is None:
            continue
        home = directory / match["name"]
        if match["kind"] == "old" and not os.path.lexists(home):
            os.rename(child, home)
        else:
            _remove_tree(child)
        cleaned.append(child)
    return cleaned


def _check_space(directory: Path, needed: int) -> None:
    free = shutil.disk_usage(directory).free
    if needed + SPACE_MARGIN > free:
        raise InputError(
            f"The model needs {megabytes(needed)} in {directory}, which has "
            f"{megabytes(free)} free; free some space and try again. Nothing was installed."
        )


def _validate(archive: Path, folder: Path) -> None:
    from workbench.mt.argos import verify_model

    try:
        read_package(folder)
        verify_model(folder)
    except InputError as exc:
        # The messages name the hidden staging folder; the user knows the archive.
        reason = str(exc).removeprefix(f"{folder}: ")
        raise InputError(f"{archive}: {reason}; nothing was installed.") from exc


def _swap(staging: Path, target: Path) -> None:
    aside = None
    if os.path.lexists(target):
        aside = target.with_name(f".{target.name}.workbench-old-{secrets.token_hex(4)}")
        os.rename(target, aside)
    try:
        os.rename(staging, target)
    except BaseException:
        if aside is not None:
            os.rename(aside, target)
        raise
    fsync_dir(target.parent)
    if aside is not None:
        _remove_tree(aside)


def _remove_tree(path: Path) -> None:
    # What cannot be removed now is debris the next install removes: never a failure.
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
