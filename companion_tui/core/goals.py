"""Small weekly goals and their ticks: the domain objects, validation, and the in-memory book.

A goal's target is *N times a week* (1–7), *every day* or *once*. Its status and target
can change over time; each change is kept as an ``Era`` (from a day on: this status, this
target), so past weeks are judged by the target that applied then and weeks spent paused
neither count nor break a streak.

A tick is one record per goal and day (table ``ticks``). Days are local dates: a tick made
at 23:30 belongs to that evening's date whatever the clocks do later.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from companion_tui.core.clock import Clock, system_now, utc_now
from companion_tui.core.errors import NotFound, ValidationError
from companion_tui.core.records import Loaded, Records, new_id
from companion_tui.store.database import Change

TABLE = "goals"
TICKS = "ticks"
PAYLOAD_VERSION = 1
TICK_PAYLOAD_VERSION = 1

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
    def weekly(cls, n: int) -> "Target":
        return cls("weekly", n)

    @classmethod
    def daily(cls) -> "Target":
        return cls("daily", 7)

    @classmethod
    def once(cls) -> "Target":
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
    def from_json(cls, d: dict) -> "Target":
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
    def from_json(cls, d: dict) -> "Era":
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
            "v": PAYLOAD_VERSION,
            "title": self.title,
            "why": self.why,
            "category": self.category,
            "skill_id": self.skill_id,
            "start": self.start.isoformat(),
            "eras": [e.to_json() for e in self.eras],
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> "Goal":
        return cls(
            id=record_id,
            version=version,
            title=p["title"],
            why=p.get("why", ""),
            category=p.get("category", "other"),
            skill_id=p.get("skill_id"),
            start=date.fromisoformat(p["start"]),
            eras=tuple(Era.from_json(e) for e in p["eras"]),
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
            "v": TICK_PAYLOAD_VERSION,
            "goal_id": self.goal_id,
            "day": self.day.isoformat(),
            "at": self.at.isoformat(timespec="seconds"),
            "source": self.source,
            "ref": self.ref,
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> "Tick":
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
    if "\x00" in title + why:
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
    if skill_id is not None and (not isinstance(skill_id, str) or len(skill_id) > 200):
        errors["skill_id"] = "That skill can't be linked."
    start = draft.start or today
    if start > today + timedelta(days=366):
        errors["start"] = "A goal can start at most a year from now."
    elif start.year < 1900:
        errors["start"] = "That start date is too far in the past."
    if errors:
        raise ValidationError(errors)
    return dict(title=title, why=why, category=category, target=target, skill_id=skill_id, start=start)


def _stored_now() -> datetime:
    return utc_now().replace(microsecond=0)


def _with_era(goal: Goal, era: Era) -> tuple[Era, ...]:
    """The goal's eras with ``era`` appended; a change on the same day replaces that day's era."""
    eras = [e for e in goal.eras if e.since < era.since]
    if not eras:  # a change on (or before) the first day restates how the goal began
        era = replace(era, since=goal.start)
    if eras and eras[-1].status == era.status and eras[-1].target == era.target:
        return tuple(eras)
    return (*eras, era)


# -- the book ------------------------------------------------------------------------------

TickListener = Callable[[Tick, bool], None]


class GoalBook:
    """Every goal and tick, decrypted once at unlock and kept in memory. Writes go straight through."""

    def __init__(
        self, records: Records, goals: Iterable[Goal] = (), ticks: Iterable[Tick] = (), clock: Clock = system_now
    ) -> None:
        self._records = records
        self.clock = clock
        self._goals: dict[str, Goal] = {g.id: g for g in goals}
        self._ticks: dict[tuple[str, date], Tick] = {}
        self._days: dict[str, set[date]] = {}
        self.revision = 0  # bumped on every change, so views and caches know to refresh
        #: Called with (tick, added) after a tick is stored or removed.
        self.on_tick: list[TickListener] = []
        for t in ticks:
            self._remember(t)

    @classmethod
    def from_loaded(cls, records: Records, goals: Loaded, ticks: Loaded, clock: Clock = system_now) -> "GoalBook":
        return cls(
            records,
            (Goal.from_payload(i, v, p) for i, v, p in goals.items),
            (Tick.from_payload(i, v, p) for i, v, p in ticks.items),
            clock,
        )

    def today(self) -> date:
        return self.clock().date()

    # -- goal writes
    def add(self, draft: GoalDraft) -> Goal:
        fields_ = validate(draft, self.today())
        target = fields_.pop("target")
        now = _stored_now()
        goal = Goal(id=new_id(), version=1, created=now, updated=now,
                    eras=(Era(fields_["start"], "active", target),), **fields_)
        self._records.write(TABLE, goal.id, 1, goal.to_payload())
        self._put(goal)
        return goal

    def update(self, goal_id: str, draft: GoalDraft) -> Goal:
        """Change title, why, category, skill, start and (from today) the target."""
        old = self.get(goal_id)
        fields_ = validate(replace(draft, start=draft.start or old.start), self.today())
        target = fields_.pop("target")
        new = replace(old, **fields_)
        new = replace(new, eras=_rebase(new, old))
        if target != old.target:
            new = replace(new, eras=_with_era(new, Era(self.today(), old.status, target)))
        return self.save(new)

    def set_status(self, goal_id: str, status: str, since: date | None = None) -> Goal:
        if status not in STATUSES:
            raise ValidationError({"status": f"A goal's status is one of: {', '.join(STATUSES)}."})
        return self.save(self.with_change(self.get(goal_id), status=status, since=since))

    def set_target(self, goal_id: str, target: Target, since: date | None = None) -> Goal:
        return self.save(self.with_change(self.get(goal_id), target=target, since=since))

    def with_change(self, goal: Goal, *, status: str | None = None, target: Target | None = None,
                    since: date | None = None) -> Goal:
        """The goal with a new era from ``since`` (default today); not saved."""
        era = Era(since or self.today(), status or goal.status, target or goal.target)
        return replace(goal, eras=_with_era(goal, era))

    def change_for(self, goal: Goal) -> tuple[Change, Goal]:
        """The Change that stores ``goal`` as its next version, and that version. Call ``put`` after applying."""
        new = replace(goal, version=self.get(goal.id).version + 1, updated=_stored_now())
        return self._records.change(TABLE, new.id, new.version, new.to_payload()), new

    def save(self, goal: Goal) -> Goal:
        change, new = self.change_for(goal)
        self._records.apply([change])
        self.put(new)
        return new

    def delete(self, goal_id: str) -> None:
        """Delete a goal and all its ticks, in one transaction."""
        self.get(goal_id)
        gone = [t for t in self._ticks.values() if t.goal_id == goal_id]
        changes = [self._records.change(TICKS, t.id, 0, None) for t in gone]
        self._records.apply([*changes, self._records.change(TABLE, goal_id, 0, None)])
        for t in gone:
            self._forget(t)
        del self._goals[goal_id]
        self.revision += 1

    def put(self, goal: Goal) -> None:
        self._put(goal)

    def _put(self, goal: Goal) -> None:
        self._goals[goal.id] = goal
        self.revision += 1

    # -- ticks
    def is_ticked(self, goal_id: str, day: date) -> bool:
        return (goal_id, day) in self._ticks

    def tick(self, goal_id: str, day: date | None = None, *, source: str = "manual", ref: str | None = None) -> Tick | None:
        """Tick ``goal_id`` on ``day`` (default today). Returns the tick, or None if it was ticked already."""
        goal = self.get(goal_id)
        day = day or self.today()
        self._check_day(goal, day)
        if (goal_id, day) in self._ticks:
            return None
        tick = Tick(new_id(), 1, goal_id, day, self.clock().replace(microsecond=0),
                    source if source in TICK_SOURCES else "manual", ref)
        self._records.write(TICKS, tick.id, 1, tick.to_payload())
        self._remember(tick)
        self.revision += 1
        self._notify(tick, True)
        return tick

    def untick(self, goal_id: str, day: date | None = None) -> bool:
        """Remove the tick of ``goal_id`` on ``day``. Returns whether there was one."""
        self.get(goal_id)
        tick = self._ticks.get((goal_id, day or self.today()))
        if tick is None:
            return False
        self._records.write(TICKS, tick.id, 0, None)
        self._forget(tick)
        self.revision += 1
        self._notify(tick, False)
        return True

    def toggle(self, goal_id: str, day: date | None = None) -> bool:
        """Tick or untick; returns True when the day is now ticked."""
        day = day or self.today()
        if self.is_ticked(goal_id, day):
            self.untick(goal_id, day)
            return False
        self.tick(goal_id, day)
        return True

    def import_many(self, goals: Iterable[Goal], ticks: Iterable[Tick]) -> tuple[int, int]:
        """Insert already-built goals and ticks in one transaction (all or nothing)."""
        goals = [replace(g, version=1) for g in goals]
        ticks = [replace(t, version=1) for t in ticks]
        changes = [self._records.change(TABLE, g.id, 1, g.to_payload()) for g in goals]
        changes += [self._records.change(TICKS, t.id, 1, t.to_payload()) for t in ticks]
        self._records.apply(changes)
        for g in goals:
            self._goals[g.id] = g
        for t in ticks:
            self._remember(t)
        self.revision += 1
        return len(goals), len(ticks)

    def _check_day(self, goal: Goal, day: date) -> None:
        today = self.today()
        if day > today:
            raise ValidationError({"day": f"{day:%a %-d %b} hasn't happened yet: tick a day once it has come."})
        if day < goal.start:
            raise ValidationError({"day": f"“{goal.title}” started on {goal.start:%a %-d %b %Y}; "
                                          f"{day:%a %-d %b} is before that."})

    def _notify(self, tick: Tick, added: bool) -> None:
        for listener in list(self.on_tick):
            try:
                listener(tick, added)
            except Exception:  # noqa: BLE001 - a listener's failure must never undo a stored tick
                pass

    def _remember(self, tick: Tick) -> None:
        self._ticks[(tick.goal_id, tick.day)] = tick
        self._days.setdefault(tick.goal_id, set()).add(tick.day)

    def _forget(self, tick: Tick) -> None:
        self._ticks.pop((tick.goal_id, tick.day), None)
        self._days.get(tick.goal_id, set()).discard(tick.day)

    # -- reads
    def get(self, goal_id: str) -> Goal:
        try:
            return self._goals[goal_id]
        except KeyError:
            raise NotFound(f"No goal with id {goal_id}.") from None

    def __len__(self) -> int:
        return len(self._goals)

    def all(self) -> list[Goal]:
        """Every goal, oldest first."""
        return sorted(self._goals.values(), key=lambda g: (g.start, g.created, g.id))

    def with_status(self, *statuses: str) -> list[Goal]:
        return [g for g in self.all() if g.status in statuses]

    def active(self) -> list[Goal]:
        return self.with_status("active")

    def days(self, goal_id: str) -> frozenset[date]:
        return frozenset(self._days.get(goal_id, ()))

    def ticks(self) -> list[Tick]:
        return sorted(self._ticks.values(), key=lambda t: (t.day, t.goal_id))

    def tick_count(self) -> int:
        return len(self._ticks)

    def cap_note(self) -> str | None:
        """The kind note to show before adding one more active goal, or None when there is room."""
        n = len(self.active())
        return CAP_NOTE.format(n=n) if n >= GENTLE_CAP else None

    def with_skill(self, skill_id: str) -> list[Goal]:
        return [g for g in self.active() if g.skill_id == skill_id]

    def find(self, title: str, statuses: tuple[str, ...] = ("active", "paused")) -> Goal:
        """The goal whose title matches, case-insensitively: exact first, then a unique start or part.

        Raises NotFound with a message naming the candidates when there is no match or several.
        """
        wanted = clean_title(title).casefold()
        pool = [g for g in self.all() if g.status in statuses] or []
        for matches in (
            [g for g in pool if g.title.casefold() == wanted],
            [g for g in pool if g.title.casefold().startswith(wanted)],
            [g for g in pool if wanted in g.title.casefold()],
        ):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                names = "; ".join(f"“{g.title}”" for g in matches[:6])
                raise NotFound(f"“{title}” matches {len(matches)} goals ({names}); use more of the title.")
        others = [g for g in self.all() if g.status not in statuses and wanted in g.title.casefold()]
        if others:
            g = others[0]
            raise NotFound(f"“{g.title}” is {g.status}; only active or paused goals can be ticked.")
        raise NotFound(f"No goal called “{title}”. `companion goal list` shows your goals.")


def _rebase(new: Goal, old: Goal) -> tuple[Era, ...]:
    """Keep the eras consistent with a changed start date."""
    if new.start == old.start:
        return new.eras
    later = [e for e in new.eras[1:] if e.since > new.start]
    return (replace(new.eras[0], since=new.start), *later)


# -- linked skills ---------------------------------------------------------------------------


def practice_logged(book: GoalBook, practice: object, *_: object) -> list[Tick]:
    """A practice was logged: tick every active goal linked to its skill, on the practice's day.

    Duck-typed on purpose (the practice log is another area's code): it reads ``skill_id``
    (or ``skill``), ``day`` or ``at``, and ``id``. Days the goal can't be ticked are skipped.
    """
    skill_id = getattr(practice, "skill_id", None) or getattr(practice, "skill", None)
    if not isinstance(skill_id, str):
        skill_id = getattr(skill_id, "id", None)
    if not skill_id:
        return []
    day = getattr(practice, "day", None)
    if not isinstance(day, date):
        at = getattr(practice, "at", None)
        day = at.date() if isinstance(at, datetime) else book.today()
    if isinstance(day, datetime):
        day = day.date()
    ref = getattr(practice, "id", None)
    made = []
    for goal in book.with_skill(skill_id):
        try:
            tick = book.tick(goal.id, day, source="practice", ref=ref if isinstance(ref, str) else None)
        except ValidationError:
            continue
        if tick is not None:
            made.append(tick)
    return made


def build(ws: object, loaded: dict[str, Loaded]) -> GoalBook:
    """The workspace part: the book, subscribed to the practice log when skills are there."""
    book = GoalBook.from_loaded(ws.records, loaded[TABLE], loaded[TICKS], lambda: ws.clock())  # type: ignore[attr-defined]
    observers = getattr(getattr(ws, "practices", None), "on_logged", None)
    if isinstance(observers, list):
        observers.append(lambda practice, *rest: practice_logged(book, practice, *rest))
    return book
