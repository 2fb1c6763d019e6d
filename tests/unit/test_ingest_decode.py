"""decode: encodings of real input files, and refusal of what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.core.errors import InputError
from workbench.core.ingest import decode

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SIMPLIFIED = (DATA / "encoded_reference_simplified.txt").read_text(encoding="utf-8")
TRADITIONAL = (DATA / "encoded_reference_traditional.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fixture", "reference", "encoding"),
    [
        ("gbk_encoded.txt", SIMPLIFIED, "gb18030"),
        ("big5_encoded.txt", TRADITIONAL, "big5"),
        ("utf8_bom.txt", SIMPLIFIED, "utf-8-sig"),
        ("utf16_bom.txt", SIMPLIFIED, "utf-16"),
    ],
)
def test_fixture_files_decode_to_their_reference_text(
    fixture: str, reference: str, encoding: str
) -> None:
    decoded = decode((DATA / fixture).read_bytes(), name=fixture)
    assert decoded.text == reference
    assert decoded.encoding == encoding
    assert decoded.warnings == ()


def test_bom_is_removed_and_crlf_normalized() -> None:
    decoded = decode((DATA / "utf8_bom.txt").read_bytes(), name="utf8_bom.txt")
    assert not decoded.text.startswith("\ufeff")
    assert "\r" not in decoded.text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\x85"])
def test_newlines_are_normalized(newline: str) -> None:
    assert decode(f"第一行{newline}第二行".encode(), name="x.txt").text == "第一行\n第二行"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全球人工智能治理\u2028倡议发布", "全球人工智能治理倡议发布"),
        ("全球人工智能治理 \u2029 倡议发布\n下一行", "全球人工智能治理倡议发布\n下一行"),
        ("held in Beijing,\u2028and", "held in Beijing, and"),
        ("第一行\u2028\n第二行", "第一行\n第二行"),
        # A text whose only paragraph separator is U+2029 keeps its paragraphs.
        ("第一段。\u2029第二段。\u2029第三段。", "第一段。\n第二段。\n第三段。"),
    ],
)
def test_line_and_paragraph_separators_join_like_wrapped_lines(text: str, expected: str) -> None:
    assert decode(text.encode(), name="x.txt").text == expected


def test_plain_utf8() -> None:
    decoded = decode("积极参与和引领人工智能全球治理".encode(), name="a.txt")
    assert (decoded.text, decoded.encoding) == ("积极参与和引领人工智能全球治理", "utf-8")


def test_utf32_with_bom() -> None:
    decoded = decode("人工智能".encode("utf-32"), name="a.txt")
    assert (decoded.text, decoded.encoding) == ("人工智能", "utf-32")


# Short texts: statistical detectors guess wrong on a handful of characters; the strict
# decode-and-count check must not.
@pytest.mark.parametrize(
    "text",
    ["中国", "人工智能", "习近平", "国际新闻", "你好", "经济", "积极参与和引领人工智能全球治理"],
)
def test_short_gbk_texts(text: str) -> None:
    decoded = decode(text.encode("gb18030"), name="short.txt")
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


@pytest.mark.parametrize(
    "text", ["臺灣", "資訊", "國際", "新聞", "網路", "中華民國", "人工智慧", "歷史"]
)
def test_short_big5_texts(text: str) -> None:
    decoded = decode(text.encode("big5"), name="short.txt")
    assert decoded.text == text
    assert decoded.encoding == "big5"


def test_gbk_bytes_that_happen_to_be_valid_utf8() -> None:
    data = "模".encode("gb18030")
    assert data.decode("utf-8") == "ģ"  # the accident this test is about
    assert decode(data, name="one.txt").text == "模"


def test_accented_latin_utf8_stays_utf8() -> None:
    assert decode("café au lait".encode(), name="latin.txt").text == "café au lait"


def test_gbk_extension_characters_decode_as_gb18030() -> None:
    text = "镕基与喆"  # 镕 and 喆 are outside GB2312, in GBK
    assert decode(text.encode("gb18030"), name="gbk.txt").text == text


def test_no_chinese_is_a_warning_not_an_error() -> None:
    decoded = decode(b"Just an English text.", name="english.txt")
    assert decoded.text == "Just an English text."
    assert len(decoded.warnings) == 1
    assert "english.txt" in decoded.warnings[0] and "no Chinese" in decoded.warnings[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty.txt is empty"),
        (b"  \n\t\r\n ", "is empty"),
        (codecs.BOM_UTF8, "is empty"),
        ((DATA / "binary.png").read_bytes(), "looks like a PNG image"),
        (b"PK\x03\x04" + b"\x00" * 30, "looks like a ZIP archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "looks like a PDF document"),
        (b"abc\x00def", "contains NUL bytes"),
        (bytes(range(1, 32)) * 10, "control characters"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "not valid UTF-8"),
    ],
)
def test_refused_inputs_name_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        decode(data, name="empty.txt")
    assert message in str(raised.value)
    assert "empty.txt" in str(raised.value)


def test_empty_fixture_file() -> None:
    with pytest.raises(InputError, match=r"empty\.txt is empty"):
        decode((DATA / "empty.txt").read_bytes(), name="empty.txt")


def test_undecodable_bytes_are_refused_or_guessed_never_crash() -> None:
    # Bytes that are neither UTF-8, GB18030 nor Big5: charset-normalizer may still read them
    # (single-byte code pages decode anything); either way the result is text or an InputError.
    data = "Grüße aus Köln, naïve café".encode("cp1252")
    try:
        decoded = decode(data, name="latin1.txt")
    except InputError as err:
        assert "latin1.txt" in str(err)
    else:
        assert decoded.encoding not in ("utf-8", "gb18030", "big5")
        assert "Gr" in decoded.text
