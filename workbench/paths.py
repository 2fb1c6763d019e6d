"""Where the workbench keeps files: the person's config, data and cache folders, and the data
shipped inside the package (read-only).

Each folder is the platform's (platformdirs: XDG on Linux, ~/Library on macOS, %APPDATA% /
%LOCALAPPDATA% on Windows) unless an environment variable names another. Nothing here
creates a folder: the writer that first needs one does.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import os
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path

import platformdirs

APP = "workbench"
CONFIG_ENV = "WORKBENCH_CONFIG_DIR"
DATA_ENV = "WORKBENCH_DATA_DIR"
CACHE_ENV = "WORKBENCH_CACHE_DIR"

CONFIG_FILE = "config.toml"
PERSONAL_GLOSSARY = "glossary.tsv"


def config_dir() -> Path:
    """$WORKBENCH_CONFIG_DIR, else the platform's user config folder (config.toml)."""
    return Path(os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    """$WORKBENCH_DATA_DIR, else the platform's user data folder (the personal glossary)."""
    return Path(os.environ.get(DATA_ENV) or platformdirs.user_data_dir(APP))


def cache_dir() -> Path:
    """$WORKBENCH_CACHE_DIR, else the platform's user cache folder (rebuildable indexes and
    generated models)."""
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir(APP))


def config_file() -> Path:
    return config_dir() / CONFIG_FILE


def personal_glossary() -> Path:
    """The person's own glossary: where edits go when no other glossary file is chosen."""
    return data_dir() / PERSONAL_GLOSSARY


def package_data(*parts: str) -> Traversable:
    """A file shipped inside the package (read-only; never written)."""
    resource = importlib.resources.files("workbench") / "data"
    for part in parts:
        resource = resource / part
    return resource


# The curated glossary's one source is the checkout's glossary/ folder; a wheel carries a
# copy in workbench/data/glossary (setup.py copies it at build), an editable install reads
# the checkout's file in place.
CHECKOUT_GLOSSARY = Path(__file__).resolve().parents[1] / "glossary" / "governance.tsv"


def curated_glossary() -> Traversable:
    """The curated glossary shipped with the workbench (read-only, never written)."""
    packaged = package_data("glossary", "governance.tsv")
    if packaged.is_file() or not CHECKOUT_GLOSSARY.is_file():
        return packaged
    return CHECKOUT_GLOSSARY


def is_curated_glossary(path: Path) -> bool:
    """Whether `path` is the curated glossary itself (the checkout's or the package's copy):
    a file no command edits."""
    try:
        resolved = path.resolve()
    except OSError:
        return False
    candidates = [CHECKOUT_GLOSSARY]
    packaged = package_data("glossary", "governance.tsv")
    if isinstance(packaged, Path):
        candidates.append(packaged)
    return any(resolved == candidate.resolve() for candidate in candidates)


@contextlib.contextmanager
def as_path(resource: Traversable) -> Iterator[Path]:
    """A file system path for a packaged file (a temporary copy when the package is zipped)."""
    with importlib.resources.as_file(resource) as path:
        yield Path(path)


PACKAGE_DIR = Path(__file__).resolve().parent


def read_only_reason(path: Path) -> str | None:
    """Why the workbench must never write `path`, or None: the curated glossary (the
    checkout's source or the package's copy) and every file inside the installed package."""
    if is_curated_glossary(path):
        return "the curated glossary (read-only)"
    try:
        resolved = path.resolve()
    except OSError:
        return None
    if resolved.is_relative_to(PACKAGE_DIR):
        return "inside the installed workbench package"
    return None
