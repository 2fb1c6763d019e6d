"""Keys are handled in the order they arrive.

Textual routes a key to the focused widget as soon as the app reads it, while what the key
sets off (a binding that saves the row and opens the next one, a dialog that takes the
focus) happens a few messages later. A burst of keys (a paste the terminal does not
bracket, a text expander, a fast typist) was therefore routed before the tab or enter in it
had had its effect: `Row eight.<tab>Row nine.` typed "Row nine." into row 8, and letters
typed right after enter in the grid ran grid commands.

`KeyOrder` holds back the keys (and pastes) that follow a key which may change where keys
go, until the app has settled after it: every message pump of the app and its screens has
handled what was queued for it, including what those handlers posted in turn. Printable
characters typed into a text field cannot change where keys go, so they are routed at once
(a burst of text costs nothing extra); so is a key that comes a while after the one before
when no message is waiting anywhere (a single keystroke costs nothing either).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.widgets import Input, TextArea

ROUND_LIMIT = 0.5  # seconds one round may wait for the handlers before it counts as stuck
STUCK_ROUNDS = 2  # stuck rounds after which the next key is routed anyway
MAX_ROUNDS = 20  # a message chain longer than this is not waited for
CALM_AFTER = 0.25  # seconds after which a key's effects are taken as done if nothing waits


class KeyOrder:
    """Holds the keys of a burst until the effects of the key before them are complete."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._pending: deque[events.Event] = deque()
        self._released: set[int] = set()
        self._router: asyncio.Task[None] | None = None
        self._unsettled: float | None = None  # when a key that may move the focus was routed

    async def drained(self) -> None:
        """Wait until every held key has been routed and has settled (for tests)."""
        while self._router is not None:
            await asyncio.shield(self._router)
        if self._unsettled is not None:
            await self._settled()
            self._unsettled = None

    def hold(self, event: events.Event) -> bool:
        """True if the app must not route `event` now (it is posted again in its turn)."""
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            return False
        if id(event) in self._released:
            self._released.discard(id(event))
            return False
        if self._router is None and self._unsettled is not None and not self._calm():
            # The key before may still be under way: settle, then route this one.
            self._router = asyncio.get_running_loop().create_task(self._route())
        if self._router is not None:
            self._pending.append(event)
            return True
        # Nothing under way: route it now. Settling is left for a key that follows it
        # closely, so that a single key costs nothing.
        self._unsettled = None if self._is_typing(event) else time.monotonic()
        return False

    def _calm(self) -> bool:
        """The key before was routed a while ago and no message is waiting anywhere."""
        if self._unsettled is None:
            return True
        if time.monotonic() - self._unsettled < CALM_AFTER:
            return False
        return not any(pump.message_queue_size for pump in self._pumps())

    def _is_typing(self, event: events.Event) -> bool:
        """A printable character for a focused, editable text field: it only adds text."""
        if not isinstance(event, events.Key) or not event.is_printable or "+" in event.key:
            return False
        focused = self._app.focused
        if isinstance(focused, TextArea):
            return not focused.read_only
        return isinstance(focused, Input)

    async def _route(self) -> None:
        try:
            await self._settled()
            while self._pending:
                event = self._pending.popleft()
                typing = self._is_typing(event)
                if not self._app.is_running or not self._app.screen_stack:
                    self._pending.clear()  # the app is closing: nothing to type into
                    return
                self._released.add(id(event))
                if not self._app.post_message(event):  # the app is closing
                    self._released.discard(id(event))
                    self._pending.clear()
                    return
                if not typing:
                    await self._settled()
            self._unsettled = None
        finally:
            self._router = None

    async def _settled(self) -> None:
        """Wait until the app and every widget on its screens have handled their messages,
        and the messages those posted: rounds until a round leaves every queue empty."""
        stuck = 0
        for _ in range(MAX_ROUNDS):
            pumps = list(self._pumps())
            if not await self._round(pumps):
                stuck += 1
                if stuck >= STUCK_ROUNDS:
                    return
                continue
            if not any(pump.message_queue_size for pump in pumps):
                return

    async def _round(self, pumps: list[MessagePump]) -> bool:
        """Wait until each pump has handled what it holds now; False if that took too long."""
        waiting = 0
        done = asyncio.Event()

        def handled() -> None:
            nonlocal waiting
            waiting -= 1
            if not waiting:
                done.set()

        for pump in pumps:
            if pump.call_later(handled):
                waiting += 1
        if not waiting:
            return True
        try:
            await asyncio.wait_for(done.wait(), ROUND_LIMIT)
        except TimeoutError:
            return False
        return True

    def _pumps(self) -> Iterator[MessagePump]:
        yield self._app
        for screen in self._app.screen_stack:
            yield from screen.walk_children(with_self=True)
