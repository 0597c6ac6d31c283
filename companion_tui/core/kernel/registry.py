"""Record types: each domain module declares its kind of sealed record once, beside its payload.

    RECORD = RecordType("checkins", "check-in", 1)        # table, the noun a person reads, payload version

``Records.load(RECORD)`` decodes with its version and upgraders, and a record that fails to open
is named with its noun. The workspace's parts (``core.kernel.parts``) say which record types a
vault holds; the store's tables come from the migrations, and tests check the two agree.

Adding a kind of record: its domain module (with its ``RecordType``), a migration that creates
its table, and one ``Part`` line in the workspace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Payload = dict
Upgrader = Callable[[Payload], Payload]

@dataclass(frozen=True)
class RecordType:
    """One kind of sealed record.

    ``table``: where its rows live; ``noun``: how a person names one in a message ("check-in");
    ``version``: the payload version written now; ``upgraders``: ``{from_version: upgrader}``,
    each returning the payload one version newer (old records are upgraded in memory on load
    and rewritten on their next save). Hashable (by table, noun and version): a key for the
    loaded records of each type.
    """

    table: str
    noun: str
    version: int
    upgraders: Mapping[int, Upgrader] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        # Read-only, so a record type stays what it was declared as (it is shared by every vault).
        object.__setattr__(self, "upgraders", MappingProxyType(dict(self.upgraders)))
