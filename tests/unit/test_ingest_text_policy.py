"""Sources go through the text policy at import: unwritable characters are removed from every
block, title and metadata, counted per block; zero-width debris goes, emoji sequences stay;
terminal escape sequences go whole."""

from __future__ import annotations

import pytest

from workbench.core.ingest import Format, clean_document, decode
from workbench.core.segments import CleanDocument
from workbench.core.text import clean_spaces, normalize_punctuation
from workbench.core.text_policy import is_unwritable, replace_unwritable, sanitize
from workbench.ingest_rules import default_rules

BODY = "联合国大会通过决议，呼吁各国加强人工智能能力建设国际合作，缩小数字鸿沟。"


def _clean(text: str, fmt: Format = "txt") -> CleanDocument:
    decoded = decode(text.encode("utf-8"), name=f"x.{fmt}")
    return clean_document(decoded.text, fmt=fmt, rules=default_rules(), name=f"x.{fmt}")


def _all_text(doc: CleanDocument) -> str:
    meta = doc.metadata
    return "".join(
        [p.text + p.original for p in doc.paragraphs]
        + [b.text for b in doc.dropped]
        + [v for v in (meta.source, meta.author, meta.date, meta.url) if v]
    )


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\x07", "\x1b"])
def test_unwritable_characters_are_removed_and_counted_by_line(char: str) -> None:
    doc = _clean(
        f"决议通过\n\n联合国大会{char}通过决议，{char}呼吁各国加强人工智能能力建设国际合作。"
    )
    assert not any(is_unwritable(c) for c in _all_text(doc))
    assert [(r.line_no, r.count, r.characters) for r in doc.removed] == [
        (3, 2, f"U+{ord(char):04X}")
    ]


def test_removed_characters_in_dropped_blocks_and_metadata_are_reported_too() -> None:
    page = (
        '<html><head><meta name="author" content="张三&#xFFFE;">'
        "<title>决议&#xFFFF;通过</title></head><body>"
        f"<h1>决议通过</h1><p>{BODY}&#xFFFE;</p>"
        '<div class="share">分享到&#xFDD0;微信</div></body></html>'
    )
    doc = _clean(page, "html")
    assert not any(is_unwritable(c) for c in _all_text(doc))
    assert doc.metadata.author == "张三"
    places = {r.line_no: r.characters for r in doc.removed}
    assert places == {0: "U+FFFE", 1: "U+FFFF", 3: "U+FFFE", 4: "U+FDD0"}


def test_a_clean_source_reports_nothing() -> None:
    assert _clean(f"决议通过\n\n{BODY}").removed == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("零\u200b宽", "零宽"),
        ("中\u200d国", "中国"),
        ("中\u200c国", "中国"),
        ("\ufeff开头\u2060词", "开头词"),
        ("点赞👍\u200d", "点赞👍"),
        ("程序员👩\u200d💻正在工作", "程序员👩\u200d💻正在工作"),
        ("一家人👨\u200d👩\u200d👧 出游", "一家人👨\u200d👩\u200d👧 出游"),
        ("ربما\u200cیک", "ربما\u200cیک"),  # a non-joiner between Persian letters is spelling
    ],
)
def test_zero_width_characters_go_but_emoji_sequences_stay(text: str, expected: str) -> None:
    assert clean_spaces(text) == expected
    assert normalize_punctuation(text) == expected


def test_emoji_sequence_survives_the_whole_import() -> None:
    doc = _clean(f"决议通过\n\n{BODY}大家都点赞👨\u200d👩\u200d👧。")
    assert doc.paragraphs[-1].text.endswith("👨\u200d👩\u200d👧。")


@pytest.mark.parametrize(
    ("text", "kept", "written"),
    [
        ("Red \x1b[31mtext\x1b[0m.", "Red text.", "Red �text�."),
        ("\x1b[38;5;196m数字鸿沟\x1b[m", "数字鸿沟", "�数字鸿沟�"),
        ("\x1b[2J\x1b[H清屏", "清屏", "��清屏"),
        ("\x9b1mbold", "bold", "�bold"),
        ("\x1b]0;终端标题\x07正文", "正文", "�正文"),
        ("\x1b]8;;https://x.cn\x1b\\link\x1b]8;;\x1b\\", "link", "�link�"),
        ("a\x1b(B\x1b[mb", "ab", "a��b"),
        ("keypad\x1b=on", "keypadon", "keypad�on"),
    ],
)
def test_terminal_escape_sequences_go_whole(text: str, kept: str, written: str) -> None:
    cleaned = sanitize(text)
    assert (cleaned.text, cleaned.removed) == (kept, len(text) - len(kept))
    assert replace_unwritable(text) == written


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("\x1bThe text", "The text"),  # not a sequence whose end is known: the ESC alone goes
        ("\x1b[中文", "[中文"),  # a CSI broken off by text
        ("\x1b]title without an end 中文", "]title without an end 中文"),
        ("\x1b]" + "长" * 3000 + "\x07", "]" + "长" * 3000),  # too long to be a title
        ("[31m is text without its ESC", "[31m is text without its ESC"),
    ],
)
def test_text_after_an_escape_whose_end_is_unknown_stays(text: str, kept: str) -> None:
    assert sanitize(text).text == kept


def test_a_page_from_a_terminal_imports_without_its_colour_codes() -> None:
    doc = _clean("\x1b[1m决议通过\x1b[0m\n\n\x1b[32m联合国大会\x1b[0m通过决议，呼吁各国加强合作。")
    assert [p.text for p in doc.paragraphs] == [
        "决议通过",
        "联合国大会通过决议，呼吁各国加强合作。",
    ]
    assert [(r.line_no, r.count) for r in doc.removed] == [(1, 8), (3, 9)]
