"""core.insights_patterns: weekday, time of day, emotions and better days on hand-computed data."""

from __future__ import annotations

from datetime import date

import pytest

from companion_tui.core.insights.patterns import (
    CAUTION,
    MIN_DAYS,
    better_days,
    by_time_of_day,
    by_weekday,
    emotions_felt,
    time_of_day,
)
from companion_tui.core.insights.trends import MoodIndex

from .test_insights import A, ci

MAR = (date(2026, 3, 1), date(2026, 3, 31))


def test_by_weekday_averages_day_means() -> None:
    # In Mar 2-9: Mon Mar 2 (6) and Mon Mar 9 (9) -> 7.5; Tue 5; Thu 7; Fri 3; Sun Mar 1 (10) is outside.
    rows = by_weekday(MoodIndex(A), date(2026, 3, 2), date(2026, 3, 9))
    assert [r.label for r in rows] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert [r.mean for r in rows] == [7.5, 5.0, None, 7.0, 3.0, None, None]
    assert [r.n for r in rows] == [2, 1, 0, 1, 1, 0, 0]
    sunday_first = by_weekday(MoodIndex(A), *MAR, first_weekday=6)
    assert [r.label for r in sunday_first][:2] == ["Sun", "Mon"]
    assert (sunday_first[0].mean, sunday_first[0].n) == (10.0, 1)


def test_by_time_of_day_averages_check_ins() -> None:
    # 09:00 4, 08:00 9 -> morning 6.5 | 12:30 5 -> afternoon | 21:00 8, 18:00 7 -> evening 7.5 | 23:00 3 -> night
    rows = by_time_of_day(MoodIndex(A), date(2026, 3, 2), date(2026, 3, 9))
    assert [r.label for r in rows] == ["Morning (5–12)", "Afternoon (12–17)", "Evening (17–22)", "Night (22–5)"]
    assert [r.mean for r in rows] == [6.5, 5.0, 7.5, 3.0]
    assert [r.n for r in rows] == [2, 1, 2, 1]
    assert [time_of_day(h) for h in (0, 4, 5, 11, 12, 16, 17, 21, 22, 23)] == [3, 3, 0, 0, 1, 1, 2, 2, 3, 3]


def test_by_time_of_day_empty_period() -> None:
    rows = by_time_of_day(MoodIndex([]), *MAR)
    assert [(r.mean, r.n) for r in rows] == [(None, 0)] * 4


def test_emotions_split_pleasant_unpleasant_and_own_words() -> None:
    items = [
        ci("2026-03-02", "09:00", 5, emotions=("calm", "anxious")),
        ci("2026-03-02", "20:00", 6, emotions=("calm", "floaty")),
        ci("2026-03-03", "09:00", 4, emotions=("anxious", "tired", "calm")),
        ci("2026-03-04", "09:00", 7),
        ci("2026-04-01", "09:00", 7, emotions=("proud",)),  # outside March
    ]
    felt = emotions_felt(MoodIndex(items), *MAR)  # the shipped vocabulary
    assert [(e.word, e.count) for e in felt.pleasant] == [("calm", 3)]
    assert [(e.word, e.count) for e in felt.unpleasant] == [("anxious", 2), ("tired", 1)]
    assert [(e.word, e.count) for e in felt.other] == [("floaty", 1)]
    assert (felt.checkins, felt.named) == (4, 3)
    custom = emotions_felt(MoodIndex(items), *MAR, vocabulary={"floaty": True})
    assert [e.word for e in custom.pleasant] == ["floaty"]
    assert [e.word for e in custom.other] == ["calm", "anxious", "tired"]  # by count, then alphabetical
    assert emotions_felt(MoodIndex([]), *MAR).empty


# Seven days, one check-in each except D2 (6 with walk, 8 without: the day has walk, mean 7).
#   D1 8 walk | D2 7 walk | D3 6 walk | D4 5 reading | D5 4 friends reading | D6 6 reading | D7 3 friends
#   every day also has "daily"
BETTER = [
    ci("2026-03-01", "09:00", 8, tags=("walk", "daily")),
    ci("2026-03-02", "09:00", 6, tags=("walk", "daily")),
    ci("2026-03-02", "19:00", 8, tags=("daily",)),
    ci("2026-03-03", "09:00", 6, tags=("walk", "daily")),
    ci("2026-03-04", "09:00", 5, tags=("reading", "daily")),
    ci("2026-03-05", "09:00", 4, tags=("friends", "reading", "daily")),
    ci("2026-03-06", "09:00", 6, tags=("reading", "daily")),
    ci("2026-03-07", "09:00", 3, tags=("friends", "daily")),
]


def test_what_goes_with_better_days_hand_computed() -> None:
    rows = better_days(MoodIndex(BETTER), *MAR)
    assert [r.tag for r in rows] == ["walk", "reading", "daily", "friends"]
    walk, reading, daily, friends = rows
    # walk: 8, 7, 6 -> 7.0 | without: 5, 4, 6, 3 -> 4.5
    assert (walk.with_mean, walk.without_mean, walk.with_days, walk.without_days) == (7.0, 4.5, 3, 4)
    assert walk.difference == pytest.approx(2.5)
    assert walk.sentence() == "Days with walk averaged 7.0 vs 4.5 without (3 vs 4 days)."
    # reading: 5, 4, 6 -> 5.0 | without: 8, 7, 6, 3 -> 6.0
    assert (reading.with_mean, reading.without_mean) == (5.0, pytest.approx(6.0))
    assert reading.difference == pytest.approx(-1.0)
    # daily: every day, so nothing to compare with
    assert (daily.enough, daily.without_days, daily.without_mean, daily.difference) == (False, 0, None, None)
    assert friends.enough is False and (friends.with_days, friends.without_days) == (2, 5)
    assert friends.sentence() == (
        "friends: not enough data yet (2 days with it, 5 days without; needs at least 3 of each)."
    )
    assert MIN_DAYS == 3 and "not causes" in CAUTION


def test_better_days_respects_the_period_and_exactly_three() -> None:
    # Mar 1-6 only: walk 3 with / 3 without (5, 4, 6 -> 5.0) is just enough.
    rows = better_days(MoodIndex(BETTER), date(2026, 3, 1), date(2026, 3, 6))
    walk = next(r for r in rows if r.tag == "walk")
    assert (walk.enough, walk.with_days, walk.without_days, walk.without_mean) == (True, 3, 3, 5.0)
    assert better_days(MoodIndex(BETTER), date(2026, 4, 1), date(2026, 4, 30)) == []
