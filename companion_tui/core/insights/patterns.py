"""Patterns in a period: by weekday, by time of day, emotions most felt, what goes with better days.

Pure functions over a ``core.insights.trends.MoodIndex`` (see that module for the definitions of a
day's mean). Wording is careful: these are things that go together in someone's own
check-ins, never causes, and never a judgement.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from companion_tui.core.insights.trends import MoodIndex

#: Parts of the day by the hour a check-in was made (start inclusive, end exclusive).
TIMES_OF_DAY = (("Morning", 5, 12), ("Afternoon", 12, 17), ("Evening", 17, 22), ("Night", 22, 5))
#: "What goes with better days" needs at least this many days with a tag, and without it.
MIN_DAYS = 3


@dataclass(frozen=True)
class Average:
    label: str  # "Mon", "Morning (5–12)"
    mean: float | None
    n: int  # days (by weekday) or check-ins (by time of day)


def by_weekday(index: MoodIndex, first: date, last: date, first_weekday: int = 0) -> list[Average]:
    """The mean of day means for each weekday, in week order starting at ``first_weekday``."""
    sums = [0.0] * 7
    counts = [0] * 7
    for day in index.days_between(first, last):
        sums[day.weekday()] += index.stats[day].mean
        counts[day.weekday()] += 1
    order = [(first_weekday + i) % 7 for i in range(7)]
    return [Average(calendar.day_abbr[w], sums[w] / counts[w] if counts[w] else None, counts[w]) for w in order]


def time_of_day(hour: int) -> int:
    """Index into TIMES_OF_DAY for an hour 0–23."""
    for i, (_, start, end) in enumerate(TIMES_OF_DAY):
        if (start <= hour < end) if start < end else (hour >= start or hour < end):
            return i
    raise ValueError(hour)


def by_time_of_day(index: MoodIndex, first: date, last: date) -> list[Average]:
    """The mean score of check-ins made in each part of the day (by their own local hour)."""
    sums = [0] * len(TIMES_OF_DAY)
    counts = [0] * len(TIMES_OF_DAY)
    for c in index.checkins_between(first, last):
        i = time_of_day(c.at.hour)
        sums[i] += c.score
        counts[i] += 1
    return [
        Average(f"{name} ({start}–{end})", sums[i] / counts[i] if counts[i] else None, counts[i])
        for i, (name, start, end) in enumerate(TIMES_OF_DAY)
    ]


# -- emotions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmotionCount:
    word: str
    count: int  # check-ins naming it


@dataclass(frozen=True)
class EmotionsFelt:
    pleasant: tuple[EmotionCount, ...]
    unpleasant: tuple[EmotionCount, ...]
    other: tuple[EmotionCount, ...]  # the person's own words, not in the vocabulary
    checkins: int  # check-ins in the period
    named: int  # of which named at least one emotion

    @property
    def empty(self) -> bool:
        return not (self.pleasant or self.unpleasant or self.other)


def emotions_felt(index: MoodIndex, first: date, last: date, vocabulary: dict[str, bool] | None = None) -> EmotionsFelt:
    """How often each emotion was named, most felt first (ties alphabetical).

    ``vocabulary`` maps a word to whether it is pleasant (default: ``assets.emotions()``);
    words outside it are the person's own and counted under "other".
    """
    if vocabulary is None:
        from companion_tui.core.kernel import assets

        vocabulary = {e.word: e.pleasant for e in assets.emotions()}
    counts: dict[str, int] = {}
    checkins = named = 0
    for c in index.checkins_between(first, last):
        checkins += 1
        if c.emotions:
            named += 1
        for word in set(c.emotions):
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    groups: dict[object, list[EmotionCount]] = {True: [], False: [], None: []}
    for word, n in ranked:
        groups[vocabulary.get(word)].append(EmotionCount(word, n))
    return EmotionsFelt(tuple(groups[True]), tuple(groups[False]), tuple(groups[None]), checkins, named)


# -- what goes with better days -----------------------------------------------------------------


@dataclass(frozen=True)
class Association:
    """Mean mood on days with a tag and on days (with check-ins) without it."""

    tag: str
    with_mean: float | None
    without_mean: float | None
    with_days: int
    without_days: int

    @property
    def enough(self) -> bool:
        return self.with_days >= MIN_DAYS and self.without_days >= MIN_DAYS

    @property
    def difference(self) -> float | None:
        if not self.enough or self.with_mean is None or self.without_mean is None:
            return None  # (enough days on both sides means both means are there)
        return self.with_mean - self.without_mean

    def sentence(self) -> str:
        if not self.enough:
            return (
                f"{self.tag}: not enough data yet ({_days(self.with_days)} with it, {_days(self.without_days)} without; "
                f"needs at least {MIN_DAYS} of each)."
            )
        return (
            f"Days with {self.tag} averaged {self.with_mean:.1f} vs {self.without_mean:.1f} without "
            f"({self.with_days:,} vs {self.without_days:,} days)."
        )


CAUTION = (
    "These are things that went together in your check-ins, not causes: "
    "a tag may come with better days for many reasons."
)


def _days(n: int) -> str:
    return f"{n:,} day{'s' if n != 1 else ''}"


def better_days(index: MoodIndex, first: date, last: date) -> list[Association]:
    """One entry per tag used in the period.

    Tags with enough data (MIN_DAYS with and without) come first, by difference (largest
    first, then more days, then name); the rest follow, most used first, as "not enough data".
    A day "has" a tag when any of its check-ins has it; its mood is the day's mean.
    """
    days = index.days_between(first, last)
    day_tags = {d: {t for c in index.by_day[d] for t in c.tags} for d in days}
    total_sum = sum(index.stats[d].mean for d in days)
    with_sum: dict[str, float] = {}
    with_n: dict[str, int] = {}
    for d, tags in day_tags.items():
        for t in tags:
            with_sum[t] = with_sum.get(t, 0.0) + index.stats[d].mean
            with_n[t] = with_n.get(t, 0) + 1
    out = []
    for tag, n in with_n.items():
        without = len(days) - n
        out.append(Association(
            tag,
            with_sum[tag] / n,
            (total_sum - with_sum[tag]) / without if without else None,
            n,
            without,
        ))
    enough = sorted((a for a in out if a.enough), key=lambda a: (-(a.difference or 0.0), -a.with_days, a.tag))
    rest = sorted((a for a in out if not a.enough), key=lambda a: (-a.with_days, a.tag))
    return enough + rest
