"""Automatic daily backups, restore, and opening a vault written at an older schema revision."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from companion_tui.core.kernel.backups import auto_backups, daily_backup, restore
from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.store.database import HEAD_REVISION, Store, StoreError
from companion_tui.vault import FLOOR_PARAMS

PASS = "correct horse battery"


def _clock(day):
    return lambda: datetime(day.year, day.month, day.day, 21, 0, tzinfo=UTC)


@pytest.fixture
def paths(tmp_path) -> Paths:
    p = Paths(tmp_path / "home")
    vault, ws, _ = LockedVault.create(p, PASS, FLOOR_PARAMS)
    ws.moods.add(CheckInDraft(score=6, note="first"))
    ws.close()
    return p


def test_first_unlock_of_a_day_makes_one_backup_that_opens(paths):
    vault = LockedVault.open(paths)
    today = datetime.now().date()
    vault.unlock(PASS, clock=_clock(today)).lock()
    vault.unlock(PASS, clock=_clock(today)).lock()  # same day: no second backup
    vault.close()
    backups = auto_backups(paths.backups)
    assert len(backups) == 1
    assert oct(backups[0].stat().st_mode & 0o777) == "0o600"
    # The backup is a complete vault: it opens with the passphrase and holds the check-in.
    copy = Paths(paths.home.parent / "copy")
    copy.ensure_home()
    copy.vault.write_bytes(backups[0].read_bytes())
    other = LockedVault.open(copy)
    try:
        ws = other.unlock(PASS)
        assert [c.note for c in ws.moods.newest_first()] == ["first"]
    finally:
        other.close()


def test_rotation_keeps_the_last_seven(paths):
    store = Store.open(paths.vault, lock_path=paths.lock)
    try:
        day = datetime(2026, 1, 1).date()
        made = []
        for i in range(10):
            dest = daily_backup(store, paths.backups, day + timedelta(days=i))
            assert dest is not None
            # Give each backup its own day so the next call sees it as older.
            stamp = datetime(2026, 1, 1 + i, 12).timestamp()
            os.utime(dest, (stamp, stamp))
            made.append(dest.name)
        left = auto_backups(paths.backups)
        assert len(left) == 7
        assert {p.name for p in left} == set(made[-7:])
    finally:
        store.close()


def test_restore_brings_back_old_content_and_keeps_a_safety_copy(paths):
    vault = LockedVault.open(paths)
    ws = vault.unlock(PASS)
    before = paths.home / "snapshot.db"
    vault.store.backup_to(before)
    ws.moods.add(CheckInDraft(score=2, note="second"))
    safety = restore(vault.store, before)
    ws.lock()
    ws = vault.unlock(PASS)
    assert [c.note for c in ws.moods.newest_first()] == ["first"]
    vault.close()
    assert safety.exists()


def test_restore_refuses_garbage_and_changes_nothing(paths):
    junk = paths.home / "junk.db"
    junk.write_bytes(os.urandom(4096))
    vault = LockedVault.open(paths)
    try:
        with pytest.raises(StoreError):
            restore(vault.store, junk)
        ws = vault.unlock(PASS)
        assert len(ws.moods) == 1
    finally:
        vault.close()


def test_vault_at_revision_0001_upgrades_with_backup_and_nothing_lost(tmp_path):
    """Build a vault as version 0001 of the schema would have, then open it with the current code."""
    from importlib import resources

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    paths = Paths(tmp_path / "old")
    paths.ensure_home()
    engine = create_engine(f"sqlite:///{paths.vault}")
    config = Config()
    config.set_main_option("script_location", str(resources.files("companion_tui.store") / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    engine.dispose()
    with sqlite3.connect(paths.vault) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "journal" not in tables and "checkins" in tables
    # Put a real envelope and a sealed check-in in it, using the 0001 tables only.
    from companion_tui.core.kernel.records import new_id
    from companion_tui.core.moods.checkins import CheckIn
    from companion_tui.vault import Envelope, Sealer

    envelope, key, recovery = format1_envelope(PASS)
    checkin = CheckIn(id=new_id(), version=1, score=5, at=datetime(2025, 5, 1, 20, tzinfo=UTC), note="old")
    blob = Sealer(key).seal("checkins", checkin.id, 1, __import__("json").dumps(checkin.to_payload()).encode())
    with sqlite3.connect(paths.vault) as db:
        db.execute("INSERT INTO meta (key, value) VALUES ('envelope', ?)", (envelope.to_bytes(),))
        db.execute("INSERT INTO checkins (id, version, sealed) VALUES (?, 1, ?)", (checkin.id, blob))

    vault = LockedVault.open(paths)
    try:
        assert vault.store.schema_revision() == HEAD_REVISION
        ws = vault.unlock(PASS)
        assert [c.note for c in ws.moods.newest_first()] == ["old"]
        assert not ws.problems and not ws.warnings
        # The first unlock wrote the ledger and upgraded the key header to the format that promises one.
        assert vault.envelope.format == 2 and vault.envelope.recovery_ad == 1
        assert vault.store.count("ledger") == 2  # the check-in's bucket and the root
    finally:
        vault.close()
    assert (paths.backups / "before-migration-0001.db").exists()
    # Both keys still open it, and the ledger now notices the check-in removed behind its back.
    vault = LockedVault.open(paths)
    try:
        assert Envelope.from_bytes(vault.store.read_meta("envelope")).format == 2
        vault.envelope.unlock_with_recovery(recovery)
        with sqlite3.connect(paths.vault) as db:
            db.execute("DELETE FROM checkins")
        ws = vault.unlock(PASS)
        assert [(p.table, p.record_id) for p in ws.problems] == [("checkins", checkin.id)]
    finally:
        vault.close()


def format1_envelope(passphrase: str):
    """An envelope as vaults written before the ledger have: slots bound to format 1."""
    from dataclasses import replace

    from companion_tui.vault import Envelope
    from companion_tui.vault import envelope as env

    _, key, _ = Envelope.create(passphrase, FLOOR_PARAMS)
    raw = os.urandom(env.RECOVERY_BYTES)
    salt, rec_salt = os.urandom(16), os.urandom(16)
    pass_slot = env._wrap(env.derive_key(passphrase, salt, FLOOR_PARAMS), key, env._pass_ad(1))
    rec_slot = replace(env._wrap(env._recovery_kek(raw, rec_salt), key, env._rec_ad(1)), salt=rec_salt)
    envelope = Envelope(FLOOR_PARAMS, salt, pass_slot, rec_slot, format=1, recovery_ad=1)
    assert Envelope.from_bytes(envelope.to_bytes()) == envelope
    return envelope, key, env.format_recovery_key(raw)
