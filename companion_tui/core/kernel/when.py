"""Reading the "when" of a record as a person types it, and checking it.

Accepted (case and extra spaces don't matter):

* ``2026-11-24 21:30`` (also ``2026-11-24T21:30``) — that local date and time;
* ``2026-11-24``, ``yesterday``, ``today`` — that day, keeping the time of day (``keep``: the
  record's own time when editing, else now's) but never later than now;
* ``yesterday 21:30``, ``today 08:00`` — that day at that time;
* ``21:30`` — today at 21:30; ``now`` — now.

Pure functions: the caller passes ``now`` (aware local time, e.g. ``ws.clock()``). A typed time is
wall-clock time in the system's time zone, with the UTC offset in force *on that date* (a July
date read in December gets summer time). A time the clocks skipped (the hour lost when summer
time starts) is refused with a plain message; a time that happens twice (when it ends) is
taken as the first of the two.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from companion_tui.core.kernel.clock import as_local
from companion_tui.core.kernel.errors import ValidationError

FORMAT = "%Y-%m-%d %H:%M"
FUTURE_SLACK = timedelta(minutes=5)
HINT = "e.g. yesterday 22:00 · 21:30 (today) · 2026-11-24 (keeps the time of day)"

_DAY = r"(?P<day>today|yesterday|(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2}))"
_TIME = r"(?P<h{n}>\d{{1,2}}):(?P<mi{n}>\d{{2}})"
_WHEN = re.compile(rf"^(?:{_DAY}(?:(?:\s+at\s+|\s+|t){_TIME.format(n=1)})?|{_TIME.format(n=2)})$")


class Unreadable(ValidationError):
    """The text can't be read as a date at all (perhaps it is still being typed)."""


def _problem(message: str, cls: type[ValidationError] = ValidationError) -> ValidationError:
    return cls({"at": message})


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:30]}…”" if len(text) > 30 else f"“{text}”"


def show(at: datetime) -> str:
    """The text a "when" field shows for ``at`` (its own wall-clock time)."""
    return at.strftime(FORMAT)


def describe(at: datetime, today: date) -> str:
    """``at`` in words for a hint under the field: "yesterday, Tuesday 24 November 2026, 21:30"."""
    days = (today - at.date()).days
    prefix = {0: "today, ", 1: "yesterday, "}.get(days, "")
    return f"{prefix}{at:%A %-d %B %Y, %H:%M}"


def parse_when(text: str, now: datetime, keep: time | None = None) -> datetime:
    """What the typed ``text`` means, as an aware local datetime (minute precision).

    Raises ValidationError({"at": message}) when it can't be read or names no real moment.
    Whether it is in the future is not checked here (see ``check_when``).
    """
    raw = text or ""
    norm = " ".join(raw.split()).lower()
    if norm == "now":
        return now.replace(second=0, microsecond=0)
    if not norm:
        raise _problem("Type when this was, e.g. 2026-11-24 21:30, yesterday, or 21:30.", Unreadable)
    m = _WHEN.match(norm)
    if not m:
        raise _problem(f"Can't read {_quoted(raw)} as a date: try 2026-11-24 21:30, yesterday, or 21:30.", Unreadable)
    today = now.date()
    if m["day"] is None or m["day"] == "today":
        day = today
    elif m["day"] == "yesterday":
        day = today - timedelta(days=1)
    else:
        try:
            day = date(int(m["y"]), int(m["mo"]), int(m["d"]))
        except ValueError:
            raise _problem(f"{_quoted(m['day'])} is not a real date.") from None
    h, mi = m["h1"] or m["h2"], m["mi1"] or m["mi2"]
    if h is not None:
        hour, minute = int(h), int(mi)
        if hour > 23 or minute > 59:
            raise _problem(f"{_quoted(h + ':' + mi)} is not a time of day (00:00 to 23:59).")
        clock_given = True
    else:
        kept = keep if keep is not None else now.time()
        hour, minute = kept.hour, kept.minute
        clock_given = False
    naive = datetime(day.year, day.month, day.day, hour, minute)
    try:
        at = as_local(naive)
    except ValueError as exc:
        raise _problem(str(exc)) from None
    if at.replace(tzinfo=None) != naive:
        raise _problem(f"{naive:%Y-%m-%d %H:%M} didn't happen here: the clocks went forward that night. "
                       "Try an hour later.")
    if not clock_given and day == today and at > now:
        at = now.replace(second=0, microsecond=0)  # "today" alone: never later than now
    return at


def check_when(at: datetime, now: datetime, allow_future: bool = False, what: str = "an entry") -> datetime:
    """``at`` as an aware datetime, or ValidationError({"at": message}) if it can't be stored."""
    try:
        at = as_local(at)
    except ValueError as exc:
        raise _problem(str(exc)) from None
    if not allow_future and at > now + FUTURE_SLACK:
        raise _problem(f"{at:%Y-%m-%d %H:%M} is in the future; {what} can be back-dated, not forward-dated.")
    if at.year < 1900:
        raise _problem("That date is too far in the past.")
    return at


def read_when(text: str, now: datetime, keep: time | None = None, what: str = "an entry") -> datetime:
    """Parse and check what was typed; a future bare time ("23:00" just after midnight) gets a hint."""
    at = parse_when(text, now, keep)
    try:
        return check_when(at, now, what=what)
    except ValidationError as exc:
        m = _WHEN.match(" ".join((text or "").split()).lower())
        if m and m["day"] is None and at > now:
            raise _problem(f"{exc.errors['at']} If you meant yesterday, type “yesterday {at:%H:%M}”.") from None
        raise
