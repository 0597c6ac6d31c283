"""Import jrnl's JSON export (``jrnl --format json``) as journal entries.

The file looks like::

    {"tags": {"@work": 3},
     "entries": [{"title": "…", "body": "…", "date": "2024-01-05", "time": "09:30",
                  "tags": ["@work"], "starred": false, "uuid": "…"}]}

Dates and times are local time. Tags lose their sign (``@work`` -> ``work``); starred is
kept. Each imported entry remembers its origin (jrnl's uuid when there is one, otherwise
a fingerprint of date, time, title and body), so importing the same file again adds
nothing. Everything is checked before anything is written: one bad entry, nothing added.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from companion_tui.core.exchange.common import shortened
from companion_tui.core.journal.entries import MAX_TITLE, Entry, EntryDraft, validate
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.records import new_id


@dataclass(frozen=True)
class JrnlImport:
    entries: list[Entry]  # every entry in the file (duplicates inside the file removed)
    duplicates_in_file: int


def origin(item: dict) -> str:
    uuid = item.get("uuid")
    if isinstance(uuid, str) and uuid.strip():
        return f"jrnl:uuid:{uuid.strip()}"
    key = "\x1f".join(str(item.get(k) or "") for k in ("date", "time", "title", "body"))
    return "jrnl:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def parse(data: object, now: datetime) -> JrnlImport:
    """Validate a parsed jrnl export and build entries (not yet stored). Raises ValidationError."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ValidationError({"format": 'This is not a jrnl JSON export (it has no "entries" list).'})
    errors: dict[str, str] = {}
    entries: list[Entry] = []
    seen: set[str] = set()
    duplicates = 0
    stamp = now.astimezone().replace(microsecond=0)
    for index, item in enumerate(data["entries"]):
        try:
            entry = _entry(item, now, stamp)
        except ValidationError as exc:
            for key, message in exc.errors.items():
                errors[f"entries[{index}].{key}"] = f"Entry {index + 1}: {message}"
            continue
        if entry.origin in seen:
            duplicates += 1
            continue
        seen.add(entry.origin)
        entries.append(entry)
    if errors:
        raise ValidationError(shortened(errors))
    return JrnlImport(entries, duplicates)


def _entry(item: object, now: datetime, stamp: datetime) -> Entry:
    if not isinstance(item, dict):
        raise ValidationError({"record": "is not an object."})
    errors: dict[str, str] = {}
    title, body = item.get("title") or "", item.get("body") or ""
    if not isinstance(title, str) or not isinstance(body, str):
        errors["text"] = "its title and body must be text."
        title, body = "", ""
    if len(" ".join(title.split())) > MAX_TITLE:  # jrnl's title is the first sentence: keep it, in the body
        title, body = "", f"{title}\n\n{body}"
    tags = item.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        errors["tags"] = "its tags must be a list of words."
        tags = []
    at = None
    try:
        day = datetime.strptime(str(item.get("date")), "%Y-%m-%d")
        hh, mm = (int(x) for x in str(item.get("time") or "09:00").split(":")[:2])
        at = day.replace(hour=hh, minute=mm).astimezone()
    except (ValueError, TypeError):
        errors["date"] = f'its date and time ({item.get("date")!r} {item.get("time")!r}) are not "YYYY-MM-DD" and "HH:MM".'
    if errors:
        raise ValidationError(errors)
    draft = EntryDraft(title=title, body=body, tags=tuple(tags), starred=bool(item.get("starred")), at=at)
    clean = validate(draft, now, allow_future=True)
    return Entry(id=new_id(), version=1, origin=origin(item), created=stamp, updated=stamp, **clean)


@dataclass(frozen=True)
class JrnlResult:
    added: int
    already: int  # already in the vault (imported before)
    twice: int  # repeated inside the file

    def summary(self) -> str:
        def n(count: int) -> str:
            return f"{count} journal entr{'y' if count == 1 else 'ies'}"

        text = f"Imported {n(self.added)} from jrnl"
        if self.already:
            text += f"; {self.already} {'was' if self.already == 1 else 'were'} already in the vault"
        if self.twice:
            text += f"; {self.twice} {'was a repeat' if self.twice == 1 else 'were repeats'} inside the file"
        return text + "."


def import_jrnl(ws, data: object) -> JrnlResult:
    """Add the file's entries that aren't in the vault yet (one transaction)."""
    parsed = parse(data, ws.clock())
    present = ws.journal.origins()
    new = [e for e in parsed.entries if e.origin not in present]
    added = ws.journal.import_many(new) if new else 0
    return JrnlResult(added, len(parsed.entries) - added, parsed.duplicates_in_file)
