"""Goals and ticks as data: the frozen records, their payloads, and validation.

A goal's target is *N times a week* (1–7), *every day* or *once*. Its status and target
can change over time; each change is kept as an ``Era`` (from a day on: this status, this
target), so past weeks are judged by the target that applied then and weeks spent paused
neither count nor break a streak. A tick is one record per goal and day (table ``ticks``);
days are local dates.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from companion_tui.core.kernel.clock import utc_now
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.records import storable
from companion_tui.core.kernel.registry import RecordType

GOALS = RecordType("goals", "goal", 1)
TICKS = RecordType("ticks", "goal tick", 1)

CATEGORIES = ("therapy homework", "self-care", "healthy habits", "connection", "other")
STATUSES = ("active", "paused", "done", "archived")
KINDS = ("weekly", "daily", "once")
TICK_SOURCES = ("manual", "practice", "cli", "import")
#: More active goals than this and we suggest, kindly, to pause one.
GENTLE_CAP = 3
MAX_TITLE = 120
MAX_WHY = 2_000

CAP_NOTE = (
    "You already have {n} goals on the go. Small steps tend to work better than many at once — "
    "you might pause one first. It's your call: you can add this one anyway."
)


@dataclass(frozen=True)
class Target:
    kind: str = "weekly"  # weekly | daily | once
    per_week: int = 1  # times a week for "weekly"; 7 for "daily"; 1 for "once"

    @classmethod
    def weekly(cls, n: int) -> Target:
        return cls("weekly", n)

    @classmethod
    def daily(cls) -> Target:
        return cls("daily", 7)

    @classmethod
    def once(cls) -> Target:
        return cls("once", 1)

    def label(self) -> str:
        if self.kind == "daily":
            return "every day"
        if self.kind == "once":
            return "once"
        return "once a week" if self.per_week == 1 else f"{self.per_week}× a week"

    def needed(self, days_available: int) -> int:
        """Ticks needed in a week in which the goal could be done on ``days_available`` days."""
        if self.kind == "once":
            return 1
        return max(1, min(self.per_week, days_available))

    def to_json(self) -> dict:
        return {"kind": self.kind, "per_week": self.per_week}

    @classmethod
    def from_json(cls, d: dict) -> Target:
        return cls(str(d["kind"]), int(d["per_week"]))


@dataclass(frozen=True)
class Era:
    """From ``since`` on (until the next era), the goal had this status and target."""

    since: date
    status: str
    target: Target

    def to_json(self) -> dict:
        return {"since": self.since.isoformat(), "status": self.status, **self.target.to_json()}

    @classmethod
    def from_json(cls, d: dict) -> Era:
        return cls(date.fromisoformat(d["since"]), str(d["status"]), Target.from_json(d))


@dataclass(frozen=True)
class GoalDraft:
    """What a person typed in the goal form, before validation."""

    title: str = ""
    why: str = ""
    category: str = "other"
    kind: str = "weekly"
    per_week: int | str | None = 1
    skill_id: str | None = None
    start: date | None = None


@dataclass(frozen=True)
class Goal:
    id: str
    version: int
    title: str
    category: str
    start: date
    eras: tuple[Era, ...]
    why: str = ""
    skill_id: str | None = None
    order: int = 0  # where it sits among the goals (the order they were added)
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)

    @property
    def status(self) -> str:
        return self.eras[-1].status

    @property
    def target(self) -> Target:
        return self.eras[-1].target

    def era_on(self, day: date) -> Era:
        """The era in effect on ``day`` (the first one for days before the goal began)."""
        current = self.eras[0]
        for era in self.eras:
            if era.since <= day:
                current = era
            else:
                break
        return current

    def active_between(self, first: date, last: date) -> bool:
        """Was the goal active on any day from ``first`` to ``last``?"""
        if last < self.start:
            return False
        if self.era_on(max(first, self.start)).status == "active":
            return True
        return any(first <= e.since <= last and e.status == "active" for e in self.eras)

    def to_payload(self) -> dict:
        return {
            "v": GOALS.version,
            "title": self.title,
            "why": self.why,
            "category": self.category,
            "skill_id": self.skill_id,
            "start": self.start.isoformat(),
            "eras": [e.to_json() for e in self.eras],
            "order": self.order,
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> Goal:
        return cls(
            id=record_id,
            version=version,
            title=p["title"],
            why=p.get("why", ""),
            category=p.get("category", "other"),
            skill_id=p.get("skill_id"),
            start=date.fromisoformat(p["start"]),
            eras=tuple(Era.from_json(e) for e in p["eras"]),
            order=int(p.get("order", 0)),
            created=datetime.fromisoformat(p["created"]),
            updated=datetime.fromisoformat(p["updated"]),
        )


@dataclass(frozen=True)
class Tick:
    id: str
    version: int
    goal_id: str
    day: date
    at: datetime
    source: str = "manual"
    ref: str | None = None  # e.g. the practice that made it

    def to_payload(self) -> dict:
        return {
            "v": TICKS.version,
            "goal_id": self.goal_id,
            "day": self.day.isoformat(),
            "at": self.at.isoformat(timespec="seconds"),
            "source": self.source,
            "ref": self.ref,
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> Tick:
        return cls(
            id=record_id,
            version=version,
            goal_id=p["goal_id"],
            day=date.fromisoformat(p["day"]),
            at=datetime.fromisoformat(p["at"]),
            source=p.get("source", "manual"),
            ref=p.get("ref"),
        )


# -- validation --------------------------------------------------------------------------


def clean_title(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def validate(draft: GoalDraft, today: date) -> dict:
    """Check a draft; return clean fields or raise ValidationError naming every problem."""
    errors: dict[str, str] = {}
    title = clean_title(draft.title)
    if not title:
        errors["title"] = "Give the goal a short title, e.g. “Walk 20 minutes”."
    elif len(title) > MAX_TITLE:
        errors["title"] = f"Keep the title under {MAX_TITLE} characters (it has {len(title)})."
    why = (draft.why or "").strip()
    if len(why) > MAX_WHY:
        errors["why"] = f"“Why it matters” is too long ({len(why):,} characters; at most {MAX_WHY:,})."
    if "\x00" in title + why or not storable(title + why):
        errors["title"] = "The text contains a character that can't be stored."
    category = (draft.category or "").strip().lower()
    if category not in CATEGORIES:
        errors["category"] = f"Choose a category: {', '.join(CATEGORIES)}."
    target = None
    if draft.kind == "daily":
        target = Target.daily()
    elif draft.kind == "once":
        target = Target.once()
    elif draft.kind == "weekly":
        per_week = draft.per_week
        try:
            if isinstance(per_week, bool) or per_week is None:
                raise ValueError
            n = int(str(per_week).strip())
            if not 1 <= n <= 7:
                raise ValueError
            target = Target.weekly(n)
        except (TypeError, ValueError):
            errors["per_week"] = f"Times a week must be a whole number from 1 to 7 (got {per_week!r})."
    else:
        errors["kind"] = "Choose how often: a number of times a week, every day, or once."
    skill_id = draft.skill_id or None
    if skill_id is not None and (not isinstance(skill_id, str) or len(skill_id) > 200 or not storable(skill_id)):
        errors["skill_id"] = "That skill can't be linked."
    start = draft.start or today
    if start > today + timedelta(days=366):
        errors["start"] = "A goal can start at most a year from now."
    elif start.year < 1900:
        errors["start"] = "That start date is too far in the past."
    if errors:
        raise ValidationError(errors)
    return dict(title=title, why=why, category=category, target=target, skill_id=skill_id, start=start)
