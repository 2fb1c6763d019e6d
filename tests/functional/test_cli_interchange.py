"""What CAT tools exchange: XLIFF 1.2 and 2.1 exports (validated against the OASIS XLIFF
1.2 strict and 2.x core schemas as the Debian package php-symfony-translation ships them,
installed by setup.sh, since no maintained Python package ships them; checked against the
structural rules written out here as well; read back by translate-toolkit), XLIFF import,
TMX that holds reviewed English unless asked and marks what is not a sentence, and
translations brought back sentence by sentence from another tool's segmentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree
from translate.storage import xliff as tt_xliff

from tests.functional.reference import GLOSSARY, import_seeds, reference_lines, translated_seeds
from workbench.cli import cli
from workbench.core.joining import join_sentences
from workbench.core.segments import Status
from workbench.core.sentences import split_sentences
from workbench.store.project import Project
from workbench.workflows.memory import matches_for_paragraph

SEED_000 = "000_9819b9711a7bf496.txt"
X12 = "urn:oasis:names:tc:xliff:document:1.2"
X2 = "urn:oasis:names:tc:xliff:document:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)

# XLIFF 1.2 state values (the spec's state list) and 2.1 segment states.
STATES_12 = {
    "final", "needs-adaptation", "needs-l10n", "needs-review-adaptation", "needs-review-l10n",
    "needs-review-translation", "needs-translation", "new", "signed-off", "translated",
}  # fmt: skip
STATES_2 = {"initial", "translated", "reviewed", "final"}
NMTOKEN = re.compile(r"[\w.:-]+")

# The OASIS schemas as a maintained package ships them (read in place, never copied here).
SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
needs_schemas = pytest.mark.skipif(
    not (SCHEMAS / "xliff-core-1.2-strict.xsd").is_file(),
    reason="the XLIFF schemas come from the Debian package php-symfony-translation (setup.sh)",
)


class _LocalXmlXsd(etree.Resolver):
    """The schemas import xml.xsd from the W3C's site: the package's copy, no network."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        if url and url.endswith("xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def schema_errors(path: Path, name: str) -> list[str]:
    checker = schema(name)
    checker.validate(etree.parse(str(path), PARSER))
    return [f"{e.line}: {e.message}" for e in checker.error_log]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"WORKBENCH_GLOSSARY": str(GLOSSARY)})


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds with the reference English (all edited); one paragraph approved."""
    path = translated_seeds(tmp_path_factory.mktemp("translated") / "seeds.sqlite")
    with Project.open(path) as project:
        project.set_approved(project.paragraphs()[2].id)
    return path


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """The seeds: paragraph 1 edited, 2 approved, 3 machine output (four sentences), the
    rest untranslated."""
    path = tmp_path / "mixed.sqlite"
    import_seeds(path)
    with Project.open(path) as project:
        first, second, third = project.paragraphs()[:3]
        sentences = project.sentences(third.id)
        project.set_machine_translation(third.id, [f"machine {s.index}" for s in sentences])
        project.set_target(first.id, "Edited English.")
        project.set_target(second.id, "Approved English.")
        project.set_approved(second.id)
    return path


def export(project: Path, out: Path, *args: str) -> Result:
    result = run("export", "-o", str(out), "-p", str(project), *args)
    assert result.exit_code == 0, result.output
    return result


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


# -- XLIFF 1.2 ---------------------------------------------------------------------------------


def xliff12_problems(root: etree._Element) -> list[str]:
    """The structural rules of XLIFF 1.2 (strict) that an export can break."""
    problems = []
    if root.tag != f"{{{X12}}}xliff" or root.get("version") != "1.2":
        problems.append(f"root {root.tag} version {root.get('version')}")
    for file in root:
        if file.tag != f"{{{X12}}}file":
            problems.append(f"<{file.tag}> under <xliff>")
            continue
        for required in ("original", "source-language", "datatype"):
            if not file.get(required):
                problems.append(f"file without {required}")
        names = [local(child) for child in file]
        if names not in (["body"], ["header", "body"]):
            problems.append(f"file children {names}")
        header = file.find(f"{{{X12}}}header")
        for tool in header.iter(f"{{{X12}}}tool") if header is not None else ():
            if not tool.get("tool-id") or not tool.get("tool-name"):
                problems.append("tool without tool-id or tool-name")
        ids: set[str] = set()
        for unit in file.iter(f"{{{X12}}}trans-unit"):
            ident = unit.get("id") or ""
            if not ident or ident in ids:
                problems.append(f"trans-unit id {ident!r} missing or repeated")
            ids.add(ident)
            order = [local(child) for child in unit]
            expected = ["source"] + ["seg-source"] * ("seg-source" in order)
            expected += ["target"] * ("target" in order)
            expected += ["note"] * order.count("note")
            if order != expected:
                problems.append(f"{ident}: children {order}")
            target = unit.find(f"{{{X12}}}target")
            if target is not None and target.get("state") not in STATES_12 | {None}:
                problems.append(f"{ident}: state {target.get('state')}")
            if unit.get("approved") not in (None, "yes", "no"):
                problems.append(f"{ident}: approved {unit.get('approved')}")
            seg_source = unit.find(f"{{{X12}}}seg-source")
            if seg_source is not None:
                if text_of(seg_source) != text_of(unit.find(f"{{{X12}}}source")):
                    problems.append(f"{ident}: seg-source text differs from source")
                marks = [m.get("mid") for m in seg_source.iter(f"{{{X12}}}mrk")]
                if len(set(marks)) != len(marks) or None in marks:
                    problems.append(f"{ident}: mrk mids {marks}")
                target_marks = (
                    [m.get("mid") for m in target.iter(f"{{{X12}}}mrk")]
                    if target is not None
                    else []
                )
                if target is not None and target_marks != marks:
                    problems.append(f"{ident}: target markers differ from the source's")
                for mrk in unit.iter(f"{{{X12}}}mrk"):
                    if mrk.get("mtype") != "seg":
                        problems.append(f"{ident}: mrk mtype {mrk.get('mtype')}")
    return problems


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_xliff12_export_of_the_seeds_is_valid_and_read_back_by_translate_toolkit(
    translated: Path, tmp_path: Path, level: str
) -> None:
    out = tmp_path / "seeds.xlf"
    result = export(translated, out, "-f", "xliff", "--level", level)
    assert "wrote 18 pairs" in result.output
    root = etree.parse(str(out), PARSER).getroot()
    assert xliff12_problems(root) == []
    files = root.findall(f"{{{X12}}}file")
    with Project.open(translated, read_only=True) as project:
        documents = project.documents()
        paragraphs = {d.name: project.paragraphs(d.id) for d in documents}
        sentences = sum(len(project.sentences(p.id)) for ps in paragraphs.values() for p in ps)
    assert [f.get("original") for f in files] == [d.name for d in documents]
    assert {(f.get("source-language"), f.get("target-language")) for f in files} == {
        ("zh-CN", "en")
    }
    store = tt_xliff.xlifffile.parsefile(str(out))
    units = [u for u in store.units if not u.isheader()]
    expected = [(d, n, p) for d in paragraphs for n, p in enumerate(paragraphs[d], start=1)]
    assert len(units) == len(expected) == 18
    for unit, (document, number, paragraph) in zip(units, expected, strict=True):
        assert unit.getid().endswith(f"{document}#p{number}")
        assert unit.source == paragraph.source
        if level == "paragraph":
            assert unit.target == paragraph.target
        else:  # the sentences' English with a space between, as the target's markers
            assert " ".join(unit.target.split()) == " ".join(paragraph.target.split())
        approved = paragraph.status is Status.APPROVED
        assert unit.isapproved() is approved
        assert unit.get_state_n() == (unit.S_SIGNED_OFF + 1 if approved else unit.S_TRANSLATED)
    wall = next(u for u in units if "小院高墙" in u.source)
    assert "小院高墙 = small yard, high fence" in wall.getnotes()
    if level == "sentence":
        marks = root.findall(f".//{{{X12}}}seg-source/{{{X12}}}mrk")
        # One paragraph's English does not split like its Chinese: it is one segment.
        assert len(marks) == sentences - 1 == 50
        assert "1 paragraph exported whole" in result.output


def test_xliff_states_follow_the_status(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "mixed.xlf"
    statuses = ("--status", "machine", "--status", "edited", "--status", "approved")
    export(mixed, out, "-f", "xliff", "--level", "sentence", *statuses)
    root = etree.parse(str(out), PARSER).getroot()
    assert xliff12_problems(root) == []
    units = root.findall(f".//{{{X12}}}trans-unit")
    assert len(units) == 3
    targets = [u.find(f"{{{X12}}}target") for u in units]
    assert [(t.get("state"), t.get("state-qualifier")) for t in targets] == [
        ("translated", None),
        ("final", None),
        ("needs-review-translation", "mt-suggestion"),
    ]
    assert [u.get("approved") for u in units] == [None, "yes", None]
    machine = [m.text for m in targets[2].iter(f"{{{X12}}}mrk")]
    assert machine == ["machine 0", "machine 1", "machine 2", "machine 3"]

    out2 = tmp_path / "mixed2.xlf"
    everything = (*statuses, "--status", "new", "--include-empty")
    export(mixed, out2, "-f", "xliff2", "--level", "sentence", *everything)
    root2 = etree.parse(str(out2), PARSER).getroot()
    assert xliff2_problems(root2) == []
    units2 = root2.findall(f".//{{{X2}}}unit")
    states = [[s.get("state") for s in u.iter(f"{{{X2}}}segment")] for u in units2[:3]]
    assert states == [["translated"], ["final"], ["initial"] * 4]
    assert {s.get("subState") for s in units2[2].iter(f"{{{X2}}}segment")} == {"workbench:mt"}
    # --include-empty: untranslated paragraphs too, without targets or states.
    assert len(units2) == 18
    assert units2[5].find(f".//{{{X2}}}target") is None
    assert units2[5].find(f".//{{{X2}}}segment").get("state") is None


def test_xliff_target_language_is_a_bcp47_tag(translated: Path, tmp_path: Path) -> None:
    out = tmp_path / "gb.xlf"
    export(translated, out, "-f", "xliff", "--target-language", "en-GB")
    root = etree.parse(str(out), PARSER).getroot()
    assert {f.get("target-language") for f in root.iter(f"{{{X12}}}file")} == {"en-GB"}
    assert {t.get(XML_LANG) for t in root.iter(f"{{{X12}}}target")} == {"en-GB"}
    tmx = tmp_path / "gb.tmx"
    export(translated, tmx, "-f", "tmx", "--target-language", "en-GB")
    langs = {tuv.get(XML_LANG) for tuv in etree.parse(str(tmx), PARSER).iter("tuv")}
    assert langs == {"zh-CN", "en-GB"}
    bad = run("export", "-f", "xliff", "--target-language", "en GB", "-p", str(translated))
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    assert "not a language tag" in bad.output


@needs_schemas
@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_xliff_exports_validate_against_the_oasis_schemas(
    mixed: Path, translated: Path, tmp_path: Path, level: str
) -> None:
    everything = [arg for s in Status for arg in ("--status", s.value)] + ["--include-empty"]
    for project in (translated, mixed):
        for fmt, xsd in (("xliff", "xliff-core-1.2-strict.xsd"), ("xliff2", "xliff-core-2.0.xsd")):
            out = tmp_path / f"{project.stem}-{fmt}.xlf"
            export(project, out, "-f", fmt, "--level", level, *everything)
            assert schema_errors(out, xsd) == [], out
    # The check can fail: a state outside the list is refused.
    broken = tmp_path / "broken.xlf"
    text = (tmp_path / "mixed-xliff.xlf").read_text(encoding="utf-8")
    broken.write_text(text.replace('state="translated"', 'state="done"'), encoding="utf-8")
    assert any("state" in error for error in schema_errors(broken, "xliff-core-1.2-strict.xsd"))
    broken2 = tmp_path / "broken2.xlf"
    text = (tmp_path / "mixed-xliff2.xlf").read_text(encoding="utf-8")
    broken2.write_text(text.replace("<notes>", "<notes><bogus/>"), encoding="utf-8")
    assert schema_errors(broken2, "xliff-core-2.0.xsd")


# -- XLIFF 2.1 ---------------------------------------------------------------------------------


def xliff2_problems(root: etree._Element) -> list[str]:
    """The structural rules of the XLIFF 2.1 core that an export can break."""
    problems = []
    if root.tag != f"{{{X2}}}xliff" or root.get("version") != "2.1" or not root.get("srcLang"):
        problems.append(f"root {root.tag} {dict(root.attrib)}")
    file_ids = [f.get("id") for f in root]
    if len(set(file_ids)) != len(file_ids) or not all(NMTOKEN.fullmatch(i or "") for i in file_ids):
        problems.append(f"file ids {file_ids}")
    for file in root:
        unit_ids = [u.get("id") or "" for u in file]
        if [local(u) for u in file] != ["unit"] * len(unit_ids):
            problems.append("file holds other than units")
        if len(set(unit_ids)) != len(unit_ids) or not all(map(NMTOKEN.fullmatch, unit_ids)):
            problems.append(f"unit ids {unit_ids}")
        for unit in file:
            order = [local(child) for child in unit]
            body = [name for name in order if name != "notes"]
            if order[: len(order) - len(body)] not in ([], ["notes"]) or not body:
                problems.append(f"{unit.get('id')}: children {order}")
            if set(body) - {"segment", "ignorable"}:
                problems.append(f"{unit.get('id')}: children {order}")
            seg_ids = [s.get("id") for s in unit if local(s) == "segment"]
            if len(set(seg_ids)) != len(seg_ids):
                problems.append(f"{unit.get('id')}: segment ids {seg_ids}")
            for part in unit:
                if local(part) in ("segment", "ignorable"):
                    names = [local(c) for c in part]
                    if names not in (["source"], ["source", "target"]):
                        problems.append(f"{unit.get('id')}: {local(part)} holds {names}")
                if local(part) == "segment":
                    state = part.get("state")
                    if state not in STATES_2 | {None}:
                        problems.append(f"state {state}")
                    if part.get("subState") and (state is None or ":" not in part.get("subState")):
                        problems.append(f"subState {part.get('subState')}")
    return problems


def test_xliff21_export_of_the_seeds_is_valid(translated: Path, tmp_path: Path) -> None:
    out = tmp_path / "seeds2.xlf"
    export(translated, out, "-f", "xliff2", "--level", "sentence")
    root = etree.parse(str(out), PARSER).getroot()
    assert xliff2_problems(root) == []
    assert (root.get("srcLang"), root.get("trgLang")) == ("zh-CN", "en")
    segments = root.findall(f".//{{{X2}}}segment")
    assert len(segments) == 51  # 51 sentences; the paragraph exported whole is one of them
    with Project.open(translated, read_only=True) as project:
        sources = [p.source for p in project.paragraphs()]
    units = root.findall(f".//{{{X2}}}unit")
    rebuilt = ["".join(text_of(s) for s in u.iterfind(f".//{{{X2}}}source")) for u in units]
    assert rebuilt == sources


# -- XLIFF import -----------------------------------------------------------------------------


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_xliff_round_trip_brings_the_english_back(
    translated: Path, tmp_path: Path, level: str
) -> None:
    out = tmp_path / "pairs.xlf"
    export(translated, out, "-f", "xliff", "--level", level)
    fresh = tmp_path / "fresh.sqlite"
    import_seeds(fresh)
    result = run("import-translations", str(out), "-p", str(fresh))
    assert "18 applied" in result.output and "0 unmatched" in result.output, result.output
    with Project.open(fresh) as project, Project.open(translated) as original:
        assert [p.target for p in project.paragraphs()] == [p.target for p in original.paragraphs()]


def test_xliff_from_another_tool_inline_codes_and_its_own_segments(tmp_path: Path) -> None:
    """A 1.2 file as Okapi or OmegaT write it: other ids, inline codes, mrk segments."""
    fresh = tmp_path / "fresh.sqlite"
    import_seeds(fresh)
    with Project.open(fresh) as project:
        paragraphs = project.paragraphs()
        sentences = [s.source for s in project.sentences(paragraphs[2].id)]
    marks = "".join(f'<mrk mtype="seg" mid="{i}">{s}</mrk>' for i, s in enumerate(sentences))
    english = "".join(
        f'<mrk mtype="seg" mid="{i}">Sentence <g id="1">{i}</g>.<x id="2"/></mrk> '
        for i in range(len(sentences))
    )
    (tmp_path / "other.xlf").write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="zh-CN" target-language="en" datatype="x-text">
  <body>
   <trans-unit id="NFDBB2FA9-tu1"><source>{paragraphs[0].source}</source>
    <target state="translated">Title <bpt id="1">&lt;b&gt;</bpt>bold<ept id="1"
     >&lt;/b&gt;</ept></target>
   </trans-unit>
   <trans-unit id="NFDBB2FA9-tu2"><source>{"".join(sentences)}</source>
    <seg-source>{marks}</seg-source><target>{english}</target>
   </trans-unit>
  </body>
 </file>
</xliff>""",
        encoding="utf-8",
    )
    result = run("import-translations", str(tmp_path / "other.xlf"), "-p", str(fresh))
    assert "2 applied" in result.output and "0 unmatched" in result.output, result.output
    with Project.open(fresh) as project:
        first, _, third = project.paragraphs()[:3]
    assert first.target == "Title bold"
    assert third.target == " ".join(f"Sentence {i}." for i in range(len(sentences)))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('<?xml version="1.0"?><tmx version="1.4"/>', "not an XLIFF file"),
        (f'<xliff xmlns="{X2}" version="2.1" srcLang="zh-CN"/>', "XLIFF 2.1 is written but not"),
        ('<!DOCTYPE x [<!ENTITY e "boom">]><xliff version="1.2">&e;</xliff>', "entities"),
        ('<xliff version="1.2"><file>', "not well-formed"),
    ],
)
def test_unreadable_xliff_fails_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    fresh = tmp_path / "fresh.sqlite"
    import_seeds(fresh)
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    result = run("import-translations", str(path), "-p", str(fresh))
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0] and str(path) in lines[0], result.output


