"""Application services shared by the CLI and the TUI: they combine store, formats and core."""
