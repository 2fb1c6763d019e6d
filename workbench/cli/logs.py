"""Logging set-up: done here, by the command-line entry, and nowhere else.

Library modules only take a logger (`logging.getLogger(__name__)`); the `workbench` logger
gets its handlers here: a file with `--log-file` / $WORKBENCH_LOG_FILE (everything, with
tracebacks), the terminal's stderr only with `--verbose` (info; debug with `-v -v`). Without
either nothing is logged anywhere, not even warnings (Python's last-resort handler would
print them to the terminal).
"""

from __future__ import annotations

import logging
from pathlib import Path

ROOT = "workbench"
LOG_FILE_ENV = "WORKBENCH_LOG_FILE"
FILE_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
TERMINAL_FORMAT = "log %(levelname)s %(name)s: %(message)s"

# Handlers this module installed, removed again on the next set-up (tests invoke the CLI
# many times in one process) and closed when the command ends.
_installed: list[logging.Handler] = []


def configure(*, verbosity: int, log_file: Path | None) -> None:
    """Point the `workbench` logger at the log file and/or stderr, or at nothing."""
    logger = logging.getLogger(ROOT)
    shutdown()
    logger.propagate = False  # an embedding program's root handlers do not get our lines
    # Always one handler, first: should the log file fail to open, the failure's own log
    # line must not reach Python's last-resort handler (the terminal).
    silent = logging.NullHandler()
    logger.addHandler(silent)
    _installed.append(silent)
    handlers: list[logging.Handler] = []
    if log_file is not None:
        file_handler = logging.FileHandler(log_file, encoding="utf-8", delay=False)
        file_handler.setLevel(logging.DEBUG)
        file_handler.setFormatter(logging.Formatter(FILE_FORMAT))
        handlers.append(file_handler)
    if verbosity > 0:
        terminal = logging.StreamHandler()  # stderr
        terminal.setLevel(logging.DEBUG if verbosity > 1 else logging.INFO)
        terminal.setFormatter(logging.Formatter(TERMINAL_FORMAT))
        handlers.append(terminal)
    for handler in handlers:
        logger.addHandler(handler)
        _installed.append(handler)
    logger.setLevel(min((h.level for h in handlers), default=logging.CRITICAL))


def shutdown() -> None:
    """Remove and close the handlers installed by `configure`; the logger is as before (a
    program that runs the CLI in process, such as the tests, keeps its own logging)."""
    logger = logging.getLogger(ROOT)
    while _installed:
        handler = _installed.pop()
        logger.removeHandler(handler)
        handler.close()
    logger.propagate = True
    logger.setLevel(logging.NOTSET)
