"""CC-CEDICT parsing, pinyin with tone marks and segmentation (jieba over the headwords)."""

from __future__ import annotations

import ast
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import workbench.core
from workbench.core.concordance import (
    aligned_sentence,
    keyword_in_context,
    literal_runs,
    query_pattern,
)
from workbench.core.dictionary import (
    DictEntry,
    Lexicon,
    Script,
    TokenKind,
    cedict_header,
    cedict_metadata,
    display_sense,
    numbered_senses,
    parse_line,
    pinyin_marks,
    rank_entries,
    segment,
    syllable_marks,
)
from workbench.core.errors import InputError
from workbench.core.glossary import Glossary, Term, TermStatus
from workbench.store.word_segmenter import WordSegmenter, segmenter

SMALL = Path(__file__).resolve().parents[1] / "data" / "dictionary" / "small_cedict.txt"
CORE = Path(workbench.core.__file__).parent


def small_lines() -> list[str]:
    return SMALL.read_text(encoding="utf-8").splitlines()


def small_entries() -> list[DictEntry]:
    entries = []
    for number, line in enumerate(small_lines(), start=1):
        try:
            entry = parse_line(line, line_no=number)
        except InputError:
            continue
        if entry is not None:
            entries.append(entry)
    return entries


# -- pinyin ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("guo2 ji4", "guó jì"),
        ("Zhong1 guo2", "Zhōng guó"),  # capital kept
        ("hao3", "hǎo"),  # a before o
        ("xie4", "xiè"),  # e wins
        ("gou1", "gōu"),  # ou: mark on o
        ("hui4", "huì"),  # last vowel
        ("liu2", "liú"),  # last vowel
        ("shuai4", "shuài"),
        ("lu:4", "lǜ"),  # CC-CEDICT writes ü as u:
        ("nu:3", "nǚ"),
        ("lu:e4", "lüè"),
        ("nv3", "nǚ"),  # v as typed on keyboards
        ("le5", "le"),  # neutral tone
        ("na3 r5", "nǎ r"),
        ("m2", "ḿ"),  # syllabic nasals
        ("n3", "ň"),
        ("san1 C", "sān C"),  # letters pass through
        ("yi1 bu4 zuo4 , er4 bu4 xiu1", "yī bù zuò , èr bù xiū"),
        ("A1", "Ā"),
        ("Ou1 zhou1", "Ōu zhōu"),
    ],
)
def test_numbered_pinyin_becomes_tone_marks(numbered: str, marked: str) -> None:
    assert pinyin_marks(numbered) == marked


@pytest.mark.parametrize(
    ("tone", "mark"), [(1, "\u0304"), (2, "\u0301"), (3, "\u030c"), (4, "\u0300")]
)
def test_the_mark_sits_on_the_vowel_the_rules_choose(tone: int, mark: str) -> None:
    # Decompose and check independently which letter carries the combining mark.
    for syllable, carrier in (
        ("zhuang", "a"),
        ("gei", "e"),
        ("dou", "o"),
        ("gui", "i"),
        ("duo", "o"),
    ):
        decomposed = unicodedata.normalize("NFD", syllable_marks(f"{syllable}{tone}"))
        assert decomposed.count(mark) == 1
        assert decomposed[decomposed.index(mark) - 1] == carrier, (syllable, tone)


def test_text_without_tone_numbers_is_left_alone() -> None:
    assert syllable_marks("xx") == "xx"
    assert syllable_marks("·") == "·"
    assert pinyin_marks("") == ""


# -- parsing ----------------------------------------------------------------------------------


def test_a_line_gives_both_headwords_pinyin_and_senses() -> None:
    entry = parse_line("國際 国际 [guo2 ji4] /international/")
    assert entry == DictEntry("國際", "国际", "guo2 ji4", ("international",))
    assert entry.pinyin_marks == "guó jì"
    assert entry.headword(Script.TRADITIONAL) == "國際"
    assert entry.headword(Script.SIMPLIFIED) == "国际"


@pytest.mark.parametrize("line", ["", "   ", "# CC-CEDICT", "#! version=1", "\ufeff# header"])
def test_comments_and_blank_lines_are_not_entries(line: str) -> None:
    assert parse_line(line) is None


