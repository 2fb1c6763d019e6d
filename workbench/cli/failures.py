"""One exit path for every failure a command can meet: one line on stderr, exit status 1.

The library raises `WorkbenchError`s with messages written for users. Whatever else escapes
a command (a file the system refuses, memory, a bug) is turned into one line too, so that a
user never sees a traceback; `--debug` (or WORKBENCH_DEBUG=1) shows it instead.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import NoReturn, TypeVar

import click

from workbench.core.errors import WorkbenchError, os_error_message

T = TypeVar("T")

log = logging.getLogger(__name__)

DEBUG_ENV = "WORKBENCH_DEBUG"


def debug_requested(argv: list[str] | None = None) -> bool:
    """--debug anywhere on the command line, or WORKBENCH_DEBUG set to a true value."""
    args = sys.argv[1:] if argv is None else argv
    flag = os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")
    return flag or "--debug" in args


def describe(exc: BaseException) -> str:
    """The one line shown for a failure."""
    if isinstance(exc, WorkbenchError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_error_message(exc)
    if isinstance(exc, MemoryError):
        return "out of memory; the input is too large for this machine (split it, or use --help)"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to process"
    detail = str(exc).splitlines()[0] if str(exc) else ""
    name = type(exc).__name__
    return (
        f"internal error ({name}{': ' + detail if detail else ''}); nothing more was written. "
        "Run the command again with --debug for the details and report them"
    )


def run_guarded(call: Callable[[], T], *, debug: bool) -> T:
    """Run a command body; turn any failure but click's own into a clean ClickException."""
    try:
        return call()
    except (click.exceptions.ClickException, click.exceptions.Abort, click.exceptions.Exit):
        raise
    except Exception as exc:
        log.error("%s", describe(exc))
        log.debug("traceback of the failure above", exc_info=exc)
        if debug:
            raise
        raise click.ClickException(describe(exc)) from exc


def fail(exc: BaseException) -> NoReturn:
    """Print the one line and exit 1, for failures outside a command (argument parsing)."""
    click.echo(f"Error: {describe(exc)}", err=True)
    sys.exit(1)
