"""A project of one generated document as large as a benchmark needs, made from the seeds'
paragraphs (numbered so that no two are the same), with the reference English to fill it.
Shared by the benchmarks that measure the editor and find/replace at scale."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.core.ingest import split_sentences  # noqa: E402
from workbench.core.segments import (  # noqa: E402
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    ParagraphKind,
)
from workbench.ingest_rules import default_rules  # noqa: E402
from workbench.store.project import Project  # noqa: E402
from workbench.workflows.importing import import_file  # noqa: E402


def generated_document(folder: Path, count: int) -> tuple[Project, int, list[str]]:
    """`folder/big.sqlite` with one document of `count` paragraphs; the project, the
    document's id and the seeds' reference English lines."""
    seeds = Project.open(folder / "seeds.sqlite")
    english: list[str] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        import_file(seeds, seed, default_rules())
        english += (ROOT / "tests/data/reference" / f"{seed.stem}.en.txt").read_text().splitlines()
    sources = [p.source for p in seeds.paragraphs()]
    seeds.close()
    texts = [f"{sources[i % len(sources)]}（第{i + 1}段）" for i in range(count)]
    project = Project.open(folder / "big.sqlite")
    document_id = add_texts(
        project,
        texts,
        name="generated.txt",
        path=str(folder / "generated.txt"),
        sentences=[split_sentences(text) for text in texts],
    )
    return project, document_id, english


def add_texts(
    project: Project, texts: list[str], *, name: str, path: str, sentences: list[list[str]]
) -> int:
    """A document of one paragraph per text, added straight to the store (no cleaning);
    its id."""
    clean = CleanDocument(
        title=None,
        metadata=DocumentMetadata(),
        paragraphs=tuple(
            CleanParagraph(text, ParagraphKind.BODY, line_no=i + 1, original=text)
            for i, text in enumerate(texts)
        ),
    )
    document = project.add_document(
        clean, name=name, path=path, sha256="0" * 64, encoding="utf-8", fmt="txt",
        sentences=sentences,
    )  # fmt: skip
    return document.id
