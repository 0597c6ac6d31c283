"""The skill catalogue: the built-in skills from ``assets/skills.toml`` plus the person's own.

Table ``skills`` holds two kinds of sealed record:

- ``{"kind": "own", name, category, when, steps, minutes, exercise, archived, created, updated}``
  — a skill the person added (for example one their therapist taught them);
- ``{"kind": "builtin", "builtin": <asset id>, "archived": bool, "updated"}`` — the archive
  state of a built-in skill. Its row id is random, so the file never shows which one.

Built-in skills keep the stable ids of the asset file; own skills get random ids. Skills are
archived, never deleted, so the practices that refer to them always resolve.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from companion_tui.core.kernel import assets
from companion_tui.core.kernel.clock import Clock, system_now, utc_now
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.kernel.records import Loaded, Records, new_id, storable
from companion_tui.core.kernel.registry import RecordType

RECORD = RecordType("skills", "skill", 1)

MAX_NAME = 80
MAX_WHEN = 600
MAX_STEP = 400
MAX_STEPS = 15
MAX_MINUTES = 240
#: Guided exercises a skill can start (see core.skills.exercises).
EXERCISES = {
    "": "none",
    "breathing:box": "breathing pacer, box 4-4-4-4",
    "breathing:4-7-8": "breathing pacer, 4-7-8",
    "breathing:paced": "breathing pacer, 5-5 paced",
    "breathing:custom": "breathing pacer, your own timing",
    "grounding": "5-4-3-2-1 grounding",
    "thought_record": "thought record",
}


def stored_now() -> datetime:
    """Now in UTC at the precision payloads store, so a record equals itself after reopening."""
    return utc_now().replace(microsecond=0)


def clean_text(value: object, limit: int, label: str, key: str, errors: dict[str, str]) -> str:
    """Stripped, NFC-normalised text; records a plain message in ``errors`` when unusable."""
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[key] = f"{label} must be text."
        return ""
    value = unicodedata.normalize("NFC", value).strip()
    if len(value) > limit:
        errors[key] = f"{label} is too long ({len(value):,} characters; at most {limit:,})."
    elif "\x00" in value or not storable(value):
        errors[key] = f"{label} contains a character that can't be stored."
    return value


def whole_number(value: object, lo: int, hi: int) -> int:
    """``value`` as an int in [lo, hi]; accepts ints and digit strings. Raises ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(value)
        value = int(value)
    if not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(value)
    return value


