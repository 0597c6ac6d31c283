"""User settings, stored encrypted as a single record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.records import Loaded, Records
from companion_tui.core.kernel.registry import RecordType
from companion_tui.store.database import Change

RECORD = RecordType("settings", "settings record", 1)
RECORD_ID = "app"


@dataclass(frozen=True)
class Settings:
    auto_lock_minutes: int = 10
    theme: str = "textual-dark"
    week_start: int = 0  # 0 = Monday

    def validate(self) -> None:
        errors = {}
        if not 1 <= self.auto_lock_minutes <= 240:
            errors["auto_lock_minutes"] = "Auto-lock must be between 1 and 240 minutes."
        if not 0 <= self.week_start <= 6:
            errors["week_start"] = "The week starts on a day 0 (Monday) to 6 (Sunday)."
        if errors:
            raise ValidationError(errors)


class SettingsStore:
    def __init__(self, records: Records, loaded: Loaded) -> None:
        self._records = records
        self.version = 0
        self.value = Settings()
        known = {f.name for f in fields(Settings)}
        for record_id, version, payload in loaded.items:
            if record_id == RECORD_ID:
                self.version = version
                self.value = Settings(**{k: v for k, v in payload.items() if k in known})
        # A settings record that failed to open (reported in ws.problems) is replaced on the next
        # save; otherwise every save would collide with it and fail.
        self._unreadable = any(p.record_id == RECORD_ID for p in loaded.problems)

    def update(self, **changes) -> Settings:
        new = replace(self.value, **changes)
        new.validate()
        change = self._records.change(RECORD.table, RECORD_ID, self.version + 1, {"v": RECORD.version, **asdict(new)})
        if self._unreadable:
            self._records.apply([Change("delete", RECORD.table, RECORD_ID), change])
            self._unreadable = False
        else:
            self._records.apply([change])
        self.version += 1
        self.value = new
        return new
