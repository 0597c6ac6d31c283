"""This week's mood next to last week's, for the Today pane: a plain mean comparison.

The mean is over days (each day's own mean first), so a day with five check-ins counts as
much as a day with one. The sentence says what the numbers are and never judges them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from companion_tui.core.clock import week_start


@dataclass(frozen=True)
class WeekComparison:
    this_mean: float | None
    last_mean: float | None
    this_days: int
    last_days: int

    def sentence(self) -> str:
        if self.this_mean is None and self.last_mean is None:
            return "No check-ins this week or last yet."
        if self.this_mean is None:
            return f"Mood last week: {self.last_mean:.1f} on average; none yet this week."
        if self.last_mean is None:
            return f"Mood this week: {self.this_mean:.1f} on average (no check-ins last week)."
        diff = self.this_mean - self.last_mean
        how = "about the same as" if abs(diff) < 0.5 else "a little above" if diff > 0 else "a little below"
        if abs(diff) >= 1.5:
            how = "above" if diff > 0 else "below"
        return f"Mood this week {self.this_mean:.1f}, {how} last week's {self.last_mean:.1f}."


def _mean(values: list[float | None]) -> tuple[float | None, int]:
    days = [v for v in values if v is not None]
    return (sum(days) / len(days), len(days)) if days else (None, 0)


def week_vs_last(moods, today: date, first_weekday: int = 0) -> WeekComparison:  # noqa: ANN001
    """Compare this week so far with the whole of last week (``moods`` is a MoodLog)."""
    start = week_start(today, first_weekday)
    this_mean, this_days = _mean(moods.daily_means(start, today))
    last_start = start - timedelta(days=7)
    last_mean, last_days = _mean(moods.daily_means(last_start, start - timedelta(days=1)))
    return WeekComparison(this_mean, last_mean, this_days, last_days)
