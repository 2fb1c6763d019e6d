"""How a word looked up in the glossary and CC-CEDICT is shown: one compact line (the
Dictionary tab, the editor's gloss line, completions) or in full (the word at the cursor).

Glossary entries always come first and carry a mark: ✔ for an approved term, ◌ for a
candidate. Pinyin is shown with tone marks; senses as CC-CEDICT writes them, with the words
they name in simplified characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual.content import Content

from workbench.core.dictionary import (
    DictEntry,
    Script,
    WordInfo,
    display_sense,
    numbered_senses,
)
from workbench.core.glossary import Term, TermStatus

MUTED = "$foreground-muted"
PINYIN = "$text-primary"  # readable on light themes too (amber is not)
# In a list whose highlighted line takes the theme's cursor colours, a colour of our own
# could vanish into them: such lines mark pinyin by style alone.
PLAIN_PINYIN = "italic"
OK = "$text-success"
HEADWORD = "bold"
SENSES_IN_LINE = 3  # senses in a compact line; the rest are in the full view
Part = str | tuple[str, str]


def term_mark(term: Term, *, plain: bool = False) -> list[Part]:
    """`✔ digital divide` (approved) or `◌ major country in AI (candidate)`; `plain`:
    without colours."""
    if term.status is TermStatus.APPROVED:
        return [("✔ ", "bold" if plain else f"{OK} bold"), (term.target, "bold")]
    status = f" ({term.status.value})"
    return [
        ("◌ ", "" if plain else MUTED),
        (term.target, "bold"),
        (status, "italic" if plain else f"{MUTED} italic"),
    ]


def headword(entry: DictEntry) -> str:
    """`国际 (國際)`: simplified, then traditional when it differs."""
    if entry.traditional == entry.simplified:
        return entry.simplified
    return f"{entry.simplified} ({entry.traditional})"


def meaningful(entries: Sequence[DictEntry]) -> list[DictEntry]:
    """The entries worth a compact line: those with a meaning of their own, if any."""
    return [e for e in entries if not e.is_variant] or list(entries)


def pinyin(entries: Sequence[DictEntry]) -> str:
    """Every reading with tone marks: `háng / xíng`."""
    return " / ".join(dict.fromkeys(e.pinyin_marks for e in entries))


def senses_text(entries: Sequence[DictEntry], limit: int = SENSES_IN_LINE) -> str:
    senses = [s for e in entries for s in e.display_senses(Script.SIMPLIFIED)]
    shown = "; ".join(senses[:limit])
    return shown + ("; …" if len(senses) > limit else "")


def word_line(info: WordInfo, *, pad: int = 0, plain: bool = False) -> Content:
    """One line: the word (padded to `pad` cells), then its glossary English or its pinyin
    and first senses. `plain`: without colours (see `PLAIN_PINYIN`)."""
    label = info.text + " " * max(0, pad - cell_len(info.text))
    parts: list[Part] = [(label, HEADWORD), "  "]
    entries = meaningful(info.entries)
    if info.term is not None:
        parts += term_mark(info.term, plain=plain)  # the agreed English counts: no pinyin
    elif entries:
        parts += [(pinyin(entries), PLAIN_PINYIN if plain else PINYIN), "  "]
        parts.append(senses_text(entries))
    else:
        parts.append(("not in the dictionary", "italic" if plain else f"{MUTED} italic"))
    return Content.assemble(*parts)


def entry_line(entries: Sequence[DictEntry], *, pad: int = 0) -> Content:
    """One line for the readings of one headword (a completion, in a list: no colours)."""
    label = headword(entries[0])
    label += " " * max(0, pad - cell_len(label))
    shown = meaningful(entries)
    return Content.assemble(
        (label, HEADWORD), "  ", (pinyin(shown), PLAIN_PINYIN), "  ", senses_text(shown)
    )


def label_width(words: Iterable[str], cap: int = 12) -> int:
    """The width to pad words to so their English lines up, at most `cap` cells."""
    return min(cap, max((cell_len(w) for w in words), default=0))


def word_detail(info: WordInfo) -> Content:
    """Everything about a word: its glossary entry, then each reading with its senses in one
    paragraph, numbered as `term_from_sense` counts them, and classifiers; for a glossary
    term the dictionary lacks as a whole, the dictionary words it is made of."""
    parts: list[Part | Content] = []
    term = info.term
    if term is not None:
        parts += [("glossary ", MUTED), *term_mark(term), "\n"]
        if term.variants:
            parts.append((f"  also: {' | '.join(term.variants)}\n", MUTED))
        if term.forbidden:
            parts.append((f"  never: {' | '.join(term.forbidden)}\n", MUTED))
    numbered = numbered_senses(info.entries)
    for entry in info.entries:
        parts += [(headword(entry), HEADWORD), "  ", (entry.pinyin_marks, PINYIN), "\n "]
        for index, (number, _, sense) in enumerate(n for n in numbered if n[1] is entry):
            shown = display_sense(sense, Script.SIMPLIFIED)
            parts += [";" if index else "", (f" {number}.", MUTED), f" {shown}"]
        parts.append("\n")
        if entry.classifiers:
            parts.append(_classifiers(entry))
    if info.parts:
        parts.append(("words:\n", MUTED))
        pad = label_width(p.text for p in info.parts)
        for part in info.parts:
            parts += ["  ", word_line(part, pad=pad), "\n"]
    if not info.found:
        parts.append((f"{info.text}: not in the glossary or the dictionary\n", f"{MUTED} italic"))
    return Content.assemble(*parts).rstrip()


def words_of_row(words: Iterable[WordInfo]) -> list[WordInfo]:
    """The words of a paragraph as the Dictionary tab lists them: glossary terms first, then
    the other words, each in text order and once; punctuation and numbers left out."""
    seen: set[str] = set()
    terms: list[WordInfo] = []
    others: list[WordInfo] = []
    for word in words:
        if not word.is_word or word.text in seen:
            continue
        seen.add(word.text)
        (terms if word.term is not None else others).append(word)
    return terms + others


def _classifiers(entry: DictEntry) -> tuple[str, str]:
    shown = ", ".join(c.display(Script.SIMPLIFIED) for c in entry.classifiers)
    return (f"  classifier: {shown}\n", MUTED)
