"""Edits that put a rendering into English keep articles, capitals, plurals and spacing."""

from __future__ import annotations

import pytest

from workbench.mt.grammar import Edit, apply_edits, indefinite_article, looks_plural, pluralize


@pytest.mark.parametrize(
    ("phrase", "article"),
    [
        ("AI governance", "an"),
        ("SDG target", "an"),
        ("UN agency", "a"),
        ("UNESCO report", "a"),
        ("ASEAN summit", "an"),
        ("international public good", "an"),
        ("public good", "a"),
        ("European partner", "a"),
        ("unified market", "a"),
        ("umbrella", "an"),
        ("hour", "an"),
        ("honest broker", "an"),
        ("one-China policy", "a"),
        ("Belt and Road project", "a"),
        ("", "a"),
    ],
)
def test_indefinite_article(phrase: str, article: str) -> None:
    assert indefinite_article(phrase) == article


@pytest.mark.parametrize(
    ("phrase", "plural"),
    [
        ("public good", "public goods"),
        ("digital divide", "digital divides"),
        ("key technology", "key technologies"),
        ("approach", "approaches"),
        ("policy box", "policy boxes"),
        ("day", "days"),
    ],
)
def test_pluralize(phrase: str, plural: str) -> None:
    assert pluralize(phrase) == plural


def test_looks_plural() -> None:
    assert looks_plural("public products")
    assert not looks_plural("the process")
    assert not looks_plural("consensus")
    assert not looks_plural("AI")


def test_article_follows_the_new_words() -> None:
    text = "It is an old slogan today."
    edit = Edit(text.index("old"), text.index(" today"), "small yard, high fence")
    assert apply_edits(text, [edit]) == "It is a small yard, high fence today."
    text = "We need a machine brain."
    edit = Edit(text.index("machine"), text.index("."), "AI")
    assert apply_edits(text, [edit]) == "We need an AI."


def test_capital_at_sentence_start_only() -> None:
    text = "community of common destiny matters. so does community of common destiny."
    first = Edit(0, len("community of common destiny"), "community with a shared future")
    start = text.rindex("community")
    second = Edit(
        start, start + len("community of common destiny"), "community with a shared future"
    )
    assert apply_edits(text, [first, second]) == (
        "Community with a shared future matters. so does community with a shared future."
    )


def test_plural_of_the_replaced_words_carries_over() -> None:
    text = "China provides public products to the world."
    start = text.index("public")
    edit = Edit(start, start + len("public products"), "public good")
    assert apply_edits(text, [edit]) == "China provides public goods to the world."
    no_plural = Edit(start, start + len("public products"), "public good", allow_plural=False)
    assert apply_edits(text, [no_plural]) == "China provides public good to the world."


def test_no_doubled_article_and_single_spaces() -> None:
    text = "We support the  plan."
    start = text.index("plan")
    edit = Edit(start, start + 4, "the Global AI Governance Action Plan")
    assert apply_edits(text, [edit]) == "We support the Global AI Governance Action Plan."


def test_insertion_is_spaced() -> None:
    text = "We support,and act."
    position = text.index(",")
    assert apply_edits(text, [Edit(position, position, "AI")]) == "We support AI,and act."
    assert apply_edits("and act.", [Edit(0, 0, "AI")]) == "AI and act."
