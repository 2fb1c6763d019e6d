"""Readers accept what the specifications allow and refuse the rest in one line that names
the file and the line; no entity is ever expanded, no file read, no connection made."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core.errors import GlossaryError, InputError
from workbench.core.segments import Status
from workbench.formats import po, tbx, tmx

TMX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    '<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" '
    'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n'
)


def tmx_file(tmp_path: Path, zh: str, en: str, *, head: str = TMX_HEAD) -> Path:
    path = tmp_path / "other.tmx"
    path.write_text(
        f'{head}<tu tuid="t1"><tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>{en}</seg></tuv></tu>\n</body></tmx>\n',
        encoding="utf-8",
    )
    return path


# -- TMX <seg> content per TMX 1.4b ------------------------------------------------------------


def test_tmx_comment_and_processing_instruction_inside_seg_are_not_text(tmp_path: Path) -> None:
    path = tmx_file(tmp_path, "正如<!-- 注 -->所说", "As <!-- note --> said<?tool keep?> before")
    [unit] = tmx.read(path)
    assert (unit.source, unit.target) == ("正如所说", "As  said before")


def test_tmx_entity_reference_is_kept_as_written_with_a_warning(tmp_path: Path) -> None:
    path = tmx_file(tmp_path, "数字&nbsp;鸿沟", "digital&nbsp;divide &amp; &#x41;")
    warnings: list[str] = []
    [unit] = tmx.read(path, warnings=warnings)
    assert (unit.source, unit.target) == ("数字&nbsp;鸿沟", "digital&nbsp;divide & A")
    [warning] = warnings
    assert "other.tmx:4" in warning and "tu t1" in warning and "&nbsp;" in warning


def test_tmx_inline_elements(tmp_path: Path) -> None:
    path = tmx_file(
        tmp_path,
        '推动<bpt i="1">&lt;b&gt;</bpt>数字<ept i="1">&lt;/b&gt;</ept>发展<it pos="begin">x</it>',
        'Click <ph>&lt;img alt="<sub>Save icon</sub>"&gt;</ph> to <hi type="em">save '
        "<hi>now</hi></hi><ut>&lt;br&gt;</ut>!",
    )
    [unit] = tmx.read(path)
    assert unit.source == "推动数字发展"
    # sub is a separate flow (the alt text) inside native code: left out with the code.
    assert unit.target == "Click  to save now!"


def test_tmx_not_a_tmx_root_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "page.tmx"
    path.write_text('<?xml version="1.0"?>\n\n<html><body/></html>\n', encoding="utf-8")
    with pytest.raises(
        InputError, match=r"page\.tmx:3: not a TMX file \(its root element is <html>"
    ):
        tmx.read(path)


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b'<tmx version="1.4">\n<body><tu>\n<tuv xml:lang="en"><seg>x</sag>', 3),
        (b'<tmx version="1.4">\n<body>\n<seg>undeclared &foo; here</seg></body></tmx>', 3),
        (b"\n\nnot xml at all", 3),
        (b'<tmx version="1.4">\n<body>\n<seg>\xff\xfe</seg></body></tmx>', 3),
    ],
)
def test_tmx_xml_errors_name_file_and_line(tmp_path: Path, content: bytes, line: int) -> None:
    path = tmp_path / "broken.tmx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=rf"broken\.tmx:{line}: not a valid TMX file") as caught:
        tmx.read(path)
    assert "\n" not in str(caught.value)


def test_tmx_is_read_as_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "big.tmx"
    units = "".join(
        f'<tu tuid="t{n}"><tuv xml:lang="zh"><seg>源{n}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>s{n}</seg></tuv></tu>\n'
        for n in range(2000)
    )
    path.write_text(f"{TMX_HEAD}{units}</body></tmx>", encoding="utf-8")
    reader = tmx.iter_units(path)
    first = next(reader)
    assert first.key == "t0"
    # What has been read is let go: nothing before the current <tu> is left in the tree,
    # and the current one is emptied (the parser's read-ahead stays, bounded by its buffer).
    for _ in range(500):
        next(reader)
    parser = reader.gi_yieldfrom  # iter_units delegates to the parsing generator
    assert parser is not None and parser.gi_frame is not None
    current = parser.gi_frame.f_locals["element"]
    assert current.get("tuid") is None and len(current) == 0  # cleared after reading
    assert current.getparent()[0] is current
    assert sum(1 for _ in reader) == 2000 - 501


# -- entities: never expanded ------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bool]]]:
    """A local TCP port that records whether anything connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.2)
    connected: list[bool] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            connected.append(True)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/x.dtd", connected
    stop.set()
    thread.join()
    server.close()


def hostile_documents(tmp_path: Path, url: str, root: str) -> dict[str, str]:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    laughs = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    return {
        "local file": f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file://{secret}">]>',
        "network": f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "{url}">]>',
        "parameter entity": f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "{url}"> %p;]>',
        "external DTD": f'<!DOCTYPE {root} SYSTEM "{url}">',
        "billion laughs": f"<!DOCTYPE {root} [{laughs}]>",
    }


@pytest.mark.parametrize(
    "case", ["local file", "network", "parameter entity", "external DTD", "billion laughs"]
)
def test_tmx_entities_are_never_resolved(
    tmp_path: Path, listener: tuple[str, list[bool]], case: str
) -> None:
    url, connected = listener
    doctype = hostile_documents(tmp_path, url, "tmx")[case]
    reference = "&i;" if case == "billion laughs" else "&x;"
    path = tmx_file(
        tmp_path, f"源{reference}", f"en {reference}", head=f'<?xml version="1.0"?>\n{doctype}\n'
        '<tmx version="1.4"><header/><body>\n',
    )  # fmt: skip
    try:
        units = tmx.read(path)
    except InputError as exc:  # refused: say so in one line, without the content
        assert "\n" not in str(exc) and "TOP-SECRET" not in str(exc)
    else:  # read: the reference stays a reference
        assert case == "external DTD"
        assert [(u.source, u.target) for u in units] == [("源&x;", "en &x;")]
    assert connected == []


