"""Sealed records: domain dicts ↔ JSON ↔ sealed blobs, with payload versions and upgraders.

A payload is a JSON object with ``"v"`` (its payload version). When a record type's
fields change, add an upgrader to ``UPGRADERS[table]`` keyed by the version it upgrades
from; old records are upgraded in memory on load and rewritten on their next save.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import orjson

from companion_tui.core.kernel import ledger as ledger_mod
from companion_tui.store.database import Change, Row, Store, StoreError
from companion_tui.vault import Sealer, TamperedRecord

Payload = dict
Upgrader = Callable[[Payload], Payload]

#: table -> {from_version: upgrader}. Each upgrader returns a payload one version newer.
UPGRADERS: dict[str, dict[int, Upgrader]] = {}


def new_id() -> str:
    return secrets.token_hex(16)


@dataclass(frozen=True)
class Problem:
    """A record that could not be opened. Named, never shown with content."""

    table: str
    record_id: str
    reason: str

    def __str__(self) -> str:
        return f"{NOUNS.get(self.table, self.table + ' record')} {str(self.record_id)[:8]}… {self.reason}"


#: How a person would name a record of each table in a message.
NOUNS = {
    "checkins": "check-in", "drafts": "unsaved draft", "settings": "settings record", "journal": "journal entry",
    "prompts": "journal prompt", "skills": "skill", "practices": "skill practice", "goals": "goal",
    "ticks": "goal tick", "reviews": "weekly review", "ledger": "version ledger part",
}


@dataclass
class Loaded:
    table: str
    items: list[tuple[str, int, Payload]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def storable(text: str) -> bool:
    """False for text that can't go into a payload: lone surrogates (a bad paste or decode)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_INT64 = range(-(2**63), 2**63)
_EXACT = b" "  # leading a payload: read it with the standard library (see ``_loads``)


def encode(payload: Payload) -> bytes:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _EXACT + data if _has_big_int(payload) else data


def _has_big_int(value: object) -> bool:
    if isinstance(value, dict):
        return any(_has_big_int(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_big_int(item) for item in value)
    return type(value) is int and value not in _INT64


def _loads(raw: bytes) -> object:
    """JSON from a payload: orjson (≈ 3× faster; ten years of records are read at every unlock),
    and the standard library for what orjson refuses (NaN, infinities) or would misread: it reads
    integers beyond 64 bits as floats, so ``encode`` marks payloads holding one with a leading
    space (valid JSON whitespace) and they go to the standard library. Every payload reads back
    exactly as written."""
    if raw[:1] != _EXACT:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass
    return json.loads(raw.decode("utf-8"))


def decode(table: str, record_id: str, raw: bytes, current: int) -> Payload:
    try:
        payload = _loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise TamperedRecord(table, record_id, "holds unreadable data") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("v"), int):
        raise TamperedRecord(table, record_id, "holds unreadable data")
    steps = UPGRADERS.get(table, {})
    while payload["v"] < current:
        upgrade = steps.get(payload["v"])
        if upgrade is None:
            raise TamperedRecord(table, record_id, f"has payload version {payload['v']} with no upgrader")
        payload = upgrade(payload)
    if payload["v"] > current:
        raise TamperedRecord(table, record_id, "was written by a newer version of companion")
    return payload


class Records:
    """Seals and stores records for one unlocked vault, keeping the version ledger in step.

    At unlock: ``open_ledger()``, then ``load()`` each table, then ``finish_ledger()``."""

    def __init__(self, store: Store, sealer: Sealer) -> None:
        self.store = store
        self._sealer = sealer
        self._ledger = ledger_mod.Ledger()  # absent until open_ledger() reads it

    # -- unlock ---------------------------------------------------------------------------------------

    def open_ledger(self) -> list[Problem]:
        self._ledger, findings = ledger_mod.Ledger.read(self.store.rows(ledger_mod.TABLE), self._open_ledger_row)
        return [Problem(*f) for f in findings]

    def load(self, table: str, current_version: int) -> Loaded:
        loaded = Loaded(table)
        rows, findings = self._ledger.check(table, self.store.rows(table))
        loaded.problems.extend(Problem(*f) for f in findings)
        for row in rows:
            try:
                raw = self._sealer.open(table, row.id, row.version, row.sealed)
                loaded.items.append((row.id, row.version, decode(table, row.id, raw, current_version)))
            except TamperedRecord as exc:
                loaded.problems.append(Problem(table, row.id, exc.reason))
        return loaded

    def finish_ledger(self, *, required: bool) -> tuple[list[Problem], list[str]]:
        """After every table was loaded: the ledger's problems left, and warnings.

        A vault with no ledger yet (a new one, or one written before the ledger) gets it now."""
        findings, rewrite = self._ledger.finish(required=required)
        warnings = []
        if rewrite is not None:
            try:
                self._commit([], also=rewrite)
            except StoreError as exc:
                warnings.append(f"The vault's record ledger could not be written: {exc}")
        return [Problem(*f) for f in findings], warnings

    @property
    def has_ledger(self) -> bool:
        """The ledger's root is in the vault file."""
        return self._ledger.root_version > 0

    # -- writing ----------------------------------------------------------------------------------------

    def change(self, table: str, record_id: str, version: int, payload: Payload | None) -> Change:
        """The Change that writes ``payload`` as ``version`` (1 = insert), or deletes it (None)."""
        if payload is None:
            return Change("delete", table, record_id)
        blob = self._sealer.seal(table, record_id, version, encode(payload))
        return Change("insert" if version == 1 else "update", table, record_id, version, blob)

    def write(self, table: str, record_id: str, version: int, payload: Payload | None) -> None:
        self.apply([self.change(table, record_id, version, payload)])

    def apply(self, changes: Iterable[Change]) -> None:
        """Apply changes — and the ledger's part of them — in one durable transaction."""
        changes = list(changes)
        if changes:
            self._commit(changes)

    def _commit(self, changes: list[Change], also: Iterable[str] = ()) -> None:
        plan = self._ledger.plan(changes, self._seal_ledger, also)
        self.store.apply([*changes, *plan.changes])
        self._ledger.commit(plan)

    # -- the ledger's own rows ---------------------------------------------------------------------------

    def _seal_ledger(self, row_id: str, version: int, payload: Payload) -> bytes:
        return self._sealer.seal(ledger_mod.TABLE, row_id, version, encode(payload))

    def _open_ledger_row(self, row: Row) -> Payload:
        raw = self._sealer.open(ledger_mod.TABLE, row.id, row.version, row.sealed)
        return decode(ledger_mod.TABLE, row.id, raw, ledger_mod.PAYLOAD_VERSION)
