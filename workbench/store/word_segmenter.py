"""Chinese word segmentation by jieba, over the CC-CEDICT headwords.

jieba finds the most probable split of a text into words (a dynamic programme over word
frequencies), where forward maximum matching takes the longest word at each position:
参与并发挥 is 参与/并/发挥, not 参与/并发/挥, and 研究生命 is 研究/生命, not 研究生/命.

Its vocabulary here is the dictionary's: every CC-CEDICT headword (both scripts), weighted
by the frequency jieba's own dictionary gives the word, or its simplified form (發展 weighs
what 发展 weighs). A headword jieba does not know is weighted as jieba weighs a user word
without a frequency (`suggest_freq`: just enough to be kept whole, 国际社会). One filler
entry (a private-use character no text holds) keeps jieba's total, so that probabilities
are jieba's. So every piece of more than one character is a headword the inspector can
show. Glossary terms take their spans before jieba sees the text
(`workbench.core.dictionary.segment`).

The vocabulary is written once as a jieba dictionary file in the workbench cache folder,
named after the dictionary index, and jieba keeps its parsed form beside it
(`<name>.cache`): later processes load that. Nothing goes to the temporary folder, $HOME
or the jieba package; jieba's log lines are silenced. Files of other indexes are removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import jieba

from workbench.core.chinese_script import to_simplified_each

PREFIX = "jieba-"
FILLER = "\ue000"  # private use: never in a text; carries the rest of jieba's total

jieba.setLogLevel(logging.CRITICAL)  # "Building prefix dict ..." on stderr otherwise
_LOCK = threading.Lock()


class WordSegmenter:
    """Splits Chinese text into CC-CEDICT headwords and single characters (thread-safe)."""

    def __init__(self, dictionary: Path) -> None:
        """`dictionary`: a jieba dictionary file written by `write_dictionary`."""
        self._tokenizer = jieba.Tokenizer(str(dictionary))
        self._tokenizer.tmp_dir = str(dictionary.parent)
        self._tokenizer.cache_file = dictionary.name + ".cache"
        self._tokenizer.initialize()

    def cut(self, text: str) -> Iterator[str]:
        """The pieces of `text` in order, whitespace and punctuation included."""
        return iter(self._tokenizer.cut(text, HMM=False))


def segmenter(headwords: Iterable[str], folder: Path, name: str) -> WordSegmenter:
    """A segmenter over `headwords`, its dictionary file `folder/jieba-<name>.txt` written
    first if missing; the files of other names are removed."""
    path = folder / f"{PREFIX}{name}-{jieba.__version__}.txt"
    with _LOCK:
        if not path.exists():
            write_dictionary(headwords, path)
            _remove_others(path)
        return WordSegmenter(path)


def write_dictionary(headwords: Iterable[str], path: Path) -> None:
    """A jieba dictionary of `headwords` ("word frequency" lines), written atomically."""
    words = sorted({word for word in headwords if word and not any(c.isspace() for c in word)})
    base = _jieba_own(path.parent)
    simplified = to_simplified_each(words)
    suggested: dict[str, int] = {}  # simplified form -> frequency (traditional words share)
    frequencies: list[int] = []
    for word, plain in zip(words, simplified, strict=True):
        freq = base.FREQ.get(word) or base.FREQ.get(plain) or suggested.get(plain)
        if not freq:
            freq = suggested[plain] = base.suggest_freq(plain, False)
        frequencies.append(freq)
    lines = [f"{word} {freq}\n" for word, freq in zip(words, frequencies, strict=True)]
    lines.append(f"{FILLER} {max(1, base.total - sum(frequencies))}\n")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(lines)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


_OWN: list[jieba.Tokenizer] = []  # jieba over its own dictionary, once per process


def _jieba_own(folder: Path) -> jieba.Tokenizer:
    """jieba over its own dictionary, its parsed form cached in `folder` (not in /tmp)."""
    if not _OWN:
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(folder)
        tokenizer.cache_file = f"{PREFIX}own-{jieba.__version__}.cache"
        tokenizer.initialize()
        _OWN.append(tokenizer)
    return _OWN[0]


def _remove_others(current: Path) -> None:
    with contextlib.suppress(OSError):
        for other in current.parent.glob(f"{PREFIX}*"):
            if not other.name.startswith(current.name):
                other.unlink(missing_ok=True)
