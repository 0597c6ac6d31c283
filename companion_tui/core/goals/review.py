"""The weekly review: for each of last week's goals, met or not and what to do next, plus
"what helped?" and "what got in the way?".

A review is one record in table ``reviews`` per week. Its decisions are applied to the goals
in the same transaction as the review is stored. The two answers become a journal entry of
kind "weekly review" when the journal is there (``ws.journal``); otherwise they are kept on
the review record itself. Skipping a review stores a record too, so it isn't offered again
on every open that week (it can still be done on demand, which replaces the skipped one).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from companion_tui.core.goals.book import GoalBook, Target
from companion_tui.core.goals.weeks import week_grid
from companion_tui.core.kernel.clock import Clock, system_now, utc_now, week_start
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.records import Loaded, Records, new_id
from companion_tui.core.kernel.registry import RecordType

RECORD = RecordType("reviews", "weekly review", 1)
JOURNAL_KIND = "weekly review"
DECISIONS = ("keep", "adjust", "done", "pause", "archive")
DECISION_LABELS = {
    "keep": "Keep it as it is",
    "adjust": "Adjust the target",
    "done": "Mark it done",
    "pause": "Pause it for now",
    "archive": "Archive it",
}
MAX_ANSWER = 20_000


@dataclass(frozen=True)
class ReviewItem:
    goal_id: str
    title: str
    done: int
    needed: int
    target: Target
    decision: str = "keep"
    new_target: Target | None = None

    @property
    def met(self) -> bool:
        return self.done >= self.needed

    def to_json(self) -> dict:
        return {
            "goal_id": self.goal_id, "title": self.title, "done": self.done, "needed": self.needed,
            "target": self.target.to_json(), "decision": self.decision,
            "new_target": self.new_target.to_json() if self.new_target else None,
        }

    @classmethod
    def from_json(cls, d: dict) -> ReviewItem:
        return cls(
            goal_id=d["goal_id"], title=d["title"], done=int(d["done"]), needed=int(d["needed"]),
            target=Target.from_json(d["target"]), decision=d.get("decision", "keep"),
            new_target=Target.from_json(d["new_target"]) if d.get("new_target") else None,
        )

    def summary(self) -> str:
        outcome = "met" if self.met else "not this time"
        then = {
            "keep": "keeping it",
            "adjust": f"new target: {self.new_target.label()}" if self.new_target else "keeping it",
            "done": "marked done",
            "pause": "paused for now",
            "archive": "archived",
        }[self.decision]
        return f"{self.title}: {self.done}/{self.needed}, {outcome} — {then}."


@dataclass(frozen=True)
class Review:
    id: str
    version: int
    week: date  # the first day of the week reviewed
    items: tuple[ReviewItem, ...] = ()
    helped: str = ""  # kept here only when there is no journal
    hindered: str = ""
    journal_id: str | None = None
    skipped: bool = False
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)

    def to_payload(self) -> dict:
        return {
            "v": RECORD.version,
            "week": self.week.isoformat(),
            "items": [i.to_json() for i in self.items],
            "helped": self.helped,
            "hindered": self.hindered,
            "journal_id": self.journal_id,
            "skipped": self.skipped,
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> Review:
        return cls(
            id=record_id,
            version=version,
            week=date.fromisoformat(p["week"]),
            items=tuple(ReviewItem.from_json(i) for i in p.get("items", ())),
            helped=p.get("helped", ""),
            hindered=p.get("hindered", ""),
            journal_id=p.get("journal_id"),
            skipped=bool(p.get("skipped", False)),
            created=datetime.fromisoformat(p["created"]),
            updated=datetime.fromisoformat(p["updated"]),
        )


def entry_text(week: date, items: Iterable[ReviewItem], helped: str, hindered: str) -> tuple[str, str]:
    """(title, body) of the journal entry a review becomes."""
    title = f"Weekly review · week of {week:%a %-d %b %Y}"
    lines = ["Goals:"]
    lines += [f"- {i.summary()}" for i in items] or ["- (no goals that week)"]
    lines += ["", "What helped?", helped.strip() or "—", "", "What got in the way?", hindered.strip() or "—"]
    return title, "\n".join(lines)


def _stored_now() -> datetime:
    return utc_now().replace(microsecond=0)


class ReviewBook:
    def __init__(self, records: Records, reviews: Iterable[Review] = (), clock: Clock = system_now) -> None:
        self._records = records
        self.clock = clock
        self._by_id: dict[str, Review] = {r.id: r for r in reviews}

    @classmethod
    def from_loaded(cls, records: Records, loaded: Loaded, clock: Clock = system_now) -> ReviewBook:
        return cls(records, (Review.from_payload(i, v, p) for i, v, p in loaded.items), clock)

    # -- reads
    def all(self) -> list[Review]:
        return sorted(self._by_id.values(), key=lambda r: (r.week, r.created))

    def __len__(self) -> int:
        return len(self._by_id)

    def for_week(self, week: date) -> Review | None:
        """The review of the week starting ``week`` (a week start moved by settings still matches)."""
        close = [r for r in self._by_id.values() if abs((r.week - week).days) <= 3]
        return max(close, key=lambda r: r.updated) if close else None

    def due(self, goals: GoalBook, first_weekday: int = 0, today: date | None = None) -> date | None:
        """Last week's start when it had goals and hasn't been reviewed (or skipped); else None."""
        today = today or self.clock().date()
        last = week_start(today, first_weekday) - timedelta(days=7)
        if self.for_week(last) is not None:
            return None
        return last if self.items_for(goals, last, first_weekday, today) else None

    def items_for(self, goals: GoalBook, week: date, first_weekday: int = 0,
                  today: date | None = None) -> list[ReviewItem]:
        """One item per goal that was active in the week, each with its suggested decision."""
        today = today or self.clock().date()
        grid = week_grid(goals, week, first_weekday, today)
        items = []
        for row in grid.rows:
            if not row.active or row.goal.status in ("done", "archived"):
                continue
            target = row.goal.era_on(grid.end).target
            decision = "done" if target.kind == "once" and row.met else "keep"
            items.append(ReviewItem(row.goal.id, row.goal.title, row.done, row.needed, target, decision))
        return items

    # -- writes
    def skip(self, week: date) -> Review:
        old = self.for_week(week)
        if old is not None:
            return old
        now = _stored_now()
        review = Review(new_id(), 1, week, skipped=True, created=now, updated=now)
        self._records.write(RECORD.table, review.id, 1, review.to_payload())
        self._by_id[review.id] = review
        return review

    def save(self, goals: GoalBook, week: date, items: Iterable[ReviewItem], helped: str = "",
             hindered: str = "", journal: object | None = None) -> Review:
        """Apply the decisions and store the review (one transaction); answers go to ``journal`` if given."""
        items = tuple(items)
        helped, hindered = (helped or "").strip(), (hindered or "").strip()
        _validate(items, helped, hindered)
        today = self.clock().date()
        this_week = week_start(today, (week.weekday()))
        changes, updated = [], []
        for item in items:
            goal = goals.get(item.goal_id)
            if item.decision == "adjust" and item.new_target and item.new_target != goal.target:
                goal = goals.with_change(goal, target=item.new_target, since=max(this_week, goal.start))
            elif item.decision in ("done", "pause", "archive"):
                status = {"done": "done", "pause": "paused", "archive": "archived"}[item.decision]
                goal = goals.with_change(goal, status=status, since=today)
            else:
                continue
            change, new = goals.change_for(goal)
            changes.append(change)
            updated.append(new)
        journal_id = None
        if journal is not None and (helped or hindered or items):
            title, body = entry_text(week, items, helped, hindered)
            journal_id = add_journal_entry(journal, title, body, self.clock())
        keep_text = journal_id is None
        now = _stored_now()
        old = self.for_week(week)
        review = Review(
            id=old.id if old else new_id(),
            version=old.version + 1 if old else 1,
            week=week,
            items=items,
            helped=helped if keep_text else "",
            hindered=hindered if keep_text else "",
            journal_id=journal_id,
            created=old.created if old else now,
            updated=now,
        )
        changes.append(self._records.change(RECORD.table, review.id, review.version, review.to_payload()))
        self._records.apply(changes)
        for goal in updated:
            goals.put(goal)
        self._by_id[review.id] = review
        return review

    def import_many(self, reviews: Iterable[Review]) -> int:
        items = [replace(r, version=1) for r in reviews]
        self._records.apply(self._records.change(RECORD.table, r.id, 1, r.to_payload()) for r in items)
        for r in items:
            self._by_id[r.id] = r
        return len(items)


def _validate(items: tuple[ReviewItem, ...], helped: str, hindered: str) -> None:
    errors: dict[str, str] = {}
    for i, item in enumerate(items):
        if item.decision not in DECISIONS:
            errors[f"items[{i}]"] = f"Choose what to do with “{item.title}”."
        elif item.decision == "adjust" and item.new_target is None:
            errors[f"items[{i}]"] = f"Choose the new target for “{item.title}”."
    for key, text in (("helped", helped), ("hindered", hindered)):
        if len(text) > MAX_ANSWER:
            errors[key] = f"That answer is too long ({len(text):,} characters; at most {MAX_ANSWER:,})."
    if errors:
        raise ValidationError(errors)


def add_journal_entry(journal: object, title: str, body: str, at: datetime) -> str | None:
    """Add a journal entry of kind "weekly review" through ``journal.add``.

    The journal is another area's code (``add(body=..., title=..., kind=...)``); its signature
    is read rather than assumed. Returns the new entry's id, or None when this journal can't
    hold one (the caller then keeps the answers on the review record, so nothing is lost).
    """
    add = getattr(journal, "add", None)
    if add is None:
        return None
    try:
        params = inspect.signature(add).parameters
    except (TypeError, ValueError):
        return None
    open_kwargs = any(p.kind is p.VAR_KEYWORD for p in params.values())

    def takes(name: str) -> bool:
        p = params.get(name)
        return open_kwargs or (p is not None and p.kind is not p.POSITIONAL_ONLY)

    if not takes("kind"):
        return None
    kwargs: dict[str, object] = {"kind": JOURNAL_KIND}
    named = [n for n in ("body", "text", "content") if n in params and params[n].kind is not params[n].POSITIONAL_ONLY]
    text_name = named[0] if named else ("body" if open_kwargs else None)
    content = body if takes("title") else f"{title}\n\n{body}"
    if takes("title"):
        kwargs["title"] = title
    if text_name is None:
        return None
    kwargs[text_name] = content
    if "at" in params or open_kwargs:
        kwargs["at"] = at
    entry = add(**kwargs)
    return getattr(entry, "id", None) if entry is not None else None
