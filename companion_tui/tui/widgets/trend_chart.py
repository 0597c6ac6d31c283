"""Mood over time: a textual-plotext chart of one ``core.insights.Series``.

Daily means are dots, the rolling average a line (broken wherever it is None, so gaps
stay gaps), and on days with several check-ins a thin bar from the lowest to the highest
score. Colours come from the app's theme (light or dark) each time the chart is drawn.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.color import Color
from textual_plotext import PlotextPlot

from companion_tui.core.insights.trends import ROLLING, Series
from companion_tui.tui.widgets.trend_pixels import mood_colour

#: Ranges are drawn when the chart has at most this many points (beyond that they blur).
BAND_MAX_POINTS = 100
LINE_MARKER = "braille"


def _segments(xs: list[int], ys: list[float | None]) -> list[tuple[list[int], list[float]]]:
    """Runs of consecutive values that aren't None."""
    out: list[tuple[list[int], list[float]]] = []
    run_x: list[int] = []
    run_y: list[float] = []
    for x, y in zip(xs, ys):
        if y is None:
            if run_x:
                out.append((run_x, run_y))
            run_x, run_y = [], []
        else:
            run_x.append(x)
            run_y.append(y)
    if run_x:
        out.append((run_x, run_y))
    return out


def x_ticks(series: Series, width: int) -> tuple[list[int], list[str]]:
    """Tick positions (point index) and labels that fit ``width`` columns."""
    points = series.points
    kind, bucket = series.window.kind, series.bucket
    ticks: list[tuple[int, str]] = []
    if bucket == "day" and kind == "week":
        ticks = [(i, f"{p.start:%a %-d}") for i, p in enumerate(points)]
    elif bucket == "day" and kind == "month":
        ticks = [(i, f"{p.start:%-d %b}" if i == 0 else f"{p.start:%-d}") for i, p in enumerate(points)
                 if p.start.day in (1, 8, 15, 22, 29)]
    elif bucket == "day" and kind in ("quarter", "year"):
        ticks = [(i, f"{p.start:%b}") for i, p in enumerate(points) if p.start.day == 1]
        if kind == "year" and width < 90:
            ticks = ticks[::2]
    else:  # all time: by day, week or month
        ticks = _year_or_month_ticks(points)
    # Keep labels from running into each other.
    room = max(1, width - 8)
    while len(ticks) > 1 and sum(len(label) + 2 for _, label in ticks) > room:
        ticks = ticks[::2]
    return [i for i, _ in ticks], [label for _, label in ticks]


def _year_or_month_ticks(points) -> list[tuple[int, str]]:
    years = [(i, str(p.end.year)) for i, p in enumerate(points)
             if i == 0 or p.end.year != points[i - 1].end.year]
    if len(years) >= 3:
        return years[1:] if len(years) > 1 else years
    months = [(i, f"{p.end:%b %Y}" if i == 0 else f"{p.end:%b}") for i, p in enumerate(points)
              if i == 0 or p.end.month != points[i - 1].end.month]
    return months


class MoodChart(PlotextPlot):
    """``show(series, today)``; redraws itself with the current theme."""

    DEFAULT_CSS = """
    MoodChart { height: 1fr; min-height: 8; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series: Series | None = None
        self.today: date | None = None
        self.empty_message = ""

    def show(self, series: Series, today: date, empty_message: str = "") -> None:
        self.series = series
        self.today = today
        self.empty_message = empty_message
        self.refresh()

    def _rgb(self, name: str, fallback: str) -> tuple[int, int, int]:
        value = self.app.theme_variables.get(name) or fallback
        try:
            return Color.parse(value).rgb
        except Exception:  # noqa: BLE001 - an odd theme value falls back, never crashes
            return Color.parse(fallback).rgb

    def _muted(self, amount: float = 0.55) -> tuple[int, int, int]:
        fg = Color.parse(self.app.theme_variables.get("foreground", "#e0e0e0"))
        bg = Color.parse(self.app.theme_variables.get("surface", "#1e1e1e"))
        return bg.blend(fg, amount).rgb

    def render(self):
        series = self.series
        if series is None or series.empty:
            return Text("\n" + self.empty_message, style="dim")
        self.draw(series)
        return super().render()

    def draw(self, series: Series) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        points = series.points
        xs = list(range(len(points)))
        band = self._muted(0.35)
        line = self._rgb("primary", "#0178d4")
        if len(points) <= BAND_MAX_POINTS:
            for x, p in zip(xs, points):
                if p.low is not None and p.high is not None and p.high > p.low:
                    plt.plot([x, x], [p.low, p.high], marker="braille", color=band)
        for seg_x, seg_y in _segments(xs, [p.rolling for p in points]):
            if len(seg_x) == 1:
                plt.scatter(seg_x, seg_y, marker=LINE_MARKER, color=line)
            else:
                plt.plot(seg_x, seg_y, marker=LINE_MARKER, color=line)
        # Means on top, each in its mood colour (grouped: one call per colour).
        marker = "●" if len(points) <= 31 else "•" if len(points) <= 100 else "dot"
        by_colour: dict[str, tuple[list[int], list[float]]] = {}
        for x, p in zip(xs, points):
            if p.mean is not None:
                group = by_colour.setdefault(mood_colour(p.mean), ([], []))
                group[0].append(x)
                group[1].append(p.mean)
        for colour, (px, py) in by_colour.items():
            plt.scatter(px, py, marker=marker, color=Color.parse(colour).rgb)
        plt.ylim(0.6, 10.4)
        plt.yticks([1, 4, 7, 10])
        plt.xlim(-0.6, max(len(points) - 0.4, 0.6))
        positions, labels = x_ticks(series, self.size.width)
        plt.xticks([float(p) for p in positions], labels)
        plt.xaxes(True, False)
        plt.yaxes(True, False)
        plt.frame(False)


def legend(series: Series, line_colour: str = "bold") -> Text:
    """What the marks mean (``line_colour``: the rolling average's colour in the chart)."""
    text = Text()
    unit = {"day": "daily mean", "week": "weekly mean", "month": "monthly mean"}[series.bucket]
    text.append("● ", "#a2b871")
    text.append(unit)
    text.append("   ━ ", line_colour)
    text.append(series.rolling_label)
    if all(p.rolling is None for p in series.points):
        size, need = ROLLING[series.bucket]
        text.append(f" (once {need} of {size} {series.bucket}s have check-ins)", "dim")
    if len(series.points) <= BAND_MAX_POINTS:
        text.append("   ⡇ ", "dim")
        text.append("lowest to highest that day" if series.bucket == "day"
                    else f"lowest to highest day in the {series.bucket}")
    return text


