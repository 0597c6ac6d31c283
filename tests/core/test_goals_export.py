"""Goals, ticks and weekly reviews in the JSON export: written, re-imported unchanged, validated."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from companion_tui.core.exchange.document import export_json, import_counts
from companion_tui.core.goals.book import GoalDraft, Target
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.vault import FLOOR_PARAMS

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 16, 9, 0, tzinfo=CET)


def fill(ws):
    ws.clock = lambda: NOW
    skill = ws.skills.all()[0] if getattr(ws, "skills", None) is not None else None
    walk = ws.goals.add(GoalDraft(title="Walk", why="air", category="self-care", per_week=3,
                                  skill_id=skill.id if skill else None, start=date(2026, 2, 2)))
    once = ws.goals.add(GoalDraft(title="Book the dentist", kind="once", start=date(2026, 3, 1)))
    ws.goals.set_target(walk.id, Target.weekly(2), since=date(2026, 3, 2))
    for d in (date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 10)):
        ws.goals.tick(walk.id, d)
    ws.goals.tick(once.id, date(2026, 3, 3))
    items = ws.reviews.items_for(ws.goals, date(2026, 3, 9), 0)
    ws.reviews.save(ws.goals, date(2026, 3, 9), items, helped="sun", hindered="rain")
    ws.reviews.skip(date(2026, 3, 2))


def snapshot(ws):
    return ws.goals.all(), ws.goals.ticks(), ws.reviews.all()


@pytest.fixture
def other(tmp_path):
    paths = Paths(tmp_path / "other")
    _vault, ws, _key = LockedVault.create(paths, "another long passphrase", FLOOR_PARAMS)
    ws.clock = lambda: NOW
    yield ws
    ws.close()


def test_export_has_readable_goal_sections(workspace) -> None:
    fill(workspace)
    data = json.loads(json.dumps(export_json(workspace)))
    [walk, once] = data["goals"]
    assert (walk["title"], walk["status"], walk["target"], walk["category"]) == ("Walk", "active", "2× a week", "self-care")
    assert [e["per_week"] for e in walk["eras"]] == [3, 2]
    assert [t["day"] for t in data["ticks"]] == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-10"]
    assert {r["week"] for r in data["reviews"]} == {"2026-03-09", "2026-03-02"}
    assert once["target"] == "once"


def test_round_trip_into_another_vault_and_again(workspace, other) -> None:
    fill(workspace)
    data = json.loads(json.dumps(export_json(workspace)))
    counts = import_counts(other, data)
    assert (counts["goals"], counts["ticks"], counts["reviews"]) == ((2, 2), (4, 4), (2, 2))
    mine, theirs = snapshot(workspace), snapshot(other)
    assert [(g.id, g.title, g.why, g.eras, g.skill_id, g.order, g.start) for g in mine[0]] == \
        [(g.id, g.title, g.why, g.eras, g.skill_id, g.order, g.start) for g in theirs[0]]
    assert [(t.id, t.goal_id, t.day, t.at, t.source) for t in mine[1]] == \
        [(t.id, t.goal_id, t.day, t.at, t.source) for t in theirs[1]]
    assert [(r.id, r.week, r.items, r.helped, r.skipped) for r in mine[2]] == \
        [(r.id, r.week, r.items, r.helped, r.skipped) for r in theirs[2]]
    # Importing the same file again adds nothing.
    again = import_counts(other, data)
    assert (again["goals"][0], again["ticks"][0], again["reviews"][0]) == (0, 0, 0)
    assert other.vault.store.count("ticks") == 4


def test_an_export_without_goal_sections_still_imports(workspace, other) -> None:
    data = json.loads(json.dumps(export_json(workspace)))
    for key in ("goals", "ticks", "reviews"):
        del data[key]
    counts = import_counts(other, data)
    assert not {"goals", "ticks", "reviews"} & set(counts)


@pytest.mark.parametrize("breakage, message", [
    (lambda d: d["goals"][0].update(title=""), "Goal 1"),
    (lambda d: d["goals"][0]["eras"][0].update(per_week=12), "from 1 to 7"),
    (lambda d: d["goals"][0]["eras"][0].update(status="maybe"), "status"),
    (lambda d: d["ticks"][0].update(day="tomorrow"), "Goal tick 1"),
    (lambda d: d["ticks"].append(dict(d["ticks"][0])), "appears twice"),
    (lambda d: d["reviews"][-1]["items"][0].update(decision="forget"), "decision"),
    (lambda d: d.update(goals={}), "must be a list"),
])
def test_a_bad_record_stops_the_whole_import(workspace, other, breakage, message) -> None:
    fill(workspace)
    data = json.loads(json.dumps(export_json(workspace)))
    broken = copy.deepcopy(data)
    breakage(broken)
    with pytest.raises(ValidationError, match=message):
        import_counts(other, broken)
    assert other.vault.store.count("goals") == 0 and other.vault.store.count("ticks") == 0
    assert len(other.moods) == 0
