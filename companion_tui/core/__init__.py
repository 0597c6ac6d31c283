"""The domain. Knows nothing of Textual; the TUI, the CLI and tests all drive it."""
