"""Mood trends as plain numbers: pure functions over check-ins, for the Insights pane and Today.

Everything starts from a ``MoodIndex`` (built once from the check-ins, O(n)); every other
function reads it and returns small frozen dataclasses. Nothing here draws, and nothing
fills in a missing day: a day without a check-in is ``None`` everywhere.

Definitions, so the numbers can be checked by hand:

- A day's **mean** is the mean of that day's scores; its **range** the lowest and highest score.
- Averages over days (``series``, ``by_weekday``, ``week_vs_last``, ``summarize``) first take
  each day's mean, so a day with five check-ins counts as much as a day with one.
- The **rolling average** on a day is the mean of the day means in the trailing window
  (7 days; for weekly/monthly buckets 4 weeks / 3 months), when at least ``min_count`` of
  those days have check-ins (3 of 7 days; 2 of 4 weeks; 2 of 3 months), and never after
  the last check-in. So it carries over a skipped day, but not over a long gap.
- ``by_time_of_day`` averages check-ins (not days), by the hour they were made at.

Time windows (week / month / quarter / year / all) are calendar periods moved with an
``offset`` (0 = the one holding today, -1 the one before …); see ``window``. Patterns,
emotions and "what goes with better days" live in ``insights_patterns``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from companion_tui.core.kernel.clock import week_start


class CheckInLike(Protocol):  # core.moods.checkins.CheckIn, or anything shaped like it (read-only: frozen)
    @property
    def score(self) -> int: ...

    @property
    def emotions(self) -> tuple[str, ...]: ...

    @property
    def tags(self) -> tuple[str, ...]: ...

    @property
    def at(self) -> datetime: ...

    @property
    def day(self) -> date: ...


RANGES = ("week", "month", "quarter", "year", "all")
RANGE_NAMES = {"week": "Week", "month": "Month", "quarter": "Quarter", "year": "Year", "all": "All time"}


# -- the index -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayStat:
    day: date
    mean: float
    low: int
    high: int
    n: int  # check-ins that day


class MoodIndex:
    """Check-ins grouped by local day, with each day's mean and range. Build once, query often."""

    def __init__(self, checkins: Iterable[CheckInLike]) -> None:
        by_day: dict[date, list[CheckInLike]] = {}
        for c in checkins:
            by_day.setdefault(c.day, []).append(c)
        self.by_day = by_day
        self.days: list[date] = sorted(by_day)  # days with check-ins, oldest first
        self.stats: dict[date, DayStat] = {}
        for day, items in by_day.items():
            scores = [c.score for c in items]
            self.stats[day] = DayStat(day, sum(scores) / len(scores), min(scores), max(scores), len(scores))

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_day.values())

    @property
    def first_day(self) -> date | None:
        return self.days[0] if self.days else None

    @property
    def last_day(self) -> date | None:
        return self.days[-1] if self.days else None

    def days_between(self, first: date, last: date) -> list[date]:
        """Days with check-ins from ``first`` to ``last`` inclusive, oldest first."""
        lo = bisect.bisect_left(self.days, first)
        hi = bisect.bisect_right(self.days, last)
        return self.days[lo:hi]

    def checkins_between(self, first: date, last: date) -> Iterator[CheckInLike]:
        for day in self.days_between(first, last):
            yield from self.by_day[day]

    def mean_of_days(self, first: date, last: date) -> tuple[float | None, int]:
        """The mean of the day means from first to last, and how many days had check-ins."""
        days = self.days_between(first, last)
        if not days:
            return None, 0
        return sum(self.stats[d].mean for d in days) / len(days), len(days)


# -- time windows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    kind: str  # one of RANGES
    first: date
    last: date
    offset: int
    label: str  # "November 2026", "23–29 Nov 2026", "Oct–Dec 2026", "2026", "since 2 Mar 2019"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> date:
    y, m = _add_months(year, month, 1)
    return date(y, m, 1) - timedelta(days=1)


