"""This week's goals on the Today pane: one tick box per goal for today, ticked with space.

Shows a core ``WeekGrid`` (this week) and asks for a tick with ``TodayGoals.Toggle``; the
screen stores it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from companion_tui.core.goals.weeks import WeekGrid
from companion_tui.tui.widgets.goal_grid import clip


class TodayGoals(Widget, can_focus=True):
    HELP_TITLE = "This week's goals"
    DEFAULT_CSS = """
    TodayGoals { height: auto; }
    TodayGoals > .today-goals--cursor { background: $accent; color: $text; text-style: bold; }
    TodayGoals > .today-goals--ticked { color: $success; text-style: bold; }
    TodayGoals > .today-goals--muted { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"today-goals--cursor", "today-goals--ticked", "today-goals--muted"}
    BINDINGS = [
        Binding("space,enter", "toggle_today", "Tick today", id="today_goals.toggle"),
        Binding("up", "move(-1)", "Previous goal", show=False, id="today_goals.up"),
        Binding("down", "move(1)", "Next goal", show=False, id="today_goals.down"),
    ]

    @dataclass
    class Toggle(Message):
        goal_id: str
        day: date

    cursor = reactive(0, repaint=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: WeekGrid | None = None

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def show(self, grid: WeekGrid) -> None:
        keep = self.selected_goal_id
        self.grid = grid
        ids = [r.goal.id for r in self._rows()]
        self.cursor = ids.index(keep) if keep in ids else min(self.cursor, max(0, len(ids) - 1))
        self.refresh(layout=True)

    def _rows(self):
        if self.grid is None:
            return []
        today = self.grid.days.index(self.grid.today) if self.grid.today in self.grid.days else None
        return [r for r in self.grid.rows
                if r.goal.status == "active" and today is not None and r.tickable[today]]

    @property
    def selected_goal_id(self) -> str | None:
        rows = self._rows()
        return rows[min(self.cursor, len(rows) - 1)].goal.id if rows else None

    def action_move(self, step: int) -> None:
        rows = self._rows()
        if rows:
            self.cursor = max(0, min(len(rows) - 1, self.cursor + step))

    def action_toggle_today(self) -> None:
        goal_id = self.selected_goal_id
        if goal_id is None or self.grid is None:
            self.app.bell()
            return
        self.post_message(self.Toggle(goal_id, self.grid.today))

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"today-goals--{name}")

    def render(self) -> Text:
        rows = self._rows()
        out = Text(no_wrap=True, overflow="ellipsis")
        if not rows or self.grid is None:
            out.append("No goals this week yet.\nPress g, then a, to add one small step.", self._style("muted"))
            return out
        width = max(16, self.size.width)
        today = self.grid.days.index(self.grid.today)
        for n, row in enumerate(rows):
            if n:
                out.append("\n")
            ticked = row.ticked[today]
            line = Text()
            line.append("[✓]" if ticked else "[ ]", self._style("ticked") if ticked else Style())
            line.append(" ")
            progress = f" {row.progress}" + (" ✓" if row.met else "  ")
            line.append(clip(row.goal.title, width - 4 - len(progress)))
            line.append(progress, self._style("ticked") if row.met else self._style("muted"))
            if n == self.cursor and self.has_focus:
                line.stylize(self._style("cursor"))
            out.append_text(line)
        return out

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(2, len(self._rows()))
