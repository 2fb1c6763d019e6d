"""Large pages parsed piece by piece give exactly the blocks of the page parsed whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core import html_blocks as blocks_module
from workbench.core.html_blocks import html_blocks
from workbench.core.html_chunks import plan
from workbench.core.html_source import prepare_html
from workbench.ingest_rules import default_rules

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
PAGES = sorted(DATA.glob("*.html"))
WHOLE = 10**9  # a piece size no test page reaches


def _pieces_used(html: str, size: int) -> int:
    """How many pieces the page is parsed in at this size (0: parsed whole)."""
    prepared = prepare_html(html)
    found = plan(prepared, size)
    if found is None:
        return 0
    blocks_module._in_pieces(prepared, found, default_rules())  # raises if it falls back
    return len(found.pieces)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
@pytest.mark.parametrize("size", [300, 3000])
def test_repeated_page_in_pieces_is_the_page_whole(page: Path, size: int) -> None:
    html = page.read_text(encoding="utf-8") * 12
    assert _pieces_used(html, size) > 1
    rules = default_rules()
    assert html_blocks(html, rules, piece_size=size) == html_blocks(html, rules, piece_size=WHOLE)


def test_article_found_in_a_later_piece_keeps_its_container() -> None:
    # The container's class is a share widget's, but it holds the <h1>: it is never dropped,
    # though the <h1> comes only in the third piece.
    paragraphs = "".join(f"<p>第{n}段正文，内容足够长，包含标点符号。</p>\n" for n in range(60))
    html = (
        '<html><head><title>标题</title></head><body><div class="share-box">'
        f"<div>{paragraphs}</div><div>{paragraphs}</div><h1>标题</h1>{paragraphs}"
        "</div></body></html>"
    )
    assert _pieces_used(html, 1500) > 2
    rules = default_rules()
    parted = html_blocks(html, rules, piece_size=1500)
    assert parted == html_blocks(html, rules, piece_size=WHOLE)
    assert not parted.dropped and len(parted.blocks) == 3 * 60 + 2


def test_hidden_container_across_pieces_hides_all_of_it() -> None:
    paragraphs = "".join(f"<p>第{n}段。</p>" for n in range(100))
    html = (
        "<html><head><style>.x{visibility:hidden}</style></head><body><p>正文。</p>"
        f'<div class="x"><div>{paragraphs}</div><div style="visibility:visible">'
        f"{paragraphs}</div></div><p>结尾。</p></body></html>"
    )
    assert _pieces_used(html, 800) > 2
    rules = default_rules()
    parted = html_blocks(html, rules, piece_size=800)
    assert parted == html_blocks(html, rules, piece_size=WHOLE)
    assert len(parted.dropped) == 100 and len(parted.blocks) == 2 + 100


@pytest.mark.parametrize(
    "irregular",
    [
        "<p>段落<div>块</div></p>",  # the parser closes the <p> before the <div>
        "<div><b>粗</div></b>",  # misnested
        "<ul><li>一<li>二</ul>",  # an implied end
        "<div>未关闭的注释<!-- ",
        '<body class="second">',  # a later <body>'s attributes are merged into the first
        "<plaintext>",
    ],
)
def test_irregular_markup_is_parsed_whole(irregular: str) -> None:
    filler = "<div><p>正文内容，足够长。</p></div>" * 50
    html = f"<html><body>{filler}{irregular}{filler}</body></html>"
    assert plan(prepare_html(html), 200) is None
    rules = default_rules()
    assert html_blocks(html, rules, piece_size=200) == html_blocks(html, rules, piece_size=WHOLE)


def test_small_pages_are_parsed_whole() -> None:
    html = (DATA / "xinhua_page.html").read_text(encoding="utf-8")
    assert plan(prepare_html(html)) is None
