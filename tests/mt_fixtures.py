"""MT fixtures: a generated zh→en argos package, built once and cached, installed per run.

The package is built by `workbench.mt.synthetic` (a real CTranslate2 Transformer with
SentencePiece trained on the seeds and development pairs), cached under `.cache/mt-models/`
keyed by a hash of the generator settings and corpus, installed by `workbench.mt.packages`
into a temporary ARGOS_PACKAGES_DIR, and loaded by the same engine code that
loads the official model.

The lexicon makes the generated model translate 人工智能 as "AI": the tests use that to
build the case "the model prefers a rendering the glossary forbids".

Where a real model exists (`$WORKBENCH_ZH_EN_MODEL`, or `translate-zh_en*.argosmodel` in
../shared/models/), `engine` also runs every generic engine test on it; otherwise those
are skipped with that reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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


# -- archives built by the tests: damaged, oversized, hostile --------------------------------

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def write_zip(
    path: Path,
    files: Mapping[str, bytes | str] | None = None,
    *,
    zeros: Mapping[str, int] | None = None,
    corrupt: Iterable[str] = (),
) -> Path:
    """A zip of `files`, plus members of that many zero bytes (streamed, never held in memory:
    a zip bomb). Members named in `corrupt` are stored and get one byte flipped, so that
    their CRC-32 check fails while the zip directory stays valid."""
    corrupt = set(corrupt)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zipped:
        for name, content in (files or {}).items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name in corrupt else zipfile.ZIP_DEFLATED
            zipped.writestr(info, content.encode("utf-8") if isinstance(content, str) else content)
        block = bytes(1 << 20)
        for name, size in (zeros or {}).items():
            with zipped.open(name, "w", force_zip64=size >= 1 << 31) as output:
                for start in range(0, size, len(block)):
                    output.write(block[: min(len(block), size - start)])
    for name in corrupt:
        flip_byte(path, name)
    return path


def flip_byte(path: Path, member: str) -> None:
    """Invert one byte in the middle of a member's stored data."""
    with zipfile.ZipFile(path) as zipped:
        info = zipped.getinfo(member)
    with path.open("r+b") as handle:
        handle.seek(info.header_offset + 26)
        name_length, extra_length = struct.unpack("<HH", handle.read(4))
        handle.seek(info.header_offset + 30 + name_length + extra_length + info.compress_size // 2)
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0xFF]))


def rewrite_archive(
    source: Path,
    target: Path,
    *,
    replacing: Mapping[str, bytes | str] | None = None,
    drop: Iterable[str] = (),
    corrupt: Iterable[str] = (),
) -> Path:
    """A copy of a package archive with members (named relative to its package folder)
    replaced, dropped or damaged (see `write_zip`)."""
    replacing, drop, corrupt = dict(replacing or {}), set(drop), set(corrupt)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        top = original.namelist()[0].split("/", 1)[0]
        for info in original.infolist():
            relative = info.filename[len(top) + 1 :]
            if relative in drop:
                continue
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            stored = relative in corrupt
            member.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            if relative in replacing:
                content = replacing.pop(relative)
                copy.writestr(member, content.encode() if isinstance(content, str) else content)
                continue
            with original.open(info) as data, copy.open(member, "w") as output:
                shutil.copyfileobj(data, output, 1 << 20)
        for relative, content in replacing.items():  # new members
            member = zipfile.ZipInfo(f"{top}/{relative}", date_time=ZIP_TIME)
            copy.writestr(member, content.encode() if isinstance(content, str) else content)
    for relative in corrupt:
        flip_byte(target, f"{top}/{relative}")
    return target


def package_metadata(**fields: object) -> str:
    """A package's metadata.json: zh→en 1.0 unless `fields` say otherwise (None: absent)."""
    metadata: dict[str, object] = {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": "zh",
        "to_code": "en",
        "type": "translate",
    }
    metadata.update(fields)
    return json.dumps({k: v for k, v in metadata.items() if v is not None})


def tree_state(folder: Path) -> dict[str, str]:
    """Every path under `folder` (hidden ones too) with its content hash: 'dir' for folders."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_dir():
            state[key] = "dir"
        else:
            state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state
