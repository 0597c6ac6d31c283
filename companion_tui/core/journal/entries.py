"""Journal entries: the domain object, validation, and the in-memory journal.

An entry's ``at`` is when it is about (back-datable), stored as ISO local time with its
UTC offset; ``created`` and ``updated`` are UTC. ``kind`` is a plain string: "entry" for
ordinary entries; other areas add their own (the weekly review writes "weekly review").
``origin`` remembers where an imported entry came from, so importing twice adds nothing.

Unsaved editor text lives in encrypted drafts (``ws.drafts``) named ``journal:new:<token>``
for new entries and ``journal:edit:<entry id>`` for changes to an existing one.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter
from typing import Any

from companion_tui.core.journal.prompts import PromptLibrary
from companion_tui.core.journal.search import SearchIndex, parse
from companion_tui.core.kernel.clock import Clock, system_now, utc_now
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.kernel.record_log import RecordLog
from companion_tui.core.kernel.records import Loaded, Records, storable
from companion_tui.core.kernel.registry import RecordType
from companion_tui.core.kernel.when import check_when

RECORD = RecordType("journal", "journal entry", 1)
KIND_ENTRY = "entry"

MAX_TITLE = 200
MAX_BODY = 1_000_000  # characters: about 150,000 words
MAX_TAG = 40
MAX_TAGS = 30
_TAG = re.compile(r"^\w[\w '’\-]*$")

DRAFT_PREFIX = "journal:"


@dataclass(frozen=True)
class EntryDraft:
    """What a person wrote, before validation (also the shape of an editor draft)."""

    title: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    starred: bool = False
    therapy: bool = False
    prompt_id: str | None = None
    kind: str = KIND_ENTRY
    at: datetime | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["tags"] = list(self.tags)
        d["at"] = self.at.isoformat(timespec="seconds") if self.at else None
        return d

    @classmethod
    def from_dict(cls, d: dict) -> EntryDraft:
        at = d.get("at")
        return cls(
            title=str(d.get("title") or ""),
            body=str(d.get("body") or ""),
            tags=tuple(d.get("tags") or ()),
            starred=bool(d.get("starred")),
            therapy=bool(d.get("therapy")),
            prompt_id=d.get("prompt_id") or None,
            kind=str(d.get("kind") or KIND_ENTRY),
            at=datetime.fromisoformat(at) if at else None,
        )


@dataclass(frozen=True)
class Entry:
    id: str
    version: int
    at: datetime
    title: str = ""
    body: str = ""
    tags: tuple[str, ...] = ()
    starred: bool = False
    therapy: bool = False
    prompt_id: str | None = None
    kind: str = KIND_ENTRY
    origin: str = ""
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def words(self) -> int:
        return word_count(self.body)

    @property
    def headline(self) -> str:
        """The title, or else the body's first line without Markdown heading marks."""
        if self.title:
            return self.title
        for line in self.body.splitlines():
            line = line.strip().lstrip("#>*-").strip()
            if line:
                return line
        return ""

    def draft(self) -> EntryDraft:
        return EntryDraft(self.title, self.body, self.tags, self.starred, self.therapy, self.prompt_id, self.kind, self.at)

    def to_payload(self) -> dict:
        return {
            "v": RECORD.version,
            "at": self.at.isoformat(timespec="seconds"),
            "title": self.title,
            "body": self.body,
            "tags": list(self.tags),
            "starred": self.starred,
            "therapy": self.therapy,
            "prompt_id": self.prompt_id,
            "kind": self.kind,
            "origin": self.origin,
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> Entry:
        return cls(
            id=record_id,
            version=version,
            at=datetime.fromisoformat(p["at"]),
            title=p.get("title", ""),
            body=p.get("body", ""),
            tags=tuple(p.get("tags", ())),
            starred=bool(p.get("starred", False)),
            therapy=bool(p.get("therapy", False)),
            prompt_id=p.get("prompt_id"),
            kind=p.get("kind", KIND_ENTRY),
            origin=p.get("origin", ""),
            created=datetime.fromisoformat(p["created"]),
            updated=datetime.fromisoformat(p["updated"]),
        )


def word_count(text: str) -> int:
    return len(text.split())


# -- validation ------------------------------------------------------------------------


def normalize_tag(tag: str) -> str:
    """"  @Slept  Well " -> "slept well". Tags from jrnl (@x) and hashtags (#x) lose the sign."""
    return " ".join(unicodedata.normalize("NFC", str(tag)).strip().lstrip("@#").split()).lower()


def clean_tags(raw: Iterable[str], errors: dict[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    for item in raw:
        tag = normalize_tag(item)
        if not tag:
            continue
        if len(tag) > MAX_TAG:
            errors["tags"] = f"The tag {tag[:20]!r}… is too long (at most {MAX_TAG} characters)."
        elif not _TAG.match(tag):
            errors["tags"] = f"{tag!r} can't be a tag: use letters, digits, spaces, hyphens or apostrophes."
        elif tag not in out:
            out.append(tag)
    if len(out) > MAX_TAGS:
        errors["tags"] = f"At most {MAX_TAGS} tags per entry."
    return tuple(out)


def validate(draft: EntryDraft, now: datetime, allow_future: bool = False) -> dict:
    """Check a draft; return clean fields or raise ValidationError with every problem."""
    errors: dict[str, str] = {}
    title = " ".join((draft.title or "").split())
    body = (draft.body or "").replace("\r\n", "\n").replace("\r", "\n").rstrip().lstrip("\n")
    if len(title) > MAX_TITLE:
        errors["title"] = f"The title is too long ({len(title):,} characters; at most {MAX_TITLE})."
    if len(body) > MAX_BODY:
        errors["body"] = f"The entry is too long ({len(body):,} characters; at most {MAX_BODY:,})."
    if "\x00" in body or "\x00" in title or not storable(title + body):
        errors["body"] = "The entry contains a character that can't be stored."
    if not body and not title:
        errors["body"] = "There is nothing to save yet: write a few words first."
    tags = clean_tags(draft.tags, errors)
    kind = " ".join(str(draft.kind or "").split()).lower()
    if not kind or len(kind) > 40 or not storable(kind):
        errors["kind"] = "An entry's kind must be a short name such as 'entry'."
    prompt_id = draft.prompt_id or None
    if prompt_id is not None and (not isinstance(prompt_id, str) or len(prompt_id) > 100 or not storable(prompt_id)):
        errors["prompt_id"] = "The prompt reference is not valid."
    try:
        at = check_when(draft.at or now, now, allow_future)
    except ValidationError as exc:
        errors.update(exc.errors)
        at = now
    if errors:
        raise ValidationError(errors)
    return dict(
        title=title, body=body, tags=tags, starred=bool(draft.starred), therapy=bool(draft.therapy),
        prompt_id=prompt_id, kind=kind, at=at.replace(microsecond=0),
    )


# -- filters -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """Narrow the list; every field that is set must hold."""

    tag: str | None = None
    starred: bool = False
    therapy: bool = False
    category: str | None = None
    since: date | None = None
    until: date | None = None
    kind: str | None = None

    @property
    def active(self) -> bool:
        return self != Filter()

    def describe(self, prompts: PromptLibrary | None = None) -> str:
        parts = []
        if self.tag:
            parts.append(f"#{self.tag}")
        if self.starred:
            parts.append("starred")
        if self.therapy:
            parts.append("bring to therapy")
        if self.category:
            label = self.category
            if prompts is not None:
                try:
                    label = prompts.category(self.category).label
                except NotFound:
                    pass
            parts.append(f"prompt: {label}")
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        if self.kind:
            parts.append(self.kind)
        return ", ".join(parts)


# -- the journal -------------------------------------------------------------------------


def new_draft_name() -> str:
    return f"{DRAFT_PREFIX}new:{secrets.token_hex(6)}"


def edit_draft_name(entry_id: str) -> str:
    return f"{DRAFT_PREFIX}edit:{entry_id}"


class JournalStore(RecordLog[Entry, EntryDraft]):
    """All entries, decrypted once at unlock and kept in memory. Writes go straight through."""

    table = RECORD.table
    noun = RECORD.noun
    record_type = Entry
    sort_key = attrgetter("at", "created")

    def __init__(
        self, records: Records, items: Iterable[Entry] = (), prompts: PromptLibrary | None = None,
        clock: Clock = system_now,
    ) -> None:
        super().__init__(records, items, clock)
        self.prompts = prompts if prompts is not None else PromptLibrary(records)
        self.index = SearchIndex()

    @classmethod
    def from_loaded(cls, records: Records, loaded: Loaded, prompts: PromptLibrary, clock: Clock = system_now) -> JournalStore:
        return cls(records, cls.parse(loaded), prompts, clock)

    def _validate(self, draft: EntryDraft, old: Entry | None) -> dict:
        """An entry kept at its (future) date stays valid; a new or re-dated one can't be in the future."""
        return validate(draft, self.clock(), allow_future=old is not None and draft.at == old.at)

    def _stamp(self) -> datetime:
        """Now in UTC at stored precision, from the journal's clock (``created`` / ``updated``)."""
        return self.clock().astimezone(UTC).replace(microsecond=0)

    # -- writes (import_many: RecordLog)
    def add(self, draft: EntryDraft | None = None, /, **fields) -> Entry:
        """Save a new entry: ``add(EntryDraft(...))`` or ``add(body=..., title=..., kind="weekly review")``."""
        return super().add(draft if draft is not None else EntryDraft(**fields))

    def update(self, record_id: str, draft: EntryDraft | None = None, **changes: Any) -> Entry:
        """Replace an entry's fields with ``draft``, or change only some: ``update(id, starred=True)``."""
        if draft is None:
            draft = replace(self.get(record_id).draft(), **changes)
        return super().update(record_id, draft)

    def delete(self, entry_id: str) -> None:
        super().delete(entry_id)
        self.index.forget(entry_id)

    # -- reads (get, len, in, newest_first: RecordLog)
    def find(self, query: str = "", flt: Filter = Filter()) -> list[Entry]:
        """Entries matching the search query and the filter, newest first."""
        parsed = parse(query)
        entries = self.newest_first() if parsed.empty else self.index.search(parsed, self.newest_first())
        if flt.active:
            entries = [e for e in entries if self._passes(e, flt)]
        return entries

    def _passes(self, e: Entry, f: Filter) -> bool:
        if f.tag and normalize_tag(f.tag) not in e.tags:
            return False
        if (f.starred and not e.starred) or (f.therapy and not e.therapy):
            return False
        if f.kind and e.kind != f.kind:
            return False
        if f.since and e.day < f.since or f.until and e.day > f.until:
            return False
        if f.category:
            prompt = self.prompts.find(e.prompt_id)
            if prompt is None or prompt.category != f.category:
                return False
        return True

    def since(self, days: int, today: date | None = None) -> list[Entry]:
        today = today or self.clock().date()
        first = today - timedelta(days=days - 1)
        return [e for e in self.newest_first() if first <= e.day <= today]

    def therapy_count(self, days: int = 7, today: date | None = None) -> int:
        """Entries flagged "bring to therapy" in the last ``days`` days (today included)."""
        return sum(1 for e in self.since(days, today) if e.therapy)

    def known_tags(self) -> list[str]:
        """Every tag used, most used first."""
        counts: dict[str, int] = {}
        for e in self._by_id.values():
            for t in e.tags:
                counts[t] = counts.get(t, 0) + 1
        return sorted(counts, key=lambda t: (-counts[t], t))

    def origins(self) -> set[str]:
        return {e.origin for e in self._by_id.values() if e.origin}

    def prompts_used(self, first: date, last: date) -> set[str]:
        """Prompts written from between ``first`` and ``last``, by the day the entry was *written*:
        the later of its own (perhaps back-dated) day and the local day it was created. So answering
        today's prompt and dating the entry yesterday doesn't change today's prompt."""
        tz = self.clock().tzinfo
        used = set()
        for e in self._by_id.values():
            if e.prompt_id and first <= max(e.day, e.created.astimezone(tz).date()) <= last:
                used.add(e.prompt_id)
        return used

    def prompt_of_the_day(self, day: date | None = None, skip: int = 0):
        """Today's prompt (or the ``skip``-th alternative), avoiding prompts written from in the last 30 days."""
        day = day or self.clock().date()
        recent = self.prompts_used(day - timedelta(days=30), day - timedelta(days=1))
        return self.prompts.for_day(day, recent, skip)
