"""Any text in, valid files out: property tests over arbitrary Unicode.

For source and translation text drawn from all of Unicode (every plane, controls,
noncharacters, lone surrogates, bidi controls, U+2028, emoji ZWJ sequences), every export
parses with an independent reader (lxml, polib and `msgfmt -c`, csv, json) to exactly the
documented form of the text: each character outside the text policy as U+FFFD
(`replace_unwritable`), and in PO the English's leading/trailing line feeds agreeing with
the Chinese. Through a project, `import-translations` of an export gives back exactly the
project's English in that form, trimmed (as imports trim).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from workbench.core.glossary import Glossary, Term
from workbench.core.segments import (
    CleanDocument,
    CleanParagraph,
    DocumentMetadata,
    ParagraphKind,
    Status,
    TranslationUnit,
)
from workbench.core.text_policy import replace_unwritable, sanitize
from workbench.formats import po, tabular, tbx, tmx
from workbench.formats.writable import sanitized, writable
from workbench.store.project import Project
from workbench.workflows.exporting import (
    ExportFormat,
    ExportRequest,
    export,
    extension,
    import_translations,
    read_units,
)

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Characters that have broken exports, mixed in often so that every run meets them.
SPECIAL = [
    "\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\x9b", "\r", "\n", "\t",
    "\r\n", "\ud800", "\udfff", "\ufdd0", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff",
    "\u2028", "\u2029", "\u200d", "\u200e", "\u202e", "\u2066", "\ufeff", "\ufffd",
    "👩\u200d👩\u200d👧", "🏳️\u200d🌈", "]]>", "<", "&", "&amp;", '"', "'", "%s", "\\", "\\n",
    "#p1", "#~ ", "msgid ", ' "', "\ue000", "\U000e0001",
]  # fmt: skip
ANY_CHARACTER = st.characters(exclude_categories=())  # every plane, surrogates included
TEXT = st.lists(st.one_of(ANY_CHARACTER, st.sampled_from(SPECIAL)), max_size=30).map("".join)
SOURCE = TEXT.filter(lambda s: bool(s))
# What a project can hold: SQLite cannot store lone surrogates.
STORABLE = TEXT.map(lambda s: "".join(c for c in s if not 0xD800 <= ord(c) <= 0xDFFF))


@settings(max_examples=400, deadline=None, database=None)
@given(text=TEXT)
def test_fast_checks_agree_with_the_policy(text: str) -> None:
    assert writable(text) == replace_unwritable(text)
    assert sanitized(text) == sanitize(text)


def make_unit(source: str, target: str, document: str) -> TranslationUnit:
    return TranslationUnit(
        key=f"{document}#p1",
        source=source,
        target=target,
        document=document,
        document_id=1,
        paragraph=1,
        status=Status.MACHINE,
        terms=(("术语", target[:10]),),
    )


@SETTINGS
@given(source=SOURCE, target=TEXT, document=TEXT)
def test_tmx_parses_with_lxml_to_the_written_form(source: str, target: str, document: str) -> None:
    root = etree.fromstring(tmx.to_bytes([make_unit(source, target, document)]), PARSER)
    assert [seg.text or "" for seg in root.iter("seg")] == [
        replace_unwritable(source),
        replace_unwritable(target),
    ]
    tu = root.find("body/tu")
    assert tu is not None and tu.get("tuid") == replace_unwritable(f"{document}#p1")


@SETTINGS
@given(source=SOURCE, target=TEXT, document=TEXT)
def test_tsv_parses_with_csv_to_the_written_form(source: str, target: str, document: str) -> None:
    text = tabular.tsv_text([make_unit(source, target, document)])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    assert len(rows) == 2
    record = dict(zip(tabular.TSV_COLUMNS, rows[1], strict=True))
    assert (record["source"], record["target"], record["document"]) == (
        replace_unwritable(source),
        replace_unwritable(target),
        replace_unwritable(document),
    )


@SETTINGS
@given(source=SOURCE, target=TEXT, document=TEXT)
def test_jsonl_is_one_record_per_line_whatever_splits_lines(
    source: str, target: str, document: str
) -> None:
    text = tabular.jsonl_text([make_unit(source, target, document)] * 2)
    lines = text.splitlines()  # splits on U+2028, NEL, FS... as well as LF
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert (record["source"], record["target"], record["document"]) == (
        replace_unwritable(source),
        replace_unwritable(target),
        replace_unwritable(document),
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext msgfmt not installed")
@SETTINGS
@given(source=SOURCE, target=TEXT, document=TEXT)
def test_po_passes_msgfmt_and_polib_reads_the_written_form(
    source: str, target: str, document: str
) -> None:
    text = po.to_text([make_unit(source, target, document)])
    check = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", "-"], input=text.encode(), capture_output=True
    )
    assert check.returncode == 0, check.stderr.decode()
    with tempfile.TemporaryDirectory() as folder:  # polib splits a string on U+2028; a file not
        path = Path(folder) / "out.po"
        path.write_text(text, encoding="utf-8", newline="")
        [entry] = polib.pofile(str(path))
    written, msgid = replace_unwritable(target), replace_unwritable(source)
    assert entry.msgid == msgid
    assert entry.msgctxt == replace_unwritable(f"{document}#p1")
    # The English is the written text; only its leading/trailing line feeds follow the source.
    assert entry.msgstr.strip("\n") == written.strip("\n")
    if entry.msgstr:
        assert entry.msgstr.startswith("\n") == msgid.startswith("\n")
        assert entry.msgstr.endswith("\n") == msgid.endswith("\n")
    assert len(entry.occurrences) == 1  # the document name stays one reference


@pytest.mark.parametrize("version", [2, 3])
@SETTINGS
@given(note=TEXT, variant=TEXT)
def test_tbx_parses_with_lxml_to_the_written_form(note: str, variant: str, version: int) -> None:
    # What a glossary can hold: no C0 controls, no lone surrogates, no "|" in a rendering,
    # a letter in every rendering (it refuses the rest itself); everything else reaches TBX.
    def allowed(text: str) -> str:
        return "".join(
            c for c in text if ord(c) >= 0x20 and c != "\x7f" and not 0xD800 <= ord(c) <= 0xDFFF
        )

    rendering = "divide " + allowed(variant).replace("|", "/")
    term = Term("数字鸿沟", "digital divide", variants=(rendering,), note=allowed(note))
    root = etree.fromstring(tbx.serialize(Glossary([term]), version=version), PARSER)
    note_element = root.find(".//{*}note")
    assert (note_element.text or "" if note_element is not None else "") == replace_unwritable(
        term.note
    )
    assert [t.text for t in root.iter("{*}term")][-1] == replace_unwritable(term.variants[0])


def _project(path: Path, source: str) -> tuple[Project, int]:
    project = Project.open(path)
    clean = CleanDocument(
        title=None,
        metadata=DocumentMetadata(),
        paragraphs=(
            CleanParagraph(text=source, kind=ParagraphKind.BODY, line_no=1, original=source),
        ),
    )
    document = project.add_document(
        clean, name="doc.txt", path="doc.txt", sha256="0" * 64, encoding="utf-8", fmt="txt",
        sentences=[[source]],
    )  # fmt: skip
    return project, project.paragraphs(document.id)[0].id


@settings(max_examples=50, deadline=None, database=None)
@given(source=STORABLE.filter(lambda s: bool(s.strip())), target=STORABLE)
def test_import_translations_of_an_export_gives_back_the_english(source: str, target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        origin, origin_id = _project(work / "origin.sqlite", source)
        fresh, fresh_id = _project(work / "fresh.sqlite", source)
        with origin, fresh:
            origin.set_target(origin_id, target)
            stored = origin.paragraph(origin_id).target  # what the project keeps of it
            expected = replace_unwritable(stored).strip() if stored else None
            for fmt in set(ExportFormat) - {ExportFormat.XLIFF2}:  # 2.1 is written, not read
                out = work / f"pairs.{extension(fmt)}"
                export(origin, None, ExportRequest(fmt=fmt, output=out))
                fresh.set_target(fresh_id, None)
                report = import_translations(fresh, read_units(out))
                assert report.unmatched == [], fmt
                assert fresh.paragraph(fresh_id).target == (expected or None), fmt
