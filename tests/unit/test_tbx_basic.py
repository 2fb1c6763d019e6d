"""TBX-Basic conformance of the TBX exports (v2 and v3), round trips and version detection."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.tbx_basic_rules import TBX3, XML_LANG, violations
from workbench.core.errors import GlossaryError
from workbench.core.glossary import CaseRule, Glossary, Term, TermStatus
from workbench.formats import glossary_table, tbx

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "glossary"
CURATED = glossary_table.read(REPO / "glossary" / "governance.tsv")

EVERY_FIELD = Glossary(
    [
        Term(
            "小院高墙",
            "small yard, high fence",
            status=TermStatus.CANDIDATE,
            forbidden=("small courtyard, high wall", "small yard with high walls"),
            variants=("small yard and high fence",),
            pos="slogan",
            case=CaseRule.SENSITIVE,
            note="MFA; “quoted” & <angle>",
        ),
        Term("全球南方", "Global South", pos="proper noun", case=CaseRule.SENSITIVE),
        Term("中国方案", "China's solution", status=TermStatus.REJECTED, pos="phrase"),
        Term("数字鸿沟", "digital divide", pos="noun", note="Workbench data: a plain note"),
        Term("算力", "computing power", pos="noun phrase"),
        Term("治理", "govern", pos="verb"),
        Term("共商共建共享", "extensive consultation, joint contribution and shared benefits"),
    ]
)


def test_the_curated_glossary_is_the_one_the_issue_counts() -> None:
    assert len(CURATED) == 141
    assert {t.pos for t in CURATED} >= {"phrase", "slogan", "proper noun", "noun"}
    assert {t.case for t in CURATED} == set(CaseRule)


@pytest.mark.parametrize("version", tbx.VERSIONS)
@pytest.mark.parametrize("glossary", [CURATED, EVERY_FIELD], ids=["curated", "every_field"])
def test_export_conforms_to_tbx_basic(glossary: Glossary, version: int) -> None:
    assert violations(tbx.serialize(glossary, version=version), version) == []


def test_the_rules_catch_what_the_earlier_export_wrote() -> None:
    # The workbench's own v2 export before TBX-Basic conformance (issue 17).
    problems = violations((DATA / "workbench_before_tbx_basic.tbx").read_bytes(), 2)
    joined = "\n".join(problems)
    assert "data category 'elementWorkingStatus' is not TBX-Basic" in joined
    assert "data category 'x-caseSensitivity' is not TBX-Basic" in joined
    assert "partOfSpeech value 'slogan' is not in the picklist" in joined
    assert "partOfSpeech value 'phrase' is not in the picklist" in joined
    # The 2019 picklist has no properNoun (the 2008 one has).
    v3 = tbx.serialize(Glossary([Term("全球南方", "Global South", pos="proper noun")]), version=3)
    proper = v3.replace(b'"partOfSpeech">noun<', b'"partOfSpeech">properNoun<')
    assert proper != v3
    assert violations(v3, 3) == []
    assert [p for p in violations(proper, 3) if "'properNoun' is not in the picklist" in p]


@pytest.mark.parametrize("version", tbx.VERSIONS)
@pytest.mark.parametrize("glossary", [CURATED, EVERY_FIELD], ids=["curated", "every_field"])
def test_round_trip_keeps_every_field(glossary: Glossary, version: int, tmp_path: Path) -> None:
    path = tmp_path / "glossary.tbx"
    tbx.write(glossary, path, version=version)
    assert list(tbx.read(path)) == list(glossary)


def test_v3_structure() -> None:
    root = etree.fromstring(tbx.serialize(EVERY_FIELD, version=3))
    assert root.tag == f"{{{TBX3}}}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == (
        "TBX-Basic",
        "dca",
        "zh-CN",
    )
    ns = {"t": TBX3}
    entries = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert len(entries) == len(EVERY_FIELD)
    yard = entries[0]
    assert [ls.get(XML_LANG) for ls in yard.findall("t:langSec", ns)] == ["zh-CN", "en"]
    english = yard.findall("t:langSec[2]/t:termSec", ns)
    assert [
        s.findtext("t:termNote[@type='administrativeStatus']", namespaces=ns) for s in english
    ] == [
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
    ]
    assert english[0].findtext("t:note", namespaces=ns).startswith("Case-sensitive")
    source = yard.find("t:langSec[1]/t:termSec", ns)
    assert source.findtext("t:termNote[@type='termType']", namespaces=ns) == "phrase"
    assert source.findtext("t:note", namespaces=ns) == "Part of speech: slogan"
    assert yard.findtext("t:note", namespaces=ns).startswith("Workbench status: candidate")
    south = entries[1].find("t:langSec[1]/t:termSec", ns)
    assert south.findtext("t:termNote[@type='partOfSpeech']", namespaces=ns) == "noun"


def test_v2_writes_proper_nouns_from_its_picklist() -> None:
    root = etree.fromstring(tbx.serialize(EVERY_FIELD, version=2))
    south = root.findall("text/body/termEntry")[1]
    assert south.findtext("langSet/tig/termNote[@type='partOfSpeech']") == "properNoun"
    assert south.find("langSet[1]/tig/note") is None  # no "Part of speech" note in v2


def test_version_is_detected_from_the_root() -> None:
    for version in tbx.VERSIONS:
        root = etree.fromstring(tbx.serialize(EVERY_FIELD, version=version))
        assert tbx.detect_version(root) == version


def test_an_unknown_version_is_refused() -> None:
    with pytest.raises(GlossaryError, match="TBX version 4 is not written"):
        tbx.serialize(EVERY_FIELD, version=4)


def test_the_earlier_workbench_export_still_reads() -> None:
    assert list(tbx.read(DATA / "workbench_before_tbx_basic.tbx")) == [
        Term(
            "数字鸿沟",
            "digital divide",
            status=TermStatus.CANDIDATE,
            variants=("digital gap",),
            forbidden=("digital ditch",),
            pos="slogan",
            case=CaseRule.SENSITIVE,
            note="Seen in MFA texts",
        ),
        Term("全球南方", "Global South", status=TermStatus.REJECTED, pos="phrase"),
    ]


def test_v3_dct_style_reads_its_data_category_elements() -> None:
    data = (DATA / "tbx_v3_dct_style.tbx").read_bytes()
    assert list(tbx.parse(data, name="dct.tbx")) == [
        Term(
            "数字鸿沟",
            "digital divide",
            forbidden=("digital ditch",),
            variants=("digital gap",),
            pos="noun",
        )
    ]


def test_v3_keeps_the_tbx_safety() -> None:
    entity = (
        b'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        b'<tbx type="TBX-Basic" style="dca" xml:lang="zh-CN" xmlns="urn:iso:std:iso:30042:ed-2">'
        b"<text><body><conceptEntry id='c1'><note>&secret;</note></conceptEntry>"
        b"</body></text></tbx>"
    )
    with pytest.raises(GlossaryError, match=r"^v3\.tbx: declares XML entities \(secret\)"):
        tbx.parse(entity, name="v3.tbx")
    missing = (
        b'<?xml version="1.0"?>\n'
        b'<tbx type="TBX-Basic" style="dca" xml:lang="zh-CN" xmlns="urn:iso:std:iso:30042:ed-2">'
        b"<text><body>\n<conceptEntry id='c7'>"
        b"<langSec xml:lang='zh-CN'><termSec><term>\xe7\xae\x97\xe5\x8a\x9b</term></termSec>"
        b"</langSec></conceptEntry></body></text></tbx>"
    )
    with pytest.raises(GlossaryError, match=r"^v3\.tbx, conceptEntry c7 \(line 3\): no English"):
        tbx.parse(missing, name="v3.tbx")
