"""Benchmark figures for issue 7 (registered in benchmarks.run).

``goals_week_ms`` (target ≤ 50 ms): on the 10-year vault, already unlocked, everything the
Goals pane does to show a week — the week grid, the streak and strength of every goal in it
(over all of that goal's weeks), the detail text, and drawing the grid widget itself (its
``render`` in a headless Textual app, as the screen does after each tick) — after a tick,
when nothing is cached.

``goals_all_strength_ms`` (≤ 50 ms): the streak and strength of every goal ever, which no
screen needs at once. Informational: ``goals_year_of_weeks_ms`` (52 week grids, as paging back a year with
``[``), and how many goals and ticks the vault holds.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

TARGET_MS = 50


def _grid_renderer():
    """A headless app holding one GoalGrid; returns (run(callable) in it, the widget)."""
    from textual.app import App

    from companion_tui.tui.widgets.goal_grid import GoalGrid

    class GridApp(App):
        def compose(self):
            yield GoalGrid(id="grid")

    return GridApp


def measure_goals(b) -> list:
    from benchmarks.run import info, judged, ms
    from companion_tui.core.goals.weeks import progress, week_grid, week_text
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths
    from companion_tui.tui.widgets.goal_detail import detail_text

    home = b.copy(b.years, "goals")
    vault = LockedVault.open(Paths(home))
    week_samples, all_samples, year_samples = [], [], []
    try:
        ws = vault.unlock(b.secret, clock=b.clock)
        book = ws.goals
        first_weekday = ws.settings.value.week_start
        today = b.today

        async def run() -> None:
            app = _grid_renderer()()
            async with app.run_test(size=(80, 24)):
                widget = app.query_one("#grid")
                for _ in b.runs():
                    t0 = time.perf_counter()
                    grid = week_grid(book, today, first_weekday, today)
                    details = [detail_text(progress(book, row.goal, first_weekday, today)) for row in grid.rows]
                    widget.show(grid)
                    widget.render()
                    week_text(grid)
                    week_samples.append(ms(time.perf_counter() - t0))
                    assert details is not None

        asyncio.run(run())
        for _ in b.runs():
            t0 = time.perf_counter()
            for goal in book.all():
                progress(book, goal, first_weekday, today)
            all_samples.append(ms(time.perf_counter() - t0))
            t0 = time.perf_counter()
            for back in range(52):
                week_grid(book, today - timedelta(weeks=back), first_weekday, today)
            year_samples.append(ms(time.perf_counter() - t0))
        goals, ticks = len(book), book.tick_count()
        rows = len(week_grid(book, today, first_weekday, today).rows)
        ws.lock()
    finally:
        vault.close()
    kept = b.kept(week_samples)
    detail = (f"{goals} goals, {ticks:,} ticks: this week's grid ({rows} rows), each row's streak and strength "
              "over all its weeks, the detail text and the grid widget's render")
    return [
        judged("goals_week_ms", kept, "ms", TARGET_MS, detail),
        judged("goals_all_strength_ms", b.kept(all_samples), "ms", TARGET_MS,
               f"streak and strength of all {goals} goals over 10 years, as no screen needs at once"),
        info("goals_year_of_weeks_ms", b.kept(year_samples), "ms", "52 week grids (paging back a year)"),
        info("goal_ticks_count", [float(ticks)] * len(kept), "ticks", f"in the {b.years:g}-year vault"),
    ]
