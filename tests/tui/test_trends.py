"""Insights pane (i) and the Trends view: ranges, moving windows, the year grid, patterns and
better days, driven by key presses on the real app and vault, checked on screen."""

from __future__ import annotations

from datetime import date, timedelta

from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.tui.panes.insights import InsightsScreen
from companion_tui.tui.widgets.trend_chart import MoodChart
from companion_tui.tui.widgets.trend_pixels import YearPixels

from .conftest import screen_text, unlock

WIDE = (120, 40)
NARROW = (80, 24)


def at(clock, day: date, hour: int):
    return clock.now.replace(year=day.year, month=day.month, day=day.day, hour=hour, minute=0)


def seed(app, clock) -> None:
    """Today is Wed 25 Nov 2026. November (with walk on 3 days, work on 3) and, before a
    two-month gap, one check-in on 10 Sep."""
    add = app.workspace.moods.add
    for day, hour, score, tags, emotions in (
        (date(2026, 11, 23), 9, 6, ("walk",), ("calm",)),
        (date(2026, 11, 23), 21, 8, (), ()),
        (date(2026, 11, 24), 12, 7, ("walk",), ("calm", "grateful")),
        (date(2026, 11, 20), 19, 5, ("work",), ("anxious",)),
        (date(2026, 11, 18), 19, 9, ("walk",), ()),
        (date(2026, 11, 16), 19, 4, ("work",), ()),
        (date(2026, 11, 10), 19, 5, ("work",), ("floaty",)),
        (date(2026, 9, 10), 19, 3, (), ()),
    ):
        add(CheckInDraft(score=score, at=at(clock, day, hour), tags=tags, emotions=emotions))


async def open_insights(pilot) -> InsightsScreen:
    await pilot.press("i")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, InsightsScreen)
    return screen


async def keys(pilot, *names: str) -> None:
    for name in names:
        await pilot.press(name)
        await pilot.pause()


def chart(app) -> MoodChart:
    return app.screen.query_one(MoodChart)


