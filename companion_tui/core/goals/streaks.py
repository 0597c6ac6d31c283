"""Streaks and strength: pure functions over a goal's weeks (no storage, no clock).

A week is a ``WeekOutcome``: how many ticks it had, how many the target asked for, whether
the goal was active then (weeks spent paused are skipped: they neither count nor break a
streak) and whether it is the week in progress (which can add to a streak or the strength
as soon as it helps, and never takes away before it is over).

**Streak**: consecutive met weeks, counting back from the most recent one.

**Strength** follows Loop Habit Tracker's exponential score, taken a week at a time: each
week moves the score toward that week's completion (ticks / needed, at most 1) by a share
that depends on how often the goal asks for something — ``score = score·m + value·(1−m)``
with ``m = 0.5 ** (sqrt(per_week / 7) · 7 / 13)``, which is Loop's daily multiplier
``0.5 ** (sqrt(frequency) / 13)`` applied for the seven days of a week. So a daily goal
moves quickly, a once-a-week goal slowly, and one missed week only eases it down.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class WeekOutcome:
    start: date
    done: int
    needed: int
    per_week: int = 1  # how often the target asked for it (7 = every day)
    active: bool = True
    current: bool = False

    @property
    def met(self) -> bool:
        return self.done >= self.needed

    @property
    def value(self) -> float:
        return min(1.0, self.done / self.needed) if self.needed else 0.0


def multiplier(per_week: int) -> float:
    """How much of last week's strength carries into this week (0..1)."""
    frequency = max(1, min(7, per_week)) / 7
    return 0.5 ** (math.sqrt(frequency) * 7 / 13)


def current_streak(weeks: Sequence[WeekOutcome]) -> int:
    """Met weeks in a row up to now. The week in progress adds once met and never breaks it."""
    n = 0
    for w in reversed(weeks):
        if not w.active:
            continue
        if w.met:
            n += 1
        elif w.current:
            continue
        else:
            break
    return n


def best_streak(weeks: Sequence[WeekOutcome]) -> int:
    best = run = 0
    for w in weeks:
        if not w.active:
            continue
        if w.met:
            run += 1
            best = max(best, run)
        elif not w.current:
            run = 0
    return best


def strength(weeks: Sequence[WeekOutcome]) -> float:
    """Loop-style exponential score in 0..1 (see the module docstring)."""
    score = 0.0
    for w in weeks:
        if not w.active:
            continue
        m = multiplier(w.per_week)
        step = score * m + w.value * (1 - m)
        if w.current and step < score:
            continue  # the week isn't over: it can only help so far
        score = step
    return max(0.0, min(1.0, score))


def met_weeks(weeks: Sequence[WeekOutcome]) -> int:
    return sum(1 for w in weeks if w.active and w.met)


def explain_strength(value: float) -> str:
    """One plain sentence saying what the number means (never about failing)."""
    return (
        f"Strength {round(value * 100)}% grows a little each week you reach your target and eases off "
        "only slowly in weeks that don't go to plan, so one quiet week never undoes what you've built."
    )


def describe_streak(n: int, best: int = 0) -> str:
    if n == 0:
        text = "No streak running right now — any week is a good week to start one."
    elif n == 1:
        text = "1 week with the target met."
    else:
        text = f"{n} weeks in a row with the target met."
    if best > max(n, 1):
        text += f" Longest so far: {best} weeks."
    return text
