"""Glossary files: TSV/CSV tables, two-column imports and TBX; round trips and bad input."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tbx as tt_tbx

from workbench.core.errors import GlossaryError
from workbench.core.glossary import CaseRule, Glossary, Term, TermStatus
from workbench.formats import glossary_table, tbx

DATA = Path(__file__).parents[1] / "data" / "glossary"

SAMPLE = Glossary(
    [
        Term(
            "小院高墙",
            "small yard, high fence",
            forbidden=("small courtyard, high wall", "small yard with high walls"),
            pos="slogan",
            note="MFA spokespersons; “quoted” note with | bar, 'apostrophe' & <angle>",
        ),
        Term(
            "全球人工智能治理倡议",
            "Global AI Governance Initiative",
            variants=("Global Initiative for AI Governance",),
            pos="proper noun",
            case=CaseRule.SENSITIVE,
            note="MFA English text, Oct 2023",
        ),
        Term(
            "以共商促共享，以善治促善智",
            "Governing AI for Good and for All",
            status=TermStatus.CANDIDATE,
            pos="slogan",
        ),
        Term("中国方案", "China's solution", status=TermStatus.REJECTED),
        Term(
            "共商共建共享",
            "extensive consultation, joint contribution and shared benefits",
            variants=("extensive consultation and joint contribution for shared benefit",),
            pos="phrase",
        ),
    ]
)


# -- TSV -------------------------------------------------------------------------------------


def test_tsv_round_trip_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    glossary_table.write(SAMPLE, path)
    assert glossary_table.read(path) == SAMPLE
    assert [t.source for t in glossary_table.read(path).terms] == [t.source for t in SAMPLE]


def test_tsv_layout_is_one_term_per_line_with_a_header(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    glossary_table.write_tsv(SAMPLE, path)
    lines = path.read_bytes().decode("utf-8").split("\n")
    assert lines[0] == "source\ttarget\tstatus\tvariants\tforbidden\tpos\tcase\tnote"
    assert lines[-1] == "" and len(lines) == len(SAMPLE) + 2
    assert all(line.count("\t") == 7 for line in lines[:-1])
    assert lines[1].split("\t")[4] == "small courtyard, high wall | small yard with high walls"
    # An independent reading with the csv module agrees on every cell.
    rows = list(
        csv.DictReader(io.StringIO(path.read_text("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE)
    )
    assert [(r["source"], r["target"], r["status"]) for r in rows] == [
        (t.source, t.target, t.status.value) for t in SAMPLE
    ]


def test_write_replaces_the_file_atomically(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text("old content", encoding="utf-8")
    glossary_table.write_tsv(SAMPLE, path)
    assert glossary_table.read_tsv(path) == SAMPLE
    assert os.listdir(tmp_path) == ["glossary.tsv"]  # no temporary file left behind


def test_tsv_fixture_with_defaults_and_short_rows() -> None:
    glossary = glossary_table.read(DATA / "valid_small.tsv")
    assert [t.source for t in glossary] == ["小院高墙", "全球南方", "趋利避害", "中国方案"]
    candidate = glossary.get("趋利避害")
    assert candidate is not None and candidate.case is CaseRule.INSENSITIVE  # empty cell
    rejected = glossary.get("中国方案")
    assert rejected is not None and rejected.status is TermStatus.REJECTED  # short row
    assert rejected.note == "" and rejected.variants == ()


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("bad_status.tsv", r"bad_status\.tsv, line 3: term '智能鸿沟': unknown status 'approvd'"),
        ("missing_target_column.tsv", r"missing_target_column\.tsv, line 1: .*no 'target' column"),
        ("empty.tsv", r"empty\.tsv: the file is empty; expected a header row"),
        ("duplicate_source.tsv", r"line 4: duplicate source '数字鸿沟' \(already on line 2\)"),
        ("too_many_cells.tsv", r"too_many_cells\.tsv, line 2: 4 cells but the header has 3"),
        ("empty_target.tsv", r"empty_target\.tsv, line 2: term '数字鸿沟': the English target"),
        ("unknown_column.tsv", r"line 1: unknown column 'colour'"),
        ("data_without_header.tsv", r"line 1: the first row must be a header"),
        ("not_utf8.tsv", r"not_utf8\.tsv: not UTF-8 text"),
    ],
)
def test_malformed_tsv_names_file_and_line(fixture: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        glossary_table.read(DATA / fixture)


def test_missing_file_is_a_glossary_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"nowhere\.tsv: cannot read"):
        glossary_table.read(tmp_path / "nowhere.tsv")


def test_columns_in_any_order_and_bom() -> None:
    text = "\ufeffnote\tTarget\tsource\nUN term\tdigital divide\t数字鸿沟\n"
    glossary = glossary_table.parse_tsv(text)
    assert list(glossary) == [Term("数字鸿沟", "digital divide", note="UN term")]


# -- CSV -------------------------------------------------------------------------------------


def test_csv_round_trip_and_excel_bom(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    glossary_table.write(SAMPLE, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert glossary_table.read(path) == SAMPLE
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["forbidden"] == "small courtyard, high wall | small yard with high walls"
    assert rows[0]["note"] == SAMPLE.terms[0].note


def test_csv_malformed_row_names_the_line() -> None:
    text = "source,target,status\n数字鸿沟,digital divide,approved\n智能鸿沟,AI divide,maybe\n"
    with pytest.raises(GlossaryError, match=r"terms\.csv, line 3: term '智能鸿沟': unknown status"):
        glossary_table.parse_csv(text, name="terms.csv")


def test_csv_line_breaks_in_notes_become_spaces() -> None:
    text = 'source,target,note\n数字鸿沟,digital divide,"two\nlines"\n'
    assert [t.note for t in glossary_table.parse_csv(text)] == ["two lines"]


def test_csv_line_numbers_count_physical_lines() -> None:
    text = 'source,target,note\n数字鸿沟,digital divide,"two\nlines"\n数字鸿沟,digital gap,\n'
    with pytest.raises(GlossaryError, match="line 4: duplicate source '数字鸿沟'"):
        glossary_table.parse_csv(text, name="terms.csv")


# -- two-column imports ----------------------------------------------------------------------


def test_pairs_with_header_become_candidates() -> None:
    glossary = glossary_table.read_pairs(DATA / "pairs_with_header.csv")
    assert [(t.source, t.target, t.status) for t in glossary] == [
        ("数字鸿沟", "digital divide", TermStatus.CANDIDATE),
        ("以共商促共享，以善治促善智", "Governing AI for Good and for All", TermStatus.CANDIDATE),
    ]


def test_pairs_without_header_with_notes_and_blank_lines() -> None:
    glossary = glossary_table.read_pairs(DATA / "pairs_no_header.tsv", status=TermStatus.APPROVED)
    assert [(t.source, t.target, t.note) for t in glossary] == [
        ("数字鸿沟", "digital divide", ""),
        ("智能鸿沟", "AI divide", "MFA, Sep 2024"),
        ("全球南方", "Global South", ""),
    ]
    assert all(t.status is TermStatus.APPROVED for t in glossary)


def test_pairs_saved_by_chinese_excel_in_gbk() -> None:
    glossary = glossary_table.read_pairs(DATA / "pairs_gbk_excel.csv")
    assert [(t.source, t.target) for t in glossary] == [
        ("数字鸿沟", "digital divide"),
        ("全球南方", "Global South"),
    ]


def test_pairs_with_one_column_name_the_line() -> None:
    with pytest.raises(GlossaryError, match=r"pairs_one_column\.csv, line 2: expected source and"):
        glossary_table.read_pairs(DATA / "pairs_one_column.csv")


def test_pairs_in_utf16_as_saved_by_excel(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("数字鸿沟\tdigital divide\r\n".encode("utf-16"))
    assert [t.target for t in glossary_table.read_pairs(path)] == ["digital divide"]


# -- TBX -------------------------------------------------------------------------------------


def test_tbx_round_trip_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tbx"
    tbx.write(SAMPLE, path)
    assert tbx.read(path) == SAMPLE


def test_tbx_read_by_translate_toolkit() -> None:
    data = tbx.serialize(SAMPLE)
    store = tt_tbx.tbxfile.parsestring(data, sourcelanguage="zh-CN", targetlanguage="en")  # type: ignore[no-untyped-call]
    assert [u.source for u in store.units] == [t.source for t in SAMPLE]
    assert [u.target for u in store.units] == [t.target for t in SAMPLE]
    yard = store.units[0]
    assert [(t.text, t.administrative_status, t.deprecated) for t in yard.get_target_terms()] == [
        ("small yard, high fence", "preferredTerm-admn-sts", False),
        ("small courtyard, high wall", "deprecatedTerm-admn-sts", True),
        ("small yard with high walls", "deprecatedTerm-admn-sts", True),
    ]
    assert SAMPLE.terms[0].note in yard.getnotes()
    initiative = store.units[1]
    assert [t.administrative_status for t in initiative.get_target_terms()] == [
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
    ]


def test_tbx_structure() -> None:
    root = etree.fromstring(tbx.serialize(SAMPLE))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(SAMPLE)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for entry in entries:
        assert [ls.get(lang) for ls in entry.findall("langSet")] == ["zh-CN", "en"]
    statuses = [e.findtext("note") for e in entries]
    assert statuses[2].startswith("Workbench status: candidate")
    assert statuses[3].startswith("Workbench status: rejected")
    pos = entries[1].findtext("langSet/tig/termNote[@type='partOfSpeech']")
    assert pos == "properNoun"


def test_tbx_from_another_tool() -> None:
    glossary = tbx.read(DATA / "foreign_tool_export.tbx")
    assert list(glossary) == [
        Term(
            "数字鸿沟",
            "digital divide",
            variants=("digital gap",),
            pos="noun",
            note="Gap in access to digital technology.",
        ),
        Term(
            "小院高墙",
            "small yard, high fence",
            status=TermStatus.CANDIDATE,
            forbidden=("small courtyard, high wall",),
            pos="other",
        ),
    ]


def test_tbx_v3_concept_entries() -> None:
    assert list(tbx.read(DATA / "tbx_v3_concepts.tbx")) == [
        Term("全球南方", "Global South", pos="proper noun")
    ]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("malformed.tbx", r"malformed\.tbx: not well-formed XML"),
        ("entry_without_english.tbx", r"termEntry e9 \(line 4\): no English \(en\) rendering"),
    ],
)
def test_bad_tbx_names_file_and_entry(fixture: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        tbx.read(DATA / fixture)


def test_tbx_external_entities_are_refused_not_loaded() -> None:
    with pytest.raises(GlossaryError, match=r"declares XML entities \(secret\)"):
        tbx.read(DATA / "external_entity.tbx")


def test_not_a_tbx_file() -> None:
    with pytest.raises(GlossaryError, match="not a TBX file"):
        tbx.parse(b"<tmx version='1.4'/>", name="x.tmx")
