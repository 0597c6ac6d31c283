"""Journal prompts: the built-in library (``assets/prompts.toml``) plus the person's own.

Built-in prompts keep their stable ids. What a person changes is stored encrypted in the
``prompts`` table, one record per prompt they touched:

* their own prompt: ``{"builtin": null, "category", "text", "hidden"}`` — its id is the record id;
* a change to a built-in one: ``{"builtin": "<id>", "text": "<edited>" | null, "hidden": bool}``.

The prompt of the day is stable for a date: days rotate through the categories, and within
a category the prompts come in a fixed shuffled order, so one repeats only after the whole
category has been shown. Hidden prompts and prompts written from recently are skipped.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from companion_tui.core.kernel import assets
from companion_tui.core.kernel.clock import utc_now
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.kernel.records import Loaded, Records, new_id
from companion_tui.core.kernel.registry import RecordType

RECORD = RecordType("prompts", "journal prompt", 1)
MAX_PROMPT = 500


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    blurb: str


@dataclass(frozen=True)
class Prompt:
    id: str
    category: str
    text: str
    builtin: bool = True
    hidden: bool = False
    edited: bool = False  # a built-in prompt whose text the person changed


@dataclass(frozen=True)
class _Change:
    """One stored record: the person's own prompt, or a change to a built-in one."""

    record_id: str
    version: int
    builtin: str | None
    category: str
    text: str | None
    hidden: bool
    created: datetime
    updated: datetime

    def to_payload(self) -> dict:
        return {
            "v": RECORD.version,
            "builtin": self.builtin,
            "category": self.category,
            "text": self.text,
            "hidden": self.hidden,
            "created": self.created.isoformat(timespec="seconds"),
            "updated": self.updated.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_payload(cls, record_id: str, version: int, p: dict) -> _Change:
        return cls(
            record_id, version, p.get("builtin"), p.get("category", "open"), p.get("text"), bool(p.get("hidden")),
            datetime.fromisoformat(p["created"]), datetime.fromisoformat(p["updated"]),
        )


def builtin_categories() -> tuple[Category, ...]:
    return tuple(Category(c["id"], c["label"], c.get("blurb", "")) for c in assets.load("prompts.toml")["category"])


def builtin_prompts() -> tuple[Prompt, ...]:
    return tuple(
        Prompt(p["id"], c["id"], p["text"])
        for c in assets.load("prompts.toml")["category"]
        for p in c["prompts"]
        if not p.get("retired")
    )


def _stored_now() -> datetime:
    return utc_now().replace(microsecond=0)


class PromptLibrary:
    """Built-in prompts with the person's additions, edits and hidden ones applied. In memory."""

    def __init__(self, records: Records, changes: Iterable[_Change] = ()) -> None:
        self._records = records
        self.categories: tuple[Category, ...] = builtin_categories()
        self._builtin = {p.id: p for p in builtin_prompts()}
        self._changes: dict[str, _Change] = {}  # prompt id -> change
        for change in changes:
            self._changes[change.builtin or change.record_id] = change
        self._all: list[Prompt] | None = None
        self._index: dict[str, Prompt] = {}

    @classmethod
    def from_loaded(cls, records: Records, loaded: Loaded) -> PromptLibrary:
        return cls(records, (_Change.from_payload(i, v, p) for i, v, p in loaded.items))

    # -- reads
    def all(self, include_hidden: bool = False) -> list[Prompt]:
        """Every prompt, built-in ones in file order then the person's own oldest first."""
        if self._all is None:
            out = []
            for p in self._builtin.values():
                change = self._changes.get(p.id)
                if change:
                    p = replace(p, text=change.text or p.text, hidden=change.hidden, edited=change.text is not None)
                out.append(p)
            own = sorted((c for c in self._changes.values() if c.builtin is None), key=lambda c: c.created)
            out += [Prompt(c.record_id, c.category, c.text or "", builtin=False, hidden=c.hidden) for c in own]
            self._all = out
            self._index = {p.id: p for p in out}
        return [p for p in self._all if include_hidden or not p.hidden]

    def get(self, prompt_id: str) -> Prompt:
        self.all()
        try:
            return self._index[prompt_id]
        except KeyError:
            raise NotFound(f"No prompt with id {prompt_id}.") from None

    def find(self, prompt_id: str | None) -> Prompt | None:
        if not prompt_id:
            return None
        try:
            return self.get(prompt_id)
        except NotFound:
            return None

    def category(self, category_id: str) -> Category:
        for c in self.categories:
            if c.id == category_id:
                return c
        raise NotFound(f"No prompt category {category_id!r}.")

    def in_category(self, category_id: str, include_hidden: bool = False) -> list[Prompt]:
        return [p for p in self.all(include_hidden) if p.category == category_id]

    # -- the prompt of the day
    def for_day(self, day: date, used_recently: Iterable[str] = (), skip: int = 0) -> Prompt | None:
        """The prompt of the day (``skip=0``), or the ``skip``-th alternative for ``n``.

        Stable for a date as long as the library and ``used_recently`` don't change.
        Alternatives move on to the next category each time.
        """
        used = set(used_recently)
        visible = [c for c in self.categories if self.in_category(c.id)]
        if not visible:
            return None
        n, k = day.toordinal(), len(visible)
        found: list[Prompt] = []
        for step in range(len(self.all()) + k):
            if len(found) > skip:
                break
            category = visible[(n + step) % k]
            prompts = self._ordered(category.id)
            # The day's own prompt advances once per round of categories; alternatives look further on.
            position = (n + step) // k + (1 + step // k if step else 0)
            ring = prompts[position % len(prompts):] + prompts[: position % len(prompts)]
            pick = next((p for p in ring if p.id not in used and p not in found), None)
            pick = pick or next((p for p in ring if p not in found), None)
            if pick is not None:
                found.append(pick)
        return found[skip % len(found)]

    def _ordered(self, category_id: str) -> list[Prompt]:
        prompts = self.in_category(category_id)
        random.Random(f"prompts:{category_id}").shuffle(prompts)
        return prompts

    # -- writes
    def add(self, category_id: str, text: str) -> Prompt:
        self.category(category_id)
        text = _valid_text(text)
        now = _stored_now()
        change = _Change(new_id(), 1, None, category_id, text, False, now, now)
        self._write(change)
        return self.get(change.record_id)

    def edit(self, prompt_id: str, text: str) -> Prompt:
        prompt = self.get(prompt_id)
        wording: str | None = _valid_text(text)
        if prompt.builtin and wording == self._builtin[prompt_id].text:
            wording = None  # back to the original wording
        self._change(prompt, text=wording)
        return self.get(prompt_id)

    def set_hidden(self, prompt_id: str, hidden: bool = True) -> Prompt:
        self._change(self.get(prompt_id), hidden=hidden)
        return self.get(prompt_id)

    def _change(self, prompt: Prompt, **fields) -> None:
        old = self._changes.get(prompt.id)
        now = _stored_now()
        if old is None:  # first change to a built-in prompt
            old = _Change(new_id(), 0, prompt.id, prompt.category, None, False, now, now)
        self._write(replace(old, version=old.version + 1, updated=now, **fields))

    def _write(self, change: _Change) -> None:
        self._records.write(RECORD.table, change.record_id, change.version, change.to_payload())
        self._changes[change.builtin or change.record_id] = change
        self._all = None

    # -- export / import
    def changes_out(self) -> list[dict]:
        """The person's own prompts and changes, for the JSON export (oldest first)."""
        out = []
        for c in sorted(self._changes.values(), key=lambda c: c.created):
            payload = c.to_payload()
            del payload["v"]
            out.append({"id": c.record_id, **payload})
        return out

    def import_changes(self, items: list[dict]) -> int:
        """Add exported prompt changes whose id isn't here yet (and whose built-in prompt has no change)."""
        new = []
        for item in items:
            change = _Change.from_payload(item["id"], 1, item)
            key = change.builtin or change.record_id
            if key in self._changes or any(c.record_id == change.record_id for c in self._changes.values()):
                continue
            if change.builtin is not None and change.builtin not in self._builtin:
                continue
            new.append(change)
        self._records.apply(self._records.change(RECORD.table, c.record_id, 1, c.to_payload()) for c in new)
        for c in new:
            self._changes[c.builtin or c.record_id] = c
        self._all = None
        return len(new)


def _valid_text(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": "Write the prompt first."})
    if len(text) > MAX_PROMPT:
        raise ValidationError({"text": f"A prompt can be at most {MAX_PROMPT} characters."})
    return text


def parse_changes(items: object) -> list[dict]:
    """Validate the ``prompts`` list of a JSON export. Raises ValidationError."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise ValidationError({"prompts": "The export's prompts are not a list."})
    errors: dict[str, str] = {}
    out = []
    for index, item in enumerate(items):
        where = f"Prompt {index + 1}"
        try:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str) or len(item["id"]) != 32:
                raise ValueError("its id is missing")
            if item.get("builtin") is None:
                _valid_text(item.get("text") or "")
            datetime.fromisoformat(item["created"])
            datetime.fromisoformat(item["updated"])
        except (ValueError, TypeError, KeyError, ValidationError) as exc:
            reason = exc.errors.get("text") if isinstance(exc, ValidationError) else "is not a valid prompt record."
            errors[f"prompts[{index}]"] = f"{where}: {reason}"
            continue
        out.append(item)
    if errors:
        raise ValidationError(errors)
    return out
