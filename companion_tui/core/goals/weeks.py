"""Weeks of goals: the week grid, each goal's weekly outcomes, and its progress summary.

Pure functions over a ``GoalBook``'s in-memory goals and ticks. Days are local dates, so a
week is always seven calendar days whatever the clocks do (daylight-saving changes only
move wall-clock hours), and the week boundaries follow ``first_weekday`` (0 = Monday).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from companion_tui.core.goals import streaks
from companion_tui.core.goals.book import Goal, GoalBook
from companion_tui.core.goals.streaks import WeekOutcome
from companion_tui.core.kernel.clock import week_start

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class GridRow:
    goal: Goal
    ticked: tuple[bool, ...]  # one per day of the week
    tickable: tuple[bool, ...]  # a day that has come and is not before the goal began
    done: int
    needed: int
    active: bool  # the goal was active in this week (else shown because it has ticks)

    @property
    def met(self) -> bool:
        return self.done >= self.needed

    @property
    def progress(self) -> str:
        if self.goal.target.kind == "once":
            return "done" if self.met else "0/1"
        return f"{self.done}/{self.needed}"


@dataclass(frozen=True)
class WeekGrid:
    start: date
    today: date
    rows: tuple[GridRow, ...]

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(7))

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def is_current(self) -> bool:
        return self.start <= self.today <= self.end

    @property
    def is_future(self) -> bool:
        return self.start > self.today

    def title(self) -> str:
        span = f"{self.start:%a %-d %b} – {self.end:%a %-d %b %Y}"
        if self.start.month == self.end.month:
            span = f"{self.start:%a %-d} – {self.end:%a %-d %b %Y}"
        if self.is_current:
            return f"This week · {span}"
        if self.start == week_start(self.today, self.start.weekday()) - WEEK:
            return f"Last week · {span}"
        return span


@dataclass(frozen=True)
class Progress:
    goal: Goal
    streak: int
    best: int
    strength: float
    met_weeks: int
    weeks: tuple[WeekOutcome, ...]

    def streak_text(self) -> str:
        return streaks.describe_streak(self.streak, self.best)

    def strength_text(self) -> str:
        return streaks.explain_strength(self.strength)


def _available(goal: Goal, first: date, last: date) -> int:
    """Days from ``first`` to ``last`` on which the goal existed."""
    first = max(first, goal.start)
    return max(0, (last - first).days + 1)


def _once_done(goal: Goal, days: frozenset[date], until: date) -> int:
    return 1 if any(d <= until for d in days) else 0


def row_for(goal: Goal, days: frozenset[date], start: date, today: date) -> GridRow | None:
    """The goal's row in the week beginning ``start``, or None when it doesn't belong there."""
    end = start + timedelta(days=6)
    week = [start + timedelta(days=i) for i in range(7)]
    ticked = tuple(d in days for d in week)
    active = goal.active_between(start, end)
    if not active and not any(ticked):
        return None
    target = goal.era_on(min(end, max(today, start))).target
    if target.kind == "once":
        done, needed = _once_done(goal, days, end), 1
    else:
        done = sum(ticked)
        needed = target.needed(_available(goal, start, end))
    tickable = tuple(goal.start <= d <= today for d in week)
    return GridRow(goal, ticked, tickable, done, needed, active)


def week_grid(book: GoalBook, week_of: date, first_weekday: int = 0, today: date | None = None) -> WeekGrid:
    """The grid of the week containing ``week_of``: goals active that week (or ticked in it) as rows."""
    today = today or book.today()
    start = week_start(week_of, first_weekday)
    rows = []
    for goal in book.all():
        if goal.status == "archived" and not goal.active_between(start, start + timedelta(days=6)):
            continue
        row = row_for(goal, book.days(goal.id), start, today)
        if row is not None:
            rows.append(row)
    return WeekGrid(start, today, tuple(rows))


def week_outcomes(goal: Goal, days: frozenset[date], first_weekday: int, today: date) -> list[WeekOutcome]:
    """One outcome per week from the goal's first week to this one (once-goals have none)."""
    if goal.target.kind == "once" and all(e.target.kind == "once" for e in goal.eras):
        return []
    per_week = Counter(week_start(d, first_weekday) for d in days)
    first = week_start(goal.start, first_weekday)
    this_week = week_start(today, first_weekday)
    last = this_week
    if goal.status in ("done", "archived"):  # later weeks are all inactive: they would be skipped anyway
        ended = week_start(goal.eras[-1].since, first_weekday)
        last = min(this_week, max([ended, *per_week]))
    out: list[WeekOutcome] = []
    start = first
    while start <= last:
        end = start + timedelta(days=6)
        target = goal.era_on(min(end, today)).target
        if target.kind == "once":
            start += WEEK
            continue
        done = per_week.get(start, 0)
        needed = target.needed(_available(goal, start, end))
        active = goal.active_between(start, end) or done >= needed
        out.append(WeekOutcome(start, done, needed, target.per_week, active, start == this_week))
        start += WEEK
    return out


def progress(book: GoalBook, goal: Goal, first_weekday: int = 0, today: date | None = None) -> Progress:
    today = today or book.today()
    weeks = week_outcomes(goal, book.days(goal.id), first_weekday, today)
    return Progress(
        goal=goal,
        streak=streaks.current_streak(weeks),
        best=streaks.best_streak(weeks),
        strength=streaks.strength(weeks),
        met_weeks=streaks.met_weeks(weeks),
        weeks=tuple(weeks),
    )


def week_text(grid: WeekGrid) -> str:
    """The grid as plain text (for the CLI): a row per goal, a column per day, progress at the end."""
    if not grid.rows:
        return f"{grid.title()}\nNo goals this week. Add one with `companion goal add TITLE`."
    width = min(32, max(len(r.goal.title) for r in grid.rows))
    head = " " * width + "  " + " ".join(
        (d.strftime("%a")[:2] + ("*" if d == grid.today else " ")) for d in grid.days
    )
    lines = [grid.title(), head]
    for row in grid.rows:
        title = row.goal.title if len(row.goal.title) <= width else row.goal.title[: width - 1] + "…"
        cells = " ".join(("[x]" if t else "[ ]" if ok else " · ") for t, ok in zip(row.ticked, row.tickable))
        mark = "  met ✓" if row.met else ""
        extra = "" if row.active else f"  ({row.goal.status})"
        lines.append(f"{title.ljust(width)}  {cells}  {row.progress:>5}  {row.goal.target.label()}{mark}{extra}")
    lines.append("* today")
    return "\n".join(lines)
