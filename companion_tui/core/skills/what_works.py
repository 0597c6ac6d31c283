"""What works for you: plain statistics over the practice log, honest about small numbers.

Pure functions over ``Practice`` objects (anything with ``skill_id``, ``at``, ``before``,
``after`` and ``helped``); no I/O.

Per skill: how many practices, the average drop in distress (before − after, only where
both were given), how often it helped quite a bit or a lot (of the times that was
answered), and when it was last practised. A figure is only offered once it rests on at
least ``MIN_TO_SAY`` answers; below that the verdict says so ("2 practices — too few to
say"). Skills are sorted by what helps most: a score that averages the drop (out of 10)
and the share that helped, over whichever of the two there is enough of.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

MIN_TO_SAY = 3
HELPED_MUCH = frozenset({"quite_a_bit", "a_lot"})


class PracticeLike(Protocol):
    """What is read of a practice (read-only: practices are frozen)."""

    @property
    def skill_id(self) -> str: ...

    @property
    def at(self) -> datetime: ...

    @property
    def before(self) -> int | None: ...

    @property
    def after(self) -> int | None: ...

    @property
    def helped(self) -> str | None: ...


@dataclass(frozen=True)
class SkillStats:
    skill_id: str
    practices: int
    rated: int  # practices with distress before and after
    total_drop: int  # sum of before − after over those
    answered: int  # practices where "how much it helped" was answered
    helped_much: int  # of those, quite a bit or a lot
    last: datetime | None

    @property
    def avg_drop(self) -> float | None:
        return self.total_drop / self.rated if self.rated else None

    @property
    def helped_share(self) -> float | None:
        return self.helped_much / self.answered if self.answered else None

    @property
    def drop_known(self) -> bool:
        return self.rated >= MIN_TO_SAY

    @property
    def share_known(self) -> bool:
        return self.answered >= MIN_TO_SAY

    @property
    def enough(self) -> bool:
        return self.drop_known or self.share_known

    @property
    def score(self) -> float | None:
        """0..1 (negative if distress tends to rise): the mean of the measures there is enough of."""
        parts: list[float] = []
        if self.drop_known and self.avg_drop is not None:  # known: rated >= MIN_TO_SAY > 0
            parts.append(self.avg_drop / 10)
        if self.share_known and self.helped_share is not None:
            parts.append(self.helped_share)
        return sum(parts) / len(parts) if parts else None

    def verdict(self) -> str:
        """One honest sentence about this skill."""
        n = f"{self.practices} practice{'s' if self.practices != 1 else ''}"
        if self.practices < MIN_TO_SAY:
            return f"{n} — too few to say"
        if not self.enough:
            return f"{n} — too few ratings to say (add distress before and after, or how much it helped)"
        bits = []
        if self.drop_known:
            drop = self.avg_drop or 0.0
            if abs(drop) < 0.05:
                bits.append("distress about the same after")
            elif drop > 0:
                bits.append(f"distress down {drop:.1f} on average")
            else:
                bits.append(f"distress up {-drop:.1f} on average")
        if self.share_known:
            bits.append(f"helped quite a bit or a lot {self.helped_much} of {self.answered} times")
        return f"{n} — " + "; ".join(bits)


def _sort_key(s: SkillStats) -> tuple:
    score = s.score
    return (score is None, -(score if score is not None else 0.0), -s.practices,
            -(s.last.timestamp() if s.last else 0.0), s.skill_id)


def what_works(practices: Iterable[PracticeLike]) -> list[SkillStats]:
    """Statistics for every skill practised at least once, sorted by what helps most."""
    acc: dict[str, list] = {}
    for p in practices:
        a = acc.get(p.skill_id)
        if a is None:
            a = acc[p.skill_id] = [0, 0, 0, 0, 0, None]
        a[0] += 1
        if p.before is not None and p.after is not None:
            a[1] += 1
            a[2] += p.before - p.after
        if p.helped:
            a[3] += 1
            if p.helped in HELPED_MUCH:
                a[4] += 1
        if a[5] is None or p.at > a[5]:
            a[5] = p.at
    stats = [SkillStats(sid, *a) for sid, a in acc.items()]
    return sorted(stats, key=_sort_key)


@dataclass(frozen=True)
class Point:
    at: datetime
    before: int | None
    after: int | None


def series(practices: Iterable[PracticeLike], skill_id: str) -> list[Point]:
    """Distress before/after for one skill, oldest first (practices with neither are left out)."""
    points = [Point(p.at, p.before, p.after) for p in practices
              if p.skill_id == skill_id and (p.before is not None or p.after is not None)]
    return sorted(points, key=lambda pt: pt.at)


def helped_skills(practices: Iterable[PracticeLike]) -> dict[str, datetime]:
    """Skills that helped at least once (quite a bit / a lot, or distress went down): id -> last practised."""
    helped: dict[str, datetime] = {}
    last: dict[str, datetime] = {}
    for p in practices:
        if last.get(p.skill_id) is None or p.at > last[p.skill_id]:
            last[p.skill_id] = p.at
        if p.helped in HELPED_MUCH or (p.before is not None and p.after is not None and p.after < p.before):
            helped[p.skill_id] = p.at
    return {sid: last[sid] for sid in helped}


def suggest(practices: Iterable[PracticeLike], available: list[str], day: date | None = None) -> str | None:
    """One skill to suggest today: of the skills that helped, the least recently practised;
    with no such history, one of the ``available`` skills not practised yet (changing with
    ``day``, so the suggestion varies from day to day), else the first available."""
    practices = list(practices)
    allowed = set(available)
    helped = {sid: at for sid, at in helped_skills(practices).items() if sid in allowed}
    if helped:
        return min(helped, key=lambda sid: (helped[sid], sid))
    tried = {p.skill_id for p in practices}
    fresh = [sid for sid in available if sid not in tried]
    pool = fresh or available
    if not pool:
        return None
    return pool[day.toordinal() % len(pool)] if day else pool[0]
