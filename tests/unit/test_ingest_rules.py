"""Cleaning rules as data: loading, validation, merging user files; they drive behaviour."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from workbench.core.cleaning_rules import LINE_KINDS, CleaningRules, RuleKind, load_rules
from workbench.core.errors import InputError
from workbench.core.ingest import clean_document
from workbench.ingest_rules import default_rules, default_rules_text, load_rules_file

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"

BASE = "[[rules]]\nid = 'a'\nkind = 'drop_line'\ncategory = 'c'\npattern = 'x'\n"
MINIMAL = """
[[rules]]
id = "x.promo"
kind = "drop_line"
category = "promotion"
pattern = '^关注我们$'
"""


def test_default_rules_load_and_have_unique_ids() -> None:
    rules = default_rules()
    ids = [r.id for r in rules.rules]
    assert len(ids) == len(set(ids))
    assert len(ids) == len(tomllib.loads(default_rules_text())["rules"])


def test_default_rules_cover_the_required_categories() -> None:
    categories = {r.category for r in default_rules().rules}
    for needed in (
        "share widget",
        "breadcrumb",
        "editor credit",
        "read-more link",
        "related/recommended links",
        "mood vote",
        "photo caption",
        "load-more link",
        "reader comments",
        "reader comment",
        "injected spam",
    ):
        assert needed in categories
    kinds = {r.kind for r in default_rules().rules}
    assert kinds == set(RuleKind)


def test_every_default_line_rule_has_examples() -> None:
    # load_rules checks each example against its rule; a rule without examples is untested.
    for rule in default_rules().rules:
        if rule.kind in LINE_KINDS:
            assert rule.examples, rule.id


def test_metadata_lead_and_heuristics_tables_are_read() -> None:
    rules = default_rules()
    assert "来源" in rules.metadata.source
    assert rules.metadata.byline is not None
    assert "摘要" in rules.lead.labels
    assert rules.heuristics.nav_run_min == 3


@pytest.mark.parametrize(
    ("toml_text", "message"),
    [
        ("rules = [", "is not valid TOML"),
        ("[[rules]]\nkind = 'drop_line'", "needs an id"),
        ("[[rules]]\nid = 'a'\nkind = 'drop_line'", "missing category"),
        (
            "[[rules]]\nid = 'a'\nkind = 'shout'\ncategory = 'c'\npattern = 'x'",
            "unknown kind 'shout'",
        ),
        (
            "[[rules]]\nid = 'a'\nkind = 'drop_line'\ncategory = 'c'\npattern = '(['",
            "invalid regular expression",
        ),
        ("[[rules]]\nid = 'a'\nkind = 'drop_line'\ncategory = 'c'", "needs a pattern"),
        (
            "[[rules]]\nid = 'a'\nkind = 'drop_element'\ncategory = 'c'",
            "needs tags or class_pattern",
        ),
        (
            "[[rules]]\nid = 'a'\nkind = 'title_hint'\ncategory = 'c'\npattern = 'x'",
            "group named title",
        ),
        (
            BASE + "patern = 'y'",
            "unknown key",
        ),
        (
            BASE + "max_chars = 'ten'",
            "whole number",
        ),
        (
            BASE + "examples = ['y']",
            "does not match",
        ),
        (
            BASE + "not_examples = ['x']",
            "matches",
        ),
        ("[heuristics]\nnav_run_min = true", "whole number"),
        ("[lead]\nlabels = '摘要'", "list of strings"),
        ("[surprise]\nx = 1", "unknown key"),
    ],
)
def test_invalid_rules_are_refused_with_a_clear_message(toml_text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        load_rules(toml_text, origin="my_rules.toml")
    assert message in str(raised.value)
    assert "my_rules.toml" in str(raised.value)


def test_merging_by_id_changes_only_the_given_keys() -> None:
    base = load_rules(MINIMAL)
    merged = load_rules("[[rules]]\nid = 'x.promo'\nmax_chars = 10", base=base)
    rule = merged.by_id("x.promo")
    assert rule is not None
    assert rule.max_chars == 10
    assert rule.category == "promotion" and rule.pattern is not None
    assert base.by_id("x.promo") is not None and base.by_id("x.promo").max_chars is None  # type: ignore[union-attr]


def test_merging_appends_new_rules_and_replaces_table_keys() -> None:
    merged = load_rules(
        MINIMAL + "\n[heuristics]\nnav_run_min = 5\n[lead]\nlabels = ['提要']",
        base=default_rules(),
    )
    assert merged.rules[-1].id == "x.promo"
    assert len(merged.rules) == len(default_rules().rules) + 1
    assert merged.heuristics.nav_run_min == 5
    assert merged.heuristics.body_min_chars == default_rules().heuristics.body_min_chars
    assert merged.lead.labels == ("提要",)


def test_a_changed_pattern_is_checked_against_the_existing_examples() -> None:
    with pytest.raises(InputError, match="does not match"):
        load_rules("[[rules]]\nid = 'share.browser'\npattern = '^nothing$'", base=default_rules())


def test_disabled_rules_are_not_applied() -> None:
    rules = load_rules("[[rules]]\nid = 'x.promo'\nenabled = false", base=load_rules(MINIMAL))
    assert rules.of_kind(RuleKind.DROP_LINE) == ()


# The rules file drives behaviour: a user file adds a kind of junk and switches a default off.


def _clean_page(rules: CleaningRules) -> dict[int, str]:
    text = (DATA / "user_rules_page.txt").read_text(encoding="utf-8")
    doc = clean_document(text, fmt="txt", rules=rules, name="user_rules_page.txt")
    return {p.line_no: p.text for p in doc.paragraphs}


def test_defaults_keep_the_promotion_line_and_drop_the_share_word() -> None:
    kept = _clean_page(default_rules())
    assert kept[4] == "关注光明网微信公众号"
    assert 6 not in kept


def test_user_rules_file_adds_a_pattern_and_overrides_a_default_by_id() -> None:
    rules = load_rules_file(DATA / "user_rules.toml")
    text = (DATA / "user_rules_page.txt").read_text(encoding="utf-8")
    doc = clean_document(text, fmt="txt", rules=rules, name="user_rules_page.txt")
    kept = {p.line_no: p.text for p in doc.paragraphs}
    assert 4 not in kept
    promo = next(b for b in doc.dropped if b.line_no == 4)
    assert (promo.rule_id, promo.reason) == ("mysite.follow_promo", "site promotion")
    assert kept[6] == "微信"  # share.platforms is switched off


def test_user_rules_file_errors_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    with pytest.raises(InputError, match=r"nope\.toml does not exist"):
        load_rules_file(missing)
    broken = tmp_path / "broken.toml"
    broken.write_text(
        "[[rules]]\nid = 'a'\nkind = 'drop_line'\ncategory = 'c'\npattern = '(['", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"broken\.toml: rule 'a'"):
        load_rules_file(broken)
    latin = tmp_path / "latin.toml"
    latin.write_bytes("# caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_rules_file(latin)


def test_rules_drive_html_element_dropping() -> None:
    html = (
        '<html><body><div class="promo-box">买一送一</div>'
        "<p>这是一段足够长的正文内容，用来测试元素规则是否生效。</p></body></html>"
    )
    kept = [p.text for p in clean_document(html, fmt="html", rules=default_rules()).paragraphs]
    assert "买一送一" not in kept
    off = load_rules("[[rules]]\nid = 'html.ads'\nenabled = false", base=default_rules())
    kept = [p.text for p in clean_document(html, fmt="html", rules=off).paragraphs]
    assert "买一送一" in kept
