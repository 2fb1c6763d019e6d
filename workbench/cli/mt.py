"""`workbench model ...` (install, list, remove translation models) and `workbench eval`."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import click

from workbench.cli.common import glossary_option, load_glossary
from workbench.cli.output import emit_json, format_option, note, result, wants_json
from workbench.core.phrasing import counted
from workbench.mt import argos, packages
from workbench.mt.archive import DEFAULT_LIMITS, ArchiveLimits
from workbench.mt.installed import PackageScan, check_directory, shown

log = logging.getLogger(__name__)


@click.group("model")
def model() -> None:
    """Install, list and remove zh→en translation models (argos packages).

    Models live in argostranslate's package folder: $ARGOS_PACKAGES_DIR if set, else
    ~/.local/share/argos-translate/packages ($XDG_DATA_HOME/argos-translate/packages).
    """


@model.command("install")
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--online",
    nargs=2,
    metavar="FROM TO",
    default=None,
    help="Download the FROM→TO package from argostranslate's index (needs internet).",
)
@click.option(
    "--generated",
    type=click.Choice(["tiny", "base"]),
    default=None,
    help="Build and install the generated test model (offline, seconds; its English is "
    "not a translation): to try the workflow where no real model can be had.",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0.001),
    default=DEFAULT_LIMITS.max_total_bytes / 1e9,
    show_default=True,
    help="Refuse a package that unpacks to more than this many GB.",
)
def install_command(
    path: Path | None, online: tuple[str, str] | None, generated: str | None, max_size: float
) -> None:
    """Install a model from PATH.argosmodel, or with --online zh en from the argos index.

    The package is checked, unpacked beside the installed models and loaded before it
    replaces a model of the same name: a failed install changes nothing.
    """
    if sum(choice is not None for choice in (path, online, generated)) != 1:
        raise click.UsageError("Give one of PATH.argosmodel, --online FROM TO or --generated.")
    if path is not None:
        limits = ArchiveLimits(max_total_bytes=int(max_size * 1e9))
        package = packages.install(path, limits=limits)
    elif online is not None:
        package = packages.install_online(*online)
    else:
        assert generated is not None
        package = _install_generated(generated)
    log.info("installed model %s in %s", package.name, package.path.parent)
    result(f"Installed {package.name} ({package.label}) in {package.path.parent}")
    if package.synthetic:
        note(GENERATED_WARNING)


GENERATED_WARNING = (
    "This is a generated test model: it exercises the whole workflow (batching, caching, "
    "glossary enforcement) but its English is not a translation. A real model takes "
    "precedence as soon as one is installed."
)


def _install_generated(name: str) -> argos.InstalledPackage:
    from workbench.mt.synthetic import GENERATED_CONFIGS, build_argosmodel, default_corpus

    check_directory(argos.packages_dir())  # before seconds of building, not after
    corpus = default_corpus()
    if not corpus:
        raise click.ClickException(
            "The generated model is trained on the sample pages shipped in the package "
            "(workbench/data/corpus), which this installation lacks; reinstall the workbench."
        )
    note(f"Building the generated {name} model ...")
    with tempfile.TemporaryDirectory(prefix="workbench-model-") as folder:
        archive = build_argosmodel(
            GENERATED_CONFIGS[name], corpus, Path(folder) / f"{name}.argosmodel"
        )
        return packages.install(archive)


@model.command("list")
@format_option()
def list_command(fmt: str) -> None:
    """List the installed models, and the broken ones with what is wrong with them."""
    found = packages.scan_models()
    directory = found.directory
    if wants_json(fmt):
        emit_json(_models_json(found))
        return
    if not found.installed and not found.broken:
        result(f"No models installed in {directory}.")
        note(f"Install one with: {argos.INSTALL_HINT}")
        return
    result(f"Models in {directory}:")
    for package in found.installed:
        size = packages.package_size(package) / 1e6
        generated = "  (generated test model)" if package.synthetic else ""
        result(f"  {shown(package.name):<40} {package.label:<16} {size:7.1f} MB{generated}")
    for broken in found.broken:
        result(f"  {shown(broken.name):<40} BROKEN: {broken.reason}")
    if found.broken:
        note(
            f"Install a broken model again ({argos.INSTALL_HINT}) or remove it "
            "(workbench model remove NAME)."
        )
    if found.debris:
        note(
            f"({counted(len(found.debris), 'hidden folder')} left by an interrupted install; "
            "the next install removes them.)"
        )


def _models_json(found: PackageScan) -> dict[str, Any]:
    return {
        "directory": str(found.directory),
        "models": [
            {
                "name": package.name,
                "from": package.from_code,
                "to": package.to_code,
                "version": package.package_version,
                "path": str(package.path),
                "size_bytes": packages.package_size(package),
                "generated": package.synthetic,
            }
            for package in found.installed
        ],
        "broken": [
            {"name": broken.name, "path": str(broken.path), "reason": broken.reason}
            for broken in found.broken
        ],
        "interrupted_installs": len(found.debris),
    }


@model.command("remove")
@click.argument("name")
def remove_command(name: str) -> None:
    """Remove the model NAME (its folder name as listed, or a pair such as zh-en)."""
    package = packages.remove(name)
    result(f"Removed {shown(package.name)} from {package.path.parent}")


@click.command("eval")
@click.option(
    "--pairs",
    "pairs_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="TSV with columns zh and en (header line), e.g. eval/dev-pairs.tsv.",
)
@glossary_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Use the first N pairs.")
@click.option("--ablation", is_flag=True, help="Also run each enforcement technique on its own.")
def eval_command(
    pairs_path: Path, glossary_path: Path | None, limit: int | None, ablation: bool
) -> None:
    """Translate the pairs' Chinese with the installed model and score raw and enforced output.

    Prints chrF, BLEU, term accuracy, forbidden renderings and sentences per second.
    """
    from workbench.mt.argos import ArgosTranslator
    from workbench.mt.evaluation import evaluate, format_report, load_pairs, require_scorer

    require_scorer()
    pairs = load_pairs(pairs_path, limit=limit)
    glossary = load_glossary(glossary_path)
    translator = ArgosTranslator.load()
    report = evaluate(pairs, translator, glossary, ablation=ablation, model_id=translator.model_id)
    result(format_report(report))
