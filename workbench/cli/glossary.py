"""`workbench glossary …`: browse, edit, check, import and export the glossary in effect (a
file, or a team project's glossary in its database: `workbench glossary where`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from workbench.cli.common import (
    PROJECT_GLOSSARY_SETTING,
    choose_glossary,
    glossary_file_path,
    glossary_option,
    load_glossary,
    open_project,
    project_option,
    read_glossary_file,
    starting_glossary,
)
from workbench.cli.completion import complete_document, complete_term
from workbench.cli.output import emit_json, format_option, result, wants_json
from workbench.core.errors import GlossaryError, InputError
from workbench.core.glossary import CaseRule, Glossary, Term, TermProblem, TermStatus
from workbench.core.phrasing import counted
from workbench.formats import glossary_table, omegat_glossary, tbx
from workbench.store.glossary_terms import ProjectGlossary
from workbench.store.project import ProjectLocation
from workbench.store.server import ServerAddress
from workbench.workflows.glossary_edit import edit_glossary
from workbench.workflows.outputs import (
    check_output,
    output_path,
    project_files,
    protected_files,
    unique_path,
    writing,
)

STATUS_CHOICE = click.Choice([s.value for s in TermStatus])
CASE_CHOICE = click.Choice([c.value for c in CaseRule])


def _require(glossary: Glossary, source: str) -> Term:
    term = glossary.get(source)
    if term is None:
        raise GlossaryError(f"no term {source!r} in the glossary")
    return term


@click.group("glossary")
def glossary_group() -> None:
    """Browse, edit, check, import and export the glossary of official renderings."""


@glossary_group.command("list")
@glossary_option
@project_option
@click.option("--status", type=STATUS_CHOICE, help="Only terms with this status.")
@click.option("--search", "-s", help="Only terms whose Chinese, English or note contain this.")
@format_option()
def list_command(
    glossary_path: Path | None,
    project_path: ProjectLocation,
    status: str | None,
    search: str | None,
    fmt: str,
) -> None:
    """List terms: Chinese, approved English, status, variants and forbidden renderings."""
    glossary = load_glossary(glossary_path)
    terms = []
    for term in glossary.terms:
        if status and term.status.value != status:
            continue
        haystack = " ".join((term.source, *term.renderings, term.note)).casefold()
        if search and search.casefold() not in haystack:
            continue
        terms.append(term)
    if wants_json(fmt):
        emit_json(
            {
                "glossary": str(glossary_file_path(glossary_path)),
                "total": len(glossary),
                "shown": len(terms),
                "terms": [term_json(term) for term in terms],
            }
        )
        return
    for term in terms:
        result(f"{term.source}\t{term.target}\t[{term.status.value}]")
        if term.variants:
            result(f"\talso: {' | '.join(term.variants)}")
        if term.forbidden:
            result(f"\tnever: {' | '.join(term.forbidden)}", fg="red")
    result(f"{len(terms)} of {len(glossary)} terms")


def term_json(term: Term) -> dict[str, Any]:
    """A glossary term as JSON (also used by `lookup`)."""
    return {
        "source": term.source,
        "target": term.target,
        "status": term.status.value,
        "variants": list(term.variants),
        "forbidden": list(term.forbidden),
        "pos": term.pos,
        "case": term.case.value,
        "note": term.note,
    }


@glossary_group.command("add")
@click.argument("source")
@click.argument("target")
@glossary_option
@project_option
@click.option("--variant", "variants", multiple=True, help="Another acceptable rendering.")
@click.option("--forbidden", "forbidden", multiple=True, help="A rendering that must not be used.")
@click.option("--status", type=STATUS_CHOICE, default="candidate", show_default=True)
@click.option("--pos", default="", help="Part of speech: noun, proper noun, slogan, phrase.")
@click.option("--case", type=CASE_CHOICE, default="insensitive", show_default=True)
@click.option("--note", default="", help="Where the rendering comes from and how to use it.")
def add_command(
    source: str,
    target: str,
    glossary_path: Path | None,
    project_path: ProjectLocation,
    variants: tuple[str, ...],
    forbidden: tuple[str, ...],
    status: str,
    pos: str,
    case: str,
    note: str,
) -> None:
    """Add a term (a candidate unless --status approved)."""
    path = glossary_file_path(glossary_path)
    term = Term(
        source=source,
        target=target,
        status=TermStatus(status),
        variants=variants,
        forbidden=forbidden,
        pos=pos,
        case=CaseRule(case),
        note=note,
    )

    def add(glossary: Glossary) -> Glossary:
        existing = glossary.get(source)
        if existing is not None:
            spelled = "" if existing.source == source else f" as {existing.source!r}"
            raise GlossaryError(
                f"{source!r} is already in the glossary{spelled} ({existing.target!r}); "
                "use `glossary edit`"
            )
        return glossary.with_term(term)

    edit_glossary(path, add, if_missing=starting_glossary(path))
    result(f"added {term.source} → {term.target} [{term.status.value}] to {path}")


@glossary_group.command("edit")
@click.argument("source", shell_complete=complete_term)
@glossary_option
@project_option
@click.option("--target", help="New approved English.")
@click.option("--variant", "variants", multiple=True, help="Replace the variants (repeatable).")
@click.option("--forbidden", "forbidden", multiple=True, help="Replace the forbidden renderings.")
@click.option("--clear-variants", is_flag=True, help="Remove all variants.")
@click.option("--clear-forbidden", is_flag=True, help="Remove all forbidden renderings.")
@click.option("--status", type=STATUS_CHOICE)
@click.option("--pos")
@click.option("--case", type=CASE_CHOICE)
@click.option("--note")
def edit_command(
    source: str,
    glossary_path: Path | None,
    project_path: ProjectLocation,
    target: str | None,
    variants: tuple[str, ...],
    forbidden: tuple[str, ...],
    clear_variants: bool,
    clear_forbidden: bool,
    status: str | None,
    pos: str | None,
    case: str | None,
    note: str | None,
) -> None:
    """Change a term; only the options given are changed."""
    path = glossary_file_path(glossary_path)
    changes: dict[str, object] = {}
    if target is not None:
        changes["target"] = target
    if variants or clear_variants:
        changes["variants"] = variants
    if forbidden or clear_forbidden:
        changes["forbidden"] = forbidden
    if status is not None:
        changes["status"] = TermStatus(status)
    if pos is not None:
        changes["pos"] = pos
    if case is not None:
        changes["case"] = CaseRule(case)
    if note is not None:
        changes["note"] = note
    if not changes:
        raise click.UsageError("nothing to change; give at least one option")

    def change(glossary: Glossary) -> Glossary:
        term = replace(_require(glossary, source), **changes)  # type: ignore[arg-type]
        return glossary.with_term(term)

    updated = _require(
        edit_glossary(path, change, if_missing=starting_glossary(path)).after, source
    )
    result(f"updated {updated.source} → {updated.target} [{updated.status.value}]")


@glossary_group.command("remove")
@click.argument("source", shell_complete=complete_term)
@glossary_option
@project_option
def remove_command(source: str, glossary_path: Path | None, project_path: ProjectLocation) -> None:
    """Remove a term (to keep it from being proposed again, `edit --status rejected`)."""
    path = glossary_file_path(glossary_path)
    term = _require(
        edit_glossary(
            path, lambda glossary: glossary.without(source), if_missing=starting_glossary(path)
        ).before,
        source,
    )
    result(f"removed {term.source} → {term.target}")


@glossary_group.command("approve")
@click.argument("sources", nargs=-1, required=True, shell_complete=complete_term)
@glossary_option
@project_option
def approve_command(
    sources: tuple[str, ...], glossary_path: Path | None, project_path: ProjectLocation
) -> None:
    """Approve candidate terms: from now on MT uses them and checks enforce them."""
    _set_status(sources, glossary_path, TermStatus.APPROVED)


@glossary_group.command("reject")
@click.argument("sources", nargs=-1, required=True, shell_complete=complete_term)
@glossary_option
@project_option
def reject_command(
    sources: tuple[str, ...], glossary_path: Path | None, project_path: ProjectLocation
) -> None:
    """Reject terms: kept in the file so they are not proposed again, never enforced."""
    _set_status(sources, glossary_path, TermStatus.REJECTED)


def _set_status(sources: tuple[str, ...], glossary_path: Path | None, status: TermStatus) -> None:
    path = glossary_file_path(glossary_path)

    def change(glossary: Glossary) -> Glossary:
        for source in sources:
            _require(glossary, source)
            glossary = glossary.with_status(source, status)
        return glossary

    edit_glossary(path, change, if_missing=starting_glossary(path))
    result(f"{status.value}: {', '.join(sources)}")


@glossary_group.command("check")
@project_option
@glossary_option
@click.option(
    "--document",
    "-d",
    shell_complete=complete_document,
    help="Only this document (id or file name).",
)
@click.option("--all", "show_all", is_flag=True, help="Also list segments without problems.")
@format_option()
def check_command(
    project_path: ProjectLocation,
    glossary_path: Path | None,
    document: str | None,
    show_all: bool,
    fmt: str,
) -> None:
    """Check every paragraph's English against the glossary.

    Reports per segment the terms found in the Chinese, approved renderings missing from the
    English and forbidden renderings used. Exits with status 1 when there are violations.
    """
    glossary = load_glossary(glossary_path)
    violations = 0
    checked = 0
    segments: list[dict[str, Any]] = []
    with open_project(project_path) as project:
        document_id = project.resolve_document(document).id if document else None
        for doc in [project.document(document_id)] if document_id else project.documents():
            for number, paragraph in enumerate(project.paragraphs(doc.id), start=1):
                english = paragraph.english
                hits = glossary.find(paragraph.source)
                if not hits:
                    continue
                checked += 1
                outcome = glossary.check(paragraph.source, english) if english else None
                issues = outcome.issues if outcome else ()
                violations += len(issues)
                if not issues and not show_all:
                    continue
                segments.append(
                    {
                        "document": doc.name,
                        "document_id": doc.id,
                        "paragraph": number,
                        "paragraph_id": paragraph.id,
                        "terms": [
                            {"source": t.source, "target": t.target}
                            for t in dict.fromkeys(h.term for h in hits)
                        ],
                        "english": english,
                        "violations": [
                            {
                                "problem": issue.problem.value,
                                "source": issue.term.source,
                                "target": issue.term.target,
                                "found": issue.found or None,
                            }
                            for issue in issues
                        ],
                    }
                )
    if wants_json(fmt):
        emit_json({"checked": checked, "violations": violations, "segments": segments})
    else:
        _print_glossary_check(segments)
        result(
            f"{counted(checked, 'segment')} with glossary terms, {counted(violations, 'violation')}"
        )
    if violations:
        raise click.exceptions.Exit(1)


def _print_glossary_check(segments: list[dict[str, Any]]) -> None:
    for segment in segments:
        terms = ", ".join(f"{t['source']}={t['target']}" for t in segment["terms"])
        place = f"{segment['document']} ¶{segment['paragraph']} (#{segment['paragraph_id']})"
        result(f"{place}: {terms}")
        if not segment["english"]:
            result("  no English yet")
        for issue in segment["violations"]:
            if issue["problem"] == TermProblem.MISSING.value:
                result(f"  missing: {issue['source']} → “{issue['target']}”", fg="red")
            else:
                result(
                    f"  forbidden: “{issue['found']}” for {issue['source']} "
                    f"(use “{issue['target']}”)",
                    fg="red",
                )


@glossary_group.command("import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@glossary_option
@project_option
@click.option(
    "--pairs",
    is_flag=True,
    help="The file is a plain two-column list (Chinese, English); terms come in as candidates.",
)
@click.option("--replace-existing", is_flag=True, help="Imported terms replace existing ones.")
def import_command(
    file: Path,
    glossary_path: Path | None,
    project_path: ProjectLocation,
    pairs: bool,
    replace_existing: bool,
) -> None:
    """Merge terms from a TBX, CSV or TSV file into the glossary.

    Existing terms are kept unless --replace-existing; new ones are added. A glossary file
    that does not exist yet is created.
    """
    path = glossary_file_path(glossary_path, must_exist=False)
    # Read the incoming file before taking the glossary's lock: it may be large or slow.
    incoming = glossary_table.read_pairs(file) if pairs else read_glossary_file(file)

    def merge(glossary: Glossary) -> Glossary:
        return glossary.with_terms(
            term for term in incoming.terms if replace_existing or term.source not in glossary
        )

    before = edit_glossary(path, merge, if_missing=starting_glossary(path) or Glossary()).before
    present = sum(term.source in before for term in incoming.terms)
    added = len(incoming) - present
    replaced, kept = (present, 0) if replace_existing else (0, present)
    result(f"{file}: {added} added, {replaced} replaced, {kept} already present (kept)")


@glossary_group.command("export")
@glossary_option
@project_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tbx", "csv", "tsv", "omegat"]),
    default="tbx",
    show_default=True,
    help="tbx: TBX-Basic; omegat: OmegaT's tab-separated glossary (.utf8 or .txt).",
)
@click.option(
    "--tbx-version",
    type=click.Choice([str(v) for v in tbx.VERSIONS]),
    help=f"TBX version: 2 (ISO 30042:2008, martif, what CAT tools read) or 3 "
    f"(ISO 30042:2019, DCA) [default: {tbx.DEFAULT_VERSION}].",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=str),
    help="Output file [default: exports/glossary.FORMAT (omegat: glossary.utf8), numbered if "
    "taken]; never the glossary itself or the project.",
)
def export_command(
    glossary_path: Path | None,
    project_path: ProjectLocation,
    fmt: str,
    tbx_version: str | None,
    output: str | None,
) -> None:
    """Write the glossary as TBX, CSV, TSV or an OmegaT glossary."""
    if tbx_version is not None and fmt != "tbx":
        raise click.UsageError("--tbx-version applies to --format tbx only")
    glossary = load_glossary(glossary_path)
    chosen = output_path(output)
    suffix = omegat_glossary.DEFAULT_SUFFIX if fmt == "omegat" else f".{fmt}"
    path = chosen or unique_path(Path("exports") / f"glossary{suffix}")
    if fmt == "omegat" and path.suffix.lower() not in omegat_glossary.SUFFIXES:
        raise InputError(
            f"{path}: OmegaT reads a glossary named .utf8 or .txt; give one of those names"
        )
    extra = project_files(project_path) if isinstance(project_path, Path) else []
    protected = protected_files(None, glossary_file_path(glossary_path), extra=extra)
    check_output(path, protected, create_folder=path.parent.resolve() == Path("exports").resolve())
    written = len(glossary)
    with writing(path):
        if fmt == "tbx":
            tbx.write(glossary, path, version=int(tbx_version or tbx.DEFAULT_VERSION))
        elif fmt == "omegat":
            written = omegat_glossary.write(glossary, path)
        elif fmt == "csv":
            glossary_table.write_csv(glossary, path)
        else:
            glossary_table.write_tsv(glossary, path)
    left_out = f" ({counted(len(glossary) - written, 'rejected term')} left out)"
    result(f"wrote {written} terms to {path}{left_out if written < len(glossary) else ''}")


@glossary_group.command("use")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--none", "forget", is_flag=True, help="Forget the recorded glossary.")
@project_option
def use_command(file: Path | None, forget: bool, project_path: ProjectLocation) -> None:
    """Record in the project the glossary FILE it uses: every command on this project then
    reads and edits it (unless --glossary or $WORKBENCH_GLOSSARY names another)."""
    if (file is None) != forget:
        raise click.UsageError("Give the glossary FILE to use, or --none.")
    if isinstance(project_path, ServerAddress):
        raise InputError(
            f"{project_path}: a team project's glossary is kept in its database; bring a "
            "file's terms into it with `workbench glossary import FILE`"
        )
    chosen = glossary_file_path(file) if file is not None else None
    value = str(chosen.resolve()) if isinstance(chosen, Path) else ""
    with open_project(project_path, write=True) as project:
        project.set_setting(PROJECT_GLOSSARY_SETTING, value)
    if value:
        result(f"{project_path} uses the glossary {value}")
    else:
        result(f"{project_path} records no glossary (`workbench glossary where`)")


@glossary_group.command("where")
@glossary_option
@project_option
def where_command(glossary_path: Path | None, project_path: ProjectLocation) -> None:
    """Show the glossary files in effect (in order) and the one edits go to."""
    # project_path is read from the context by choose_glossary (the project's own glossary).
    choice = choose_glossary(glossary_path)
    layers = choice.layers
    if layers:
        result("in effect:")
        for number, layer in enumerate(layers, 1):
            result(f"  {number}. {layer}")
    else:
        result("in effect: none")
        click.echo(
            f"warning: no glossary in effect ({choice.path} does not exist): terms are not "
            "checked or enforced",
            err=True,
        )
    if isinstance(choice.path, ProjectGlossary):
        where = choice.path.project
        if isinstance(where, ServerAddress):
            result(f"edits go to: {choice.path}, shared by everyone on {where}")
        else:  # a file copied from a team project
            result(f"edits go to: {choice.path}, kept in {where} (copied from a team project)")
    else:
        missing = not choice.path.exists()
        how = " (made from the curated glossary on the first edit)" if missing else ""
        result(f"edits go to: {choice.path}{how if choice.personal else ''}")
    result(f"chosen by: {choice.origin}")


def _register_candidates() -> None:
    # `glossary candidates` lives with the alignment commands (it mines aligned texts);
    # imported here so that it is listed under `workbench glossary`.
    from workbench.cli.align import glossary_candidates_command

    glossary_group.add_command(glossary_candidates_command)


_register_candidates()
