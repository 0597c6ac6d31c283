"""Mood check-ins: the domain object, validation, and the in-memory log.

A check-in's time is stored as an ISO date-time with its UTC offset, so the local
date it belongs to never shifts when the user travels or the clocks change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import SupportsIndex, SupportsInt

from companion_tui.core.kernel import assets
from companion_tui.core.kernel.clock import Clock, as_local, system_now, utc_now, week_start
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.record_log import RecordLog
from companion_tui.core.kernel.records import Loaded, Records, storable
from companion_tui.core.kernel.registry import RecordType

RECORD = RecordType("checkins", "check-in", 1)

MAX_WORD = 40
MAX_WORDS = 30
MAX_SHORT_TEXT = 2_000
MAX_NOTE = 20_000
_WORD = re.compile(r"^[^\W\d_](?:[^\W_]|[ '’\-])*$")
_FUTURE_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class CheckInDraft:
    """What a person typed, before validation. Text fields may be empty."""

    score: int | str | None = None
    emotions: tuple[str, ...] = ()
    energy: int | str | None = None
    trigger: str = ""
    response: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    at: datetime | None = None


@dataclass(frozen=True)
class CheckIn:
    id: str
    version: int
    score: int
    at: datetime
    emotions: tuple[str, ...] = ()
    energy: int | None = None
    trigger: str = ""
    response: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)
    #: Where an imported check-in came from (e.g. "daylio:<key>"), so a re-import adds nothing twice.
    origin: str = ""

    @property
    def day(self) -> date:
        """The local date the check-in belongs to (at its own UTC offset)."""
        return self.at.date()

    def to_payload(self) -> dict:
        payload = {
            "v": RECORD.version,
            "score": self.score,
            "at": self.at.isoformat(timespec="seconds"),
            "emotions": list(self.emotions),
            "energy": self.energy,
            "trigger": self.trigger,
            "response": self.response,
            "tags": list(self.tags),
            "note": self.note,
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
        }
        if self.origin:
            payload["origin"] = self.origin
        return payload

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> CheckIn:
        return cls(
            id=record_id,
            version=version,
            score=int(p["score"]),
            at=datetime.fromisoformat(p["at"]),
            emotions=tuple(p.get("emotions", ())),
            energy=p.get("energy"),
            trigger=p.get("trigger", ""),
            response=p.get("response", ""),
            tags=tuple(p.get("tags", ())),
            note=p.get("note", ""),
            created=datetime.fromisoformat(p["created"]),
            updated=datetime.fromisoformat(p["updated"]),
            origin=p.get("origin", ""),
        )


# -- validation ------------------------------------------------------------------------


def normalize_word(word: str) -> str:
    return " ".join(unicodedata.normalize("NFC", word).split()).lower()


def _words(raw: Iterable[str], label: str, errors: dict[str, str], key: str) -> tuple[str, ...]:
    out: list[str] = []
    for item in raw:
        word = normalize_word(str(item))
        if not word:
            errors[key] = f"{label.capitalize()} can't be empty."
        elif len(word) > MAX_WORD:
            errors[key] = f"{word[:20]!r}… is too long (at most {MAX_WORD} characters)."
        elif not _WORD.match(word):
            errors[key] = (
                f"{word!r} is not {label} we can store: use letters, spaces, hyphens or apostrophes "
                "(separate several with separate entries, not commas)."
            )
        elif word not in out:
            out.append(word)
    if len(out) > MAX_WORDS:
        errors[key] = f"At most {MAX_WORDS} of these per check-in."
    return tuple(out)


def _int_in(value: object, lo: int, hi: int) -> int:
    """``value`` as a whole number in lo..hi; ValueError or TypeError (callers catch both) if it isn't one."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError
    if not isinstance(value, (str, SupportsInt, SupportsIndex)):
        raise TypeError(f"not a number: {type(value).__name__}")
    try:
        n = int(value)
        if n != value and not isinstance(value, str):
            raise ValueError
    except ArithmeticError:  # int(inf) is an OverflowError; Decimal('sNaN') != n is InvalidOperation
        raise ValueError from None
    if not lo <= n <= hi:
        raise ValueError
    return n


