"""Skills and practices in the JSON export (see docs/export-format.md), and their re-import.

Keys added to the export:

- ``"skills"``: the person's own skills (``id, name, category, when, steps, minutes, exercise,
  archived, created, updated``); built-in skills are not exported, they ship with the app;
- ``"archived_builtin_skills"``: ids of built-in skills the person archived;
- ``"practices"``: every practice (``id, skill, skill_name, at, situation, before, after, helped,
  notes, therapy, details, created, updated``), oldest first. ``skill_name`` is for people
  reading the file; import goes by ``skill``.

Import validates everything with the same rules the app uses before writing anything, and
skips records whose id is already in the vault.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from companion_tui.core.exchange.common import (
    Counts,
    Errors,
    Section,
    list_of,
    only_in_file,
    raise_if,
    record_id,
    records_in,
    when_field,
)
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.skills import catalogue, practice
from companion_tui.core.skills.catalogue import Skill, SkillDraft, builtin_skills
from companion_tui.core.skills.practice import Practice, PracticeDraft

if TYPE_CHECKING:
    from companion_tui.core.workspace import Workspace

SKILL_FIELDS = ("id", "name", "category", "when", "steps", "minutes", "exercise", "archived", "created", "updated")
PRACTICE_FIELDS = ("id", "skill", "skill_name", "at", "situation", "before", "after", "helped", "notes", "therapy",
                   "details", "created", "updated")


def export(ws: Workspace) -> dict[str, object]:
    skills = [_skill_out(s) for s in ws.skills.own()]
    practices = sorted(ws.practices.newest_first(), key=lambda p: (p.at, p.created, p.id))
    return {
        "skills": skills,
        "archived_builtin_skills": ws.skills.archived_builtin(),
        "practices": [_practice_out(p, ws.skills.name_of(p.skill_id)) for p in practices],
    }


def _skill_out(s: Skill) -> dict:
    payload = s.to_payload()
    payload["id"] = s.id
    return {key: payload[key] for key in SKILL_FIELDS}


def _practice_out(p: Practice, name: str) -> dict:
    payload = p.to_payload()
    payload.update(id=p.id, skill_name=name)
    return {key: payload[key] for key in PRACTICE_FIELDS}


@dataclass(frozen=True)
class Parsed:
    skills: list[Skill]
    archived_builtin: list[str]
    practices: list[Practice]


def known_skills(ws: Workspace) -> set[str]:
    """Ids a practice in an export may refer to, besides the file's own skills."""
    return {s.id for s in ws.skills.all(include_archived=True)}


def parse(data: dict, now: datetime, into: Workspace | None = None) -> Parsed:
    """The file's skills and practices (missing keys mean none). Raises ValidationError naming each bad record.

    A practice's skill is checked against the built-in skills, the file's and those of ``into``
    (the vault imported into); without it (before the vault is open) it is not checked.
    """
    errors: Errors = {}
    lists = {key: list_of(data, key, errors) for key in ("skills", "archived_builtin_skills", "practices")}
    builtin = {s.id for s in builtin_skills()}
    archived = [b for b in lists["archived_builtin_skills"] if isinstance(b, str) and b in builtin]
    if len(archived) != len(lists["archived_builtin_skills"]):
        errors["archived_builtin_skills"] = "Some archived skills are not built-in skills of this version."
    skills = records_in(lists["skills"], "skills", "Skill", lambda item: skill_in(item, now), errors)
    known = _AnySkill() if into is None else builtin | {s.id for s in skills} | known_skills(into)
    practices = records_in(lists["practices"], "practices", "Practice",
                           lambda item: practice_in(item, now, known), errors)
    raise_if(errors)
    return Parsed(skills, archived, practices)


def skill_in(item: dict, now: datetime) -> Skill:
    problems: Errors = {}
    rid = record_id(item, problems)
    steps = item.get("steps") or []
    if not isinstance(steps, list) or not all(isinstance(x, str) for x in steps):
        problems["steps"] = "'steps' must be a list of texts."
        steps = []
    created = when_field(item, "created", problems) or now
    updated = when_field(item, "updated", problems) or created
    if problems:
        raise ValidationError(problems)
    fields = catalogue.validate(SkillDraft(name=item.get("name") or "", category=item.get("category", "other"),
                                           when=item.get("when") or "", steps=tuple(steps),
                                           minutes=item.get("minutes"), exercise=item.get("exercise") or ""))
    return Skill(id=rid, version=1, archived=bool(item.get("archived")), created=created, updated=updated, **fields)


def practice_in(item: dict, now: datetime, known: Container[str]) -> Practice:
    problems: Errors = {}
    rid = record_id(item, problems)
    at = when_field(item, "at", problems, required=True)
    created = when_field(item, "created", problems) or now
    updated = when_field(item, "updated", problems) or created
    if problems:
        raise ValidationError(problems)
    draft = PracticeDraft(
        skill_id=item.get("skill") or "", at=at, situation=item.get("situation") or "",
        before=item.get("before"), after=item.get("after"), helped=item.get("helped"),
        notes=item.get("notes") or "", therapy=item.get("therapy", False), details=item.get("details"),
    )
    fields = practice.validate(draft, now, known)
    return Practice(id=rid, version=1, created=created, updated=updated, **fields)


class _AnySkill:
    """Before the vault is open: any skill id passes (import checks again with the vault's)."""

    def __contains__(self, skill_id: object) -> bool:
        return isinstance(skill_id, str) and bool(skill_id)


def write(ws: Workspace, parsed: Parsed) -> Counts:
    """Write what is new; returns ``{kind: (added, in the file)}`` for skills and practices,
    leaving out a kind the file has none of."""
    present = {p.record_id for p in ws.problems if p.table in (catalogue.RECORD.table, practice.RECORD.table)}
    own = {s.id for s in ws.skills.own()}
    skills = [s for s in parsed.skills if s.id not in own and s.id not in present]
    added_skills = ws.skills.import_many(skills, parsed.archived_builtin)
    have = {p.id for p in ws.practices.newest_first()} | present
    practices = [p for p in parsed.practices if p.id not in have]
    added = ws.practices.import_many(practices) if practices else 0
    return only_in_file({"skills": (added_skills, len(parsed.skills)), "practices": (added, len(parsed.practices))})


SECTION = Section("skills", ("skills", "archived_builtin_skills", "practices"), export, parse, write)
