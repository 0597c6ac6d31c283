"""Streaks and the strength score: pure rules, then real goals across week boundaries,
daylight-saving changes and a changed week start."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion_tui.core.goals import streaks
from companion_tui.core.goals.book import GoalDraft
from companion_tui.core.goals.streaks import WeekOutcome
from companion_tui.core.goals.weeks import progress, week_grid, week_outcomes

BERLIN = ZoneInfo("Europe/Berlin")
MON = date(2026, 1, 5)


def weeks(*done: int, needed: int = 3, current_last: bool = False, paused: tuple[int, ...] = ()) -> list[WeekOutcome]:
    out = [WeekOutcome(MON + timedelta(weeks=i), d, needed, needed, i not in paused) for i, d in enumerate(done)]
    if current_last:
        out[-1] = WeekOutcome(out[-1].start, out[-1].done, needed, needed, True, True)
    return out


# -- pure rules -------------------------------------------------------------------------------


def test_streak_counts_met_weeks_back_from_the_latest() -> None:
    assert streaks.current_streak(weeks(3, 3, 1, 3, 4, 3)) == 3
    assert streaks.current_streak(weeks(3, 3, 1)) == 0
    assert streaks.best_streak(weeks(3, 3, 3, 1, 3)) == 3


def test_the_week_in_progress_adds_once_met_but_never_breaks() -> None:
    assert streaks.current_streak(weeks(3, 3, 0, current_last=True)) == 2
    assert streaks.current_streak(weeks(3, 3, 3, current_last=True)) == 3


def test_paused_weeks_neither_count_nor_break() -> None:
    assert streaks.current_streak(weeks(3, 0, 0, 3, paused=(1, 2))) == 2
    assert streaks.best_streak(weeks(3, 0, 3, paused=(1,))) == 2


def test_strength_rises_with_consistency_and_decays_gently() -> None:
    values = [streaks.strength(weeks(*([3] * n))) for n in range(1, 12)]
    assert values == sorted(values) and values[0] > 0 and values[-1] < 1
    high = streaks.strength(weeks(*([3] * 20)))
    after_miss = streaks.strength(weeks(*([3] * 20), 0))
    assert 0.7 * high < after_miss < high  # one missed week eases it down, never wipes it out
    partial = streaks.strength(weeks(*([3] * 20), 2))
    assert after_miss < partial < high  # 2 of 3 counts for something


def test_strength_follows_loops_exponential_formula() -> None:
    m = streaks.multiplier(3)
    assert m == pytest.approx(0.5 ** ((3 / 7) ** 0.5 * 7 / 13))
    assert streaks.strength(weeks(3, 0, 3)) == pytest.approx(((1 - m) * m) * m + (1 - m))
    # Daily goals move faster than weekly ones.
    assert streaks.multiplier(7) < streaks.multiplier(1)


def test_strength_current_week_only_ever_helps() -> None:
    base = streaks.strength(weeks(3, 3, 3, 3))
    assert streaks.strength(weeks(3, 3, 3, 3, 0, current_last=True)) == base
    assert streaks.strength(weeks(3, 3, 3, 3, 3, current_last=True)) > base


def test_explanations_are_one_kind_sentence() -> None:
    text = streaks.explain_strength(0.64)
    assert text.startswith("Strength 64% ") and text.count(".") == 1 and text.endswith(".")
    for word in ("fail", "broke", "lost", "bad"):
        assert word not in text.lower()
    assert "any week is a good week" in streaks.describe_streak(0)
    assert streaks.describe_streak(4, 6) == "4 weeks in a row with the target met. Longest so far: 6 weeks."


# -- real goals across boundaries --------------------------------------------------------------


def at(day: date, hour: int = 21) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


@pytest.fixture
def ws(workspace):
    workspace.now = at(date(2026, 4, 2))  # Thursday after the spring DST change (Sun 29 Mar 2026)
    workspace.clock = lambda: workspace.now
    return workspace


def test_week_boundaries_sunday_night_and_monday_morning(ws) -> None:
    goal = ws.goals.add(GoalDraft(title="Walk", per_week=2, start=date(2026, 3, 2)))
    # Week of 2 Mar: Sunday 8 Mar late at night twice counts for that week, not the next.
    ws.goals.tick(goal.id, date(2026, 3, 7))
    ws.goals.tick(goal.id, date(2026, 3, 8))
    # Week of 9 Mar: Monday morning only.
    ws.goals.tick(goal.id, date(2026, 3, 9))
    out = week_outcomes(goal, ws.goals.days(goal.id), 0, ws.now.date())
    assert [(w.start, w.done, w.met) for w in out[:2]] == [(date(2026, 3, 2), 2, True), (date(2026, 3, 9), 1, False)]


def test_dst_weeks_have_seven_days_and_ticks_keep_their_day(ws) -> None:
    goal = ws.goals.add(GoalDraft(title="Meditate", kind="daily", start=date(2026, 3, 23)))
    dst_week = [date(2026, 3, 23) + timedelta(days=i) for i in range(7)]
    for day in dst_week:  # every day of the week with the 23-hour Sunday
        ws.now = at(day, 23)  # ticked at 23:00 local, across the change
        ws.goals.tick(goal.id)
    ws.now = at(date(2026, 4, 2))
    assert all(t.day == t.at.date() for t in ws.goals.ticks())
    assert {t.at.utcoffset() for t in ws.goals.ticks()} == {timedelta(hours=1), timedelta(hours=2)}
    grid = week_grid(ws.goals, date(2026, 3, 29), 0)
    assert grid.days == tuple(dst_week) and grid.rows[0].progress == "7/7"
    p = progress(ws.goals, goal, 0)
    assert p.streak == 1 and p.weeks[0].met


def test_autumn_dst_change_and_a_year_boundary(ws) -> None:
    ws.now = at(date(2027, 1, 6))
    goal = ws.goals.add(GoalDraft(title="Journal", per_week=1, start=date(2026, 10, 19)))
    for day in (date(2026, 10, 25), date(2026, 10, 28), date(2026, 11, 2), date(2026, 12, 31), date(2027, 1, 4)):
        ws.goals.tick(goal.id, day)  # 25 Oct is the 25-hour Sunday
    out = week_outcomes(goal, ws.goals.days(goal.id), 0, ws.now.date())
    starts = [w.start for w in out]
    assert all((b - a).days == 7 for a, b in zip(starts, starts[1:]))
    met = {w.start: w.met for w in out}
    assert met[date(2026, 10, 19)] and met[date(2026, 10, 26)] and met[date(2026, 11, 2)]
    assert met[date(2026, 12, 28)] and met[date(2027, 1, 4)]  # 31 Dec and 4 Jan: two different weeks
    assert progress(ws.goals, goal, 0).streak == 2


def test_a_changed_week_start_regroups_the_same_ticks(ws) -> None:
    goal = ws.goals.add(GoalDraft(title="Swim", per_week=2, start=date(2026, 3, 2)))
    for day in (date(2026, 3, 8), date(2026, 3, 9), date(2026, 3, 15), date(2026, 3, 16)):  # Sun, Mon pairs
        ws.goals.tick(goal.id, day)
    monday = progress(ws.goals, goal, 0)
    sunday = progress(ws.goals, goal, 6)
    assert [w.done for w in monday.weeks[:3]] == [1, 2, 1]
    assert [w.done for w in sunday.weeks[:3]] == [0, 2, 2]  # Sun 1 Mar week, then Sun–Sat pairs
    assert sum(w.done for w in monday.weeks) == sum(w.done for w in sunday.weeks) == 4
    assert sunday.best == 2 and monday.best == 1
    assert 0 < monday.strength < 1 and 0 < sunday.strength < 1


def test_target_history_judges_each_week_by_its_own_target(ws) -> None:
    from companion_tui.core.goals.book import Target

    goal = ws.goals.add(GoalDraft(title="Run", per_week=3, start=date(2026, 3, 2)))
    for day in (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 10)):
        ws.goals.tick(goal.id, day)
    ws.goals.set_target(goal.id, Target.weekly(2), since=date(2026, 3, 9))
    out = week_outcomes(ws.goals.get(goal.id), ws.goals.days(goal.id), 0, ws.now.date())
    assert [(w.needed, w.met) for w in out[:2]] == [(3, False), (2, True)]


def test_a_finished_goal_keeps_its_streak_and_strength(ws) -> None:
    goal = ws.goals.add(GoalDraft(title="Read", per_week=1, start=date(2026, 3, 2)))
    for day in (date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 17)):
        ws.goals.tick(goal.id, day)
    ws.now = at(date(2026, 3, 22))  # the Sunday it was finished
    before = progress(ws.goals, ws.goals.get(goal.id), 0)
    ws.goals.set_status(goal.id, "done", since=date(2026, 3, 23))
    ws.now = at(date(2026, 9, 1))  # months later
    after = progress(ws.goals, ws.goals.get(goal.id), 0)
    assert (after.best, after.met_weeks) == (3, 3)
    assert after.strength == pytest.approx(before.strength)
    assert after.weeks[-1].start <= date(2026, 3, 23)  # nothing is computed for the weeks after it ended
