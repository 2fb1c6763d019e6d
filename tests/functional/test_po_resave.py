"""A PO export survives the tools translators re-save it with: msgcat (and Poedit, which
wraps the same way) gives no diff, polib keeps every entry and every glossary term, and a
term that an older file or another tool wrapped over two `#.` lines reads back whole."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from tests.functional.reference import GLOSSARY, translated_seeds
from workbench.cli import cli
from workbench.core.segments import Status, TranslationUnit
from workbench.formats import po

LONG_TERM = ("共商共建共享", "extensive consultation, joint contribution and shared benefits")
needs_msgcat = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU msgcat missing")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("po")
    project = translated_seeds(folder / "seeds.sqlite")
    out = folder / "seeds.po"
    result = CliRunner().invoke(
        cli,
        ["export", "-f", "po", "-o", str(out), "-p", str(project)],
        env={"WORKBENCH_GLOSSARY": str(GLOSSARY)},
    )
    assert result.exit_code == 0, result.output
    return out


@needs_msgcat
def test_msgcat_resave_is_no_diff(exported: Path, tmp_path: Path) -> None:
    resaved = tmp_path / "msgcat.po"
    subprocess.run(["msgcat", "-o", str(resaved), str(exported)], check=True)
    diff = subprocess.run(["diff", str(exported), str(resaved)], capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout[:3000]
    # Strings really are wrapped (not left on one long line), as gettext wraps them.
    assert max(len(line) for line in exported.read_text(encoding="utf-8").splitlines()) < 160


@needs_msgcat
def test_msgcat_wraps_what_we_wrap_for_mixed_text(tmp_path: Path) -> None:
    english = (
        'He said "yes" to C:\\dir\\file.\nThen 50% of the 2024 budget – a/b-c, e.g. '
        "open-sourcing 😀 – went to “small yard, high fence” and back again, twice over."
    )
    units = [
        TranslationUnit(key=f"d.txt#p{n}", source=source * n, target=english * n, paragraph=n)
        for n, source in enumerate(
            [
                "中国积极推动为人工智能发展创造开放、透明、包容的环境，",
                "《倡议》（草案）“小院高墙”。",
            ],
            1,
        )
    ]
    path = tmp_path / "mixed.po"
    po.write(path, units)
    resaved = tmp_path / "resaved.po"
    subprocess.run(["msgcat", "-o", str(resaved), str(path)], check=True)
    assert path.read_text(encoding="utf-8") == resaved.read_text(encoding="utf-8")


def test_polib_resave_keeps_every_entry_and_term(exported: Path, tmp_path: Path) -> None:
    resaved = tmp_path / "polib.po"
    polib.pofile(str(exported)).save(str(resaved))  # polib's default: wrap at 78
    before, after = po.read(exported), po.read(resaved)
    assert len(before) == 18
    assert [(u.key, u.source, u.target, u.terms) for u in after] == [
        (u.key, u.source, u.target, u.terms) for u in before
    ]
    assert any(LONG_TERM in unit.terms for unit in after)
    comments = [
        line for line in resaved.read_text(encoding="utf-8").splitlines() if line[:2] == "#."
    ]
    assert comments == [
        line for line in exported.read_text(encoding="utf-8").splitlines() if line[:2] == "#."
    ]


def test_a_term_wrapped_over_two_comment_lines_reads_back_whole(tmp_path: Path) -> None:
    """What polib made of an older export: the term's line cut at 78 characters."""
    entry = polib.POEntry(
        msgctxt="d.txt#p1",
        msgid="与各方一道秉持共商共建共享理念",
        msgstr="under the vision of extensive consultation, joint contribution and shared benefits",
        comment="\n".join(
            [
                "status: edited",
                f"glossary: {LONG_TERM[0]} = {LONG_TERM[1]}",
                "glossary: 理念 = vision",
            ]
        ),
    )
    wrapped = polib.POFile(wrapwidth=78)
    wrapped.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    wrapped.append(entry)
    path = tmp_path / "old.po"
    wrapped.save(str(path))
    assert "#. benefits" in path.read_text(encoding="utf-8")  # the cut the issue saw
    [unit] = po.read(path)
    assert unit.terms == (LONG_TERM, ("理念", "vision"))
    assert unit.status is Status.EDITED
