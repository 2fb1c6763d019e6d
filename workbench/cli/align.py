"""`workbench align` and `workbench eval-align`: reuse official translations.

Align a published Chinese text with its official English version into sentence pairs;
write them as TMX, load them as a reference memory, or score them against gold pairs.
"""

from __future__ import annotations

import csv
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from workbench.cli.common import glossary_option, load_glossary, open_project, project_option
from workbench.cli.output import emit_json, format_option, wants_json
from workbench.core.align_eval import score
from workbench.core.align_terms import AlignedText, Rendering
from workbench.core.errors import InputError
from workbench.ingest_rules import default_rules
from workbench.store.dictionary_index import DictionaryIndex, DictionaryIndexError, open_index
from workbench.store.project import ProjectLocation
from workbench.workflows.aligning import (
    Alignment,
    MinedTerms,
    align_files,
    check_align_output,
    import_aligned,
    load_memory,
    mine_terms,
    write_tmx,
)
from workbench.workflows.glossary_review import candidates, dismissed_candidates
from workbench.workflows.importing import display_path
from workbench.workflows.outputs import Protected, project_files

FILE = click.Path(path_type=Path, dir_okay=False)


def _dictionary(use: bool) -> DictionaryIndex | None:
    if not use:
        return None
    try:
        return open_index(progress=lambda done, total: None)
    except DictionaryIndexError as exc:
        click.echo(f"warning: aligning without CC-CEDICT ({exc})", err=True)
        return None


def _progress(done: int, total: int) -> None:
    if total >= 1000:
        click.echo(f"aligning: {done}/{total} Chinese sentences", err=True)


def _align(zh_file: Path, en_file: Path, glossary_path: Path | None, dictionary: bool) -> Alignment:
    return align_files(
        zh_file,
        en_file,
        rules=default_rules(),
        glossary=load_glossary(glossary_path),
        dictionary=_dictionary(dictionary),
        progress=_progress,
    )


@click.command("align")
@click.argument("zh_file", type=FILE)
@click.argument("en_file", type=FILE)
@click.option("--output", "-o", type=FILE, help="Write the sentence pairs as TMX.")
@click.option("--memory", "memory_name", help="Load the pairs as a reference memory of this name.")
@click.option("--replace", is_flag=True, help="Replace a reference memory of the same name.")
@click.option(
    "--import",
    "import_document",
    is_flag=True,
    help="Import the Chinese as a document whose rows carry the aligned English.",
)
@click.option(
    "--dictionary/--no-dictionary",
    default=True,
    show_default=True,
    help="Use CC-CEDICT word overlap as a signal.",
)
@glossary_option
@project_option
def align_command(
    zh_file: Path,
    en_file: Path,
    output: Path | None,
    memory_name: str | None,
    replace: bool,
    import_document: bool,
    dictionary: bool,
    glossary_path: Path | None,
    project_path: ProjectLocation,
) -> None:
    """Align a Chinese text with its official English version (txt, md, html).

    Both files are cleaned like `workbench import`; sentences are linked 1:1, 1:2, 2:1 or
    left alone (untranslated, translator's notes, leftover junk), each link with a
    confidence. --import makes the Chinese a document whose rows hold the aligned English
    (status edited; rows with a weak link or an untranslated sentence marked for review).
    Without --output, --memory or --import the pairs are listed, lowest confidence first.
    """
    protected: list[Protected] = []
    if glossary_path is not None:
        protected.append(Protected(glossary_path, "the glossary in use"))
    if isinstance(project_path, Path):
        protected.extend(project_files(project_path))
    if output is not None:
        check_align_output(output, zh_file, en_file, protected)
    alignment = _align(zh_file, en_file, glossary_path, dictionary)
    linked = alignment.linked
    if output is not None:
        count = write_tmx(alignment, output, protected)
        click.echo(f"{count} sentence pairs written to {display_path(output)}")
    if memory_name is not None:
        with open_project(project_path, create=True) as project:
            info = load_memory(project, alignment, memory_name, replace=replace)
        click.echo(f"{info.units} sentence pairs loaded as reference memory {info.name!r}")
    if import_document:
        with open_project(project_path, create=True, write=True) as project:
            done = import_aligned(project, alignment, default_rules())
        verb = "imported" if done.created else "found"
        click.echo(
            f"{done.document.name} {verb}: {done.filled} rows given the aligned English, "
            f"{done.to_review} marked for review"
            + (f", {done.conflicts} already translated left alone" if done.conflicts else "")
        )
    left = len(alignment.pairs) - len(linked)
    if output is None and memory_name is None and not import_document:
        for pair in sorted(alignment.pairs, key=lambda p: p.confidence):
            click.echo(f"{pair.confidence:.2f}\t{pair.link.kind}\t{pair.zh}\t{pair.en}")
    click.echo(f"{len(linked)} linked, {left} left without a counterpart", err=True)


@click.command("eval-align")
@click.argument("zh_file", type=FILE)
@click.argument("en_file", type=FILE)
@click.argument("gold_file", type=FILE)
@click.option(
    "--unlinked",
    type=FILE,
    help="English lines (one a line) that must not be linked to any Chinese.",
)
@click.option(
    "--dictionary/--no-dictionary",
    default=True,
    show_default=True,
    help="Use CC-CEDICT word overlap as a signal.",
)
@glossary_option
def eval_align_command(
    zh_file: Path,
    en_file: Path,
    gold_file: Path,
    unlinked: Path | None,
    dictionary: bool,
    glossary_path: Path | None,
) -> None:
    """Score `workbench align` against gold pairs (TSV: Chinese, English): exact-pair
    recall and precision, and links made to lines that should have none."""
    gold = _gold(gold_file)
    alone = _lines(unlinked) if unlinked else []
    alignment = _align(zh_file, en_file, glossary_path, dictionary)
    result = score([(p.zh, p.en) for p in alignment.pairs], gold, unlinked=alone)
    click.echo(f"gold pairs: {result.gold}")
    click.echo(f"linked pairs: {result.predicted}")
    click.echo(f"exact: {result.correct}")
    click.echo(f"recall: {result.recall:.3f}")
    click.echo(f"precision: {result.precision:.3f}")
    click.echo(f"unlinked lines linked: {result.bad_links}")
    for zh, en in result.missed:
        click.echo(f"missed: {zh}\t{en}")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{display_path(path)}: cannot read as UTF-8 text ({exc})") from exc