def test_byte_order_mark_line_ends_and_trailing_spaces_are_tolerated() -> None:
    entry = parse_line("\ufeff行 行 [xing2] /to walk/to go/  \r\n")
    assert entry is not None and entry.senses == ("to walk", "to go")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("this line is not an entry", "not a CC-CEDICT entry"),
        ("錯 错 [cuo4] /wrong", "not a CC-CEDICT entry"),
        ("長城 长 [Chang2 cheng2] /x/", "differ in length"),
        ("空 空 [kong1] //", "no senses"),
    ],
)
def test_malformed_lines_are_reported_with_file_and_line(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_line(line, line_no=42, name="mine.txt")
    assert "mine.txt, line 42" in str(caught.value)


def test_classifiers_are_taken_out_of_the_senses() -> None:
    entry = parse_line("對 对 [dui4] /right/pair/CL:雙|双[shuang1],對|对[dui4]/")
    assert entry is not None
    assert entry.senses == ("right", "pair")
    assert [(c.traditional, c.simplified, c.pinyin) for c in entry.classifiers] == [
        ("雙", "双", "shuang1"),
        ("對", "对", "dui4"),
    ]
    assert entry.classifiers[0].display() == "雙|双[shuāng]"
    assert entry.classifiers[0].display(Script.SIMPLIFIED) == "双[shuāng]"


def test_a_classifier_mentioned_inside_a_sense_stays_a_sense() -> None:
    entry = parse_line("頓 顿 [dun4] /to give (sb) a tongue-lashing (CL:頓|顿[dun4])/")
    assert entry is not None and entry.senses and not entry.classifiers


@pytest.mark.parametrize(
    ("line", "label", "target"),
    [
        ("箇 个 [ge4] /variant of 個|个[ge4]/", "variant of", ("個", "个", "ge4")),
        ("畧 略 [lu:e4] /old variant of 略[lu:e4]/", "old variant of", ("略", "略", "lu:e4")),
        (
            "溝壑 沟壑 [gou1 he4] /gorge/see also 鴻溝|鸿沟[hong2 gou1]/",
            "see also",
            ("鴻溝", "鸿沟", "hong2 gou1"),
        ),
        (
            "北約 北约 [Bei3 Yue1] /abbr. for 北大西洋公約組織|北大西洋公约组织/",
            "abbr. for",
            ("北大西洋公約組織", "北大西洋公约组织", ""),
        ),
    ],
)
def test_cross_references_name_the_word_they_point_to(
    line: str, label: str, target: tuple[str, str, str]
) -> None:
    entry = parse_line(line)
    assert entry is not None
    assert [
        (r.label, r.word.traditional, r.word.simplified, r.word.pinyin) for r in entry.references
    ] == [(label, *target)]


def test_an_entry_that_is_only_a_variant_ranks_after_one_with_meaning() -> None:
    variant = parse_line("箇 个 [ge4] /variant of 個|个[ge4]/")
    own = parse_line("個 个 [ge4] /individual/this/variant of 箇|个[ge4]/")
    assert variant is not None and own is not None
    assert variant.is_variant and not own.is_variant
    assert rank_entries([variant, own]) == [own, variant]


def test_senses_are_displayed_with_marks_in_the_chosen_script() -> None:
    sense = "variant of 瞭|了[liao3]"
    assert display_sense(sense) == "variant of 瞭|了[liǎo]"
    assert display_sense(sense, Script.SIMPLIFIED) == "variant of 了[liǎo]"
    assert display_sense(sense, Script.TRADITIONAL) == "variant of 瞭[liǎo]"
    assert display_sense("Taiwan pr. [xing4]") == "Taiwan pr. [xìng]"
    assert display_sense("(fig.) gulf") == "(fig.) gulf"


def test_the_header_gives_the_licence_and_the_edition() -> None:
    header = cedict_header(small_lines())
    assert header[0] == "CC-CEDICT"
    assert "Creative Commons Attribution-ShareAlike 4.0 International License" in header
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in header
    assert not any(line.startswith("!") for line in header)
    assert cedict_metadata(small_lines())["date"] == "2020-12-21T10:42:05Z"


def test_senses_are_numbered_across_readings() -> None:
    entries = [e for e in small_entries() if e.simplified == "了"]
    numbered = numbered_senses(entries)
    assert [n for n, _, _ in numbered] == list(range(1, 1 + sum(len(e.senses) for e in entries)))
    assert numbered[0][2] == "(completed action marker)"
    assert numbered[1][1].pinyin == "liao3"


# -- segmentation -----------------------------------------------------------------------------


# Headwords for the cases where the longest match goes wrong.
CASES = ("参与", "并发", "并", "发", "挥", "发挥", "研究生", "研究", "生", "命", "生命", "毕业")


def small_lexicon() -> Lexicon:
    return Lexicon([*(w for e in small_entries() for w in (e.simplified, e.traditional)), *CASES])


@pytest.fixture(scope="module")
def splitter(tmp_path_factory: pytest.TempPathFactory) -> WordSegmenter:
    """jieba over the small dictionary's headwords."""
    return segmenter(small_lexicon().words, tmp_path_factory.mktemp("jieba"), "small")


def words(text: str, splitter: WordSegmenter, glossary: Glossary | None = None) -> list[str]:
    return [t.text for t in segment(text, small_lexicon(), glossary, splitter=splitter)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("参与并发挥", ["参与", "并", "发挥"]),  # longest match: 参与/并发/挥
        ("研究生命", ["研究", "生命"]),  # longest match: 研究生/命
        ("研究生毕业", ["研究生", "毕业"]),
    ],
)
def test_the_most_probable_split_wins_over_the_longest_word(
    splitter: WordSegmenter, text: str, expected: list[str]
) -> None:
    assert words(text, splitter) == expected


