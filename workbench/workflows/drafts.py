"""Drafts the editor keeps in the project, so that nothing typed is lost to a crash, a
killed terminal or a save that could not be made.

Each editor window parks its own drafts under its own entry of one project setting; a
window never reads another's entry as its own and never writes over it (every change is
a read-modify-write of the setting in one transaction). A window that ended without
dealing with its drafts (it crashed, its terminal was closed) leaves its entry behind; the
next window to open the project takes those drafts over, in the same transaction, so that
they are offered back once and to one window only. A window is known to have ended when
its process is gone (same host); windows of another host are never taken over.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.store.project import Project

DRAFTS_SETTING = "tui.drafts"
LEGACY_SETTING = "tui.unsaved_draft"  # one draft for the whole project, before windows
_open_here: set[str] = set()  # windows of this process that are open (tests run several)


@dataclass(frozen=True)
class ParkedDraft:
    """Text typed for a row and not saved."""

    paragraph_id: int
    text: str
    expected: str | None
    """The translator's English stored when the draft began; a save over anything else is a
    conflict (someone changed the row meanwhile)."""


@dataclass(frozen=True)
class Window:
    """One editor window: the process that shows it, and an id of its own."""

    id: str
    pid: int
    host: str
    started: str
    """When the process started, as the system counts it: a reused pid is another process."""


def open_window() -> Window:
    """This process's new window (call `close_window` when it ends)."""
    pid = os.getpid()
    window = Window(uuid.uuid4().hex, pid, socket.gethostname(), _process_start(pid))
    _open_here.add(window.id)
    return window


def close_window(window: Window) -> None:
    _open_here.discard(window.id)


def is_alive(window: Window) -> bool:
    """True while the window may still be open; windows of another host count as open."""
    if window.host != socket.gethostname():
        return True
    if window.pid == os.getpid():
        return window.id in _open_here
    try:
        os.kill(window.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        pass
    return not window.started or window.started == _process_start(window.pid)


def park(project: Project, window: Window, drafts: Sequence[ParkedDraft]) -> None:
    """Keep the window's drafts (all of them, replacing what it parked before; none removes
    its entry). Raises the store's errors (busy, read-only, full) like any write."""
    with project.transaction():
        windows = _load(project)
        if drafts:
            windows[window.id] = _entry(window, drafts)
        elif windows.pop(window.id, None) is None:
            return
        _save(project, windows)


def parked(project: Project, window: Window) -> list[ParkedDraft]:
    """What the window has parked."""
    entry = _load(project).get(window.id)
    return _drafts(entry) if entry else []


def take_over_ended(
    project: Project, window: Window, alive: Callable[[Window], bool] = is_alive
) -> list[ParkedDraft]:
    """Move the drafts of windows that ended to `window` (one transaction) and return them."""
    with project.transaction():
        windows = _load(project)
        taken: list[ParkedDraft] = []
        for other_id, entry in list(windows.items()):
            if other_id == window.id:
                continue
            other = _window(other_id, entry)
            if other is not None and alive(other):
                continue
            taken += _drafts(entry)
            del windows[other_id]
        legacy = project.get_setting(LEGACY_SETTING)
        if legacy:
            taken += _legacy_drafts(legacy)
            project.set_setting(LEGACY_SETTING, "")
        if not taken:
            return []
        mine = _drafts(windows.get(window.id, {}))
        known = {d.paragraph_id for d in mine}
        merged = mine + [d for d in taken if d.paragraph_id not in known]
        windows[window.id] = _entry(window, merged)
        _save(project, windows)
    return taken


def _process_start(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    # The command name (field 2) may hold spaces and parentheses: count after its end.
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


def _load(project: Project) -> dict[str, Any]:
    raw = project.get_setting(DRAFTS_SETTING)
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    windows = value.get("windows") if isinstance(value, dict) else None
    return windows if isinstance(windows, dict) else {}


def _save(project: Project, windows: dict[str, Any]) -> None:
    value = json.dumps({"windows": windows}, ensure_ascii=False) if windows else ""
    project.set_setting(DRAFTS_SETTING, value)


def _entry(window: Window, drafts: Sequence[ParkedDraft]) -> dict[str, Any]:
    return {
        "pid": window.pid,
        "host": window.host,
        "started": window.started,
        "drafts": [_draft_json(d) for d in drafts],
    }


def _window(window_id: str, entry: Any) -> Window | None:
    """The window an entry belongs to; None for an entry that cannot be read (taken over)."""
    try:
        return Window(window_id, int(entry["pid"]), str(entry["host"]), str(entry["started"]))
    except (KeyError, TypeError, ValueError):
        return None


def _draft_json(draft: ParkedDraft) -> dict[str, Any]:
    return {"paragraph": draft.paragraph_id, "text": draft.text, "expected": draft.expected}


def _drafts(entry: Any) -> list[ParkedDraft]:
    found: list[ParkedDraft] = []
    items = entry.get("drafts") if isinstance(entry, dict) else None
    for item in items if isinstance(items, list) else ():
        try:
            expected = item.get("expected")
            found.append(
                ParkedDraft(
                    int(item["paragraph"]),
                    str(item["text"]),
                    None if expected is None else str(expected),
                )
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
    return found


def _legacy_drafts(raw: str) -> list[ParkedDraft]:
    try:
        value = json.loads(raw)
    except ValueError:
        return []
    return _drafts({"drafts": [value]})
