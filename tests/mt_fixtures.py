"""MT fixtures: a generated zh→en argos package, built once and cached, installed per run.

The package is built by `workbench.mt.synthetic` (a real CTranslate2 Transformer with
SentencePiece trained on the seeds and development pairs), cached under `.cache/mt-models/`
keyed by a hash of the generator settings and corpus, installed with argostranslate's own
install code into a temporary ARGOS_PACKAGES_DIR, and loaded by the same engine code that
loads the official model.

The lexicon makes the generated model translate 人工智能 as "AI": the tests use that to
build the case "the model prefers a rendering the glossary forbids".

Where a real model exists (`$WORKBENCH_ZH_EN_MODEL`, or `translate-zh_en*.argosmodel` in
../shared/models/), `engine` also runs every generic engine test on it; otherwise those
are skipped with that reason.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from workbench.mt import packages
from workbench.mt.argos import ArgosTranslator
from workbench.mt.base import DecodeOptions, Hypothesis, TranslationResult
from workbench.mt.synthetic import (
    REPO_ROOT,
    TINY,
    SyntheticConfig,
    cached_archive,
)

CACHE_DIR = REPO_ROOT / ".cache" / "mt-models"
SHARED_MODELS = REPO_ROOT.parent / "shared" / "models"
TEST_CONFIG = replace(TINY, lexicon=(("人工智能", "AI"),))
NO_OFFICIAL_MODEL = (
    "no official zh→en model: set WORKBENCH_ZH_EN_MODEL or put "
    f"translate-zh_en*.argosmodel in {SHARED_MODELS}"
)


def cached_model(config: SyntheticConfig = TEST_CONFIG, cache_dir: Path = CACHE_DIR) -> Path:
    """The generated package for `config`, built on first use."""
    return cached_archive(config, cache_dir)


def official_model_path() -> Path | None:
    given = os.environ.get("WORKBENCH_ZH_EN_MODEL")
    if given:
        return Path(given)
    found = sorted(SHARED_MODELS.glob("translate-zh_en*.argosmodel"))
    return found[-1] if found else None


def latin_only(source: str) -> str:
    """What a model does with unknown words: copies the Latin-script text it sees."""
    return " ".join(re.findall(r"[A-Za-z0-9][A-Za-z0-9 ,.'-]*[A-Za-z0-9]|[A-Za-z0-9]", source))


class ScriptedTranslator:
    """n-best lists by source; suppressed phrases never come out, as with the real decoder."""

    model_id = "scripted"

    def __init__(
        self,
        script: dict[str, list[str]],
        fallback: Callable[[str], str] = latin_only,
        attention: dict[str, TranslationResult] | None = None,
    ) -> None:
        self.script = script
        self.fallback = fallback
        self.aligned = attention or {}
        self.calls: list[tuple[list[str], DecodeOptions]] = []

    def translate_batch(
        self, sentences: Sequence[str], options: DecodeOptions | None = None
    ) -> list[TranslationResult]:
        options = options or DecodeOptions()
        self.calls.append((list(sentences), options))
        results = []
        for sentence in sentences:
            if sentence in self.aligned and not options.suppress:
                results.append(self.aligned[sentence])
                continue
            texts = self.script.get(sentence) or [self.fallback(sentence)]
            allowed = [
                text
                for text in texts
                if not any(p.lower() in text.lower() for p in options.suppress)
            ] or ["nothing"]
            hypotheses = tuple(
                Hypothesis(text, -1.0 - rank)
                for rank, text in enumerate(allowed[: options.num_hypotheses])
            )
            results.append(TranslationResult(sentence, hypotheses))
        return results


@pytest.fixture(scope="session")
def tiny_argosmodel() -> Path:
    return cached_model()


@pytest.fixture(scope="session")
def argos_packages_dir(tmp_path_factory: pytest.TempPathFactory, tiny_argosmodel: Path) -> Path:
    """A package directory holding the generated model, installed via ARGOS_PACKAGES_DIR."""
    directory = tmp_path_factory.mktemp("argos-packages")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ARGOS_PACKAGES_DIR", str(directory))
        packages.install(tiny_argosmodel)
    return directory


@pytest.fixture(scope="session")
def tiny_engine(argos_packages_dir: Path) -> ArgosTranslator:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ARGOS_PACKAGES_DIR", str(argos_packages_dir))
        return ArgosTranslator.load()


@pytest.fixture(scope="session")
def official_engine(tmp_path_factory: pytest.TempPathFactory) -> ArgosTranslator:
    archive = official_model_path()
    if archive is None or not archive.is_file():
        pytest.skip(NO_OFFICIAL_MODEL)
    directory = tmp_path_factory.mktemp("argos-official")
    packages.install(archive, directory)
    return ArgosTranslator.load(directory=directory)


@pytest.fixture(
    scope="session",
    params=["generated", pytest.param("official", marks=pytest.mark.official_model)],
)
def engine(request: pytest.FixtureRequest) -> Iterator[ArgosTranslator]:
    """The real engine on the generated model, and on the official one where present."""
    name = "tiny_engine" if request.param == "generated" else "official_engine"
    yield request.getfixturevalue(name)


@pytest.fixture
def packages_env(monkeypatch: pytest.MonkeyPatch, argos_packages_dir: Path) -> Path:
    """ARGOS_PACKAGES_DIR pointing at the directory with the generated model."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos_packages_dir))
    return argos_packages_dir
