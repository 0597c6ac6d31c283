"""A sparkline of daily mood that shows gaps as gaps (no interpolation)."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static

BLOCKS = "▁▂▃▄▅▆▇█"
GAP = "·"


def mood_style(score: float) -> str:
    if score >= 7.5:
        return "bold green"
    if score >= 5.5:
        return "green"
    if score >= 4:
        return "yellow"
    return "red"


def spark_text(means: list[float | None], first: date, cell: int = 3) -> Text:
    """One cell per day: a block scaled 1..10, a dot where there was no check-in, day initials below."""
    bars = Text()
    days = Text(style="dim")
    for i, mean in enumerate(means):
        day = first + timedelta(days=i)
        if mean is None:
            bars.append(GAP.center(cell), style="dim")
        else:
            index = min(len(BLOCKS) - 1, max(0, round((mean - 1) / 9 * (len(BLOCKS) - 1))))
            bars.append((BLOCKS[index] * 2).center(cell), style=mood_style(mean))
        days.append(day.strftime("%a")[:2].center(cell))
    return Text("\n").join([bars, days])


class MoodSpark(Static):
    def show(self, means: list[float | None], first: date) -> None:
        self.update(spark_text(means, first))