def window(kind: str, today: date, offset: int = 0, first_weekday: int = 0, earliest: date | None = None) -> Window:
    """The calendar ``kind`` period holding today, moved by ``offset`` periods (negative = back).

    ``all`` runs from ``earliest`` (the first check-in; today when None) to today and ignores
    the offset. The current period can end after today (the month so far sits in the whole month).
    """
    if kind == "week":
        first = week_start(today, first_weekday) + timedelta(weeks=offset)
        last = first + timedelta(days=6)
        if first.year != last.year:
            label = f"{first:%-d %b %Y} – {last:%-d %b %Y}"
        elif first.month != last.month:
            label = f"{first:%-d %b} – {last:%-d %b %Y}"
        else:
            label = f"{first:%-d}–{last:%-d %b %Y}"
    elif kind == "month":
        y, m = _add_months(today.year, today.month, offset)
        first, last = date(y, m, 1), _month_end(y, m)
        label = f"{first:%B %Y}"
    elif kind == "quarter":
        y, m = _add_months(today.year, (today.month - 1) // 3 * 3 + 1, 3 * offset)
        first = date(y, m, 1)
        last = _month_end(*_add_months(y, m, 2))
        label = f"{first:%b}–{last:%b %Y}"
    elif kind == "year":
        first, last = date(today.year + offset, 1, 1), date(today.year + offset, 12, 31)
        label = str(first.year)
    elif kind == "all":
        first = min(earliest, today) if earliest else today
        return Window("all", first, today, 0, f"since {first:%-d %b %Y}" if earliest else "no check-ins yet")
    else:
        raise ValueError(f"Unknown range {kind!r}; choose one of {', '.join(RANGES)}.")
    return Window(kind, first, last, offset, label)


# -- mood over time ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One day (or week, or month) of the chart. Empty buckets have ``mean`` None and n 0."""

    start: date
    end: date
    mean: float | None
    low: float | None
    high: float | None
    n: int  # check-ins
    rolling: float | None


@dataclass(frozen=True)
class Series:
    window: Window
    bucket: str  # "day", "week" or "month"
    points: tuple[Point, ...]

    @property
    def rolling_label(self) -> str:
        return {"day": "7-day average", "week": "4-week average", "month": "3-month average"}[self.bucket]

    @property
    def empty(self) -> bool:
        return all(p.mean is None for p in self.points)


ROLLING = {"day": (7, 3), "week": (4, 2), "month": (3, 2)}  # bucket -> (window size, min buckets with data)


def rolling_means(values: Sequence[float | None], size: int = 7, min_count: int = 3) -> list[float | None]:
    """Trailing means over ``size`` values, skipping Nones; None where fewer than ``min_count`` exist."""
    out: list[float | None] = []
    for i in range(len(values)):
        present = [v for v in values[max(0, i - size + 1) : i + 1] if v is not None]
        out.append(sum(present) / len(present) if len(present) >= min_count else None)
    return out


def _bucket_for(win: Window) -> str:
    if win.kind != "all" or win.days <= 400:
        return "day"
    return "week" if win.days <= 4 * 366 else "month"


def _buckets(win: Window, bucket: str, first_weekday: int) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    if bucket == "day":
        return [(day, day) for day in (win.first + timedelta(days=i) for i in range(win.days))]
    if bucket == "week":
        start = week_start(win.first, first_weekday)
        while start <= win.last:
            out.append((start, start + timedelta(days=6)))
            start += timedelta(days=7)
        return out
    y, m = win.first.year, win.first.month
    while date(y, m, 1) <= win.last:
        out.append((date(y, m, 1), _month_end(y, m)))
        y, m = _add_months(y, m, 1)
    return out


def series(index: MoodIndex, win: Window, first_weekday: int = 0) -> Series:
    """The chart's points for ``win``: one per day (``all`` over long spans: per week or month).

    Day points: mean, lowest and highest score that day. Week/month points: the mean of
    their day means, and the lowest and highest day mean. The rolling average looks back
    before the window's start, so the first days of a window have one too.
    """
    bucket = _bucket_for(win)
    size, min_count = ROLLING[bucket]
    spans = _buckets(win, bucket, first_weekday)
    before = _buckets(_shifted(win, spans[0][0], size - 1, bucket), bucket, first_weekday)[: size - 1] if spans else []
    means: list[float | None] = []
    lows: list[float | None] = []
    highs: list[float | None] = []
    counts: list[int] = []
    for first, last in before + spans:
        days = index.days_between(first, last)
        stats = [index.stats[d] for d in days]
        mean: float | None
        low: float | None
        high: float | None
        if not stats:
            mean, low, high, n = None, None, None, 0
        elif bucket == "day":
            s = stats[0]
            mean, low, high, n = s.mean, s.low, s.high, s.n
        else:
            day_means = [s.mean for s in stats]
            mean, low, high, n = sum(day_means) / len(day_means), min(day_means), max(day_means), sum(s.n for s in stats)
        means.append(mean)
        lows.append(low)
        highs.append(high)
        counts.append(n)
    rolling = rolling_means(means, size, min_count)
    k = len(before)
    end = index.last_day or win.first
    points = tuple(
        Point(first, last, means[k + i], lows[k + i], highs[k + i], counts[k + i], rolling[k + i] if first <= end else None)
        for i, (first, last) in enumerate(spans)
    )
    return Series(win, bucket, points)


def _shifted(win: Window, start: date, n: int, bucket: str) -> Window:
    """A window of the ``n`` buckets just before ``start`` (for the rolling average's look-back)."""
    if bucket == "day":
        first = start - timedelta(days=n)
    elif bucket == "week":
        first = start - timedelta(weeks=n)
    else:
        first = date(*_add_months(start.year, start.month, -n), 1)
    return Window(win.kind, first, start - timedelta(days=1), 0, "")


def daily_means(index: MoodIndex, first: date, last: date) -> list[float | None]:
    """Mean score per day from first to last inclusive; None where there was no check-in."""
    return [
        s.mean if (s := index.stats.get(first + timedelta(days=i))) else None for i in range((last - first).days + 1)
    ]


# -- year in pixels ------------------------------------------------------------------------------


def year_pixels(index: MoodIndex, year: int) -> dict[date, float | None]:
    """Every day of ``year`` → that day's mean mood, or None when there was no check-in."""
    first = date(year, 1, 1)
    return {
        first + timedelta(days=i): (s.mean if (s := index.stats.get(first + timedelta(days=i))) else None)
        for i in range((date(year, 12, 31) - first).days + 1)
    }


def move_day(day: date, key: str) -> date:
    """The day the year grid moves to: left/right one day, up/down one month (clamped to its length)."""
    if key in ("left", "right"):
        return day + timedelta(days=-1 if key == "left" else 1)
    y, m = _add_months(day.year, day.month, -1 if key == "up" else 1)
    return date(y, m, min(day.day, _month_end(y, m).day))


# -- summaries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RangeSummary:
    checkins: int
    days: int  # days with check-ins
    mean: float | None  # mean of day means
    low: int | None  # lowest single score
    high: int | None

    def sentence(self) -> str:
        if not self.checkins:
            return "No check-ins in this period."
        s = "s" if self.checkins != 1 else ""
        d = "s" if self.days != 1 else ""
        spread = f", from {self.low} to {self.high}" if self.low != self.high else ""
        return f"{self.checkins:,} check-in{s} on {self.days:,} day{d}; average mood {self.mean:.1f}{spread}."


def summarize(index: MoodIndex, first: date, last: date) -> RangeSummary:
    days = index.days_between(first, last)
    if not days:
        return RangeSummary(0, 0, None, None, None)
    stats = [index.stats[d] for d in days]
    return RangeSummary(
        checkins=sum(s.n for s in stats),
        days=len(stats),
        mean=sum(s.mean for s in stats) / len(stats),
        low=min(s.low for s in stats),
        high=max(s.high for s in stats),
    )


@dataclass(frozen=True)
class WeekComparison:
    """This week so far next to the whole of last week (means of day means)."""

    this_mean: float | None
    last_mean: float | None
    this_days: int
    last_days: int

    @property
    def difference(self) -> float | None:
        if self.this_mean is None or self.last_mean is None:
            return None
        return self.this_mean - self.last_mean

    def sentence(self) -> str:
        """Says what the numbers are and never judges them."""
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


def week_vs_last(checkins: Iterable[CheckInLike] | MoodIndex, today: date, first_weekday: int = 0) -> WeekComparison:
    """Compare this week so far (up to ``today``) with the whole of last week."""
    index = checkins if isinstance(checkins, MoodIndex) else MoodIndex(checkins)
    start = week_start(today, first_weekday)
    this_mean, this_days = index.mean_of_days(start, today)
    last_mean, last_days = index.mean_of_days(start - timedelta(days=7), start - timedelta(days=1))
    return WeekComparison(this_mean, last_mean, this_days, last_days)
