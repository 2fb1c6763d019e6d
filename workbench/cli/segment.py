"""`workbench segment`: list, split and join a paragraph's source sentences.

Rows are named as `workbench move` names them (the paragraph's #id); sentences are numbered
from 1 as `segment list` shows them. Each split or join is one `workbench undo` step.
"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import open_project, project_option, shorten
from workbench.cli.output import emit_json, format_option, result, wants_json
from workbench.core.errors import InputError
from workbench.core.segments import Sentence
from workbench.workflows.segments import join_sentence, split_sentence


@click.group("segment")
def segment_group() -> None:
    """See, split or join a paragraph's Chinese sentences (where the splitter was wrong).

    Sentence-level exports, checks and the memory follow the new sentences; the
    machine translation of a sentence split in two is cleared (`workbench translate`
    fills it in again). Each split or join is one `workbench undo` step.
    """


def _show(paragraph_id: int, sentences: list[Sentence], fmt: str) -> None:
    if wants_json(fmt):
        emit_json(
            {
                "paragraph": paragraph_id,
                "sentences": [
                    {
                        "number": s.index + 1,
                        "chinese": s.source,
                        "machine_translation": s.mt,
                    }
                    for s in sentences
                ],
            }
        )
        return
    for sentence in sentences:
        mt = f"  → {shorten(sentence.mt, 50)}" if sentence.mt else ""
        result(f"{sentence.index + 1}: {sentence.source}{mt}")


@segment_group.command("list")
@click.argument("paragraph_id", type=int)
@project_option
@format_option()
def list_command(paragraph_id: int, project_path: Path, fmt: str) -> None:
    """The sentences of paragraph PARAGRAPH_ID (ids from `workbench paragraphs`), numbered."""
    with open_project(project_path) as project:
        project.paragraph(paragraph_id)  # a missing one is named
        _show(paragraph_id, project.sentences(paragraph_id), fmt)


@segment_group.command("join")
@click.argument("paragraph_id", type=int)
@click.argument("sentence", type=int)
@project_option
@format_option()
def join_command(paragraph_id: int, sentence: int, project_path: Path, fmt: str) -> None:
    """Join sentence SENTENCE of paragraph PARAGRAPH_ID with the next one.

    Example: `workbench segment join 12 2` makes sentences 2 and 3 of #12 one sentence.
    """
    with open_project(project_path, write=True) as project:
        _show(paragraph_id, join_sentence(project, paragraph_id, sentence - 1), fmt)


@segment_group.command("split")
@click.argument("paragraph_id", type=int)
@click.argument("sentence", type=int)
@click.argument("offset", type=int, required=False)
@click.option("--at", "at", metavar="TEXT", help="Split before the first occurrence of TEXT.")
@project_option
@format_option()
def split_command(
    paragraph_id: int,
    sentence: int,
    offset: int | None,
    at: str | None,
    project_path: Path,
    fmt: str,
) -> None:
    """Split sentence SENTENCE of paragraph PARAGRAPH_ID in two, before character OFFSET
    (counted from 0) or before the text given with --at.

    Example: `workbench segment split 12 2 --at 然后` starts a new sentence at 然后.
    """
    if (offset is None) == (at is None):
        raise InputError("give either OFFSET or --at TEXT (where the new sentence starts)")
    with open_project(project_path, write=True) as project:
        sentences = split_sentence(project, paragraph_id, sentence - 1, offset, at=at)
        _show(paragraph_id, sentences, fmt)
