"""Turning txt, Markdown and HTML into blocks before cleaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.blocks import BlockHint, text_blocks, wrap_width
from workbench.core.html_blocks import html_blocks
from workbench.core.markdown_blocks import inline_text, markdown_blocks
from workbench.ingest_rules import default_rules

ROOT = Path(__file__).resolve().parents[2]


def _html_texts(html: str) -> list[str]:
    return [b.text for b in html_blocks(html, default_rules()).blocks]


# ------------------------------------------------------------------------------------ txt


def test_text_lines_are_blocks_numbered_by_line() -> None:
    blocks = text_blocks("第一行\n\n  第二行\n").blocks
    assert [(b.text, b.line_no, b.original) for b in blocks] == [
        ("第一行", 1, ""),
        ("第二行", 3, "  第二行"),
    ]


@pytest.mark.parametrize("seed", ["000_9819b9711a7bf496.txt", "004_f56eada79adc5973.txt"])
def test_scraped_pages_are_not_taken_for_hard_wrapped_text(seed: str) -> None:
    lines = (ROOT / "seeds" / seed).read_text(encoding="utf-8").split("\n")
    assert wrap_width(lines) is None


def test_indented_line_starts_a_new_paragraph_in_wrapped_text() -> None:
    row = "人工智能全球治理" * 5  # 80 columns
    indented = "　　" + row[:-2]  # also 80 columns, indented by two ideographic spaces
    text = "\n".join([row, row, "结束。", row, row, row, indented, row, "末尾。"])
    blocks = text_blocks(text).blocks
    assert [b.line_no for b in blocks] == [1, 4, 7]


# ------------------------------------------------------------------------------------ md


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**重点**内容", "重点内容"),
        ("*强调*与_强调_", "强调与_强调_"),  # no intraword underscore emphasis
        ("_强调_ 文字", "强调 文字"),
        ("[链接文字](https://example.com)结束", "链接文字结束"),
        ("[引用][1]结束", "引用结束"),
        ("图片![说明](a.png)之后", "图片之后"),
        ("代码`print()`片段", "代码print()片段"),
        ("~~删除~~线", "删除线"),
        ("<span>标签</span>内", "标签内"),
        ("转义\\*星号\\*", "转义*星号*"),
        ("<https://example.com>", "https://example.com"),
    ],
)
def test_markdown_inline_markup_is_stripped(markdown: str, text: str) -> None:
    assert inline_text(markdown) == text


def test_markdown_structure() -> None:
    source = "\n".join(
        [
            "标题",
            "===",
            "",
            "## 小节",
            "",
            "第一行没有句号",
            "继续第一段。",
            "第二段紧跟着。",
            "",
            "- 项目一",
            "- 项目二",
            "",
            "| 列一 | 列二 |",
            "|------|------|",
            "| 值一 | 值二 |",
            "",
            "[1]: https://example.com",
        ]
    )
    extraction = markdown_blocks(source)
    assert [(b.text, b.hint, b.line_no) for b in extraction.blocks] == [
        ("标题", BlockHint.TITLE, 1),
        ("小节", BlockHint.HEADING, 4),
        ("第一行没有句号继续第一段。", BlockHint.NONE, 6),
        ("第二段紧跟着。", BlockHint.NONE, 8),
        ("项目一", BlockHint.LIST_ITEM, 10),
        ("项目二", BlockHint.LIST_ITEM, 11),
        ("列一 列二", BlockHint.NONE, 13),
        ("值一 值二", BlockHint.NONE, 15),
    ]


def test_markdown_english_soft_wraps_get_a_space() -> None:
    blocks = markdown_blocks("A line that wraps\nonto the next.").blocks
    assert [b.text for b in blocks] == ["A line that wraps onto the next."]


def test_unclosed_code_fence_drops_the_rest_as_code() -> None:
    extraction = markdown_blocks("正文。\n```\n代码\n更多代码")
    assert [b.text for b in extraction.blocks] == ["正文。"]
    assert extraction.dropped[0].reason == "code block"


# ------------------------------------------------------------------------------------ html


def test_html_script_style_and_comments_are_not_text() -> None:
    html = (
        "<body><script>var a = '脚本';</script><style>p{}</style><!-- 注释 --><p>正文。</p></body>"
    )
    assert _html_texts(html) == ["正文。"]


def test_html_line_break_between_chinese_characters_is_not_a_space() -> None:
    html = "<p>人工智能\n    全球治理 and\n  more</p>"
    assert _html_texts(html) == ["人工智能全球治理 and more"]


def test_html_br_and_nested_blocks_split_blocks() -> None:
    html = "<div>第一段<br>第二段<p>第三段</p>尾巴<ul><li>条目</li></ul></div>"
    assert _html_texts(html) == ["第一段", "第二段", "第三段", "尾巴", "条目"]


def test_html_inline_elements_do_not_split() -> None:
    assert _html_texts("<p>中国<a href='#'>人民</a><b>银行</b></p>") == ["中国人民银行"]


def test_html_hints_and_page_title() -> None:
    html = (
        "<html><head><title>标题 - 网站名</title></head><body>"
        "<h1>标题</h1><h2>小节</h2><p class='summary'>摘要段。</p><blockquote>引文。</blockquote>"
        "</body></html>"
    )
    blocks = html_blocks(html, default_rules()).blocks
    assert [(b.text, b.hint) for b in blocks] == [
        ("标题 - 网站名", BlockHint.PAGE_TITLE),
        ("标题", BlockHint.TITLE),
        ("小节", BlockHint.HEADING),
        ("摘要段。", BlockHint.LEAD),
        ("引文。", BlockHint.QUOTE),
    ]


def test_html_og_title_wins_over_title() -> None:
    html = (
        '<head><meta property="og:title" content="真正的标题">'
        "<title>网站 | 别的</title></head><p>x</p>"
    )
    assert html_blocks(html, default_rules()).blocks[0].text == "真正的标题"


def test_html_element_rules_report_what_they_drop() -> None:
    html = (
        "<body><div class='share-box'>分享到微信</div>"
        "<div class='article'><p>正文第一段。</p></div>"
        "<aside><p>侧栏内容</p></aside><footer>页脚</footer></body>"
    )
    extraction = html_blocks(html, default_rules())
    assert [b.text for b in extraction.blocks] == ["正文第一段。"]
    assert [(b.text, b.rule_id, b.line_no) for b in extraction.dropped] == [
        ("分享到微信", "html.share", 1),
        ("侧栏内容", "html.aside", 3),
        ("页脚", "html.header_footer", 4),
    ]


def test_html_container_holding_the_article_is_never_dropped() -> None:
    html = "<div class='main has-share'><h1>标题</h1><p>正文。</p></div>"
    assert _html_texts(html) == ["标题", "正文。"]


def test_html_header_inside_article_is_kept() -> None:
    html = (
        "<header>网站头</header><article><header><h2>文章标题</h2></header><p>正文。</p></article>"
    )
    assert _html_texts(html) == ["文章标题", "正文。"]


def test_html_meta_tags_give_metadata() -> None:
    html = (
        '<head><meta name="author" content="张三"><meta property="article:published_time" '
        'content="2024-04-03T10:09:00+08:00"><meta property="og:url" content="https://a.cn/1"></head>'
    )
    meta = html_blocks(html, default_rules()).metadata
    assert (meta.author, meta.date, meta.url) == (
        "张三",
        "2024-04-03T10:09:00+08:00",
        "https://a.cn/1",
    )


def test_deeply_nested_html_does_not_overflow_the_stack() -> None:
    html = "<div>" * 3000 + "<p>深处的正文。</p>" + "</div>" * 3000
    assert "深处的正文。" in _html_texts(html)
