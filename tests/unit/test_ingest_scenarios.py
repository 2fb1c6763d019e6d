"""clean_document on scenario fixtures: other sites, formats and kinds of junk than the seeds."""

from __future__ import annotations

from pathlib import Path

from workbench.core.ingest import Format, clean_document, decode
from workbench.core.segments import CleanDocument, ParagraphKind
from workbench.ingest_rules import default_rules

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
TITLE, LEAD, BODY = ParagraphKind.TITLE, ParagraphKind.LEAD, ParagraphKind.BODY


def _clean(name: str) -> CleanDocument:
    path = DATA / name
    fmt: Format = "html" if path.suffix == ".html" else "md" if path.suffix == ".md" else "txt"
    text = decode(path.read_bytes(), name=name).text
    return clean_document(text, fmt=fmt, rules=default_rules(), name=name)


def _reasons(doc: CleanDocument) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for block in doc.dropped:
        found.setdefault(block.reason, set()).add(block.text.strip())
    return found


def test_xinhua_page_html() -> None:
    doc = _clean("xinhua_page.html")
    assert doc.title == "中国发布《全球数据安全倡议》"
    assert [p.kind for p in doc.paragraphs] == [TITLE, LEAD, BODY, BODY, BODY, BODY]
    texts = [p.text for p in doc.paragraphs]
    assert (
        texts[1]
        == "新华社北京4月3日电 中方3日发布《全球数据安全倡议》，呼吁各方秉持发展和安全并重原则。"
    )
    # A line break between two CJK characters in the source HTML is not a space.
    assert texts[2].endswith(
        "呼吁各方秉持发展和安全并重原则，共同构建和平、安全、开放、合作的网络空间。"
    )
    assert texts[4] == (
        "倡议还提出（一）反对利用信息技术破坏他国关键基础设施；"
        "（二）反对利用信息技术从事大规模监控。"
    )
    assert texts[5] == "外交部发言人表示，中方愿同各方加强沟通交流，共同应对数据安全风险挑战。"
    assert any("（完）" in note for note in doc.paragraphs[5].changes)
    assert doc.metadata.source == "新华网"
    assert doc.metadata.date == "2024-04-03 10:09:18"
    assert doc.metadata.url == "http://www.news.cn/politics/2024-04/03/c_1130105678.htm"
    everything = " ".join(texts)
    for junk in (
        "不是正文",
        "var _hmt",
        ".share",
        "登录",
        "QQ空间",
        "李贺 摄",
        "张三",
        "相关新闻",
        "187****",
        "ICP",
    ):
        assert junk not in everything
    reasons = _reasons(doc)
    assert "分享到：微信微博QQ空间" in reasons["share widget"]
    assert "新华网 > 时政 > 正文" in reasons["breadcrumb"]
    assert "王毅出席数字合作论坛" in reasons["related/recommended links"]
    assert "187****1404：支持中国倡议！" in reasons["reader comments"]
    assert "【责任编辑：张三】" in reasons["editor credit"]
    assert any("图为4月3日" in text for text in reasons["photo caption"])


def test_html_blocks_are_numbered_in_document_order() -> None:
    doc = _clean("xinhua_page.html")
    numbers = sorted([p.line_no for p in doc.paragraphs] + [b.line_no for b in doc.dropped])
    assert numbers == list(range(1, len(numbers) + 1))


def test_markdown_article() -> None:
    doc = _clean("markdown_article.md")
    assert doc.title == "数字经济合作迈出新步伐"
    assert doc.metadata.source == "经济日报" and doc.metadata.date == "2024-05-06"
    assert doc.metadata.author == "李明"  # from the front matter
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        (TITLE, "数字经济合作迈出新步伐"),
        (LEAD, "核心提示：数字经济正在成为各国合作的新亮点，中国愿与各方共享发展机遇。"),
        (
            BODY,
            "近年来，中国积极推动数字丝绸之路建设，与多个国家签署了数字经济合作谅解备忘录，合作领域不断拓展。",
        ),
        (BODY, "专家指出，数字经济合作主要体现在三个方面："),
        (BODY, "1. 基础设施互联互通，推动5G网络和数据中心建设。"),
        (BODY, "2. 数字贸易快速增长，跨境电商规模持续扩大。"),
        (BODY, "3. 数字治理交流深化，各方就数据流动规则开展对话。"),
        (BODY, "展望未来"),
        (BODY, "下一步，中国将继续深化数字经济国际合作，为全球经济增长注入新动能。"),
    ]
    assert doc.paragraphs[2].line_no == 14 and "[数字丝绸之路](" in doc.paragraphs[2].original
    reasons = _reasons(doc)
    assert {"code block", "image", "front matter", "editor credit"} <= set(reasons)
    assert doc.warnings == ()


