"""Shared pytest configuration: fixture modules are registered here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest_plugins = ["tests.mt_fixtures", "tests.tui_fixtures", "tests.dictionary_fixtures"]


@pytest.fixture(autouse=True)
def person_homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Config and data folders of the person in a fresh folder per test: no test reads or
    writes the real ~/.config/workbench or ~/.local/share/workbench (personal glossary,
    theme), and none sees another's."""
    home = tmp_path_factory.mktemp("person")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKBENCH_CONFIG_DIR", str(home / "config"))
        patch.setenv("WORKBENCH_DATA_DIR", str(home / "data"))
        yield