def test_headwords_are_found(splitter: WordSegmenter) -> None:
    assert words("国际社会关注人工智能", splitter) == ["国际社会", "关", "注", "人工智能"]


def test_traditional_text_is_segmented_with_traditional_headwords(
    splitter: WordSegmenter,
) -> None:
    tokens = segment("國際社會的發展", small_lexicon(), splitter=splitter)
    assert [(t.text, t.kind) for t in tokens] == [
        ("國際社會", TokenKind.WORD),
        ("的", TokenKind.UNKNOWN),
        ("發展", TokenKind.WORD),
    ]


def test_glossary_terms_come_first_and_keep_their_span(splitter: WordSegmenter) -> None:
    glossary = Glossary(
        [
            Term("数字鸿沟", "digital divide"),
            Term("全球治理", "global governance", status=TermStatus.CANDIDATE),
            Term("人工", "manual labour", status=TermStatus.REJECTED),
        ]
    )
    tokens = segment(
        "弥合数字鸿沟，推动全球治理和人工智能", small_lexicon(), glossary, splitter=splitter
    )
    terms = {t.text: t.term for t in tokens if t.kind is TokenKind.TERM}
    assert set(terms) == {"数字鸿沟", "全球治理"}
    assert terms["数字鸿沟"] is not None and terms["数字鸿沟"].status is TermStatus.APPROVED
    assert terms["全球治理"] is not None and terms["全球治理"].status is TermStatus.CANDIDATE
    assert "人工智能" in [t.text for t in tokens]  # a rejected term never splits a word
    without_candidates = segment(
        "推动全球治理", small_lexicon(), glossary, splitter=splitter, include_candidates=False
    )
    assert [t.text for t in without_candidates] == ["推", "动", "全球", "治理"]


def test_a_glossary_term_wins_over_a_dictionary_word_that_starts_earlier(
    splitter: WordSegmenter,
) -> None:
    glossary = Glossary([Term("智能全球", "smart global (test term)")])
    assert words("人工智能全球", splitter, glossary) == ["人工", "智能全球"]


def test_punctuation_numbers_and_unknown_characters_keep_their_place(
    splitter: WordSegmenter,
) -> None:
    tokens = segment("2024年， 国际 AI", small_lexicon(), splitter=splitter)
    assert [(t.text, t.kind) for t in tokens] == [
        ("2024", TokenKind.OTHER),
        ("年", TokenKind.UNKNOWN),
        ("，", TokenKind.OTHER),
        ("国际", TokenKind.WORD),
        ("AI", TokenKind.OTHER),  # not the headword "A" followed by I
    ]


