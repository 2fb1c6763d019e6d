"""The dictionary index's SQLite failures become one-line DictionaryIndexErrors: a cache
folder on a full disk while building, an index file damaged while it is open."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.store_fixtures import mounted_tmpfs
from workbench.store.dictionary_index import DictionaryIndexError, open_index

SMALL = Path(__file__).resolve().parents[1] / "data" / "dictionary" / "small_cedict.txt"


@pytest.fixture
def large(tmp_path: Path) -> Path:
    """A dictionary of some 12,000 entries (about a megabyte of index)."""
    copy = tmp_path / "src" / "cedict.txt"
    copy.parent.mkdir()
    shutil.copy(SMALL, copy)
    with copy.open("a", encoding="utf-8") as handle:
        handle.writelines(f"詞{i} 词{i} [ci2] /word number {i} of many/\n" for i in range(12_000))
    return copy


def test_a_full_cache_disk_while_building_is_one_clear_error(large: Path, tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path / "cache", size="256k") as cache:
        with pytest.raises(DictionaryIndexError, match="cannot write the dictionary index"):
            open_index(large, cache=cache)
        assert not [p for p in cache.iterdir() if p.suffix in (".sqlite", ".tmp")]


def test_an_index_damaged_while_open_is_one_clear_error(large: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with open_index(large, cache=cache) as index:
        assert index.lookup("词5")
        os.truncate(index.info.path, 8192)  # the file cut short under the open index
        with pytest.raises(DictionaryIndexError, match="cannot be read"):
            index.lookup("词11999")
