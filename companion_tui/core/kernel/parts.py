"""The workspace's parts: a descriptor per area, declared in the owner's class body, in build order.

    class Workspace:
        moods = Part(checkins.RECORD, build=lambda ws, loaded: MoodLog.from_loaded(...), exchange="moods")

``Part`` is a descriptor: on the class it is the part itself (``Workspace.moods.types``), on an
unlocked workspace the object its ``build`` made, and after ``lock()`` it raises ``VaultLocked``.
``parts_of(Workspace)`` lists the parts in declaration order; the unlock loop, the ledger's names
for records, the record tables a vault must have and the JSON export's sections all come from it.

(Apart from ``registry``, which domain modules import for ``RecordType``: this module needs
``records.Loaded``, and ``records`` needs ``RecordType``.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast, overload

from companion_tui.core.kernel.errors import VaultLocked
from companion_tui.core.kernel.records import Loaded
from companion_tui.core.kernel.registry import RecordType

if TYPE_CHECKING:
    from typing import Self


class Assembled(Protocol):
    """What owns parts: an object that keeps the values its parts built."""

    @property
    def built(self) -> BuiltParts: ...


T = TypeVar("T")
Owner = TypeVar("Owner", bound=Assembled)


class BuiltParts:
    """The values an owner's parts built, by part name, until ``drop()``."""

    def __init__(self) -> None:
        self._values: dict[str, object] = {}
        self._dropped = False

    def put(self, name: str, value: object) -> None:
        self._values[name] = value

    def get(self, name: str) -> object:
        try:
            return self._values[name]
        except KeyError:
            if self._dropped:
                raise VaultLocked() from None
            raise RuntimeError(f"The workspace's {name!r} part is not built yet (parts are built in order).") from None

    def drop(self) -> None:
        """Forget every value (Python can't wipe memory; this drops the references)."""
        self._values.clear()
        self._dropped = True

    @property
    def dropped(self) -> bool:
        return self._dropped


class Part(Generic[Owner, T]):
    """One area of the workspace: the record types it owns and how it is built from them.

    ``build(owner, loaded)`` receives the owner as built so far (earlier parts are available)
    and ``{record type: Loaded}``; it returns the value read as ``owner.<name>``. ``exchange``
    names the area's section of the JSON export (``companion_tui.core.exchange.sections.<name>``).
    """

    def __init__(self, *types: RecordType, build: Callable[[Owner, dict[RecordType, Loaded]], T],
                 exchange: str | None = None) -> None:
        self.types = types
        self.build = build
        self.exchange = exchange
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Self: ...

    @overload
    def __get__(self, obj: Owner, owner: type) -> T: ...

    def __get__(self, obj: Owner | None, owner: type) -> Self | T:
        if obj is None:
            return self
        return cast(T, obj.built.get(self.name))  # put there by build(), for this very name

    def __set__(self, obj: Owner, value: T) -> None:
        raise AttributeError(f"The workspace's {self.name!r} part is built at unlock; it can't be replaced.")

    def __repr__(self) -> str:
        return f"Part({self.name!r}, {', '.join(t.table for t in self.types)})"


def parts_of(owner: type) -> tuple[Part[Any, Any], ...]:
    """The parts declared in ``owner``'s class body, in declaration order (= build order)."""
    return tuple(value for value in vars(owner).values() if isinstance(value, Part))


def record_types(parts: Iterable[Part[Any, Any]]) -> tuple[RecordType, ...]:
    return tuple(t for part in parts for t in part.types)
