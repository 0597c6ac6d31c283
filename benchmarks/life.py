"""One synthetic person's days: the shared timeline every record generator draws from.

A ``Life`` is built once per vault from the seed. Each ``Day`` carries the latent mood
and energy of that day, what happened (tags from the asset vocabulary plus a few of the
person's own), whether it fell in a bad week or in a stretch without the app, and how
many check-ins the person made. Record generators (check-ins today; journal entries,
skill practices and goals in later issues) read the same days, so their records agree
with each other: a bad week shows up in the mood scores, the journal and the skills log.

The model, in one place so it is easy to reason about:

* mood = 6 + slow trend (therapy helps a little over the years, plus multi-month waves)
  + season (winter lower) + weekday rhythm (Monday dip, weekend lift) + AR(1) day noise
  + bad weeks (≈6 a year, 4–16 days, 1.5–3 points lower) + a few good spells
  + the effects of that day's tags (exercise/outside/friends up; alcohol, screens late,
  poor sleep, conflict down; alcohol and late screens also weigh on the next day);
* bad weeks also change behaviour: less exercise, more staying home and skipped meals;
* engagement drifts slowly; ≈10 % of days have no check-in (more in bad weeks), and a
  few multi-week gaps (holidays, burn-out) have none at all; active days have 1–5.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache

from companion_tui.core.kernel import assets

# (tag, probability on a weekday, on a weekend day, effect on mood, multiplier in a bad week)
# Probabilities are per day; each check-in then mentions some of the day's tags.
TAG_TABLE: tuple[tuple[str, float, float, float, float], ...] = (
    # self-care
    ("ate regular meals", 0.40, 0.35, 0.10, 0.6),
    ("drank water", 0.30, 0.25, 0.00, 0.8),
    ("rested", 0.08, 0.30, 0.10, 1.3),
    ("time for myself", 0.12, 0.30, 0.20, 0.8),
    # body & movement
    ("exercise", 0.25, 0.35, 0.45, 0.4),
    ("walk", 0.30, 0.50, 0.20, 0.6),
    ("stretching", 0.10, 0.10, 0.05, 0.7),
    ("sport", 0.04, 0.20, 0.35, 0.4),
    # people
    ("saw friends", 0.10, 0.40, 0.40, 0.4),
    ("family time", 0.08, 0.35, 0.20, 0.8),
    ("talked to someone", 0.20, 0.20, 0.20, 1.3),
    ("spent time alone", 0.18, 0.25, -0.10, 1.8),
    ("conflict", 0.05, 0.06, -0.80, 2.0),
    # outside & places
    ("outside", 0.35, 0.60, 0.30, 0.5),
    ("nature", 0.04, 0.25, 0.30, 0.5),
    ("stayed home", 0.12, 0.30, -0.20, 2.2),
    # habits to watch
    ("screens late", 0.30, 0.35, -0.20, 1.5),
    ("caffeine late", 0.10, 0.06, -0.10, 1.3),
    ("skipped meals", 0.07, 0.06, -0.25, 2.5),
    # work & study
    ("busy day", 0.25, 0.08, -0.20, 1.2),
    ("deadline", 0.06, 0.01, -0.50, 1.5),
    # therapy (besides the weekly session)
    ("practised a skill", 0.12, 0.12, 0.20, 1.4),
    ("journaled", 0.12, 0.15, 0.10, 1.2),
    # fun & rest
    ("hobby", 0.15, 0.30, 0.30, 0.5),
    ("music", 0.25, 0.25, 0.10, 0.9),
    ("reading", 0.18, 0.25, 0.10, 0.8),
    ("creative time", 0.07, 0.15, 0.30, 0.5),
)
# Tags handled by special rules below (weekday/season/period dependent, or exclusive pairs).
SPECIAL_TAGS: dict[str, float] = {
    "slept well": 0.40,
    "poor sleep": -0.60,
    "took medication": 0.0,
    "time with partner": 0.20,
    "sunlight": 0.20,
    "alcohol": -0.55,
    "work": -0.10,
    "study": -0.05,
    "day off": 0.30,
    "therapy session": 0.00,
    "did homework": 0.10,
}
# A few tags of the person's own, as people add them (not in the starter vocabulary).
OWN_TAGS: tuple[tuple[str, float, float, float, float], ...] = (
    ("cooking", 0.10, 0.20, 0.10, 0.6),
    ("gaming", 0.10, 0.20, 0.00, 1.4),
    ("volunteering", 0.01, 0.04, 0.30, 0.5),
)
# Yesterday's habits that still weigh on today.
CARRY_OVER = {"alcohol": -0.45, "screens late": -0.20, "poor sleep": -0.15}

WEEKDAY_EFFECT = (-0.25, -0.05, 0.0, 0.0, 0.10, 0.20, 0.0)  # Monday .. Sunday


@cache
def check_vocabulary() -> None:
    """Fail loudly if the asset vocabulary lost a tag the model relies on."""
    starter = set(assets.starter_tags())
    wanted = {t[0] for t in TAG_TABLE} | set(SPECIAL_TAGS)
    missing = sorted(wanted - starter)
    if missing:
        raise RuntimeError(f"assets/tags.toml no longer has these tags the generator uses: {missing}")
    clash = sorted({t[0] for t in OWN_TAGS} & starter)
    if clash:
        raise RuntimeError(f"these 'own' tags are now starter tags; pick other words: {clash}")


def tag_effects() -> dict[str, float]:
    effects = {t[0]: t[3] for t in TAG_TABLE + OWN_TAGS}
    effects.update(SPECIAL_TAGS)
    return effects


def central_european(day: date) -> timezone:
    """CET/CEST by the EU rule (last Sunday of March / October), without tzdata."""

    def last_sunday(year: int, month: int) -> date:
        d = date(year, month + 1, 1) - timedelta(days=1)
        return d - timedelta(days=(d.weekday() - 6) % 7)

    summer = last_sunday(day.year, 3) <= day < last_sunday(day.year, 10)
    return timezone(timedelta(hours=2 if summer else 1))


#: Check-ins per calendar day the usual model gives (≈ 2.25 on an active day, ≈ 14 % of days without).
USUAL_PER_DAY = 1.93


@dataclass(frozen=True)
class Day:
    day: date
    mood: float  # latent mood on the 1–10 scale, before per-check-in noise
    energy: float  # latent energy on the 1–5 scale
    tags: tuple[str, ...]  # what happened that day, in table order
    checkins: int  # how many check-ins the person made (0 = none)
    bad_week: bool
    good_spell: bool
    gap: bool  # inside a multi-week stretch without the app
    cutoff: datetime | None = None  # on the last day only: the end of the synthetic life

    @property
    def weekend(self) -> bool:
        return self.day.weekday() >= 5

    def at(self, hour: int, minute: int) -> datetime:
        """A local time on this day, with the person's UTC offset for that date.

        Nothing happens after the life's end (``end_moment`` of the last day, the benchmark's
        "now"): a later time on the last day is moved back into the two hours before it.
        """
        t = datetime(self.day.year, self.day.month, self.day.day, hour, minute, tzinfo=central_european(self.day))
        if self.cutoff is not None and t >= self.cutoff:
            t = self.cutoff - timedelta(minutes=1 + (60 * hour + minute) % 120)
        return t


def end_moment(day: date) -> datetime:
    """Where a synthetic life ends and the benchmark's clock stands: 21:30 local on ``day``."""
    return datetime(day.year, day.month, day.day, 21, 30, tzinfo=central_european(day))


