"""The week grid: active goals as rows, the days of the week as columns, today highlighted.

The widget only shows a ``WeekGrid`` (from the core) and a cursor on one goal and day; it
asks for a tick with a ``GoalGrid.Toggle`` message and says which goal is selected with
``GoalGrid.Selected``. Storing the tick is the screen's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from companion_tui.core.goals.weeks import GridRow, WeekGrid

CELL = 6
TAIL = 9  # the progress column: '  2/3 ✓ '
TICKED, OPEN, CLOSED = "[✓]", "[ ]", "·"


def clip(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    out = ""
    for ch in text:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…" + " " * (width - 1 - cell_len(out))


class GoalGrid(Widget, can_focus=True):
    HELP_TITLE = "Week grid"
    DEFAULT_CSS = """
    GoalGrid { height: auto; min-height: 2; padding: 0 1; }
    GoalGrid > .goal-grid--header { color: $text-muted; }
    GoalGrid > .goal-grid--today { background: $primary 25%; text-style: bold; }
    GoalGrid > .goal-grid--cursor { background: $accent; color: $text; text-style: bold; }
    GoalGrid > .goal-grid--ticked { color: $success; text-style: bold; }
    GoalGrid > .goal-grid--closed { color: $text-disabled; }
    GoalGrid > .goal-grid--met { color: $success; text-style: bold; }
    GoalGrid > .goal-grid--muted { color: $text-muted; }
    GoalGrid > .goal-grid--selected { text-style: bold; }
    """
    COMPONENT_CLASSES = {
        "goal-grid--header", "goal-grid--today", "goal-grid--cursor", "goal-grid--ticked",
        "goal-grid--closed", "goal-grid--met", "goal-grid--muted", "goal-grid--selected",
    }
    BINDINGS = [
        Binding("space", "toggle_day", "Tick / untick", id="goal_grid.toggle"),
        Binding("up", "move(-1, 0)", "Previous goal", show=False, id="goal_grid.up"),
        Binding("down", "move(1, 0)", "Next goal", show=False, id="goal_grid.down"),
        Binding("left", "move(0, -1)", "Day before", show=False, id="goal_grid.left"),
        Binding("right", "move(0, 1)", "Day after", show=False, id="goal_grid.right"),
        Binding("home", "to_today", "Today's column", show=False, id="goal_grid.today"),
    ]

    @dataclass
    class Toggle(Message):
        goal_id: str
        day: date

    @dataclass
    class Selected(Message):
        goal_id: str | None

    row = reactive(0, repaint=True)
    col = reactive(0, repaint=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: WeekGrid | None = None
        self._selected: str | None = None

    # -- data ---------------------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def show(self, grid: WeekGrid, keep_goal: str | None = None) -> None:
        """Show ``grid``; keep the cursor on the same goal (and on today when the week has it)."""
        old_day = self.selected_day
        self.grid = grid
        ids = [r.goal.id for r in grid.rows]
        wanted = keep_goal or self._selected
        self.row = ids.index(wanted) if wanted in ids else min(self.row, max(0, len(ids) - 1))
        if grid.is_current:
            self.col = (grid.today - grid.start).days if old_day is None or old_day not in grid.days else \
                grid.days.index(old_day)
        elif old_day is not None and old_day.weekday() in [d.weekday() for d in grid.days]:
            self.col = [d.weekday() for d in grid.days].index(old_day.weekday())
        self.refresh(layout=True)
        self._announce()

    @property
    def selected_row(self) -> GridRow | None:
        if self.grid is None or not self.grid.rows:
            return None
        return self.grid.rows[min(self.row, len(self.grid.rows) - 1)]

    @property
    def selected_day(self) -> date | None:
        return self.grid.days[self.col] if self.grid is not None else None

    def _announce(self) -> None:
        row = self.selected_row
        goal_id = row.goal.id if row else None
        if goal_id != self._selected:
            self._selected = goal_id
        self.post_message(self.Selected(goal_id))

    # -- actions ------------------------------------------------------------------------------

    def action_move(self, drow: int, dcol: int) -> None:
        if self.grid is None:
            return
        if drow and self.grid.rows:
            self.row = max(0, min(len(self.grid.rows) - 1, self.row + drow))
            self._announce()
        if dcol:
            self.col = max(0, min(6, self.col + dcol))

    def action_to_today(self) -> None:
        if self.grid is not None and self.grid.is_current:
            self.col = (self.grid.today - self.grid.start).days

    def action_toggle_day(self) -> None:
        row = self.selected_row
        if row is None or self.grid is None:
            self.app.bell()
            return
        self.post_message(self.Toggle(row.goal.id, self.grid.days[self.col]))

    # -- drawing ------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"goal-grid--{name}")

    def render(self) -> Text:
        grid = self.grid
        if grid is None:
            return Text("")
        width = max(20, self.size.width - 2)
        title_w = max(10, min(36, width - 7 * CELL - TAIL))
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append(" " * title_w, self._style("header"))
        for day in grid.days:
            style = self._style("today") if day == grid.today else self._style("header")
            out.append((f"{day:%a}"[:2] + f"{day.day:>3}").center(CELL), style)
        if not grid.rows:
            out.append("\n")
            empty = "No goals this week." if not grid.is_future else "Nothing planned for that week yet."
            out.append(f"{empty}  Press a to add one: one or two small steps are plenty.", self._style("muted"))
            return out
        for r, row in enumerate(grid.rows):
            out.append("\n")
            selected = r == self.row
            title_style = self._style("selected") if selected and self.has_focus else Style()
            if not row.active:
                title_style += self._style("muted")
            out.append(clip(row.goal.title, title_w), title_style)
            for c, day in enumerate(grid.days):
                ticked, open_ = row.ticked[c], row.tickable[c]
                mark = TICKED if ticked else OPEN if open_ else CLOSED
                style = self._style("ticked") if ticked else self._style("closed") if not open_ else Style()
                if day == grid.today:
                    style = self._style("today") + style
                if selected and c == self.col and self.has_focus:
                    style = style + self._style("cursor")
                out.append(mark.center(CELL), style)
            out.append(f"  {row.progress:>4}", self._style("met") if row.met else Style())
            out.append(" ✓" if row.met else "", self._style("met"))
        return out

    def get_content_height(self, container, viewport, width: int) -> int:
        rows = len(self.grid.rows) if self.grid is not None else 0
        return 1 + max(1, rows)
