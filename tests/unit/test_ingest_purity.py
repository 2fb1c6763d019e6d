"""The ingest core stays pure: no file, network or database access, no UI, no MT engine."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import workbench.core

CORE = Path(workbench.core.__file__).parent
INGEST_MODULES = [
    "blocks",
    "cleaning",
    "cleaning_rules",
    "decoding",
    "enumeration",
    "hanzi",
    "html_blocks",
    "ingest",
    "markdown_blocks",
    "metadata",
    "sentences",
    "structure",
    "text",
]
FORBIDDEN_IMPORTS = {
    "os",
    "io",
    "pathlib",
    "shutil",
    "sqlite3",
    "socket",
    "urllib",
    "http",
    "requests",
}
FORBIDDEN_CALLS = {"open"}


def test_importing_the_ingest_core_loads_no_ui_database_or_mt_engine() -> None:
    code = (
        "import sys, workbench.core.ingest\n"
        "engines = ('textual', 'sqlite3', 'argostranslate', 'ctranslate2')\n"
        "bad = [m for m in engines if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("module", INGEST_MODULES)
def test_ingest_core_modules_do_no_io(module: str) -> None:
    tree = ast.parse((CORE / f"{module}.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{module} calls {node.func.id}()"
            continue
        else:
            continue
        assert not names & FORBIDDEN_IMPORTS, f"{module} imports {names & FORBIDDEN_IMPORTS}"
