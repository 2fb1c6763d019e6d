"""Dictionary fixtures: every test session gets its own dictionary cache folder, so nothing
is written to the user's cache, and the real CC-CEDICT index is built at most once per
session (about two seconds), by the first test that asks for it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.cli.common import load_glossary
from workbench.store.dictionary_index import CACHE_ENV, open_index
from workbench.workflows.lookup import LookupService

ROOT = Path(__file__).resolve().parents[1]
CURATED_GLOSSARY = ROOT / "glossary" / "governance.tsv"


@pytest.fixture(scope="session", autouse=True)
def dictionary_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """$WORKBENCH_CACHE_DIR for the session (the index is built only when first opened)."""
    folder = tmp_path_factory.getbasetemp() / "workbench-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


@pytest.fixture(scope="session")
def real_dictionary(dictionary_cache: Path) -> Path:
    """The session cache folder, with the index of the bundled CC-CEDICT built in it."""
    with open_index(cache=dictionary_cache):
        pass
    assert os.listdir(dictionary_cache)
    return dictionary_cache


@pytest.fixture(scope="session")
def lookup_service(real_dictionary: Path) -> Iterator[LookupService]:
    """The real dictionary with the curated glossary, open for the session."""
    with LookupService.open(load_glossary(CURATED_GLOSSARY), cache=real_dictionary) as service:
        yield service
