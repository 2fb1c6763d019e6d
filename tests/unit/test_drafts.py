"""Drafts parked per editor window in the project, and taking over those of ended windows."""

from __future__ import annotations

import json
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from workbench.store.project import Project
from workbench.workflows import drafts
from workbench.workflows.drafts import DRAFTS_SETTING, LEGACY_SETTING, ParkedDraft, Window


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "project.sqlite") as opened:
        yield opened


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    """Another process of this host, alive until the test ends it."""
    process = subprocess.Popen(["sleep", "60"])
    yield process
    process.kill()
    process.wait()


def window_of(process: subprocess.Popen[bytes], name: str) -> Window:
    return Window(name, process.pid, socket.gethostname(), drafts._process_start(process.pid))


def test_each_window_keeps_its_own_drafts(project: Project) -> None:
    first, second = drafts.open_window(), drafts.open_window()
    try:
        drafts.park(project, first, [ParkedDraft(1, "first's", None)])
        drafts.park(project, second, [ParkedDraft(1, "second's", "stored")])
        assert drafts.parked(project, first) == [ParkedDraft(1, "first's", None)]
        assert drafts.parked(project, second) == [ParkedDraft(1, "second's", "stored")]
        drafts.park(project, first, [])
        assert drafts.parked(project, first) == []
        assert drafts.parked(project, second) == [ParkedDraft(1, "second's", "stored")]
        # Both windows are open: neither takes the other's drafts.
        assert drafts.take_over_ended(project, first) == []
    finally:
        drafts.close_window(first)
        drafts.close_window(second)


def test_the_drafts_of_an_ended_process_are_taken_over_once(
    project: Project, sleeper: subprocess.Popen[bytes]
) -> None:
    ended = subprocess.Popen(["true"])
    ended.wait()
    gone = window_of(ended, "gone")
    alive = window_of(sleeper, "alive")
    drafts.park(project, gone, [ParkedDraft(3, "left behind", None)])
    drafts.park(project, alive, [ParkedDraft(4, "still being typed", None)])
    assert not drafts.is_alive(gone)
    assert drafts.is_alive(alive)
    mine = drafts.open_window()
    other = drafts.open_window()
    try:
        assert drafts.take_over_ended(project, mine) == [ParkedDraft(3, "left behind", None)]
        assert drafts.parked(project, mine) == [ParkedDraft(3, "left behind", None)]
        assert drafts.take_over_ended(project, other) == []  # once, to one window
        assert drafts.parked(project, alive) == [ParkedDraft(4, "still being typed", None)]
    finally:
        drafts.close_window(mine)
        drafts.close_window(other)


def test_a_reused_pid_is_another_process(sleeper: subprocess.Popen[bytes]) -> None:
    window = window_of(sleeper, "old")
    assert drafts.is_alive(window)
    if not window.started:
        pytest.skip("no /proc: process start times cannot be read here")
    assert not drafts.is_alive(replace(window, started=str(int(window.started) - 1)))


def test_windows_of_another_host_are_never_taken_over(project: Project) -> None:
    remote = Window("remote", 1, "another-host.example", "")
    drafts.park(project, remote, [ParkedDraft(5, "typed on the other machine", None)])
    mine = drafts.open_window()
    try:
        assert drafts.take_over_ended(project, mine) == []
    finally:
        drafts.close_window(mine)


def test_the_single_draft_of_older_versions_is_taken_over(project: Project) -> None:
    legacy = {"paragraph": 7, "text": "from before windows", "expected": None}
    project.set_setting(LEGACY_SETTING, json.dumps(legacy))
    mine = drafts.open_window()
    try:
        assert drafts.take_over_ended(project, mine) == [
            ParkedDraft(7, "from before windows", None)
        ]
        assert not project.get_setting(LEGACY_SETTING)
    finally:
        drafts.close_window(mine)


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", '{"windows": {"w": {"drafts": 3}}}'])
def test_an_unreadable_setting_is_not_an_error(project: Project, raw: str) -> None:
    project.set_setting(DRAFTS_SETTING, raw)
    mine = drafts.open_window()
    try:
        assert drafts.take_over_ended(project, mine) == []
        drafts.park(project, mine, [ParkedDraft(1, "fresh", None)])
        assert drafts.parked(project, mine) == [ParkedDraft(1, "fresh", None)]
    finally:
        drafts.close_window(mine)