def test_comment_section_without_a_heading() -> None:
    doc = _clean("comment_section.txt")
    assert doc.title == "我国首颗低轨宽带通信试验卫星成功发射"
    assert doc.metadata.source == "科技日报" and doc.metadata.date == "2024-05-06 09:30:12"
    assert [p.line_no for p in doc.paragraphs] == [2, 4, 5, 6]
    assert doc.paragraphs[1].text.startswith("本报讯 记者从中国航天科技集团获悉，")
    comment_lines = [b for b in doc.dropped if b.line_no >= 7]
    assert len(comment_lines) == 7
    assert all(b.reason.startswith("reader comment") for b in comment_lines)


def test_spam_prefixes_are_stripped_and_recorded_and_look_alikes_kept() -> None:
    doc = _clean("spam_prefix.txt")
    assert doc.title is None
    by_line = {p.line_no: p for p in doc.paragraphs}
    assert sorted(by_line) == [1, 3, 4, 5, 6, 7]
    assert by_line[1].text.startswith("今年以来，我国外贸")
    assert by_line[1].original.startswith("开云体育app下载")
    assert any("开云体育app下载" in note for note in by_line[1].changes)
    assert by_line[6].text.startswith("业内人士认为")
    assert any("华体会官方网站入口" in note for note in by_line[6].changes)
    for line_no, start in ((4, "金沙江畔"), (5, "半岛电视台"), (7, "国家体育总局")):
        assert by_line[line_no].text.startswith(start) and by_line[line_no].changes == ()
    only_spam = next(b for b in doc.dropped if b.line_no == 2)
    assert (only_spam.text, only_spam.reason) == ("九游会官网登录", "injected spam")


def test_chinanews_style_page() -> None:
    doc = _clean("chinanews_page.txt")
    assert doc.title == "国家统计局：4月份国民经济持续恢复向好"
    assert doc.metadata.source == "中国新闻网" and doc.metadata.date == "2024-05-16 10:05"
    assert [p.line_no for p in doc.paragraphs] == [7, 12, 13, 14]
    assert doc.paragraphs[-1].text.endswith("巩固和增强经济回升向好态势。")  # （完） removed
    assert all(p.line_no < 15 for p in doc.paragraphs)
    assert {"中新网", "首页", "国内", "国际", "财经"} <= _reasons(doc)[
        "page header (before the title)"
    ]


def test_hard_wrapped_text_is_joined_back_into_paragraphs() -> None:
    doc = _clean("hard_wrapped.txt")
    assert doc.title == "关于推进人工智能治理的若干意见"
    assert [p.line_no for p in doc.paragraphs] == [1, 3, 7, 11]
    assert doc.paragraphs[1].text == (
        "人工智能是引领新一轮科技革命和产业变革的战略性技术，具有溢出带动性很强的头雁效应。"
        "加快发展新一代人工智能是事关我国能否抓住新一轮科技革命和产业变革机遇的战略问题。"
    )
    assert doc.paragraphs[3].text.endswith(
        "建立健全保障人工智能健康发展的法律法规、制度体系、伦理道德。"
    )
    assert doc.paragraphs[1].original.count("\n") == 2  # the three input lines


def test_encoded_fixtures_clean_the_same() -> None:
    gbk = _clean("gbk_encoded.txt")
    utf8 = _clean("utf8_bom.txt")
    assert [p.text for p in gbk.paragraphs] == [p.text for p in utf8.paragraphs]
    assert gbk.paragraphs


def test_sohu_style_page() -> None:
    doc = _clean("sohu_page.txt")
    assert doc.title == "人工智能赋能千行百业 这些变化正在发生"
    assert doc.metadata.source == "经济日报" and doc.metadata.date == "2024-07-05 08:15"
    assert [p.line_no for p in doc.paragraphs] == [13, 17, 18, 19]
    assert doc.paragraphs[2].text.startswith("“过去质检要靠人眼，现在AI几秒钟就能完成。”")
    reasons = _reasons(doc)
    assert "发布于：北京市" in reasons["posting location"]
    assert "原标题：人工智能赋能千行百业" in reasons["original-title line"]
    assert "返回搜狐，查看更多" in reasons["site link"]
    assert "多地出台政策支持AI发展" in reasons["related link (list item with a timestamp)"]


