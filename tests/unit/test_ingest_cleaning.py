"""clean_document on small inline pages: each rule kind and heuristic, and their guards."""

from __future__ import annotations

import pytest

from workbench.core.errors import InputError
from workbench.core.ingest import Format, clean_document
from workbench.core.segments import CleanDocument, ParagraphKind
from workbench.ingest_rules import default_rules

TITLE, LEAD, BODY = ParagraphKind.TITLE, ParagraphKind.LEAD, ParagraphKind.BODY
P1 = "人工智能技术快速发展，给经济社会发展带来了巨大红利，同时也存在诸多风险挑战。"
P2 = "国际社会对此高度关注，人工智能全球治理成为世界各国共同面临的重大课题。"
P3 = "中方将继续秉持共商共建共享理念，积极参与人工智能全球治理进程。"


def _clean(*lines: str, fmt: Format = "txt") -> CleanDocument:
    return clean_document("\n".join(lines), fmt=fmt, rules=default_rules(), name="page.txt")


def _kept(doc: CleanDocument) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _reason(doc: CleanDocument, line_no: int) -> str:
    return next(b.reason for b in doc.dropped if b.line_no == line_no)


def test_an_end_marker_before_the_body_drops_only_itself() -> None:
    doc = _clean("网友评论", "相关阅读", "人工智能全球治理", P1, P2)
    assert _kept(doc) == ["人工智能全球治理", P1, P2]
    assert _reason(doc, 1) == "reader comments" and _reason(doc, 2) == "related/recommended links"


def test_an_end_marker_after_the_body_drops_the_rest() -> None:
    doc = _clean(P1, "责任编辑：张三", P2)
    assert _kept(doc) == [P1]
    assert _reason(doc, 3) == "page tail after the editor credit"


def test_a_link_section_inside_the_article_ends_at_the_next_body_paragraph() -> None:
    doc = _clean(P1, "相关阅读", "王毅出席数字合作论坛", "数字经济国际合作不断深化", P2, P3)
    assert _kept(doc) == [P1, P2, P3]
    assert _reason(doc, 3) == "related/recommended links"


def test_teaser_lists_with_timestamps_are_dropped_outside_a_section() -> None:
    teaser = "据农业农村部最新发布的数据，全国粮食产量连续两年稳定在1.4万亿斤以上。"
    doc = _clean(P1, P2, teaser, "2026-01-26 09:56", teaser, "2026-01-26 09:51")
    assert _kept(doc) == [P1, P2]
    assert _reason(doc, 3) == "related link (list item with a timestamp)"
    assert _reason(doc, 4) == "list timestamp"


def test_a_single_date_after_a_paragraph_is_not_a_list() -> None:
    doc = _clean(P1, P2, "2024年4月3日", P3)
    assert _kept(doc) == [P1, P2, P3]


def test_word_of_a_marker_inside_prose_is_kept() -> None:
    line = "网友评论认为，这项政策切实可行；责任编辑也表示认同，相关阅读材料已经发放。"
    doc = _clean(P1, line, P2)
    assert _kept(doc) == [P1, line, P2]


def test_metadata_like_lines_inside_the_body_are_text() -> None:
    doc = _clean("会议通知", "来源：新华网", P1, "时间：2024年4月3日", P2)
    assert "时间：2024年4月3日" in _kept(doc)
    assert doc.metadata.source == "新华网" and doc.metadata.date is None


def test_a_source_line_at_the_end_is_metadata() -> None:
    doc = _clean(P1, P2, "（来源：人民日报）")
    assert _kept(doc) == [P1, P2]
    assert doc.metadata.source == "人民日报"
    assert _reason(doc, 3) == "metadata (source)"


def test_title_above_the_byline_and_header_lines_above_it() -> None:
    doc = _clean("光明网", "首页", "新闻标题在这里", "2024-04-03 10:09 来源：光明日报", P1)
    assert doc.title == "新闻标题在这里"
    assert [p.kind for p in doc.paragraphs] == [TITLE, BODY]
    assert _reason(doc, 1) == "page header (before the title)"


def test_title_without_a_byline() -> None:
    doc = _clean("新闻标题在这里", P1, P2)
    assert doc.title == "新闻标题在这里"


def test_no_title_when_the_page_starts_with_a_sentence() -> None:
    doc = _clean(P1, P2)
    assert doc.title is None
    assert {p.kind for p in doc.paragraphs} == {BODY}


