"""Splitting and joining sentences at scale: a split, a join and their undo should cost
the same in a small and a large project (they touch one paragraph's rows), and the memory
sync's check for re-split sentences should grow linearly with the memory.

    .venv/bin/python benchmarks/segments.py [--sizes 2000,20000]

For each size: a project of that many three-sentence paragraphs, all translated with
three English sentences (so the memory holds a paragraph pair and three sentence pairs per
paragraph). It prints the best time (of 15) of a split, a join and an undo (milliseconds), and
the time of a full memory sync with nothing to change, with and without its look for
sentence pairs of re-split sentences, with the ratios of the largest size to the smallest
side by side.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.core.segments import (  # noqa: E402
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    ParagraphKind,
)
from workbench.store import memory  # noqa: E402
from workbench.store.memory import MemoryStore  # noqa: E402
from workbench.store.project import Project, TargetEdit  # noqa: E402
from workbench.workflows.segments import join_sentence, split_sentence  # noqa: E402

ROUNDS = 15


def build(folder: Path, count: int) -> Project:
    project = Project.open(folder / f"p{count}.sqlite")
    sentences = [
        [f"第{i}段第{k}句，推动人工智能健康发展。" for k in range(3)] for i in range(count)
    ]
    texts = ["".join(parts) for parts in sentences]
    clean = CleanDocument(
        title=None,
        metadata=DocumentMetadata(),
        paragraphs=tuple(
            CleanParagraph(t, ParagraphKind.BODY, line_no=i + 1, original=t)
            for i, t in enumerate(texts)
        ),
    )
    project.add_document(
        clean, name="big.txt", path="/big.txt", sha256=str(count), encoding="utf-8",
        fmt="txt", sentences=sentences,
    )  # fmt: skip
    edits = [
        TargetEdit(p.id, f"Part {i} one. Part {i} two. Part {i} three.", None)
        for i, p in enumerate(project.paragraphs())
    ]
    project.set_targets(edits)
    MemoryStore(project).sync_project()
    return project


def best_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)  # the machine is shared: the least disturbed run


def measure(project: Project) -> dict[str, float]:
    paragraphs = project.paragraphs()
    middle = paragraphs[len(paragraphs) // 2].id
    figures = {}

    figures["split"] = best_ms(lambda: (split_sentence(project, middle, 1, 4), project.undo()))
    figures["join"] = best_ms(lambda: (join_sentence(project, middle, 0), project.undo()))
    split_sentence(project, middle, 1, 4)
    figures["undo"] = best_ms(lambda: (project.undo(), project.redo()))
    project.undo()
    figures["full sync"] = best_ms(lambda: MemoryStore(project).sync_project(), rounds=3)
    # The same sync without the look for re-split sentences (what it cost before).
    real = memory._remove_stale_sentences
    memory._remove_stale_sentences = lambda conn, memory_id, ids: (0, [])  # type: ignore[assignment]
    try:
        figures["without check"] = best_ms(lambda: MemoryStore(project).sync_project(), rounds=3)
    finally:
        memory._remove_stale_sentences = real
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            project = build(Path(folder), size)
            results[size] = measure(project)
            project.close()
    print("paragraphs  " + "  ".join(f"{name:>18}" for name in results[sizes[0]]))
    for size, figures in results.items():
        print(f"{size:>10}  " + "  ".join(f"{ms:15.1f} ms" for ms in figures.values()))
    first, last = results[sizes[0]], results[sizes[-1]]
    print(
        f"{'ratio':>10}  "
        + "  ".join(f"{last[k] / first[k]:17.1f}x" for k in first)
        + f"   (sizes {sizes[-1] / sizes[0]:.0f}x; split, join and undo include the undo or redo)"
    )


if __name__ == "__main__":
    main()
