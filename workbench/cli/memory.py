"""`workbench memory ...`: the project's translation memory and reference memories (TMX)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from workbench.cli.common import default_glossary_path, open_project, project_option, shorten
from workbench.cli.exchange import OUTPUT_TYPE, removed_note
from workbench.cli.output import emit_json, format_option, note, result, wants_json
from workbench.core.phrasing import counted
from workbench.core.tm import DEFAULT_LIMIT, DEFAULT_THRESHOLD, TmMatch, percent
from workbench.store.memory import PROJECT_MEMORY, MemoryStore
from workbench.store.project import ProjectLocation
from workbench.workflows.memory import (
    export_tmx,
    import_tmx,
    load_index,
    matches_for_paragraph,
    propagate_all,
    set_alternative,
)
from workbench.workflows.outputs import output_path

threshold_option = click.option(
    "--threshold",
    "-t",
    type=click.FloatRange(0, 100),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Lowest similarity (percent) of a fuzzy match.",
)
limit_option = click.option(
    "--limit",
    "-n",
    type=click.IntRange(1),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Most matches shown.",
)


@click.group("memory")
def memory_group() -> None:
    """Translation memory: the project's own pairs and reference TMX files.

    Every pair you write or approve goes into the project memory; identical paragraphs
    elsewhere are filled in (propagated) unless marked as alternative translations.
    """


@memory_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--name", help="Name shown with its matches [default: the file name].")
@click.option("--replace", is_flag=True, help="Replace a reference memory of the same name.")
@project_option
def import_command(
    file: Path, name: str | None, replace: bool, project_path: ProjectLocation
) -> None:
    """Load a TMX file (from any tool) as a read-only reference memory."""
    with open_project(project_path, create=True) as project:
        loaded = import_tmx(project, file, name=name, replace=replace)
    info = loaded.info
    result(f"{file}: loaded {counted(info.units, 'pair')} as memory {info.name!r}", fg="green")
    if loaded.removed:
        note(f"  {removed_note(loaded.removed)}", fg="yellow")
    for warning in loaded.warnings[:20]:
        note(f"  warning: {warning}", fg="yellow")
    if len(loaded.warnings) > 20:
        note(f"  … and {len(loaded.warnings) - 20} more warnings", fg="yellow")


@memory_group.command("list")
@project_option
@format_option()
def list_command(project_path: ProjectLocation, fmt: str) -> None:
    """List the memories of the project with their number of pairs."""
    with open_project(project_path) as project:
        store = MemoryStore(project)
        store.sync_project()
        memories = store.memories()
    if wants_json(fmt):
        emit_json(
            {
                "memories": [
                    {
                        "name": info.name,
                        "kind": info.kind,
                        "pairs": info.units,
                        "path": info.path,
                        "sha256": info.sha256,
                        "loaded_at": info.loaded_at,
                    }
                    for info in memories
                ]
            }
        )
        return
    for info in memories:
        where = f"  from {info.path}" if info.path else ""
        kind = "project memory" if info.name == PROJECT_MEMORY else "reference, read-only"
        result(f"{info.name:<20} {info.units:>7} pairs  {kind}{where}")


@memory_group.command("remove")
@click.argument("name")
@project_option
def remove_command(name: str, project_path: ProjectLocation) -> None:
    """Unload a reference memory."""
    with open_project(project_path, write=True) as project:
        count = MemoryStore(project).remove_reference(name)
    result(f"removed memory {name!r} ({counted(count, 'pair')})")


@memory_group.command("export")
@click.option(
    "--output",
    "-o",
    type=OUTPUT_TYPE,
    help="Output file [default: a new file under exports/]; never the project, the glossary "
    "or an imported file.",
)
@click.option(
    "--memory",
    "names",
    multiple=True,
    metavar="NAME",
    help=f"Memory to export; may be repeated [default: {PROJECT_MEMORY}].",
)
@project_option
def export_command(
    output: str | None, names: tuple[str, ...], project_path: ProjectLocation
) -> None:
    """Export memory pairs as TMX 1.4b (the same writer as `workbench export`)."""
    output_file = output_path(output)
    with open_project(project_path) as project:
        path, count = export_tmx(
            project,
            output_file,
            names=names or (PROJECT_MEMORY,),
            glossary_path=default_glossary_path(),
        )
    result(f"wrote {counted(count, 'pair')} to {path}")


@memory_group.command("lookup")
@click.argument("text")
@threshold_option
@limit_option
@project_option
@format_option()
def lookup_command(
    text: str, threshold: float, limit: int, project_path: ProjectLocation, fmt: str
) -> None:
    """Find memory pairs whose Chinese matches TEXT, exactly or fuzzily."""
    with open_project(project_path) as project:
        matches = load_index(project).lookup(text, threshold=threshold, limit=limit)
    if wants_json(fmt):
        emit_json(
            {
                "query": text,
                "threshold": threshold,
                "matches": [_match_json(match) for match in matches],
            }
        )
        return
    if not matches:
        result(f"no match at {threshold:g}% or above")
    for match in matches:
        _print_match(match)


@memory_group.command("matches")
@click.argument("paragraph_id", type=int)
@threshold_option
@limit_option
@project_option
@format_option()
def matches_command(
    paragraph_id: int, threshold: float, limit: int, project_path: ProjectLocation, fmt: str
) -> None:
    """Show memory matches for a paragraph (id from `workbench paragraphs`), for the whole
    paragraph and sentence by sentence."""
    with open_project(project_path) as project:
        found = matches_for_paragraph(project, paragraph_id, threshold=threshold, limit=limit)
    if wants_json(fmt):
        emit_json(
            {
                "paragraph_id": paragraph_id,
                "threshold": threshold,
                "matches": [_match_json(match) for match in found.matches],
                "sentences": [
                    {
                        "number": sentence.index + 1,
                        "chinese": sentence.source,
                        "matches": [_match_json(match) for match in sentence.matches],
                    }
                    for sentence in found.sentences
                ],
            }
        )
        return
    if not found.matches and not any(s.matches for s in found.sentences):
        result(f"no match at {threshold:g}% or above")
    for match in found.matches:
        _print_match(match)
    for sentence in found.sentences:
        if sentence.matches:
            result(f"sentence {sentence.index + 1}: {shorten(sentence.source)}", bold=True)
            for match in sentence.matches:
                _print_match(match, indent="  ")


@memory_group.command("propagate")
@project_option
def propagate_command(project_path: ProjectLocation) -> None:
    """Fill in every repeated paragraph from the English of its repeats (one undo step)."""
    with open_project(project_path, write=True) as project:
        report = propagate_all(project)
    result(f"filled {counted(len(report.filled), 'repeated paragraph')}")
    for group in report.conflicts:
        ids = ", ".join(f"#{p.id}" for p in group)
        result(f"  different English for the same Chinese in {ids}", fg="yellow")


@memory_group.command("alternative")
@click.argument("paragraph_id", type=int)
@click.option("--off", is_flag=True, help="Follow the repeats again (takes their English).")
@project_option
def alternative_command(paragraph_id: int, off: bool, project_path: ProjectLocation) -> None:
    """Mark a paragraph as an alternative translation: its English may differ from its
    identical repeats and is never overwritten by propagation."""
    with open_project(project_path, write=True) as project:
        paragraph = set_alternative(project, paragraph_id, not off)
    state = "an alternative translation" if paragraph.alternative else "following its repeats"
    result(f"#{paragraph.id} is now {state}")


def _print_match(match: TmMatch, *, indent: str = "") -> None:
    label = "exact" if match.exact else percent(match)
    result(f"{indent}{label:>6}  [{match.unit.origin}] {match.unit.source}")
    if not match.exact:
        result(f"{indent}        diff: {match.diff.render()}")
    result(f"{indent}        → {match.unit.target}")


def _match_json(match: TmMatch) -> dict[str, Any]:
    unit = match.unit
    return {
        "score": round(match.score, 1),
        "exact": match.exact,
        "memory": unit.origin,
        "chinese": unit.source,
        "english": unit.target,
        "key": unit.key or None,
        "paragraph_id": unit.paragraph_id,
        "changed_at": unit.changed_at or None,
        "diff": None if match.exact else match.diff.render(),
    }
