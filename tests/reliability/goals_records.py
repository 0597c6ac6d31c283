"""Goals and ticks for the reliability suite: random content, and comparable (JSON-able) values."""

from __future__ import annotations

import random
from datetime import date, timedelta

from companion_tui.core.goals.model import CATEGORIES, Goal, GoalDraft, validate

WORDS = ["walk", "call", "sister", "read", "stretch", "breathe", "journal", "cook", "swim", "sleep", "early", "garden", "write"]


def random_goal(rng: random.Random, today: date, seq: int) -> GoalDraft:
    kind = rng.choice(["weekly", "weekly", "daily", "once"])
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))) + f" {seq}"
    why = " ".join(rng.choice(WORDS) for _ in range(rng.choice([0, 4, 40, 300])))
    return GoalDraft(title=title, why=why, category=rng.choice(CATEGORIES), kind=kind,
                     per_week=rng.randint(1, 7), start=today - timedelta(days=rng.randint(0, 120)))


def goal_fields(g: Goal) -> dict:
    return {"title": g.title, "why": g.why, "category": g.category, "start": g.start.isoformat(),
            "eras": [e.to_json() for e in g.eras], "skill": g.skill_id}


def goal_value(g: Goal) -> list:
    return [g.version, goal_fields(g)]


def draft_value(draft: GoalDraft, today: date) -> list:
    from companion_tui.core.goals.model import Era

    clean = validate(draft, today)
    target = clean.pop("target")
    goal = Goal(id="", version=1, eras=(Era(clean["start"], "active", target),), **clean)
    return goal_value(goal)


def tick_value(goal_id: str, day: date) -> list:
    return [1, {"goal": goal_id, "day": day.isoformat()}]


def snapshot(ws) -> dict:
    out = {f"goals:{g.id}": goal_value(g) for g in ws.goals.all()}
    out.update({f"ticks:{t.id}": tick_value(t.goal_id, t.day) for t in ws.goals.ticks()})
    return out


def write_review(ws, new, phase: str) -> str:
    """A weekly review whose answers stay on the review record (no journal), with canary text.

    ``new(label)`` returns a fresh canary. The review covers last week with one goal in it."""
    from companion_tui.core.kernel.clock import week_start

    today = ws.clock().date()
    last = week_start(today, 0) - timedelta(days=7)
    goal = ws.goals.add(GoalDraft(title=new(f"{phase}.review.goal"), start=last))
    ws.goals.tick(goal.id, last)
    items = ws.reviews.items_for(ws.goals, last, 0, today)
    review = ws.reviews.save(ws.goals, last, items, helped=new(f"{phase}.review.helped"),
                             hindered=new(f"{phase}.review.hindered"), journal=None)
    return review.id
