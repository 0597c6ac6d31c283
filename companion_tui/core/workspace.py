"""Opening a vault: the locked handle (file + envelope) and the unlocked workspace.

    vault = LockedVault.open(paths)            # takes the lock, checks the file, no keys yet
    ws = vault.unlock(passphrase)              # derives the key, opens every record once
    ws.moods.add(CheckInDraft(score=7))        # writes go straight through
    ws.lock()                                  # drops keys and data; vault stays locked by us
    vault.close()                              # checkpoints the WAL, releases the lock
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from companion_tui.core.goals import book as goals_mod
from companion_tui.core.goals import review as review_mod
from companion_tui.core.journal import entries as journal_mod
from companion_tui.core.journal import prompts as prompts_mod
from companion_tui.core.kernel import drafts as drafts_mod
from companion_tui.core.kernel import settings as settings_mod
from companion_tui.core.kernel.clock import Clock, system_now
from companion_tui.core.kernel.records import Loaded, Problem, Records
from companion_tui.core.moods import checkins as moods_mod
from companion_tui.core.skills import catalogue as skills_mod
from companion_tui.core.skills import practice as practice_mod
from companion_tui.paths import Paths
from companion_tui.store.database import Store
from companion_tui.vault import DEFAULT_PARAMS, Envelope, KdfParams, NotAVault, Sealer

ENVELOPE_KEY = "envelope"
Progress = Callable[[float, str], None]

MIN_PASSPHRASE = 8


class PassphraseTooShort(ValueError):
    pass


def check_new_passphrase(passphrase: str, confirm: str | None = None) -> list[str]:
    """Raise for unusable passphrases; return gentle warnings for weak ones."""
    if not passphrase or not passphrase.strip():
        raise PassphraseTooShort("The passphrase can't be empty.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(f"Use at least {MIN_PASSPHRASE} characters (a few words work well).")
    try:
        passphrase.encode("utf-8")  # what the key derivation needs; lone surrogates can't be
    except UnicodeEncodeError:
        raise PassphraseTooShort("The passphrase contains a character that can't be used; please type it again.") from None
    if confirm is not None and confirm != passphrase:
        raise PassphraseTooShort("The two passphrases don't match.")
    return strength_warnings(passphrase)


def strength_warnings(passphrase: str) -> list[str]:
    warnings = []
    if len(set(passphrase)) <= 3:
        warnings.append("It repeats very few characters.")
    if len(passphrase) < 12 and (passphrase.isalpha() or passphrase.isdigit()):
        warnings.append("Short and of one kind of character: three or four random words are stronger.")
    if passphrase.lower() in {"password", "passphrase", "12345678", "123456789", "qwertyui", "iloveyou"}:
        warnings.append("This is one of the most common passwords.")
    return warnings


def strength_label(passphrase: str) -> str:
    n = len(passphrase)
    if n < MIN_PASSPHRASE:
        return "too short"
    if strength_warnings(passphrase):
        return "weak"
    return "good" if n < 16 else "strong"


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
        records = Records(self.store, Sealer(data_key))
        ws = Workspace(vault=self, data_key=data_key, records=records, clock=clock)
        ws.problems.extend(records.open_ledger())
        # Tens of thousands of new objects, none of them garbage: the cyclic collector would
        # rescan them over and over (superlinear), so it waits until they are all built.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for i, part in enumerate(PARTS):
                if progress:
                    progress(0.5 + 0.5 * i / len(PARTS), "Opening your records…")
                loaded = {table: records.load(table, version) for table, version in part.tables}
                for one in loaded.values():
                    ws.problems.extend(one.problems)
                setattr(ws, part.attr, part.build(ws, loaded))
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


@dataclass(frozen=True)
class Part:
    """One domain area of the workspace: the tables it owns and how to build it from them.

    ``build(ws, loaded)`` receives the workspace built so far (earlier parts are available)
    and ``{table: Loaded}``; it returns the object stored as ``ws.<attr>``.
    """

    attr: str
    tables: tuple[tuple[str, int], ...]
    build: Callable[[Workspace, dict[str, Loaded]], object]


#: Loaded in order at unlock. Later issues add their parts here.
PARTS: list[Part] = [
    Part("settings", ((settings_mod.TABLE, settings_mod.PAYLOAD_VERSION),),
         lambda ws, loaded: settings_mod.SettingsStore(ws.records, loaded[settings_mod.TABLE])),
    Part("drafts", ((drafts_mod.TABLE, drafts_mod.PAYLOAD_VERSION),),
         lambda ws, loaded: drafts_mod.Drafts(ws.records, loaded[drafts_mod.TABLE])),
    Part("moods", ((moods_mod.TABLE, moods_mod.PAYLOAD_VERSION),),
         lambda ws, loaded: moods_mod.MoodLog.from_loaded(ws.records, loaded[moods_mod.TABLE], ws.clock)),
    Part("prompts", ((prompts_mod.TABLE, prompts_mod.PAYLOAD_VERSION),), prompts_mod.build),
    Part("journal", ((journal_mod.TABLE, journal_mod.PAYLOAD_VERSION),), journal_mod.build),  # after prompts
    Part("skills", ((skills_mod.TABLE, skills_mod.PAYLOAD_VERSION),), skills_mod.build),
    Part("practices", ((practice_mod.TABLE, practice_mod.PAYLOAD_VERSION),), practice_mod.build),
    # Goals subscribe to ws.practices.on_logged (skill-linked ticks): keep them after the skills part.
    Part("goals", ((goals_mod.TABLE, goals_mod.PAYLOAD_VERSION), (goals_mod.TICKS, goals_mod.TICK_PAYLOAD_VERSION)),
         goals_mod.build),
    Part("reviews", ((review_mod.TABLE, review_mod.PAYLOAD_VERSION),), review_mod.build),
]


@dataclass(eq=False)
class Workspace:
    """An unlocked vault: keys and every decrypted record, in memory."""

    vault: LockedVault
    data_key: bytes
    records: Records
    clock: Clock = system_now
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Built from PARTS at unlock:
    settings: settings_mod.SettingsStore = None  # type: ignore[assignment]
    drafts: drafts_mod.Drafts = None  # type: ignore[assignment]
    moods: moods_mod.MoodLog = None  # type: ignore[assignment]
    skills: skills_mod.SkillCatalogue = None  # type: ignore[assignment]
    practices: practice_mod.PracticeLog = None  # type: ignore[assignment]
    goals: goals_mod.GoalBook = None  # type: ignore[assignment]
    reviews: review_mod.ReviewBook = None  # type: ignore[assignment]
    prompts: prompts_mod.PromptLibrary = None  # type: ignore[assignment]
    journal: journal_mod.JournalStore = None  # type: ignore[assignment]

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under a new passphrase. Records are not touched."""
        check_new_passphrase(new_passphrase)
        envelope = self.vault.envelope.rewrap(self.data_key, new_passphrase)
        self.vault.store.write_meta(ENVELOPE_KEY, envelope.to_bytes())
        self.vault.envelope = envelope

    def lock(self) -> None:
        """Drop keys and decrypted data (Python can't wipe memory; we drop every reference)."""
        self.data_key = b""
        self.records = None  # type: ignore[assignment]
        for part in PARTS:
            setattr(self, part.attr, None)
        self.vault.store.checkpoint()

    def close(self) -> None:
        self.lock()
        self.vault.close()
