"""The SQLite store: one file per vault, sealed rows only, durable writes.

WAL with synchronous=FULL, secure_delete, temp_store in memory. Each save is one
transaction. Alembic migrations run on open, after a backup of the existing file.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal, NamedTuple

from sqlalchemy import Engine, Table, create_engine, delete, event, insert, select, text, update
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, OperationalError

from companion_tui.store.lock import VaultBusy, VaultLock
from companion_tui.store.schema import Meta, sealed_table

SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """A storage problem with a message fit to show the user."""


class NotAVaultFile(StoreError):
    pass


class NewerSchema(StoreError):
    pass


class ConflictError(StoreError):
    """The row changed underneath us (version mismatch)."""


class Row(NamedTuple):
    """One stored record as it is in the file (a tuple: tens of thousands are read at unlock)."""

    id: str
    version: int
    sealed: bytes


@dataclass(frozen=True)
class Change:
    op: Literal["insert", "update", "delete"]
    table: str
    id: str
    version: int = 0
    sealed: bytes = b""


_DAMAGED = "The vault file is damaged or not a companion vault."


def _friendly(exc: Exception) -> str:
    msg = str(getattr(exc, "orig", exc)).lower()
    if "full" in msg:
        return "The disk is full: nothing was saved. Free some space and try again."
    if "readonly" in msg or "read-only" in msg:
        return "The data folder is read-only: nothing was saved."
    if "locked" in msg or "busy" in msg:
        return "The vault is busy in another process: nothing was saved. Try again."
    if "not a database" in msg or "malformed" in msg or "no such table" in msg:
        return "The vault file is damaged or not a companion vault."
    return "The vault could not be written: nothing was saved."


class Store:
    """Rows in, rows out. Knows nothing about keys or content."""

    def __init__(self, path: Path, engine: Engine, lock: VaultLock) -> None:
        self.path = path
        self._engine = engine
        self._lock = lock

    # -- opening -----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, create: bool = False, lock_path: Path | None = None) -> Store:
        lock = VaultLock(lock_path or path.with_suffix(".lock"))
        lock.acquire()
        try:
            if create:
                if path.exists() and path.stat().st_size > 0:
                    raise StoreError(f"A vault already exists at {path}.")
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
                os.close(fd)
            else:
                _check_file(path)
            _secure_modes(path)
            engine = _engine(path)
            store = cls(path, engine, lock)
            try:
                store._migrate(create=create)
            except BaseException:
                engine.dispose()
                raise
            return store
        except BaseException:
            lock.release()
            raise

    def _migrate(self, *, create: bool) -> None:
        current = self.schema_revision()
        if current == HEAD_REVISION:
            return
        if current is None and not create:
            raise NotAVaultFile(f"{self.path} is not a companion vault.")
        if current is not None and current not in _known_revisions():
            raise NewerSchema(
                "This vault was written by a newer version of companion; please upgrade the app."
            )
        if current is not None:
            self.backup_to(self.path.parent / "backups" / f"before-migration-{current}.db")
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(resources.files("companion_tui.store") / "migrations"))
        try:
            with self._engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except (DBAPIError, sqlite3.Error):
            # One transaction: a failed upgrade leaves the file as it was (and a backup was made).
            raise StoreError(
                "The vault is damaged or could not be upgraded to this version of companion; it was left unchanged."
            ) from None

    def schema_revision(self) -> str | None:
        try:
            with self._engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
        except OperationalError as exc:
            if "no such table" in str(exc.orig):
                return None
            raise StoreError(_friendly(exc)) from None
        except DBAPIError as exc:
            raise NotAVaultFile(_friendly(exc)) from None
        except (MultipleResultsFound, UnicodeDecodeError):
            # Two schema stamps, or SQLite reporting a garbled schema name: a damaged file.
            raise NotAVaultFile(_DAMAGED) from None

    # -- meta ---------------------------------------------------------------------

    def read_meta(self, key: str) -> bytes | None:
        with self._guard(), self._engine.connect() as conn:
            return conn.execute(select(Meta.value).where(Meta.key == key)).scalar_one_or_none()

    def write_meta(self, key: str, value: bytes) -> None:
        with self._guard(), self._engine.begin() as conn:
            updated = conn.execute(update(Meta).where(Meta.key == key).values(value=value)).rowcount
            if not updated:
                conn.execute(insert(Meta).values(key=key, value=value))

    # -- records --------------------------------------------------------------------

    def rows(self, table: str) -> list[Row]:
        """Every row of a record table. Read through the driver's own cursor: SQLAlchemy's result
        rows would double the time it takes to read ten years of records at unlock."""
        name = _table(table).name
        with self._guard(table), self._engine.connect() as conn:
            cursor = _sqlite(conn.connection.driver_connection).execute(f"SELECT id, version, sealed FROM {name}")
            return list(map(Row._make, cursor))

    def count(self, table: str) -> int:
        name = _table(table).name
        with self._guard(table), self._engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()

    def tables(self) -> set[str]:
        """The names of the record tables in the file (every table but ``meta`` and Alembic's)."""
        with self._guard(), self._engine.connect() as conn:
            names = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
            return {n for n in names if n not in ("meta", "alembic_version") and not n.startswith("sqlite_")}

    def apply(self, changes: Iterable[Change]) -> None:
        """Apply changes in one durable transaction: all or nothing."""
        changes = list(changes)
        tables = {ch.table: _table(ch.table) for ch in changes}
        with self._guard(*tables), self._engine.begin() as conn:
            for ch in changes:
                t = tables[ch.table]
                if ch.op == "insert":
                    conn.execute(insert(t).values(id=ch.id, version=ch.version, sealed=ch.sealed))
                elif ch.op == "update":
                    n = conn.execute(
                        update(t)
                        .where(t.c.id == ch.id, t.c.version == ch.version - 1)
                        .values(version=ch.version, sealed=ch.sealed)
                    ).rowcount
                    if n != 1:
                        raise ConflictError(f"Record {ch.table}/{ch.id} changed elsewhere; nothing was saved.")
                elif ch.op == "delete":
                    conn.execute(delete(t).where(t.c.id == ch.id))
                else:  # pragma: no cover
                    raise ValueError(ch.op)

    # -- maintenance ------------------------------------------------------------------

    def integrity_check(self) -> str:
        with self._guard(), self._engine.connect() as conn:
            return conn.execute(text("PRAGMA integrity_check")).scalar_one()

    def checkpoint(self) -> None:
        with self._guard(), self._engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))

    def backup_to(self, dest: Path) -> None:
        """A consistent copy through SQLite's online backup API (as encrypted as the vault)."""
        tmp = dest.with_name(dest.name + ".part")
        try:
            dest.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
            os.close(fd)
            raw = self._engine.raw_connection()
            try:
                target = sqlite3.connect(tmp)
                try:
                    _sqlite(raw.driver_connection).backup(target)
                    target.execute("PRAGMA journal_mode=DELETE")
                finally:
                    target.close()
            finally:
                raw.close()
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, dest)
        except BaseException as exc:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            if isinstance(exc, OSError):
                reason = exc.strerror or str(exc)
            elif isinstance(exc, (sqlite3.Error, DBAPIError)):
                reason = str(getattr(exc, "orig", exc))
            else:
                raise
            # A failed disk write (full disk, read-only folder, I/O error) is a clear message, never
            # a raw OSError/sqlite3 error: the daily backup at unlock turns it into a warning.
            raise StoreError(f"The backup could not be written ({reason}); the vault itself is unchanged.") from None

    def restore_from(self, source: Path) -> None:
        """Overwrite this database with ``source`` via the backup API (one atomic step)."""
        import sqlite3 as _sqlite3

        with self._guard():
            src = _sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            raw = self._engine.raw_connection()
            try:
                src.backup(_sqlite(raw.driver_connection))
            finally:
                raw.close()
                src.close()
            self._engine.dispose()
        self._migrate(create=False)

    def close(self) -> None:
        try:
            self.checkpoint()
        except StoreError:
            pass
        finally:
            self._engine.dispose()
            self._lock.release()

    @contextmanager
    def _guard(self, *tables: str) -> Iterator[None]:
        """Turns driver errors into StoreError; ``tables``: the record tables the block uses, named
        when one of them is missing from the file."""
        try:
            yield
        except StoreError:
            raise
        except (DBAPIError, sqlite3.Error) as exc:  # sqlite3.Error: raw driver calls (backup API)
            missing = _missing_table(exc, tables)
            if missing is not None:
                raise StoreError(f"The vault file has no {missing!r} table: it is damaged, or it was not "
                                 "upgraded for this version of companion; nothing was changed.") from None
            raise StoreError(_friendly(exc)) from None
        except (MultipleResultsFound, UnicodeDecodeError):
            raise StoreError(_DAMAGED) from None
        except OSError as exc:
            raise StoreError(f"The vault could not be written ({exc.strerror}); nothing was saved.") from None


