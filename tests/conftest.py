"""Shared pytest configuration: fixture modules are registered here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest_plugins = [
    "tests.mt_fixtures",
    "tests.tui_fixtures",
    "tests.dictionary_fixtures",
    "tests.pg_server",
]


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


# The smoke subset CI runs on Python 3.13 (`pytest -m smoke`): every layer once, the files
# where Python versions differ (sqlite3 placeholders, tomllib, importlib.resources), and a
# few editor tests. Named here so the list is one place.
SMOKE_FILES = {
    "tests/unit/test_architecture.py",
    "tests/unit/test_dictionary_index.py",
    "tests/unit/test_glossary.py",
    "tests/unit/test_store.py",
    "tests/unit/test_formats_writers.py",
    "tests/unit/test_ingest_seeds.py",
    "tests/unit/test_ingest_prefilter.py",
    "tests/unit/test_mt_synthetic.py",
    "tests/functional/test_data_homes.py",
    "tests/functional/test_cli_glossary.py",
    "tests/functional/test_tui_glossary.py",
}


# The longest tests of all (half a minute to a minute each in a full run), by file or name:
# first of the first.
LONGEST = {
    "test_python_versions.py",
    "test_wheel_install.py",
    "test_a_session_on_postgresql_gives_what_it_gives_on_sqlite",
    "test_glossary_commands_read_and_edit_the_projects_glossary",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = config.rootpath
    for item in items:
        if item.path.relative_to(root).as_posix() in SMOKE_FILES:
            item.add_marker(pytest.mark.smoke)
    # The long tests (marked `slow`: the Python 3.13 run, the wheel install, the big document)
    # start first, in their order: pytest-xdist hands out the rest as workers free up, so no
    # worker is left finishing a minute-long test after the others are done. Stable sort: the
    # order within each group is unchanged.
    items.sort(
        key=lambda item: (
            item.path.name not in LONGEST and item.nodeid.split("::", 1)[-1] not in LONGEST,
            item.get_closest_marker("slow") is None,
        )
    )
