"""The lookup service the editor pane and the CLI share: words of a paragraph with their
entries (glossary first), the word at the cursor, typed words, and glossary prefill from a
dictionary sense or a concordance hit. On the small dictionary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.core.dictionary import TokenKind
from workbench.core.errors import GlossaryError, InputError
from workbench.core.glossary import Glossary, Term, TermStatus
from workbench.workflows.lookup import (
    ConcordanceHit,
    LookupService,
    Side,
    add_term,
    sense_renderings,
    term_from_sense,
)

SMALL = Path(__file__).resolve().parents[1] / "data" / "dictionary" / "small_cedict.txt"
GLOSSARY = Glossary(
    [
        Term("人工智能", "AI", variants=("artificial intelligence",)),
        Term("数字鸿沟", "digital divide"),
        Term("全球治理", "global governance", status=TermStatus.CANDIDATE),
        Term("国际社会", "international community", status=TermStatus.REJECTED),
    ]
)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[LookupService]:
    with LookupService.open(GLOSSARY, source=SMALL, cache=tmp_path) as opened:
        yield opened


def test_paragraph_words_put_glossary_terms_first(service: LookupService) -> None:
    text = "国际社会关注人工智能，弥合数字鸿沟。"
    words = service.paragraph(text)
    assert [(w.text, w.kind) for w in words] == [
        ("国际社会", TokenKind.WORD),  # the rejected term does not count
        ("关", TokenKind.UNKNOWN),
        ("注", TokenKind.UNKNOWN),
        ("人工智能", TokenKind.TERM),
        ("，", TokenKind.OTHER),
        ("弥", TokenKind.UNKNOWN),
        ("合", TokenKind.UNKNOWN),
        ("数字鸿沟", TokenKind.TERM),
        ("。", TokenKind.OTHER),
    ]
    ai = words[3]
    assert ai.approved and ai.term is not None and ai.term.target == "AI"
    assert [e.senses for e in ai.entries] == [("artificial intelligence (AI)",)]
    divide = words[7]
    assert divide.approved and not divide.entries  # not a headword: its words instead
    assert [(p.text, p.entries[0].pinyin) for p in divide.parts] == [
        ("数字", "shu4 zi4"),
        ("鸿沟", "hong2 gou1"),
    ]
    assert all(text[w.start : w.end] == w.text for w in words)


def test_candidate_terms_are_shown_but_not_marked_approved(service: LookupService) -> None:
    (word,) = [w for w in service.paragraph("推动全球治理") if w.kind is TokenKind.TERM]
    assert word.text == "全球治理" and not word.approved
    assert word.term is not None and word.term.status is TermStatus.CANDIDATE


def test_the_word_at_the_cursor(service: LookupService) -> None:
    text = "国际社会关注人工智能"
    at = service.word_at(text, 7)
    assert at is not None and at.text == "人工智能"
    assert service.word_at(text, 0) is not None
    assert service.word_at("国际 社会", 2) is None  # the space between two words


def test_a_typed_word_in_either_script(service: LookupService) -> None:
    (simplified,) = service.lookup("国际")
    (traditional,) = service.lookup(" 國際 ")
    assert simplified.entries == traditional.entries and traditional.text == "國際"
    (ai,) = service.lookup("人工智能")
    assert ai.term is not None and ai.entries  # glossary and dictionary both


def test_a_typed_text_is_segmented(service: LookupService) -> None:
    assert [w.text for w in service.lookup("全球治理和人工智能")] == ["全球治理", "和", "人工智能"]
    assert service.lookup("") == []


def test_a_traditional_word_finds_the_simplified_glossary_term(tmp_path: Path) -> None:
    glossary = Glossary([Term("国际", "international")])
    with LookupService.open(glossary, source=SMALL, cache=tmp_path) as service:
        (word,) = service.lookup("國際")
    assert word.term is not None and word.term.source == "国际"


def test_a_sense_prefills_a_candidate_term(service: LookupService) -> None:
    (word,) = service.lookup("鸿沟")
    term = term_from_sense(word, 1)
    assert (term.source, term.target, term.status) == ("鸿沟", "gulf", TermStatus.CANDIDATE)
    assert "CC-CEDICT" in term.note and "hóng gōu" in term.note and "(fig.) gulf" in term.note
    assert term_from_sense(word, 3).target == "wide gap"
    assert term_from_sense(word, 2, target="divide").target == "divide"
    with pytest.raises(InputError, match="has 3 senses; there is no sense 4"):
        term_from_sense(word, 4)


def test_senses_are_counted_across_readings_for_prefill(service: LookupService) -> None:
    (word,) = service.lookup("了")
    assert term_from_sense(word, 2).target == "to finish"  # le5 has one sense
    # A sense naming another word uses the simplified form (a "|" cannot be in a rendering).
    assert term_from_sense(word, 4).target == "variant of 了[liǎo]"


def test_a_word_without_entries_cannot_give_a_sense(service: LookupService) -> None:
    (word,) = service.lookup("数字鸿沟")
    with pytest.raises(InputError, match="not in CC-CEDICT"):
        term_from_sense(word, 1)


def test_add_term_refuses_a_term_already_there() -> None:
    glossary = add_term(GLOSSARY, Term("鸿沟", "gulf", status=TermStatus.CANDIDATE))
    assert "鸿沟" in glossary and "鸿沟" not in GLOSSARY
    with pytest.raises(GlossaryError, match="already in the glossary"):
        add_term(glossary, Term("鸿沟", "chasm"))


def hit(chinese: str, english: str, side: Side, span: tuple[int, int]) -> ConcordanceHit:
    return ConcordanceHit(
        chinese=chinese,
        english=english,
        side=side,
        spans=(span,),
        origin="desk",
        in_memory=True,
    )


def test_a_chinese_hit_takes_the_rendering_its_english_uses(service: LookupService) -> None:
    found = hit("推进治理改革", "Governance reforms are advancing.", Side.CHINESE, (2, 4))
    term = service.term_from_hit(found, "治理")
    assert (term.source, term.target) == ("治理", "governance")  # as the dictionary writes it
    assert term.status is TermStatus.CANDIDATE and "memory 'desk'" in term.note
    verb = hit("依法治理", "They govern by law.", Side.CHINESE, (2, 4))
    assert service.term_from_hit(verb, "治理").target == "govern"
    gap = hit("弥合鸿沟", "bridging the wide gap", Side.CHINESE, (2, 4))
    assert service.term_from_hit(gap, "鸿沟").target == "wide gap"  # the longest sense found
    with pytest.raises(InputError, match="--target"):
        service.term_from_hit(hit("治理", "steering", Side.CHINESE, (0, 2)), "治理")
    given = service.term_from_hit(hit("治理", "steering", Side.CHINESE, (0, 2)), "治理",
                                  target="steering")  # fmt: skip
    assert given.target == "steering"


def test_an_english_hit_takes_the_chinese_word_with_that_sense(service: LookupService) -> None:
    found = hit("各国发展数字经济", "countries develop the digital economy", Side.ENGLISH, (20, 27))
    term = service.term_from_hit(found, "digital")
    assert (term.source, term.target) == ("数字", "digital")
    inside_term = hit("弥合数字鸿沟", "bridge the digital divide", Side.ENGLISH, (11, 18))
    assert service.term_from_hit(inside_term, "digital").source == "数字"
    hidden = hit("全球治理体系", "the global governance system", Side.ENGLISH, (4, 21))
    # 全球治理 is a glossary term (a candidate): found even inside a longer text.
    assert service.term_from_hit(hidden, "Global  Governance").source == "全球治理"
    with pytest.raises(InputError, match="--source"):
        service.term_from_hit(found, "economy")


def test_sense_renderings_drop_labels_and_keep_acronyms() -> None:
    assert sense_renderings("(fig.) gulf") == ["gulf"]
    assert sense_renderings("to govern") == ["to govern", "govern"]
    assert sense_renderings("artificial intelligence (AI)") == ["artificial intelligence", "AI"]
    assert sense_renderings("variant of 個|个[ge4]") == ["variant of 个[gè]"]
