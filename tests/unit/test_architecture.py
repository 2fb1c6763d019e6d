"""Dependencies point one way: tui/cli → workflows → store, mt, formats → core."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import workbench

PACKAGE = Path(workbench.__file__).parent

# layer → top-level imports it must never make
FORBIDDEN = {
    "core": {
        "textual",
        "sqlite3",
        "argostranslate",
        "ctranslate2",
        "click",
        "workbench.store",
        "workbench.tui",
        "workbench.cli",
        "workbench.mt",
        "workbench.workflows",
        "workbench.formats",
    },
    "formats": {
        "textual",
        "sqlite3",
        "argostranslate",
        "workbench.store",
        "workbench.tui",
        "workbench.cli",
    },
    "store": {"textual", "argostranslate", "click", "workbench.tui", "workbench.cli"},
    "mt": {"textual", "click", "workbench.tui", "workbench.cli"},
    "workflows": {"textual", "click", "workbench.tui", "workbench.cli"},
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _violations(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            for banned in FORBIDDEN[layer]:
                if name == banned or name.startswith(banned + "."):
                    found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer: str) -> None:
    assert _violations(layer) == []


# Each library the workbench adapts is imported in one place, so that a change of library
# (or of its version's behaviour) is one module's business.
ADAPTERS = {
    "argostranslate": {"mt/argos.py", "mt/packages.py"},
    "opencc": {"core/chinese_script.py"},
    "inflect": {"core/english_number.py"},
    "jieba": {"store/word_segmenter.py"},  # it writes files: not in the pure core
}


@pytest.mark.parametrize("library", sorted(ADAPTERS))
def test_an_adapted_library_is_imported_by_its_adapter_only(library: str) -> None:
    users = {
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(n.split(".")[0] == library for n in _imports(path))
    }
    assert users and users <= ADAPTERS[library]


def test_importing_the_whole_core_loads_no_ui_database_or_engine() -> None:
    modules = [
        f"workbench.core.{m.name}"
        for m in pkgutil.walk_packages([str(PACKAGE / "core")])
        if not m.name.startswith("_")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(','.join(m for m in ('textual', 'sqlite3', 'argostranslate', 'ctranslate2',"
        " 'click') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_cli_loads_engines_and_ui_only_when_a_command_needs_them() -> None:
    code = (
        "import sys, workbench.cli\n"
        "engines = ('textual', 'argostranslate', 'ctranslate2')\n"
        "print(','.join(m for m in engines if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