def test_latin_headwords_match_only_whole(splitter: WordSegmenter) -> None:
    assert words("3C产品", splitter) == ["3C", "产", "品"]
    assert words("3CD", splitter) == ["3CD"]
    assert words("AA制", splitter) == ["AA制"]
    assert words("A 人", splitter) == ["A", "人"]
    assert words("ＡＡ制", splitter) == ["ＡＡ", "制"]  # full width: one Latin run


def test_words_the_splitter_knows_but_the_dictionary_does_not_come_apart() -> None:
    class Whole:
        def cut(self, text: str) -> list[str]:
            return [text]

    tokens = segment("国际关注", small_lexicon(), splitter=Whole())
    assert [(t.text, t.kind) for t in tokens] == [
        ("国", TokenKind.WORD),
        ("际", TokenKind.WORD),
        ("关", TokenKind.UNKNOWN),
        ("注", TokenKind.UNKNOWN),
    ]


def test_the_lexicon_holds_both_scripts() -> None:
    lexicon = small_lexicon()
    assert "國際" in lexicon and "国际" in lexicon and "国际社" not in lexicon


@given(st.text(alphabet="国际社会人工智能了个数字鸿沟，。 AC3a\n行", max_size=40))
def test_tokens_cover_the_text_in_order(splitter: WordSegmenter, text: str) -> None:
    glossary = Glossary([Term("数字鸿沟", "digital divide")])
    tokens = segment(text, small_lexicon(), glossary, splitter=splitter)
    assert "".join(t.text for t in tokens) == "".join(text.split())
    position = 0
    for token in tokens:
        assert token.start >= position and text[token.start : token.end] == token.text
        position = token.end


# -- concordance core ---------------------------------------------------------------------------


def test_queries_ignore_case_and_the_width_of_whitespace() -> None:
    pattern = query_pattern("global  AI governance")
    assert pattern.search("the Global AI\ngovernance system")
    assert not pattern.search("global AIgovernance")
    assert query_pattern("数字 鸿沟").search("弥合数字鸿沟")
    with pytest.raises(InputError):
        query_pattern("  ")


def test_queries_match_either_spelling_of_a_character() -> None:
    assert query_pattern("数字鸿沟").search("弥合數字鴻溝")
    assert query_pattern("數字鴻溝").search("弥合数字鸿沟")
    assert query_pattern("数字 鸿沟").search("數字鴻溝")
    assert not query_pattern("数字鸿沟").search("数学鸿沟")
    # A traditional hit may share no character with a Chinese query: no prefilter.
    assert literal_runs("数字鸿沟") == []
    assert literal_runs("國際 global AI") == []
    assert literal_runs("global AI") == ["global", "AI"]


def test_context_is_cut_with_ellipses_on_one_line() -> None:
    text = "甲乙丙丁\n戊己庚辛壬癸"
    context = keyword_in_context(text, 6, 8, width=3)
    assert (context.before, context.match, context.after) == ("…丁 戊", "己庚", "辛壬癸")
    cut = keyword_in_context(text, 6, 8, width=1)
    assert (cut.before, cut.after) == ("…戊", "辛…")
    whole = keyword_in_context("ab", 0, 2, width=5)
    assert (whole.before, whole.after) == ("", "")


def test_the_facing_sentence_is_found_when_both_sides_split_alike() -> None:
    chinese = "合作很重要。发展并不均衡。我们要努力。"
    english = "Cooperation matters. Development is uneven. We must work hard."
    facing = aligned_sentence(chinese, chinese.index("不均衡"), english)
    assert facing is not None
    assert (facing.number, facing.count, facing.text) == (2, 3, "Development is uneven.")
    back = aligned_sentence(english, english.index("work"), chinese)
    assert back is not None and back.text == "我们要努力。"
    assert aligned_sentence(chinese, 0, "Cooperation and development matter.") is None
    assert aligned_sentence("发展并不均衡。", 2, "Development is uneven.") is None


# -- purity -------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["dictionary", "concordance"])
def test_the_dictionary_core_does_no_io(module: str) -> None:
    tree = ast.parse((CORE / f"{module}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "open"
    assert not imported & {"os", "io", "pathlib", "sqlite3", "importlib", "platformdirs"}
    code = (
        f"import sys, workbench.core.{module}\n"
        "print([m for m in ('sqlite3', 'textual', 'platformdirs') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