@dataclass(frozen=True)
class Life:
    seed: int
    first: date
    last: date
    days: tuple[Day, ...]

    @classmethod
    def build(cls, seed: int, first: date, last: date, checkins_per_day: float | None = None) -> Life:
        """``checkins_per_day``: None for the usual ≈ 2 a day (1–5 on active days); a number for a
        heavier user (the 25-year size: 4), up to 8 on active days. None draws exactly what it always did."""
        check_vocabulary()
        if checkins_per_day is None:
            mean_active, cap = 2.25, 5
        else:
            mean_active, cap = 2.25 * checkins_per_day / USUAL_PER_DAY, 8
        rng = random.Random(f"{seed}:life")
        n = (last - first).days + 1
        span_years = n / 365.25

        # Slow shape of these years: a gentle improvement and two or three long waves.
        improvement = rng.uniform(0.5, 1.1)
        waves = [(rng.uniform(0.2, 0.5), rng.uniform(300, 1100), rng.uniform(0, 2 * math.pi)) for _ in range(3)]
        engagement_waves = [(rng.uniform(0.1, 0.25), rng.uniform(120, 700), rng.uniform(0, 2 * math.pi)) for _ in range(2)]
        # Life periods: in therapy, on medication, with a partner, studying.
        therapy = _periods(rng, n, count=max(1, round(span_years / 3)), length=(180, 900))
        medication = _periods(rng, n, count=max(1, round(span_years / 5)), length=(240, 1200))
        partner = _periods(rng, n, count=1 if span_years < 2 else 2, length=(n // 3, max(n // 3 + 1, n * 2 // 3)))
        study = _periods(rng, n, count=max(1, round(span_years / 4)), length=(90, 400))
        therapy_weekday = rng.randrange(5)

        effects = tag_effects()
        days: list[Day] = []
        ar = 0.0
        episode_left = episode_len = 0
        episode_depth = 0.0
        spell_left = 0
        gap_left = 0
        yesterday: tuple[str, ...] = ()
        for i in range(n):
            day = first + timedelta(days=i)
            wd = day.weekday()
            weekend = wd >= 5
            t = i / max(1, n - 1)

            # Episodes: bad weeks, good spells (holidays), multi-week gaps without the app.
            if episode_left == 0 and spell_left == 0 and rng.random() < 1 / 60:
                episode_len = episode_left = rng.randint(4, 16)
                episode_depth = rng.uniform(1.5, 3.0)
            elif episode_left == 0 and spell_left == 0 and rng.random() < 1 / 180:
                spell_left = rng.randint(7, 14)
            if gap_left == 0 and rng.random() < 1 / 700:
                gap_left = rng.randint(14, 42)
            bad = episode_left > 0
            good = spell_left > 0
            gap = gap_left > 0
            bad_level = 0.0
            if bad:
                k = episode_len - episode_left  # days into the episode
                ramp = min(1.0, (k + 1) / 2, (episode_left + 1) / 3)
                bad_level = episode_depth * ramp
                episode_left -= 1
            if good:
                spell_left -= 1
            if gap:
                gap_left -= 1

            # What happened today.
            tags: list[str] = []
            in_therapy = _inside(therapy, i)
            holiday = good or (weekend and rng.random() < 0.1)
            if rng.random() < (0.30 if bad else 0.42):
                tags.append("slept well")
            elif rng.random() < (0.35 if bad else 0.14):
                tags.append("poor sleep")
            if _inside(medication, i) and rng.random() < 0.75:
                tags.append("took medication")
            for tag, p_wd, p_we, _effect, bad_mult in TAG_TABLE + OWN_TAGS:
                p = p_we if (weekend or holiday) else p_wd
                if bad:
                    p = min(0.95, p * bad_mult)
                if rng.random() < p:
                    tags.append(tag)
            if _inside(partner, i) and rng.random() < (0.6 if weekend else 0.4):
                tags.append("time with partner")
            summer = 0.5 - 0.5 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 20) / 365.25)
            if rng.random() < 0.08 + 0.35 * summer:
                tags.append("sunlight")
            if rng.random() < (0.25 if wd in (4, 5) else 0.05) * (1.5 if bad else 1.0):
                tags.append("alcohol")
            if holiday or weekend:
                if rng.random() < 0.6:
                    tags.append("day off")
            else:
                tags.append("work" if rng.random() < 0.88 else "day off")
            if _inside(study, i) and rng.random() < (0.3 if weekend else 0.5):
                tags.append("study")
            if in_therapy and wd == therapy_weekday and rng.random() < 0.85:
                tags.append("therapy session")
            if in_therapy and rng.random() < 0.15:
                tags.append("did homework")

            # Today's mood.
            ar = 0.75 * ar + rng.gauss(0, 0.45)
            trend = improvement * (1 / (1 + math.exp(-8 * (t - 0.45))) - 0.5)
            trend += sum(a * math.sin(2 * math.pi * i / period + phase) for a, period, phase in waves)
            season = -0.35 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 20) / 365.25)
            mood = 6.0 + trend + season + WEEKDAY_EFFECT[wd] + ar - bad_level + (0.6 if good else 0.0)
            mood += sum(effects[tg] for tg in tags)
            mood += sum(CARRY_OVER.get(tg, 0.0) for tg in yesterday)
            energy = 3.0 + 0.35 * (mood - 6.0) + rng.gauss(0, 0.3)
            if "poor sleep" in tags:
                energy -= 0.7
            if "exercise" in tags:
                energy += 0.3

            # How many times the person checked in.
            engagement = 1.0 + sum(a * math.sin(2 * math.pi * i / p + ph) for a, p, ph in engagement_waves)
            if gap or rng.random() < 0.09 + (0.12 if bad else 0.0) + (0.05 if weekend else 0.0):
                count = 0
            else:
                count = max(1, min(cap, round(rng.gauss(mean_active * engagement, 0.95))))

            cutoff = end_moment(day) if day == last else None
            days.append(Day(day, mood, energy, tuple(tags), count, bad, good, gap, cutoff))
            yesterday = tuple(tags)
        return cls(seed, first, last, tuple(days))


def _periods(rng: random.Random, n: int, count: int, length: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    for _ in range(count):
        lo, hi = length
        size = min(n, rng.randint(lo, max(lo, hi)))
        start = rng.randrange(max(1, n - size + 1))
        out.append((start, start + size))
    return out


def _inside(periods: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in periods)
