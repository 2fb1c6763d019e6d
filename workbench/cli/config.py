"""`workbench config`: the person's settings (theme, default glossary, model, engine)."""

from __future__ import annotations

import click

from workbench import config, paths


@click.group("config", invoke_without_command=True)
@click.pass_context
def config_group(ctx: click.Context) -> None:
    """Show the settings and where they are kept; `config set KEY VALUE` changes one."""
    if ctx.invoked_subcommand is None:
        _show()


def _show() -> None:
    values = config.read()
    click.echo(f"# {paths.config_file()}")
    for key, setting in config.SETTINGS.items():
        value = values.get(key)
        shown = value if value is not None else "(not set)"
        click.echo(f"{key} = {shown}\t# {setting.help}")
    for key in sorted(set(values) - set(config.SETTINGS)):
        click.echo(f"{key} = {values[key]}\t# unknown to this version (kept)")


@config_group.command("set")
@click.argument("key", type=click.Choice(list(config.SETTINGS)))
@click.argument("value")
def set_command(key: str, value: str) -> None:
    """Set KEY to VALUE (checked first: a theme that exists, a glossary that is a file...)."""
    stored = config.set_value(key, value)
    click.echo(f"{key} = {stored} (in {paths.config_file()})")


@config_group.command("unset")
@click.argument("key", type=click.Choice(list(config.SETTINGS)))
def unset_command(key: str) -> None:
    """Remove KEY: the default applies again."""
    removed = config.unset(key)
    click.echo(f"{key} {'removed' if removed else 'was not set'} ({paths.config_file()})")


@config_group.command("paths")
def paths_command() -> None:
    """The folders the workbench uses (config, data, cache) and the models folder."""
    from workbench.mt.installed import packages_dir

    click.echo(f"config\t{paths.config_dir()}\t${paths.CONFIG_ENV}")
    click.echo(f"data\t{paths.data_dir()}\t${paths.DATA_ENV}")
    click.echo(f"cache\t{paths.cache_dir()}\t${paths.CACHE_ENV}")
    click.echo(f"models\t{packages_dir()}\t$ARGOS_PACKAGES_DIR")
