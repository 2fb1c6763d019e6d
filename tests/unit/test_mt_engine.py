"""The argostranslate engine on a real CTranslate2 model: the generated one, and the official
one where present (`engine` fixture). Tests of behaviour only the generated model has (it
copies Latin-script pieces, its attention is diagonal) use `tiny_engine`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workbench.core.errors import ModelNotInstalledError
from workbench.mt import argos
from workbench.mt.argos import ArgosTranslator, detokenize, find_package
from workbench.mt.base import DecodeOptions, Translator

SENTENCES = [
    "人工智能是人类发展的新领域。",
    "中国",
    "参与和引领人工智能全球治理，有助于推动建立公平公正的国际体系。",
    "倡议聚焦人工智能这一事关人类未来的重要领域，系统回答了为什么要加强全球治理以及如何治理的问题。",
    "这是一个测试。",
]


def test_packages_dir_is_resolved_at_call_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import argostranslate.settings  # noqa: F401  (imported before the variable is set)

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "later"))
    assert argos.packages_dir() == tmp_path / "later"


def test_engine_loads_from_argos_packages_dir(packages_env: Path) -> None:
    package = find_package("zh", "en")
    assert package.path.parent == packages_env
    assert package.synthetic
    engine = ArgosTranslator.load()
    assert isinstance(engine, Translator)
    assert engine.model_id.startswith("argos:translate-zh_en-synthetic-tiny:")
    assert engine.model_id == ArgosTranslator.load().model_id


def test_no_model_says_how_to_install_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path))
    with pytest.raises(ModelNotInstalledError) as caught:
        ArgosTranslator.load()
    message = str(caught.value)
    assert "workbench model install PATH.argosmodel" in message
    assert "workbench model install --generated tiny" in message
    assert str(tmp_path) in message


def test_a_real_model_wins_over_a_generated_one(argos_packages_dir: Path, tmp_path: Path) -> None:
    generated = find_package(directory=argos_packages_dir)
    shutil.copytree(generated.path, tmp_path / "translate-zh_en-1_0")
    real = tmp_path / "translate-zh_en-1_0" / "metadata.json"
    metadata = json.loads(real.read_text(encoding="utf-8"))
    del metadata[argos.SYNTHETIC_KEY]
    real.write_text(json.dumps(metadata), encoding="utf-8")
    shutil.copytree(generated.path, tmp_path / generated.name)
    assert find_package(directory=tmp_path).name == "translate-zh_en-1_0"


def test_batch_results_come_back_in_input_order(engine: ArgosTranslator) -> None:
    # Length-sorted inside, so a batch must still map every result to its own input.
    batch = engine.translate_batch(SENTENCES)
    assert [result.source for result in batch] == SENTENCES
    alone = [engine.translate_batch([sentence])[0].best.text for sentence in SENTENCES]
    if engine.package.synthetic:  # int8 with padding may change a real model's output a bit
        assert [result.best.text for result in batch] == alone
    else:
        assert sum(a == r.best.text for a, r in zip(alone, batch, strict=True)) >= 3


def test_nbest_has_the_requested_count_with_scores_best_first(engine: ArgosTranslator) -> None:
    results = engine.translate_batch(SENTENCES, DecodeOptions(num_hypotheses=4, beam_size=4))
    for result in results:
        scores = [hypothesis.score for hypothesis in result.hypotheses]
        assert len(scores) == 4
        assert scores == sorted(scores, reverse=True)
        assert len({hypothesis.tokens for hypothesis in result.hypotheses}) == 4


def test_attention_has_a_row_per_target_token_and_a_column_per_source_token(
    engine: ArgosTranslator,
) -> None:
    results = engine.translate_batch(SENTENCES, DecodeOptions(return_attention=True))
    for result in results:
        attention = result.best.attention
        assert attention is not None
        assert len(attention) == len(result.best.tokens)
        assert {len(row) for row in attention} == {len(result.source_tokens)}
        assert all(0.0 <= weight <= 1.0 + 1e-5 for row in attention for weight in row)
    plain = engine.translate_batch(SENTENCES[:1])
    assert plain[0].best.attention is None


def test_source_spans_point_into_the_sentence(engine: ArgosTranslator) -> None:
    result = engine.translate_batch(["人工智能，ＡＩ治理。"])[0]
    assert len(result.source_spans) == len(result.source_tokens)
    covered = "".join(result.source[a:b] for a, b in result.source_spans)
    assert covered == "人工智能，ＡＩ治理。"


def test_token_spans_point_into_the_text(engine: ArgosTranslator) -> None:
    for result in engine.translate_batch(SENTENCES):
        best = result.best
        assert len(best.token_spans) == len(best.tokens)
        for (start, end), token in zip(best.token_spans, best.tokens, strict=True):
            if not token.startswith("<"):  # <0xNN> bytes and <unk> have no own surface
                assert best.text[start:end] == token.replace("▁", "")


def test_empty_sentences_are_not_sent_to_the_model(engine: ArgosTranslator) -> None:
    results = engine.translate_batch(["", "中国", "  "])
    assert [r.best.text for r in results][0::2] == ["", ""]
    assert results[1].best.text


def test_the_generated_model_copies_latin_text_and_aligns_diagonally(
    tiny_engine: ArgosTranslator,
) -> None:
    result = tiny_engine.translate_batch(
        ["Hello World of AI, 2030."], DecodeOptions(return_attention=True)
    )[0]
    assert result.best.text == "Hello World of AI, 2030."
    attention = result.best.attention
    assert attention is not None
    assert [max(range(len(row)), key=row.__getitem__) for row in attention] == list(
        range(len(result.source_tokens))
    )


def test_the_generated_model_output_length_follows_the_input(tiny_engine: ArgosTranslator) -> None:
    for result in tiny_engine.translate_batch(SENTENCES):
        assert len(result.best.tokens) == len(result.source_tokens)


def test_suppressed_phrases_are_never_produced(tiny_engine: ArgosTranslator) -> None:
    sentence = "人工智能是人类发展的新领域。"
    assert "AI" in tiny_engine.translate_batch([sentence])[0].best.text.split()
    options = DecodeOptions(num_hypotheses=4, suppress=("AI",))
    for hypothesis in tiny_engine.translate_batch([sentence], options)[0].hypotheses:
        assert "AI" not in hypothesis.text.split()


def test_target_prefix_is_forced_and_removed(argos_packages_dir: Path, tmp_path: Path) -> None:
    generated = find_package(directory=argos_packages_dir)
    shutil.copytree(generated.path, tmp_path / generated.name)
    metadata_path = tmp_path / generated.name / "metadata.json"
    metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    metadata["target_prefix"] = "▁AI"
    metadata_path.write_text(json.dumps(metadata), encoding="utf-8")
    plain = ArgosTranslator.load(directory=argos_packages_dir).translate_batch(["中国"])[0]
    engine = ArgosTranslator.load(directory=tmp_path)
    result = engine.translate_batch(["中国"], DecodeOptions(return_attention=True))[0]
    # The prefix takes the first decoding step (the model emits one piece per source
    # position), so what follows it is the plain output shifted by one; it is not returned.
    assert result.best.tokens == plain.best.tokens[1:]
    assert result.best.attention is not None
    assert len(result.best.attention) == len(result.best.tokens)


@pytest.mark.parametrize(
    ("pieces", "text"),
    [
        (["▁Hello", "▁wor", "ld", "."], "Hello world."),
        (["▁", "▁AI", "▁", "▁▁", "▁is"], "AI is"),
        (["▁A", "<0xE4>", "<0xB8>", "<0xAD>", "▁b"], "A中 b"),
        (["▁x", "<unk>"], "x⁇"),
        ([], ""),
    ],
)
def test_detokenize(pieces: list[str], text: str) -> None:
    joined, spans = detokenize(pieces)
    assert joined == text
    assert len(spans) == len(pieces)
    assert all(0 <= a <= b <= len(joined) for a, b in spans)
