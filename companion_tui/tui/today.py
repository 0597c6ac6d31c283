"""Today: check-in status, the last 14 days at a glance, and this week."""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from companion_tui.tui.widgets.mood_spark import MoodSpark, mood_style


def greeting(hour: int) -> str:
    if hour < 5:
        return "Still up"
    if hour < 12:
        return "Good morning"
    if hour < 18:
        return "Good afternoon"
    return "Good evening"


class TodayScreen(Screen):
    TITLE = "Today"
    BINDINGS = [
        Binding("c", "app.new_checkin", "Check in", id="today.checkin"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            yield Static("", id="greeting", classes="greeting")
            with Vertical(classes="card", id="checkin-card"):
                yield Static("Check-in", classes="card-title")
                yield Static("", id="checkin-status")
            with Vertical(classes="card", id="spark-card"):
                yield Static("Last 14 days", classes="card-title")
                yield MoodSpark(id="spark")
                yield Static("", id="week-count", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_cards()

    def on_screen_resume(self) -> None:
        self.refresh_cards()

    def refresh_cards(self) -> None:
        ws = self.app.workspace  # type: ignore[attr-defined]
        if ws is None:
            return
        now = self.app.clock()  # type: ignore[attr-defined]
        today = now.date()
        self.query_one("#greeting", Static).update(
            f"[b]{greeting(now.hour)}.[/]  {today:%A %-d %B %Y}"
        )
        todays = ws.moods.on_day(today)
        status = self.query_one("#checkin-status", Static)
        if todays:
            lines = [f"You checked in {len(todays)} time{'s' if len(todays) > 1 else ''} today."]
            for c in todays[:4]:
                words = ", ".join(c.emotions[:4])
                lines.append(f"  {c.at:%H:%M}  [{mood_style(c.score)}]{c.score:>2}/10[/]  {words}")
            lines.append("[dim]c[/dim] check in again")
            status.update("\n".join(lines))
        else:
            status.update("You haven't checked in today.  Press [b]c[/] to check in — it takes a minute.")
        first = today - timedelta(days=13)
        self.query_one("#spark", MoodSpark).show(ws.moods.daily_means(first, today), first)
        start = ws.settings.value.week_start
        days = ws.moods.days_checked_in_week(today, start)
        self.query_one("#week-count", Static).update(f"Checked in on {days} day{'s' if days != 1 else ''} this week.")
