"""Benchmark figures for issue 4, mood trends (registered in benchmarks.run as "insights").

* ``insights_ms`` (target ≤ 100 ms): on the 10-year vault, already unlocked, right after a
  save (nothing cached): group every check-in by day (``MoodIndex``) and compute everything
  the Insights summary shows over *all time* — this week vs last, the summary, by weekday,
  by time of day, emotions most felt, what goes with better days — plus the year-in-pixels
  data and the mood-over-time series for all time.
* ``chart_switch_ms`` (target ≤ 50 ms): the real app (headless ``run_test``, 120×40),
  Insights pane on "Mood over time": one range key pressed (w, m, q, y, a in turn) until the
  chart is drawn again. CPU time of the process, as ``journal_keystroke_ms`` does (Pilot's
  idle detection sleeps between keys); the wall-clock time is ``chart_switch_wall_ms``.
* ``year_pixels_ms`` (target ≤ 100 ms): the same app on "Year in pixels": page up / page
  down to another year — its pixels computed and the grid drawn. CPU time.
* ``daylio_import_rows_per_s`` (reported, no target): a 5,000-row Daylio CSV (current
  layout; 1–3 entries a day, activities with emoji, notes with ``<br>`` and quotes) read,
  checked and imported in one transaction into a copy of the 10-year vault; and its
  ``daylio_import_ms``.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from datetime import date, timedelta

INSIGHTS_TARGET_MS = 100
SWITCH_TARGET_MS = 50
PIXELS_TARGET_MS = 100
DAYLIO_ROWS = 5_000
RANGE_KEYS = ("w", "m", "q", "y", "a")
KINDS = {"w": "week", "m": "month", "q": "quarter", "y": "year", "a": "all"}


def measure_insights(b) -> list:
    return _core(b) + asyncio.run(_app(b)) + _daylio(b)


def _core(b) -> list:
    from benchmarks.run import info, judged, ms
    from companion_tui.core.insights import patterns as pat
    from companion_tui.core.insights import trends as ins
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths

    home = b.copy(b.years, "insights")
    vault = LockedVault.open(Paths(home))
    samples, series_samples = [], []
    try:
        ws = vault.unlock(b.secret, clock=b.clock)
        moods, today, fw = ws.moods, b.today, ws.settings.value.week_start
        for _ in b.runs():
            moods._sorted = None  # as after a save
            t0 = time.perf_counter()
            index = ins.MoodIndex(moods.newest_first())
            win = ins.window("all", today, 0, fw, index.first_day)
            ins.week_vs_last(index, today, fw)
            ins.summarize(index, win.first, win.last)
            pat.by_weekday(index, win.first, win.last, fw)
            pat.by_time_of_day(index, win.first, win.last)
            pat.emotions_felt(index, win.first, win.last)
            better = pat.better_days(index, win.first, win.last)
            ins.year_pixels(index, today.year)
            t1 = time.perf_counter()
            for kind in ins.RANGES:
                ins.series(index, ins.window(kind, today, 0, fw, index.first_day), fw)
            t2 = time.perf_counter()
            samples.append(ms(t2 - t0))
            series_samples.append(ms(t2 - t1) / len(ins.RANGES))
        n, days, tags = len(moods), len(index.days), len(better)
        ws.lock()
    finally:
        vault.close()
    detail = (f"{n:,} check-ins on {days:,} days, {tags} tags ({b.years:g} years): index, summary, weekday, "
              "time of day, emotions, better days, year pixels and all five chart series")
    return [
        judged("insights_ms", b.kept(samples), "ms", INSIGHTS_TARGET_MS, detail),
        info("insights_series_ms", b.kept(series_samples), "ms", "one chart series (mean of week … all time)"),
    ]


async def _app(b) -> list:
    from benchmarks.run import info, judged, ms
    from companion_tui.paths import Paths
    from companion_tui.tui.app import CompanionApp
    from companion_tui.tui.panes.insights import InsightsScreen
    from companion_tui.tui.widgets.trend_chart import MoodChart
    from companion_tui.tui.widgets.trend_pixels import YearPixels
    from companion_tui.vault import FLOOR_PARAMS

    home = b.copy(b.years, "insights-app")
    app = CompanionApp(Paths(home), clock=b.clock, kdf_params=FLOOR_PARAMS)
    switches, walls, pixels = [], [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*b.secret, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen), screen
        chart = screen.query_one(MoodChart)
        for _ in b.runs():
            run_cpu, run_wall = [], []
            for key in RANGE_KEYS:
                c0, t0 = time.process_time(), time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                run_cpu.append(ms(time.process_time() - c0))
                run_wall.append(ms(time.perf_counter() - t0))
                assert chart.series is not None and chart.series.window.kind == KINDS[key], key
            switches.append(statistics.median(run_cpu))
            walls.append(statistics.median(run_wall))
        await pilot.press("3")
        await pilot.pause()
        grid = screen.query_one(YearPixels)
        for i in b.runs():
            key = "pageup" if i % 2 == 0 else "pagedown"
            year = grid.year
            c0 = time.process_time()
            await pilot.press(key)
            await pilot.pause()
            pixels.append(ms(time.process_time() - c0))
            assert grid.year != year, (key, year)
    detail = f"real app (run_test, 120×40), {b.years:g}-year vault"
    return [
        judged("chart_switch_ms", b.kept(switches), "ms", SWITCH_TARGET_MS,
               f"CPU: a range key (w m q y a) pressed → chart computed and drawn; {detail}"),
        info("chart_switch_wall_ms", b.kept(walls), "ms", "the same, wall clock (includes Pilot's idle wait)"),
        judged("year_pixels_ms", b.kept(pixels), "ms", PIXELS_TARGET_MS,
               f"CPU: page up/down → another year's pixels computed and the grid drawn; {detail}"),
    ]


ACTIVITIES = ("walk", "friends", "work", "reading", "gym 💪", "family", "cooking", "5k run", "good sleep",
              "🎮", "music", "shopping")
LABELS = ("rad", "good", "good", "meh", "meh", "bad", "awful")
NOTES = ("", "", "", 'Long day.<br>Tea with Sam, who said ""hang in there"".', "Calmer after the walk 🌿",
         "Felt off this morning, better by the evening.", "Привет — a note in any script.")


def daylio_csv(rows: int, last_day: date, seed: int = 4) -> bytes:
    """A Daylio export (current layout, newest first) with ``rows`` entries ending on ``last_day``."""
    rnd = random.Random(seed)
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    day = last_day
    while len(lines) <= rows:
        for _ in range(min(rnd.choice((1, 1, 2, 3)), rows + 1 - len(lines))):
            hour, minute = rnd.randrange(7, 23), rnd.randrange(60)
            clock = f"{(hour - 1) % 12 + 1}:{minute:02d} {'PM' if hour >= 12 else 'AM'}" if rnd.random() < 0.5 \
                else f"{hour:02d}:{minute:02d}"
            acts = " | ".join(rnd.sample(ACTIVITIES, rnd.randrange(0, 4)))
            note = rnd.choice(NOTES)
            title = "Evening" if note and rnd.random() < 0.3 else ""
            lines.append(f'{day:%Y-%m-%d},{day:%B} {day.day},{day:%A},{clock},{rnd.choice(LABELS)},"{acts}",'
                         f'"{title}","{note}"')
        day -= timedelta(days=1)
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def _daylio(b) -> list:
    from benchmarks.run import info
    from companion_tui.core.exchange.daylio import import_daylio, parse
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths

    data = daylio_csv(DAYLIO_ROWS, b.today - timedelta(days=1))
    seconds = []
    for i in b.runs():
        home = b.copy(b.years, f"daylio-{i}")
        vault = LockedVault.open(Paths(home))
        try:
            ws = vault.unlock(b.secret, clock=b.clock)
            t0 = time.perf_counter()
            result = import_daylio(ws, parse(data, b.clock()))
            seconds.append(time.perf_counter() - t0)
            assert len(result.new) == DAYLIO_ROWS, len(result.new)
            ws.lock()
        finally:
            vault.close()
    kept = b.kept(seconds)
    rates = [DAYLIO_ROWS / s for s in kept]
    detail = (f"{DAYLIO_ROWS:,}-row Daylio CSV: read, checked, imported in one transaction into the "
              f"{b.years:g}-year vault")
    return [
        info("daylio_import_rows_per_s", rates, "rows/s", detail),
        info("daylio_import_ms", [s * 1000 for s in kept], "ms", detail),
    ]
