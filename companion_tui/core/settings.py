"""User settings, stored encrypted as a single record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from companion_tui.core.errors import ValidationError
from companion_tui.core.records import Loaded, Records

TABLE = "settings"
RECORD_ID = "app"
PAYLOAD_VERSION = 1


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

    def update(self, **changes) -> Settings:
        new = replace(self.value, **changes)
        new.validate()
        self._records.write(TABLE, RECORD_ID, self.version + 1, {"v": PAYLOAD_VERSION, **asdict(new)})
        self.version += 1
        self.value = new
        return new
