"""RecordLog: one table's records, decrypted once at unlock and kept in memory.

The pattern shared by the mood log, the practice log and the journal. Records live in a
dict by id; every query runs in memory, and ``newest_first`` is sorted once and cached until
the next change. Every write goes to the vault first and touches memory only after it
succeeded, so a write that fails (a full disk, a row changed elsewhere) leaves the log as
it was.

A subclass gives, as class-level settings:

- ``table``: the record table ("checkins");
- ``noun``: how a person names one record, for NotFound messages ("check-in");
- ``record_type``: a frozen dataclass with ``id``, ``version``, ``created``, ``updated``,
  ``to_payload()`` and a classmethod ``from_payload(id, version, payload)``;
- ``sort_key``: what ``newest_first`` sorts by, descending (e.g. ``attrgetter("at", "created")``);

and implements ``_validate(draft, old)``: the clean fields of a draft, as keyword arguments
of ``record_type`` (``old`` is the record being updated; None for a new one). ``_stamp()``
gives ``created``/``updated``: UTC now at stored precision unless the subclass overrides it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from companion_tui.core.kernel.clock import Clock, system_now, utc_now
from companion_tui.core.kernel.errors import NotFound
from companion_tui.core.kernel.records import Loaded, Records, new_id


class Record(Protocol):
    """A frozen dataclass (``dataclasses.replace`` makes its next version) with these fields."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...

    def to_payload(self) -> dict: ...


T = TypeVar("T", bound=Record)
D = TypeVar("D")


class RecordLog(Generic[T, D]):
    """Records of one table in memory, by id; writes go to the vault first."""

    table: ClassVar[str]
    noun: ClassVar[str]
    record_type: ClassVar[Any]
    #: Read from the class (``type(self).sort_key``), so a plain function or an attrgetter both work.
    sort_key: ClassVar[Callable[..., Any]]

    def __init__(self, records: Records, items: Iterable[T] = (), clock: Clock = system_now) -> None:
        self._records = records
        self.clock = clock
        self._by_id: dict[str, T] = {r.id: r for r in items}
        self._sorted: list[T] | None = None

    @classmethod
    def parse(cls, loaded: Loaded) -> Iterator[T]:
        """The loaded payloads as records, lazily (for ``from_loaded``)."""
        make = cls.record_type.from_payload
        return (make(i, v, p) for i, v, p in loaded.items)

    # -- what a subclass decides
    def _validate(self, draft: D, old: T | None) -> dict:
        raise NotImplementedError

    def _stamp(self) -> datetime:
        """Now, at the precision payloads store, so a record equals itself after reopening."""
        return utc_now().replace(microsecond=0)

    # -- writes
    def add(self, draft: D) -> T:
        """Validate, store as a new record (version 1) and return it."""
        fields = self._validate(draft, None)
        now = self._stamp()
        return self._write(self.record_type(id=new_id(), version=1, created=now, updated=now, **fields))

    def update(self, record_id: str, draft: D) -> T:
        """Replace a record's fields with the draft's, as its next version."""
        old = self.get(record_id)
        fields = self._validate(draft, old)
        return self._write(replace(old, version=old.version + 1, updated=self._stamp(), **fields))

    def delete(self, record_id: str) -> None:
        self.get(record_id)
        self._records.write(self.table, record_id, 0, None)
        del self._by_id[record_id]
        self._sorted = None

    def import_many(self, items: Iterable[T]) -> int:
        """Insert already-built records in one transaction (all or nothing).

        Each is stored as a new record (version 1), whatever version it had elsewhere.
        """
        new = [replace(r, version=1) for r in items]
        self._records.apply(self._records.change(self.table, r.id, 1, r.to_payload()) for r in new)
        for r in new:
            self._put(r)
        return len(new)

    def _write(self, record: T) -> T:
        """Store ``record`` at its version (1 inserts), then keep it in memory."""
        self._records.write(self.table, record.id, record.version, record.to_payload())
        self._put(record)
        return record

    def _put(self, record: T) -> None:
        self._by_id[record.id] = record
        self._sorted = None

    # -- reads
    def get(self, record_id: str) -> T:
        try:
            return self._by_id[record_id]
        except KeyError:
            raise NotFound(f"No {self.noun} with id {record_id}.") from None

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def newest_first(self) -> list[T]:
        if self._sorted is None:
            self._sorted = sorted(self._by_id.values(), key=type(self).sort_key, reverse=True)
        return self._sorted
