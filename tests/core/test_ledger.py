"""The sealed version ledger, through the real store and sealer (tests/reliability has the tampering)."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest

from companion_tui.core.kernel.ledger import bucket_of
from companion_tui.core.kernel.records import new_id
from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.store.database import ConflictError
from companion_tui.vault import FLOOR_PARAMS

PASS = "ledger passphrase here"


@pytest.fixture
def made(tmp_path):
    paths = Paths(tmp_path / "home")
    vault, ws, _ = LockedVault.create(paths, PASS, FLOOR_PARAMS)
    yield paths, vault, ws
    vault.close()


def reopen(paths: Paths, vault: LockedVault, ws):
    ws.close()
    vault = LockedVault.open(paths)
    return vault, vault.unlock(PASS)


def ledger_rows(paths: Paths) -> dict[str, int]:
    with sqlite3.connect(paths.vault) as db:
        return dict(db.execute("SELECT id, version FROM ledger"))


def test_bucket_of_spreads_ids_over_256_named_buckets() -> None:
    counts = Counter(bucket_of("checkins", new_id()) for _ in range(20_000))
    assert set(counts) <= {f"b{i:02x}" for i in range(256)}
    assert len(counts) == 256 and max(counts.values()) < 3 * 20_000 / 256
    assert bucket_of("checkins", "x") == bucket_of("checkins", "x")
    assert len({bucket_of(t, "app") for t in ("checkins", "settings", "drafts", "journal")}) > 1


def test_a_new_vault_has_a_root_and_each_save_moves_it_and_one_bucket(made) -> None:
    paths, vault, ws = made
    assert ledger_rows(paths) == {"root": 1}
    c = ws.moods.add(CheckInDraft(score=6, note="first"))
    after_add = ledger_rows(paths)
    assert after_add == {"root": 2, bucket_of("checkins", c.id): 1}
    ws.moods.update(c.id, CheckInDraft(score=7, note="second"))
    assert ledger_rows(paths) == {"root": 3, bucket_of("checkins", c.id): 2}
    ws.moods.delete(c.id)
    assert ledger_rows(paths) == {"root": 4, bucket_of("checkins", c.id): 3}
    vault, ws = reopen(paths, vault, ws)
    assert ws.problems == [] and len(ws.moods) == 0
    ws.close()


def test_several_changes_in_one_transaction_including_delete_then_insert_of_one_id(made) -> None:
    paths, vault, ws = made
    ws.settings.update(theme="nord")
    root_before = ledger_rows(paths)["root"]
    ws.moods.import_many([])  # an empty import writes nothing, not even the root
    assert ledger_rows(paths)["root"] == root_before
    records = ws.records
    rid = new_id()
    draft = {"v": 1, "name": "x", "data": {}, "saved": "2026-01-01T20:00:00+00:00"}
    records.apply([records.change("drafts", rid, 1, draft)])
    records.apply([records.change("drafts", rid, 0, None), records.change("drafts", rid, 1, {**draft, "name": "y"})])
    vault, ws = reopen(paths, vault, ws)
    assert ws.problems == [] and ws.drafts.get("y").data == {} and ws.drafts.get("x") is None
    ws.close()


def test_a_refused_write_leaves_the_ledger_in_step(made) -> None:
    """A write the store refuses (a version conflict) changes neither the file nor the ledger in memory."""
    paths, vault, ws = made
    c = ws.moods.add(CheckInDraft(score=5))
    before = ledger_rows(paths)
    with pytest.raises(ConflictError):
        ws.records.write("checkins", c.id, 5, c.to_payload())  # version 5 follows nothing
    assert ledger_rows(paths) == before
    ws.moods.update(c.id, CheckInDraft(score=8))
    vault, ws = reopen(paths, vault, ws)
    assert ws.problems == [] and [x.score for x in ws.moods.newest_first()] == [8]
    ws.close()


def test_a_record_deleted_from_the_file_is_named_and_the_rest_still_saves(made) -> None:
    paths, vault, ws = made
    kept = ws.moods.add(CheckInDraft(score=4, note="kept"))
    gone = ws.moods.add(CheckInDraft(score=9, note="gone"))
    ws.close()
    with sqlite3.connect(paths.vault) as db:
        db.execute("DELETE FROM checkins WHERE id=?", (gone.id,))
    vault = LockedVault.open(paths)
    ws = vault.unlock(PASS)
    assert [(p.table, p.record_id) for p in ws.problems] == [("checkins", gone.id)]
    assert "removed outside companion" in str(ws.problems[0])
    assert [x.note for x in ws.moods.newest_first()] == ["kept"]
    ws.moods.update(kept.id, CheckInDraft(score=5, note="kept, edited"))  # saving still works
    vault, ws = reopen(paths, vault, ws)
    assert [(p.table, p.record_id) for p in ws.problems] == [("checkins", gone.id)]  # still named: nothing hid it
    assert [x.note for x in ws.moods.newest_first()] == ["kept, edited"]
    ws.close()


def test_every_record_table_is_loaded_at_unlock_and_has_a_name_for_messages(workspace) -> None:
    """The ledger checks (and, when rebuilding, records) only the tables the workspace loads: all of them."""
    from companion_tui.core.kernel.parts import record_types
    from companion_tui.core.workspace import PARTS, record_tables

    loaded = {kind.table for kind in record_types(PARTS)}
    assert loaded == workspace.vault.store.tables() - {"ledger"} == record_tables() - {"ledger"}
    assert all(kind.noun for kind in record_types(PARTS))
    problem = workspace.records.problem("checkins", "a2d720b392608cd6", "is missing")
    assert str(problem) == "check-in a2d720b3… is missing"
    assert str(workspace.records.problem("ledger", "b0a", "is missing")) == "version ledger part b0a… is missing"


def test_a_row_with_an_odd_id_or_version_added_with_sqlite_is_named_not_a_crash(made) -> None:
    paths, vault, ws = made
    c = ws.moods.add(CheckInDraft(score=6))
    ws.close()
    with sqlite3.connect(paths.vault) as db:
        blob = db.execute("SELECT sealed FROM checkins").fetchone()[0]
        db.execute("INSERT INTO checkins (id, version, sealed) VALUES (?, ?, ?)", (123456789012, 1, blob))
        db.execute("INSERT INTO checkins (id, version, sealed) VALUES (?, ?, ?)", (f"{c.id}|1", 1, blob))
    vault = LockedVault.open(paths)
    ws = vault.unlock(PASS)
    assert sorted(str(p.record_id) for p in ws.problems) == sorted(["123456789012", f"{c.id}|1"])
    assert all("not in the vault's ledger" in str(p) for p in ws.problems)
    assert [x.id for x in ws.moods.newest_first()] == [c.id]
    ws.close()
