"""Reading cleaning rules: the packaged defaults and user rule files merged on top of them.

The core parses rules from a string (`workbench.core.cleaning_rules.load_rules`); this module
does the file reading, so that the core stays free of I/O.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from workbench.core.cleaning_rules import CleaningRules, load_rules
from workbench.core.errors import InputError

DEFAULT_RULES_RESOURCE = "data/cleaning_rules.toml"


def default_rules_text() -> str:
    """The TOML text of the default rules shipped with the workbench."""
    return resources.files("workbench").joinpath(DEFAULT_RULES_RESOURCE).read_text(encoding="utf-8")


@cache
def default_rules() -> CleaningRules:
    """The default rules, parsed once."""
    return load_rules(default_rules_text(), origin="default cleaning rules")


def load_rules_file(path: Path | str, *, base: CleaningRules | None = None) -> CleaningRules:
    """A user rules file merged on top of `base` (the defaults unless given)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"cleaning rules file {path} does not exist") from None
    except UnicodeDecodeError as err:
        raise InputError(f"cleaning rules file {path} is not UTF-8 text ({err.reason})") from None
    except OSError as err:
        raise InputError(f"cannot read cleaning rules file {path}: {err.strerror}") from None
    return load_rules(text, base=base if base is not None else default_rules(), origin=str(path))
