"""The editor with a broken model installed: it says which package is broken and why,
instead of "no model", and everything else keeps working."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mt_fixtures import package_metadata
from tests.tui_fixtures import TuiProject, settle
from workbench.tui.app import create_app

SIZE = (120, 40)


async def test_the_editor_names_the_broken_package_and_its_fault(
    tui_project: TuiProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "packages"
    package = directory / "translate-zh_en-1_9"
    package.mkdir(parents=True)
    (package / "metadata.json").write_text(package_metadata(package_version="?"), "utf-8")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    app = create_app(tui_project.project, tui_project.glossary_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot)
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "translate-zh_en-1_9" in messages
        assert "package_version" in messages and "'?'" in messages
        assert "workbench model install PATH.argosmodel" in messages
        assert "No zh→en translation model is installed" not in messages
