"""The `workbench` command line: thin click commands over the library.

Each command group lives in its own module and is registered in `COMMANDS` by name. A
command's module is imported only when that command runs (or help lists it), so that
`workbench status` does not pay for the MT stack, numpy and the editor at start-up.
"""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Any

import click

from workbench import __version__
from workbench.cli import logs
from workbench.cli.failures import debug_requested, fail, run_guarded
from workbench.cli.output import COLOR_CHOICES, OutputSettings, color_setting

log = logging.getLogger(__name__)

# Command name → (module path, attribute holding the click.Command).
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("workbench.cli.documents", "import_command"),
    "status": ("workbench.cli.documents", "status_command"),
    "paragraphs": ("workbench.cli.documents", "paragraphs_command"),
    "restore": ("workbench.cli.documents", "restore_command"),
    "move": ("workbench.cli.documents", "move_command"),
    "undo": ("workbench.cli.documents", "undo_command"),
    "segment": ("workbench.cli.segment", "segment_group"),
    "redo": ("workbench.cli.documents", "redo_command"),
    "export": ("workbench.cli.exchange", "export_command"),
    "import-translations": ("workbench.cli.exchange", "import_translations_command"),
    "glossary": ("workbench.cli.glossary", "glossary_group"),
    "model": ("workbench.cli.mt", "model"),
    "eval": ("workbench.cli.mt", "eval_command"),
    "translate": ("workbench.cli.translate", "translate_command"),
    "check": ("workbench.cli.check", "check_command"),
    "memory": ("workbench.cli.memory", "memory_group"),
    "lookup": ("workbench.cli.lookup", "lookup_command"),
    "concordance": ("workbench.cli.lookup", "concordance_command"),
    "edit": ("workbench.cli.edit", "edit_command"),
    "backup": ("workbench.cli.backup", "backup_command"),
    "project": ("workbench.cli.project", "project_group"),
    "config": ("workbench.cli.config", "config_group"),
    "replace": ("workbench.cli.replace", "replace_command"),
    "align": ("workbench.cli.align", "align_command"),
    "eval-align": ("workbench.cli.align", "eval_align_command"),
}


class WorkbenchGroup(click.Group):
    """Loads commands on demand; turns every failure into one clean line on stderr and exit
    status 1 (no traceback unless --debug)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        if command.name != cmd_name:
            raise AssertionError(f"{module_name}.{attribute} is named {command.name!r}")
        self.commands[cmd_name] = command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug")) or debug_requested([])
        try:
            return run_guarded(lambda: super(WorkbenchGroup, self).invoke(ctx), debug=debug)
        finally:
            logs.shutdown()


@click.group(
    cls=WorkbenchGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="workbench")
@click.option(
    "--debug",
    is_flag=True,
    envvar="WORKBENCH_DEBUG",
    help="Show the full traceback when a command fails (also WORKBENCH_DEBUG=1).",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="Print only results and errors: no notes or progress."
)
@click.option(
    "--verbose",
    "-v",
    "verbosity",
    count=True,
    help="Log lines (the main steps) on stderr; twice (-v -v) for debug lines too.",
)
@click.option(
    "--color",
    "color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour output: auto means on a terminal only, unless NO_COLOR is set.",
)
@click.option(
    "--log-file",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar=logs.LOG_FILE_ENV,
    help=f"Append log lines (main steps, errors with tracebacks) to this file "
    f"(also ${logs.LOG_FILE_ENV}).",
)
@click.option(
    "--project",
    "-p",
    "project",
    metavar="PROJECT",
    help="The project of the command that follows, as if given to it (its own --project "
    "wins): a SQLite file or postgresql://user@host:port/dbname.",
)
@click.option(
    "--user",
    "user",
    metavar="NAME",
    help="Your name in the project's history (who made each change; undo takes back only "
    "yours) [default: $WORKBENCH_USER, else your login name].",
)
@click.pass_context
def cli(
    ctx: click.Context,
    debug: bool,
    quiet: bool,
    verbosity: int,
    color: str,
    log_file: Path | None,
    project: str | None,
    user: str | None,
) -> None:
    """Offline Chinese→English translation and glossary workbench.

    Without a command, opens the editor on the project (`workbench edit`).

    Results go to stdout; notes, warnings and progress to stderr. Exit status: 0 success,
    1 an error or bad input (one line on stderr), 2 a usage error (unknown option, missing
    argument); `check` and `glossary check` also exit 1 while errors remain. Options
    above go before the command (`workbench -q -p team.sqlite status`). Shell completion:
    see the README.
    """
    ctx.obj = OutputSettings(quiet=quiet, verbosity=verbosity)
    if project is not None:
        # The default of every command's --project (read when the command's own options
        # are parsed, after this), so a command that takes none is not refused for it.
        os.environ["WORKBENCH_PROJECT"] = project
    if user and user.strip():
        # Read by every Project this process opens (the editor's writer thread too).
        os.environ["WORKBENCH_USER"] = user.strip()
    ctx.color = color_setting(color)
    # The editor owns the terminal: log lines there would break its screen (--log-file works).
    editor = ctx.invoked_subcommand in (None, "edit")
    logs.configure(verbosity=0 if quiet or editor else verbosity, log_file=log_file)
    log.info("workbench %s: %s", __version__, ctx.invoked_subcommand or "edit")
    if ctx.invoked_subcommand is None:
        edit = cli.get_command(ctx, "edit")
        assert edit is not None, "the edit command is registered below"
        ctx.invoke(edit)


def main() -> None:
    try:
        cli(prog_name="workbench")
    except Exception as exc:  # escaped before a command ran (e.g. while reading arguments)
        if debug_requested():
            raise
        fail(exc)