def _text(value: str, limit: int, label: str, key: str, errors: dict[str, str]) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        errors[key] = f"{label} is too long ({len(value):,} characters; at most {limit:,})."
    if "\x00" in value or not storable(value):
        errors[key] = f"{label} contains a character that can't be stored."
    return value


def validate(draft: CheckInDraft, now: datetime) -> dict:
    """Check a draft; return clean fields or raise ValidationError with every problem."""
    errors: dict[str, str] = {}
    score = energy = None
    if draft.score is None or draft.score == "":
        errors["score"] = "Choose a mood score from 1 to 10."
    else:
        try:
            score = _int_in(draft.score, 1, 10)
        except (ValueError, TypeError):
            errors["score"] = f"The mood score must be a whole number from 1 to 10 (got {draft.score!r})."
    if draft.energy not in (None, ""):
        try:
            energy = _int_in(draft.energy, 1, 5)
        except (ValueError, TypeError):
            errors["energy"] = f"Energy must be a whole number from 1 to 5 (got {draft.energy!r})."
    emotions = _words(draft.emotions, "an emotion word", errors, "emotions")
    tags = _words(draft.tags, "a tag", errors, "tags")
    trigger = _text(draft.trigger, MAX_SHORT_TEXT, "What happened before", "trigger", errors)
    response = _text(draft.response, MAX_SHORT_TEXT, "How you responded", "response", errors)
    note = _text(draft.note, MAX_NOTE, "The note", "note", errors)
    try:
        at = as_local(draft.at or now)
    except ValueError as exc:
        errors["at"] = str(exc)
        at = now
    if at > now + _FUTURE_SLACK:
        errors["at"] = f"{at:%Y-%m-%d %H:%M} is in the future; a check-in can be back-dated, not forward-dated."
    elif at.year < 1900:
        errors["at"] = "That date is too far in the past."
    if errors:
        raise ValidationError(errors)
    return dict(
        score=score,
        emotions=emotions,
        energy=energy,
        trigger=trigger,
        response=response,
        tags=tags,
        note=note,
        at=at.replace(microsecond=0),
    )


# -- the log -----------------------------------------------------------------------------


class MoodLog(RecordLog[CheckIn, CheckInDraft]):
    """All check-ins, decrypted once at unlock and kept in memory. Writes go straight through."""

    table = RECORD.table
    noun = RECORD.noun
    record_type = CheckIn
    sort_key = attrgetter("at", "created")

    @classmethod
    def from_loaded(cls, records: Records, loaded: Loaded, clock: Clock = system_now) -> MoodLog:
        return cls(records, cls.parse(loaded), clock)

    def _validate(self, draft: CheckInDraft, old: CheckIn | None) -> dict:
        return validate(draft, self.clock())

    # -- reads (get, len, newest_first: RecordLog)
    def since(self, days: int, today: date | None = None) -> list[CheckIn]:
        today = today or self.clock().date()
        first = today - timedelta(days=days - 1)
        return [c for c in self.newest_first() if first <= c.day <= today]

    def on_day(self, day: date) -> list[CheckIn]:
        return [c for c in self.newest_first() if c.day == day]

    def daily_means(self, first: date, last: date) -> list[float | None]:
        """Mean score per day from first to last inclusive; None where there was no check-in."""
        sums: dict[date, list[int]] = {}
        for c in self.newest_first():
            if first <= c.day <= last:
                sums.setdefault(c.day, []).append(c.score)
        out: list[float | None] = []
        day = first
        while day <= last:
            scores = sums.get(day)
            out.append(sum(scores) / len(scores) if scores else None)
            day += timedelta(days=1)
        return out

    def days_checked_in_week(self, today: date | None = None, first_weekday: int = 0) -> int:
        today = today or self.clock().date()
        start = week_start(today, first_weekday)
        return len({c.day for c in self.newest_first() if start <= c.day <= today})

    def known_emotions(self) -> list[str]:
        """The vocabulary plus every word the user has used, vocabulary first."""
        vocab = [e.word for e in assets.emotions()]
        own = sorted({w for c in self._by_id.values() for w in c.emotions} - set(vocab))
        return vocab + own

    def known_tags(self) -> list[str]:
        starter = list(assets.starter_tags())
        own = sorted({t for c in self._by_id.values() for t in c.tags} - set(starter))
        return starter + own
