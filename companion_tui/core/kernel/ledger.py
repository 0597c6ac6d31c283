"""The sealed version ledger: a row put back whole, removed or re-inserted is named at unlock.

Sealing binds each blob to ``table|id|version`` (vault/seal.py), so a blob that is altered, moved
to another row or table, or put back under a newer version number fails to open. What sealing
alone cannot see is a row put back *whole* (an older version with its own older blob), a row
deleted, or a deleted row inserted again: each of those is an authentic triple. The ledger
closes that gap. It lives in the ``ledger`` table, sealed like any record:

* 256 **buckets** ``b00`` … ``bff`` (a record falls in one by a hash of its table and id), each
  ``{table: {id: version}}`` for the records the app last wrote there;
* one **root**, ``{bucket: version of that bucket's row}``.

``Records.apply`` writes the records, the buckets they fall in and the root in ONE transaction,
so the ledger is never behind the records. At unlock every row is checked against it: an older
version, a row the ledger doesn't know, and a record the table lacks are each reported by table
and id, and such rows are not opened. A bucket put back together with its rows disagrees with
the root, so any *partial* rollback is caught. Putting back the *whole* file — an old copy of
the vault — looks exactly like restoring a backup and is not reported.

A damaged or missing bucket (or root) is reported as a ``ledger`` problem; the records that bucket
covered are then taken as they are, and that part of the ledger is rebuilt from them.

This module is pure bookkeeping: ``Records`` does the sealing and the writing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from companion_tui.store.database import Change, Row
from companion_tui.vault import TamperedRecord

TABLE = "ledger"
ROOT = "root"
PAYLOAD_VERSION = 1
_BUCKET_ID = re.compile(r"b[0-9a-f]{2}")

Entries = dict[str, dict[str, int]]  # table -> id -> version
Finding = tuple[str, str, str]  # (table, id, reason): a problem, named, never with content
OpenRow = Callable[[Row], dict]  # opens a ledger row's payload or raises TamperedRecord
SealPayload = Callable[[str, int, dict], bytes]  # (ledger row id, version, payload) -> sealed blob

MISSING = "is missing: it was removed outside companion"
UNKNOWN = "is not in the vault's ledger: a deleted record put back, or one added outside companion"


def bucket_of(table: str, record_id: str) -> str:
    return f"b{hashlib.blake2b(f'{table}|{record_id}'.encode(), digest_size=1).digest()[0]:02x}"


def mismatch(expected: int | None, found: object) -> str:
    if expected is None:
        return UNKNOWN
    if not isinstance(found, int) or isinstance(found, bool):
        return "has a damaged version number"
    if found < expected:
        return f"was put back to an older version ({found}; the ledger says {expected})"
    return f"is at version {found} but the ledger says {expected}: part of the ledger was put back"


@dataclass
class Bucket:
    version: int = 0  # of its row in the ledger table; 0 = no row yet
    entries: Entries = field(default_factory=dict)


@dataclass
class Plan:
    """What one write does to the ledger: the changes to commit with it, then the state to keep."""

    changes: list[Change]
    buckets: dict[str, Bucket]
    root_version: int
    records: list[Change]


class Ledger:
    """The ledger of one unlocked vault, in memory. See the module docstring."""

    def __init__(self, absent: bool = True) -> None:
        self.root_version = 0
        self.buckets: dict[str, Bucket] = {}
        self.expected: dict[str, dict[str, int]] = {}  # an index of the verified buckets' entries
        self.absent = absent  # no ledger rows at all (a new vault, or one written before the ledger)
        self._unverified: set[str] = set()  # buckets whose records are taken as they are, then rebuilt
        self._dirty: set[str] = set()  # rebuilt buckets, written with the next write
        self._adopted_rows = 0

    # -- reading (unlock) -------------------------------------------------------------------------

    @classmethod
    def read(cls, rows: Iterable[Row], open_row: OpenRow) -> tuple[Ledger, list[Finding]]:
        by_id = {r.id: r for r in rows}
        if not by_id:
            return cls(absent=True), []
        ledger = cls(absent=False)
        findings: list[Finding] = []
        root: dict[str, int] | None = None
        root_row = by_id.pop(ROOT, None)
        if root_row is None:
            findings.append((TABLE, ROOT, MISSING))
        else:
            ledger.root_version = root_row.version
            try:
                root = _root_payload(root_row, open_row)
            except TamperedRecord as exc:
                findings.append((TABLE, ROOT, exc.reason))
        for bid, row in by_id.items():
            if not _BUCKET_ID.fullmatch(bid):
                findings.append((TABLE, bid, "is not part of the ledger: it was added outside companion"))
                continue
            bucket = ledger.buckets[bid] = Bucket(row.version)
            try:
                bucket.entries = _bucket_payload(row, open_row)
            except TamperedRecord as exc:
                findings.append((TABLE, bid, exc.reason))
                ledger._unverified.add(bid)
                continue
            if root is not None and root.get(bid) != row.version:
                findings.append((TABLE, bid, mismatch(root.get(bid), row.version)))
                ledger._unverified.add(bid)
        for bid in sorted((root or {}).keys() - by_id.keys()):
            findings.append((TABLE, bid, MISSING))
            ledger.buckets[bid] = Bucket(0)
            ledger._unverified.add(bid)
        for bid in ledger._unverified:
            ledger.buckets[bid].entries = {}
        for bid, bucket in ledger.buckets.items():
            if bid not in ledger._unverified:
                for table, ids in bucket.entries.items():
                    ledger.expected.setdefault(table, {}).update(ids)
        return ledger, findings

    def check(self, table: str, rows: list[Row]) -> tuple[list[Row], list[Finding]]:
        """The rows that agree with the ledger, and a finding for each that doesn't or is missing.

        Rows of an absent ledger or an unverified bucket are taken as they are (and recorded)."""
        expected = self.expected.get(table, {})
        if self.absent:
            for row in rows:
                self._adopt(table, row)
            return rows, []
        ok: list[Row] = []
        findings: list[Finding] = []
        for row in rows:
            want = expected.get(row.id)
            if want == row.version:
                ok.append(row)
            elif want is None and self._unverified and bucket_of(table, row.id) in self._unverified:
                self._adopt(table, row)
                ok.append(row)
            else:
                findings.append((table, row.id, mismatch(want, row.version)))
        if len(expected) > len(ok):
            present = {r.id for r in rows}
            findings.extend((table, rid, MISSING) for rid in sorted(expected.keys() - present))
        return ok, findings

    def finish(self, *, required: bool) -> tuple[list[Finding], list[str] | None]:
        """After every table was checked: the findings left, and — when there was no ledger at all —
        every bucket, to be written at once with a root (None: nothing to write now).

        ``required``: the vault is known to keep a ledger, so an absent one is itself a finding.
        Damaged or stale buckets are not written here: they are rebuilt from the rows as they are and
        go out with the next write, so unlocking alone never changes the file."""
        findings: list[Finding] = []
        if self.absent and required and self._adopted_rows:
            findings.append((TABLE, ROOT, "is missing, so records put back or removed outside companion could "
                             "not be checked; it was rebuilt from the records as they are now"))
        rewrite = sorted(self.buckets) if self.absent else None
        self._dirty, self._unverified, self.absent = set(self._unverified), set(), False
        return findings, rewrite

    def _adopt(self, table: str, row: Row) -> None:
        bid = bucket_of(table, row.id)
        self.buckets.setdefault(bid, Bucket()).entries.setdefault(table, {})[row.id] = row.version
        self.expected.setdefault(table, {})[row.id] = row.version
        self._adopted_rows += 1

    # -- writing ----------------------------------------------------------------------------------------

    def plan(self, changes: list[Change], seal: SealPayload, also: Iterable[str] = ()) -> Plan:
        """The ledger changes to commit together with ``changes`` (and buckets ``also`` rewritten)."""
        touched: dict[str, Bucket] = {}

        def bucket(bid: str) -> Bucket:
            b = touched.get(bid)
            if b is None:
                old = self.buckets.get(bid) or Bucket()
                b = touched[bid] = Bucket(old.version, {t: dict(ids) for t, ids in old.entries.items()})
            return b

        for bid in (*self._dirty, *also):
            bucket(bid)
        for ch in changes:
            ids = bucket(bucket_of(ch.table, ch.id)).entries.setdefault(ch.table, {})
            if ch.op == "delete":
                ids.pop(ch.id, None)
            else:
                ids[ch.id] = ch.version
        out: list[Change] = []
        root = {bid: b.version for bid, b in self.buckets.items()}
        for bid, b in sorted(touched.items()):
            b.entries = {t: ids for t, ids in b.entries.items() if ids}
            out.append(_change(bid, b.version + 1, seal, {"v": PAYLOAD_VERSION, "tables": b.entries}))
            b.version += 1
            root[bid] = b.version
        root_version = self.root_version + 1
        out.append(_change(ROOT, root_version, seal, {"v": PAYLOAD_VERSION, "buckets": root}))
        return Plan(out, touched, root_version, changes)

    def commit(self, plan: Plan) -> None:
        """Keep what ``plan`` wrote (call only after its transaction committed)."""
        self.buckets.update(plan.buckets)
        self.root_version = plan.root_version
        self._dirty -= plan.buckets.keys()
        for ch in plan.records:
            ids = self.expected.setdefault(ch.table, {})
            if ch.op == "delete":
                ids.pop(ch.id, None)
            else:
                ids[ch.id] = ch.version


def _change(row_id: str, version: int, seal: SealPayload, payload: dict) -> Change:
    return Change("insert" if version == 1 else "update", TABLE, row_id, version, seal(row_id, version, payload))


def _root_payload(row: Row, open_row: OpenRow) -> dict[str, int]:
    buckets = open_row(row).get("buckets")
    if not isinstance(buckets, dict) or not all(
        isinstance(k, str) and _BUCKET_ID.fullmatch(k) and _is_version(v) for k, v in buckets.items()
    ):
        raise TamperedRecord(TABLE, row.id, "holds unreadable data")
    return buckets


def _bucket_payload(row: Row, open_row: OpenRow) -> Entries:
    # Authenticated content only this module writes: the shape is checked, not every entry (an
    # entry that were somehow not an int would only fail to match its row, and be reported).
    tables = open_row(row).get("tables")
    if not isinstance(tables, dict) or not all(isinstance(ids, dict) for ids in tables.values()):
        raise TamperedRecord(TABLE, row.id, "holds unreadable data")
    return tables


def _is_version(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1
