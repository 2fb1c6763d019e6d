"""HTML hidden from readers, XML constructs in HTML, line separators and unwritable characters:
scenario fixtures with their expected paragraphs, and the rules behind them case by case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.core.cleaning_rules import load_rules
from workbench.core.errors import InputError
from workbench.core.html_blocks import html_blocks
from workbench.core.html_hidden import HiddenBy, hiding, read_stylesheets
from workbench.core.html_source import prepare_html
from workbench.core.ingest import clean_document, decode
from workbench.core.segments import CleanDocument
from workbench.ingest_rules import default_rules
from workbench.store.project import Project

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SCENARIOS = [
    "hidden_inline_style",
    "hidden_attribute",
    "hidden_by_class_rule",
    "xhtml_internal_dtd",
    "line_separator_in_first_sentence",
    "noncharacter_in_source",
]
BODY = "这是正文的段落，内容足够长，包含标点符号，读者可以看到它。"


def _clean_fixture(name: str) -> CleanDocument:
    path = next(DATA.glob(f"{name}.*[!n]"))  # the fixture, not its .expected.json
    fmt = "html" if path.suffix == ".html" else "txt"
    text = decode(path.read_bytes(), name=path.name).text
    return clean_document(text, fmt=fmt, rules=default_rules(), name=path.name)


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_gives_its_expected_paragraphs(name: str) -> None:
    expected = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    doc = _clean_fixture(name)
    assert doc.title == expected["title"]
    assert [{"kind": p.kind.value, "text": p.text} for p in doc.paragraphs] == expected[
        "paragraphs"
    ]
    dropped = [
        {"rule_id": b.rule_id, "reason": b.reason, "text": b.text}
        for b in doc.dropped
        if b.rule_id != "page.title"
    ]
    assert dropped == expected["dropped"]
    removed = [
        {"line_no": r.line_no, "count": r.count, "characters": r.characters} for r in doc.removed
    ]
    assert removed == expected["removed"]


@pytest.mark.parametrize(
    "name", ["hidden_inline_style", "hidden_attribute", "hidden_by_class_rule"]
)
def test_no_spam_or_hidden_text_is_kept(name: str) -> None:
    kept = " ".join(p.text for p in _clean_fixture(name).paragraphs)
    for word in ("官网", "娱乐", "体育", "看不到", "注入的", "必赢"):
        assert word not in kept
    assert "应当保留" in kept or "可以看到" in kept  # what readers see stays


def test_xml_constructs_never_leak() -> None:
    doc = _clean_fixture("xhtml_internal_dtd")
    everything = " ".join([p.text for p in doc.paragraphs] + [b.text for b in doc.dropped])
    for leak in ("]>", "ENTITY", "ATTLIST", "CDATA", "<!--", "-->", "<?", "?>", "处理指令", "栏目"):
        assert leak not in everything
    assert "脚本里的文字" not in everything


# ---------------------------------------------------------------- one case at a time


def _page(*parts: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><p>{BODY}</p>{''.join(parts)}</body></html>"


def _kept_and_dropped(html: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    extraction = html_blocks(html, default_rules())
    kept = [b.text for b in extraction.blocks]
    return kept, [(b.text, b.rule_id, b.reason) for b in extraction.dropped]


@pytest.mark.parametrize(
    ("element", "reason"),
    [
        ('<div style="display:none">藏</div>', "display:none"),
        ('<div style="display : NONE">藏</div>', "display:none"),
        ('<div style="color:red;display:none!important">藏</div>', "display:none"),
        ('<div style="display: none ! important ;">藏</div>', "display:none"),
        ('<div style="Visibility:Hidden">藏</div>', "visibility:hidden"),
        ('<div style="display:none !important; display:block">藏</div>', "display:none"),
        ("<div hidden>藏</div>", "hidden attribute"),
        ('<div hidden="">藏</div>', "hidden attribute"),
        ('<div aria-hidden="true">藏</div>', 'aria-hidden="true"'),
        ('<div aria-hidden=" TRUE ">藏</div>', 'aria-hidden="true"'),
        ('<div><span style="display:none">藏</span></div>', "display:none"),
    ],
)
def test_hidden_element_is_dropped_with_its_reason(element: str, reason: str) -> None:
    kept, dropped = _kept_and_dropped(_page(element))
    assert kept == [BODY]
    assert [text for text, _, _ in dropped] == ["藏"]
    assert dropped[0][2] == f"hidden from readers ({reason})"


@pytest.mark.parametrize(
    "element",
    [
        '<div style="display:block">见</div>',
        '<div style="display:none; display:flex">见</div>',
        '<div style="visibility:visible">见</div>',
        '<div style="opacity:0.9">见</div>',  # only the plain cases count
        '<div data-style="display:none">见</div>',
        '<div aria-hidden="false">见</div>',
        '<div hidden="until-found">见</div>',
        '<div class="display-none-note">见</div>',
        "<details><summary>摘要</summary>见</details>",  # collapsed, but readers open it
    ],
)
def test_visible_element_is_kept(element: str) -> None:
    kept, dropped = _kept_and_dropped(_page(element))
    assert "见" in "".join(kept)
    assert dropped == []


def test_visible_descendant_of_visibility_hidden_is_kept() -> None:
    html = _page(
        '<div style="visibility:hidden">藏一<p style="visibility:visible">见'
        '<span style="display:none">藏二</span></p>藏三</div>'
    )
    kept, dropped = _kept_and_dropped(html)
    assert kept == [BODY, "见"]
    assert [text for text, _, _ in dropped] == ["藏一", "藏二", "藏三"]


def test_display_none_cannot_be_undone_by_a_descendant() -> None:
    html = _page('<div style="display:none"><p style="visibility:visible">藏</p></div>')
    kept, dropped = _kept_and_dropped(html)
    assert kept == [BODY] and [text for text, _, _ in dropped] == ["藏"]


def test_hidden_container_holding_the_article_is_kept() -> None:
    html = f'<html><body><div style="display:none"><h1>标题</h1><p>{BODY}</p></div></body></html>'
    kept, dropped = _kept_and_dropped(html)
    assert kept == ["标题", BODY] and dropped == []


@pytest.mark.parametrize(
    ("css", "hidden"),
    [
        (".x{display:none}", True),
        (".x {\n  DISPLAY: None;\n}", True),
        ("#y {visibility: hidden}", True),
        ("/* 注释 */ .x{display:none}", True),
        ("<!-- .x{display:none} -->", True),
        (".a, .x { display: none }", True),
        ("@import url(a.css); .x{display:none}", True),
        (".x{display:none} .x{display:block}", False),
        (".x{display:none} @media (max-width:600px){.x{display:block}}", False),
        ("@media print{.x{display:none}}", False),
        ("@supports (display:grid){.x{display:none}}", False),
        ("div .x{display:none}", False),
        ("p.x{display:none}", False),
        (".x:hover{display:none}", False),
        (".x{display:none} .wrap .x{display:inline}", False),
        ('.x{content:"}"; display:none}', True),
        (".x{visibility:hidden} .x{visibility:visible}", False),
        (".x{color:red}", False),
    ],
)
def test_stylesheet_rules_hide_only_in_the_plain_case(css: str, hidden: bool) -> None:
    html = _page('<p class="x" id="y">目标</p>', head=f"<style>{css}</style>")
    kept, dropped = _kept_and_dropped(html)
    assert ("目标" in kept) is not hidden
    if hidden:
        assert dropped[0][1] == "html.hidden_by_stylesheet"


def test_print_only_stylesheet_never_hides() -> None:
    html = _page('<p class="x">目标</p>', head='<style media="print">.x{display:none}</style>')
    assert "目标" in _kept_and_dropped(html)[0]


def test_inline_style_beats_a_stylesheet_rule_unless_it_is_important() -> None:
    sheet = read_stylesheets([("", ".x{display:none} .y{display:none !important}")])
    everything = frozenset(HiddenBy)
    assert hiding({"class": "x", "style": "display:block"}, sheet, everything) is None
    found = hiding({"class": "y", "style": "display:block"}, sheet, everything)
    assert found is not None and found.by is HiddenBy.STYLESHEET


def test_a_hidden_rule_switched_off_by_the_user_keeps_the_text() -> None:
    user = load_rules('[[rules]]\nid = "html.aria_hidden"\nenabled = false\n', base=default_rules())
    html = _page('<p aria-hidden="true">见</p>', '<p style="display:none">藏</p>')
    extraction = html_blocks(html, user)
    assert [b.text for b in extraction.blocks] == [BODY, "见"]
    assert [b.rule_id for b in extraction.dropped] == ["html.hidden_style"]


def test_drop_hidden_rule_needs_a_known_hidden_by() -> None:
    with pytest.raises(InputError, match="hidden_by"):
        load_rules('[[rules]]\nid = "x"\nkind = "drop_hidden"\ncategory = "c"\n')
    with pytest.raises(InputError, match="unknown value 'css'"):
        load_rules('[[rules]]\nid = "x"\nkind = "drop_hidden"\ncategory = "c"\nhidden_by = "css"\n')


# ---------------------------------------------------------------- XML constructs


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE html [<!ENTITY a "b">]>',
        '<?xml version="1.0"?>\n<!-- 注释 -->\n<!DOCTYPE html SYSTEM "x.dtd" ['
        '\n<!ENTITY a "b>c]">\n]>',
        "<!doctype html [ <!-- ]> --> <!ELEMENT p ANY> ] >",
        "\ufeff  <!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x' [<!ENTITY a 'x'>]>",
    ],
)
def test_internal_subset_never_leaks(prolog: str) -> None:
    kept, dropped = _kept_and_dropped(f"{prolog}<html><body><p>{BODY}</p></body></html>")
    assert kept == [BODY] and dropped == []


@pytest.mark.parametrize(
    ("markup", "xhtml_text"),
    [
        ('<?php echo "a > b"; ?>', ""),
        ('<?php echo "<b>x</b>"; ?>', ""),
        ("<![CDATA[文字 > 符号]]>", "文字 > 符号"),
        ("<!-- 注释 > 里 -->", ""),
    ],
)
def test_pis_cdata_and_comments_never_leak(markup: str, xhtml_text: str) -> None:
    html_page = f"<html><body><p>{BODY}</p><p>前{markup}后</p></body></html>"
    assert _kept_and_dropped(html_page)[0] == [BODY, "前后"]
    xhtml_page = '<?xml version="1.0"?>' + html_page
    assert _kept_and_dropped(xhtml_page)[0] == [BODY, f"前{xhtml_text}后"]


def test_script_content_is_left_alone() -> None:
    html = '<script>var a = "<?x"; var b = "<![CDATA[";</script><p>正文</p><p>?> ]]></p>'
    assert prepare_html(html) == html


def test_title_loses_comments_and_cdata_markers() -> None:
    html = "<html><head><title><![CDATA[标题]]><!-- 频道 --></title></head><body></body></html>"
    assert [b.text for b in html_blocks(html, default_rules()).blocks] == ["标题"]


# ---------------------------------------------------------------- through the CLI


def test_hidden_blocks_are_listed_stored_and_restorable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = DATA / "hidden_by_class_rule.html"
    imported = CliRunner().invoke(cli, ["import", str(page), "--show-dropped"])
    assert imported.exit_code == 0, imported.output
    assert (
        "[hidden from readers (.seo-links {display:none}); html.hidden_by_stylesheet]: "
        "凯发k8国际首页登录必赢亚洲官网" in imported.output
    )
    with Project.open(tmp_path / "workbench.sqlite") as project:
        [document] = project.documents()
        hidden = [
            p
            for p in project.paragraphs(document.id, include_dropped=True)
            if not p.included and p.drop_rule == "html.hidden_by_stylesheet"
        ]
    assert [p.drop_reason for p in hidden] == [
        "hidden from readers (.seo-links {display:none})",
        "hidden from readers (#promo {visibility:hidden})",
    ]
    restored = CliRunner().invoke(cli, ["restore", str(hidden[1].id)])
    assert restored.exit_code == 0, restored.output
    with Project.open(tmp_path / "workbench.sqlite") as project:
        sources = [p.source for p in project.paragraphs(document.id)]
    assert "永利皇宫娱乐场，首存送百分之百。" in sources


def test_switching_off_one_way_of_hiding_leaves_the_others() -> None:
    user = load_rules(
        '[[rules]]\nid = "html.hidden_style"\nenabled = false\n', base=default_rules()
    )
    html = _page('<p style="display:none" hidden>藏</p>', '<p style="display:none">见</p>')
    extraction = html_blocks(html, user)
    assert [b.text for b in extraction.blocks] == [BODY, "见"]
    assert [(b.text, b.rule_id) for b in extraction.dropped] == [("藏", "html.hidden_attribute")]
