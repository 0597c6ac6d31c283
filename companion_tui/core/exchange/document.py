"""Export and import: everything in a vault as plain JSON (see docs/export-format.md).

This is the one place plaintext leaves the vault, and only when the user asks for it.

    data = export_json(ws)          # a dict, ready for json.dumps
    text = RENDERERS["json"](ws)    # the text the CLI writes
    n = import_json(ws, data)       # restores check-ins and journal entries; all or nothing

The module keeps its top-level imports to the standard library so the CLI can read
``EXPORT_FORMATS`` while building ``--help`` without loading SQLAlchemy or cryptography.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING

from companion_tui.core.kernel.errors import ValidationError

if TYPE_CHECKING:
    from companion_tui.core.moods.checkins import CheckIn
    from companion_tui.core.workspace import Workspace

FORMAT = "companion-export"
VERSION = 1
#: The fields of one exported check-in, in the order they are written.
CHECKIN_FIELDS = (
    "id", "score", "at", "emotions", "energy", "trigger", "response", "tags", "note", "created", "updated",
)
_ID = re.compile(r"^[0-9a-f]{32}$")
_MAX_SHOWN = 5  # problems named in one error message; the rest are counted


# -- export ------------------------------------------------------------------------------


def export_json(ws: Workspace) -> dict:
    """Everything in the vault except drafts, oldest check-in first."""
    from companion_tui.core.exchange.sections import goals as goal_export
    from companion_tui.core.exchange.sections import journal as journal_json
    from companion_tui.core.exchange.sections import skills as skill_export

    checkins = sorted(ws.moods.newest_first(), key=lambda c: (c.at, c.created))
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": ws.clock().isoformat(timespec="seconds"),
        "checkins": [_checkin_out(c) for c in checkins],
        "journal": journal_json.entries_out(ws),
        "prompts": journal_json.prompts_out(ws),
        **skill_export.export_section(ws),  # skills, archived_builtin_skills, practices
        **goal_export.export_section(ws),  # goals, ticks, reviews
        "settings": asdict(ws.settings.value),
    }


def render_json(ws: Workspace) -> str:
    return json.dumps(export_json(ws), ensure_ascii=False, indent=2) + "\n"


def render_md(ws: Workspace, what: str = "journal") -> str:
    from companion_tui.core.exchange.md_export import render_markdown

    return render_markdown(ws, what)


def render_csv(ws: Workspace, what: str = "moods") -> str:
    from companion_tui.core.exchange.csv_export import render_csv as render

    return render(ws, what)


#: format name -> renderer returning the export as text. Later formats go here.
RENDERERS: dict[str, Callable[[Workspace], str]] = {"json": render_json, "md": render_md, "csv": render_csv}
EXPORT_FORMATS = tuple(RENDERERS)
#: What ``--what`` can pick for formats that export one part of the vault.
EXPORT_WHAT = {"md": ("journal",), "csv": ("moods",)}
IMPORT_FORMATS = ("json", "jrnl", "daylio")


def _checkin_out(c: CheckIn) -> dict:
    payload = c.to_payload()
    payload["id"] = c.id
    out = {key: payload[key] for key in CHECKIN_FIELDS}
    if c.origin:  # imported from another app (e.g. Daylio): lets a re-import skip it
        out["origin"] = c.origin
    return out


# -- import ------------------------------------------------------------------------------


def import_json(ws: Workspace, data: object) -> int:
    """Add everything in the export to ``ws``; return how many check-ins were new.

    Every record is validated first; if any is invalid nothing is written. Records whose
    id is already in the vault (including ones that failed to open) are skipped.
    ``import_counts`` gives the figures for every kind of record.
    """
    return import_counts(ws, data)["checkins"][0]


def import_counts(ws: Workspace, data: object) -> dict[str, tuple[int, int]]:
    """Like ``import_json``; returns ``{kind: (added, in the file)}`` for checkins, journal,
    skills and practices."""
    from companion_tui.core.exchange.sections import goals as goal_export
    from companion_tui.core.exchange.sections import journal as journal_json
    from companion_tui.core.exchange.sections import skills as skill_export
    from companion_tui.core.journal.prompts import parse_changes

    now = ws.clock()
    checkins = parse_export(data, now)  # validates every section before anything is written
    entries = journal_json.parse_entries(data.get("journal"), now)  # type: ignore[union-attr]
    prompt_changes = parse_changes(data.get("prompts"))  # type: ignore[union-attr]
    skills_part = skill_export.parse_section(data, now, skill_export.known_skills(ws))
    goals_part = goal_export.parse_section(data, now, skill_export.known_skills(ws))
    present = {c.id for c in ws.moods.newest_first()}
    present |= {p.record_id for p in ws.problems if p.table == "checkins"}
    new = [c for c in checkins if c.id not in present]
    added = ws.moods.import_many(new) if new else 0
    ws.prompts.import_changes(prompt_changes)
    added_entries = journal_json.import_entries(ws, entries)
    return {"checkins": (added, len(checkins)), "journal": (added_entries, len(entries)),
            **skill_export.import_section(ws, skills_part), **goal_export.import_section(ws, goals_part)}


def parse_export(data: object, now: datetime) -> list[CheckIn]:
    """Validate a parsed export and build its check-ins. Raises ValidationError."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError({"format": "This is not a companion export (its \"format\" is not companion-export)."})
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError({"version": "This export has no valid version number."})
    if version > VERSION:
        raise ValidationError(
            {"version": f"This export was written by a newer version of companion (format {version}); please upgrade."}
        )
    items = data.get("checkins")
    if not isinstance(items, list):
        raise ValidationError({"checkins": "This export has no list of check-ins."})
    errors: dict[str, str] = {}
    seen: set[str] = set()
    out: list[CheckIn] = []
    for index, item in enumerate(items):
        try:
            checkin = _checkin_in(item, now)
        except ValidationError as exc:
            for key, message in exc.errors.items():
                errors[f"checkins[{index}].{key}"] = f"Check-in {index + 1}: {message}"
            continue
        if checkin.id in seen:
            errors[f"checkins[{index}].id"] = f"Check-in {index + 1}: its id appears twice in the file."
        seen.add(checkin.id)
        out.append(checkin)
    errors.update(_section_errors(data, now))
    if errors:
        raise ValidationError(_shortened(errors))
    return out


