"""The machine-translation engine the CLI and the editor use: the installed zh→en model."""

from __future__ import annotations

import threading
from collections.abc import Callable

from workbench.mt.base import Translator

GENERATED_NOTICE = (
    "The installed model is the generated test model: its English is not a translation (only "
    "the glossary terms in it are right). Install a real zh→en model for real work."
)


def is_generated(engine: Translator | None) -> bool:
    """True for the generated test model, also behind a wrapper (RecordingTranslator)."""
    while engine is not None:
        if getattr(engine, "generated", False):
            return True
        engine = getattr(engine, "inner", None)
    return False


def load_engine() -> Translator:
    """The installed zh→en model (raises ModelNotInstalledError with the fix); the one named
    by `model` in the person's config file when set."""
    from workbench import config
    from workbench.mt.argos import ArgosTranslator

    settings = config.read()
    return ArgosTranslator.load(name=settings.get("model"))


class EngineProvider:
    """Loads the engine on first use (seconds for a real model: call from a worker), then
    keeps it. Without a model every call raises ModelNotInstalledError, so installing one
    while the editor runs works."""

    def __init__(self, loader: Callable[[], Translator] = load_engine) -> None:
        self._loader = loader
        self._engine: Translator | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Translator:
        with self._lock:
            if self._engine is None:
                self._engine = self._loader()
            return self._engine
