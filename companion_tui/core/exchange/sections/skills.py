"""Skills and practices in the JSON export (a section of core.export), and their re-import.

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

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from companion_tui.core.kernel.errors import ValidationError

if TYPE_CHECKING:
    from companion_tui.core.skills.catalogue import Skill
    from companion_tui.core.skills.practice import Practice
    from companion_tui.core.workspace import Workspace

SKILL_FIELDS = ("id", "name", "category", "when", "steps", "minutes", "exercise", "archived", "created", "updated")
PRACTICE_FIELDS = ("id", "skill", "skill_name", "at", "situation", "before", "after", "helped", "notes", "therapy",
                   "details", "created", "updated")


def export_section(ws: Workspace) -> dict:
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
    skills: list
    archived_builtin: list[str]
    practices: list


def known_skills(ws: Workspace) -> set[str]:
    """Ids a practice in an export may refer to, besides the file's own skills."""
    return {s.id for s in ws.skills.all(include_archived=True)}


def parse_section(data: object, now: datetime, known: set[str] | None = None) -> Parsed:
    """Validate the section (missing keys mean none). Raises ValidationError naming each bad record.

    ``known``: skill ids already in the vault (``known_skills(ws)``). Without it (before the
    vault is open) a practice's skill is not checked; import checks it again with ``known``.
    """
    if not isinstance(data, dict):
        return Parsed([], [], [])
    from companion_tui.core.exchange.document import _ID, _shortened, _when
    from companion_tui.core.skills.catalogue import Skill, SkillDraft, builtin_skills
    from companion_tui.core.skills.catalogue import validate as validate_skill
    from companion_tui.core.skills.practice import Practice, PracticeDraft
    from companion_tui.core.skills.practice import validate as validate_practice

    errors: dict[str, str] = {}
    lists = {}
    for key in ("skills", "archived_builtin_skills", "practices"):
        value = data.get(key, [])
        if not isinstance(value, list):
            errors[key] = f"{key!r} must be a list."
            value = []
        lists[key] = value
    builtin = {s.id for s in builtin_skills()}
    archived = [b for b in lists["archived_builtin_skills"] if isinstance(b, str) and b in builtin]
    if len(archived) != len(lists["archived_builtin_skills"]):
        errors["archived_builtin_skills"] = "Some archived skills are not built-in skills of this version."

    skills: list[Skill] = []
    seen: set[str] = set()
    for index, item in enumerate(lists["skills"]):
        label = f"Skill {index + 1}"
        try:
            if not isinstance(item, dict):
                raise ValidationError({"record": "is not an object."})
            problems: dict[str, str] = {}
            record_id = item.get("id")
            if not isinstance(record_id, str) or not _ID.match(record_id):
                problems["id"] = "its id is missing or not 32 lowercase hex digits."
            steps = item.get("steps") or []
            if not isinstance(steps, list) or not all(isinstance(x, str) for x in steps):
                problems["steps"] = "'steps' must be a list of texts."
                steps = []
            created = _when(item, "created", problems) or now
            updated = _when(item, "updated", problems) or created
            if problems:
                raise ValidationError(problems)
            fields = validate_skill(SkillDraft(name=item.get("name") or "", category=item.get("category", "other"),
                                               when=item.get("when") or "", steps=tuple(steps),
                                               minutes=item.get("minutes"), exercise=item.get("exercise") or ""))
        except ValidationError as exc:
            errors.update({f"skills[{index}].{k}": f"{label}: {m}" for k, m in exc.errors.items()})
            continue
        if record_id in seen:
            errors[f"skills[{index}].id"] = f"{label}: its id appears twice in the file."
        seen.add(record_id)
        skills.append(Skill(id=record_id, version=1, archived=bool(item.get("archived")), created=created,
                            updated=updated, **fields))

    catalogue = _AnySkill() if known is None else builtin | set(seen) | known
    practices: list[Practice] = []
    seen = set()
    for index, item in enumerate(lists["practices"]):
        label = f"Practice {index + 1}"
        try:
            if not isinstance(item, dict):
                raise ValidationError({"record": "is not an object."})
            problems = {}
            record_id = item.get("id")
            if not isinstance(record_id, str) or not _ID.match(record_id):
                problems["id"] = "its id is missing or not 32 lowercase hex digits."
            at = _when(item, "at", problems, required=True)
            created = _when(item, "created", problems) or now
            updated = _when(item, "updated", problems) or created
            if problems:
                raise ValidationError(problems)
            draft = PracticeDraft(
                skill_id=item.get("skill") or "", at=at, situation=item.get("situation") or "",
                before=item.get("before"), after=item.get("after"), helped=item.get("helped"),
                notes=item.get("notes") or "", therapy=item.get("therapy", False), details=item.get("details"),
            )
            fields = validate_practice(draft, now, catalogue)  # type: ignore[arg-type]
        except ValidationError as exc:
            errors.update({f"practices[{index}].{k}": f"{label}: {m}" for k, m in exc.errors.items()})
            continue
        if record_id in seen:
            errors[f"practices[{index}].id"] = f"{label}: its id appears twice in the file."
        seen.add(record_id)
        practices.append(Practice(id=record_id, version=1, created=created, updated=updated, **fields))
    if errors:
        raise ValidationError(_shortened(errors))
    return Parsed(skills, archived, practices)


class _AnySkill:
    def __contains__(self, skill_id: object) -> bool:
        return isinstance(skill_id, str) and bool(skill_id)


def import_section(ws: Workspace, parsed: Parsed) -> dict[str, tuple[int, int]]:
    """Write what is new; returns ``{kind: (added, in the file)}`` for skills and practices,
    leaving out a kind the file has none of."""
    present = {p.record_id for p in ws.problems if p.table in ("skills", "practices")}
    own = {s.id for s in ws.skills.own()}
    skills = [s for s in parsed.skills if s.id not in own and s.id not in present]
    added_skills = ws.skills.import_many(skills, parsed.archived_builtin)
    have = {p.id for p in ws.practices.newest_first()} | present
    practices = [p for p in parsed.practices if p.id not in have]
    added = ws.practices.import_many(practices) if practices else 0
    counts = {"skills": (added_skills, len(parsed.skills)), "practices": (added, len(parsed.practices))}
    return {kind: n for kind, n in counts.items() if n[1]}
