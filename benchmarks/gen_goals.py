"""Generator record types for issue 7: goals that change over the years, ≈500 ticks a year,
and a weekly review most weeks.

The person keeps one to three small goals going at a time. A goal lives a few weeks to most
of a year; now and then it is paused for a while or its target is adjusted; it ends done or
archived and a new one takes its place. Ticks follow the shared life: fewer in bad weeks,
none in stretches without the app, more in good spells. Some goals are linked to one of the
person's skills. About two weeks in three get a weekly review (the rest are skipped), with
the answers kept on the review record. Every goal is checked with the app's own
``goal_model.validate`` and reviews are built with ``ReviewItem``/``Review`` as the app does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING

from benchmarks import text as texts
from companion_tui.core.goals.model import Era, Goal, GoalDraft, Target, Tick, validate
from companion_tui.core.goals.review import Review, ReviewItem
from companion_tui.core.kernel.clock import week_start

if TYPE_CHECKING:
    from benchmarks.generate import GenContext
    from companion_tui.core.workspace import Workspace

# (title, category, kind, per week, why, skill id or "")
TEMPLATES = (
    ("Walk 20 minutes", "healthy habits", "weekly", 3, "It clears my head after work.", ""),
    ("Box breathing before bed", "therapy homework", "weekly", 4, "Practising when calm makes it easier when not.",
     "box-breathing"),
    ("Call or text a friend", "connection", "weekly", 2, "I drift away from people when I'm low.", ""),
    ("Lights out by 23:30", "self-care", "weekly", 5, "Everything is harder when I sleep badly.", ""),
    ("Thought record when I spiral", "therapy homework", "weekly", 2, "Catching the thought is the first step.",
     "thought-record"),
    ("Take my medication", "healthy habits", "daily", 7, "", ""),
    ("Cook a proper meal", "self-care", "weekly", 3, "Feeding myself well is a kind thing to do.", ""),
    ("Ten minutes outside in daylight", "healthy habits", "daily", 7, "Winter gets to me.", ""),
    ("One thing just for fun", "self-care", "weekly", 2, "", ""),
    ("Stretch in the morning", "healthy habits", "weekly", 4, "", ""),
    ("Write three good things", "therapy homework", "weekly", 3, "My therapist suggested it.", ""),
    ("Book the dentist", "self-care", "once", 1, "I've put it off for a year.", ""),
    ("Tell my sister how I feel", "connection", "once", 1, "", ""),
    ("No phone in bed", "self-care", "weekly", 5, "", ""),
)
REVIEW_SHARE = 0.65
HELPED = ("Walking with a friend", "Planning it the night before", "Keeping it small", "The reminder on my phone",
          "Doing it straight after breakfast", "Not being hard on myself when I missed a day")
HINDERED = ("Late shifts", "Feeling flat all week", "Visitors at the weekend", "I forgot", "Bad sleep",
            "Too much on at work", "Rain")


@dataclass
class _Plan:
    goal_id: str
    template: tuple
    start: date
    eras: list[Era] = field(default_factory=list)
    end: date | None = None  # the day it became done/archived


@cache
def _known_skills() -> frozenset[str]:
    try:
        from companion_tui.core.skills.catalogue import builtin_skills

        return frozenset(s.id for s in builtin_skills())
    except Exception:  # noqa: BLE001 - without skills, goals are simply not linked
        return frozenset()


def _plans(ctx: GenContext) -> list[_Plan]:
    """Which goals exist when, and how their status and target change: week by week."""
    rng = ctx.rng("goals")
    days = ctx.life.days
    first, last = days[0].day, days[-1].day
    plans: list[_Plan] = []
    active: list[_Plan] = []
    paused: dict[str, date] = {}  # goal id -> resume day
    wanted = 2
    week = week_start(first, 0)
    while week <= last:
        if rng.random() < 0.04:
            wanted = rng.choice([1, 2, 2, 3, 3])
        for plan in list(active):
            era = plan.eras[-1]
            if plan.goal_id in paused:
                if week >= paused[plan.goal_id]:
                    del paused[plan.goal_id]
                    plan.eras.append(Era(week, "active", era.target))
                continue
            once_done = era.target.kind == "once" and (week - plan.start).days > rng.randint(7, 40)
            if once_done or rng.random() < 0.035:
                status = "done" if once_done or rng.random() < 0.6 else "archived"
                plan.eras.append(Era(week, status, era.target))
                plan.end = week
                active.remove(plan)
            elif rng.random() < 0.02:
                plan.eras.append(Era(week, "paused", era.target))
                paused[plan.goal_id] = week + timedelta(weeks=rng.randint(1, 6))
            elif era.target.kind == "weekly" and rng.random() < 0.03:
                n = max(1, min(7, era.target.per_week + rng.choice([-1, -1, 1])))
                plan.eras.append(Era(week, "active", Target.weekly(n)))
        while len([p for p in active if p.goal_id not in paused]) < wanted and week <= last:
            template = rng.choice(TEMPLATES)
            start = min(last, week + timedelta(days=rng.randint(0, 6)))
            kind, per_week = template[2], template[3]
            target = Target.daily() if kind == "daily" else Target.once() if kind == "once" else Target.weekly(per_week)
            plan = _Plan(f"{rng.getrandbits(128):032x}", template, start, [Era(start, "active", target)])
            plans.append(plan)
            active.append(plan)
        week += timedelta(weeks=1)
    return plans


def _created(day: date) -> datetime:
    return datetime.combine(day, time(20, 15), UTC)


def gen_goals(ctx: GenContext) -> Iterator[Goal]:
    skills = _known_skills()
    for order, plan in enumerate(_plans(ctx), 1):
        title, category, kind, per_week, why, skill = plan.template
        draft = GoalDraft(title=title, why=why, category=category, kind=kind, per_week=per_week,
                          skill_id=skill if skill in skills else None, start=plan.start)
        fields = validate(draft, ctx.now.date())  # exactly what the app accepts
        fields.pop("target")
        changed = _created(plan.eras[-1].since) if len(plan.eras) > 1 else _created(plan.start)
        yield Goal(id=plan.goal_id, version=1, eras=tuple(plan.eras), order=order,
                   created=_created(plan.start), updated=changed, **fields)


def gen_ticks(ctx: GenContext) -> Iterator[Tick]:
    rng = ctx.rng("ticks")
    by_day = {d.day: d for d in ctx.life.days}
    for plan in _plans(ctx):
        goal = Goal(plan.goal_id, 1, "", "other", plan.start, tuple(plan.eras))
        day = plan.start
        last = min(plan.end or ctx.life.last, ctx.life.last)
        once_ticked = False
        while day <= last:
            life = by_day.get(day)
            era = goal.era_on(day)
            if life is not None and not life.gap and era.status == "active" and not once_ticked:
                base = era.target.per_week / 7 * (0.92 if era.target.kind == "daily" else 1.0)
                mood = 0.55 if life.bad_week else 1.15 if life.good_spell else 1.0
                if rng.random() < min(0.97, base * mood * 1.3):
                    at = datetime.combine(day, time(rng.randint(7, 22), rng.randrange(60)), life.at(12, 0).tzinfo)
                    source = "practice" if plan.template[5] and rng.random() < 0.7 else "manual"
                    yield Tick(f"{rng.getrandbits(128):032x}", 1, plan.goal_id, day, at, source)
                    once_ticked = era.target.kind == "once"
            day += timedelta(days=1)


def gen_reviews(ctx: GenContext) -> Iterator[Review]:
    """A review (or a skipped one) for most weeks that had goals, written on the Monday after."""
    rng = ctx.rng("reviews")
    plans = _plans(ctx)
    ticks: dict[str, set[date]] = {}
    for t in gen_ticks(ctx):
        ticks.setdefault(t.goal_id, set()).add(t.day)
    week = week_start(ctx.life.first, 0)
    while week + timedelta(days=7) <= ctx.life.last:
        end = week + timedelta(days=6)
        items = []
        for plan in plans:
            goal = Goal(plan.goal_id, 1, plan.template[0], "other", plan.start, tuple(plan.eras))
            if not goal.active_between(week, end):
                continue
            target = goal.era_on(end).target
            done = sum(1 for d in ticks.get(plan.goal_id, ()) if week <= d <= end)
            needed = target.needed((end - max(week, plan.start)).days + 1)
            nxt = goal.era_on(end + timedelta(days=7))
            decision = {"done": "done", "archived": "archive", "paused": "pause"}.get(nxt.status, "keep")
            if nxt.target != target and decision == "keep":
                decision = "adjust"
            items.append(ReviewItem(plan.goal_id, plan.template[0], min(done, 7), needed, target, decision,
                                    nxt.target if decision == "adjust" else None))
        roll = rng.random()
        if items and roll < 0.85:
            at = _created(end + timedelta(days=1)) + timedelta(minutes=rng.randrange(600))
            skipped = roll >= REVIEW_SHARE
            helped = "" if skipped else rng.choice(HELPED) + (". " + texts.note(rng, 6, (), 12) if rng.random() < 0.4 else "")
            hindered = "" if skipped else rng.choice(HINDERED)
            yield Review(f"{rng.getrandbits(128):032x}", 1, week, () if skipped else tuple(items), helped=helped,
                         hindered=hindered, skipped=skipped, created=at.replace(microsecond=0),
                         updated=at.replace(microsecond=0))
        week += timedelta(weeks=1)


def _dump_goals(ws: Workspace) -> Iterable[tuple[str, int, dict]]:
    return ((g.id, g.version, g.to_payload()) for g in ws.goals.all())


def _dump_ticks(ws: Workspace) -> Iterable[tuple[str, int, dict]]:
    return ((t.id, t.version, t.to_payload()) for t in ws.goals.ticks())


def _dump_reviews(ws: Workspace) -> Iterable[tuple[str, int, dict]]:
    return ((r.id, r.version, r.to_payload()) for r in ws.reviews.all())


#: (name, generate, insert, dump) for benchmarks.generate.RecordType, appended to its GENERATORS
#: in this order (ticks and reviews refer to the goals).
RECORD_TYPES = [
    ("goals", gen_goals, lambda ws, chunk: ws.goals.import_many(chunk, [])[0], _dump_goals),
    ("ticks", gen_ticks, lambda ws, chunk: ws.goals.import_many([], chunk)[1], _dump_ticks),
    ("reviews", gen_reviews, lambda ws, chunk: ws.reviews.import_many(chunk), _dump_reviews),
]
