"""The practice log: each time someone practised a skill, how it went, and what it did for them.

Every field — the skill, when, the situation, distress before and after, how much it
helped, notes, the "bring to therapy" flag and any exercise details (a thought record,
the grounding answers, the breathing timing) — lives in one sealed record in ``practices``.

Other parts can react to a new practice: ``PracticeLog.on_logged`` is a list of callables,
each called with the stored ``Practice`` right after ``add`` saved it. The Goals part
subscribes when it is built (``core.goals.book.build``) to tick a goal linked to that skill.

Observers run in order on the caller's thread, after the practice is stored; an exception
from one propagates to the caller (the practice stays saved). ``update`` and imports do not
notify.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import attrgetter

from companion_tui.core.kernel.clock import Clock, as_local, system_now
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.kernel.record_log import RecordLog
from companion_tui.core.kernel.records import Loaded, Records
from companion_tui.core.kernel.registry import RecordType
from companion_tui.core.skills.catalogue import SkillCatalogue, clean_text, stored_now, whole_number
from companion_tui.core.skills.practice_details import validate_details

RECORD = RecordType("practices", "skill practice", 1)

HELPED = ("not_at_all", "a_little", "quite_a_bit", "a_lot")
HELPED_LABELS = {"not_at_all": "not at all", "a_little": "a little", "quite_a_bit": "quite a bit", "a_lot": "a lot"}
#: helped levels that count as "it helped" in what works.
HELPED_MUCH = ("quite_a_bit", "a_lot")
MAX_SITUATION = 2_000
MAX_NOTES = 20_000
_FUTURE_SLACK = timedelta(minutes=5)


def parse_helped(text: object) -> str | None:
    """A helped level from what a person typed ("a lot", "Quite-a-bit", "3"); None if blank. Raises ValueError."""
    if text is None:
        return None
    key = "_".join(str(text).strip().lower().replace("-", " ").replace("_", " ").split())
    if not key:
        return None
    if key in HELPED:
        return key
    if key.isdigit() and 1 <= int(key) <= len(HELPED):
        return HELPED[int(key) - 1]
    raise ValueError(f"How much it helped is one of: {', '.join(HELPED_LABELS.values())} (got {text!r}).")


@dataclass(frozen=True)
class PracticeDraft:
    """A practice as entered. Distress may be ints or digit strings; empty means not given."""

    skill_id: str = ""
    at: datetime | None = None
    situation: str = ""
    before: int | str | None = None
    after: int | str | None = None
    helped: str | None = None
    notes: str = ""
    therapy: bool = False
    details: dict | None = None


@dataclass(frozen=True)
class Practice:
    id: str
    version: int
    skill_id: str
    at: datetime
    situation: str = ""
    before: int | None = None
    after: int | None = None
    helped: str | None = None
    notes: str = ""
    therapy: bool = False
    details: dict | None = None
    created: datetime = field(default_factory=stored_now)
    updated: datetime = field(default_factory=stored_now)

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def drop(self) -> int | None:
        """before − after, when both were given (positive: distress went down)."""
        if self.before is None or self.after is None:
            return None
        return self.before - self.after

    @property
    def kind(self) -> str:
        return (self.details or {}).get("kind", "")

    @property
    def helped_label(self) -> str:
        return HELPED_LABELS.get(self.helped or "", "")

    def draft(self) -> PracticeDraft:
        """This practice as a draft, to edit."""
        return PracticeDraft(self.skill_id, self.at, self.situation, self.before, self.after, self.helped,
                             self.notes, self.therapy, self.details)

    def to_payload(self) -> dict:
        return {
            "v": RECORD.version,
            "skill": self.skill_id,
            "at": self.at.isoformat(timespec="seconds"),
            "situation": self.situation,
            "before": self.before,
            "after": self.after,
            "helped": self.helped,
            "notes": self.notes,
            "therapy": self.therapy,
            "details": self.details,
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> Practice:
        return cls(
            id=record_id,
            version=version,
            skill_id=p["skill"],
            at=datetime.fromisoformat(p["at"]),
            situation=p.get("situation", ""),
            before=p.get("before"),
            after=p.get("after"),
            helped=p.get("helped"),
            notes=p.get("notes", ""),
            therapy=bool(p.get("therapy", False)),
            details=p.get("details"),
            created=datetime.fromisoformat(p["created"]),
            updated=datetime.fromisoformat(p["updated"]),
        )


def validate(draft: PracticeDraft, now: datetime, catalogue: Container[str]) -> dict:
    """Check a draft; return clean fields or raise ValidationError with every problem.

    ``catalogue``: the skill ids a practice may be of (a ``SkillCatalogue``)."""
    errors: dict[str, str] = {}
    if not draft.skill_id:
        errors["skill"] = "Choose the skill you practised."
    elif draft.skill_id not in catalogue:
        errors["skill"] = "That skill is not in your catalogue."
    distress: dict[str, int | None] = {}
    for key, label in (("before", "Distress before"), ("after", "Distress after")):
        value = getattr(draft, key)
        if value in (None, ""):
            distress[key] = None
            continue
        try:
            distress[key] = whole_number(value, 0, 10)
        except ValueError:
            errors[key] = f"{label} is a whole number from 0 (none) to 10 (the most), or left empty (got {value!r})."
    try:
        helped = parse_helped(draft.helped)
    except ValueError as exc:
        errors["helped"] = str(exc)
        helped = None
    situation = clean_text(draft.situation, MAX_SITUATION, "The situation", "situation", errors)
    notes = clean_text(draft.notes, MAX_NOTES, "The notes", "notes", errors)
    if not isinstance(draft.therapy, bool):
        errors["therapy"] = "Bring to therapy is yes or no."
    try:
        details = validate_details(draft.details)
    except ValidationError as exc:
        errors.update(exc.errors)
        details = None
    try:
        at = as_local(draft.at or now)
    except ValueError as exc:
        errors["at"] = str(exc)
        at = now
    if at > now + _FUTURE_SLACK:
        errors["at"] = f"{at:%Y-%m-%d %H:%M} is in the future; a practice can be back-dated, not forward-dated."
    elif at.year < 1900:
        errors["at"] = "That date is too far in the past."
    if errors:
        raise ValidationError(errors)
    return dict(skill_id=draft.skill_id, at=at.replace(microsecond=0), situation=situation, helped=helped,
                notes=notes, therapy=bool(draft.therapy), details=details, **distress)


class PracticeLog(RecordLog[Practice, PracticeDraft]):
    """All practices in memory, newest first on demand. Writes go to the vault first.

    ``on_logged``: observers called with each new practice after ``add`` stored it (see the
    module docstring); the Goals part appends to it when it is built.
    """

    table = RECORD.table
    noun = "practice"
    record_type = Practice
    sort_key = attrgetter("at", "created", "id")

    def __init__(self, records: Records, catalogue: SkillCatalogue, items: Iterable[Practice] = (),
                 clock: Clock = system_now) -> None:
        super().__init__(records, items, clock)
        self.catalogue = catalogue
        self.on_logged: list[Callable[[Practice], object]] = []

    @classmethod
    def from_loaded(cls, records: Records, catalogue: SkillCatalogue, loaded: Loaded,
                    clock: Clock = system_now) -> PracticeLog:
        return cls(records, catalogue, cls.parse(loaded), clock)

    def _validate(self, draft: PracticeDraft, old: Practice | None) -> dict:
        return validate(draft, self.clock(), self.catalogue)

    # -- writes (update, delete, import_many: RecordLog)
    def add(self, draft: PracticeDraft) -> Practice:
        """Validate, store and return a new practice, then tell every ``on_logged`` observer."""
        practice = super().add(draft)
        for observer in list(self.on_logged):
            observer(practice)
        return practice

    # -- reads (get, len, newest_first: RecordLog)
    def filter(self, skill_id: str | None = None, category: str | None = None, first: date | None = None,
               last: date | None = None, therapy: bool | None = None) -> list[Practice]:
        """Newest first, narrowed by skill, skill category, a date range (inclusive) and the therapy flag."""
        out = []
        for p in self.newest_first():
            if skill_id and p.skill_id != skill_id:
                continue
            if category and self._category(p.skill_id) != category:
                continue
            if (first and p.day < first) or (last and p.day > last):
                continue
            if therapy is not None and p.therapy != therapy:
                continue
            out.append(p)
        return out

    def last_for(self, skill_id: str) -> Practice | None:
        return next((p for p in self.newest_first() if p.skill_id == skill_id), None)

    def _category(self, skill_id: str) -> str:
        try:
            return self.catalogue.get(skill_id).category
        except NotFound:
            return ""
