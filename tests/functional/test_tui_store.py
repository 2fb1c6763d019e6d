"""The editor and the store: a project that fails under the editor's watcher (damaged,
removed, locked past the bound) is reported once, and the editor keeps running."""

from __future__ import annotations

import pytest

from tests.tui_fixtures import TuiProject, settle
from workbench.core.errors import ProjectError


async def test_the_watcher_reports_a_failing_project_once_and_the_editor_stays(
    tui_project: TuiProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tui_project.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def damaged() -> int:
            raise ProjectError(f"{tui_project.path}: the project file is damaged (malformed)")

        monkeypatch.setattr(tui_project.project, "data_version", damaged)
        for _ in range(3):  # three ticks of the watcher
            app.editor._watch_project()
        await pilot.pause()
        errors = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "damaged" in errors[0]
        assert app.is_running
        monkeypatch.undo()
        app.editor._watch_project()  # the project reads again: the watcher goes on
        assert app.is_running
