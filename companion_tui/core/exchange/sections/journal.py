"""Journal entries and prompt changes in the companion JSON export (see docs/export-format.md).

``core/export.py`` calls these: entries are written oldest first with every stored field,
validated with the same rules as the editor on import, and restored with their ids and
timestamps, so an export imported into an empty vault gives back exactly the same entries.
"""

from __future__ import annotations

import re
from datetime import datetime

from companion_tui.core.journal.entries import Entry, EntryDraft, validate
from companion_tui.core.kernel.errors import ValidationError

ENTRY_FIELDS = (
    "id", "at", "title", "body", "tags", "starred", "therapy", "prompt_id", "kind", "origin", "created", "updated",
)
_ID = re.compile(r"^[0-9a-f]{32}$")


def entries_out(ws) -> list[dict]:
    """Every entry, oldest first."""
    entries = sorted(ws.journal.newest_first(), key=lambda e: (e.at, e.created))
    out = []
    for e in entries:
        payload = e.to_payload()
        payload["id"] = e.id
        out.append({key: payload[key] for key in ENTRY_FIELDS})
    return out


def prompts_out(ws) -> list[dict]:
    return ws.journal.prompts.changes_out()


def parse_entries(items: object, now: datetime) -> list:
    """Validate the export's ``journal`` list and build entries. Raises ValidationError."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise ValidationError({"journal": "The export's journal is not a list."})
    errors: dict[str, str] = {}
    out: list[Entry] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"Journal entry {index + 1}"
        try:
            entry = _entry_in(item, now)
        except ValidationError as exc:
            for key, message in exc.errors.items():
                errors[f"journal[{index}].{key}"] = f"{where}: {message}"
            continue
        if entry.id in seen:
            errors[f"journal[{index}].id"] = f"{where}: its id appears twice in the file."
        seen.add(entry.id)
        out.append(entry)
    if errors:
        shown = dict(list(errors.items())[:5])
        if len(errors) > 5:
            shown["more"] = f"…and {len(errors) - 5} more problems."
        raise ValidationError(shown)
    return out


def _entry_in(item: object, now: datetime) -> Entry:
    if not isinstance(item, dict):
        raise ValidationError({"record": "is not an object."})
    errors: dict[str, str] = {}
    record_id = item.get("id")
    if not isinstance(record_id, str) or not _ID.match(record_id):
        errors["id"] = "its id is missing or not 32 lowercase hex digits."
    texts = {}
    for key in ("title", "body", "kind", "origin"):
        value = item.get(key) if item.get(key) is not None else ("entry" if key == "kind" else "")
        if not isinstance(value, str):
            errors[key] = f"{key!r} must be text."
            value = ""
        texts[key] = value
    tags = item.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        errors["tags"] = "'tags' must be a list of words."
        tags = []
    prompt_id = item.get("prompt_id")
    if prompt_id is not None and not isinstance(prompt_id, str):
        errors["prompt_id"] = "'prompt_id' must be text or null."
    at = _when(item, "at", errors, required=True)
    created = _when(item, "created", errors) or now
    updated = _when(item, "updated", errors) or created
    if errors:
        raise ValidationError(errors)
    draft = EntryDraft(
        title=texts["title"], body=texts["body"], tags=tuple(tags), starred=bool(item.get("starred")),
        therapy=bool(item.get("therapy")), prompt_id=prompt_id, kind=texts["kind"], at=at,
    )
    clean = validate(draft, now, allow_future=True)
    return Entry(id=record_id, version=1, origin=texts["origin"], created=created, updated=updated, **clean)


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


def import_entries(ws, entries: list) -> int:
    """Add entries whose id isn't in the vault (or among records that failed to open)."""
    present = {p.record_id for p in ws.problems if p.table == "journal"}
    new = [e for e in entries if e.id not in ws.journal and e.id not in present]
    return ws.journal.import_many(new) if new else 0
