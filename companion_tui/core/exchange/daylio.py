"""Import Daylio's CSV export as check-ins (see docs/daylio.md).

Layouts Daylio has used (column names are matched case-insensitively, in any order)::

    year,date,weekday,time,mood,activities,note                      (older)
    full_date,date,weekday,time,mood,activities,note
    full_date,date,weekday,time,mood,activities,note_title,note      (current; may add scales)

The date comes from ``full_date`` (YYYY-MM-DD) or, in the older layout, ``year`` plus the
``date`` text ("Mar 5", "5 mars", …; see ``daylio_dates``). The weekday text is never needed.
Times may be ``15:26``, ``5:01 PM`` or ``10:00 pm``; they are local times.

Moods: Daylio's default labels map onto companion's 1–10 scale as ``DEFAULT_MOODS``
(rad 10, good 8, meh 5, bad 3, awful 1: symmetric around the middle, 5.5). Other labels
need a score from the person (``mood_map``); until then ``UnknownMoodLabels`` lists them.
Activities become tags (emoji and punctuation dropped; an activity with no letters is kept
in the note instead); note title + note become the note (``<br>`` → line break).

Each row gets an origin key (a hash of its date, time, mood label and note, plus a counter
for identical rows), kept inside the check-in's sealed payload, so importing the same file
again adds nothing. Every row is checked before anything is written; one malformed row is
reported with its line number and nothing is imported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from companion_tui.core.exchange.common import shortened
from companion_tui.core.exchange.daylio_dates import DateProblem, read_date, read_time
from companion_tui.core.kernel.clock import as_local
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.records import new_id
from companion_tui.core.moods.checkins import MAX_WORD, MAX_WORDS, CheckIn, CheckInDraft, normalize_word, validate

#: Daylio's five default mood labels on companion's 1–10 scale.
DEFAULT_MOODS = {"rad": 10, "good": 8, "meh": 5, "bad": 3, "awful": 1}
MORE_ROWS = "…and {n} more rows with problems. Nothing was imported."
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


class UnknownMoodLabels(ValidationError):
    """Mood labels with no score: Daylio lets people rename and add moods."""

    def __init__(self, labels: Counter) -> None:
        self.labels = labels
        listed = ", ".join(f"{label!r} ({n} row{'s' if n != 1 else ''})" for label, n in labels.most_common())
        example = " ".join(f"--mood-map {_shell_word(label)}=N" for label in list(labels)[:2])
        super().__init__({
            "mood": (
                f"These mood labels are not Daylio's defaults (rad, good, meh, bad, awful), so their score "
                f"is unknown: {listed}. Give each a score from 1 (worst) to 10 (best), e.g. {example}. "
                "Nothing was imported."
            )
        })


def _shell_word(text: str) -> str:
    return text if re.fullmatch(r"[\w.-]+", text) else "'" + text.replace("'", "'\\''") + "'"


def mood_key(label: str) -> str:
    return " ".join(unicodedata.normalize("NFC", label).split()).casefold()


def parse_mood_map(items: list[str]) -> dict[str, int]:
    """``["super=9", "ok = 5"]`` → ``{"super": 9, "ok": 5}``. Raises ValidationError."""
    out: dict[str, int] = {}
    for item in items:
        label, sep, score = item.rpartition("=")
        if not sep or not label.strip():
            raise ValidationError({"mood_map": f"--mood-map {item!r} should look like LABEL=SCORE, e.g. super=9."})
        if not re.fullmatch(r"\s*(10|[1-9])\s*", score):
            raise ValidationError({"mood_map": f"--mood-map {item!r}: the score must be a whole number from 1 to 10."})
        out[mood_key(label)] = int(score)
    return out


# -- activities and notes ---------------------------------------------------------------------------


def activity_tag(activity: str) -> str | None:
    """The tag for a Daylio activity, or None when it can't be one (no letters, too long, …).

    Emoji and punctuation become spaces ("gym 💪" → "gym", "sleep/rest" → "sleep rest",
    "tea & cake" → "tea and cake"); a leading number moves to the end ("5k run" → "run 5k").
    """
    text = unicodedata.normalize("NFC", activity).replace("&", " and ")
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isalnum() or ch in " '’-":
            kept.append(ch)
        elif cat[0] in "SPZC" or ch in "\ufe0f\u200d":  # symbols, punctuation, spaces, controls, emoji joiners
            kept.append(" ")
        else:  # e.g. a combining mark inside a word: dropping it would change the word
            return None
    words = [w.strip("'’-") for w in "".join(kept).split()]
    words = [w for w in words if w]
    for i, w in enumerate(words):
        if w[0].isalpha():
            words = words[i:] + words[:i]
            break
    else:
        return None
    tag = normalize_word(" ".join(words))
    return tag if len(tag) <= MAX_WORD else None


def split_activities(text: str) -> list[str]:
    return [a.strip() for a in (text or "").split("|") if a.strip()]


def clean_note(title: str, note: str) -> str:
    parts = []
    for text in (title, note):
        text = _BR.sub("\n", text or "").replace("\r\n", "\n").replace("\r", "\n")
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
        if text:
            parts.append(text)
    return "\n\n".join(parts)


# -- reading the file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DaylioFile:
    layout: str
    checkins: list[CheckIn]  # oldest first, not stored yet
    labels: Counter  # mood label (as written) -> rows
    scores: dict[str, int]  # mood label (as written) -> score used
    renamed: dict[str, str] = field(default_factory=dict)  # activity -> tag, where they differ
    kept_in_note: tuple[str, ...] = ()  # activities that couldn't be tags
    ignored: tuple[str, ...] = ()  # columns with content that isn't imported (scales, …)

    @property
    def first(self) -> date | None:
        return self.checkins[0].day if self.checkins else None

    @property
    def last(self) -> date | None:
        return self.checkins[-1].day if self.checkins else None


LAYOUTS = {
    "year": "older layout (year + date)",
    "full_date": "full_date layout",
    "note_title": "current layout (full_date, note_title)",
}


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError({"encoding": f"The file is not UTF-8 text (line {line}). Daylio writes UTF-8; "
                               "was the file opened and saved in another program?"}) from None


def parse(data: bytes | str, now: datetime, mood_map: dict[str, int] | None = None) -> DaylioFile:
    """Read and check every row; build check-ins (not stored). Raises ValidationError."""
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    header: list[str] | None = None
    errors: dict[str, str] = {}
    unknown: Counter = Counter()
    rows: list[tuple[int, dict[str, str]]] = []
    last_line = 0
    try:
        for raw in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in raw):
                continue
            if header is None:
                header = _header(raw)
                continue
            if len(raw) != len(header):
                extra = raw[len(header):]
                if len(raw) < len(header) or any(x.strip() for x in extra):
                    errors[f"line {line}"] = (f"Line {line} has {len(raw)} fields but the header has {len(header)}; "
                                              "is a quote missing in a note?")
                    continue
            rows.append((line, dict(zip(header, raw))))
    except csv.Error as exc:
        errors[f"line {reader.line_num}"] = f"Line {reader.line_num} can't be read as CSV ({exc})."
    if header is None:
        raise ValidationError({"file": "The file is empty: a Daylio export starts with a line naming its columns."})
    scores = {**DEFAULT_MOODS, **(mood_map or {})}
    built: list[tuple[int, CheckIn, str]] = []
    renamed: dict[str, str] = {}
    kept: list[str] = []
    labels: Counter = Counter()
    used: dict[str, int] = {}
    ignored = sorted({k for _, r in rows for k in ("scales",) if (r.get(k) or "").strip()})
    for line, row in rows:
        label = " ".join((row.get("mood") or "").split())
        labels[label] += 1
        score = scores.get(mood_key(label))
        if score is None:
            if label:
                unknown[label] += 1
            else:
                errors[f"line {line}"] = f"Line {line} has no mood."
            continue
        used[label] = score
        try:
            checkin, key = _checkin(line, row, score, now, renamed, kept)
        except ValidationError as exc:
            errors[f"line {line}"] = f"Line {line}: " + " ".join(exc.errors.values())
            continue
        built.append((line, checkin, key))
    if errors:
        raise ValidationError(shortened(errors, MORE_ROWS))
    if unknown:
        raise UnknownMoodLabels(unknown)
    checkins = _with_origins(built)
    layout = LAYOUTS["note_title" if "note_title" in header else "full_date" if "full_date" in header else "year"]
    return DaylioFile(layout, checkins, labels, used, renamed, tuple(dict.fromkeys(kept)), tuple(ignored))


def _header(raw: list[str]) -> list[str]:
    names = [" ".join(cell.lstrip("\ufeff").split()).lower() for cell in raw]
    has_date = "full_date" in names or ("year" in names and "date" in names)
    if not (has_date and "time" in names and "mood" in names):
        shown = ", ".join(n for n in names if n) or "nothing"
        raise ValidationError({"header": (
            "This doesn't look like a Daylio CSV export: its first line should name the columns "
            f"(full_date,date,weekday,time,mood,activities,note_title,note, or year,date,…); it has: {shown}."
        )})
    return names


def _checkin(line: int, row: dict[str, str], score: int, now: datetime,
             renamed: dict[str, str], kept: list[str]) -> tuple[CheckIn, str]:
    try:
        day = read_date(row.get("full_date"), row.get("year"), row.get("date"))
        hh, mm = read_time(row.get("time") or "")
    except DateProblem as exc:
        raise ValidationError({"at": str(exc)}) from None
    tags: list[str] = []
    leftover: list[str] = []
    for activity in split_activities(row.get("activities") or ""):
        tag = activity_tag(activity)
        if tag is None or (tag not in tags and len(tags) >= MAX_WORDS):
            leftover.append(activity)
            continue
        if tag != normalize_word(activity):
            renamed[activity] = tag
        if tag not in tags:
            tags.append(tag)
    kept.extend(leftover)
    note = clean_note(row.get("note_title") or "", row.get("note") or "")
    key = "\x1f".join([day.isoformat(), f"{hh:02d}:{mm:02d}", mood_key(row.get("mood") or ""), note])
    if leftover:
        note = (note + "\n\n" if note else "") + "Daylio activities: " + ", ".join(leftover)
    try:
        at = as_local(datetime(day.year, day.month, day.day, hh, mm))
    except ValueError as exc:
        raise ValidationError({"at": str(exc)}) from None
    fields = validate(CheckInDraft(score=score, tags=tuple(tags), note=note, at=at), now)
    stamp = now.astimezone().replace(microsecond=0)
    return CheckIn(id=new_id(), version=1, created=stamp, updated=stamp, **fields), key


def _with_origins(built: list[tuple[int, CheckIn, str]]) -> list[CheckIn]:
    """Give each check-in its origin; identical rows get #2, #3 … in file order. Oldest first."""
    seen: Counter = Counter()
    out = []
    for _line, checkin, key in built:
        seen[key] += 1
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        suffix = f"#{seen[key]}" if seen[key] > 1 else ""
        out.append(replace(checkin, origin=f"daylio:{digest}{suffix}"))
    out.sort(key=lambda c: c.at)
    return out