# -- TMX ---------------------------------------------------------------------------------------


def test_sentence_tmx_marks_a_paragraph_exported_whole(translated: Path, tmp_path: Path) -> None:
    out = tmp_path / "sentences.tmx"
    export(translated, out, "-f", "tmx", "--level", "sentence")
    root = etree.parse(str(out), PARSER).getroot()
    assert root.find("header").get("segtype") == "sentence"
    tus = root.findall("body/tu")
    whole = [tu for tu in tus if tu.find("prop[@type='x-sentence']") is None]
    assert len(whole) == 1 and len(tus) == 51
    assert [tu.get("segtype") for tu in whole] == ["paragraph"]
    assert {tu.get("segtype") for tu in tus if tu not in whole} == {None}
    assert not any(tu.get("creationid") for tu in tus)  # no machine output in it


def test_tmx_default_is_reviewed_english_only(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.tmx"
    assert "wrote 2 pairs" in export(mixed, out, "-f", "tmx").output
    statuses = [
        p.text for p in etree.parse(str(out), PARSER).iter("prop") if p.get("type") == "x-status"
    ]
    assert statuses == ["edited", "approved"]
    everything = tmp_path / "all.tmx"
    export(mixed, everything, "-f", "tmx", "--status", "machine", "--status", "edited")
    tus = etree.parse(str(everything), PARSER).getroot().findall("body/tu")
    assert [tu.get("creationid") for tu in tus] == [None, "MT!"]
    # --include-empty adds the untranslated paragraphs, still not the machine output.
    table = tmp_path / "empty.tsv"
    assert "wrote 17 pairs" in export(mixed, table, "-f", "tsv", "--include-empty").output
    assert "machine" not in table.read_text(encoding="utf-8")


# -- sentences from another tool -----------------------------------------------------------------


def sentence_memory(path: Path, pairs: list[tuple[str, str]]) -> Path:
    """A sentence-level TMX as a CAT tool writes its project memory: no ids, no props."""
    tmx = etree.Element("tmx", version="1.4")
    header = {"srclang": "zh-CN", "segtype": "sentence", "datatype": "plaintext"}
    etree.SubElement(tmx, "header", header, adminlang="en", creationtool="x")
    body = etree.SubElement(tmx, "body")
    for zh, en in pairs:
        tu = etree.SubElement(body, "tu")
        for lang, text in (("zh-CN", zh), ("en", en)):
            tuv = etree.SubElement(tu, "tuv", lang=lang)
            etree.SubElement(tuv, "seg").text = text
    etree.ElementTree(tmx).write(str(path), encoding="utf-8", xml_declaration=True)
    return path


def reference_sentences(project: Project) -> list[tuple[str, str]]:
    pairs = []
    for document in project.documents():
        for paragraph, english in zip(
            project.paragraphs(document.id), reference_lines(document.name), strict=True
        ):
            chinese = [s.source for s in project.sentences(paragraph.id)]
            parts = split_sentences(english)
            if len(parts) != len(chinese):
                parts = [english]
                chinese = ["".join(chinese)]
            # Spaced as a tool may have them: white space around, doubled inside.
            pairs += [
                (f" {zh} ", en.replace(" ", "  ", 1)) for zh, en in zip(chinese, parts, strict=True)
            ]
    return pairs


def test_a_sentence_memory_from_another_tool_fills_every_paragraph(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"
    import_seeds(fresh)
    with Project.open(fresh) as project:
        pairs = reference_sentences(project)
    memory = sentence_memory(tmp_path / "other.tmx", pairs)
    result = run("import-translations", str(memory), "-p", str(fresh))
    assert "18 applied" in result.output and "0 unmatched" in result.output, result.output
    with Project.open(fresh) as project:
        for document in project.documents():
            expected = [" ".join(line.split()) for line in reference_lines(document.name)]
            got = [" ".join((p.target or "").split()) for p in project.paragraphs(document.id)]
            assert got == expected


def test_a_paragraph_with_some_sentences_missing_is_reported_not_filled(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"
    import_seeds(fresh)
    with Project.open(fresh) as project:
        pairs = reference_sentences(project)
        third = project.paragraphs()[2]
        missing = project.sentences(third.id)[1].source
    pairs = [(zh, en) for zh, en in pairs if zh.strip() != missing]
    result = run(
        "import-translations", str(sentence_memory(tmp_path / "m.tmx", pairs)), "-p", str(fresh)
    )
    assert "17 applied" in result.output, result.output
    assert f"partly found: paragraph {third.id}: 3 of 4 sentences found" in result.output
    assert "3 unmatched" in result.output
    with Project.open(fresh) as project:
        assert project.paragraph(third.id).target is None


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["One.", "Two!", " Three? "], "One. Two! Three?"),
        (["He said", "，", "then left。"], "He said， then left。"),
        (["第一句。", "第二句。"], "第一句。第二句。"),
        (["", "Alone."], "Alone."),
    ],
)
def test_sentences_are_joined_with_the_spacing_of_their_script(
    parts: list[str], joined: str
) -> None:
    assert join_sentences(parts) == joined


