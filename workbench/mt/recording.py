"""A `Translator` wrapper that counts (and optionally logs or slows down) engine calls.

Tests and the benchmark use it to prove what the cache saves: how many sentences actually
reached the engine. `workbench translate` wraps its engine in it when `WORKBENCH_MT_LOG`
(a file that receives one JSON line per engine call) or `WORKBENCH_MT_DELAY` (seconds to
wait before each call, so a test can interrupt a run between chunks) is set.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from workbench.mt.base import DecodeOptions, TranslationResult, Translator

LOG_VARIABLE = "WORKBENCH_MT_LOG"
DELAY_VARIABLE = "WORKBENCH_MT_DELAY"


class RecordingTranslator:
    """Passes every call to `inner`, keeping the sentences of each call."""

    def __init__(
        self, inner: Translator, *, log_path: Path | None = None, delay: float = 0.0
    ) -> None:
        self.inner = inner
        self.log_path = log_path
        self.delay = delay
        self.calls: list[list[str]] = []
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def sentences(self) -> list[str]:
        """Every sentence sent to the engine, in order (rewritten sources included)."""
        return [sentence for call in self.calls for sentence in call]

    def translate_batch(
        self, sentences: Sequence[str], options: DecodeOptions | None = None
    ) -> list[TranslationResult]:
        if self.delay > 0:
            time.sleep(self.delay)
        with self._lock:
            self.calls.append(list(sentences))
            if self.log_path is not None:
                with self.log_path.open("a", encoding="utf-8") as log:
                    log.write(json.dumps(list(sentences), ensure_ascii=False) + "\n")
        return self.inner.translate_batch(sentences, options)


def from_environment(engine: Translator) -> Translator:
    """`engine` wrapped in a RecordingTranslator when the environment asks for it."""
    log = os.environ.get(LOG_VARIABLE)
    delay = float(os.environ.get(DELAY_VARIABLE) or 0)
    if not log and delay <= 0:
        return engine
    return RecordingTranslator(engine, log_path=Path(log) if log else None, delay=delay)


def read_log(path: Path) -> list[list[str]]:
    """The calls written to a log file, in order (no file: no call)."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [list(json.loads(line)) for line in lines if line.strip()]
