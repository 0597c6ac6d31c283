"""Year in pixels: twelve rows of months, a cell per day, coloured by that day's mean mood.

Arrow keys move the selected day (left/right a day, up/down a month); home/end jump to
the first/last day with a check-in in that year. The widget posts ``Selected`` whenever the
day changes, and its owner shows that day's check-ins.
"""

from __future__ import annotations

from calendar import month_abbr, monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from companion_tui.core.insights.trends import move_day

#: Calm, muted colours from low (1) to high (10) mood; they read on light and dark themes alike.
PALETTE = (
    "#b9514e", "#c9654f", "#d67d54", "#df985c", "#e3b267",
    "#c7bd6a", "#a2b871", "#7eae79", "#5ea383", "#3f978b",
)
CELL = 2
LABEL = 4


def mood_colour(mean: float) -> str:
    return PALETTE[min(9, max(0, round(mean) - 1))]


@dataclass(frozen=True)
class GridLimits:
    first: date
    last: date


class YearPixels(Widget, can_focus=True):
    HELP_TITLE = "Year in pixels"
    DEFAULT_CSS = """
    YearPixels { width: 68; height: 15; }
    """
    BINDINGS = [
        Binding("left", "move('left')", "Day before", show=False, id="pixels.left"),
        Binding("right", "move('right')", "Day after", show=False, id="pixels.right"),
        Binding("up", "move('up')", "Month before", show=False, id="pixels.up"),
        Binding("down", "move('down')", "Month after", show=False, id="pixels.down"),
        Binding("pageup", "year(-1)", "Year before", show=False, id="pixels.year_before"),
        Binding("pagedown", "year(1)", "Year after", show=False, id="pixels.year_after"),
        Binding("home", "edge('first')", "First check-in of the year", show=False, id="pixels.home"),
        Binding("end", "edge('last')", "Last check-in of the year", show=False, id="pixels.end"),
    ]

    class Selected(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pixels: dict[date, float | None] = {}
        self.selected = date.today()
        self.today = date.today()
        self.limits = GridLimits(date(self.today.year, 1, 1), date(self.today.year, 12, 31))
        self.pixels_for: Callable[[int], dict[date, float | None]] = lambda year: {}  # set by the owner

    @property
    def year(self) -> int:
        return self.selected.year

    def show(self, selected: date, today: date, limits: GridLimits) -> None:
        self.today = today
        self.limits = limits
        self._select(selected, force=True)

    def _select(self, day: date, force: bool = False) -> None:
        if not self.limits.first <= day <= self.limits.last:
            if not force:
                return  # nothing to show before the first check-in's year or after this year
            day = min(max(day, self.limits.first), self.limits.last)
        if day == self.selected and not force:
            return
        if force or day.year != self.selected.year or not self.pixels:
            self.pixels = self.pixels_for(day.year)
        self.selected = day
        self.refresh()
        self.post_message(self.Selected(day))

    def action_move(self, key: str) -> None:
        self._select(move_day(self.selected, key))

    def action_year(self, step: int) -> None:
        day = self.selected
        target = date(day.year + step, day.month, min(day.day, monthrange(day.year + step, day.month)[1]))
        self._select(target)

    def action_edge(self, which: str) -> None:
        days = [d for d, mean in sorted(self.pixels.items()) if mean is not None]
        if days:
            self._select(days[0] if which == "first" else days[-1])

    def render(self) -> Text:
        variables = self.app.theme_variables
        return grid_text(self.pixels, self.year, self.selected, self.today, self.has_focus,
                         empty=variables.get("panel-lighten-1") or variables.get("panel") or "#333333",
                         marker=variables.get("foreground") or "#ffffff")


PIXEL = "█▌"  # a day: one and a half cells of colour, half a cell of gap


def grid_text(pixels: dict[date, float | None], year: int, selected: date | None, today: date,
              focused: bool = True, empty: str = "#3a3a3a", marker: str = "#ffffff") -> Text:
    """The grid as Text: a day-number header, twelve month rows, and a colour key.

    A day with check-ins is a block in its mood colour; a past day without one a faint block
    (``empty``); days still to come are blank. The selected day shows ◆ (``marker`` colour).
    """
    out = Text()
    head = " " * LABEL
    for d in range(1, 32):
        head += (str(d).ljust(CELL) if d == 1 or d % 5 == 0 else " " * CELL)
    out.append(head.rstrip() + "\n", "dim")
    for month in range(1, 13):
        out.append(f"{month_abbr[month]:<{LABEL}}", "bold" if selected and selected.month == month else "dim")
        days_in = monthrange(year, month)[1]
        for d in range(1, 32):
            if d > days_in:
                out.append(" " * CELL)
                continue
            day = date(year, month, d)
            mean = pixels.get(day)
            colour = mood_colour(mean) if mean is not None else empty if day <= today else ""
            if day == selected:
                mark = "◆" if focused else "◇"
                out.append(mark, f"bold {marker} on {colour}" if colour else f"bold {marker}")
                out.append("▌" if colour else " ", colour)
            elif colour:
                out.append(PIXEL, colour)
            else:
                out.append(" " * CELL)
        out.append("\n")
    out.append(" " * LABEL + "low ", "dim")
    for colour in PALETTE:
        out.append("█", colour)
    out.append(" high   ", "dim")
    out.append(PIXEL, empty)
    out.append(" no check-in", "dim")
    return out
