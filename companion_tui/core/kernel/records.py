"""Sealed records: domain dicts ↔ JSON ↔ sealed blobs, with payload versions and upgraders.

A payload is a JSON object with ``"v"`` (its payload version). When a record type's fields
change, raise its ``RecordType.version`` and add an upgrader to its ``upgraders``, keyed by the
version it upgrades from; old records are upgraded in memory on load and rewritten on their
next save (see ``core.kernel.registry``).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

import orjson

from companion_tui.core.kernel import ledger as ledger_mod
from companion_tui.core.kernel.registry import Payload, RecordType
from companion_tui.store.database import Change, Row, Store, StoreError
from companion_tui.vault import Sealer, TamperedRecord

#: The ledger's own rows (core.kernel.ledger), sealed like any record.
LEDGER = RecordType(ledger_mod.TABLE, "version ledger part", ledger_mod.PAYLOAD_VERSION)


def new_id() -> str:
    return secrets.token_hex(16)


@dataclass(frozen=True)
class Problem:
    """A record that could not be opened. Named (``noun``: its record type's), never shown with content."""

    table: str
    record_id: str
    reason: str
    noun: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.noun or self.table + ' record'} {str(self.record_id)[:8]}… {self.reason}"


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


def decode(kind: RecordType, record_id: str, raw: bytes) -> Payload:
    """The payload in ``raw``, upgraded to ``kind.version``. Raises TamperedRecord."""
    table, current = kind.table, kind.version
    try:
        payload = _loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise TamperedRecord(table, record_id, "holds unreadable data") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("v"), int):
        raise TamperedRecord(table, record_id, "holds unreadable data")
    while payload["v"] < current:
        upgrade = kind.upgraders.get(payload["v"])
        if upgrade is None:
            raise TamperedRecord(table, record_id, f"has payload version {payload['v']} with no upgrader")
        payload = upgrade(payload)
    if payload["v"] > current:
        raise TamperedRecord(table, record_id, "was written by a newer version of companion")
    return payload


class Records:
    """Seals and stores records for one unlocked vault, keeping the version ledger in step.

    At unlock: ``open_ledger()``, then ``load()`` each record type, then ``finish_ledger()``.
    ``types``: the vault's record types (the ledger's own is added), which name the records
    in problems."""

    def __init__(self, store: Store, sealer: Sealer, types: Iterable[RecordType] = ()) -> None:
        self.store = store
        self._sealer = sealer
        self._ledger = ledger_mod.Ledger()  # absent until open_ledger() reads it
        self._nouns = {t.table: t.noun for t in (*types, LEDGER)}
        self._writes: dict[str, int] = {}  # table -> records written or deleted since unlock

    def writes(self, table: str) -> int:
        """How many record writes (insert, update, delete) ``table`` has had since unlock.

        Only ever grows: a reader that keeps the number it last saw knows, by comparing, whether
        anything in the table changed since, without looking at the records."""
        return self._writes.get(table, 0)

    def problem(self, table: str, record_id: str, reason: str) -> Problem:
        return Problem(table, record_id, reason, self._nouns.get(table, ""))

    # -- unlock ---------------------------------------------------------------------------------------

    def open_ledger(self) -> list[Problem]:
        self._ledger, findings = ledger_mod.Ledger.read(self.store.rows(LEDGER.table), self._open_ledger_row)
        return [self.problem(*f) for f in findings]

    def load(self, kind: RecordType) -> Loaded:
        table = kind.table
        loaded = Loaded(table)
        rows, findings = self._ledger.check(table, self.store.rows(table))
        loaded.problems.extend(self.problem(*f) for f in findings)
        for row in rows:
            try:
                raw = self._sealer.open(table, row.id, row.version, row.sealed)
                loaded.items.append((row.id, row.version, decode(kind, row.id, raw)))
            except TamperedRecord as exc:
                loaded.problems.append(self.problem(table, row.id, exc.reason))
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
        return [self.problem(*f) for f in findings], warnings

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
        for change in changes:
            self._writes[change.table] = self._writes.get(change.table, 0) + 1

    # -- the ledger's own rows ---------------------------------------------------------------------------

    def _seal_ledger(self, row_id: str, version: int, payload: Payload) -> bytes:
        return self._sealer.seal(LEDGER.table, row_id, version, encode(payload))

    def _open_ledger_row(self, row: Row) -> Payload:
        raw = self._sealer.open(LEDGER.table, row.id, row.version, row.sealed)
        return decode(LEDGER, row.id, raw)
