"""core.insights: every number checked against a small data set worked out by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from companion_tui.core.insights.trends import (
    MoodIndex,
    daily_means,
    move_day,
    rolling_means,
    series,
    summarize,
    week_vs_last,
    window,
    year_pixels,
)
from companion_tui.core.moods.checkins import CheckIn

TZ = timezone(timedelta(hours=1))


def ci(day: str, time: str, score: int, emotions=(), tags=()) -> CheckIn:
    at = datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=TZ)
    return CheckIn(id=f"{day}{time}", version=1, score=score, at=at, emotions=tuple(emotions), tags=tuple(tags))


# Mon 2 Mar 2026 .. Mon 9 Mar, with a lead-in on 27 Feb and 1 Mar.
#   Feb 27 Fri: 2          Mar 1 Sun: 10
#   Mar 2 Mon: 4 and 8 -> mean 6, range 4..8     Mar 3 Tue: 5     Mar 4 Wed: -
#   Mar 5 Thu: 7           Mar 6 Fri: 3          Mar 7 Sat: -     Mar 8 Sun: -
#   Mar 9 Mon: 9
A = [
    ci("2026-02-27", "10:00", 2),
    ci("2026-03-01", "10:00", 10),
    ci("2026-03-02", "09:00", 4),
    ci("2026-03-02", "21:00", 8),
    ci("2026-03-03", "12:30", 5),
    ci("2026-03-05", "18:00", 7),
    ci("2026-03-06", "23:00", 3),
    ci("2026-03-09", "08:00", 9),
]


def test_index_groups_by_local_day_with_mean_and_range() -> None:
    index = MoodIndex(A)
    s = index.stats[date(2026, 3, 2)]
    assert (s.mean, s.low, s.high, s.n) == (6.0, 4, 8, 2)
    assert len(index) == 8
    assert (index.first_day, index.last_day) == (date(2026, 2, 27), date(2026, 3, 9))
    assert index.days_between(date(2026, 3, 3), date(2026, 3, 6)) == [date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 6)]
    assert index.mean_of_days(date(2026, 3, 2), date(2026, 3, 8)) == (5.25, 4)  # (6 + 5 + 7 + 3) / 4
    assert index.mean_of_days(date(2026, 3, 7), date(2026, 3, 8)) == (None, 0)


def test_the_day_is_the_check_ins_own_local_date() -> None:
    tokyo = timezone(timedelta(hours=9))
    late = CheckIn(id="x", version=1, score=5, at=datetime(2026, 3, 2, 23, 30, tzinfo=tokyo))
    assert MoodIndex([late]).days == [date(2026, 3, 2)]


def test_daily_means_leave_gaps_as_none() -> None:
    assert daily_means(MoodIndex(A), date(2026, 3, 2), date(2026, 3, 8)) == [6.0, 5.0, None, 7.0, 3.0, None, None]


def test_rolling_means_skip_gaps_and_need_enough_values() -> None:
    values = [1, None, 3, 5, None, None, None, None, None, 7]
    assert rolling_means(values, size=3, min_count=2) == [None, None, 2.0, 4.0, 4.0, None, None, None, None, None]
    assert rolling_means([], 7, 3) == []
    assert rolling_means([4, 6, 8], size=7, min_count=3) == [None, None, 6.0]


def test_week_series_hand_computed() -> None:
    win = window("week", date(2026, 3, 8))
    s = series(MoodIndex(A), win)
    assert s.bucket == "day" and s.rolling_label == "7-day average"
    assert [p.start for p in s.points] == [date(2026, 3, 2) + timedelta(days=i) for i in range(7)]
    assert [p.mean for p in s.points] == [6.0, 5.0, None, 7.0, 3.0, None, None]
    assert [p.low for p in s.points] == [4, 5, None, 7, 3, None, None]
    assert [p.high for p in s.points] == [8, 5, None, 7, 3, None, None]
    assert [p.n for p in s.points] == [2, 1, 0, 1, 1, 0, 0]
    # Rolling 7-day (at least 3 days with check-ins), looking back before the window:
    #   Mar 2: 2, 10, 6 -> 6.0     Mar 3: 2, 10, 6, 5 -> 5.75     Mar 4: same days -> 5.75
    #   Mar 5: 2, 10, 6, 5, 7 -> 6.0    Mar 6: 10, 6, 5, 7, 3 -> 6.2
    #   Mar 7, 8: still >= 3 days in the window, but after the last check-in (Mar 6 in an index ending there)
    assert s.points[0].rolling == pytest.approx(6.0)
    assert [p.rolling for p in s.points[1:5]] == pytest.approx([5.75, 5.75, 6.0, 6.2])
    assert s.points[5].rolling is not None  # Mar 9 exists, so Mar 7 keeps its average (10, 6, 5, 7, 3)
    upto_6 = series(MoodIndex(A[:-1]), win)
    assert [p.rolling for p in upto_6.points[5:]] == [None, None]  # never drawn past the last check-in


def test_a_two_month_gap_stays_a_gap() -> None:
    items = [ci(f"2026-01-{d:02d}", "12:00", 6) for d in range(1, 11)] + [ci("2026-03-20", "12:00", 8)]
    s = series(MoodIndex(items), window("quarter", date(2026, 3, 25)))
    means = {p.start: p.mean for p in s.points}
    rolling = {p.start: p.rolling for p in s.points}
    assert all(means[date(2026, 1, 11) + timedelta(days=i)] is None for i in range(68))
    # The average carries 4 days past Jan 10 (3 of the last 7 days still had check-ins), then stops.
    assert rolling[date(2026, 1, 14)] == 6.0 and rolling[date(2026, 1, 15)] is None
    assert all(rolling[date(2026, 1, 15) + timedelta(days=i)] is None for i in range(70))
    assert means[date(2026, 3, 20)] == 8.0 and rolling[date(2026, 3, 20)] is None  # one day alone has no average


def test_empty_and_single_check_in_series() -> None:
    today = date(2026, 11, 25)
    empty = series(MoodIndex([]), window("month", today))
    assert empty.empty and len(empty.points) == 30 and all(p.rolling is None for p in empty.points)
    one = series(MoodIndex([ci("2026-11-20", "09:00", 7)]), window("month", today))
    assert [p.mean for p in one.points if p.mean is not None] == [7.0]
    assert all(p.rolling is None for p in one.points)


def test_windows_move_by_calendar_periods() -> None:
    today = date(2026, 11, 25)  # a Wednesday
    w = window("week", today)
    assert (w.first, w.last, w.label) == (date(2026, 11, 23), date(2026, 11, 29), "23–29 Nov 2026")
    assert window("week", today, first_weekday=6).first == date(2026, 11, 22)
    assert window("week", today, -1).first == date(2026, 11, 16)
    assert window("week", date(2027, 1, 1)).label == "28 Dec 2026 – 3 Jan 2027"
    assert window("week", date(2026, 12, 1)).label == "30 Nov – 6 Dec 2026"
    m = window("month", date(2026, 1, 15), -1)
    assert (m.first, m.last, m.label) == (date(2025, 12, 1), date(2025, 12, 31), "December 2025")
    assert window("month", date(2024, 3, 31), -1).last == date(2024, 2, 29)
    q = window("quarter", today)
    assert (q.first, q.last, q.label) == (date(2026, 10, 1), date(2026, 12, 31), "Oct–Dec 2026")
    assert window("quarter", today, -1).label == "Jul–Sep 2026"
    assert window("quarter", today, -4).first == date(2025, 10, 1)
    y = window("year", today, -2)
    assert (y.first, y.last, y.label, y.days) == (date(2024, 1, 1), date(2024, 12, 31), "2024", 366)
    a = window("all", today, -3, earliest=date(2019, 3, 2))
    assert (a.first, a.last, a.offset) == (date(2019, 3, 2), today, 0)
    assert a.label == "since 2 Mar 2019"
    assert window("all", today).first == today
    with pytest.raises(ValueError):
        window("decade", today)


def test_all_time_over_a_long_span_is_weekly() -> None:
    items = [
        ci("2024-01-01", "09:00", 4),  # Monday
        ci("2024-01-03", "09:00", 6),
        ci("2024-01-03", "19:00", 8),  # Jan 3 mean 7
        ci("2024-01-08", "09:00", 9),
        ci("2025-06-30", "09:00", 5),
    ]
    index = MoodIndex(items)
    win = window("all", date(2025, 6, 30), earliest=index.first_day)
    s = series(index, win)
    assert s.bucket == "week" and s.rolling_label == "4-week average"
    first, second = s.points[:2]
    assert (first.start, first.end) == (date(2024, 1, 1), date(2024, 1, 7))
    assert (first.mean, first.low, first.high, first.n) == (5.5, 4, 7, 3)  # mean of day means 4 and 7
    assert first.rolling is None  # one week with data of the 4
    assert second.rolling == pytest.approx((5.5 + 9) / 2)
    assert s.points[2].mean is None


def test_all_time_over_years_is_monthly() -> None:
    items = [ci("2020-01-15", "09:00", 2), ci("2020-01-20", "09:00", 4), ci("2020-03-02", "09:00", 6),
             ci("2024-06-01", "09:00", 5)]
    index = MoodIndex(items)
    s = series(index, window("all", date(2024, 6, 1), earliest=index.first_day))
    assert s.bucket == "month" and s.rolling_label == "3-month average"
    jan, feb, mar = s.points[:3]
    assert (jan.start, jan.end, jan.mean, jan.low, jan.high, jan.n) == (date(2020, 1, 1), date(2020, 1, 31), 3.0, 2, 4, 2)
    assert feb.mean is None and feb.rolling is None
    assert jan.rolling is None and mar.rolling == pytest.approx(4.5)  # (3 + 6) / 2: 2 of the 3 months
    assert s.points[-1].start == date(2024, 6, 1) and s.points[-1].mean == 5.0


def test_year_pixels_every_day_of_the_year() -> None:
    pixels = year_pixels(MoodIndex(A), 2026)
    assert len(pixels) == 365 and len(year_pixels(MoodIndex(A), 2024)) == 366
    assert pixels[date(2026, 3, 2)] == 6.0
    assert pixels[date(2026, 3, 4)] is None
    assert pixels[date(2026, 12, 31)] is None


def test_moving_the_selected_day() -> None:
    assert move_day(date(2026, 3, 31), "up") == date(2026, 2, 28)
    assert move_day(date(2024, 1, 31), "down") == date(2024, 2, 29)
    assert move_day(date(2026, 12, 31), "right") == date(2027, 1, 1)
    assert move_day(date(2026, 12, 15), "down") == date(2027, 1, 15)
    assert move_day(date(2026, 1, 1), "left") == date(2025, 12, 31)


def test_summary_of_a_period() -> None:
    s = summarize(MoodIndex(A), date(2026, 3, 2), date(2026, 3, 8))
    assert (s.checkins, s.days, s.mean, s.low, s.high) == (5, 4, 5.25, 3, 8)
    assert s.sentence() == "5 check-ins on 4 days; average mood 5.2, from 3 to 8."
    assert summarize(MoodIndex(A), date(2026, 3, 7), date(2026, 3, 8)).sentence() == "No check-ins in this period."
    one = summarize(MoodIndex([ci("2026-03-07", "09:00", 6)]), date(2026, 3, 1), date(2026, 3, 31))
    assert one.sentence() == "1 check-in on 1 day; average mood 6.0."


def test_this_week_against_last_week() -> None:
    versus = week_vs_last(A, date(2026, 3, 11))  # Wed; this week Mar 9-15, last week Mar 2-8
    assert (versus.this_mean, versus.this_days, versus.last_mean, versus.last_days) == (9.0, 1, 5.25, 4)
    assert versus.difference == pytest.approx(3.75)
    assert "above last week's" in versus.sentence()
    # Sunday-first weeks: this week Mar 8-14 (9), last week Mar 1-7 (10, 6, 5, 7, 3 -> 6.2)
    sunday = week_vs_last(MoodIndex(A), date(2026, 3, 11), first_weekday=6)
    assert (sunday.this_mean, sunday.last_mean, sunday.last_days) == (9.0, pytest.approx(6.2), 5)
    same = week_vs_last([ci("2026-03-03", "09:00", 6), ci("2026-03-10", "09:00", 6)], date(2026, 3, 10))
    assert same.sentence() == "Mood this week 6.0, about the same as last week's 6.0."
    lower = week_vs_last([ci("2026-03-03", "09:00", 7), ci("2026-03-10", "09:00", 6)], date(2026, 3, 10))
    assert lower.sentence() == "Mood this week 6.0, a little below last week's 7.0."
    assert week_vs_last([], date(2026, 3, 10)).sentence() == "No check-ins this week or last yet."
    only_last = week_vs_last([ci("2026-03-03", "09:00", 7)], date(2026, 3, 10))
    assert only_last.sentence() == "Mood last week: 7.0 on average; none yet this week."
    assert only_last.difference is None
