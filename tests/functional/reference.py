"""The seeds imported with the real import command, translated with the reference English
(tests/data/reference/<seed-stem>.en.txt, one line per kept paragraph in order)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from workbench.cli import cli
from workbench.store.project import Project
from workbench.workflows.memory import save_translation

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REFERENCE = ROOT / "tests" / "data" / "reference"
GLOSSARY = ROOT / "glossary" / "governance.tsv"


def reference_lines(document_name: str) -> list[str]:
    path = REFERENCE / f"{Path(document_name).stem}.en.txt"
    return path.read_text(encoding="utf-8").splitlines()


def import_seeds(project_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["import", *map(str, SEEDS), "--project", str(project_path)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output


def apply_reference(project: Project) -> None:
    """Save the reference English for every kept paragraph of every seed document."""
    for document in project.documents():
        lines = reference_lines(document.name)
        paragraphs = project.paragraphs(document.id)
        assert len(lines) == len(paragraphs), document.name
        for paragraph, line in zip(paragraphs, lines, strict=True):
            save_translation(project, paragraph.id, line)


def translated_seeds(project_path: Path) -> Path:
    import_seeds(project_path)
    with Project.open(project_path) as project:
        apply_reference(project)
    return project_path