def _gold(path: Path) -> list[tuple[str, str]]:
    rows = list(csv.reader(_read(path).splitlines(), delimiter="\t"))
    if rows and rows[0][:2] == ["zh", "en"]:
        rows = rows[1:]
    pairs = [(row[0], row[1]) for row in rows if len(row) >= 2 and row[0] and row[1]]
    if not pairs:
        raise InputError(f"{display_path(path)}: no gold pairs (TSV lines: Chinese<TAB>English)")
    return pairs


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in _read(path).splitlines() if line.strip()]


@click.command("candidates")
@click.option(
    "--from-aligned",
    "aligned",
    nargs=2,
    type=FILE,
    metavar="ZH_FILE EN_FILE",
    help="Mine an official Chinese text and its English version (aligned first).",
)
@click.option(
    "--limit", "-n", type=click.IntRange(1), default=30, show_default=True, help="Most phrases."
)
@click.option(
    "--dictionary/--no-dictionary",
    default=True,
    show_default=True,
    help="Use CC-CEDICT in the alignment and to rank renderings.",
)
@format_option()
@glossary_option
@project_option
def glossary_candidates_command(
    aligned: tuple[Path, Path] | None,
    limit: int,
    dictionary: bool,
    fmt: str,
    glossary_path: Path | None,
    project_path: ProjectLocation,
) -> None:
    """Candidate glossary terms: frequent Chinese phrases the glossary lacks.

    With --from-aligned, from an official text and its English: how the English renders
    each glossary term (approved, a variant, or something else: an inconsistency, with the
    English most used instead proposed as a variant), and for each new phrase its likeliest
    English renderings with the aligned sentences as evidence. Without it, from the
    project's documents (Chinese only).
    """
    glossary = load_glossary(glossary_path)
    if not aligned:
        with open_project(project_path) as project:
            found = candidates(project, glossary, limit=limit)
        if wants_json(fmt):
            emit_json([{"chinese": c.text, "count": c.count, "texts": c.texts} for c in found])
        for candidate in found if not wants_json(fmt) else []:
            click.echo(f"{candidate.text}\t{candidate.count}")
        return
    index = _dictionary(dictionary)
    alignment = align_files(
        aligned[0],
        aligned[1],
        rules=default_rules(),
        glossary=glossary,
        dictionary=index,
        progress=_progress,
    )
    exists = not isinstance(project_path, Path) or project_path.exists()
    with open_project(project_path) if exists else nullcontext() as project:
        dismissed = dismissed_candidates(project) if project is not None else []
    mined = mine_terms(alignment, glossary, dictionary=index, dismissed=dismissed, limit=limit)
    if wants_json(fmt):
        emit_json(_mined_json(mined))
        return
    _print_mined(mined)


def _pair_json(pair: AlignedText) -> dict[str, Any]:
    return {"chinese": pair.zh, "english": pair.en, "confidence": pair.confidence}


def _rendering_json(rendering: Rendering | None) -> dict[str, Any] | None:
    if rendering is None:
        return None
    return {"english": rendering.english, "pairs": rendering.together, "score": rendering.score}


def _mined_json(mined: MinedTerms) -> dict[str, Any]:
    return {
        "terms": [
            {
                "chinese": use.term.source,
                "approved_rendering": use.term.target,
                "approved": use.approved,
                "variant": use.variant,
                "other": use.other,
                "proposed_variant": _rendering_json(use.proposal),
                "examples": [_pair_json(p) for p in use.examples],
            }
            for use in mined.uses
        ],
        "candidates": [
            {
                "chinese": c.chinese,
                "pairs": c.count,
                "link_confidence": c.confidence,
                "renderings": [_rendering_json(r) for r in c.renderings],
                "examples": [_pair_json(p) for p in c.examples],
            }
            for c in mined.candidates
        ],
    }


def _print_mined(mined: MinedTerms) -> None:
    click.echo("Glossary terms in the aligned text (approved / variant / other):")
    for use in mined.uses:
        line = (
            f"  {use.term.source}  {use.term.target}: {use.approved} / {use.variant} / {use.other}"
        )
        if use.other:
            line += "  INCONSISTENT"
            if use.proposal is not None:
                line += f"; proposed variant: {use.proposal.english!r}"
        click.echo(line)
        for pair in use.examples:
            click.echo(f"      {pair.zh}\n      → {pair.en}")
    click.echo("New phrases (candidate: renderings with pairs and score):")
    for candidate in mined.candidates:
        shown = " · ".join(
            f"{r.english} ({r.together}, {r.score:.2f})" for r in candidate.renderings
        )
        click.echo(
            f"  {candidate.chinese}  [{candidate.count} pairs, links {candidate.confidence:.2f}]"
            f"  {shown or '(no rendering found)'}"
        )
        for pair in candidate.examples[:2]:
            click.echo(f"      {pair.zh}\n      → {pair.en}")
