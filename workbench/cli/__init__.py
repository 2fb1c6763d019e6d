"""The `workbench` command line: thin click commands over the library.

Each command group lives in its own module and is registered in `COMMAND_MODULES`.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from workbench import __version__
from workbench.cli.failures import debug_requested, fail, run_guarded

# (module path, attribute holding a click.Command) registered on the main group.
COMMAND_MODULES: tuple[tuple[str, str], ...] = (
    ("workbench.cli.documents", "import_command"),
    ("workbench.cli.documents", "status_command"),
    ("workbench.cli.documents", "paragraphs_command"),
    ("workbench.cli.documents", "restore_command"),
    ("workbench.cli.documents", "move_command"),
    ("workbench.cli.documents", "undo_command"),
    ("workbench.cli.documents", "redo_command"),
    ("workbench.cli.exchange", "export_command"),
    ("workbench.cli.exchange", "import_translations_command"),
    ("workbench.cli.glossary", "glossary_group"),
    ("workbench.cli.mt", "model"),
    ("workbench.cli.mt", "eval_command"),
    ("workbench.cli.translate", "translate_command"),
    ("workbench.cli.check", "check_command"),
    ("workbench.cli.memory", "memory_group"),
    ("workbench.cli.lookup", "lookup_command"),
    ("workbench.cli.lookup", "concordance_command"),
    ("workbench.cli.edit", "edit_command"),
    ("workbench.cli.backup", "backup_command"),
)


class WorkbenchGroup(click.Group):
    """Turns every failure into one clean line on stderr and exit status 1 (no traceback
    unless --debug)."""

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug")) or debug_requested([])
        return run_guarded(lambda: super(WorkbenchGroup, self).invoke(ctx), debug=debug)


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
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Offline Chinese→English translation and glossary workbench.

    Without a command, opens the editor on the project (`workbench edit`).
    """
    if ctx.invoked_subcommand is None:
        edit = cli.get_command(ctx, "edit")
        assert edit is not None, "the edit command is registered below"
        ctx.invoke(edit)


for _module_name, _attribute in COMMAND_MODULES:
    cli.add_command(getattr(importlib.import_module(_module_name), _attribute))


def main() -> None:
    try:
        cli(prog_name="workbench")
    except Exception as exc:  # escaped before a command ran (e.g. while reading arguments)
        if debug_requested():
            raise
        fail(exc)