def _section_errors(data: dict, now: datetime) -> dict[str, str]:
    """Problems in the export's other sections (journal entries, prompts)."""
    from companion_tui.core.exchange.sections import goals as goal_export
    from companion_tui.core.exchange.sections import journal as journal_json
    from companion_tui.core.exchange.sections import skills as skill_export
    from companion_tui.core.journal.prompts import parse_changes

    errors: dict[str, str] = {}
    for check in (lambda: journal_json.parse_entries(data.get("journal"), now),
                  lambda: parse_changes(data.get("prompts")),
                  lambda: skill_export.parse_section(data, now),
                  lambda: goal_export.parse_section(data, now)):
        try:
            check()
        except ValidationError as exc:
            errors.update(exc.errors)
    return errors


def _checkin_in(item: object, now: datetime) -> CheckIn:
    from companion_tui.core.moods.checkins import CheckIn, CheckInDraft, validate

    if not isinstance(item, dict):
        raise ValidationError({"record": "is not an object."})
    errors: dict[str, str] = {}
    record_id = item.get("id")
    if not isinstance(record_id, str) or not _ID.match(record_id):
        errors["id"] = "its id is missing or not 32 lowercase hex digits."
    texts = {key: _str(item, key, errors) for key in ("trigger", "response", "note")}
    words = {key: _str_list(item, key, errors) for key in ("emotions", "tags")}
    at = _when(item, "at", errors, required=True)
    created = _when(item, "created", errors) or now
    updated = _when(item, "updated", errors) or created
    origin = item.get("origin") or ""
    if not isinstance(origin, str) or len(origin) > 200:
        errors["origin"] = "'origin' must be short text."
    if errors:
        raise ValidationError(errors)
    draft = CheckInDraft(score=item.get("score"), energy=item.get("energy"), at=at, **texts, **words)
    fields = validate(draft, now)  # raises ValidationError with the same messages the app shows
    return CheckIn(id=record_id, version=1, created=created, updated=updated, origin=origin, **fields)


def _str(item: dict, key: str, errors: dict[str, str]) -> str:
    value = item.get(key) or ""
    if not isinstance(value, str):
        errors[key] = f"{key!r} must be text."
        return ""
    return value


def _str_list(item: dict, key: str, errors: dict[str, str]) -> tuple[str, ...]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors[key] = f"{key!r} must be a list of words."
        return ()
    return tuple(value)


def _when(item: dict, key: str, errors: dict[str, str], required: bool = False) -> datetime | None:
    value = item.get(key)
    if value is None and not required:
        return None
    try:
        when = datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        errors[key] = f"{key!r} is not an ISO date and time (e.g. 2026-03-14T21:30:00+01:00)."
        return None
    return when if when.tzinfo else when.astimezone()


def _shortened(errors: dict[str, str]) -> dict[str, str]:
    if len(errors) <= _MAX_SHOWN:
        return errors
    shown = dict(list(errors.items())[:_MAX_SHOWN])
    shown["more"] = f"…and {len(errors) - _MAX_SHOWN} more problems."
    return shown
