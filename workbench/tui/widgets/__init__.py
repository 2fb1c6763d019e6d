"""Widgets of the workbench UI."""
