"""`workbench translate`: machine-translate the project with the installed zh→en model."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from workbench.cli.common import glossary_option, load_glossary, open_project, project_option
from workbench.cli.completion import complete_document
from workbench.cli.output import note, result, settings
from workbench.core.errors import EngineError, ModelBrokenError, ModelNotInstalledError
from workbench.core.phrasing import counted
from workbench.mt.argos import GENERATED_HINT, INSTALL_HINT, ONLINE_HINT, packages_dir
from workbench.mt.base import Translator
from workbench.mt.recording import from_environment
from workbench.store.mt_cache import UnmetTerm
from workbench.store.project import Project, ProjectLocation
from workbench.workflows.mt_engine import GENERATED_NOTICE, is_generated, load_engine
from workbench.workflows.translating import (
    FlaggedRow,
    TranslateProgress,
    TranslateSummary,
    run_plan,
)
from workbench.workflows.translation_plan import (
    CHUNK_SENTENCES,
    TranslationPlan,
    plan_translation,
    prune_mt_cache,
)

MAX_FLAGGED_SHOWN = 20

log = logging.getLogger(__name__)


@click.command("translate")
@project_option
@glossary_option
@click.option(
    "--document",
    "-d",
    shell_complete=complete_document,
    help="Only this document (id or file name).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Translate every row again with the engine, bypassing the cache.",
)
@click.option(
    "--no-enforce",
    is_flag=True,
    help="Keep the model's own output: do not enforce the glossary (rows that miss a term "
    "are still flagged).",
)
@click.option(
    "--prune-cache",
    is_flag=True,
    help="Afterwards, delete cached translations no sentence uses any more (other models, "
    "sentences or glossary wordings since changed); the project file stays small.",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=CHUNK_SENTENCES,
    hidden=True,
    help="Sentences per engine call (each chunk is saved when done).",
)
def translate_command(
    project_path: ProjectLocation,
    glossary_path: Path | None,
    document: str | None,
    force: bool,
    no_enforce: bool,
    prune_cache: bool,
    chunk_size: int,
) -> None:
    """Machine-translate the rows that have no machine translation yet.

    Rows whose machine translation came from another model, or whose glossary terms have
    changed since, are translated again; with --force every row is. Each chunk of rows is
    saved as soon as it is done: an interrupted run loses at most the chunk in flight, and
    running the command again continues where it stopped. Translations are cached in the
    project, so identical sentences and re-runs cost nothing. The glossary's approved
    renderings are enforced; rows where that failed are listed (see also `workbench check`).
    The translator's own English is never changed.
    """
    glossary = load_glossary(glossary_path)
    with open_project(project_path, write=True) as project:
        document_id = project.resolve_document(document).id if document else None
        try:
            engine = from_environment(load_engine())
        except ModelBrokenError:
            raise  # one line: which package is broken, why, and what to do
        except ModelNotInstalledError as exc:
            _no_model()
            raise click.exceptions.Exit(1) from exc
        plan = plan_translation(
            project,
            glossary,
            engine.model_id,
            document_id=document_id,
            force=force,
            enforce=not no_enforce,
            chunk_size=chunk_size,
        )
        log.info("translating %d rows with %s", plan.rows_to_write, engine.model_id)
        note(
            f"{plan.rows_to_write} of {counted(plan.rows_selected, 'row')} to translate "
            f"({counted(plan.sentences_to_translate, 'sentence')} for the engine) "
            f"with {engine.model_id}"
        )
        if is_generated(engine):
            note(f"note: {GENERATED_NOTICE}", fg="yellow")
        try:
            summary = _run(project, engine, plan)
        except KeyboardInterrupt:
            click.echo(
                "\nInterrupted: the rows finished so far are saved; run again to continue.",
                err=True,
            )
            raise click.exceptions.Exit(130) from None
        except EngineError as exc:
            raise click.ClickException(
                f"{exc}\nThe rows finished before the failure are saved; run again to continue."
            ) from exc
        _print_summary(project, summary)
        if summary.characters_removed:
            note(
                f"note: removed {counted(summary.characters_removed, 'character')} from the "
                "machine translation that no file may carry (control characters such as ESC, "
                "noncharacters such as U+FFFF)."
            )
        if prune_cache and not summary.cancelled:
            pruned = prune_mt_cache(project, glossary, engine.model_id, enforce=not no_enforce)
            result(f"Removed {counted(pruned, 'cached translation')} no sentence uses.")


def _run(project: Project, engine: Translator, plan: TranslationPlan) -> TranslateSummary:
    if plan.rows_to_write == 0 or settings().quiet:
        return run_plan(project, engine, plan)
    # Progress on stderr: stdout keeps the summary only (click draws the bar on a terminal
    # and prints just the label elsewhere).
    with click.progressbar(
        file=sys.stderr,
        length=plan.rows_to_write,
        label="Translating",
        show_pos=True,
        show_eta=False,
        item_show_func=_shown,
    ) as bar:

        def progress(event: TranslateProgress) -> None:
            bar.update(len(event.updated), _pace(event))

        return run_plan(project, engine, plan, progress=progress)


def _shown(text: str | None) -> str | None:
    return text


def _pace(event: TranslateProgress) -> str:
    if event.translated == 0:
        return ""
    eta = event.eta_seconds
    left = "" if eta is None else f", {_duration(eta)} left"
    return f"{event.sentences_per_second:.1f} sentences/s{left}"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _no_model() -> None:
    click.secho(
        f"Error: no zh→en translation model is installed (looked in {packages_dir()}).",
        fg="red",
        err=True,
    )
    click.echo("Install one with:", err=True)
    click.echo(f"  {INSTALL_HINT}   (a downloaded translate-zh_en-*.argosmodel)", err=True)
    click.echo(f"  {ONLINE_HINT}   (on a machine with internet access)", err=True)
    click.echo(f"  {GENERATED_HINT}   (a test model, to try the workflow)", err=True)
    click.echo("Every other command works without a model.", err=True)


def _print_summary(project: Project, summary: TranslateSummary) -> None:
    engine_rows = summary.rows_written - summary.rows_from_cache
    parts = [
        f"{counted(summary.rows_written, 'row')} translated",
        f"{engine_rows:,} by the engine ({summary.sentences_translated:,} sentences, "
        f"{summary.sentences_per_second:.1f} sentences/s)",
        f"{summary.rows_from_cache:,} from the cache",
        f"{summary.rows_skipped:,} already up to date",
    ]
    log.info("translated %d rows", summary.rows_written)
    result(", ".join(parts) + f" in {summary.seconds:.1f} s.")
    if summary.rows_outdated:
        note(
            f"{counted(summary.rows_outdated, 'row')} translated again because the model or their "
            "glossary terms changed."
        )
    if summary.cancelled:
        result(f"Stopped: {counted(summary.rows_left, 'row')} left; run again to continue.")
    if not summary.flagged:
        result("Every row's machine translation obeys the glossary.", fg="green")
        return
    result(
        f"{counted(len(summary.flagged), 'row')} flagged: their machine translation misses "
        "glossary terms (fix them by hand; `workbench check` lists them too):",
        fg="yellow",
    )
    places = _places(project)
    for row in summary.flagged[:MAX_FLAGGED_SHOWN]:
        result(f"  {places.get(row.paragraph_id, f'#{row.paragraph_id}')}: {_describe(row)}")
    if len(summary.flagged) > MAX_FLAGGED_SHOWN:
        result(f"  … and {len(summary.flagged) - MAX_FLAGGED_SHOWN} more")


def _places(project: Project) -> dict[int, str]:
    places: dict[int, str] = {}
    for document in project.documents():
        for number, paragraph in enumerate(project.paragraphs(document.id), start=1):
            places[paragraph.id] = f"{document.name} ¶{number} (#{paragraph.id})"
    return places


def _describe(row: FlaggedRow) -> str:
    return "; ".join(
        f"sentence {index + 1}: " + ", ".join(_term(term) for term in terms)
        for index, terms in row.sentences
    )


def _term(term: UnmetTerm) -> str:
    if term.problem == "forbidden":
        return f"{term.source} rendered “{term.found}” (forbidden; use “{term.target}”)"
    return f"{term.source} → “{term.target}” missing"
