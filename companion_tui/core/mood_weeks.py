"""This week's mood next to last week's: now in ``core.insights`` (kept for older callers).

``week_vs_last(moods, today, first_weekday)`` takes a MoodLog here; ``core.insights.week_vs_last``
takes the check-ins themselves (or a ``MoodIndex``).
"""

from __future__ import annotations

from datetime import date

from companion_tui.core import insights
from companion_tui.core.insights import WeekComparison

__all__ = ["WeekComparison", "week_vs_last"]


def week_vs_last(moods, today: date, first_weekday: int = 0) -> WeekComparison:  # noqa: ANN001
    """Compare this week so far with the whole of last week (``moods`` is a MoodLog)."""
    return insights.week_vs_last(moods.newest_first(), today, first_weekday)
