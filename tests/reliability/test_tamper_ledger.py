"""Tampering with the sealed version ledger itself (core/ledger.py).

The ledger can't be used to hide a rollback: damaging, deleting or putting back its own rows is
reported by ledger row (``ledger/root``, ``ledger/bXX``), every record still opens with exactly the
content it was saved with, nothing is written at unlock, and the next save repairs the ledger so
that the following unlock is clean — and catches a record rolled back after that.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from companion_tui.core.kernel.ledger import bucket_of
from companion_tui.core.workspace import ENVELOPE_KEY, LockedVault

from .support import add_figure, record
from .test_tamper import Key, Pristine, flip, open_copy, pristine, rows, set_blob, verify  # noqa: F401 (fixture)

SEED = 4_242


def _problems(ws) -> set[Key]:
    return {(x.table, x.record_id) for x in ws.problems}


def _raw(paths) -> bytes:
    return paths.vault.read_bytes()


def _roll_back_one_checkin(paths, pristine: Pristine) -> str:
    (_, rid) = next(k for k in sorted(pristine.old_rows) if k[0] == "checkins")
    con = sqlite3.connect(paths.vault)
    con.execute("UPDATE checkins SET version=?, sealed=? WHERE id=?", (*pristine.old_rows[("checkins", rid)], rid))
    con.commit()
    con.close()
    return rid


def _clean_then_catches_a_rollback(paths, pristine: Pristine) -> None:
    """The next unlock reports nothing, and a check-in rolled back after it is named."""
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        assert ws.problems == []
    finally:
        ws.close()
    rid = _roll_back_one_checkin(paths, pristine)
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        assert _problems(ws) == {("checkins", rid)}
    finally:
        ws.close()


def _save_something_and_close(ws) -> None:
    ws.drafts.save("ledger-test", {"note": "a save after the ledger was damaged"})
    ws.drafts.discard("ledger-test")
    ws.close()


def test_damaged_ledger_rows_are_named_records_still_open_and_the_next_save_repairs(
    tmp_path: Path, pristine: Pristine
) -> None:
    rng = random.Random(SEED)
    paths = pristine.copy(tmp_path / "flipped")
    con = sqlite3.connect(paths.vault)
    ledger = rows(con, "ledger")
    buckets = rng.sample(sorted(set(ledger) - {"root"}), 5)
    for rid in ["root", *buckets]:
        blob = ledger[rid][1]
        set_blob(con, "ledger", rid, flip(blob, 0, len(blob), rng))
    con.commit()
    con.close()
    tampered = {("ledger", rid) for rid in ["root", *buckets]}
    before = _raw(paths)
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        problems = verify(ws, pristine, tampered)
        assert problems == tampered
        assert len(ws.moods) == len(pristine.checkins)
    finally:
        ws.vault.store.checkpoint()
    assert _raw(paths) == before, "unlocking wrote to the vault"
    _save_something_and_close(ws)
    _clean_then_catches_a_rollback(paths, pristine)
    add_figure("tamper.cases_total", len(tampered))
    add_figure("tamper.cases_detected", len(tampered & problems))
    record("tamper.ledger.damaged_rows_named", f"{len(tampered & problems)}/{len(tampered)}")


def test_ledger_deleted_is_named_rebuilt_and_catches_the_next_rollback(tmp_path: Path, pristine: Pristine) -> None:
    paths = pristine.copy(tmp_path / "deleted")
    con = sqlite3.connect(paths.vault)
    con.execute("DELETE FROM ledger")
    con.commit()
    con.close()
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        assert verify(ws, pristine, {("ledger", "root")}) == {("ledger", "root")}
        assert "missing" in ws.problems[0].reason
        assert len(ws.moods) == len(pristine.checkins)
    finally:
        ws.close()
    _clean_then_catches_a_rollback(paths, pristine)  # rebuilt at that unlock
    record("tamper.ledger.deleted_named", "1/1")


def test_promise_of_a_ledger_cannot_be_stripped(tmp_path: Path, pristine: Pristine) -> None:
    """Deleting the ledger *and* marking the key header as an old, ledger-less format doesn't make a
    rollback pass: the header's slots are bound to their format, so the passphrase no longer opens it."""
    from companion_tui.vault import WrongPassphrase

    paths = pristine.copy(tmp_path / "stripped")
    con = sqlite3.connect(paths.vault)
    header = con.execute("SELECT value FROM meta WHERE key=?", (ENVELOPE_KEY,)).fetchone()[0]
    con.execute("UPDATE meta SET value=? WHERE key=?", (header[:4] + b"\x01" + header[5:], ENVELOPE_KEY))
    con.execute("DELETE FROM ledger")
    con.commit()
    con.close()
    vault = LockedVault.open(paths)
    try:
        try:
            vault.unlock(pristine.mv.passphrase)
        except WrongPassphrase:
            pass
        else:  # pragma: no cover - the assertion below explains
            raise AssertionError("a downgraded header still unlocked")
    finally:
        vault.close()


def test_bucket_put_back_with_its_rows_is_named(tmp_path: Path, pristine: Pristine) -> None:
    """Rolling back a record *and* the ledger bucket that lists it: the bucket disagrees with the
    root and is named; the save after repairs it."""
    paths = pristine.copy(tmp_path / "bucket")
    ws = open_copy(paths, pristine.mv.passphrase)
    cid = sorted(pristine.checkins)[0]
    bid = bucket_of("checkins", cid)
    con = sqlite3.connect(paths.vault)
    old_bucket = rows(con, "ledger")[bid]
    old_row = rows(con, "checkins")[cid]
    con.close()
    from .support import random_draft

    ws.moods.update(cid, random_draft(random.Random(SEED)))
    ws.close()
    con = sqlite3.connect(paths.vault)
    con.execute("UPDATE ledger SET version=?, sealed=? WHERE id=?", (*old_bucket, bid))
    con.execute("UPDATE checkins SET version=?, sealed=? WHERE id=?", (*old_row, cid))
    con.commit()
    con.close()
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        assert _problems(ws) == {("ledger", bid)}
        assert "older version" in ws.problems[0].reason
    finally:
        _save_something_and_close(ws)
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        assert ws.problems == []
    finally:
        ws.close()
    record("tamper.ledger.bucket_rolled_back_with_rows_named", "1/1 (by ledger bucket)")
