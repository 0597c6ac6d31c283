"""The SQLite store: file modes, durability pragmas, the lock, migrations, backups."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from companion_tui.paths import DataFolderError, Paths
from companion_tui.store.database import (
    HEAD_REVISION,
    Change,
    ConflictError,
    NewerSchema,
    NotAVaultFile,
    Store,
    VaultBusy,
)
from companion_tui.store.lock import VaultLock


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def store(paths: Paths):
    paths.ensure_home()
    s = Store.open(paths.vault, create=True, lock_path=paths.lock)
    yield s
    if s._lock.held:
        s.close()


def insert(table: str, record_id: str, blob: bytes = b"\x01" * 40) -> Change:
    return Change("insert", table, record_id, 1, blob)


def test_files_are_private_even_with_a_permissive_umask(paths: Paths) -> None:
    old = os.umask(0)
    try:
        paths.ensure_home()
        s = Store.open(paths.vault, create=True, lock_path=paths.lock)
        try:
            s.apply([insert("checkins", "a")])
            names = {p.name: mode(p) for p in paths.home.iterdir()}
        finally:
            s.close()
    finally:
        os.umask(old)

    assert mode(paths.home) == 0o700
    assert {"vault.db", "vault.db-wal", "vault.db-shm", "vault.lock"} <= set(names)
    assert set(names.values()) == {0o600}


def test_an_existing_folder_is_tightened(paths: Paths) -> None:
    paths.home.mkdir(mode=0o755)
    os.chmod(paths.home, 0o755)

    paths.ensure_home()

    assert mode(paths.home) == 0o700


def test_missing_parent_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFolderError, match="parent folder does not exist"):
        Paths(tmp_path / "no" / "home").ensure_home()
    assert not (tmp_path / "no").exists()


def test_every_connection_is_wal_full_and_secure_delete(store: Store) -> None:
    with store._engine.connect() as one, store._engine.connect() as two:
        for conn in (one, two):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY


def test_a_second_instance_gets_a_clear_message(store: Store, paths: Paths) -> None:
    with pytest.raises(VaultBusy, match="already open in another terminal"):
        Store.open(paths.vault, lock_path=paths.lock)
    store.close()

    again = Store.open(paths.vault, lock_path=paths.lock)  # released on close
    again.close()


def test_migration_from_an_empty_file(paths: Paths) -> None:
    paths.ensure_home()
    paths.vault.touch(mode=0o600)

    s = Store.open(paths.vault, create=True, lock_path=paths.lock)
    try:
        assert s.schema_revision() == HEAD_REVISION
    finally:
        s.close()

    with sqlite3.connect(paths.vault) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        (version,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
        columns = [r[1] for r in db.execute("PRAGMA table_info(checkins)")]
    db.close()
    assert {"meta", "checkins", "drafts", "settings", "alembic_version"} <= tables
    assert version == HEAD_REVISION
    assert columns == ["id", "version", "sealed"]


def test_create_refuses_an_existing_vault(store: Store, paths: Paths) -> None:
    store.close()
    with pytest.raises(Exception, match="already exists"):
        Store.open(paths.vault, create=True, lock_path=paths.lock)


def test_an_unknown_newer_revision_is_refused(store: Store, paths: Paths) -> None:
    store.close()
    with sqlite3.connect(paths.vault) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")
    db.close()

    with pytest.raises(NewerSchema, match="newer version"):
        Store.open(paths.vault, lock_path=paths.lock)

    lock = VaultLock(paths.lock)
    lock.acquire()  # the failed open released its lock
    lock.release()
    assert not (paths.backups).exists()  # nothing was migrated, so nothing was backed up


def test_a_sqlite_file_without_our_schema_is_not_a_vault(paths: Paths) -> None:
    paths.ensure_home()
    with sqlite3.connect(paths.vault) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
    db.close()

    with pytest.raises(NotAVaultFile):
        Store.open(paths.vault, lock_path=paths.lock)


def test_apply_is_all_or_nothing(store: Store) -> None:
    store.apply([insert("checkins", "a")])

    with pytest.raises(ConflictError):
        store.apply([insert("checkins", "b"), Change("update", "checkins", "a", 5, b"\x02" * 40)])

    assert [(r.id, r.version) for r in store.rows("checkins")] == [("a", 1)]


def test_updates_bump_versions_and_deletes_remove(store: Store) -> None:
    store.apply([insert("drafts", "d")])
    store.apply([Change("update", "drafts", "d", 2, b"\x03" * 40)])
    assert [(r.version, r.sealed) for r in store.rows("drafts")] == [(2, b"\x03" * 40)]

    store.apply([Change("delete", "drafts", "d")])
    assert store.count("drafts") == 0


def test_backup_is_a_valid_private_copy(store: Store, paths: Paths) -> None:
    store.write_meta("envelope", b"header")
    store.apply([insert("checkins", f"id{i}") for i in range(20)])
    dest = paths.backups / "copy.db"

    store.backup_to(dest)

    assert mode(dest) == 0o600 and mode(paths.backups) == 0o700
    assert [p.name for p in paths.backups.iterdir()] == ["copy.db"]
    with sqlite3.connect(dest) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM checkins").fetchone() == (20,)
        assert db.execute("SELECT value FROM meta").fetchone() == (b"header",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    db.close()
    copy = Store.open(dest, lock_path=dest.with_suffix(".lock"))
    try:
        assert copy.count("checkins") == 20 and copy.integrity_check() == "ok"
    finally:
        copy.close()


def test_close_checkpoints_the_wal(store: Store, paths: Paths) -> None:
    store.apply([insert("checkins", "a")])
    wal = paths.home / "vault.db-wal"
    assert wal.exists() and wal.stat().st_size > 0

    store.close()

    assert not wal.exists() or wal.stat().st_size == 0
    with sqlite3.connect(f"file:{paths.vault}?mode=ro", uri=True) as db:
        assert db.execute("SELECT id FROM checkins").fetchall() == [("a",)]
    db.close()