def test_the_memory_puts_a_paragraph_together_from_a_sentence_memory(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"
    import_seeds(fresh)
    with Project.open(fresh) as project:
        pairs = reference_sentences(project)
        third, fourth = project.paragraphs()[2:4]
        missing = project.sentences(fourth.id)[0].source
    pairs = [(zh, en) for zh, en in pairs if zh.strip() != missing]
    memory = sentence_memory(tmp_path / "omegat.tmx", pairs)
    assert run("memory", "import", str(memory), "-p", str(fresh)).exit_code == 0
    with Project.open(fresh) as project:
        complete = matches_for_paragraph(project, third.id)
        partial = matches_for_paragraph(project, fourth.id)
    # Every sentence found: one exact match for the paragraph, the English joined.
    assert complete.best is not None and complete.best.exact
    assert complete.best.unit.origin == "omegat"
    assert squeezed(complete.best.unit.target) == squeezed(reference_lines(SEED_000)[2])
    # One sentence missing: no match for the whole, the others as sentence matches.
    assert not (partial.best and partial.best.exact)
    found = [bool(s.matches and s.matches[0].exact) for s in partial.sentences]
    assert found == [False] + [True] * (len(found) - 1) and len(found) > 2
    text = run("memory", "matches", str(third.id), "-p", str(fresh)).output
    third_source = third.source
    assert text.splitlines()[0].split() == ["exact", "[omegat]", third_source], text


def squeezed(text: str) -> str:
    return " ".join(text.split())