def fold(name: str) -> str:
    """A name as compared: case- and space-insensitive."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


@dataclass(frozen=True)
class SkillDraft:
    """An own skill as typed. ``steps`` may be one string with a step per line."""

    name: str = ""
    category: str = "other"
    when: str = ""
    steps: tuple[str, ...] | str = ()
    minutes: int | str | None = None
    exercise: str = ""


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    category: str
    when: str = ""
    steps: tuple[str, ...] = ()
    minutes: int | None = None
    exercise: str = ""
    builtin: bool = False
    archived: bool = False
    version: int = 1
    created: datetime = field(default_factory=stored_now)
    updated: datetime = field(default_factory=stored_now)

    @property
    def category_label(self) -> str:
        return category_label(self.category)

    def to_payload(self) -> dict:
        return {
            "v": RECORD.version,
            "kind": "own",
            "name": self.name,
            "category": self.category,
            "when": self.when,
            "steps": list(self.steps),
            "minutes": self.minutes,
            "exercise": self.exercise,
            "archived": self.archived,
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> Skill:
        return cls(
            id=record_id,
            version=version,
            name=p["name"],
            category=p.get("category", "other"),
            when=p.get("when", ""),
            steps=tuple(p.get("steps", ())),
            minutes=p.get("minutes"),
            exercise=p.get("exercise", ""),
            archived=bool(p.get("archived", False)),
            created=datetime.fromisoformat(p["created"]),
            updated=datetime.fromisoformat(p["updated"]),
        )


def category_label(category: str) -> str:
    return dict(assets.skill_categories()).get(category, category.replace("_", " ").capitalize())


def builtin_skills() -> list[Skill]:
    epoch = datetime(2026, 1, 1).astimezone()
    return [
        Skill(s.id, s.name, s.category, s.when, s.steps, s.minutes, s.exercise, builtin=True, version=0,
              created=epoch, updated=epoch)
        for s in assets.skills()
    ]


def validate(draft: SkillDraft) -> dict:
    """Check an own skill; return clean fields or raise ValidationError with every problem."""
    errors: dict[str, str] = {}
    name = " ".join(clean_text(draft.name, MAX_NAME, "The name", "name", errors).split())
    if not name and "name" not in errors:
        errors["name"] = "Give the skill a name."
    categories = dict(assets.skill_categories())
    if draft.category not in categories:
        errors["category"] = f"Choose one of the categories: {', '.join(categories.values())}."
    when = clean_text(draft.when, MAX_WHEN, "When it helps", "when", errors)
    raw_steps = draft.steps.splitlines() if isinstance(draft.steps, str) else list(draft.steps)
    steps: list[str] = []
    for raw in raw_steps:
        step = clean_text(raw, MAX_STEP, "A step", "steps", errors)
        if step:
            steps.append(step)
    if len(steps) > MAX_STEPS:
        errors["steps"] = f"At most {MAX_STEPS} steps; keep them short."
    minutes = None
    if draft.minutes not in (None, ""):
        try:
            minutes = whole_number(draft.minutes, 1, MAX_MINUTES)
        except ValueError:
            errors["minutes"] = f"The typical duration is a whole number of minutes from 1 to {MAX_MINUTES}."
    if draft.exercise not in EXERCISES:
        errors["exercise"] = "Choose one of the guided exercises, or none."
    if errors:
        raise ValidationError(errors)
    return dict(name=name, category=draft.category, when=when, steps=tuple(steps), minutes=minutes,
                exercise=draft.exercise)


class SkillCatalogue:
    """Built-in and own skills, in memory. Writes go to the vault first, then to memory."""

    def __init__(self, records: Records, loaded: Loaded | None = None, clock: Clock = system_now) -> None:
        self._records = records
        self.clock = clock
        self._builtin = {s.id: s for s in builtin_skills()}
        self._own: dict[str, Skill] = {}
        # builtin id -> (record id, version, archived)
        self._state: dict[str, tuple[str, int, bool]] = {}
        for record_id, version, payload in (loaded.items if loaded else ()):
            if payload.get("kind") == "builtin":
                builtin = payload.get("builtin")
                if not isinstance(builtin, str) or builtin not in self._builtin:
                    continue
                known = self._state.get(builtin)
                if known is None or version > known[1]:
                    self._state[builtin] = (record_id, version, bool(payload.get("archived")))
            else:
                self._own[record_id] = Skill.from_payload(record_id, version, payload)

    # -- reads
    def get(self, skill_id: str) -> Skill:
        if skill_id in self._own:
            return self._own[skill_id]
        if skill_id in self._builtin:
            skill = self._builtin[skill_id]
            state = self._state.get(skill_id)
            return replace(skill, archived=state[2]) if state else skill
        raise NotFound(f"No skill with id {skill_id}.")

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self._own or skill_id in self._builtin

    def all(self, include_archived: bool = False) -> list[Skill]:
        """Every skill in category order; built-in ones first within a category, then by name."""
        order = {cid: i for i, (cid, _) in enumerate(assets.skill_categories())}
        builtin_pos = {sid: i for i, sid in enumerate(self._builtin)}
        skills = [self.get(sid) for sid in self._builtin] + list(self._own.values())
        if not include_archived:
            skills = [s for s in skills if not s.archived]
        return sorted(
            skills,
            key=lambda s: (order.get(s.category, len(order)), not s.builtin, builtin_pos.get(s.id, 0), fold(s.name)),
        )

    def own(self) -> list[Skill]:
        return sorted(self._own.values(), key=lambda s: (s.created, s.id))

    def archived_builtin(self) -> list[str]:
        return sorted(b for b, (_, _, archived) in self._state.items() if archived)

    def in_category(self, category: str, include_archived: bool = False) -> list[Skill]:
        return [s for s in self.all(include_archived) if s.category == category]

    def name_of(self, skill_id: str) -> str:
        try:
            return self.get(skill_id).name
        except NotFound:
            return "(unknown skill)"

    def find(self, text: str) -> list[Skill]:
        """Skills matching ``text``: an exact name or id (case-insensitive) wins; else names containing it.

        Archived skills are found too (after active ones), so old practices can be named.
        """
        key = fold(text)
        if not key:
            return []
        skills = self.all() + [s for s in self.all(include_archived=True) if s.archived]
        exact = [s for s in skills if fold(s.name) == key or s.id == key]
        if exact:
            return exact
        words = key.split()
        return [s for s in skills if all(w in fold(s.name) for w in words)]

    def with_exercise(self, exercise: str) -> Skill | None:
        return next((s for s in self.all(include_archived=True) if s.exercise == exercise), None)

    # -- writes
    def add(self, draft: SkillDraft) -> Skill:
        fields = validate(draft)
        self._check_unique(fields["name"], None)
        now = stored_now()
        skill = Skill(id=new_id(), version=1, created=now, updated=now, **fields)
        self._records.write(RECORD.table, skill.id, 1, skill.to_payload())
        self._own[skill.id] = skill
        return skill

    def update(self, skill_id: str, draft: SkillDraft) -> Skill:
        old = self.get(skill_id)
        if old.builtin:
            raise ValidationError({"skill": "Built-in skills can't be edited; add your own version instead."})
        fields = validate(draft)
        self._check_unique(fields["name"], skill_id)
        new = replace(old, version=old.version + 1, updated=stored_now(), **fields)
        self._records.write(RECORD.table, new.id, new.version, new.to_payload())
        self._own[new.id] = new
        return new

    def archive(self, skill_id: str, archived: bool = True) -> Skill:
        """Hide a skill from the catalogue (or bring it back). Its practices stay."""
        old = self.get(skill_id)
        if not old.builtin:
            new = replace(old, archived=archived, version=old.version + 1, updated=stored_now())
            self._records.write(RECORD.table, new.id, new.version, new.to_payload())
            self._own[new.id] = new
            return new
        record_id, version, _ = self._state.get(skill_id, (new_id(), 0, False))
        payload = {"v": RECORD.version, "kind": "builtin", "builtin": skill_id, "archived": archived,
                   "updated": stored_now().isoformat(timespec="seconds")}
        self._records.write(RECORD.table, record_id, version + 1, payload)
        self._state[skill_id] = (record_id, version + 1, archived)
        return self.get(skill_id)

    def import_many(self, skills: Iterable[Skill], archived_builtin: Iterable[str] = ()) -> int:
        """Add own skills (as new records) and archive built-ins, in one transaction. Returns skills added."""
        items = [replace(s, version=1) for s in skills if s.id not in self._own]
        changes = [self._records.change(RECORD.table, s.id, 1, s.to_payload()) for s in items]
        states: dict[str, tuple[str, int, bool]] = {}
        for builtin in archived_builtin:
            if builtin in self._builtin and not self.get(builtin).archived:
                record_id, version, _ = self._state.get(builtin, (new_id(), 0, False))
                payload = {"v": RECORD.version, "kind": "builtin", "builtin": builtin, "archived": True,
                           "updated": stored_now().isoformat(timespec="seconds")}
                changes.append(self._records.change(RECORD.table, record_id, version + 1, payload))
                states[builtin] = (record_id, version + 1, True)
        if changes:
            self._records.apply(changes)
        for s in items:
            self._own[s.id] = s
        self._state.update(states)
        return len(items)

    def _check_unique(self, name: str, skill_id: str | None) -> None:
        for other in self.all(include_archived=True):
            if other.id != skill_id and fold(other.name) == fold(name):
                where = " (archived)" if other.archived else ""
                raise ValidationError({"name": f"There is already a skill called {other.name!r}{where}."})