# -- importing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DaylioPlan:
    parsed: DaylioFile
    new: list[CheckIn]
    already: int  # rows imported before

    def summary(self, done: bool) -> str:
        n = len(self.new)
        verb = "Imported" if done else "Would import"
        text = f"{verb} {n:,} check-in{'s' if n != 1 else ''} from Daylio"
        if self.new:
            first, last = self.new[0].day, self.new[-1].day
            text += f" ({first:%-d %b %Y}" + (f" to {last:%-d %b %Y})" if last != first else ")")
        if self.already:
            text += f"; {self.already:,} {'was' if self.already == 1 else 'were'} already in the vault"
        return text + "."

    def details(self) -> list[str]:
        p = self.parsed
        lines = [f"Read the {p.layout}: {sum(p.labels.values()):,} rows."]
        moods = ", ".join(f"{label} → {p.scores[label]} ({p.labels[label]:,})"
                          for label in sorted(p.scores, key=lambda k: -p.scores[k]))
        if moods:
            lines.append(f"Moods (1–10): {moods}.")
        if p.renamed:
            pairs = ", ".join(f"{a!r} → {t!r}" for a, t in list(p.renamed.items())[:8])
            more = f" and {len(p.renamed) - 8} more" if len(p.renamed) > 8 else ""
            lines.append(f"Activities adjusted to fit tags: {pairs}{more}.")
        if p.kept_in_note:
            lines.append("Activities with no letters (or too long) for a tag were kept in the note: "
                         + ", ".join(p.kept_in_note[:8]) + ("…" if len(p.kept_in_note) > 8 else "") + ".")
        for column in p.ignored:
            lines.append(f"The {column} column was not imported (companion has no place for it).")
        return lines


def plan(ws, parsed: DaylioFile) -> DaylioPlan:
    present = {c.origin for c in ws.moods.newest_first() if c.origin}
    new = [c for c in parsed.checkins if c.origin not in present]
    return DaylioPlan(parsed, new, len(parsed.checkins) - len(new))


def import_daylio(ws, parsed: DaylioFile) -> DaylioPlan:
    """Store the file's check-ins that aren't in the vault yet, in one transaction."""
    result = plan(ws, parsed)
    if result.new:
        ws.moods.import_many(result.new)
    return result
