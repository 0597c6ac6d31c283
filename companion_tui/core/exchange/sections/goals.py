"""Goals, ticks and weekly reviews in the JSON export (see docs/export-format.md), and their re-import.

Keys added to the export:

- ``"goals"``: every goal (``id, title, why, category, skill, start, eras, order, created,
  updated``) plus ``status`` and ``target`` in words for people reading the file; ``eras`` is
  the history of status and target (``since, status, kind, per_week``), which import reads;
- ``"ticks"``: one per goal and day (``id, goal, day, at, source, ref``), oldest first;
- ``"reviews"``: weekly reviews (``id, week, items, helped, hindered, journal_id, skipped,
  created, updated``).

Import validates everything with the app's own rules before writing, and skips records
already in the vault (by id, and ticks also by goal and day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from companion_tui.core.exchange.common import (
    Counts,
    Errors,
    Section,
    list_of,
    only_in_file,
    raise_if,
    record_id,
    records_in,
    when_field,
)
from companion_tui.core.exchange.sections.skills import known_skills
from companion_tui.core.goals import model
from companion_tui.core.goals.model import GOALS, TICK_SOURCES, TICKS, Era, Goal, GoalDraft, Tick
from companion_tui.core.goals.review import DECISIONS, RECORD, Review, ReviewItem
from companion_tui.core.kernel.errors import ValidationError

if TYPE_CHECKING:
    from companion_tui.core.workspace import Workspace

KEYS = ("goals", "ticks", "reviews")
TABLES = (GOALS.table, TICKS.table, RECORD.table)


def export(ws: Workspace) -> dict[str, object]:
    goals = []
    for g in ws.goals.all():
        p = g.to_payload()
        goals.append({"id": g.id, "title": g.title, "why": g.why, "category": g.category, "skill": g.skill_id,
                      "start": p["start"], "status": g.status, "target": g.target.label(), "eras": p["eras"],
                      "order": g.order, "created": p["created"], "updated": p["updated"]})
    ticks = []
    for t in ws.goals.ticks():
        p = t.to_payload()
        ticks.append({"id": t.id, "goal": t.goal_id, "day": p["day"], "at": p["at"], "source": t.source,
                      "ref": t.ref})
    reviews = []
    for r in ws.reviews.all():
        p = r.to_payload()
        del p["v"]
        reviews.append({"id": r.id, **p})
    return {"goals": goals, "ticks": ticks, "reviews": reviews}


@dataclass(frozen=True)
class Parsed:
    goals: list[Goal]
    ticks: list[Tick]
    reviews: list[Review]


def parse(data: dict, now: datetime, into: Workspace | None = None) -> Parsed:
    """The file's goals, ticks and reviews (missing keys mean none). Raises ValidationError naming each bad record.

    A goal may link a skill of the file or of ``into`` (the vault imported into); without it
    (before the vault is open) the link is not checked.
    """
    errors: Errors = {}
    lists = {key: list_of(data, key, errors) for key in KEYS}
    file_skills = {s.get("id") for s in data.get("skills", []) or [] if isinstance(s, dict)}
    skills = None if into is None else known_skills(into) | file_skills
    goals = records_in(lists["goals"], "goals", "Goal", lambda item: goal_in(item, now, skills), errors)
    ticks = records_in(lists["ticks"], "ticks", "Goal tick", lambda item: tick_in(item, now), errors)
    reviews = records_in(lists["reviews"], "reviews", "Weekly review", lambda item: review_in(item, now), errors)
    raise_if(errors)
    return Parsed(goals, ticks, reviews)


def _common(item: dict, now: datetime) -> tuple[str, datetime, datetime]:
    problems: Errors = {}
    rid = record_id(item, problems)
    created = when_field(item, "created", problems) or now
    updated = when_field(item, "updated", problems) or created
    if problems:
        raise ValidationError(problems)
    return rid, created, updated


def _day(value: object, what: str) -> date:
    try:
        if not isinstance(value, str):
            raise TypeError(value)
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError({what: f"{what!r} is not a date (YYYY-MM-DD)."}) from None


def goal_in(item: dict, now: datetime, skills: set[str] | None) -> Goal:
    rid, created, updated = _common(item, now)
    start = _day(item.get("start"), "start")
    eras_in = item.get("eras")
    if not isinstance(eras_in, list) or not eras_in:
        raise ValidationError({"eras": "'eras' must list the goal's status and target over time."})
    eras = []
    for era in eras_in:
        if not isinstance(era, dict) or era.get("status") not in model.STATUSES:
            raise ValidationError({"eras": f"each era needs a status ({', '.join(model.STATUSES)})."})
        target = model.validate(GoalDraft(title="x", kind=str(era.get("kind")), per_week=era.get("per_week")),
                                now.date())["target"]
        eras.append(Era(_day(era.get("since"), "since"), era["status"], target))
    eras.sort(key=lambda e: e.since)
    skill = item.get("skill") or None
    if skill is not None and skills is not None and skill not in skills:
        raise ValidationError({"skill": "it links a skill that is neither in this vault nor in the file."})
    fields = model.validate(GoalDraft(title=item.get("title") or "", why=item.get("why") or "",
                                category=item.get("category") or "other", kind=eras[0].target.kind,
                                per_week=eras[0].target.per_week, skill_id=skill, start=start), max(now.date(), start))
    fields.pop("target")
    order = item.get("order", 0)
    return Goal(id=rid, version=1, eras=tuple(eras), order=order if isinstance(order, int) else 0,
                created=created, updated=updated, **fields)


def tick_in(item: dict, now: datetime) -> Tick:
    problems: Errors = {}
    rid = record_id(item, problems)
    goal_id = record_id(item, problems, "goal", "it doesn't name its goal.")
    at = when_field(item, "at", problems, required=True)
    if problems or at is None:
        raise ValidationError(problems)
    day = _day(item.get("day"), "day")
    if day > now.date():
        raise ValidationError({"day": f"{day} is in the future."})
    source = item.get("source")
    ref = item.get("ref")
    return Tick(rid, 1, goal_id, day, at, source if source in TICK_SOURCES else "import",
                ref if isinstance(ref, str) else None)


def review_in(item: dict, now: datetime) -> Review:
    rid, created, updated = _common(item, now)
    items = item.get("items", [])
    if not isinstance(items, list):
        raise ValidationError({"items": "'items' must be a list."})
    parsed = tuple(ReviewItem.from_json(i) for i in items)
    if any(i.decision not in DECISIONS for i in parsed):
        raise ValidationError({"items": f"each decision is one of: {', '.join(DECISIONS)}."})
    texts = {k: item.get(k) or "" for k in ("helped", "hindered")}
    if not all(isinstance(v, str) for v in texts.values()):
        raise ValidationError({"helped": "the answers must be text."})
    journal_id = item.get("journal_id") if isinstance(item.get("journal_id"), str) else None
    return Review(rid, 1, _day(item.get("week"), "week"), parsed, journal_id=journal_id,
                  skipped=bool(item.get("skipped")), created=created, updated=updated, **texts)


def write(ws: Workspace, parsed: Parsed) -> Counts:
    """Write what is new; returns ``{kind: (added, in the file)}`` for goals, ticks and reviews
    (kinds the file has none of are left out)."""
    broken = {p.record_id for p in ws.problems if p.table in TABLES}
    have = {g.id for g in ws.goals.all()} | broken
    goals = [g for g in parsed.goals if g.id not in have]
    known = have | {g.id for g in goals}
    ticked = {(t.goal_id, t.day) for t in ws.goals.ticks()}
    tick_ids = {t.id for t in ws.goals.ticks()} | broken
    ticks = []
    for t in parsed.ticks:
        if t.id in tick_ids or (t.goal_id, t.day) in ticked:
            continue
        if t.goal_id not in known:
            raise ValidationError({"ticks": "A goal tick refers to a goal that is neither in the file nor the vault."})
        ticked.add((t.goal_id, t.day))
        ticks.append(t)
    added_goals, added_ticks = ws.goals.import_many(goals, ticks) if goals or ticks else (0, 0)
    review_ids = {r.id for r in ws.reviews.all()} | broken
    reviews = [r for r in parsed.reviews if r.id not in review_ids]
    added_reviews = ws.reviews.import_many(reviews) if reviews else 0
    return only_in_file({"goals": (added_goals, len(parsed.goals)), "ticks": (added_ticks, len(parsed.ticks)),
                         "reviews": (added_reviews, len(parsed.reviews))})


SECTION = Section("goals", KEYS, export, parse, write)
