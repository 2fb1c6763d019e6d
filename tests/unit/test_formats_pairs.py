"""TMX, PO, TSV and JSONL: round trips, independent parsers, atomic writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage import tmx as tt_tmx

from workbench.core.errors import InputError
from workbench.core.segments import Level, Status, TranslationUnit
from workbench.formats import po, tabular, tmx

UNITS = [
    TranslationUnit(
        key="000.txt#p1",
        source="积极参与和引领人工智能全球治理（和音）",
        target="Actively participate in and lead the global governance of AI",
        document="000.txt",
        document_id=1,
        paragraph=1,
        status=Status.APPROVED,
        terms=(("人工智能全球治理", "global governance of AI"),),
        changed_at="2024-04-03T02:09:00+00:00",
    ),
    TranslationUnit(
        key="000.txt#p2.s1",
        source="坚决反对在人工智能领域搞“小院高墙”。",
        target='It firmly opposes building "small yard, high fence" in AI.',
        document="000.txt",
        document_id=1,
        paragraph=2,
        sentence=1,
        status=Status.MACHINE,
        changed_at="2024-04-03T02:10:00+00:00",
    ),
    TranslationUnit(
        key="004.txt#p3",
        source='含有 <标记> & "引号"\t和制表符',
        target='Has <markup> & "quotes"\tand a tab\nand a newline',
        document="004.txt",
        document_id=2,
        paragraph=3,
        status=Status.EDITED,
        changed_at="2024-06-20T08:00:00+00:00",
    ),
]


def test_tmx_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    assert tmx.write(path, UNITS) == 3
    assert tmx.read(path) == UNITS


def test_tmx_header_and_languages_read_by_translate_toolkit(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    tmx.write(path, UNITS, level=Level.SENTENCE)
    root = etree.parse(str(path)).getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert header is not None
    for attribute in ("creationtool", "creationtoolversion", "datatype", "adminlang", "o-tmf"):
        assert header.get(attribute), attribute
    assert header.get("srclang") == "zh-CN"
    assert header.get("segtype") == "sentence"
    langs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.iter("tuv")}
    assert langs == {"zh-CN", "en"}

    store = tt_tmx.tmxfile(path.read_bytes())
    assert [u.source for u in store.units] == [u.source for u in UNITS]
    assert [u.target for u in store.units] == [u.target for u in UNITS]
    assert [u.getid() for u in store.units] == [u.key for u in UNITS]


def test_po_round_trip_and_independent_parsers(tmp_path: Path) -> None:
    path = tmp_path / "out.po"
    assert po.write(path, UNITS) == 3
    back = po.read(path)
    assert [(u.key, u.source, u.target, u.status, u.terms) for u in back] == [
        (u.key, u.source, u.target, u.status, u.terms) for u in UNITS
    ]
    parsed = polib.pofile(str(path))
    assert parsed.metadata["Language"] == "en"
    assert "nplurals=2" in parsed.metadata["Plural-Forms"]
    machine = parsed.find("000.txt#p2.s1", by="msgctxt")
    assert machine is not None and machine.fuzzy
    first = parsed.find("000.txt#p1", by="msgctxt")
    assert first is not None and "人工智能全球治理 = global governance of AI" in first.comment


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext msgfmt not installed")
def test_po_passes_msgfmt_check(tmp_path: Path) -> None:
    path = tmp_path / "out.po"
    po.write(path, UNITS)
    result = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_po_reads_other_tools_files(tmp_path: Path) -> None:
    path = tmp_path / "poedit.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "数字鸿沟"\nmsgstr "digital divide"\n\n'
        'msgid "智能鸿沟"\nmsgstr "AI divide"\n',
        encoding="utf-8",
    )
    units = po.read(path)
    assert [(u.source, u.target, u.status) for u in units] == [
        ("数字鸿沟", "digital divide", Status.MACHINE),
        ("智能鸿沟", "AI divide", Status.EDITED),
    ]


@pytest.mark.parametrize(
    ("write", "read", "suffix"),
    [
        (tabular.write_tsv, tabular.read_tsv, "tsv"),
        (tabular.write_jsonl, tabular.read_jsonl, "jsonl"),
    ],
)
def test_tabular_round_trip(tmp_path: Path, write, read, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"out.{suffix}"
    assert write(path, UNITS) == 3
    back = read(path)
    expected_terms = suffix == "jsonl"
    for original, restored in zip(UNITS, back, strict=True):
        assert restored.key == original.key
        assert restored.source == original.source
        assert restored.target == original.target
        assert (restored.document, restored.document_id) == (
            original.document,
            original.document_id,
        )
        assert (restored.paragraph, restored.sentence) == (original.paragraph, original.sentence)
        assert restored.status == original.status
        assert restored.terms == (original.terms if expected_terms else ())


def test_tsv_header_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "out.tsv"
    tabular.write_tsv(path, UNITS)
    header = path.read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header == list(tabular.TSV_COLUMNS)


def test_interrupted_write_leaves_previous_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    tmx.write(path, UNITS[:1])
    before = path.read_bytes()

    def exploding():  # type: ignore[no-untyped-def]
        yield UNITS[1]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        tabular.write_tsv(path, exploding())
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


@pytest.mark.parametrize(
    ("name", "content", "reader", "message"),
    [
        ("broken.tmx", b"<tmx><body><tu>", tmx.read, "not a valid TMX"),
        ("broken.jsonl", b'{"key": 1\n', tabular.read_jsonl, "invalid JSON"),
        ("nokey.tsv", b"source\ttarget\nx\ty\n", tabular.read_tsv, "missing column"),
        ("latin1.tsv", "key\tsource\nk\tcaf\xe9\n".encode("latin-1"), tabular.read_tsv, "UTF-8"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path: Path, name, content, reader, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        reader(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        tmx.read(tmp_path / "nope.tmx")


def test_tmx_inline_markup_of_other_tools_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "omegat.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" '
        'creationtoolversion="1"/><body><tu><tuv xml:lang="zh-CN"><seg>推动<bpt i="1">&lt;b&gt;'
        '</bpt>数字<ept i="1">&lt;/b&gt;</ept>发展<ph>&lt;br/&gt;</ph></seg></tuv>'
        '<tuv xml:lang="en-US"><seg>promote <hi>digital</hi> development</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    [unit] = tmx.read(path)
    assert unit.source == "推动数字发展"
    assert unit.target == "promote digital development"
