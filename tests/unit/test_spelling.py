"""English spelling: the core's word rules with a small dictionary, and the hunspell
dictionaries (en_US, en_GB) as installed."""

from __future__ import annotations

import pytest

from workbench.core.checks.base import SegmentContext
from workbench.core.qa import run_checks
from workbench.core.spelling import Speller, is_pinyin_name, known_words
from workbench.workflows import spelling as adapter

WORDS = {"china", "supports", "the", "governance", "of", "ai", "and", "color", "it", "is"}


class SetDictionary:
    def __init__(self, words: set[str]) -> None:
        self.words = words
        self.asked: list[str] = []

    def knows(self, word: str) -> bool:
        self.asked.append(word)
        return word in self.words


def wrong(text: str, known: tuple[str, ...] = ()) -> list[str]:
    return [m.word for m in Speller(SetDictionary(WORDS), known).misspellings(text)]


def test_unknown_words_are_found_with_their_place() -> None:
    speller = Speller(SetDictionary(WORDS))
    text = "the goverance of AI"
    [found] = speller.misspellings(text)
    assert (found.word, text[found.start : found.end]) == ("goverance", "goverance")


def test_acronyms_codes_single_letters_and_sentence_capitals_are_not_flagged() -> None:
    assert wrong("The governance of AI, BRICS, 5G and G20 is a x.") == []
    assert wrong("Governance of the AI.") == []  # capital at the start of a sentence


def test_glossary_english_and_the_word_list_count_as_known() -> None:
    assert wrong("the Wuhan-free Kunming Montreal framework") == ["free", "Montreal", "framework"]
    known = known_words(["Kunming-Montreal Global Biodiversity Framework", "framework"])
    assert wrong("the Kunming Montreal framework", tuple(known)) == []


def test_pinyin_names_are_names_and_english_misspellings_are_not() -> None:
    assert all(is_pinyin_name(n) for n in ("Xiaobo", "Liu", "Bochao", "Wuzhen", "Jinping"))
    assert not any(is_pinyin_name(w) for w in ("Goverment", "Activly", "Hello", "liu"))


def test_answers_are_remembered() -> None:
    dictionary = SetDictionary(WORDS)
    speller = Speller(dictionary)
    for _ in range(3):
        speller.misspellings("the governance of the goverance")
    assert sorted(dictionary.asked) == ["goverance", "governance", "of", "the"]


def test_the_spelling_check_is_a_warning_with_its_own_id() -> None:
    context = SegmentContext(speller=Speller(SetDictionary(WORDS)))
    issues = run_checks(
        "中国支持人工智能治理。", "China supports the goverance of AI.", context=context
    )
    [spelling] = [i for i in issues if i.check == "spelling"]
    assert spelling.severity.value == "warning" and "“goverance”" in spelling.message
    assert not [
        i for i in run_checks("中国。", "China supports goverance.") if i.check == "spelling"
    ]


@pytest.mark.parametrize(
    ("language", "flagged", "fine"), [("en_US", "colour", "color"), ("en_GB", "color", "colour")]
)
def test_the_installed_hunspell_dictionaries(
    monkeypatch: pytest.MonkeyPatch, language: str, flagged: str, fine: str
) -> None:
    monkeypatch.setenv(adapter.LANGUAGE_ENV, language)
    speller = Speller(adapter.open_dictionary())
    text = f"The {fine} of the goverment, and the {flagged}."
    assert [m.word for m in speller.misspellings(text)] == ["goverment", flagged]


def test_an_unknown_language_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(adapter.LANGUAGE_ENV, "fr_FR")
    with pytest.raises(adapter.SpellingUnavailableError, match="en_US, en_GB"):
        adapter.open_dictionary()