@pytest.mark.parametrize(
    "case", ["local file", "network", "parameter entity", "external DTD", "billion laughs"]
)
def test_tbx_entities_are_never_resolved(
    tmp_path: Path, listener: tuple[str, list[bool]], case: str
) -> None:
    url, connected = listener
    doctype = hostile_documents(tmp_path, url, "martif")[case]
    reference = "&i;" if case == "billion laughs" else "&x;"
    data = (
        f'<?xml version="1.0"?>\n{doctype}\n<martif type="TBX-Basic"><text><body>'
        f'<termEntry id="e1"><note>{reference}</note>'
        '<langSet xml:lang="zh"><tig><term>数字鸿沟</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>digital divide</term></tig></langSet>'
        "</termEntry></body></text></martif>"
    ).encode()
    with pytest.raises(GlossaryError) as caught:
        tbx.parse(data, name="hostile.tbx")
    assert "\n" not in str(caught.value) and "TOP-SECRET" not in str(caught.value)
    assert connected == []


def test_tbx_unresolved_entity_names_its_entry(tmp_path: Path) -> None:
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        '<martif type="TBX-Basic"><text><body>\n'
        '<termEntry id="e1"><langSet xml:lang="zh"><tig><term>数字鸿沟</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>digital divide</term></tig></langSet></termEntry>\n'
        '<termEntry id="e2"><langSet xml:lang="zh"><tig><term>测试术语</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>test &product; term</term></tig></langSet>'
        "</termEntry>\n</body></text></martif>"
    ).encode()
    with pytest.raises(GlossaryError, match=r"termEntry e2 \(line 5\): entity reference &product;"):
        tbx.parse(data, name="terms.tbx")


# -- PO ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('msgid "a"\nmsgstr "b"\n\nhello world\n', "bad.po:4: PO syntax error: unexpected text"),
        ('msgid "abc\nmsgstr "x"\n', "bad.po:1: PO syntax error: unterminated string"),
        ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\n', "bad.po:4: PO syntax error: msgid without"),
        ('msgid "a"\nmsgid "b"\nmsgstr "c"\n', "bad.po:1: PO syntax error: msgid without"),
        ('#: x\nmsgctxt "k"\n', "bad.po:2: PO syntax error: msgctxt without msgstr"),
        ('msgstr "b"\n', "bad.po:1: PO syntax error: msgstr without msgid"),
        ('msgid "a"\nmsgstr "b" junk\n', "bad.po:2: PO syntax error: text after the closing"),
        ('msgid "a\\qb"\nmsgstr "x"\n', "bad.po:1: PO syntax error: unsupported escape"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', "bad.po:3: PO syntax error: msgstr[1]"),
        ('"stray"\n', "bad.po:1: PO syntax error: a string outside an entry"),
    ],
)
def test_po_syntax_errors_name_file_and_line(tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "bad.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        po.read(path)
    assert str(caught.value).startswith(f"{tmp_path}/{where}"), caught.value


@pytest.mark.parametrize(
    ("charset", "codec", "text"),
    [
        ("GB2312", "gb2312", "数字鸿沟"),
        ("GBK", "gbk", "数字鸿沟，堃"),
        ("GB18030", "gb18030", "数字鸿沟𠀀"),
        ("BIG5", "big5", "數字鴻溝"),
        ("Big5-HKSCS", "big5hkscs", "數字鴻溝"),
    ],
)
def test_po_declared_legacy_charsets_are_decoded(
    tmp_path: Path, charset: str, codec: str, text: str
) -> None:
    path = tmp_path / "legacy.po"
    path.write_bytes(
        (
            f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
            f'#, fuzzy\nmsgid "{text}"\nmsgstr "digital divide"\n'
        ).encode(codec)
    )
    [unit] = po.read(path)
    assert (unit.source, unit.target, unit.status) == (text, "digital divide", Status.MACHINE)


def test_po_bytes_that_do_not_fit_the_charset_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.po"
    path.write_bytes(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                     b'msgid "a"\nmsgstr "\xb0\xa1"\n')  # fmt: skip
    with pytest.raises(InputError, match=r"mixed\.po:5: not valid UTF-8 text"):
        po.read(path)


def test_po_reader_keeps_what_the_format_allows(tmp_path: Path) -> None:
    path = tmp_path / "tool.po"
    path.write_bytes(
        b"# translator comment\n#. status: approved\n#: a.c:12 b.c:3\n#, c-format\n"
        b'msgctxt "doc.txt#p2"\nmsgid ""\n"two "\n"lines\\n"\n'
        b'msgstr "deux\xe2\x80\xa8lignes\\r"\r\n'
        b'\r\n#~ msgid "old"\n#~ msgstr "vieux"\n\n'
        b'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "un"\nmsgstr[1] "plusieurs"\n'
    )
    first, second = po.read(path)
    assert (first.key, first.source, first.target, first.status) == (
        "doc.txt#p2",
        "two lines\n",
        "deux\u2028lignes\r",
        Status.APPROVED,
    )
    assert (first.document, first.paragraph) == ("doc.txt", 12)
    assert (second.source, second.target) == ("one", "un")
