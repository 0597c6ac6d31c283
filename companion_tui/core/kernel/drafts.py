"""Encrypted drafts: unsaved form and editor content, kept so nothing typed is lost.

A draft is keyed by a stable name (e.g. ``"mood-form"`` or ``"mood-edit:<id>"``) and holds
a JSON-able dict. Saving replaces the previous draft of that name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from companion_tui.core.kernel.clock import utc_now
from companion_tui.core.kernel.records import Loaded, Records, new_id
from companion_tui.core.kernel.registry import RecordType

RECORD = RecordType("drafts", "unsaved draft", 1)


@dataclass(frozen=True)
class Draft:
    id: str
    version: int
    name: str
    data: dict
    saved: datetime


class Drafts:
    def __init__(self, records: Records, loaded: Loaded) -> None:
        self._records = records
        self._by_name: dict[str, Draft] = {}
        for record_id, version, p in loaded.items:
            self._by_name[p["name"]] = Draft(record_id, version, p["name"], p["data"], datetime.fromisoformat(p["saved"]))

    def save(self, name: str, data: dict) -> Draft:
        old = self._by_name.get(name)
        record_id, version = (old.id, old.version + 1) if old else (new_id(), 1)
        draft = Draft(record_id, version, name, dict(data), utc_now())
        payload = {"v": RECORD.version, "name": name, "data": draft.data, "saved": draft.saved.isoformat()}
        self._records.write(RECORD.table, record_id, version, payload)
        self._by_name[name] = draft
        return draft

    def get(self, name: str) -> Draft | None:
        return self._by_name.get(name)

    def discard(self, name: str) -> None:
        old = self._by_name.pop(name, None)
        if old:
            self._records.write(RECORD.table, old.id, 0, None)

    def all(self) -> list[Draft]:
        return sorted(self._by_name.values(), key=lambda d: d.saved, reverse=True)
