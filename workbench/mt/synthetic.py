"""Generated zh→en argos packages for tests and benchmarks (no model can be downloaded here).

The package is built like an official one: a SentencePiece model trained on the seeds and the
development pairs, a genuine CTranslate2 Transformer (`ctranslate2.specs.TransformerSpec`,
pre-norm, ReLU, int8 if asked) and a `.argosmodel` zip holding metadata.json, model/,
sentencepiece.model and README.md, installed like any package (`workbench.mt.packages`).

Random weights would produce random-length garbage, so the weights are set by hand to make a
small monotone "dictionary" translator whose behaviour the tests can rely on:

* The residual stream has three parts: position codes (sinusoids, stored with their negation so
  every vector has zero mean and LayerNorm only rescales), token codes (balanced ±a vectors,
  also zero-mean) and scratch dimensions that always stay zero.
* Every layer computes on realistic shapes, but its self-attention values and feed-forward
  inputs read only the scratch dimensions, so they add exactly nothing; their other weights
  are random (and distinct per layer, so CTranslate2 does not alias them away).
* Every decoder cross-attention layer matches decoder step t to source position t (sharp,
  position-code dot products); the last one copies the source token code into the stream,
  and the output projection maps each source piece to an English piece: Latin-script and
  byte pieces to themselves (like real models copy names and numbers), CJK punctuation to
  ASCII punctuation, any other piece to an English word chosen by hash, with a second,
  weaker choice so that n-best lists differ. `</s>` is appended to the source
  (`add_source_eos`) and maps to `</s>`, so the output has as many pieces as the input.
* A lexicon can make the model prefer given renderings (e.g. a forbidden one).

The result translates nothing, but loading, batching, n-best, scores, attention (diagonal),
suppress_sequences and the cost of decoding are all genuine.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from workbench.mt.argos import SYNTHETIC_KEY

GENERATOR_VERSION = 1
REPO_ROOT = Path(__file__).resolve().parents[2]
# A wheel carries a copy of the corpus (setup.py copies it at build); a checkout reads it
# in place.
PACKAGED_CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SEEDS_DIR = PACKAGED_CORPUS if PACKAGED_CORPUS.is_dir() else REPO_ROOT / "seeds"
DEV_PAIRS = (PACKAGED_CORPUS if PACKAGED_CORPUS.is_dir() else REPO_ROOT / "eval") / "dev-pairs.tsv"

FloatArray = npt.NDArray[np.float32]

_CJK_PUNCTUATION = {
    "。": ".",
    "，": ",",
    "、": ",",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "（": "(",
    "）": ")",
    "《": '"',
    "》": '"',
    "—": "-",
    "…": "...",
}


@dataclass(frozen=True)
class SyntheticConfig:
    """Shape and behaviour of a generated model."""

    name: str
    d_model: int
    encoder_layers: int
    decoder_layers: int
    heads: int
    ffn_dim: int
    vocab_size: int = 0  # 0: as many pieces as the corpus yields; else pad to this size
    max_positions: int = 512
    quantization: str | None = "int8"
    max_piece_length: int = 4  # keeps Chinese pieces at word length, as in large models
    seed: int = 20240403
    confidence: float = 12.0  # logit of the preferred piece
    secondary_weight: float = 0.75  # relative logit of the second choice
    lexicon: tuple[tuple[str, str], ...] = field(default=())  # (Chinese, English preferred)

    def fingerprint(self, corpus: Sequence[str]) -> str:
        digest = hashlib.sha256()
        digest.update(json.dumps([GENERATOR_VERSION, asdict(self)], ensure_ascii=False).encode())
        for line in corpus:
            digest.update(line.encode("utf-8") + b"\n")
        return digest.hexdigest()[:16]


# Small and quick to build: for tests.
TINY = SyntheticConfig(
    "tiny", d_model=256, encoder_layers=2, decoder_layers=2, heads=4, ffn_dim=2048
)
# The shape of the official argos zh→en model: Transformer-base, ~32k vocabulary, int8.
OFFICIAL_SHAPE = SyntheticConfig(
    "base",
    d_model=512,
    encoder_layers=6,
    decoder_layers=6,
    heads=8,
    ffn_dim=2048,
    vocab_size=32000,
    max_positions=5000,
)


GENERATED_CONFIGS = {config.name: config for config in (TINY, OFFICIAL_SHAPE)}


def cached_archive(config: SyntheticConfig, cache_dir: Path) -> Path:
    """The package for `config` built from the default corpus, built on first use and kept in
    `cache_dir` under a name keyed by the generator settings and the corpus."""
    corpus = default_corpus()
    key = config.fingerprint(corpus)
    path = cache_dir / f"translate-zh_en-synthetic-{config.name}-{key}.argosmodel"
    if not path.is_file():
        build_argosmodel(config, corpus, path)
    return path


def default_corpus(seeds_dir: Path = SEEDS_DIR, pairs: Path = DEV_PAIRS) -> list[str]:
    """Lines of the seed pages and both columns of the development pairs, where present."""
    lines: list[str] = []
    for path in sorted(seeds_dir.glob("*.txt")):
        lines.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    if pairs.is_file():
        with pairs.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                lines.extend([row.get("zh") or "", row.get("en") or ""])
    return [line for line in lines if line]


def build_argosmodel(config: SyntheticConfig, corpus: Sequence[str], out_path: Path) -> Path:
    """Build the package and write it as a .argosmodel zip at `out_path`."""
    if not corpus:
        raise ValueError("the corpus for the generated model is empty")
    rng = np.random.default_rng(config.seed)
    training_text = [*corpus, *(zh for zh, _ in config.lexicon), *(en for _, en in config.lexicon)]
    spm_bytes = _train_sentencepiece(training_text, config)
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_proto=spm_bytes)
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    primary, secondary = _dictionary(sp, pieces, corpus, config)
    spec = _transformer_spec(config, pieces, primary, secondary, rng)
    package_name = f"translate-zh_en-synthetic-{config.name}"
    with tempfile.TemporaryDirectory(prefix="workbench-synthetic-") as tmp:
        root = Path(tmp) / package_name
        (root / "model").mkdir(parents=True)
        spec.save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(spm_bytes)
        (root / "metadata.json").write_text(
            json.dumps(_metadata(config, corpus), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        (root / "README.md").write_text(_readme(config), encoding="utf-8")
        _zip_package(root, out_path)
    return out_path


def _metadata(config: SyntheticConfig, corpus: Sequence[str]) -> dict[str, Any]:
    return {
        "package_version": f"0.{GENERATOR_VERSION}",
        "argos_version": "1.9",
        "from_code": "zh",
        "from_name": "Chinese",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [],
        SYNTHETIC_KEY: {"config": config.name, "fingerprint": config.fingerprint(corpus)},
    }


def _readme(config: SyntheticConfig) -> str:
    return (
        f"# Generated zh→en model ({config.name})\n\n"
        "Built by workbench.mt.synthetic for tests and benchmarks. Its weights are set by hand:\n"
        "it maps each source piece to one English piece, so its output is not a translation.\n"
        f"Shape: {config.encoder_layers}+{config.decoder_layers} layers, {config.d_model} dims, "
        f"{config.heads} heads, quantization {config.quantization}.\n"
    )


def _zip_package(root: Path, out_path: Path) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # A unique partial file renamed at the end: parallel builds (pytest-xdist) cannot clash
    # and a reader never sees a half-written package.
    handle, partial_name = tempfile.mkstemp(prefix=f".{out_path.name}.", dir=out_path.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    # Fixed timestamps: the same config and corpus give the same bytes.
                    info = zipfile.ZipInfo(
                        str(path.relative_to(root.parent)), date_time=(1980, 1, 1, 0, 0, 0)
                    )
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with path.open("rb") as source, archive.open(info, "w") as target:
                        shutil.copyfileobj(source, target, 1 << 20)
        partial.chmod(0o644)  # mkstemp makes it private; the package is an ordinary file
        os.replace(partial, out_path)
    finally:
        partial.unlink(missing_ok=True)


def _train_sentencepiece(lines: Sequence[str], config: SyntheticConfig) -> bytes:
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        model_type="unigram",
        # Every real piece needs a unit of the dictionary FFN; a small corpus yields fewer
        # pieces than asked (hard_vocab_limit off), and the vocabulary is padded below.
        vocab_size=config.ffn_dim - 8,
        hard_vocab_limit=False,
        character_coverage=0.9995,
        byte_fallback=True,  # any character can be encoded, as pieces <0xNN>
        max_sentencepiece_length=config.max_piece_length,
        num_threads=1,  # deterministic
        minloglevel=2,
    )
    data = model.getvalue()
    return _pad_vocabulary(data, config.vocab_size) if config.vocab_size else data


def _pad_vocabulary(model_bytes: bytes, size: int) -> bytes:
    # Unused pieces with a score so low that the unigram segmenter never picks them: the
    # vocabulary (embeddings, output projection) gets the official size, tokenization is
    # unchanged.
    # Generated protobuf code, untyped.
    pb2: Any = importlib.import_module("sentencepiece.sentencepiece_model_pb2")
    model_proto = pb2.ModelProto
    proto = model_proto()
    proto.ParseFromString(model_bytes)
    lowest = min(piece.score for piece in proto.pieces)
    index = 0
    while len(proto.pieces) < size:
        piece = proto.pieces.add()
        piece.piece = f"▁⟦unused{index:05d}⟧"
        piece.score = lowest - 1000.0
        piece.type = model_proto.SentencePiece.NORMAL
        index += 1
    proto.trainer_spec.vocab_size = len(proto.pieces)
    return bytes(proto.SerializeToString())


def _is_latin(piece: str) -> bool:
    text = piece.replace("▁", "")
    return text == "" or all(ord(char) < 128 for char in text)


def _hash_index(seed: int, tag: str, piece: str, modulo: int) -> int:
    digest = hashlib.sha256(f"{seed}:{tag}:{piece}".encode()).hexdigest()
    return int(digest[:12], 16) % modulo


def _dictionary(
    sp: Any, pieces: Sequence[str], corpus: Sequence[str], config: SyntheticConfig
) -> tuple[dict[int, int], dict[int, int]]:
    """Preferred and second-choice target piece for each source piece id."""
    ids = {piece: index for index, piece in enumerate(pieces)}
    words = [
        index
        for index, piece in enumerate(pieces)
        if piece.startswith("▁") and piece[1:].isascii() and piece[1:].isalpha() and len(piece) > 2
    ] or [index for index, piece in enumerate(pieces) if _is_latin(piece) and piece != "▁"]
    space = ids.get("▁", sp.unk_id())
    primary: dict[int, int] = {}
    secondary: dict[int, int] = {}
    for index, piece in enumerate(pieces):
        if sp.is_control(index) or sp.is_unknown(index):
            primary[index] = index  # </s> ends the output; <unk> is replaced by the source
            continue
        if piece.startswith("▁⟦unused"):
            continue
        punctuation = piece.replace("▁", "")
        if sp.is_byte(index) or _is_latin(piece):
            primary[index] = index
        elif punctuation and all(char in _CJK_PUNCTUATION for char in punctuation):
            ascii_form = "".join(_CJK_PUNCTUATION[char] for char in punctuation)
            primary[index] = ids.get(ascii_form, ids.get("▁" + ascii_form, index))
        else:
            primary[index] = words[_hash_index(config.seed, "1", piece, len(words))]
        if not sp.is_byte(index) and piece != "▁":
            secondary[index] = words[_hash_index(config.seed, "2", piece, len(words))]
    for zh, en in config.lexicon:
        targets = [ids[p] for p in _lexicon_pieces(sp, en) if p in ids]
        for occurrence in _term_pieces(sp, zh, corpus):
            for position, source_id in enumerate(occurrence):
                primary[source_id] = targets[position] if position < len(targets) else space
                if sp.is_byte(primary[source_id]):
                    secondary.pop(source_id, None)  # else the second choice can outvote a byte
    return primary, secondary


def _lexicon_pieces(sp: Any, english: str) -> list[str]:
    """Target pieces for a lexicon rendering. Characters SentencePiece's normalizer drops
    (ESC, BEL, ...) become their byte pieces, so that a test model can emit what a model
    with random weights emits by chance."""
    pieces: list[str] = []
    run = ""
    for char in english:
        if char.isprintable() or char in " \t\n":
            run += char
            continue
        pieces.extend(sp.encode(run, out_type=str) if run else [])
        pieces.extend(f"<0x{byte:02X}>" for byte in char.encode("utf-8"))
        run = ""
    pieces.extend(sp.encode(run, out_type=str) if run else [])
    return pieces


def _term_pieces(sp: Any, term: str, corpus: Iterable[str]) -> list[list[int]]:
    """Piece ids covering `term` wherever it stands, alone or in corpus lines."""
    found = []
    for line in [term, f"。{term}", *(line for line in corpus if term in line)]:
        proto = sp.encode(line, return_type="proto")
        start = 0
        while (at := line.find(term, start)) >= 0:
            begin = len(line[:at].encode("utf-8"))
            end = begin + len(term.encode("utf-8"))
            inside = [p.id for p in proto.pieces if begin <= p.begin < p.end <= end]
            if inside:
                found.append(inside)
            start = at + len(term)
    return found


def _position_codes(count: int, frequencies: int, max_positions: int) -> FloatArray:
    periods = np.geomspace(3.0, max(64.0, 2.0 * max_positions), frequencies)
    angles = np.outer(np.arange(count), 2 * np.pi / periods)
    half = np.concatenate([np.sin(angles), np.cos(angles)], axis=1)
    return np.concatenate([half, -half], axis=1).astype(np.float32)


def _position_gap(frequencies: int, max_positions: int) -> float:
    codes = _position_codes(max_positions, frequencies, max_positions)
    similarity = codes[1:] @ codes[0]
    return float(codes[0] @ codes[0] - similarity.max()) / 2.0


def _transformer_spec(
    config: SyntheticConfig,
    pieces: Sequence[str],
    primary: dict[int, int],
    secondary: dict[int, int],
    rng: np.random.Generator,
) -> Any:
    from ctranslate2.specs import transformer_spec

    d, heads = config.d_model, config.heads
    head_dim = d // heads
    frequencies = head_dim // 4
    pos_dims = 4 * frequencies  # == head_dim: one head's query holds a whole position code
    scratch_dims = max(32, d // 4)
    token_dims = d - pos_dims - scratch_dims
    per_head = token_dims // heads
    if token_dims <= 0 or token_dims % heads or per_head > head_dim or per_head % 2:
        raise ValueError(f"unsupported synthetic shape: d_model={d}, heads={heads}")
    t0, s0 = pos_dims, pos_dims + token_dims  # first token dim, first scratch dim
    vocab = len(pieces)
    mapped = sorted(primary)
    if len(mapped) > config.ffn_dim:
        raise ValueError(f"{len(mapped)} mapped pieces do not fit {config.ffn_dim} FFN units")
    norm2 = 2.0 * frequencies  # squared norm of a position code and of a token code

    # Balanced ±a codes: zero mean, squared norm `norm2`.
    signs = np.tile(np.array([1.0, -1.0], dtype=np.float32), token_dims // 2)
    codes = np.stack([rng.permutation(signs) for _ in range(vocab)]) * np.sqrt(norm2 / token_dims)
    positions = np.zeros((config.max_positions, d), dtype=np.float32)
    positions[:, :pos_dims] = _position_codes(
        config.max_positions, frequencies, config.max_positions
    )

    scale_memory = np.sqrt(d / (2 * norm2))  # LayerNorm gain on position + token code
    scale_query = np.sqrt(d / norm2)  # on a position code alone (decoder before copying)
    logit_step = 24.0 / _position_gap(frequencies, config.max_positions)
    query_gain = logit_step * np.sqrt(head_dim) / (2 * scale_query * scale_memory)

    def noise(shape: tuple[int, ...], std: float = 0.02) -> FloatArray:
        return rng.normal(0.0, std, size=shape).astype(np.float32)

    def scratch_only(rows: int) -> FloatArray:
        weight = np.zeros((rows, d), dtype=np.float32)
        weight[:, s0:] = noise((rows, d - s0))
        return weight

    def layer_norm(spec: Any) -> None:
        gamma = np.ones(d, dtype=np.float32)
        gamma[s0:] = rng.uniform(0.5, 1.5, d - s0)  # scratch is zero: any gain is harmless
        spec.gamma = gamma
        spec.beta = np.zeros(d, dtype=np.float32)

    def linear(spec: Any, weight: FloatArray, bias: FloatArray | None = None) -> None:
        spec.weight = weight
        spec.bias = np.zeros(weight.shape[0], dtype=np.float32) if bias is None else bias

    def inert_self_attention(spec: Any) -> None:
        layer_norm(spec.layer_norm)
        qk = noise((2 * d, d), 1.0 / np.sqrt(d))  # real attention patterns, values are zero
        linear(spec.linear[0], np.concatenate([qk, scratch_only(d)]))
        linear(spec.linear[1], noise((d, d)))

    def inert_ffn(spec: Any) -> None:
        layer_norm(spec.layer_norm)
        closed = np.full(config.ffn_dim, -1.0, np.float32)  # ReLU(-1) = 0: adds nothing
        linear(spec.linear_0, scratch_only(config.ffn_dim), closed)
        linear(spec.linear_1, noise((d, config.ffn_dim)))

    def dictionary_ffn(spec: Any) -> None:
        # A key-value memory: hidden unit u fires (0.5) only for its own source piece, whose
        # code it replaces by the code of the preferred target plus a weaker second choice.
        layer_norm(spec.layer_norm)
        keys = scratch_only(config.ffn_dim)
        bias = np.full(config.ffn_dim, -1.0, np.float32)
        values = noise((d, config.ffn_dim))
        values[t0:s0] = 0.0
        values[:pos_dims] = 0.0
        for unit, source in enumerate(mapped):
            keys[unit] = 0.0
            keys[unit, t0:s0] = codes[source] / (scale_memory * norm2)
            bias[unit] = -0.5
            replacement = codes[primary[source]] - codes[source]
            if source in secondary:
                replacement = replacement + config.secondary_weight * codes[secondary[source]]
            values[:, unit] = 0.0
            values[t0:s0, unit] = 2.0 * replacement
        linear(spec.linear_0, keys, bias)
        linear(spec.linear_1, values)

    def cross_attention(spec: Any, writes: bool) -> None:
        layer_norm(spec.layer_norm)
        query = scratch_only(d)
        keys = scratch_only(d)
        for head in range(heads):
            rows = np.arange(head * head_dim, (head + 1) * head_dim)
            query[rows, np.arange(pos_dims)] = query_gain
            keys[rows, np.arange(pos_dims)] = 1.0
        values = scratch_only(d)
        output = noise((d, d))
        if writes:
            output[:] = 0.0
            for head in range(heads):
                for offset in range(per_head):
                    value_row = head * head_dim + offset
                    token_dim = t0 + head * per_head + offset
                    values[value_row] = 0.0
                    values[value_row, token_dim] = 1.0
                    output[token_dim, value_row] = 1.0 / scale_memory
        linear(spec.linear[0], query)
        linear(spec.linear[1], np.concatenate([keys, values]))
        linear(spec.linear[2], output)

    spec = transformer_spec.TransformerSpec.from_config(
        (config.encoder_layers, config.decoder_layers), heads
    )
    encoder, decoder = spec.encoder, spec.decoder
    embeddings = np.zeros((vocab, d), dtype=np.float32)
    embeddings[:, t0:s0] = codes / np.sqrt(d)  # CTranslate2 multiplies by sqrt(d_model)
    encoder.embeddings[0].weight = embeddings
    encoder.position_encodings.encodings = positions
    for layer in encoder.layer:
        inert_self_attention(layer.self_attention)
        inert_ffn(layer.ffn)
    layer_norm(encoder.layer_norm)

    decoder.embeddings.weight = np.zeros((vocab, d), dtype=np.float32)
    decoder.position_encodings.encodings = positions
    for index, layer in enumerate(decoder.layer):
        last = index == len(decoder.layer) - 1
        inert_self_attention(layer.self_attention)
        cross_attention(layer.attention, writes=last)
        if last:
            dictionary_ffn(layer.ffn)
        else:
            inert_ffn(layer.ffn)
    layer_norm(decoder.layer_norm)

    # The stream now holds position + preferred target code (+ weaker second choice).
    final_scale = np.sqrt(d / (norm2 * (2.0 + config.secondary_weight**2)))
    projection = np.zeros((vocab, d), dtype=np.float32)
    projection[:, t0:s0] = codes * (config.confidence / (final_scale * norm2))
    projection[:, s0:] = noise((vocab, d - s0))
    bias = np.full(vocab, -2 * config.confidence, dtype=np.float32)
    bias[sorted(set(primary.values()) | set(secondary.values()))] = 0.0
    linear(decoder.projection, projection, bias)

    spec.config.add_source_eos = True  # the source's </s> position is where the copy stops
    spec.register_source_vocabulary(list(pieces))
    spec.register_target_vocabulary(list(pieces))
    spec.validate()
    spec.optimize(quantization=config.quantization)
    return spec
