"""Insights (i): mood trends and what goes with better days, drawn from ``core.insights``.

Tabs (1–5): a summary · mood over time (the Trends view; ``t`` in the Mood pane opens it) ·
year in pixels · patterns (by weekday, by time of day, emotions) · what goes with better days.
Ranges are switched with w / m / q / y / a (week, month, quarter, year, all time) and moved
with ← / →; in the year grid the arrows move the selected day instead. Every number comes
from pure functions in ``core.insights`` and ``core.insights_patterns``; this screen draws.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static, TabbedContent, TabPane, Tabs

from companion_tui.core.insights.patterns import better_days, by_time_of_day, by_weekday, emotions_felt
from companion_tui.core.insights.trends import (
    RANGE_NAMES,
    RANGES,
    MoodIndex,
    Window,
    series,
    summarize,
    week_vs_last,
    window,
    year_pixels,
)
from companion_tui.tui.panes.base import Pane
from companion_tui.tui.widgets.footer import KeysFooter
from companion_tui.tui.widgets.trend_bars import average_bars, better_days_text, emotion_bars
from companion_tui.tui.widgets.trend_chart import MoodChart, legend
from companion_tui.tui.widgets.trend_pixels import GridLimits, YearPixels
from companion_tui.tui.widgets.trend_summary import EMPTY_VAULT, day_text, summary_text

TABS = {"summary": "tab-summary", "chart": "tab-chart", "year": "tab-year", "patterns": "tab-patterns",
        "better": "tab-better"}
FOCUS = {"summary": "#summary", "chart": "#chart-box", "year": "#pixels", "patterns": "#patterns", "better": "#better"}
RANGE_KEYS = {"week": "w", "month": "m", "quarter": "q", "year": "y", "all": "a"}


class InsightsScreen(Pane):
    TITLE = "Insights"
    CSS_PATH = "insights.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("1", "tab('summary')", "Summary", show=False, id="insights.tab_summary"),
        Binding("2", "tab('chart')", "Mood over time", show=False, id="insights.tab_chart"),
        Binding("3", "tab('year')", "Year in pixels", show=False, id="insights.tab_year"),
        Binding("4", "tab('patterns')", "Patterns", show=False, id="insights.tab_patterns"),
        Binding("5", "tab('better')", "Better days", show=False, id="insights.tab_better"),
        Binding("w", "range('week')", "Week", show=False, id="insights.week"),
        Binding("m", "range('month')", "Month", show=False, id="insights.month"),
        Binding("q", "range('quarter')", "Quarter", show=False, id="insights.quarter"),
        Binding("y", "range('year')", "Year", show=False, id="insights.year"),
        Binding("a", "range('all')", "All time", show=False, id="insights.all"),
        Binding("left", "shift(-1)", "Earlier", show=False, id="insights.earlier"),
        Binding("right", "shift(1)", "Later", show=False, id="insights.later"),
        Binding("escape", "back", "Back", id="insights.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind = "month"
        self.range_offset = 0
        self.back_to = ""  # the pane to return to on escape ("" = none)
        self._source: list | None = None
        self._index = MoodIndex([])
        self._stale: set[str] = set(TABS)

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="range-bar"):
            yield Static("", id="range-label")
            yield Static("", id="range-keys")
        with TabbedContent(id="insights-tabs"):
            with TabPane("1 Summary", id=TABS["summary"]), VerticalScroll(id="summary"):
                yield Static("", id="summary-text")
            with TabPane("2 Over time", id=TABS["chart"]), Vertical(id="chart-box"):
                yield MoodChart(id="chart")
                yield Static("", id="chart-legend")
                yield Static("", id="chart-summary")
            with TabPane("3 Year in pixels", id=TABS["year"]), Horizontal(id="year-layout"):
                yield YearPixels(id="pixels")
                with VerticalScroll(id="pixel-day-box"):
                    yield Static("", id="pixel-day")
            with TabPane("4 Patterns", id=TABS["patterns"]), VerticalScroll(id="patterns"):
                yield Static("", id="patterns-empty")
                with Grid(id="patterns-grid"):
                    with Vertical(classes="pattern-col"):
                        yield Static("", id="weekday")
                        yield Static("", id="timeofday")
                    yield Static("", id="emotions")
            with TabPane("5 Better days", id=TABS["better"]), VerticalScroll(id="better"):
                yield Static("", id="better-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        self.query_one("#chart-box").can_focus = True
        pixels = self.query_one(YearPixels)
        pixels.pixels_for = lambda year: year_pixels(self.index, year)
        self._reset_year()
        self.redraw()
        self.query_one(FOCUS[self.tab]).focus()

    def on_screen_resume(self) -> None:
        if self.unlocked and self._source is not self.ws.moods.newest_first():
            self._stale = set(TABS)
            self._reset_year(keep=True)
            self.redraw()

    def on_resize(self) -> None:
        self._stale = set(TABS)
        self.call_after_refresh(self.redraw)

    # -- state ------------------------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.host.clock().date()

    @property
    def first_weekday(self) -> int:
        return self.ws.settings.value.week_start

    @property
    def index(self) -> MoodIndex:
        checkins = self.ws.moods.newest_first()
        if checkins is not self._source:
            self._source = checkins
            self._index = MoodIndex(checkins)
        return self._index

    @property
    def tab(self) -> str:
        active = self.query_one(TabbedContent).active
        return next((name for name, pane in TABS.items() if pane == active), "summary")

    @property
    def window(self) -> Window:
        return window(self.kind, self.today, self.range_offset, self.first_weekday, self.index.first_day)

    # -- actions ----------------------------------------------------------------------------------

    OPENS: ClassVar[frozenset[str]] = frozenset(TABS)

    def open_for(self, what: str, came_from: str) -> None:
        self.show_tab(what, came_from)

    def refresh_data(self) -> None:
        self._stale = set(TABS)
        self.redraw()

    def show_tab(self, name: str, back_to: str = "") -> None:
        """Open a tab (from the app: ``t`` in the Mood pane, the palette); escape then goes back."""
        self.back_to = back_to
        self.refresh_bindings()
        if name in TABS:
            self.action_tab(name)

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = TABS[name]
        self.redraw()
        self.query_one(FOCUS[name]).focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self.redraw()
        self.refresh_bindings()

    def action_range(self, kind: str) -> None:
        if kind not in RANGES:
            return
        if kind != self.kind:
            self.kind, self.range_offset = kind, 0
        elif self.range_offset:
            self.range_offset = 0  # the same key again comes back to now
        else:
            return
        self._stale = set(TABS) - {"year"}
        self.redraw()

    def action_shift(self, step: int) -> None:
        if self.kind == "all":
            self.notify("All time already shows everything; w, m, q or y pick a shorter range.", timeout=3)
            return
        if step > 0 and self.range_offset >= 0:
            self.notify(f"This is the current {RANGE_NAMES[self.kind].lower()}.", timeout=2)
            return
        first = self.index.first_day
        if step < 0 and (first is None or self.window.first <= first):
            self.notify("That is as far back as your check-ins go.", timeout=2)
            return
        self.range_offset += step
        self._stale = set(TABS) - {"year"}
        self.redraw()

    def action_back(self) -> None:
        if self.back_to:
            target, self.back_to = self.back_to, ""
            self.app.switch_mode(target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return bool(self.back_to)
        return not (action in ("range", "shift") and self.tab == "year")

    # -- drawing ----------------------------------------------------------------------------------

    def redraw(self) -> None:
        if not self.unlocked:
            return
        self._draw_range_bar()
        tab = self.tab
        if tab in self._stale:
            self._stale.discard(tab)
            draw: dict[str, Callable[[], None]] = {
                "summary": self._draw_summary, "chart": self._draw_chart, "year": self._draw_year,
                "patterns": self._draw_patterns, "better": self._draw_better,
            }
            draw[tab]()

    def _draw_range_bar(self) -> None:
        label = self.query_one("#range-label", Static)
        keys = self.query_one("#range-keys", Static)
        if self.tab == "year":
            label.update(f"[b]Year in pixels[/] · {self.query_one(YearPixels).year}")
            keys.update("[dim]←→ day · ↑↓ month · pgup/pgdn year[/]")
            return
        win = self.window
        label.update(f"[b]{RANGE_NAMES[self.kind]}[/] · {win.label}")
        parts = []
        for kind, key in RANGE_KEYS.items():
            name = RANGE_NAMES[kind].lower().replace("all time", "all")
            parts.append(f"[reverse] {key} {name} [/]" if kind == self.kind else f"[b]{key}[/] [dim]{name}[/]")
        move = "" if self.kind == "all" else "  [dim]← → move[/]"
        keys.update(" ".join(parts) + move)

    def _empty(self) -> bool:
        return len(self.ws.moods) == 0

    def _draw_summary(self) -> None:
        text = self.query_one("#summary-text", Static)
        if self._empty():
            text.update(EMPTY_VAULT)
            return
        idx, win = self.index, self.window
        text.update(summary_text(
            f"{RANGE_NAMES[self.kind]} · {win.label}",
            week_vs_last(idx, self.today, self.first_weekday),
            summarize(idx, win.first, win.last),
            by_weekday(idx, win.first, win.last, self.first_weekday),
            by_time_of_day(idx, win.first, win.last),
            emotions_felt(idx, win.first, win.last),
            better_days(idx, win.first, win.last),
        ))

    def _draw_chart(self) -> None:
        idx, win = self.index, self.window
        data = series(idx, win, self.first_weekday)
        if self._empty():
            message = EMPTY_VAULT
        else:
            back = "" if self.kind == "all" else " ← goes further back;"
            message = f"No check-ins in {win.label}.{back} a shows all time."
        self.query_one(MoodChart).show(data, self.today, message)
        line = self.app.theme_variables.get("primary", "bold")
        self.query_one("#chart-legend", Static).update("" if data.empty else legend(data, line))
        self.query_one("#chart-summary", Static).update(
            "" if data.empty else summarize(idx, win.first, win.last).sentence())

    def _reset_year(self, keep: bool = False) -> None:
        pixels = self.query_one(YearPixels)
        idx, today = self.index, self.today
        first_year = min(idx.first_day.year, today.year) if idx.first_day else today.year
        limits = GridLimits(date(first_year, 1, 1), date(today.year, 12, 31))
        if keep:
            selected = pixels.selected
        elif idx.last_day and idx.last_day.year < today.year:
            selected = idx.last_day  # nothing this year yet: start where the check-ins are
        else:
            selected = today
        pixels.show(selected, today, limits)

    def _draw_year(self) -> None:
        self._show_day(self.query_one(YearPixels).selected)

    @on(YearPixels.Selected)
    def _day_selected(self, event: YearPixels.Selected) -> None:
        self._show_day(event.day)
        self._draw_range_bar()

    def _show_day(self, day: date) -> None:
        if not self.unlocked:
            return
        items = self.index.by_day.get(day, [])
        self.query_one("#pixel-day", Static).update(day_text(day, items, self.today))

    def _draw_patterns(self) -> None:
        idx, win = self.index, self.window
        empty = self.query_one("#patterns-empty", Static)
        has_data = bool(idx.days_between(win.first, win.last))
        empty.display = not has_data
        self.query_one("#patterns-grid").display = has_data
        if not has_data:
            empty.update(EMPTY_VAULT if self._empty() else f"No check-ins in {win.label}. ← goes further back; "
                         "a shows all time.")
            return
        width = self.size.width - 8  # the pane's padding and a scrollbar
        if self.size.width >= 110:  # two columns (see trends.tcss)
            width = (width - 4) // 2
        self.query_one("#weekday", Static).update(
            average_bars("By weekday", by_weekday(idx, win.first, win.last, self.first_weekday), width, "day", 17))
        self.query_one("#timeofday", Static).update(
            average_bars("By time of day", by_time_of_day(idx, win.first, win.last), width, "check-in", 17))
        self.query_one("#emotions", Static).update(emotion_bars(emotions_felt(idx, win.first, win.last), width))

    def _draw_better(self) -> None:
        idx, win = self.index, self.window
        text = self.query_one("#better-text", Static)
        if self._empty():
            text.update(EMPTY_VAULT)
            return
        text.update(better_days_text(better_days(idx, win.first, win.last), min(110, self.size.width - 8)))


PANE = InsightsScreen
