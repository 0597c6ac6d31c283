"""A screen for problems that stop the app from opening the vault (busy, damaged, newer)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Static

from companion_tui.tui.widgets.footer import KeysFooter


class ProblemScreen(Screen):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Center(id="gate"), Vertical(classes="card"):
            yield Static("companion", classes="brand")
            yield Static(self.message, id="problem", classes="lead error")
            yield Static("Nothing was changed.  [b]ctrl+q[/] quit   [b]f1[/] get help now", classes="hint")
        yield KeysFooter()
