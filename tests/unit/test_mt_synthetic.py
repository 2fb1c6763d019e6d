"""The generated model is packaged like an official argos package and is reproducible."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import sentencepiece

from tests.mt_fixtures import TEST_CONFIG, cached_model
from workbench.mt.argos import ArgosTranslator, find_package
from workbench.mt.synthetic import (
    OFFICIAL_SHAPE,
    _pad_vocabulary,
    _train_sentencepiece,
    build_argosmodel,
    default_corpus,
)


def test_the_archive_is_laid_out_like_an_official_package(tiny_argosmodel: Path) -> None:
    with zipfile.ZipFile(tiny_argosmodel) as archive:
        names = set(archive.namelist())
        top = {name.split("/")[0] for name in names}
        assert top == {"translate-zh_en-synthetic-tiny"}
        folder = top.pop()
        for required in (
            "metadata.json",
            "README.md",
            "sentencepiece.model",
            "model/model.bin",
            "model/config.json",
            "model/shared_vocabulary.json",
        ):
            assert f"{folder}/{required}" in names
        metadata = json.loads(archive.read(f"{folder}/metadata.json"))
        config = json.loads(archive.read(f"{folder}/model/config.json"))
        vocabulary = json.loads(archive.read(f"{folder}/model/shared_vocabulary.json"))
        spm = sentencepiece.SentencePieceProcessor(
            model_proto=archive.read(f"{folder}/sentencepiece.model")
        )
    assert (metadata["from_code"], metadata["to_code"], metadata["type"]) == (
        "zh",
        "en",
        "translate",
    )
    assert config["add_source_eos"] is True
    assert (config["unk_token"], config["bos_token"], config["eos_token"]) == (
        "<unk>",
        "<s>",
        "</s>",
    )
    # One vocabulary for both sides, in SentencePiece id order, as argos packages have.
    assert vocabulary == [spm.id_to_piece(i) for i in range(spm.get_piece_size())]


def test_the_package_installs_and_loads_with_the_engine(argos_packages_dir: Path) -> None:
    package = find_package(directory=argos_packages_dir)
    assert package.synthetic
    assert (package.path / "model" / "model.bin").is_file()
    engine = ArgosTranslator.load(directory=argos_packages_dir)
    assert engine.translate_batch(["中国"])[0].best.text


def test_the_build_is_reproducible(tmp_path: Path, tiny_argosmodel: Path) -> None:
    corpus = default_corpus()
    first = build_argosmodel(TEST_CONFIG, corpus, tmp_path / "a.argosmodel")
    second = build_argosmodel(TEST_CONFIG, corpus, tmp_path / "b.argosmodel")
    assert first.read_bytes() == second.read_bytes()
    assert not list(tmp_path.glob(".*"))  # no partial files left behind


def test_the_fingerprint_follows_settings_and_corpus() -> None:
    corpus = default_corpus()
    key = TEST_CONFIG.fingerprint(corpus)
    assert key == TEST_CONFIG.fingerprint(list(corpus))
    assert key != replace(TEST_CONFIG, seed=1).fingerprint(corpus)
    assert key != TEST_CONFIG.fingerprint([*corpus, "新的一行"])


def test_padding_the_vocabulary_keeps_tokenization() -> None:
    corpus = default_corpus()
    natural = _train_sentencepiece(corpus, TEST_CONFIG)
    padded = _pad_vocabulary(natural, 32000)
    small = sentencepiece.SentencePieceProcessor(model_proto=natural)
    large = sentencepiece.SentencePieceProcessor(model_proto=padded)
    assert large.get_piece_size() == 32000 > small.get_piece_size()
    for line in corpus[:50]:
        assert large.encode(line, out_type=str) == small.encode(line, out_type=str)


def test_the_official_shape_is_transformer_base() -> None:
    shape = OFFICIAL_SHAPE
    assert (shape.encoder_layers, shape.decoder_layers, shape.d_model, shape.heads) == (
        6,
        6,
        512,
        8,
    )
    assert (shape.ffn_dim, shape.vocab_size, shape.quantization) == (2048, 32000, "int8")


@pytest.mark.slow
def test_the_official_shape_model_loads(tmp_path: Path) -> None:
    from workbench.mt import packages

    archive = cached_model(OFFICIAL_SHAPE)
    packages.install(archive, tmp_path)
    engine = ArgosTranslator.load(directory=tmp_path)
    vocabulary = json.loads(
        (engine.package.path / "model" / "shared_vocabulary.json").read_text(encoding="utf-8")
    )
    assert len(vocabulary) == 32000
    result = engine.translate_batch(["人工智能是人类发展的新领域。"])[0]
    assert len(result.best.tokens) == len(result.source_tokens)