def _sqlite(driver_connection: object) -> sqlite3.Connection:
    """The standard library's connection under SQLAlchemy's (the engine is always ``sqlite:///``)."""
    if not isinstance(driver_connection, sqlite3.Connection):  # pragma: no cover - a closed or odd pool
        raise StoreError("The vault's database connection is not open.")
    return driver_connection


def _table(name: str) -> Table:
    try:
        return sealed_table(name)
    except ValueError as exc:
        raise StoreError(str(exc)) from None


def _missing_table(exc: Exception, tables: tuple[str, ...]) -> str | None:
    msg = str(getattr(exc, "orig", exc))
    for name in tables:
        if msg == f"no such table: {name}":
            return name
    return None


def _known_revisions() -> set[str]:
    folder = resources.files("companion_tui.store") / "migrations" / "versions"
    return {p.name.split("_", 1)[0] for p in folder.iterdir() if p.name.endswith(".py")}


#: The newest migration's revision (files are named NNNN_what.py): adding a migration is adding its file.
HEAD_REVISION = max(_known_revisions())


def _check_file(path: Path) -> None:
    if not path.exists():
        raise NotAVaultFile(f"There is no vault at {path}. Create one with `companion init`.")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"The vault file cannot be read ({exc.strerror}).") from None
    if head != SQLITE_MAGIC:
        raise NotAVaultFile(f"{path} is not a companion vault (empty, damaged, or another kind of file).")


def _secure_modes(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            os.chmod(p, 0o600)
        except FileNotFoundError:
            pass


def _engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA secure_delete=ON")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute("PRAGMA busy_timeout=2000")
        cur.close()

    return engine


__all__ = [
    "Change",
    "ConflictError",
    "HEAD_REVISION",
    "NewerSchema",
    "NotAVaultFile",
    "Row",
    "Store",
    "StoreError",
    "VaultBusy",
]
