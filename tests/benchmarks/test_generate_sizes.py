"""The 25-year size: a heavier user (≈ 4 check-ins a day); every other size as it was."""

from __future__ import annotations

import random
from datetime import date, timedelta

from benchmarks.generate import _slots, checkins_per_day
from benchmarks.life import Life

END = date(2026, 11, 1)


def test_sizes_choose_their_checkins_a_day():
    assert checkins_per_day(25) == 4.0 and checkins_per_day(30) == 4.0
    assert checkins_per_day(10) is None and checkins_per_day(1) is None and checkins_per_day(24.9) is None


def test_a_heavier_life_checks_in_about_four_times_a_day_at_ordered_times():
    first = END - timedelta(days=3 * 365)
    heavy = Life.build(1, first, END, 4.0)
    usual = Life.build(1, first, END)
    per_day = sum(d.checkins for d in heavy.days) / len(heavy.days)
    assert 3.5 <= per_day <= 4.5, per_day
    assert max(d.checkins for d in heavy.days) <= 8
    assert 1.6 <= sum(d.checkins for d in usual.days) / len(usual.days) <= 2.3
    assert max(d.checkins for d in usual.days) <= 5
    # The same days and moods either way: only how often the person checks in differs.
    assert [(d.day, d.mood, d.tags) for d in heavy.days] == [(d.day, d.mood, d.tags) for d in usual.days]
    rng = random.Random(3)
    for day in heavy.days:
        if day.checkins:
            slots = _slots(rng, day)
            assert len(slots) == day.checkins
            assert all(7 <= h <= 22 and 0 <= m < 60 for h, m in slots)
            hours = [h for h, _ in slots]
            assert hours == sorted(hours) or day.checkins == 1
