"""How long the store waits for another writer, and how much a bulk write does per commit.

Both can be set from the environment (the tests make them small):
- `WORKBENCH_BUSY_TIMEOUT`: seconds to wait for another program's write lock before giving
  up with ProjectBusyError (SQLite retries with growing sleeps until then);
- `WORKBENCH_BULK_SECONDS` / `WORKBENCH_BULK_ROWS`: a bulk write (a large import,
  import-translations, a memory import, a large undo) commits when its transaction has
  lasted that long or written that many rows, so another writer waits at most about that;
- `WORKBENCH_BULK_PAUSE`: how long it then leaves the lock free. SQLite's waiting writers
  poll (every 100 ms at most once they have waited a while) rather than queue, so a writer
  that took the lock back at once would starve them: the pause is longer than that poll.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

BUSY_TIMEOUT_ENV = "WORKBENCH_BUSY_TIMEOUT"
BULK_SECONDS_ENV = "WORKBENCH_BULK_SECONDS"
BULK_ROWS_ENV = "WORKBENCH_BULK_ROWS"
BULK_PAUSE_ENV = "WORKBENCH_BULK_PAUSE"

DEFAULT_BUSY_TIMEOUT = 10.0
DEFAULT_BULK_SECONDS = 1.0
DEFAULT_BULK_ROWS = 50_000
DEFAULT_BULK_PAUSE = 0.15


def _number(name: str, default: float, *, least: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        return default
    return max(least, value)


def busy_timeout() -> float:
    """Seconds to wait for another writer."""
    return _number(BUSY_TIMEOUT_ENV, DEFAULT_BUSY_TIMEOUT, least=0.0)


@dataclass(frozen=True)
class BulkLimits:
    """When a bulk write commits (after `seconds` in one transaction or `rows` rows) and
    how long it then leaves the write lock to others (`pause` seconds)."""

    seconds: float = DEFAULT_BULK_SECONDS
    rows: int = DEFAULT_BULK_ROWS
    pause: float = DEFAULT_BULK_PAUSE

    @classmethod
    def from_environment(cls) -> BulkLimits:
        seconds = _number(BULK_SECONDS_ENV, DEFAULT_BULK_SECONDS, least=0.01)
        rows = int(_number(BULK_ROWS_ENV, DEFAULT_BULK_ROWS, least=1))
        pause = _number(BULK_PAUSE_ENV, DEFAULT_BULK_PAUSE, least=0.0)
        return cls(seconds=seconds, rows=rows, pause=pause)
