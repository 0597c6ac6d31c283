"""Time in one place, so tests and the TUI can replace the clock."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

Clock = Callable[[], datetime]


def system_now() -> datetime:
    """Aware local time."""
    return datetime.now().astimezone()


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_local(at: datetime) -> datetime:
    """``at`` as an aware datetime; a naive one is taken as local time.

    Raises ValueError (never OverflowError) for dates at the very ends of the calendar that
    can't be placed in the local time zone, e.g. 0001-01-01 00:00 east of UTC.
    """
    if at.tzinfo is not None:
        return at
    try:
        return at.astimezone()
    except (ValueError, OverflowError):
        raise ValueError(f"{at:%Y-%m-%d %H:%M} is outside the range of dates that can be stored.") from None


_AT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?\s*$")


def parse_at(text: str, now: datetime | None = None) -> datetime:
    """Parse "YYYY-MM-DD HH:MM" (or a bare date, taken as 12:00) as local time. Raises ValueError."""
    m = _AT.match(text or "")
    if not m:
        raise ValueError(f"Can't read the time {text!r}: use YYYY-MM-DD HH:MM, e.g. 2026-03-14 21:30.")
    y, mo, d, hh, mm = m.groups()
    try:
        naive = datetime(int(y), int(mo), int(d), int(hh or 12), int(mm or 0))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date and time.") from None
    return as_local(naive)


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week containing ``day`` (0 = Monday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)
