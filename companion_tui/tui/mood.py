"""Mood pane (placeholder until the full form lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class MoodScreen(Screen):
    TITLE = "Mood"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Mood")
        yield Footer()

    def start_new(self) -> None:
        pass

    def collect_drafts(self) -> dict[str, dict]:
        return {}
