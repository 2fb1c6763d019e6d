"""A command that does not look anything up in the memory starts without numpy: numpy is
about a third of `workbench status`'s imports, paid by every CLI run (and every test that
runs the CLI in a subprocess). The memory index imports it when it is built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def imported_modules(*args: str, cwd: Path) -> set[str]:
    """The modules `python -X importtime -m workbench ARGS` imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "workbench", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }


def test_status_loads_the_memory_module_but_not_numpy(tmp_path: Path) -> None:
    modules = imported_modules("status", cwd=tmp_path)
    assert "workbench.core.tm" in modules  # the module that uses numpy is loaded...
    assert "numpy" not in modules  # ...without numpy


def test_building_a_memory_index_imports_numpy() -> None:
    code = (
        "import sys\n"
        "from workbench.core.tm import MemoryIndex, MemoryUnit\n"
        "assert 'numpy' not in sys.modules\n"
        "index = MemoryIndex([MemoryUnit('人工智能治理', 'AI governance', 'm')])\n"
        "print('numpy' in sys.modules, len(index.lookup('人工智能治理')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["True", "1"]
