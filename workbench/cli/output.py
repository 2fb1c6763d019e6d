"""What every command prints, and where: the conventions of the command line in one place.

- A command's *results* (the listing, the report, the summary line it exists to print) go to
  stdout, so that `workbench status --format json > status.json` or a pipe gets only them.
- *Notes*, warnings and progress go to stderr; `--quiet` silences them (results and errors
  still show). `--verbose` adds the log lines on stderr (see `logs.py`).
- Colour follows `--color auto|always|never` and NO_COLOR (any non-empty value): click applies
  the root context's `color` to every `echo`/`secho`, so styles are simply dropped when off.
- `--format json` prints one JSON document per command: stable key order (as built),
  non-ASCII as is.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import click

F = TypeVar("F", bound=Callable[..., Any])

COLOR_CHOICES = ("auto", "always", "never")


@dataclass(frozen=True)
class OutputSettings:
    """The global options, kept on the root click context as `obj`."""

    quiet: bool = False  # only results and errors
    verbosity: int = 0  # -v: log lines (info) on stderr; -v -v: debug too


def color_setting(choice: str, environ: dict[str, str] | None = None) -> bool | None:
    """click's `color` for the root context: True/False, or None to let click decide (colour
    only on a terminal). An explicit --color always/never wins over NO_COLOR."""
    env = os.environ if environ is None else environ
    if choice == "always":
        return True
    if choice == "never" or env.get("NO_COLOR", ""):
        return False
    return None


def settings() -> OutputSettings:
    """The settings of the running command (defaults outside one, e.g. in a direct call)."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return obj if isinstance(obj, OutputSettings) else OutputSettings()


def _echo(text: str, style: dict[str, Any], *, err: bool) -> None:
    # click.style adds a reset code even without a style: plain lines stay plain.
    click.echo(click.style(text, **style) if style else text, err=err)


def result(text: str = "", **style: Any) -> None:
    """A line of the command's result, on stdout (styled only where colour is on)."""
    _echo(text, style, err=False)


def note(text: str = "", **style: Any) -> None:
    """A note, warning or progress line on stderr; silent with --quiet."""
    if not settings().quiet:
        _echo(text, style, err=True)


def emit_json(payload: Any) -> None:
    """One JSON document on stdout."""
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def wants_json(fmt: str) -> bool:
    return fmt == "json"


def format_option(*, json_alias: bool = False, short: bool = False) -> Callable[[F], F]:
    """`--format text|json` (parameter `fmt`). `json_alias` keeps an older `--json` flag as a
    hidden, deprecated alias of `--format json`."""

    def decorate(function: F) -> F:
        target: Callable[..., Any] = function
        if json_alias:

            def with_alias(*args: Any, as_json: bool = False, **kwargs: Any) -> Any:
                if as_json:
                    note("note: --json is deprecated; use --format json")
                    kwargs["fmt"] = "json"
                return function(*args, **kwargs)

            with_alias.__name__ = function.__name__
            with_alias.__doc__ = function.__doc__
            with_alias.__dict__.update(function.__dict__)  # click's collected parameters
            target = click.option(
                "--json", "as_json", is_flag=True, hidden=True, help="Same as --format json."
            )(with_alias)
        names = ("--format", "-f") if short else ("--format",)
        return cast(
            F,
            click.option(
                *names,
                "fmt",
                type=click.Choice(["text", "json"]),
                default="text",
                show_default=True,
                help="Output as readable text or as one JSON document for scripts.",
            )(target),
        )

    return decorate
