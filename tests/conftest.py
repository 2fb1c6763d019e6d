"""Shared pytest configuration: fixture modules are registered here."""

pytest_plugins = ["tests.mt_fixtures", "tests.tui_fixtures", "tests.dictionary_fixtures"]
