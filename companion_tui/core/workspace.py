"""Opening a vault: the locked handle (file + envelope) and the unlocked workspace.

    vault = LockedVault.open(paths)            # takes the lock, checks the file, no keys yet
    ws = vault.unlock(passphrase)              # derives the key, opens every record once
    ws.moods.add(CheckInDraft(score=7))        # writes go straight through
    ws.lock()                                  # drops keys and data; vault stays locked by us
    vault.close()                              # checkpoints the WAL, releases the lock

The ``Workspace`` class body is the registry of record types: one ``Part`` per area, in the
order they are built at unlock (see ``core.kernel.parts``).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from companion_tui.core.goals import book, review
from companion_tui.core.journal import entries
from companion_tui.core.journal import prompts as prompts_mod
from companion_tui.core.kernel import drafts as drafts_mod
from companion_tui.core.kernel import settings as settings_mod
from companion_tui.core.kernel.clock import Clock, system_now
from companion_tui.core.kernel.errors import VaultLocked
from companion_tui.core.kernel.parts import BuiltParts, Part, parts_of, record_types
from companion_tui.core.kernel.passphrase import (
    MIN_PASSPHRASE,
    PassphraseTooShort,
    check_new_passphrase,
    strength_label,
    strength_warnings,
)
from companion_tui.core.kernel.records import LEDGER, Loaded, Problem, Records
from companion_tui.core.kernel.registry import RecordType
from companion_tui.core.moods import checkins
from companion_tui.core.skills import catalogue, practice
from companion_tui.paths import Paths
from companion_tui.store.database import Store
from companion_tui.vault import DEFAULT_PARAMS, Envelope, KdfParams, NotAVault, Sealer

ENVELOPE_KEY = "envelope"
Progress = Callable[[float, str], None]


class LockedVault:
    """An opened vault file whose records are still sealed."""

    def __init__(self, paths: Paths, store: Store, envelope: Envelope) -> None:
        self.paths = paths
        self.store = store
        self.envelope = envelope

    @classmethod
    def open(cls, paths: Paths) -> LockedVault:
        store = Store.open(paths.vault, lock_path=paths.lock)
        try:
            raw = store.read_meta(ENVELOPE_KEY)
            if raw is None:
                raise NotAVault(f"{paths.vault} is not a companion vault (it has no key envelope).")
            return cls(paths, store, Envelope.from_bytes(raw))
        except BaseException:
            store.close()
            raise

    @classmethod
    def create(
        cls, paths: Paths, passphrase: str, params: KdfParams = DEFAULT_PARAMS, clock: Clock = system_now
    ) -> tuple[LockedVault, Workspace, str]:
        """A new vault. Returns the handle, the unlocked workspace and the recovery key (show once)."""
        check_new_passphrase(passphrase)
        paths.ensure_home()
        envelope, data_key, recovery = Envelope.create(passphrase, params)
        store = Store.open(paths.vault, create=True, lock_path=paths.lock)
        try:
            store.write_meta(ENVELOPE_KEY, envelope.to_bytes())
        except BaseException:
            store.close()
            paths.vault.unlink(missing_ok=True)
            raise
        vault = cls(paths, store, envelope)
        return vault, vault._workspace(data_key, clock, None, kdf_seconds=0.0), recovery

    def unlock(self, passphrase: str, progress: Progress | None = None, clock: Clock = system_now) -> Workspace:
        t0 = time.perf_counter()
        if progress:
            progress(0.05, "Deriving your key…")
        data_key, upgraded = self.envelope.unlock_upgrading(passphrase)
        ws = self._workspace(data_key, clock, progress, kdf_seconds=time.perf_counter() - t0)
        if upgraded is not None and ws.records.has_ledger:
            self._store_envelope(upgraded, ws)  # a vault from before the ledger: now it promises one
        ws.warnings.extend(self._daily_backup(clock))
        return ws

    def _store_envelope(self, envelope: Envelope, ws: Workspace) -> None:
        from companion_tui.store.database import StoreError

        try:
            self.store.write_meta(ENVELOPE_KEY, envelope.to_bytes())
        except StoreError as exc:
            ws.warnings.append(f"The vault's key header could not be updated: {exc}")
        else:
            self.envelope = envelope

    def _daily_backup(self, clock: Clock) -> list[str]:
        from companion_tui.core.kernel.backups import daily_backup
        from companion_tui.store.database import StoreError

        try:
            daily_backup(self.store, self.paths.backups, clock().date())
        except (StoreError, OSError) as exc:
            return [f"Today's automatic backup could not be made: {exc}"]
        return []

    def unlock_with_recovery(self, recovery_key: str, clock: Clock = system_now) -> Workspace:
        return self._workspace(self.envelope.unlock_with_recovery(recovery_key), clock, None, 0.0)

    def _workspace(self, data_key: bytes, clock: Clock, progress: Progress | None, kdf_seconds: float) -> Workspace:
        t0 = time.perf_counter()
        records = Records(self.store, Sealer(data_key), record_types(PARTS))
        ws = Workspace(self, data_key, records, clock)
        ws.problems.extend(records.open_ledger())
        # Tens of thousands of new objects, none of them garbage: the cyclic collector would
        # rescan them over and over (superlinear), so it waits until they are all built.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for i, part in enumerate(PARTS):
                if progress:
                    progress(0.5 + 0.5 * i / len(PARTS), "Opening your records…")
                loaded = {kind: records.load(kind) for kind in part.types}
                for one in loaded.values():
                    ws.problems.extend(one.problems)
                ws.built.put(part.name, part.build(ws, loaded))
            problems, warnings = records.finish_ledger(required=self.envelope.keeps_ledger)
            ws.problems.extend(problems)
            ws.warnings.extend(warnings)
        finally:
            if gc_was_enabled:
                gc.enable()
        ws.timings = {"kdf_s": kdf_seconds, "load_s": time.perf_counter() - t0}
        if progress:
            progress(1.0, "Ready")
        return ws

    def close(self) -> None:
        self.store.close()


T = TypeVar("T")


def part(*types: RecordType, build: Callable[[Workspace, dict[RecordType, Loaded]], T],
         exchange: str | None = None) -> Part[Workspace, T]:
    """A ``Part`` of the workspace (typed: ``build`` gets a ``Workspace``; mypy can't infer it from a lambda)."""
    return Part(*types, build=build, exchange=exchange)


class Workspace:
    """An unlocked vault: keys and every decrypted record, in memory.

    The parts below are built in this order at unlock (a part's ``build`` may use the parts
    above it); after ``lock()`` reading one raises ``VaultLocked``. ``exchange`` names the
    part's section of the JSON export (``core.exchange.sections.<name>``), written in this order.
    """

    vault: LockedVault
    data_key: bytes  # b"" once locked
    clock: Clock  # a test may set another after unlock: parts given ``ws.now`` follow it
    problems: list[Problem]  # records that could not be opened, named
    warnings: list[str]  # things the person should know (a backup that failed…)
    timings: dict[str, float]
    built: BuiltParts

    settings = part(settings_mod.RECORD,
                    build=lambda ws, loaded: settings_mod.SettingsStore(ws.records, loaded[settings_mod.RECORD]))
    drafts = part(drafts_mod.RECORD, build=lambda ws, loaded: drafts_mod.Drafts(ws.records, loaded[drafts_mod.RECORD]))
    moods = part(checkins.RECORD, exchange="moods",
                 build=lambda ws, loaded: checkins.MoodLog.from_loaded(ws.records, loaded[checkins.RECORD], ws.clock))
    prompts = part(prompts_mod.RECORD,
                   build=lambda ws, loaded: prompts_mod.PromptLibrary.from_loaded(ws.records, loaded[prompts_mod.RECORD]))
    journal = part(entries.RECORD, exchange="journal",  # after prompts: entries answer them
                   build=lambda ws, loaded: entries.JournalStore.from_loaded(
                       ws.records, loaded[entries.RECORD], ws.prompts, ws.clock))
    skills = part(catalogue.RECORD, exchange="skills",
                  build=lambda ws, loaded: catalogue.SkillCatalogue(ws.records, loaded[catalogue.RECORD], ws.clock))
    practices = part(practice.RECORD,  # after skills: a practice is of a skill
                     build=lambda ws, loaded: practice.PracticeLog.from_loaded(
                         ws.records, ws.skills, loaded[practice.RECORD], ws.clock))
    # After skills and practices: goals link skills and are ticked when one is practised.
    goals = part(book.GOALS, book.TICKS, exchange="goals",
                 build=lambda ws, loaded: book.build(ws.records, loaded[book.GOALS], loaded[book.TICKS], ws.now,
                                                     skills=ws.skills, practices_logged=ws.practices.on_logged))
    reviews = part(review.RECORD,
                   build=lambda ws, loaded: review.ReviewBook.from_loaded(ws.records, loaded[review.RECORD], ws.now))

    def __init__(self, vault: LockedVault, data_key: bytes, records: Records, clock: Clock = system_now) -> None:
        self.vault = vault
        self.data_key = data_key
        self._records: Records | None = records
        self.clock = clock
        self.problems = []
        self.warnings = []
        self.timings = {}
        self.built = BuiltParts()

    @property
    def records(self) -> Records:
        if self._records is None:
            raise VaultLocked()
        return self._records

    @property
    def locked(self) -> bool:
        """``lock()`` was called: keys and records are gone."""
        return self._records is None

    def now(self) -> datetime:
        """``clock()``, read at each call: parts given ``ws.now`` follow a clock set after unlock."""
        return self.clock()

    def change_count(self, *parts: str) -> int:
        """How many writes the records of the named parts (``"moods"``, ``"journal"``…) have had
        since unlock, together. Bumped by every write through the parts, never lowered: keep the
        number to tell later, at no cost, whether anything there changed."""
        records = self.records
        return sum(records.writes(kind.table) for name in parts for kind in _PART_BY_NAME[name].types)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under a new passphrase. Records are not touched."""
        check_new_passphrase(new_passphrase)
        envelope = self.vault.envelope.rewrap(self.data_key, new_passphrase)
        self.vault.store.write_meta(ENVELOPE_KEY, envelope.to_bytes())
        self.vault.envelope = envelope

    def lock(self) -> None:
        """Drop keys and decrypted data (Python can't wipe memory; we drop every reference)."""
        self.data_key = b""
        self._records = None
        self.built.drop()
        self.vault.store.checkpoint()

    def close(self) -> None:
        self.lock()
        self.vault.close()


#: The workspace's parts in build order (its class body, read once).
PARTS = parts_of(Workspace)
_PART_BY_NAME = {p.name: p for p in PARTS}


def record_tables() -> set[str]:
    """Every record table a vault holds: the parts' record types and the ledger."""
    return {kind.table for kind in (*record_types(PARTS), LEDGER)}


__all__ = [
    "ENVELOPE_KEY",
    "MIN_PASSPHRASE",
    "PARTS",
    "LockedVault",
    "PassphraseTooShort",
    "RecordType",
    "Workspace",
    "check_new_passphrase",
    "record_tables",
    "strength_label",
    "strength_warnings",
]
