"""The CC-CEDICT index: built once into the cache folder, rebuilt when the dictionary or the
index format changes, never left half-built; lookups in either script; the real dictionary
end to end (built once per session by the `real_dictionary` fixture)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from workbench.core.dictionary import TokenKind, segment
from workbench.core.errors import InputError
from workbench.core.glossary import chinese_key
from workbench.store import dictionary_index
from workbench.store.dictionary_index import (
    CACHE_ENV,
    DictionaryIndex,
    bundled_cedict,
    cache_dir,
    index_path,
    open_index,
    source_digest,
)
from workbench.workflows.lookup import LookupService

DATA = Path(__file__).resolve().parents[1] / "data" / "dictionary"
SMALL = DATA / "small_cedict.txt"
SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A copy of the small dictionary that a test may change."""
    copy = tmp_path / "src" / "small_cedict.txt"
    copy.parent.mkdir()
    shutil.copy(SMALL, copy)
    return copy


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def index_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_first_open_builds_the_index_and_reports_progress(small: Path, cache: Path) -> None:
    calls: list[tuple[int, int]] = []
    with open_index(small, cache=cache, progress=lambda d, t: calls.append((d, t))) as index:
        assert index.built
        info = index.info
    lines = SMALL.read_text(encoding="utf-8").splitlines()
    assert calls and calls[-1] == (len(lines), len(lines))
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert info.entries == 35 and info.skipped == 4
    bad = lines.index("this line is not an entry") + 1
    assert f"small_cedict.txt, line {bad}: not a CC-CEDICT entry" in info.problems[0]
    assert info.source_sha256 == source_digest(small)
    assert info.header[0] == "CC-CEDICT" and info.published == "2020-12-21T10:42:05Z"
    assert index_files(cache) == [index_path(small, info.source_sha256, cache).name]


def test_the_index_is_kept_and_reused(small: Path, cache: Path) -> None:
    open_index(small, cache=cache).close()
    (path,) = cache.iterdir()
    stamp = path.stat().st_mtime_ns
    calls: list[tuple[int, int]] = []
    with open_index(small, cache=cache, progress=lambda d, t: calls.append((d, t))) as index:
        assert not index.built and not calls
        assert index.lookup("国际")
    assert path.stat().st_mtime_ns == stamp


def test_lookup_works_in_both_scripts(small: Path, cache: Path) -> None:
    with open_index(small, cache=cache) as index:
        simplified, traditional = index.lookup("国际"), index.lookup("國際")
        assert simplified == traditional
        assert [(e.traditional, e.simplified, e.pinyin) for e in simplified] == [
            ("國際", "国际", "guo2 ji4")
        ]
        assert index.lookup("国际社") == [] and index.lookup("") == []
        readings = index.lookup("了")  # 了 has two readings and is also the simplified 瞭
        assert [(e.traditional, e.pinyin) for e in readings] == [
            ("了", "le5"),
            ("了", "liao3"),
            ("瞭", "liao3"),
        ]
        variants = index.lookup("个")
        assert [e.traditional for e in variants] == ["個", "箇"]  # the variant comes last
        assert index.lookup("数字")[0].classifiers[0].simplified == "个"
        many = index.lookup_many(["國際", "人工智能", "不在"])
        assert set(many) == {"國際", "人工智能"}
        assert index.lookup_many(["國際"]) == {"國際": simplified}


def test_completions_find_headwords_by_prefix(small: Path, cache: Path) -> None:
    with open_index(small, cache=cache) as index:
        assert [e.simplified for e in index.completions("人工")] == ["人工", "人工智能"]
        assert [e.simplified for e in index.completions("國際")] == ["国际", "国际社会"]
        assert len(index.completions("国", limit=2)) == 2


def test_the_lexicon_holds_both_scripts(small: Path, cache: Path) -> None:
    with open_index(small, cache=cache) as index:
        lexicon = index.lexicon()
        assert "國際社會" in lexicon and "国际社会" in lexicon
        assert index.lexicon() is lexicon  # loaded once
        text = "國際社會關注人工智能"
        splitter = index.segmenter()
        assert next(t.text for t in segment(text, lexicon, splitter=splitter)) == "國際社會"
        assert index.segmenter() is splitter  # built once
    # jieba's word list and its parsed form are kept beside the index, nowhere else.
    jieba_files = [name for name in index_files(cache) if name.startswith("jieba-")]
    assert len(jieba_files) == 2 and jieba_files[1] == jieba_files[0] + ".cache"


def test_a_changed_dictionary_is_indexed_again_and_the_old_index_removed(
    small: Path, cache: Path
) -> None:
    open_index(small, cache=cache).close()
    (old,) = cache.iterdir()
    with small.open("a", encoding="utf-8") as handle:
        handle.write("\n新詞 新词 [xin1 ci2] /new word/\n")
    with open_index(small, cache=cache) as index:
        assert index.built
        assert index.lookup("新词")[0].senses == ("new word",)
    assert not old.exists() and len(index_files(cache)) == 1


