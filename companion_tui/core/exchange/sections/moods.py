"""Check-ins in the JSON export (key ``"checkins"``; see docs/export-format.md), and their re-import.

Every check-in is written oldest first with the fields of ``CHECKIN_FIELDS`` (and ``origin``
when it came from another app). Import checks each with the check-in form's own rules and
skips check-ins whose id is already in the vault (including ones that failed to open).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from companion_tui.core.exchange.common import (
    Counts,
    Errors,
    Section,
    raise_if,
    record_id,
    records_in,
    str_field,
    str_list,
    when_field,
)
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.moods.checkins import RECORD, CheckIn, CheckInDraft, validate

if TYPE_CHECKING:
    from companion_tui.core.workspace import Workspace

#: The fields of one exported check-in, in the order they are written.
CHECKIN_FIELDS = (
    "id", "score", "at", "emotions", "energy", "trigger", "response", "tags", "note", "created", "updated",
)


def export(ws: Workspace) -> dict[str, object]:
    checkins = sorted(ws.moods.newest_first(), key=lambda c: (c.at, c.created))
    return {"checkins": [checkin_out(c) for c in checkins]}


def checkin_out(c: CheckIn) -> dict:
    payload = c.to_payload()
    payload["id"] = c.id
    out = {key: payload[key] for key in CHECKIN_FIELDS}
    if c.origin:  # imported from another app (e.g. Daylio): lets a re-import skip it
        out["origin"] = c.origin
    return out


def parse(data: dict, now: datetime, into: Workspace | None = None) -> list[CheckIn]:
    """The file's check-ins, validated. Raises ValidationError naming each bad one."""
    items = data.get("checkins")
    if not isinstance(items, list):
        raise ValidationError({"checkins": "This export has no list of check-ins."})
    errors: Errors = {}
    checkins = records_in(items, "checkins", "Check-in", lambda item: checkin_in(item, now), errors)
    raise_if(errors)
    return checkins


def checkin_in(item: dict, now: datetime) -> CheckIn:
    errors: Errors = {}
    rid = record_id(item, errors)
    texts = {key: str_field(item, key, errors) for key in ("trigger", "response", "note")}
    words = {key: str_list(item, key, errors) for key in ("emotions", "tags")}
    at = when_field(item, "at", errors, required=True)
    created = when_field(item, "created", errors) or now
    updated = when_field(item, "updated", errors) or created
    origin = item.get("origin") or ""
    if not isinstance(origin, str) or len(origin) > 200:
        errors["origin"] = "'origin' must be short text."
    if errors:
        raise ValidationError(errors)
    draft = CheckInDraft(score=item.get("score"), energy=item.get("energy"), at=at, trigger=texts["trigger"],
                         response=texts["response"], note=texts["note"], emotions=words["emotions"], tags=words["tags"])
    fields = validate(draft, now)  # raises ValidationError with the same messages the app shows
    return CheckIn(id=rid, version=1, created=created, updated=updated, origin=origin, **fields)


def write(ws: Workspace, checkins: list[CheckIn]) -> Counts:
    present = {c.id for c in ws.moods.newest_first()}
    present |= {p.record_id for p in ws.problems if p.table == RECORD.table}
    new = [c for c in checkins if c.id not in present]
    added = ws.moods.import_many(new) if new else 0
    return {"checkins": (added, len(checkins))}


SECTION = Section("moods", ("checkins",), export, parse, write)
