"""OmegaT glossary export: read back the way OmegaT's tab-separated glossary reader reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.glossary import CaseRule, Glossary, Term, TermStatus
from workbench.formats import glossary_table, omegat_glossary

REPO = Path(__file__).resolve().parents[2]
CURATED = glossary_table.read(REPO / "glossary" / "governance.tsv")

GLOSSARY = Glossary(
    [
        Term(
            "小院高墙",
            "small yard, high fence",
            forbidden=("small courtyard, high wall", "small yard with high walls"),
            variants=("small yard and high fence",),
            pos="slogan",
            note="MFA spokespersons,\u2028said in 2023",
        ),
        Term(
            "全球人工智能治理倡议",
            "Global AI Governance Initiative",
            status=TermStatus.CANDIDATE,
            case=CaseRule.SENSITIVE,
        ),
        Term("中国方案", "China's solution", status=TermStatus.REJECTED),
        Term("数字鸿沟", "digital divide"),
    ]
)


def omegat_entries(data: bytes, suffix: str) -> list[tuple[str, str, str]]:
    """(source, target, comment) as OmegaT 3.6 reads a tab-separated glossary: UTF-8 for
    .utf8, a leading BOM skipped, # lines are comments, fewer than two fields or an empty
    source skipped, a third field is the comment and later ones are ignored."""
    assert suffix in {".utf8", ".txt"}
    text = data.decode("utf-8").removeprefix("\ufeff")
    entries = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0]:
            continue
        entries.append((fields[0], fields[1], fields[2] if len(fields) > 2 else ""))
    return entries


def test_targets_variants_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "glossary.utf8"
    assert omegat_glossary.write(GLOSSARY, path) == 3  # the rejected term is left out
    entries = omegat_entries(path.read_bytes(), ".utf8")
    assert [(s, t) for s, t, _ in entries] == [
        ("小院高墙", "small yard, high fence"),
        ("小院高墙", "small yard and high fence"),
        ("全球人工智能治理倡议", "Global AI Governance Initiative"),
        ("数字鸿沟", "digital divide"),
    ]
    yard, variant, initiative, divide = (comment for _, _, comment in entries)
    assert yard == (
        "slogan; never: small courtyard, high wall | small yard with high walls; "
        "MFA spokespersons, said in 2023"
    )
    assert variant == "variant; approved: small yard, high fence"
    assert initiative == "candidate, not yet approved; case-sensitive"
    assert divide == ""


def test_forbidden_renderings_are_never_targets() -> None:
    text, _ = omegat_glossary.format_glossary(CURATED)
    targets = {t for _, t, _ in omegat_entries(text.encode(), ".utf8")}
    forbidden = {f for term in CURATED for f in term.forbidden}
    assert forbidden  # the curated glossary has forbidden renderings to leave out
    assert not targets & forbidden
    renderings = {
        r for term in CURATED if term.status is not TermStatus.REJECTED for r in term.renderings
    }
    assert targets == renderings


def test_curated_glossary_one_line_per_rendering(tmp_path: Path) -> None:
    path = tmp_path / "glossary.utf8"
    omegat_glossary.write(CURATED, path)
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # .utf8 is UTF-8 to OmegaT: no mark needed
    lines = data.decode("utf-8").splitlines()
    kept = [t for t in CURATED if t.status is not TermStatus.REJECTED]
    assert len(lines) == sum(1 + len(t.variants) for t in kept)
    assert all(line.count("\t") <= 2 for line in lines)
    assert len(omegat_entries(data, ".utf8")) == len(lines)


def test_txt_starts_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    omegat_glossary.write(GLOSSARY, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert omegat_entries(data, ".txt") == omegat_entries(
        omegat_glossary.format_glossary(GLOSSARY)[0].encode(), ".utf8"
    )


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\x85"])
def test_no_field_can_split_a_line(breaker: str) -> None:
    # Terms refuse tabs and C0 line breaks; these line separators they hold.
    term = Term("数字鸿沟", "digital divide", note=f"first{breaker}second")
    text, _ = omegat_glossary.format_glossary(Glossary([term]))
    assert omegat_entries(text.encode(), ".utf8") == [
        ("数字鸿沟", "digital divide", "first second")
    ]
