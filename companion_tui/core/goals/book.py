"""Small weekly goals and their ticks: the domain objects, validation, and the in-memory book.

A goal's target is *N times a week* (1–7), *every day* or *once*. Its status and target
can change over time; each change is kept as an ``Era`` (from a day on: this status, this
target), so past weeks are judged by the target that applied then and weeks spent paused
neither count nor break a streak.

A tick is one record per goal and day (table ``ticks``). Days are local dates: a tick made
at 23:30 belongs to that evening's date whatever the clocks do later.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from companion_tui.core.goals.model import (  # noqa: F401 - the model is part of this module's interface
    CAP_NOTE,
    CATEGORIES,
    GENTLE_CAP,
    GOALS,
    KINDS,
    MAX_TITLE,
    MAX_WHY,
    STATUSES,
    TICK_SOURCES,
    TICKS,
    Era,
    Goal,
    GoalDraft,
    Target,
    Tick,
    clean_title,
    validate,
)
from companion_tui.core.kernel.clock import Clock, system_now, utc_now
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.kernel.records import Loaded, Records, new_id
from companion_tui.store.database import Change


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
        #: The skill catalogue when skills are there (``id in skills``), to check linked skills.
        self.skills: Container[str] | None = None
        #: Called with (tick, added) after a tick is stored or removed.
        self.on_tick: list[TickListener] = []
        for t in ticks:
            self._remember(t)

    @classmethod
    def from_loaded(cls, records: Records, goals: Loaded, ticks: Loaded, clock: Clock = system_now) -> GoalBook:
        return cls(
            records,
            (Goal.from_payload(i, v, p) for i, v, p in goals.items),
            (Tick.from_payload(i, v, p) for i, v, p in ticks.items),
            clock,
        )

    def today(self) -> date:
        return self.clock().date()

    # -- goal writes
    def _validate(self, draft: GoalDraft) -> dict:
        fields_ = validate(draft, self.today())
        skill_id = fields_["skill_id"]
        if skill_id is not None and self.skills is not None and skill_id not in self.skills:
            raise ValidationError({"skill_id": "That skill is not in your catalogue."})
        return fields_

    def add(self, draft: GoalDraft) -> Goal:
        fields_ = self._validate(draft)
        target = fields_.pop("target")
        now = _stored_now()
        order = max((g.order for g in self._goals.values()), default=0) + 1
        goal = Goal(id=new_id(), version=1, created=now, updated=now, order=order,
                    eras=(Era(fields_["start"], "active", target),), **fields_)
        self._records.write(GOALS.table, goal.id, 1, goal.to_payload())
        self._put(goal)
        return goal

    def update(self, goal_id: str, draft: GoalDraft) -> Goal:
        """Change title, why, category, skill, start and (from today) the target."""
        old = self.get(goal_id)
        fields_ = self._validate(replace(draft, start=draft.start or old.start))
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
        return self._records.change(GOALS.table, new.id, new.version, new.to_payload()), new

    def save(self, goal: Goal) -> Goal:
        change, new = self.change_for(goal)
        self._records.apply([change])
        self.put(new)
        return new

    def delete(self, goal_id: str) -> None:
        """Delete a goal and all its ticks, in one transaction."""
        self.get(goal_id)
        gone = [t for t in self._ticks.values() if t.goal_id == goal_id]
        changes = [self._records.change(TICKS.table, t.id, 0, None) for t in gone]
        self._records.apply([*changes, self._records.change(GOALS.table, goal_id, 0, None)])
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
        self._records.write(TICKS.table, tick.id, 1, tick.to_payload())
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
        self._records.write(TICKS.table, tick.id, 0, None)
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
        changes = [self._records.change(GOALS.table, g.id, 1, g.to_payload()) for g in goals]
        changes += [self._records.change(TICKS.table, t.id, 1, t.to_payload()) for t in ticks]
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
            raise ValidationError({"day": f"{day:%a %-d %b %Y} hasn't happened yet: tick a day once it has come."})
        if day < goal.start:
            raise ValidationError({"day": f"“{goal.title}” started on {goal.start:%a %-d %b %Y}; "
                                          f"{day:%a %-d %b %Y} is before that."})

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
        """Every goal, in the order they were added."""
        return sorted(self._goals.values(), key=lambda g: (g.order, g.created, g.id))

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


def build(records: Records, goals: Loaded, ticks: Loaded, clock: Clock, *, skills: Container[str] | None = None,
          practices_logged: list[Callable[[Any], object]] | None = None) -> GoalBook:
    """The workspace part: the book, checking linked skills against ``skills`` (the catalogue) and
    ticking linked goals when a practice is logged (``practices_logged``: the practice log's observers)."""
    book = GoalBook.from_loaded(records, goals, ticks, clock)
    book.skills = skills
    if practices_logged is not None:
        practices_logged.append(lambda practice: practice_logged(book, practice))
    return book
