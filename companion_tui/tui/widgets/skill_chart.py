"""A before/after distress chart in block characters: two bars per practice, oldest on the left.

Only as many practices as fit the width are drawn (the newest); a practice with only one
of the two numbers shows just that bar. Pure ``chart_lines`` for tests; ``BeforeAfterChart``
redraws on resize.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from companion_tui.core.skills.what_works import Point

EIGHTHS = " ▁▂▃▄▅▆▇█"
BEFORE_STYLE = "#e07b67"
AFTER_STYLE = "#6cc08b"
AXIS = 3  # width of the y-axis labels


def _cell(value: int | None, row_from_bottom: int, rows: int) -> str:
    if value is None:
        return " "
    filled = value / 10 * rows * 8  # in eighths of a row
    part = filled - row_from_bottom * 8
    if part <= 0:
        return "▁" if row_from_bottom == 0 and value == 0 else " "
    return EIGHTHS[min(8, int(round(part)))] if part < 8 else "█"


def chart_lines(points: Sequence[Point], width: int, height: int) -> Text:
    """The chart as rich Text: ``height`` rows of bars, a date row and a legend."""
    rows = max(2, height - 2)
    per = 3  # before bar, after bar, gap
    fit = max(1, (width - AXIS - 1) // per)
    shown = list(points)[-fit:]
    out = Text()
    for r in range(rows - 1, -1, -1):
        label = {rows - 1: "10", 0: " 0"}.get(r, " 5" if r == rows // 2 else "  ")
        out.append(label.rjust(AXIS - 1) + "│", style="dim")
        for p in shown:
            out.append(_cell(p.before, r, rows), style=BEFORE_STYLE)
            out.append(_cell(p.after, r, rows), style=AFTER_STYLE)
            out.append(" ")
        out.append("\n")
    axis = " " * AXIS
    if shown:
        first, last = f"{shown[0].at:%-d %b %y}", f"{shown[-1].at:%-d %b %y}"
        span = len(shown) * per
        axis += first + (last.rjust(span - len(first)) if span > len(first) + len(last) else "")
    out.append(axis + "\n", style="dim")
    out.append("   ")
    out.append("██", style=BEFORE_STYLE)
    out.append(" before   ")
    out.append("██", style=AFTER_STYLE)
    out.append(" after")
    if len(points) > len(shown):
        out.append(f"   (newest {len(shown)} of {len(points)})", style="dim")
    return out


class BeforeAfterChart(Widget):
    DEFAULT_CSS = """
    BeforeAfterChart { height: 1fr; min-height: 6; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: list[Point] = []
        self.empty = ""

    def show(self, points: Sequence[Point], empty: str = "") -> None:
        """Draw ``points``; with none, show ``empty`` (nothing when it is "")."""
        self.points = list(points)
        self.empty = empty
        self.refresh()

    def render(self) -> Text:
        if not self.points:
            return Text(self.empty, style="dim")
        return chart_lines(self.points, self.size.width, self.size.height)
