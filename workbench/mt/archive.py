"""Reading an `.argosmodel` archive safely: checked from its zip directory, then unpacked.

`inspect` decides from the zip's central directory alone, before anything is written: one
top-level folder holding metadata.json, model/model.bin and sentencepiece.model; no member
name that could land outside that folder (absolute, `..`, backslashes, drive letters,
control characters), no links, no encryption, no duplicate names; a total size and
compression ratios a model can have. `extract` then unpacks member by member, never more
bytes than the directory declared, and zipfile checks each member's CRC-32 as it is read.

Real argos models are a few hundred MB at most and compress about 1:1 to 3:1 (the official
zh→en one: 74 MB); their vocabulary files, up to 15:1. A zip bomb compresses 200:1 (fast
deflate of zeros) to 1000:1, so the caps below leave room for any real model and none for it.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from workbench.core.errors import InputError
from workbench.fsutil import fsync_dir
from workbench.mt.installed import METADATA_LIMIT, REQUIRED_FILES, parse_metadata

CHUNK = 1 << 20  # bytes copied per read while unpacking
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_DRIVE = re.compile(r"[A-Za-z]:")


@dataclass(frozen=True)
class ArchiveLimits:
    """What an archive may unpack to."""

    max_total_bytes: int = 2 << 30  # 2 GiB: several times the largest argos model
    max_ratio: int = 50  # uncompressed : compressed, for each large member and the whole
    ratio_floor: int = 1 << 20  # members smaller than this may compress better (text files)
    max_members: int = 10_000


DEFAULT_LIMITS = ArchiveLimits()


@dataclass(frozen=True)
class ArchivePlan:
    """An archive that passed `inspect`: what `extract` will write."""

    path: Path
    top: str  # the package folder's name
    members: tuple[zipfile.ZipInfo, ...]
    total_bytes: int  # uncompressed size of every file
    metadata: dict[str, Any]


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size < 1e9 else f"{size / 1e9:,.2f} GB"


def inspect(archive: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> ArchivePlan:
    """Check the archive from its directory (InputError naming the file and the problem)."""
    if not archive.exists():
        raise InputError(f"{archive}: no such file.")
    if not archive.is_file():
        raise InputError(f"{archive}: not a file (give the path of a .argosmodel file).")
    if not zipfile.is_zipfile(archive):
        raise InputError(f"{archive}: not an argos package (.argosmodel files are zip archives).")
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = tuple(zipped.infolist())
            top = _check_members(archive, members, limits)
            _check_sizes(archive, members, limits)
            metadata = _read_metadata(archive, zipped, top)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, ValueError) as exc:
        raise InputError(
            f"{archive}: damaged archive ({exc}); download the package again."
        ) from exc
    files = [info for info in members if not info.is_dir()]
    return ArchivePlan(archive, top, members, sum(i.file_size for i in files), metadata)


def _check_members(
    archive: Path, members: tuple[zipfile.ZipInfo, ...], limits: ArchiveLimits
) -> str:
    if len(members) > limits.max_members:
        raise InputError(
            f"{archive}: {len(members):,} files, more than a model package has "
            f"(at most {limits.max_members:,}); not installed."
        )
    seen: set[str] = set()
    for info in members:
        problem = _name_problem(info.filename) or _entry_problem(info)
        if problem:
            raise InputError(
                f"{archive}: refused, member {info.filename!r} {problem}; this is not a "
                "genuine argos package."
            )
        key = info.filename.rstrip("/")
        if key in seen and not info.is_dir():
            raise InputError(f"{archive}: refused, member {key!r} appears twice.")
        seen.add(key)
    tops = {info.filename.split("/", 1)[0] for info in members}
    if len(tops) != 1:
        raise InputError(f"{archive}: expected one top-level folder, found {len(tops)}.")
    top = tops.pop()
    if top.startswith(".") or len(top.encode("utf-8")) > 200:
        raise InputError(f"{archive}: refused, the package folder is named {top!r}.")
    present = {info.filename for info in members if not info.is_dir()}
    missing = [name for name in REQUIRED_FILES if f"{top}/{name}" not in present]
    if missing:
        raise InputError(f"{archive}: not a CTranslate2 argos package (missing {missing}).")
    return top


def _name_problem(name: str) -> str | None:
    """Why a member name could write outside the package folder (None: it cannot)."""
    if not name or not all(char.isprintable() for char in name):
        return "has control or invisible characters in its name"
    if "\\" in name:
        return "has a backslash in its name"
    if name.startswith("/") or _DRIVE.match(name):
        return "is an absolute path"
    segments = name.rstrip("/").split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        return "has an empty, '.' or '..' part"
    return None


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if info.flag_bits & 0x1:
        return "is encrypted"
    if info.compress_type not in _METHODS:
        return f"uses an unsupported compression method ({info.compress_type})"
    return None


def _check_sizes(
    archive: Path, members: tuple[zipfile.ZipInfo, ...], limits: ArchiveLimits
) -> None:
    files = [info for info in members if not info.is_dir()]
    total = sum(info.file_size for info in files)
    packed = sum(info.compress_size for info in files)
    if total > limits.max_total_bytes:
        raise InputError(
            f"{archive}: would unpack to {megabytes(total)}, more than the "
            f"{megabytes(limits.max_total_bytes)} allowed for a model (real argos models are "
            "a few hundred MB); nothing was written. If the package is genuine, give "
            "--max-size with a larger figure in GB."
        )
    suspects = [(info.filename, info.file_size, info.compress_size) for info in files]
    suspects.append(("the archive as a whole", total, packed))
    for name, size, compressed in suspects:
        if size >= limits.ratio_floor and size > limits.max_ratio * max(compressed, 1):
            ratio = size / max(compressed, 1)
            raise InputError(
                f"{archive}: {name} would inflate from {megabytes(compressed)} to "
                f"{megabytes(size)} ({ratio:,.0f}:1; model files compress at most "
                f"{limits.max_ratio}:1): a zip bomb, not a model; nothing was written."
            )


def _read_metadata(archive: Path, zipped: zipfile.ZipFile, top: str) -> dict[str, Any]:
    info = zipped.getinfo(f"{top}/metadata.json")
    if info.file_size > METADATA_LIMIT:
        raise InputError(f"{archive}: metadata.json is {megabytes(info.file_size)}; not a package.")
    try:
        metadata = parse_metadata(zipped.read(info))
    except InputError as exc:
        raise InputError(f"{archive}: {exc}; not installed.") from exc
    kind = metadata.get("type", "translate")
    if kind != "translate":
        raise InputError(f"{archive}: a {kind!r} package, not a translation model.")
    return metadata


def extract(plan: ArchivePlan, folder: Path) -> None:
    """Unpack the package folder's content into `folder` (which exists and is empty)."""
    root = os.path.realpath(folder)
    with zipfile.ZipFile(plan.path) as zipped:
        for info in plan.members:
            relative = info.filename[len(plan.top) + 1 :].rstrip("/")
            if not relative:
                continue  # the package folder's own entry
            target = folder / PurePosixPath(relative)
            # The names were checked; this is the last line of defence against escaping.
            if os.path.commonpath([root, os.path.realpath(target)]) != root:
                raise InputError(f"{plan.path}: refused, {info.filename!r} escapes the package.")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zipped.open(info) as source, target.open("xb") as output:
                    _copy_member(source, output, info.file_size)
                    output.flush()
                    os.fsync(output.fileno())
            except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
                detail = "fails its CRC check" if "CRC" in str(exc) else f"cannot be read ({exc})"
                raise InputError(
                    f"{plan.path}: damaged archive, {relative} {detail}; download the package "
                    "again (nothing was installed)."
                ) from exc
            except (NotImplementedError, RuntimeError) as exc:  # compression, password
                raise InputError(
                    f"{plan.path}: {relative} cannot be unpacked ({exc}); nothing was installed."
                ) from exc
    _fsync_tree(folder)


def _copy_member(source: IO[bytes], output: IO[bytes], size: int) -> None:
    written = 0
    while block := source.read(CHUNK):
        written += len(block)
        if written > size:  # zipfile stops at the declared size; never trust it blindly
            raise zipfile.BadZipFile("more data than its directory entry declares")
        output.write(block)


def _fsync_tree(folder: Path) -> None:
    # The renames that follow are durable only if the folders' entries are.
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        fsync_dir(path)
