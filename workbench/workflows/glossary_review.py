"""Reviewing the glossary against a project: read the glossary file, term usage,
candidate terms and the candidates the reviewer dismissed (kept in the project settings)."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.errors import ProjectError
from workbench.core.glossary import Glossary
from workbench.core.term_candidates import TermCandidate, suggest_candidates
from workbench.core.term_usage import TermUsage, term_usage
from workbench.formats import glossary_file
from workbench.store.project import Project

DISMISSED_SETTING = "glossary.dismissed_candidates"


def read_glossary(path: Path) -> Glossary:
    """The glossary in `path` (TSV, CSV or TBX); an empty glossary if the file does not exist.
    Writes go through `workbench.workflows.glossary_edit.edit_glossary` (locked)."""
    if not path.exists():
        return Glossary()
    return glossary_file.read(path)


def project_usage(project: Project, glossary: Glossary) -> dict[str, TermUsage]:
    """Usage of every term over all included paragraphs of the project."""
    return term_usage(glossary, project.paragraphs())


def dismissed_candidates(project: Project) -> list[str]:
    raw = project.get_setting(DISMISSED_SETTING, "[]") or "[]"
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"project setting {DISMISSED_SETTING} is not valid JSON") from exc
    return [str(item) for item in value] if isinstance(value, list) else []


def dismiss_candidate(project: Project, text: str) -> None:
    dismissed = dismissed_candidates(project)
    if text not in dismissed:
        dismissed.append(text)
        project.set_setting(DISMISSED_SETTING, json.dumps(dismissed, ensure_ascii=False))


def candidates(project: Project, glossary: Glossary, *, limit: int = 100) -> list[TermCandidate]:
    """Frequent Chinese n-grams of the project that are not (yet) glossary terms."""
    return suggest_candidates(
        (p.source for p in project.paragraphs()),
        (term.source for term in glossary.terms),
        dismissed=dismissed_candidates(project),
        limit=limit,
    )
