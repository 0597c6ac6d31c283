"""The Today card's journal part: the prompt of the day, one key to write from it, and how many
entries are flagged to bring to therapy this past week.

The Today pane mounts this inside its "Prompt of the day" card; ``w`` (on the Today pane, or
enter when this card has focus) opens the journal editor with this prompt.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from companion_tui.core.journal.entries import DRAFT_PREFIX
from companion_tui.tui.host import host_of


class TodayPrompt(Vertical, can_focus=True):
    HELP_TITLE = "Prompt of the day"
    DEFAULT_CSS = """
    TodayPrompt { height: auto; }
    TodayPrompt #today-prompt-text { height: auto; }
    TodayPrompt #today-prompt-meta { height: auto; color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "app.pane('journal', 'write_today')", "Write from the prompt", show=False, id="today.prompt.write"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="today-prompt-text")
        yield Static("", id="today-prompt-meta")

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self.refresh_card()

    def _screen_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh_card()

    def refresh_card(self) -> None:
        ws = host_of(self.app).workspace
        if ws is None or ws.journal is None:
            return
        today = host_of(self.app).clock().date()
        prompt = ws.journal.prompt_of_the_day(today)
        text = self.query_one("#today-prompt-text", Static)
        if prompt is None:
            text.update("[dim]All prompts are hidden; the journal's prompt library (p) shows them again.[/]")
        else:
            text.update(prompt.text)
        flagged = ws.journal.therapy_count(7, today)
        therapy = (f"[$text-accent]⚑[/] {flagged} entr{'y' if flagged == 1 else 'ies'} to bring to therapy (7 days)"
                   if flagged else "No entries flagged for therapy in 7 days.")
        lines = ["[b]w[/] write from it", therapy]
        unfinished = sum(1 for d in ws.drafts.all() if d.name.startswith(DRAFT_PREFIX))
        if unfinished:
            lines.append(f"✎ {unfinished} unfinished entr{'y' if unfinished == 1 else 'ies'} waiting: [b]j[/] then [b]u[/]")
        self.query_one("#today-prompt-meta", Static).update("\n".join(lines))
