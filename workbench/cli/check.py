"""`workbench check`: run the quality checks over the project and report what they find."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from workbench.cli.common import glossary_option, load_glossary, open_project, project_option
from workbench.cli.completion import complete_document
from workbench.cli.output import emit_json, format_option, result
from workbench.core.phrasing import counted
from workbench.core.qa import QaIssue, Severity, all_checks, check_info
from workbench.store.project import Project, ProjectLocation
from workbench.workflows.checking import (
    CheckReport,
    check_project,
    disabled_checks,
    set_checks_enabled,
)

log = logging.getLogger(__name__)


@click.command("check")
@project_option
@glossary_option
@format_option(short=True)
@click.option(
    "--severity",
    type=click.Choice([s.value for s in Severity]),
    default=Severity.WARNING.value,
    show_default=True,
    help="Show issues of this severity and above (error: errors only).",
)
@click.option(
    "--document",
    "-d",
    shell_complete=complete_document,
    help="Only this document (id or file name).",
)
@click.option(
    "--disable",
    "to_disable",
    multiple=True,
    metavar="ID",
    help="Switch a check off for this project (saved); may be repeated.",
)
@click.option(
    "--enable",
    "to_enable",
    multiple=True,
    metavar="ID",
    help="Switch a check back on for this project (saved); may be repeated.",
)
@click.option("--list", "list_checks", is_flag=True, help="List the checks and exit.")
def check_command(
    project_path: ProjectLocation,
    glossary_path: Path | None,
    fmt: str,
    severity: str,
    document: str | None,
    to_disable: tuple[str, ...],
    to_enable: tuple[str, ...],
    list_checks: bool,
) -> None:
    """Check the translations: glossary terms, numbers and dates, untranslated or leftover
    Chinese, punctuation, sentence count, length, consistency.

    Exits with status 1 when errors remain (whatever --severity shows), so a script can
    use it to gate a delivery. See the checks with --list.
    """
    with open_project(project_path) as project:
        if to_enable:
            set_checks_enabled(project, to_enable, True)
        if to_disable:
            set_checks_enabled(project, to_disable, False)
        if list_checks:
            _print_checks(project, fmt)
            return
        glossary = load_glossary(glossary_path)
        document_id = project.resolve_document(document).id if document else None
        report = check_project(project, glossary, document_id=document_id)
        shown = Severity(severity)
        log.info(
            "checked %d paragraphs: %d errors, %d warnings",
            report.checked,
            report.count(Severity.ERROR),
            report.count(Severity.WARNING),
        )
        if fmt == "json":
            emit_json(_as_json(project, report, shown))
        else:
            _print_report(project, report, shown)
    if report.has_errors:
        raise click.exceptions.Exit(1)


def _visible(issue: QaIssue, shown: Severity) -> bool:
    return issue.severity.rank >= shown.rank


def _places(project: Project) -> dict[int, str]:
    """Paragraph id → "document ¶n", to name the other places an issue concerns."""
    places: dict[int, str] = {}
    for document in project.documents():
        for number, paragraph in enumerate(project.paragraphs(document.id), start=1):
            places[paragraph.id] = f"{document.name} ¶{number}"
    return places


def _print_report(project: Project, report: CheckReport, shown: Severity) -> None:
    places = _places(project)
    for entry in report.entries:
        issues = [i for i in entry.issues if _visible(i, shown)]
        if not issues:
            continue
        result(f"{entry.document.name} ¶{entry.number} (#{entry.paragraph.id})", bold=True)
        for issue in issues:
            color = "red" if issue.severity is Severity.ERROR else "yellow"
            result(
                "  "
                + click.style(f"{issue.severity.value:<7}", fg=color)
                + f" {issue.check}: {issue.message}"
            )
            if issue.related:
                others = ", ".join(places.get(key, f"#{key}") for key in issue.related[:5])
                result(f"          see {others}")
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    summary = (
        f"{counted(errors, 'error')}, {counted(warnings, 'warning')} "
        f"in {counted(report.checked, 'paragraph')}"
    )
    if report.disabled:
        summary += f" (switched off: {', '.join(sorted(report.disabled))})"
    result(summary, fg="red" if errors else ("yellow" if warnings else "green"))


def _as_json(project: Project, report: CheckReport, shown: Severity) -> dict[str, Any]:
    places = _places(project)
    return {
        "checked": report.checked,
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "disabled": sorted(report.disabled),
        "issues": [
            {
                "document": entry.document.name,
                "document_id": entry.document.id,
                "paragraph": entry.number,
                "paragraph_id": entry.paragraph.id,
                "check": issue.check,
                "severity": issue.severity.value,
                "title": check_info(issue.check).title,
                "message": issue.message,
                "source_spans": [[s.start, s.end] for s in issue.source_spans],
                "target_spans": [[s.start, s.end] for s in issue.target_spans],
                "related": [places.get(key, f"#{key}") for key in issue.related],
            }
            for entry in report.entries
            for issue in entry.issues
            if _visible(issue, shown)
        ],
    }


def _print_checks(project: Project, fmt: str) -> None:
    disabled = disabled_checks(project)
    if fmt == "json":
        rows = [
            {
                "id": info.id,
                "severity": info.severity.value,
                "title": info.title,
                "scope": info.scope.value,
                "enabled": info.id not in disabled,
                "description": info.description,
            }
            for info in all_checks()
        ]
        emit_json(rows)
        return
    for info in all_checks():
        state = "off" if info.id in disabled else "on "
        result(f"{state} {info.severity.value:<7} {info.id:<24} {info.title}")
