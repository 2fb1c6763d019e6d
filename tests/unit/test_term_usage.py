"""Term usage over paragraphs: occurrences, consistency and rendering groups."""

from __future__ import annotations

from workbench.core.glossary import Glossary, Term, TermStatus
from workbench.core.segments import Paragraph, ParagraphKind, Status
from workbench.core.term_usage import (
    RenderingKind,
    is_inconsistent,
    rendering_groups,
    term_usage,
)

WALL = Term(
    "小院高墙",
    "small yard, high fence",
    variants=("small yards with high fences",),
    forbidden=("small courtyard, high wall",),
)
AI = Term("人工智能", "AI", variants=("artificial intelligence",))
GLOBAL = Term("人工智能全球治理", "global AI governance")
GLOSSARY = Glossary(
    [WALL, AI, GLOBAL, Term("数字鸿沟", "digital divide", status=TermStatus.REJECTED)]
)


def paragraph(pid: int, source: str, target: str | None = None, mt: str | None = None) -> Paragraph:
    return Paragraph(
        id=pid,
        document_id=1,
        position=pid,
        kind=ParagraphKind.BODY,
        source=source,
        mt=mt,
        target=target,
        status=Status.EDITED if target else Status.NEW,
        included=True,
    )


ROWS = [
    paragraph(1, "反对搞小院高墙。", "We oppose a small yard, high fence."),
    paragraph(2, "反对搞小院高墙。", "We oppose small yards with high fences."),
    paragraph(3, "反对搞小院高墙。", "We oppose a small courtyard, high wall."),
    paragraph(4, "反对搞小院高墙。", "We oppose walls."),
    paragraph(5, "反对搞小院高墙。"),
    paragraph(6, "推进人工智能全球治理。", mt="Advance global AI governance."),
]


def test_usage_counts_occurrences_translations_and_consistent_rows() -> None:
    usage = term_usage(GLOSSARY, ROWS)
    wall = usage["小院高墙"]
    assert wall.paragraphs == (1, 2, 3, 4, 5)
    assert (wall.translated, wall.consistent) == (4, 2)
    # 人工智能 inside 人工智能全球治理 belongs to the longer term, as in the checks.
    assert usage["人工智能"].occurrences == 0
    assert (usage["人工智能全球治理"].translated, usage["人工智能全球治理"].consistent) == (1, 1)
    assert "数字鸿沟" not in usage  # rejected and absent


def test_rendering_groups_name_what_each_row_uses() -> None:
    groups = rendering_groups(WALL, ROWS[:5])
    assert [(g.kind, g.rendering, g.paragraphs) for g in groups] == [
        (RenderingKind.APPROVED, "small yard, high fence", (1,)),
        (RenderingKind.VARIANT, "small yards with high fences", (2,)),
        (RenderingKind.FORBIDDEN, "small courtyard, high wall", (3,)),
        (RenderingKind.OTHER, "", (4,)),
        (RenderingKind.UNTRANSLATED, "", (5,)),
    ]
    assert is_inconsistent(groups)


def test_one_approved_rendering_everywhere_is_consistent() -> None:
    groups = rendering_groups(WALL, [ROWS[0], ROWS[4]])
    assert not is_inconsistent(groups)


def test_forbidden_wins_over_approved_in_the_same_row() -> None:
    both = paragraph(7, "小院高墙", "A small yard, high fence, not a small courtyard, high wall.")
    assert rendering_groups(WALL, [both])[0].kind is RenderingKind.FORBIDDEN
