"""The argostranslate engine: installed argos packages driven through CTranslate2 directly.

Installed packages are read by `workbench.mt.installed` and installed by
`workbench.mt.packages`, without argostranslate: its import creates folders under the home
directory, and its install code imports onnxruntime, which writes telemetry files. The
package directory is resolved at call time (`packages_dir()`). This module imports
`argostranslate` only to download a package (`download_from_index`, `model install --online`).

argostranslate's own `translate()` is not used: it splits sentences with MiniSBD, whose model
is downloaded at run time, and translates one paragraph per CTranslate2 call. Here the
workbench splits sentences itself and sends sentences from many paragraphs through one
`translate_batch` call, sorted by length.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.errors import EngineError, InputError, ModelBrokenError, ModelNotInstalledError
from workbench.mt.base import DecodeOptions, Hypothesis, Span, TranslationResult
from workbench.mt.installed import (
    SYNTHETIC_KEY,
    InstalledPackage,
    packages_dir,
    read_package,
    scan,
    shown,
)

if TYPE_CHECKING:
    import ctranslate2
    import sentencepiece

__all__ = [
    "SYNTHETIC_KEY",
    "ArgosTranslator",
    "InstalledPackage",
    "find_package",
    "installed_packages",
    "packages_dir",
    "read_package",
]

INSTALL_HINT = "workbench model install PATH.argosmodel"
ONLINE_HINT = "workbench model install --online zh en"
GENERATED_HINT = "workbench model install --generated tiny"

_BYTE_PIECE = re.compile(r"<0x[0-9A-Fa-f]{2}>")


def _argos_package() -> Any:
    import argostranslate.package

    return argostranslate.package


def _argos_settings() -> Any:
    import argostranslate.settings

    return argostranslate.settings


def cpu_count() -> int:
    """Cores this process may use (affinity-aware where the platform says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not available on every platform
        return max(1, os.cpu_count() or 1)


def installed_packages(directory: Path | None = None) -> list[InstalledPackage]:
    """Every usable package in the directory (broken ones: `workbench.mt.installed.scan`)."""
    return list(scan(directory).installed)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def find_package(
    from_code: str = "zh",
    to_code: str = "en",
    directory: Path | None = None,
    name: str | None = None,
) -> InstalledPackage:
    """The installed package for the pair; a real model wins over a generated one. `name`
    (the config file's `model`) picks one package by name.

    Without one, ModelBrokenError when a package for the pair (or of unknown pair) is there
    but broken, saying why; else ModelNotInstalledError."""
    found = scan(directory)
    candidates = [
        package
        for package in found.installed
        if package.from_code == from_code
        and package.to_code == to_code
        and package.package_type == "translate"
    ]
    if name is not None:
        named = [package for package in candidates if package.name == name]
        if not named:  # not "no model": another may be installed; one line says which
            raise InputError(
                f"The model {name!r} chosen in the config file is not installed in "
                f"{found.directory}; see `workbench model list`, or "
                "`workbench config unset model` to use any installed model."
            )
        candidates = named
    if candidates:
        candidates.sort(key=lambda p: (not p.synthetic, _version_key(p.package_version), p.name))
        return candidates[-1]
    broken = [
        package
        for package in found.broken
        if package.from_code in ("", from_code) and package.to_code in ("", to_code)
    ]
    if broken:
        reasons = "; ".join(f"{shown(p.name)}: {p.reason}" for p in broken)
        raise ModelBrokenError(
            f"No usable {from_code}→{to_code} translation model in {found.directory}: broken "
            f"package ({reasons}). Install it again: {INSTALL_HINT} (or remove it: "
            f"workbench model remove {shown(broken[0].name)})."
        )
    raise ModelNotInstalledError(
        f"No {from_code}→{to_code} translation model is installed in {found.directory}. "
        f"Install one with: {INSTALL_HINT} "
        f"(on a machine with internet access: {ONLINE_HINT}; to try the workflow with a "
        f"test model whose English is not a translation: {GENERATED_HINT})."
    )


def verify_model(folder: Path) -> None:
    """Load the package's SentencePiece and CTranslate2 models and decode one token;
    InputError("<folder>: <reason>") if either fails."""
    import ctranslate2
    import sentencepiece

    try:
        processor = sentencepiece.SentencePieceProcessor(
            model_file=str(folder / "sentencepiece.model")
        )
    except (RuntimeError, OSError, ValueError) as exc:
        raise InputError(
            f"{folder}: sentencepiece.model is not a SentencePiece model ({_first_line(exc)})"
        ) from exc
    try:
        translator = ctranslate2.Translator(
            str(folder / "model"), device="cpu", inter_threads=1, intra_threads=1
        )
        tokens = processor.encode("中", out_type=str) or ["▁"]
        translator.translate_batch([tokens], beam_size=1, max_decoding_length=4)
    except (RuntimeError, OSError, ValueError) as exc:
        raise InputError(
            f"{folder}: the CTranslate2 model in model/ does not load ({_first_line(exc)})"
        ) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def download_from_index(from_code: str, to_code: str) -> Path:
    """Download a package through argostranslate's package index (needs internet)."""
    argos = _argos_package()
    argos.update_package_index()  # logs and returns on failure
    index = Path(_argos_settings().local_package_index)
    if not index.is_file():
        # get_available_packages would retry the download forever (it recurses).
        raise InputError(
            "Cannot reach argostranslate's package index (no internet access?). "
            f"Install from a file instead: {INSTALL_HINT}"
        )
    try:
        available = argos.get_available_packages()
    except (OSError, ValueError) as exc:
        raise InputError(f"Cannot read the argos package index {index} ({exc}).") from exc
    for candidate in available:
        if candidate.from_code == from_code and candidate.to_code == to_code:
            try:
                return Path(candidate.download())
            except Exception as exc:  # argostranslate raises bare Exception on failure
                raise InputError(f"Download of {candidate} failed: {exc}") from exc
    raise InputError(f"The argos package index has no {from_code}→{to_code} package.")


def _char_spans(text: str, pieces: Sequence[Any]) -> list[Span]:
    """Character spans of SentencePiece pieces from their UTF-8 byte offsets."""
    byte_to_char = [0] * (len(text.encode("utf-8")) + 1)
    position = 0
    for index, char in enumerate(text):
        width = len(char.encode("utf-8"))
        for offset in range(width):
            byte_to_char[position + offset] = index
        position += width
    byte_to_char[position] = len(text)
    spans = [(byte_to_char[piece.begin], byte_to_char[piece.end]) for piece in pieces]
    # Byte-fallback runs: only the last byte piece carries the character; share its span.
    for index in range(len(spans) - 2, -1, -1):
        start, end = spans[index]
        if start == end and spans[index + 1][0] == start and pieces[index].piece != "▁":
            spans[index] = spans[index + 1]
    return spans


def detokenize(pieces: Sequence[str]) -> tuple[str, list[Span]]:
    """Join target pieces into text, with the character span of each piece.

    Spaces come from the ▁ marker only; runs collapse to one space and the ends are trimmed.
    Byte-fallback pieces are decoded as UTF-8 together.
    """
    text = ""
    spans: list[Span] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if _BYTE_PIECE.fullmatch(piece):
            end = index
            raw = bytearray()
            while end < len(pieces) and _BYTE_PIECE.fullmatch(pieces[end]):
                raw.append(int(pieces[end][3:5], 16))
                end += 1
            start = len(text)
            text += raw.decode("utf-8", errors="replace")
            spans.extend([(start, len(text))] * (end - index))
            index = end
            continue
        surface = "⁇" if piece == "<unk>" else piece.replace("▁", " ")
        if not text or text.endswith(" "):
            surface = surface.lstrip(" ")
        elif surface.startswith(" "):
            surface = " " + surface.lstrip(" ")
        lead = len(surface) - len(surface.lstrip(" "))
        start = len(text)
        text += surface
        spans.append((min(start + lead, len(text)), len(text)))
        index += 1
    stripped = text.rstrip(" ")
    return stripped, [(min(a, len(stripped)), min(b, len(stripped))) for a, b in spans]


class ArgosTranslator:
    """Translates with an installed argos package: its CTranslate2 model and SentencePiece."""

    def __init__(
        self,
        package: InstalledPackage,
        *,
        threads: int | None = None,
        inter_threads: int | None = None,
        max_batch_size: int = 16,
        compute_type: str = "default",
    ) -> None:
        """Load the package's model.

        By default two batches run in parallel (when there are two cores or more), each on
        half of the cores. Measured on 2 cores with a Transformer-base int8 model, beam 4:
        1 thread x 2 batches translates about 25% more sentences per second than 2 threads
        x 1 batch; batches of 16 sentences are as fast as 32 with a peak of ~520 MB instead
        of ~760 MB.
        """
        import ctranslate2
        import sentencepiece

        model_dir = package.path / "model"
        spm_path = package.path / "sentencepiece.model"
        if not spm_path.is_file():
            raise InputError(
                f"{package.path}: no sentencepiece.model (BPE packages are not supported)."
            )
        if not (model_dir / "model.bin").is_file():
            raise InputError(f"{package.path}: no CTranslate2 model in model/.")
        self.package = package
        self.max_batch_size = max_batch_size
        cores = cpu_count()
        self.inter_threads = inter_threads or min(2, cores)
        self.threads = threads or max(1, cores // self.inter_threads)
        try:
            self._sp: sentencepiece.SentencePieceProcessor = sentencepiece.SentencePieceProcessor(
                model_file=str(spm_path)
            )
            self._ct2: ctranslate2.Translator = ctranslate2.Translator(
                str(model_dir),
                device="cpu",
                compute_type=compute_type,
                inter_threads=self.inter_threads,
                intra_threads=self.threads,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise EngineError(
                f"The model in {package.path} cannot be loaded ({exc}). Reinstall it: "
                f"workbench model remove {package.name}, then {INSTALL_HINT}"
            ) from exc
        config = _read_json(model_dir / "config.json")
        self._source_offset = 1 if config.get("add_source_bos") else 0
        self._vocabulary = _read_target_vocabulary(model_dir)

    @classmethod
    def load(
        cls,
        from_code: str = "zh",
        to_code: str = "en",
        directory: Path | None = None,
        name: str | None = None,
        **options: Any,
    ) -> ArgosTranslator:
        """The engine for the installed package (raises ModelNotInstalledError)."""
        return cls(find_package(from_code, to_code, directory, name), **options)

    @property
    def generated(self) -> bool:
        """True for the generated test model (workbench.mt.synthetic): no real translation."""
        return self.package.synthetic

    @cached_property
    def model_id(self) -> str:
        digest = hashlib.sha256()
        for name in ("config.json", "model.bin"):
            path = self.package.path / "model" / name
            if path.is_file():
                with path.open("rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
        return f"argos:{self.package.name}:{digest.hexdigest()[:16]}"

    def tokenize(self, text: str) -> tuple[list[str], list[Span]]:
        """SentencePiece pieces of `text` and the character span of each."""
        proto = self._sp.encode(text, return_type="proto")
        pieces = list(proto.pieces)
        return [piece.piece for piece in pieces], _char_spans(text, pieces)

    def encode(self, text: str) -> list[str]:
        return list(self._sp.encode(text, out_type=str))

    def suppress_sequences(self, phrases: Sequence[str]) -> list[list[str]]:
        """Token sequences for phrases in the casings they are likely to appear in."""
        sequences: list[list[str]] = []
        for phrase in phrases:
            variants = {phrase, phrase.lower(), phrase[:1].upper() + phrase[1:]}
            for variant in sorted(variants):
                tokens = self.encode(variant)
                known = not self._vocabulary or all(t in self._vocabulary for t in tokens)
                if tokens and known and tokens not in sequences:
                    sequences.append(tokens)
        return sequences

    def translate_batch(
        self, sentences: Sequence[str], options: DecodeOptions | None = None
    ) -> list[TranslationResult]:
        options = options or DecodeOptions()
        tokenized = [self.tokenize(sentence) for sentence in sentences]
        results: list[TranslationResult | None] = [None] * len(sentences)
        work = []
        for index, (sentence, (pieces, _)) in enumerate(zip(sentences, tokenized, strict=True)):
            if not pieces or not sentence.strip():
                results[index] = TranslationResult(sentence, (Hypothesis("", 0.0),), (), ())
            else:
                work.append(index)
        # Length-sorted so each CTranslate2 batch holds sentences of similar length.
        work.sort(key=lambda index: len(tokenized[index][0]))
        if work:
            outputs = self._decode([tokenized[index][0] for index in work], options)
            for index, output in zip(work, outputs, strict=True):
                pieces, spans = tokenized[index]
                results[index] = TranslationResult(
                    source=sentences[index],
                    hypotheses=self._hypotheses(output, len(pieces), options),
                    source_tokens=tuple(pieces),
                    source_spans=tuple(spans),
                )
        return [result for result in results if result is not None]

    def _decode(self, batch: list[list[str]], options: DecodeOptions) -> list[Any]:
        prefix = [[self.package.target_prefix]] * len(batch) if self.package.target_prefix else None
        longest = max(len(tokens) for tokens in batch)
        try:
            outputs = self._ct2.translate_batch(
                batch,
                target_prefix=prefix,
                max_batch_size=self.max_batch_size,
                batch_type="examples",
                beam_size=max(options.beam_size, options.num_hypotheses),
                num_hypotheses=options.num_hypotheses,
                length_penalty=options.length_penalty,
                return_scores=True,
                return_attention=options.return_attention,
                replace_unknowns=True,
                suppress_sequences=self.suppress_sequences(options.suppress) or None,
                max_decoding_length=min(1024, max(256, 3 * longest + 10)),
            )
        except (RuntimeError, ValueError) as exc:  # what CTranslate2 raises for a failed decode
            raise EngineError(f"The translation model {self.package.name} failed: {exc}") from exc
        return list(outputs)

    def _hypotheses(
        self, output: Any, source_length: int, options: DecodeOptions
    ) -> tuple[Hypothesis, ...]:
        hypotheses = []
        prefix = [self.package.target_prefix] if self.package.target_prefix else []
        for rank, tokens in enumerate(output.hypotheses):
            tokens = list(tokens)
            attention = output.attention[rank] if options.return_attention else None
            if prefix:
                # CTranslate2 returns the forced prefix first (as <unk> if it is not in the
                # vocabulary); it is not part of the translation.
                tokens = tokens[len(prefix) :]
                if attention is not None:
                    attention = attention[len(prefix) :]
            text, spans = detokenize(tokens)
            rows = None
            if attention is not None:
                # Positions the model adds itself (</s>, <s>) are not source tokens.
                width = len(attention[0]) if attention else source_length
                start = self._source_offset if width > source_length else 0
                rows = tuple(
                    tuple(float(w) for w in row[start : start + source_length]) for row in attention
                )
            hypotheses.append(
                Hypothesis(
                    text=text,
                    score=float(output.scores[rank]),
                    tokens=tuple(tokens),
                    token_spans=tuple(spans),
                    attention=rows,
                )
            )
        return tuple(hypotheses)


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _read_target_vocabulary(model_dir: Path) -> frozenset[str]:
    # CTranslate2 writes shared_/target_vocabulary as .json (older converters: .txt).
    for stem in ("shared_vocabulary", "target_vocabulary"):
        json_path = model_dir / f"{stem}.json"
        if json_path.is_file():
            return frozenset(json.loads(json_path.read_text(encoding="utf-8")))
        text_path = model_dir / f"{stem}.txt"
        if text_path.is_file():
            return frozenset(text_path.read_text(encoding="utf-8").splitlines())
    return frozenset()
