"""The editor writes the glossary the way the CLI does: under the file's write lock, never
over a write-protected file; a refusal is a notification and the app goes on."""

from __future__ import annotations

import pytest

from tests.functional.test_tui_glossary import filter_to, open_review
from tests.tui_fixtures import TuiProject
from workbench.core.errors import GlossaryError
from workbench.core.glossary import Term, TermStatus
from workbench.formats import glossary_table
from workbench.fsutil import write_lock

SIZE = (120, 40)
CANDIDATE = "生成式人工智能服务管理暂行办法"


def errors(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]  # type: ignore[attr-defined]


async def test_approving_in_the_review_screen_refuses_a_protected_glossary(
    tui_project: TuiProject,
) -> None:
    path = tui_project.glossary_path
    path.chmod(0o444)
    before = path.read_bytes()
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await filter_to(pilot, CANDIDATE)
        await pilot.press("a")
        await pilot.pause()
        assert any("write-protected" in note and str(path) in note for note in errors(app))
        assert app.glossary.get(CANDIDATE).status is TermStatus.CANDIDATE  # type: ignore[union-attr]
        path.chmod(0o644)  # made writable again: the same key works
        await pilot.press("a")
        await pilot.pause()
        assert app.glossary.get(CANDIDATE).status is TermStatus.APPROVED  # type: ignore[union-attr]
    saved = glossary_table.read(path).get(CANDIDATE)
    assert saved is not None and saved.status is TermStatus.APPROVED
    assert before != path.read_bytes()


async def test_an_editor_save_waits_for_the_lock_and_says_when_it_gives_up(
    tui_project: TuiProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_LOCK_TIMEOUT", "0.2")
    path = tui_project.glossary_path
    app = tui_project.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with write_lock(path):  # `workbench glossary import` in another terminal, writing
            with pytest.raises(GlossaryError, match="another program"):
                app.update_glossary(app.glossary.with_term(Term("引领", "lead")))
            # What that writer puts in the file while it holds the lock is kept below.
            on_disk = glossary_table.read(path)
            glossary_table.write(on_disk.with_term(Term("信心", "confidence")), path)
        assert "引领" not in glossary_table.read(path)
        app.update_glossary(app.glossary.with_term(Term("引领", "lead")))
        saved = {term.source for term in glossary_table.read(path)}
        assert {"信心", "引领"} <= saved
        assert "信心" in app.glossary and "引领" in app.glossary