def test_people_daily_style_html() -> None:
    doc = _clean("people_page.html")
    assert doc.title == "习近平同法国总统马克龙会谈"
    assert doc.metadata.source == "人民网－人民日报"
    assert doc.metadata.date == "2024-05-07 05:21"
    assert [p.kind for p in doc.paragraphs] == [TITLE, BODY, BODY, BODY]
    assert doc.paragraphs[1].text.startswith(
        "本报巴黎5月6日电（记者王远、杨翘楚）当地时间5月6日上午，"
    )
    reasons = _reasons(doc)
    assert "(责编：王瑞、岳弘彬)" in reasons["editor credit"]
    assert "分享让更多人看到" in reasons["share widget"]
    assert "人民日报社概况 | 关于人民网 | 报社招聘" in reasons["navigation"]
    assert (
        "习近平同法国总统马克龙会谈--时政--人民网"
        in reasons["page title (names the article); duplicate of the title"]
    )


def test_spam_inside_or_at_the_end_of_a_paragraph_is_stripped_and_recorded() -> None:
    doc = _clean("spam_inline.txt")
    by_line = {p.line_no: p for p in doc.paragraphs}
    assert by_line[1].text == (
        "人工智能全球治理成为世界各国共同面临的重大课题，亟需通过对话与合作凝聚共识。"
    )
    assert any("inside the paragraph: 九游会官网登录" in note for note in by_line[1].changes)
    assert by_line[2].text == "中方愿同各方一道，推动构建人类命运共同体。"
    assert any("suffix 开云体育app下载" in note for note in by_line[2].changes)
    assert by_line[3].changes == ()  # 半岛平台, 金沙江: ordinary words, no call to action
    assert 4 not in by_line
    assert next(b for b in doc.dropped if b.line_no == 4).reason == "injected spam"


def test_netease_style_page_with_platform_notices() -> None:
    doc = _clean("netease_page.txt")
    assert doc.title == "外交部：中方愿同各方加强人工智能治理合作"
    assert doc.metadata.source == "央视新闻客户端" and doc.metadata.date == "2024-07-05 16:32:11"
    assert [p.line_no for p in doc.paragraphs] == [3, 10, 11, 12, 13]
    reasons = _reasons(doc)
    assert "北京" in reasons["short line among page furniture (heuristic)"]
    assert "分享至好友和朋友圈" in reasons["share widget"]
    assert any(text.startswith("本文来自网易号") for text in reasons["repost note"])
    assert any(text.startswith("Notice: The content above") for text in reasons["disclaimer"])


def test_a_short_heading_of_a_clean_document_is_kept() -> None:
    text = (
        "人工智能治理的新进展\n"
        "引言\n"
        "近年来，人工智能技术快速发展，给经济社会发展带来了巨大红利，同时也存在诸多风险挑战。\n"
    )
    doc = clean_document(text, fmt="txt", rules=default_rules(), name="clean.txt")
    assert [p.text for p in doc.paragraphs][:2] == ["人工智能治理的新进展", "引言"]


def test_wechat_account_article_copied_as_text() -> None:
    doc = _clean("wechat_article.txt")
    assert doc.title == "深度｜人工智能全球治理的中国方案"
    meta = doc.metadata
    assert (meta.source, meta.author, meta.date) == ("国际观察", "张三 李四", "2024-07-05 08:00")
    assert [p.line_no for p in doc.paragraphs] == [1, 6, 7]
    reasons = _reasons(doc)
    assert reasons["editor credit"] == {"编辑｜王五", "审核｜赵六"}
    # Everything after the credit goes: the reading list and the WeChat page furniture.
    tail = reasons["page tail after the editor credit"]
    assert {"人工智能发展的“中国答案”", "，轻点两下取消赞", "继续滑动看下一个"} <= tail


def test_government_portal_page_html() -> None:
    doc = _clean("govcn_page.html")
    assert doc.title == "中方发布《全球人工智能治理倡议》"
    # The font-size toolbar on the byline is not part of the source.
    assert doc.metadata.source == "新华社" and doc.metadata.date == "2023-10-18 21:30"
    assert [p.text[:6] for p in doc.paragraphs] == [
        "中方发布《全",
        "新华社北京1",
        "倡议围绕人工",
        "倡议提出，各",
    ]
    reasons = _reasons(doc)
    assert any("责任编辑：王五" in text for text in reasons["editor credit"])
    assert any(text.startswith("10月18日，第三届") for text in reasons["photo caption"])
    assert len(reasons["page header/footer"]) == 4


def test_sina_style_page_with_an_original_title_note() -> None:
    doc = _clean("sina_page.txt")
    assert doc.title == "外交部：欢迎各方参加2024世界人工智能大会"
    assert doc.metadata.source == "环球网" and doc.metadata.date == "2024-07-02 18:05"
    assert [p.line_no for p in doc.paragraphs] == [3, 15, 16]
    reasons = _reasons(doc)
    assert "（原标题：外交部：欢迎各方参加2024世界人工智能大会）" in reasons["original-title line"]
    assert {"新浪财经APP", "腾讯QQ"} <= reasons["short line among page furniture (heuristic)"]
