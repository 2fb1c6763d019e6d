"""Writers meet the text policy: whatever text a pair holds, every export is a valid file
that its format's own readers take, and the text comes back exactly (or in the documented
form: unwritable characters as U+FFFD)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree

from workbench.core.glossary import Glossary, Term
from workbench.core.segments import Status, TranslationUnit
from workbench.core.text_policy import REPLACEMENT
from workbench.formats import po, tabular, tbx, tmx, xliff

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt missing")

# What users had in their projects: terminal escapes pasted from a console, a vertical tab
# and a form feed from a word processor, a bell, and noncharacters from broken converters.
CONTROL = "Esc\x1b[0m, tab\x0b, feed\x0c, bell\x07, \ufffe and \uffff"
# The escape sequence goes whole (one U+FFFD), not only its ESC.
R = REPLACEMENT
CONTROL_WRITTEN = f"Esc{R}, tab{R}, feed{R}, bell{R}, {R} and {R}"

# What must survive every format exactly.
TRICKY = "a ]]> b < c & d > e \"f\" 'g'\th 👩\u200d💻 %s %1$s {0} \\n \\ C:\\dir\\ &amp; &#x41;"


def unit(source: str = "源文", target: str = "target", **fields: object) -> TranslationUnit:
    values: dict[str, object] = {
        "key": "doc.txt#p1",
        "document": "doc.txt",
        "document_id": 1,
        "paragraph": 1,
        "status": Status.EDITED,
    }
    values.update(fields)
    return TranslationUnit(source=source, target=target, **values)  # type: ignore[arg-type]


def segs(path: Path) -> list[str]:
    root = etree.parse(str(path), PARSER).getroot()
    return [seg.text or "" for seg in root.iter("seg")]


def test_tmx_writes_control_characters_as_replacement_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    tmx.write(path, [unit(source=f"源\ufffe文{CONTROL}", target=CONTROL, document="d\x1b.txt")])
    assert segs(path) == [f"源{REPLACEMENT}文{CONTROL_WRITTEN}", CONTROL_WRITTEN]
    root = etree.parse(str(path), PARSER).getroot()
    assert root.find("body/tu/prop").text == f"d{REPLACEMENT}.txt"


def test_tmx_keeps_carriage_returns_and_line_separators(tmp_path: Path) -> None:
    text = "one\r\ntwo\rthree\u2028four\u2029five\x85six"
    path = tmp_path / "out.tmx"
    tmx.write(path, [unit(target=text)])
    assert segs(path)[1] == "one\r\ntwo\rthree\u2028four\u2029five\nsix"  # NEL is a line feed
    [back] = tmx.read(path)
    assert back.target == "one\r\ntwo\rthree\u2028four\u2029five\nsix"


def test_jsonl_escapes_line_separators_one_record_per_physical_line(tmp_path: Path) -> None:
    targets = ["a\u2028b", "c\u2029d", "e\x85f", "g\x1ch\x1di\x1ej", "k\x0bl\x0cm", "n\r\no"]
    path = tmp_path / "out.jsonl"
    tabular.write_jsonl(path, [unit(target=t, key=f"doc.txt#p{n}") for n, t in enumerate(targets)])
    text = path.read_text(encoding="utf-8")
    # str.splitlines splits on every separator JSON readers might: still one line per record.
    assert len(text.splitlines()) == len(targets)
    assert "\u2028" not in text and "\u2029" not in text and "\x85" not in text
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["target"] for r in records] == [
        "a\u2028b",
        "c\u2029d",
        "e\nf",
        f"g{REPLACEMENT}h{REPLACEMENT}i{REPLACEMENT}j",
        f"k{REPLACEMENT}l{REPLACEMENT}m",
        "n\r\no",
    ]
    assert [u.target for u in tabular.read_jsonl(path)] == [r["target"] for r in records]


def test_jsonl_reader_takes_raw_separators_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    record = {"key": "k", "source": "源\u2028文", "target": "t\u2029u"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [back] = tabular.read_jsonl(path)
    assert (back.source, back.target) == ("源\u2028文", "t\u2029u")


@pytest.mark.parametrize(
    "text",
    ["crlf\r\ninside", "lone\rcr", "lf\ninside", "tab\tinside", '"quoted"', 'mid"quote', "\r"],
)
def test_tsv_reads_back_cr_lf_tab_and_quotes_exactly(tmp_path: Path, text: str) -> None:
    path = tmp_path / "out.tsv"
    tabular.write_tsv(path, [unit(source=f"源{text}", target=text)])
    [back] = tabular.read_tsv(path)
    assert (back.source, back.target) == (f"源{text}", text)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows[1][tabular.TSV_COLUMNS.index("target")] == text  # an independent reader agrees


def test_tsv_quotes_exactly_the_fields_that_need_it(tmp_path: Path) -> None:
    line = tabular.tsv_line(["plain", "a\tb", "c\rd", 'e"f', "", None, 3])
    assert line == 'plain\t"a\tb"\t"c\rd"\t"e""f"\t\t\t3\n'


@needs_msgfmt
def test_po_document_names_with_newlines_and_spaces_pass_msgfmt(tmp_path: Path) -> None:
    path = tmp_path / "out.po"
    name = "my\nnotes 2024.txt"
    po.write(path, [unit(key=f"{name}#p1", document=name)])
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert check.returncode == 0, check.stderr
    [entry] = polib.pofile(str(path))
    assert entry.occurrences == [("my_notes_2024.txt", "1")]
    [back] = po.read(path)
    assert back.key == f"{name}#p1" and back.document == name


@needs_msgfmt
@pytest.mark.parametrize(
    ("source", "target", "written"),
    [
        ("源文", "ends in a newline\n", "ends in a newline"),
        ("源文\n", "no newline", "no newline\n"),
        ("\n源文", "\n\nleading", "\n\nleading"),
        ("源文", "\nleading", "leading"),
    ],
)
def test_po_translation_line_feeds_agree_with_the_source(
    tmp_path: Path, source: str, target: str, written: str
) -> None:
    path = tmp_path / "out.po"
    po.write(path, [unit(source=source, target=target)])
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert check.returncode == 0, check.stderr
    [entry] = polib.pofile(str(path))
    assert (entry.msgid, entry.msgstr) == (source, written)


def test_po_writes_control_characters_as_replacement(tmp_path: Path) -> None:
    path = tmp_path / "out.po"
    po.write(path, [unit(source=f"源{CONTROL}", target=CONTROL, key="k\x1b")])
    [entry] = polib.pofile(str(path))
    assert (entry.msgctxt, entry.msgid, entry.msgstr) == (
        f"k{REPLACEMENT}",
        f"源{CONTROL_WRITTEN}",
        CONTROL_WRITTEN,
    )


def test_tbx_writes_noncharacters_as_replacement() -> None:
    # The glossary refuses C0 controls itself; noncharacters and C1 controls get through.
    glossary = Glossary([Term("数字鸿沟", "digital divide\ufffe", note="from \uffff\x9b0m")])
    root = etree.fromstring(tbx.serialize(glossary), PARSER)
    assert root.find(".//note").text == f"from {REPLACEMENT}{REPLACEMENT}"
    assert [t.text for t in root.iter("term")] == ["数字鸿沟", f"digital divide{REPLACEMENT}"]


@pytest.mark.parametrize("fmt", ["tmx", "po", "tsv", "jsonl"])
def test_tricky_text_round_trips_exactly_in_every_format(tmp_path: Path, fmt: str) -> None:
    writers = {
        "tmx": tmx.write,
        "po": po.write,
        "tsv": tabular.write_tsv,
        "jsonl": tabular.write_jsonl,
    }
    readers = {"tmx": tmx.read, "po": po.read, "tsv": tabular.read_tsv, "jsonl": tabular.read_jsonl}
    path = tmp_path / f"out.{fmt}"
    original = unit(source=f"源 {TRICKY}", target=TRICKY, key="a&b <c>.txt#p1")
    writers[fmt](path, [original])
    [back] = readers[fmt](path)
    assert (back.key, back.source, back.target) == (original.key, original.source, original.target)


def xliff_unit(source: str, target: str, key: str = "doc.txt#p1", **fields: object):  # type: ignore[no-untyped-def]
    segments = (xliff.Segment(None, source, target),)
    values: dict[str, object] = {"document": "doc.txt", "paragraph": 1, "status": Status.EDITED}
    values.update(fields)
    return xliff.ParagraphUnit(key=key, source=source, segments=segments, **values)  # type: ignore[arg-type]


def test_xliff_round_trips_tricky_text_and_replaces_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "out.xlf"
    units = [
        xliff_unit(f"源 {TRICKY}", TRICKY, key="a&b <c>.txt#p1"),
        xliff_unit(f"源{CONTROL}", f"cr\r\nlf {CONTROL}", key="doc.txt#p2", paragraph=2),
    ]
    assert xliff.write(path, units) == 2
    first, second = xliff.read(path)
    assert (first.key, first.source, first.target) == ("a&b <c>.txt#p1", f"源 {TRICKY}", TRICKY)
    assert (second.source, second.target) == (f"源{CONTROL_WRITTEN}", f"cr\r\nlf {CONTROL_WRITTEN}")
    xliff2 = tmp_path / "out2.xlf"
    xliff.write(xliff2, units, version="2.1")
    targets = etree.parse(str(xliff2), PARSER).getroot().iter(f"{{{xliff.XLIFF2_NS}}}target")
    assert [t.text for t in targets] == [TRICKY, f"cr\r\nlf {CONTROL_WRITTEN}"]


def test_streaming_writers_take_a_generator_and_count(tmp_path: Path) -> None:
    def pairs():  # type: ignore[no-untyped-def]
        for n in range(1, 301):
            yield unit(key=f"doc.txt#p{n}", paragraph=n, target=f"English {n}")

    for write, read, name in [
        (tmx.write, tmx.read, "a.tmx"),
        (po.write, po.read, "a.po"),
        (tabular.write_tsv, tabular.read_tsv, "a.tsv"),
        (tabular.write_jsonl, tabular.read_jsonl, "a.jsonl"),
    ]:
        assert write(tmp_path / name, pairs()) == 300
        assert [u.target for u in read(tmp_path / name)] == [f"English {n}" for n in range(1, 301)]


def test_xml_stream_indents_structure_and_never_text(tmp_path: Path) -> None:
    """The streaming writer XLIFF will reuse: records indented, mixed content untouched,
    unwritable characters replaced in text and attributes."""
    from workbench.formats.xmlstream import add, clean, make, xml_stream

    path = tmp_path / "out.xml"
    with (
        path.open("wb") as handle,
        xml_stream(handle, "xliff", {"version": "1.2"}, verbatim=frozenset({"source"})) as document,
        document.element("file", {"original": "a\x1b.txt"}) as body,
    ):
        unit = make("trans-unit", attrib={"id": "1"})
        source = add(unit, "source", "Click ")
        add(source, "x", attrib={"id": "1"}).tail = clean(" now\x07 ")
        add(unit, "note", "n\uffff")
        body.write(unit)
    root = etree.parse(str(path), PARSER).getroot()
    [file] = root
    assert file.get("original") == f"a{REPLACEMENT}.txt"
    [trans_unit] = file
    source, note = trans_unit
    assert (source.text, source[0].tail) == ("Click ", f" now{REPLACEMENT} ")
    assert note.text == f"n{REPLACEMENT}"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert '    <trans-unit id="1">' in lines and "      <note>n\ufffd</note>" in lines
