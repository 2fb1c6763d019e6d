"""The person's settings: a small TOML file in the config folder (`workbench config`).

Settings that belong to the person rather than to a project: the editor's theme, the
default glossary file, the translation model and engine. Every value is a string; each key
has a validator that says in one line what is wrong. Keys this version does not know are
kept as they are (a newer version may have written them).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from workbench import paths
from workbench.core.errors import InputError
from workbench.fsutil import atomic_write_text

ENGINES = ("argos",)


def _theme(value: str) -> str:
    from textual.theme import BUILTIN_THEMES

    if value not in BUILTIN_THEMES:
        raise InputError(f"unknown theme {value!r}; one of: {', '.join(sorted(BUILTIN_THEMES))}")
    return value


def _glossary(value: str) -> str:
    if not value.strip():
        raise InputError("the glossary path is empty; give a TSV, CSV or TBX file")
    path = Path(value).expanduser()
    if path.is_dir():
        raise InputError(f"glossary {path} is a folder; give a glossary file (TSV, CSV or TBX)")
    return str(path.resolve())


def _model(value: str) -> str:
    if not value.strip() or "/" in value or "\\" in value:
        raise InputError(
            f"model {value!r} is not a package name; see `workbench model list` for the names"
        )
    return value.strip()


def _engine(value: str) -> str:
    if value not in ENGINES:
        raise InputError(f"unknown engine {value!r}; one of: {', '.join(ENGINES)}")
    return value


@dataclass(frozen=True)
class Setting:
    key: str
    help: str
    check: Callable[[str], str]  # the value to store, or InputError


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("theme", "the editor's colour theme (ctrl+p → theme in the editor)", _theme),
        Setting(
            "glossary", "the glossary file used when none is named (TSV, CSV or TBX)", _glossary
        ),
        Setting("model", "the installed zh→en model to use (`workbench model list`)", _model),
        Setting("engine", "the translation engine", _engine),
    )
}


def read(path: Path | None = None) -> dict[str, str]:
    """The settings in the config file (none if there is no file)."""
    path = path or paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"config file {path} cannot be read ({exc}); fix or delete it") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"config file {path} is not valid TOML ({exc}); fix or delete it") from exc
    return {key: value for key, value in data.items() if isinstance(value, str)}


def get(key: str) -> str | None:
    """One setting, or None when it is not set."""
    return read().get(key)


def set_value(key: str, value: str, path: Path | None = None) -> str:
    """Validate and store one setting; returns the value stored."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise InputError(f"unknown setting {key!r}; one of: {', '.join(SETTINGS)}")
    stored = setting.check(value)
    path = path or paths.config_file()
    values = read(path)
    values[key] = stored
    _write(path, values)
    return stored


def unset(key: str, path: Path | None = None) -> bool:
    """Remove one setting; False if it was not set."""
    path = path or paths.config_file()
    values = read(path)
    if key not in values:
        return False
    del values[key]
    _write(path, values)
    return True


def _write(path: Path, values: Mapping[str, str]) -> None:
    # A JSON string is a valid TOML basic string (same escapes), so no TOML writer is needed.
    lines = ["# workbench settings (`workbench config set KEY VALUE`)"]
    lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, "\n".join(lines) + "\n")
    except OSError as exc:
        from workbench.core.errors import os_error_message

        raise InputError(f"config file {path}: {os_error_message(exc)}") from exc
