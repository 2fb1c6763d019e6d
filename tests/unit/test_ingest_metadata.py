"""Metadata lines: 来源/作者/发布时间 and dates become DocumentMetadata."""

from __future__ import annotations

import pytest

from workbench.core.metadata import normalize_date, parse_metadata_line
from workbench.core.segments import DocumentMetadata
from workbench.ingest_rules import default_rules

LABELS = default_rules().metadata


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "来源:人民日报2024-04-03 10:09",
            DocumentMetadata(source="人民日报", date="2024-04-03 10:09"),
        ),
        (
            "2024-04-03 10:09:18　来源：新华网",
            DocumentMetadata(source="新华网", date="2024-04-03 10:09:18"),
        ),
        (
            "发布时间：2024年04月03日 10:09 | 来源：光明日报 | 作者：张三",
            DocumentMetadata(source="光明日报", author="张三", date="2024-04-03 10:09"),
        ),
        ("作者：李明 编辑：王芳", DocumentMetadata(author="李明")),
        ("来源：新华网 浏览次数：1234", DocumentMetadata(source="新华网")),
        ("【来源：人民网-人民日报】", DocumentMetadata(source="人民网-人民日报")),
        ("本报记者 张三 李四", DocumentMetadata(author="张三 李四")),
        ("新华社记者王美莹", DocumentMetadata(author="王美莹")),
        ("2024-04-03", DocumentMetadata(date="2024-04-03")),
        ("2024-04-03 10:09 新华网", DocumentMetadata(source="新华网", date="2024-04-03 10:09")),
        (
            "原文链接：https://example.com/a.html",
            DocumentMetadata(url="https://example.com/a.html"),
        ),
    ],
)
def test_metadata_lines(line: str, expected: DocumentMetadata) -> None:
    assert parse_metadata_line(line, LABELS) == expected


@pytest.mark.parametrize(
    "line",
    [
        "2023年10月,习近平主席宣布提出《全球人工智能治理倡议》。",
        "时间：2024年4月3日上午9时，地点：北京",
        "外交部司长孙晓波表示,近年来,人工智能技术快速发展。",
        "字号：大 中 小",
        "积极参与和引领人工智能全球治理(和音)",
        "来源" * 50,
    ],
)
def test_not_metadata(line: str) -> None:
    assert parse_metadata_line(line, LABELS) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-03 10:09", "2024-04-03 10:09"),
        ("2024年4月3日", "2024-04-03"),
        ("2024/4/3 8:05:09", "2024-04-03 08:05:09"),
        ("2024-04-03T10:09:00+08:00", "2024-04-03 10:09:00"),
        ("no date", None),
    ],
)
def test_normalize_date(text: str, expected: str | None) -> None:
    assert normalize_date(text) == expected


def test_account_bylines_give_author_source_and_date_but_a_sign_off_stays_text() -> None:
    labels = default_rules().metadata
    wechat = parse_metadata_line("原创 张三 李四 国际观察 2024-07-05 08:00 发表于北京", labels)
    expected = DocumentMetadata(source="国际观察", author="张三 李四", date="2024-07-05 08:00")
    assert wechat == expected
    reposted = parse_metadata_line("国际观察 2024年7月5日 发表于上海", labels)
    assert reposted == DocumentMetadata(source="国际观察", date="2024-07-05")
    # The signature under a notice is part of the document, not a byline.
    assert parse_metadata_line("国家互联网信息办公室 2024年7月5日", labels) is None