async def test_empty_vault_renders_calmly_everywhere(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await open_insights(pilot)
        assert "No check-ins yet" in screen_text(app)
        assert "Month · November 2026" in screen_text(app)
        await keys(pilot, "2")
        assert "No check-ins yet" in screen_text(app) and chart(app).series.empty
        await keys(pilot, "3")
        text = screen_text(app)
        assert "Jan" in text and "Dec" in text and "No check-in on this day." in text
        await keys(pilot, "4")
        assert "No check-ins yet" in screen_text(app)
        await keys(pilot, "5")
        assert "No check-ins yet" in screen_text(app)


async def test_switch_ranges_and_move_the_window(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await unlock(pilot)
        seed(app, clock)
        screen = await open_insights(pilot)
        await keys(pilot, "2")
        assert app.focused is screen.query_one("#chart-box")
        text = screen_text(app)
        assert "Month · November 2026" in text
        assert "7 check-ins on 6 days; average mood 6.2, from 4 to 9." in text  # (7+7+5+9+4+5)/6
        assert "7-day average" in text and "1 Nov" in text
        assert chart(app).series.window.kind == "month"

        await keys(pilot, "w")
        text = screen_text(app)
        assert "Week · 23–29 Nov 2026" in text
        assert "Mon 23" in text and "Sun 29" in text  # the week's day labels under the chart
        assert "3 check-ins on 2 days; average mood 7.0, from 6 to 8." in text
        points = chart(app).series.points
        assert [p.mean for p in points] == [7.0, 7.0, None, None, None, None, None]
        assert (points[0].low, points[0].high) == (6, 8)  # the day's range, two check-ins

        await keys(pilot, "left")
        assert "Week · 16–22 Nov 2026" in screen_text(app)
        assert "2 check-ins on 2 days; average mood 4.5, from 4 to 5." not in screen_text(app)
        assert "3 check-ins on 3 days; average mood 6.0, from 4 to 9." in screen_text(app)
        await keys(pilot, "right", "right")
        assert "Week · 23–29 Nov 2026" in screen_text(app)
        assert "This is the current week." in screen_text(app)

        await keys(pilot, "q")
        assert "Quarter · Oct–Dec 2026" in screen_text(app)
        await keys(pilot, "y")
        assert "Year · 2026" in screen_text(app) and "Jan" in screen_text(app)
        await keys(pilot, "a")
        assert "All time · since 10 Sep 2026" in screen_text(app)
        await keys(pilot, "left")
        assert "All time already shows everything" in screen_text(app)

        # The two-month gap: October has nothing, and says so; September has its one day.
        await keys(pilot, "m", "left")
        assert "Month · October 2026" in screen_text(app)
        assert "No check-ins in October 2026." in screen_text(app)
        await keys(pilot, "left")
        assert "1 check-in on 1 day; average mood 3.0." in screen_text(app)
        await keys(pilot, "left")
        assert "as far back as your check-ins go" in screen_text(app)
        assert "Month · September 2026" in screen_text(app)
        await keys(pilot, "m")  # the same range key again comes back to now
        assert "Month · November 2026" in screen_text(app)


async def test_quarter_keeps_the_gap_as_a_gap(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        seed(app, clock)
        await open_insights(pilot)
        await keys(pilot, "2", "q", "left")  # Jul–Sep
        await keys(pilot, "right")
        series = chart(app).series
        assert series.window.label == "Oct–Dec 2026"
        october = [p for p in series.points if p.start.month == 10]
        assert all(p.mean is None and p.rolling is None for p in october)
        assert all(p.rolling is None for p in series.points if p.start > date(2026, 11, 25))


async def test_year_grid_moves_and_shows_the_day(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        seed(app, clock)
        screen = await open_insights(pilot)
        await keys(pilot, "3")
        grid = screen.query_one(YearPixels)
        assert app.focused is grid
        assert grid.selected == date(2026, 11, 25)
        text = screen_text(app)
        assert "Year in pixels · 2026" in text and "Wednesday 25 November 2026" in text
        assert "No check-in on this day." in text and "◆" in text
        await keys(pilot, "left")
        text = screen_text(app)
        assert grid.selected == date(2026, 11, 24)
        assert "Tuesday 24 November 2026" in text and "12:00  7/10  calm, grateful  #walk" in text
        await keys(pilot, "left")
        text = screen_text(app)
        assert "Mood 7.0 · 2 check-ins, 6 to 8" in text and "21:00  8/10" in text
        await keys(pilot, "up", "up")
        assert grid.selected == date(2026, 9, 23)
        await keys(pilot, *["left"] * 13)
        assert grid.selected == date(2026, 9, 10) and "Thursday 10 September 2026" in screen_text(app)
        await keys(pilot, "down", "down", "down", "down")  # December is the last month there is
        assert grid.selected == date(2026, 12, 10) and "Still to come." in screen_text(app)
        await keys(pilot, "pageup")  # no check-ins before 2026: nowhere to go
        assert grid.selected == date(2026, 12, 10)
        await keys(pilot, "home")
        assert grid.selected == date(2026, 9, 10)
        await keys(pilot, "end")
        assert grid.selected == date(2026, 11, 24)
        # Range keys don't apply here: the app's own keys (m for Mood) work instead.
        await keys(pilot, "m")
        assert app.current_mode == "mood"


async def test_year_grid_at_80x24_fits_with_the_day_below(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        seed(app, clock)
        await open_insights(pilot)
        await keys(pilot, "3", "left")
        text = screen_text(app)
        for month in ("Jan", "Jun", "Dec"):
            assert f"\n{month}" in text or f" {month}" in text
        assert "no check-in" in text  # the colour key
        assert "Tuesday 24 November 2026" in text


async def test_patterns_and_better_days(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        seed(app, clock)
        await open_insights(pilot)
        await keys(pilot, "4")
        text = screen_text(app)
        assert "By weekday" in text and "By time of day" in text and "Emotions most felt" in text
        # Mondays in November: 23rd (7) and 16th (4) -> 5.5 over 2 days
        assert any("Mon" in line and "5.5" in line and "2 days" in line for line in text.splitlines())
        assert "Pleasant" in text and "Unpleasant" in text and "Your own words" in text
        assert "calm" in text and "anxious" in text and "floaty" in text
        await keys(pilot, "5")
        text = " ".join(screen_text(app).split())
        assert "not causes" in text
        # walk: 23rd (7), 24th (7), 18th (9) -> 7.7; without: 20th (5), 16th (4), 10th (5) -> 4.7
        assert "Days with walk averaged 7.7 vs 4.7 without (3 vs 3 days)." in text
        assert "Days with work averaged 4.7 vs 7.7 without (3 vs 3 days)." in text
        assert text.index("with walk") < text.index("with work")  # sorted: better days first
        await keys(pilot, "w")
        text = " ".join(screen_text(app).split())
        assert "Not enough data yet" in text and "walk (2 with, 0 without)" in text


async def test_summary_and_it_follows_new_check_ins(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        seed(app, clock)
        await open_insights(pilot)
        text = " ".join(screen_text(app).split())
        assert "Mood this week 7.0, a little above last week's 6.0." in text  # 16-22 Nov: 4, 9, 5
        assert "7 check-ins on 6 days; average mood 6.2, from 4 to 9." in text
        assert "Went with better days: walk (+3.0)." in text and "Went with harder days: work (−3.0)." in text
        await keys(pilot, "d")
        app.workspace.moods.add(CheckInDraft(score=10, at=clock.now - timedelta(minutes=5)))
        await keys(pilot, "i")
        assert "8 check-ins on 7 days" in " ".join(screen_text(app).split())


async def test_trends_from_the_mood_pane_and_back(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        seed(app, clock)
        await keys(pilot, "m")
        app.set_focus(None)  # the form's score field takes digits; t is a pane key
        await keys(pilot, "t")
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.tab == "chart" and app.focused is screen.query_one("#chart-box")
        assert "Back" in screen_text(app)
        await keys(pilot, "escape")
        assert app.current_mode == "mood"


async def test_palette_opens_a_tab(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        seed(app, clock)
        app.action_pane("insights", "year")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen) and app.screen.tab == "year"
        await keys(pilot, "escape")
        assert app.current_mode == "today"