def test_a_new_index_format_is_built_again(
    small: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_index(small, cache=cache).close()
    monkeypatch.setattr(dictionary_index, "FORMAT_VERSION", dictionary_index.FORMAT_VERSION + 1)
    with open_index(small, cache=cache) as index:
        assert index.built and index.info.format_version == dictionary_index.FORMAT_VERSION
    assert len(index_files(cache)) == 1


def test_an_index_that_is_not_what_its_name_says_is_rebuilt(small: Path, cache: Path) -> None:
    open_index(small, cache=cache).close()
    (path,) = cache.iterdir()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = 'other' WHERE key = 'source_sha256'")
    conn.commit()
    conn.close()
    with open_index(small, cache=cache) as index:
        assert index.built and index.info.source_sha256 == source_digest(small)


def test_a_corrupt_index_file_is_rebuilt(small: Path, cache: Path) -> None:
    open_index(small, cache=cache).close()
    (path,) = cache.iterdir()
    path.write_bytes(b"not a database at all" * 100)
    with open_index(small, cache=cache) as index:
        assert index.built and index.lookup("国际")


def test_an_interrupted_build_leaves_no_index_and_no_temporary_file(
    small: Path, cache: Path
) -> None:
    def crash(done: int, total: int) -> None:
        raise KeyboardInterrupt  # as if the user pressed ^C halfway

    with open(small, "a", encoding="utf-8") as handle:  # stopped after a first batch of rows
        handle.writelines(f"詞{i} 词{i} [ci2] /word {i}/\n" for i in range(12_000))
    with pytest.raises(KeyboardInterrupt):
        open_index(small, cache=cache, progress=crash)
    assert index_files(cache) == []
    with open_index(small, cache=cache) as index:  # the next use builds it whole
        assert index.built and index.info.entries == 35 + 12_000


def test_a_failed_rebuild_keeps_the_previous_index(small: Path, cache: Path) -> None:
    open_index(small, cache=cache).close()
    (old,) = cache.iterdir()
    before = old.read_bytes()
    small.write_text("# only comments\n", encoding="utf-8")
    with pytest.raises(InputError, match="no CC-CEDICT entries"):
        open_index(small, cache=cache)
    assert index_files(cache) == [old.name] and old.read_bytes() == before


def test_temporary_files_of_dead_builds_are_swept(small: Path, cache: Path) -> None:
    cache.mkdir()
    stale = cache / ".small_cedict.0.v1.sqlite.abc.tmp"
    fresh = cache / ".small_cedict.0.v1.sqlite.def.tmp"  # may be another build in progress
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    hours_ago = time.time() - 2 * dictionary_index.STALE_TEMP_SECONDS
    os.utime(stale, (hours_ago, hours_ago))
    open_index(small, cache=cache).close()
    assert not stale.exists() and fresh.exists()


def test_a_dictionary_that_is_not_utf8_is_refused_clearly(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "gbk.txt"
    source.write_bytes("國際 国际 [guo2 ji4] /international/\n".encode("gb18030"))
    with pytest.raises(InputError, match=r"gbk\.txt: not UTF-8"):
        open_index(source, cache=cache)


def test_an_unwritable_cache_folder_is_reported(small: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    with pytest.raises(dictionary_index.DictionaryIndexError, match="WORKBENCH_CACHE_DIR"):
        open_index(small, cache=blocked / "cache")


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv(CACHE_ENV)
    assert cache_dir().name == "workbench"


def test_the_bundled_dictionary_is_cc_cedict_under_cc_by_sa() -> None:
    path = bundled_cedict()
    head = path.read_text(encoding="utf-8")[:1200]
    assert "CC-CEDICT" in head and "MDBG" in head
    assert "Creative Commons Attribution-ShareAlike 4.0 International License" in head


# -- the real dictionary, end to end ----------------------------------------------------------


def test_real_index_reads_every_line(real_dictionary: Path) -> None:
    with open_index(cache=real_dictionary) as index:
        assert not index.built  # the session fixture built it
        declared = int(
            next(
                line.split("=", 1)[1]
                for line in bundled_cedict().read_text(encoding="utf-8").splitlines()[:40]
                if line.startswith("#! entries=")
            )
        )
        assert index.info.entries == declared and index.info.skipped == 0
        assert index.lookup("國際") == index.lookup("国际")
        assert index.lookup("国际")[0].senses == ("international",)


def test_real_dictionary_segments_the_seeds_with_the_glossary(
    lookup_service: LookupService,
) -> None:
    found: dict[str, set[TokenKind]] = {}
    for seed in SEEDS:
        for word in lookup_service.paragraph(seed.read_text(encoding="utf-8")):
            found.setdefault(word.text, set()).add(word.kind)
            if word.kind is TokenKind.TERM:
                assert word.term is not None
                assert chinese_key(word.text) == chinese_key(word.term.source)
    for term in ("人工智能", "全球治理", "数字鸿沟"):
        assert TokenKind.TERM in found.get(term, set()), term
    # Words the glossary does not hold come from the dictionary.
    for plain in ("国际", "合作", "信心", "方案"):
        assert TokenKind.WORD in found.get(plain, set()), plain


def test_real_dictionary_alone_finds_the_words_it_holds(real_dictionary: Path) -> None:
    with DictionaryIndex.open(next(real_dictionary.glob("*.sqlite"))) as index:
        text = SEEDS[0].read_text(encoding="utf-8")
        pieces = [t.text for t in segment(text, index.lexicon(), splitter=index.segmenter())]
    assert "人工智能" in pieces and "全球" in pieces and "治理" in pieces
    assert "全球治理" not in pieces  # not a CC-CEDICT headword: the glossary supplies it
