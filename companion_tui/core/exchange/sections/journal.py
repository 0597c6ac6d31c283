"""Journal entries and prompt changes in the JSON export (keys ``"journal"`` and ``"prompts"``;
see docs/export-format.md), and their re-import.

Entries are written oldest first with every stored field, validated with the same rules as the
editor on import, and restored with their ids and timestamps, so an export imported into an
empty vault gives back exactly the same entries. Prompt changes are the person's own prompts
and their edits and hides of built-in ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from companion_tui.core.exchange.common import Counts, Errors, Section, raise_if, record_id, records_in, when_field
from companion_tui.core.journal.entries import RECORD, Entry, EntryDraft, validate
from companion_tui.core.journal.prompts import parse_changes
from companion_tui.core.kernel.errors import ValidationError

if TYPE_CHECKING:
    from companion_tui.core.workspace import Workspace

ENTRY_FIELDS = (
    "id", "at", "title", "body", "tags", "starred", "therapy", "prompt_id", "kind", "origin", "created", "updated",
)


def export(ws: Workspace) -> dict[str, object]:
    return {"journal": entries_out(ws), "prompts": ws.journal.prompts.changes_out()}


def entries_out(ws: Workspace) -> list[dict]:
    """Every entry, oldest first."""
    entries = sorted(ws.journal.newest_first(), key=lambda e: (e.at, e.created))
    out = []
    for e in entries:
        payload = e.to_payload()
        payload["id"] = e.id
        out.append({key: payload[key] for key in ENTRY_FIELDS})
    return out


@dataclass(frozen=True)
class Parsed:
    entries: list[Entry]
    prompt_changes: list[dict]


def parse(data: dict, now: datetime, into: Workspace | None = None) -> Parsed:
    """The file's entries and prompt changes (missing keys mean none). Raises ValidationError."""
    errors: Errors = {}
    entries = parse_entries(data.get("journal"), now, errors)
    changes: list[dict] = []
    try:
        changes = parse_changes(data.get("prompts"))
    except ValidationError as exc:
        errors.update(exc.errors)
    raise_if(errors)
    return Parsed(entries, changes)


def parse_entries(items: object, now: datetime, errors: Errors) -> list[Entry]:
    """The export's ``journal`` list as entries; problems go to ``errors``."""
    if items is None:
        return []
    if not isinstance(items, list):
        errors["journal"] = "The export's journal is not a list."
        return []
    return records_in(items, "journal", "Journal entry", lambda item: entry_in(item, now), errors)


def entry_in(item: dict, now: datetime) -> Entry:
    errors: Errors = {}
    rid = record_id(item, errors)
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
    at = when_field(item, "at", errors, required=True)
    created = when_field(item, "created", errors) or now
    updated = when_field(item, "updated", errors) or created
    if errors:
        raise ValidationError(errors)
    draft = EntryDraft(
        title=texts["title"], body=texts["body"], tags=tuple(tags), starred=bool(item.get("starred")),
        therapy=bool(item.get("therapy")), prompt_id=prompt_id, kind=texts["kind"], at=at,
    )
    clean = validate(draft, now, allow_future=True)
    return Entry(id=rid, version=1, origin=texts["origin"], created=created, updated=updated, **clean)


def write(ws: Workspace, parsed: Parsed) -> Counts:
    """Prompt changes first (entries may answer them), then entries whose id isn't in the vault
    (or among records that failed to open)."""
    ws.prompts.import_changes(parsed.prompt_changes)
    present = {p.record_id for p in ws.problems if p.table == RECORD.table}
    new = [e for e in parsed.entries if e.id not in ws.journal and e.id not in present]
    added = ws.journal.import_many(new) if new else 0
    return {"journal": (added, len(parsed.entries))}


SECTION = Section("journal", ("journal", "prompts"), export, parse, write)
