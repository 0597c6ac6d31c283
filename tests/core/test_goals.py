"""GoalBook on a real vault: goals and ticks are stored, survive reopening, and validate."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from companion_tui.core.goals.book import CAP_NOTE, GoalDraft, Target
from companion_tui.core.goals.weeks import week_grid, week_text
from companion_tui.core.kernel.errors import NotFound, ValidationError

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 12, 21, 0, tzinfo=CET)  # a Thursday
MON = date(2026, 3, 9)


@pytest.fixture
def ws(workspace):
    workspace.clock = lambda: NOW
    return workspace


def add(ws, title="Walk 20 minutes", **kw):
    kw.setdefault("start", MON - timedelta(days=28))
    return ws.goals.add(GoalDraft(title=title, **kw))


def test_goal_and_ticks_survive_reopening(ws, open_workspace) -> None:
    goal = add(ws, why="  It clears my head  ", category="self-care", per_week="3")
    ws.goals.tick(goal.id)
    ws.goals.tick(goal.id, NOW.date() - timedelta(days=2))
    assert ws.goals.tick(goal.id) is None  # one tick per goal and day
    ws.close()

    again = open_workspace()
    [g] = again.goals.all()
    assert g == goal
    assert (g.why, g.category, g.target, g.status) == ("It clears my head", "self-care", Target.weekly(3), "active")
    assert again.goals.days(g.id) == {NOW.date(), NOW.date() - timedelta(days=2)}
    assert again.vault.store.count("ticks") == 2
    assert again.vault.store.count("goals") == 1


def test_untick_and_toggle_delete_the_record(ws) -> None:
    goal = add(ws)
    assert ws.goals.toggle(goal.id) is True
    assert ws.vault.store.count("ticks") == 1
    assert ws.goals.toggle(goal.id) is False
    assert ws.vault.store.count("ticks") == 0
    assert ws.goals.untick(goal.id) is False


def test_validation_names_every_problem(ws) -> None:
    with pytest.raises(ValidationError) as info:
        ws.goals.add(GoalDraft(title="  ", category="chores", per_week="9"))
    assert set(info.value.errors) == {"title", "category", "per_week"}
    with pytest.raises(ValidationError) as info:
        ws.goals.add(GoalDraft(title="x" * 200, kind="sometimes"))
    assert set(info.value.errors) == {"title", "kind"}
    assert len(ws.goals) == 0


def test_ticks_in_the_future_or_before_the_start_are_refused(ws) -> None:
    goal = add(ws, start=MON)
    with pytest.raises(ValidationError, match="hasn't happened yet"):
        ws.goals.tick(goal.id, NOW.date() + timedelta(days=1))
    with pytest.raises(ValidationError, match="before that"):
        ws.goals.tick(goal.id, MON - timedelta(days=1))
    assert ws.goals.tick(goal.id, MON) is not None  # back-ticking a past day is fine


def test_daily_and_once_targets(ws) -> None:
    daily = add(ws, "Take meds", kind="daily")
    once = add(ws, "Book the dentist", kind="once")
    assert (daily.target.label(), once.target.label()) == ("every day", "once")
    ws.goals.tick(once.id, MON)
    grid = week_grid(ws.goals, NOW.date(), 0)
    rows = {r.goal.title: r for r in grid.rows}
    assert rows["Take meds"].progress == "0/7"
    assert rows["Book the dentist"].progress == "done"
    # The next week, a once-goal ticked earlier stays done.
    later = week_grid(ws.goals, NOW.date() + timedelta(days=7), 0, NOW.date() + timedelta(days=7))
    assert {r.goal.title: r.progress for r in later.rows}["Book the dentist"] == "done"


def test_week_grid_rows_days_and_progress(ws) -> None:
    walk = add(ws, per_week=3)
    call = add(ws, "Call a friend", category="connection", per_week=1)
    paused = add(ws, "Yoga", per_week=2)
    ws.goals.set_status(paused.id, "paused", since=MON - timedelta(days=14))
    for d in (MON, MON + timedelta(days=1), MON + timedelta(days=3)):
        ws.goals.tick(walk.id, d)
    grid = week_grid(ws.goals, NOW.date(), 0)
    assert grid.start == MON and grid.is_current and grid.title().startswith("This week")
    assert [r.goal.title for r in grid.rows] == ["Walk 20 minutes", "Call a friend"]  # paused isn't a row
    walk_row, call_row = grid.rows
    assert walk_row.ticked == (True, True, False, True, False, False, False)
    assert walk_row.tickable == (True, True, True, True, False, False, False)  # Thu is today
    assert (walk_row.progress, walk_row.met) == ("3/3", True)
    assert (call_row.progress, call_row.met) == ("0/1", False)
    text = week_text(grid)
    assert "Walk 20 minutes" in text and "3/3" in text and "met ✓" in text and "Th*" in text


def test_first_week_target_counts_only_days_the_goal_existed(ws) -> None:
    goal = add(ws, "Stretch", kind="daily", start=NOW.date() - timedelta(days=1))  # started Wednesday
    [row] = week_grid(ws.goals, NOW.date(), 0).rows
    assert row.needed == 5  # Wed..Sun
    assert row.tickable[:2] == (False, False)
    ws.goals.tick(goal.id, NOW.date())
    assert week_grid(ws.goals, NOW.date(), 0).rows[0].progress == "1/5"


def test_week_start_setting_moves_the_columns(ws) -> None:
    goal = add(ws, per_week=2)
    ws.goals.tick(goal.id, date(2026, 3, 8))  # a Sunday
    monday = week_grid(ws.goals, NOW.date(), 0)
    sunday = week_grid(ws.goals, NOW.date(), 6)
    assert monday.start == MON and not any(monday.rows[0].ticked)
    assert sunday.start == date(2026, 3, 8) and sunday.rows[0].ticked[0]


def test_gentle_cap_note_from_the_fourth_active_goal(ws) -> None:
    for title in ("One", "Two"):
        add(ws, title)
    assert ws.goals.cap_note() is None
    third = add(ws, "Three")
    note = ws.goals.cap_note()
    assert note == CAP_NOTE.format(n=3) and "anyway" in note
    ws.goals.set_status(third.id, "paused")
    assert ws.goals.cap_note() is None
    ws.goals.set_status(third.id, "active")
    add(ws, "Four")  # the note never blocks
    assert len(ws.goals.active()) == 4


def test_status_and_target_changes_keep_history(ws) -> None:
    goal = add(ws, per_week=3)
    ws.goals.set_target(goal.id, Target.weekly(2), since=MON)
    ws.goals.set_status(goal.id, "paused")
    g = ws.goals.get(goal.id)
    assert [(e.since, e.status, e.target.per_week) for e in g.eras] == [
        (goal.start, "active", 3), (MON, "active", 2), (NOW.date(), "paused", 2)]
    assert g.era_on(MON - timedelta(days=1)).target.per_week == 3
    # Same-day changes replace each other instead of piling up.
    ws.goals.set_status(goal.id, "active")
    assert len(ws.goals.get(goal.id).eras) == 2


def test_update_edits_fields_and_target_from_today(ws) -> None:
    goal = add(ws, per_week=3)
    new = ws.goals.update(goal.id, GoalDraft(title="Walk 30 minutes", category="healthy habits", kind="daily"))
    assert (new.title, new.category, new.target.kind, new.version) == ("Walk 30 minutes", "healthy habits", "daily", 2)
    assert new.era_on(NOW.date() - timedelta(days=1)).target == Target.weekly(3)


def test_delete_removes_goal_and_its_ticks_together(ws) -> None:
    goal = add(ws)
    ws.goals.tick(goal.id)
    other = add(ws, "Other")
    ws.goals.tick(other.id)
    ws.goals.delete(goal.id)
    assert ws.vault.store.count("ticks") == 1 and ws.vault.store.count("goals") == 1
    with pytest.raises(NotFound):
        ws.goals.get(goal.id)


def test_find_matches_titles_case_insensitively(ws) -> None:
    add(ws, "Walk 20 minutes")
    add(ws, "Walk the dog")
    add(ws, "Call Sam")
    done = add(ws, "Old habit")
    ws.goals.set_status(done.id, "done")
    assert ws.goals.find("call sam").title == "Call Sam"
    assert ws.goals.find("WALK THE").title == "Walk the dog"
    assert ws.goals.find("sam").title == "Call Sam"
    with pytest.raises(NotFound, match="matches 2 goals"):
        ws.goals.find("walk")
    with pytest.raises(NotFound, match="No goal called"):
        ws.goals.find("swim")
    with pytest.raises(NotFound, match="is done"):
        ws.goals.find("old habit")


def test_tick_listeners_hear_ticks_and_a_failing_listener_changes_nothing(ws) -> None:
    goal = add(ws)
    heard = []
    ws.goals.on_tick.append(lambda tick, added: heard.append((tick.day, added)))
    ws.goals.on_tick.append(lambda tick, added: 1 / 0)
    ws.goals.tick(goal.id)
    ws.goals.untick(goal.id)
    assert heard == [(NOW.date(), True), (NOW.date(), False)]
    assert ws.vault.store.count("ticks") == 0
