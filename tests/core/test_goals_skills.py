"""Skill-linked goals: logging a practice of the linked skill ticks the goal for that day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from companion_tui.core.goals.book import GoalDraft
from companion_tui.core.kernel.errors import ValidationError

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 12, 21, 0, tzinfo=CET)


@pytest.fixture
def ws(workspace):
    if getattr(workspace, "practices", None) is None:
        pytest.skip("the skills part has not landed")
    workspace.clock = lambda: NOW
    workspace.practices.clock = lambda: NOW
    return workspace


def a_skill(ws):
    return ws.skills.all()[0]


def test_logging_a_practice_ticks_the_linked_goal_on_its_day(ws, open_workspace) -> None:
    from companion_tui.core.skills.practice import PracticeDraft

    skill = a_skill(ws)
    linked = ws.goals.add(GoalDraft(title="Practise", per_week=3, skill_id=skill.id, start=date(2026, 3, 1)))
    other = ws.goals.add(GoalDraft(title="Walk", per_week=3, start=date(2026, 3, 1)))
    yesterday = NOW - timedelta(days=1)
    practice = ws.practices.add(PracticeDraft(skill_id=skill.id, at=yesterday))
    ws.practices.add(PracticeDraft(skill_id=skill.id, at=yesterday))  # same day again: still one tick
    assert ws.goals.days(linked.id) == {yesterday.date()}
    assert ws.goals.days(other.id) == set()
    [tick] = ws.goals.ticks()
    assert (tick.source, tick.ref) == ("practice", practice.id)
    ws.close()

    # After reopening the subscription is made again in build().
    again = open_workspace()
    again.clock = again.practices.clock = lambda: NOW
    again.practices.add(PracticeDraft(skill_id=skill.id))
    assert again.goals.days(linked.id) == {yesterday.date(), NOW.date()}


def test_paused_goals_and_days_before_the_start_are_not_ticked(ws) -> None:
    from companion_tui.core.skills.practice import PracticeDraft

    skill = a_skill(ws)
    paused = ws.goals.add(GoalDraft(title="Paused", per_week=2, skill_id=skill.id, start=date(2026, 3, 1)))
    ws.goals.set_status(paused.id, "paused")
    late = ws.goals.add(GoalDraft(title="Later", per_week=2, skill_id=skill.id, start=NOW.date()))
    ws.practices.add(PracticeDraft(skill_id=skill.id, at=NOW - timedelta(days=3)))
    assert ws.goals.tick_count() == 0
    assert len(ws.practices) == 1  # the practice itself is stored whatever the goals do
    assert late.status == "active"


def test_an_unknown_skill_cannot_be_linked(ws) -> None:
    with pytest.raises(ValidationError, match="not in your catalogue"):
        ws.goals.add(GoalDraft(title="X", skill_id="no-such-skill"))