def test_a_reading_hint_becomes_the_title_when_the_page_does_not_repeat_it() -> None:
    doc = _clean("正在阅读：积极参与和引领人工智能全球治理(和音)", P1, P2)
    assert doc.title == "积极参与和引领人工智能全球治理（和音）"
    assert doc.paragraphs[0].line_no == 1
    assert doc.paragraphs[0].original == "正在阅读：积极参与和引领人工智能全球治理(和音)"


def test_a_truncated_hint_still_finds_the_title_line() -> None:
    doc = _clean(
        "正在阅读：积极参与和引领人工智能…", "首页", "积极参与和引领人工智能全球治理(和音)", P1
    )
    assert doc.title == "积极参与和引领人工智能全球治理（和音）"
    assert _reason(doc, 1).endswith("duplicate of the title")


@pytest.mark.parametrize("label", ["摘要：", "【核心提示】", "导语:"])
def test_a_labelled_first_paragraph_is_the_lead(label: str) -> None:
    doc = _clean("新闻标题在这里", label + P1, P2)
    assert [p.kind for p in doc.paragraphs] == [TITLE, LEAD, BODY]


def test_a_first_paragraph_repeated_later_is_the_lead() -> None:
    doc = _clean("新闻标题在这里", P3.rstrip("。"), P1, P2 + P3)
    assert [p.kind for p in doc.paragraphs] == [TITLE, LEAD, BODY, BODY]


def test_an_ordinary_first_paragraph_is_body() -> None:
    doc = _clean("新闻标题在这里", P1, P2)
    assert [p.kind for p in doc.paragraphs] == [TITLE, BODY, BODY]


def test_no_lead_without_a_title() -> None:
    doc = _clean("摘要：" + P1, P2)
    assert {p.kind for p in doc.paragraphs} == {BODY}


def test_subheadings_between_body_paragraphs_are_kept() -> None:
    doc = _clean(P1, "一、总体要求", P2, "二、重点任务", P3)
    assert _kept(doc) == [P1, "一、总体要求", P2, "二、重点任务", P3]


def test_navigation_runs_and_trailing_furniture_are_dropped() -> None:
    doc = _clean("首页", "国内", "国际", "财经", P1, P2, "光明云投", "扫码关注")
    assert _kept(doc) == [P1, P2]
    assert _reason(doc, 1) == "navigation or link list (heuristic)"
    assert _reason(doc, 7) == "short line after the article (heuristic)"


def test_short_paragraphs_ending_in_a_sentence_mark_count_as_article() -> None:
    doc = _clean(P1, "这是一个短句。", "短行中间", "结尾也短。")
    assert _kept(doc) == [P1, "这是一个短句。", "短行中间", "结尾也短。"]


def test_end_marks_glued_to_the_last_paragraph_are_removed_and_recorded() -> None:
    doc = _clean(P1, P2 + "（责任编辑：张三）")
    assert _kept(doc) == [P1, P2]
    assert any("责任编辑" in note for note in doc.paragraphs[1].changes)


def test_comment_lines_need_their_own_signal() -> None:
    # A user-name-like line on its own, inside an article, is text.
    doc = _clean(P1, "5G时代AI", P2)
    assert "5G时代AI" in _kept(doc)


def test_masked_numbers_inside_prose_are_not_comments() -> None:
    line = "警方提醒，尾号为138****1234的用户反映接到诈骗电话，请市民提高警惕。"
    doc = _clean(P1, line, P2)
    assert line in _kept(doc)


def test_everything_dropped_gives_a_warning() -> None:
    doc = _clean("点击右上角微信好友", "朋友圈", "加载更多")
    assert doc.paragraphs == () and doc.title is None
    assert len(doc.warnings) == 1 and "no paragraphs kept" in doc.warnings[0]


def test_no_chinese_gives_a_warning() -> None:
    doc = _clean("This is an English page. It has two sentences in it, both long enough.")
    assert any("no Chinese" in w for w in doc.warnings)


def test_unknown_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"page\.docx: unknown format 'docx'"):
        clean_document("x", fmt="docx", rules=default_rules(), name="page.docx")  # type: ignore[arg-type]


def test_blank_and_whitespace_lines_are_neither_kept_nor_reported() -> None:
    doc = _clean(P1, "   ", "\u3000\u3000", "", P2)
    assert [p.line_no for p in doc.paragraphs] == [1, 5]
    assert doc.dropped == ()
