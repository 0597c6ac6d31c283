"""Tamper detection on a closed vault of more than 1,000 records, changed with sqlite3 directly.

Every tampered record must show up in ``ws.problems`` by table and id; every record that does open
must hold exactly the content it was saved with (never a wrong plaintext); every untouched record
must still open; and nothing may raise anything but the project's own clear errors.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from companion_tui.core.kernel.records import new_id
from companion_tui.core.moods.checkins import CheckIn
from companion_tui.core.workspace import ENVELOPE_KEY, LockedVault, Workspace
from companion_tui.paths import Paths
from companion_tui.vault import FLOOR_PARAMS, Envelope, VaultError
from companion_tui.vault.seal import NONCE_BYTES, TAG_BYTES

from .support import (
    EMOTIONS,
    PROJECT_ERRORS,
    TAGS,
    WORDS,
    MadeVault,
    add_figure,
    create_vault,
    fields_of,
    record,
    scale,
)

SEED = 7_777
N_CHECKINS = 1_200
N_DRAFTS = 40
Key = tuple[str, str]  # (table, id)


@dataclass
class Pristine:
    folder: Path
    mv: MadeVault
    checkins: dict[str, tuple[int, dict]]
    drafts: dict[str, tuple[str, int, dict]]  # id -> (name, version, data)
    settings: tuple[int, dict]
    old_rows: dict[Key, tuple[int, bytes]]  # (table, id) -> an older (version, sealed)
    deleted_rows: dict[Key, tuple[int, bytes]]  # rows the app deleted: their last (version, sealed)

    @property
    def db(self) -> Path:
        return self.mv.paths.vault

    def copy(self, dest: Path) -> Paths:
        dest.mkdir(mode=0o700)
        shutil.copyfile(self.db, dest / "vault.db")
        return Paths(dest)


def _checkin(rng: random.Random, now: datetime) -> CheckIn:
    at = (now - timedelta(minutes=rng.randint(0, 60 * 24 * 3650))).replace(microsecond=0)
    return CheckIn(
        id=new_id(), version=1, score=rng.randint(1, 10), at=at,
        emotions=tuple(rng.sample(EMOTIONS, rng.randint(0, 3))), energy=rng.choice([None, 1, 2, 3, 4, 5]),
        trigger=" ".join(rng.choices(WORDS, k=rng.randint(0, 8))),
        response=" ".join(rng.choices(WORDS, k=rng.randint(0, 8))),
        tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
        note=" ".join(rng.choices(WORDS, k=rng.choice([0, 5, 40, 300]))) + f" #{rng.getrandbits(40):x}",
        created=at, updated=at,
    )


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    rng = random.Random(SEED)
    folder = tmp_path_factory.mktemp("tamper")
    from companion_tui.vault import envelope as envelope_mod

    saved_default = envelope_mod.DEFAULT_PARAMS
    envelope_mod.DEFAULT_PARAMS = FLOOR_PARAMS
    try:
        mv, ws = create_vault(folder / "pristine")
        now = datetime.now(UTC).astimezone()
        ws.moods.import_many(_checkin(rng, now) for _ in range(N_CHECKINS))
        for i in range(N_DRAFTS):
            ws.drafts.save(f"mood-edit:{i}", {"note": " ".join(rng.choices(WORDS, k=20)), "score": i % 10 + 1})
        ws.settings.update(theme="textual-light")
        store = ws.vault.store
        v1 = {("checkins", r.id): (r.version, r.sealed) for r in store.rows("checkins")}
        v1.update({("drafts", r.id): (r.version, r.sealed) for r in store.rows("drafts")})
        v1.update({("settings", r.id): (r.version, r.sealed) for r in store.rows("settings")})
        # Update some records so that older versions exist to be put back.
        ids = sorted(c.id for c in ws.moods.newest_first())
        updated = rng.sample(ids, 120)
        from .support import random_draft

        for i, cid in enumerate(updated):
            ws.moods.update(cid, random_draft(rng))
            if i % 3 == 0:
                ws.moods.update(cid, random_draft(rng))
        for i in range(20):
            ws.drafts.save(f"mood-edit:{i}", {"note": "second version", "score": 3})
        ws.settings.update(theme="textual-dark", auto_lock_minutes=5)
        versions = _current_versions(store)
        old_rows = {k: v for k, v in v1.items() if k in versions and versions[k] != v[0]}
        # Delete some so that a deleted row can be put back.
        deleted: dict[Key, tuple[int, bytes]] = {}
        current = {("checkins", r.id): (r.version, r.sealed) for r in store.rows("checkins")}
        for cid in rng.sample(sorted(set(ids) - set(updated)), 20):
            deleted[("checkins", cid)] = current[("checkins", cid)]
            ws.moods.delete(cid)
        checkins = {c.id: (c.version, fields_of(c)) for c in ws.moods.newest_first()}
        drafts = {d.id: (d.name, d.version, d.data) for d in ws.drafts.all()}
        settings = (ws.settings.version, vars(ws.settings.value).copy())
        ws.close()
    finally:
        envelope_mod.DEFAULT_PARAMS = saved_default
    assert not (folder / "pristine" / "vault.db-wal").exists() or (folder / "pristine" / "vault.db-wal").stat().st_size == 0
    assert len(checkins) >= 1_000
    return Pristine(folder, mv, checkins, drafts, settings, old_rows, deleted)


def _current_versions(store) -> dict[Key, int]:
    out = {}
    for table in ("checkins", "drafts", "settings"):
        out.update({(table, r.id): r.version for r in store.rows(table)})
    return out


# -- checking one opened copy -----------------------------------------------------------------------


def assert_clear(exc: BaseException) -> None:
    """A project error with a message fit for a person (no SQL, no traceback, no SQLAlchemy noise)."""
    assert isinstance(exc, PROJECT_ERRORS), f"unexpected {type(exc).__name__}: {exc}"
    msg = str(exc)
    assert msg.strip(), f"{type(exc).__name__} without a message"
    for noise in ("Background on this error", "sqlite3.", "Traceback", "SELECT ", "INSERT "):
        assert noise not in msg, msg
    assert len(msg) < 400, msg


def open_copy(paths: Paths, passphrase: str) -> Workspace:
    vault = LockedVault.open(paths)
    try:
        return vault.unlock(passphrase)
    except BaseException:
        vault.close()
        raise


def verify(ws: Workspace, p: Pristine, tampered: set[Key], removed: set[Key] = frozenset()) -> set[Key]:
    """Check an opened tampered copy; return the set of (table, id) reported as problems."""
    problems = {(x.table, x.record_id) for x in ws.problems}
    false_alarms = problems - tampered
    assert not false_alarms, f"untouched records reported as tampered: {sorted(false_alarms)[:5]}"
    # Never a wrong plaintext: everything that opened is exactly what was saved under that id.
    for c in ws.moods.newest_first():
        assert p.checkins.get(c.id) == (c.version, fields_of(c)), f"wrong plaintext for check-in {c.id}"
    for d in ws.drafts.all():
        assert p.drafts.get(d.id) == (d.name, d.version, d.data), f"wrong plaintext for draft {d.id}"
    # Untouched records still open.
    opened = {c.id for c in ws.moods.newest_first()}
    for cid in p.checkins:
        key = ("checkins", cid)
        if key not in tampered and key not in removed:
            assert cid in opened, f"untouched check-in {cid} did not open"
    opened_drafts = {d.id for d in ws.drafts.all()}
    for did in p.drafts:
        key = ("drafts", did)
        if key not in tampered and key not in removed:
            assert did in opened_drafts, f"untouched draft {did} did not open"
    if ("settings", "app") not in tampered | set(removed):
        assert (ws.settings.version, vars(ws.settings.value)) == p.settings
    return problems


@dataclass
class Tally:
    total: Counter = field(default_factory=Counter)
    detected: Counter = field(default_factory=Counter)

    def add(self, kind: str, keys: set[Key], problems: set[Key]) -> None:
        self.total[kind] += len(keys)
        self.detected[kind] += len(keys & problems)


TALLY = Tally()
REMOVED = "_removed"


def run_batch(tmp_path: Path, p: Pristine, name: str, tamper: Callable[[sqlite3.Connection, random.Random], dict[str, set[Key]]],
              seed: int) -> dict[str, set[Key]]:
    """Apply one batch of tampers (each to its own records) to a fresh copy, open it, check it.

    ``tamper`` returns {kind: {(table, id), ...}}; the special kind ``REMOVED`` lists rows that no
    longer exist where they were (renamed or moved away), which are not expected to open."""
    rng = random.Random(seed)
    paths = p.copy(tmp_path / name)
    con = sqlite3.connect(paths.vault)
    try:
        cases = tamper(con, rng)
        con.commit()
    finally:
        con.close()
    removed = cases.pop(REMOVED, set())
    if removed:  # rows renamed or moved away: the ledger names each as missing where it was
        cases["removed:named-as-missing"] = removed
    tampered = set().union(*cases.values())
    ws = open_copy(paths, p.mv.passphrase)
    try:
        problems = verify(ws, p, tampered, removed)
    finally:
        ws.close()
    for kind, keys in cases.items():
        TALLY.add(kind, keys, problems)
        missed = keys - problems
        assert not missed, f"{kind}: {len(missed)} of {len(keys)} tampered records not reported: {sorted(missed)[:3]}"
    return cases


# -- helpers on raw rows ----------------------------------------------------------------------------------


def rows(con: sqlite3.Connection, table: str) -> dict[str, tuple[int, bytes]]:
    return {r[0]: (r[1], r[2]) for r in con.execute(f"SELECT id, version, sealed FROM {table}")}


def set_blob(con: sqlite3.Connection, table: str, rid: str, blob: object) -> None:
    con.execute(f"UPDATE {table} SET sealed = ? WHERE id = ?", (blob, rid))


def flip(blob: bytes, lo: int, hi: int, rng: random.Random) -> bytes:
    """Flip one random bit in blob[lo:hi]."""
    b = bytearray(blob)
    i = rng.randrange(lo, hi)
    b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def pick(rng: random.Random, pool: list[str], n: int, used: set[str]) -> list[str]:
    free = [x for x in pool if x not in used]
    out = rng.sample(free, n)
    used.update(out)
    return out


REGIONS = {
    "bitflip:format": lambda blob: (0, 1),
    "bitflip:nonce": lambda blob: (1, 1 + NONCE_BYTES),
    "bitflip:ciphertext": lambda blob: (1 + NONCE_BYTES, len(blob) - TAG_BYTES),
    "bitflip:tag": lambda blob: (len(blob) - TAG_BYTES, len(blob)),
}


# -- the tests ----------------------------------------------------------------------------------------------


def test_bit_flips_in_every_part_of_the_blob(tmp_path: Path, pristine: Pristine) -> None:
    per_region = scale(120, 400)
    per_region_drafts = 2

    def tamper(con: sqlite3.Connection, rng: random.Random) -> dict[str, set[Key]]:
        cases: dict[str, set[Key]] = {}
        used: set[str] = set()
        ck, dr = rows(con, "checkins"), rows(con, "drafts")
        for kind, region in REGIONS.items():
            keys: set[Key] = set()
            for rid in pick(rng, sorted(ck), min(per_region, len(ck) // 5), used):
                blob = ck[rid][1]
                set_blob(con, "checkins", rid, flip(blob, *region(blob), rng))
                keys.add(("checkins", rid))
            for rid in pick(rng, sorted(dr), per_region_drafts, used):
                blob = dr[rid][1]
                set_blob(con, "drafts", rid, flip(blob, *region(blob), rng))
                keys.add(("drafts", rid))
            cases[kind] = keys
        blob = rows(con, "settings")["app"][1]
        set_blob(con, "settings", "app", flip(blob, 1 + NONCE_BYTES, len(blob), rng))
        cases["bitflip:settings"] = {("settings", "app")}
        return cases

    rounds = scale(1, 3)
    for r in range(rounds):
        run_batch(tmp_path, pristine, f"flips{r}", tamper, SEED + r)


def test_damaged_blobs_versions_and_ids(tmp_path: Path, pristine: Pristine) -> None:
    n = scale(1, 4)

    def tamper(con: sqlite3.Connection, rng: random.Random) -> dict[str, set[Key]]:
        ck = rows(con, "checkins")
        ids = sorted(ck)
        used: set[str] = set()
        cases: dict[str, set[Key]] = {}

        def each(kind: str, count: int, fn: Callable[[str, int, bytes], str | None]) -> None:
            keys = set()
            for rid in pick(rng, ids, count * n, used):
                new_rid = fn(rid, *ck[rid]) or rid
                keys.add(("checkins", new_rid))
            cases[kind] = keys

        each("blob:truncated", 15, lambda rid, v, b: set_blob(con, "checkins", rid, b[: rng.randrange(len(b))]))
        each("blob:extended", 10, lambda rid, v, b: set_blob(con, "checkins", rid, b + os.urandom(rng.randint(1, 64))))
        each("blob:random-same-length", 10, lambda rid, v, b: set_blob(con, "checkins", rid, os.urandom(len(b))))
        each("blob:random-with-format-byte", 10,
             lambda rid, v, b: set_blob(con, "checkins", rid, b[:1] + os.urandom(len(b) - 1)))
        each("blob:empty", 3, lambda rid, v, b: set_blob(con, "checkins", rid, b""))
        each("blob:stored-as-text", 3, lambda rid, v, b: set_blob(con, "checkins", rid, b.hex()))
        each("blob:stored-as-integer", 3, lambda rid, v, b: set_blob(con, "checkins", rid, 123456789))
        each("blob:stored-as-real", 3, lambda rid, v, b: set_blob(con, "checkins", rid, 2.5))

        def set_version(rid: str, value: object) -> None:
            con.execute("UPDATE checkins SET version = ? WHERE id = ?", (value, rid))

        each("version:+1", 8, lambda rid, v, b: set_version(rid, v + 1))
        each("version:-1", 8, lambda rid, v, b: set_version(rid, v - 1))
        each("version:large", 4, lambda rid, v, b: set_version(rid, 2**62))
        each("version:text", 4, lambda rid, v, b: set_version(rid, "two"))
        each("version:real", 4, lambda rid, v, b: set_version(rid, v + 0.5))

        gone: set[Key] = set()
        cases[REMOVED] = gone

        def rename(rid: str, v: int, b: bytes) -> str:
            new = new_id()
            con.execute("UPDATE checkins SET id = ? WHERE id = ?", (new, rid))
            gone.add(("checkins", rid))
            return new

        each("id:renamed", 8, rename)

        def renamed_case(rid: str, v: int, b: bytes) -> str:
            new = rid.upper()
            con.execute("UPDATE checkins SET id = ? WHERE id = ?", (new, rid))
            gone.add(("checkins", rid))
            return new

        each("id:changed-case", 4, renamed_case)
        return cases

    run_batch(tmp_path, pristine, "damage", tamper, SEED + 10)


def test_blobs_swapped_and_copied_between_rows_and_tables(tmp_path: Path, pristine: Pristine) -> None:
    n = scale(1, 4)

    def tamper(con: sqlite3.Connection, rng: random.Random) -> dict[str, set[Key]]:
        ck, dr = rows(con, "checkins"), rows(con, "drafts")
        used: set[str] = set()
        cases: dict[str, set[Key]] = {}

        keys = set()
        for _ in range(12 * n):
            a, b = pick(rng, sorted(ck), 2, used)
            set_blob(con, "checkins", a, ck[b][1])
            set_blob(con, "checkins", b, ck[a][1])
            keys |= {("checkins", a), ("checkins", b)}
        cases["swap:blobs-between-rows"] = keys

        keys = set()
        for _ in range(6 * n):
            a, b = pick(rng, sorted(ck), 2, used)
            con.execute("UPDATE checkins SET version=?, sealed=? WHERE id=?", (ck[b][0], ck[b][1], a))
            con.execute("UPDATE checkins SET version=?, sealed=? WHERE id=?", (ck[a][0], ck[a][1], b))
            keys |= {("checkins", a), ("checkins", b)}
        cases["swap:version+blob-between-rows"] = keys

        keys = set()
        for _ in range(10 * n):
            a, b = pick(rng, sorted(ck), 2, used)
            set_blob(con, "checkins", b, ck[a][1])  # a keeps its own blob
            keys.add(("checkins", b))
        cases["copy:blob-into-another-row"] = keys

        keys = set()
        used_d: set[str] = set()
        for _ in range(5):
            (a,) = pick(rng, sorted(ck), 1, used)
            (d,) = pick(rng, sorted(dr), 1, used_d)
            set_blob(con, "checkins", a, dr[d][1])
            set_blob(con, "drafts", d, ck[a][1])
            keys |= {("checkins", a), ("drafts", d)}
        cases["swap:blobs-checkins<->drafts"] = keys

        keys = set()
        gone: set[Key] = set()
        cases[REMOVED] = gone
        for _ in range(5):
            (a,) = pick(rng, sorted(ck), 1, used)
            con.execute("DELETE FROM checkins WHERE id=?", (a,))
            con.execute("INSERT INTO drafts (id, version, sealed) VALUES (?,?,?)", (a, *ck[a]))
            keys.add(("drafts", a))
            gone.add(("checkins", a))
        for _ in range(3):
            (d,) = pick(rng, sorted(dr), 1, used_d)
            con.execute("DELETE FROM drafts WHERE id=?", (d,))
            con.execute("INSERT INTO checkins (id, version, sealed) VALUES (?,?,?)", (d, *dr[d]))
            keys.add(("checkins", d))
            gone.add(("drafts", d))
        (a,) = pick(rng, sorted(ck), 1, used)
        con.execute("INSERT INTO settings (id, version, sealed) VALUES (?,?,?)", (a, *ck[a]))
        keys.add(("settings", a))
        cases["move:whole-row-to-another-table"] = keys

        keys = set()
        st = rows(con, "settings")["app"]
        (a,) = pick(rng, sorted(ck), 1, used)
        con.execute("UPDATE settings SET version=?, sealed=? WHERE id='app'", ck[a])
        keys.add(("settings", "app"))
        con.execute("INSERT INTO checkins (id, version, sealed) VALUES (?,?,?)", ("app", *st))
        keys.add(("checkins", "app"))
        cases["swap:settings<->checkin"] = keys
        return cases

    run_batch(tmp_path, pristine, "swaps", tamper, SEED + 20)


def test_older_blob_put_back(tmp_path: Path, pristine: Pristine) -> None:
    """An older sealed blob restored over a newer row (version left as it is) fails to open."""

    def tamper(con: sqlite3.Connection, rng: random.Random) -> dict[str, set[Key]]:
        cases: dict[str, set[Key]] = {}
        for table in ("checkins", "drafts", "settings"):
            keys = set()
            for (t, rid), (_v, blob) in sorted(pristine.old_rows.items()):
                if t == table:
                    set_blob(con, table, rid, blob)
                    keys.add((table, rid))
            cases[f"rollback:older-blob-only:{table}"] = keys
        assert cases["rollback:older-blob-only:checkins"] and cases["rollback:older-blob-only:settings"]
        return cases

    run_batch(tmp_path, pristine, "rollback", tamper, SEED + 30)


def test_rows_rolled_back_removed_or_resurrected_are_named(tmp_path: Path, pristine: Pristine) -> None:
    """A whole row put back (its older version *with* its older blob), a row deleted, and a deleted
    row inserted again are each authentic per record; the sealed version ledger names every one,
    opens none of them, and leaves everything else as it was."""
    rng = random.Random(SEED + 40)
    paths = pristine.copy(tmp_path / "rollback-rows")
    con = sqlite3.connect(paths.vault)
    rolled = {k for k in sorted(pristine.old_rows) if k[0] in ("checkins", "drafts", "settings")}
    for table, rid in sorted(rolled):
        con.execute(f"UPDATE {table} SET version=?, sealed=? WHERE id=?", (*pristine.old_rows[(table, rid)], rid))
    removed = {("checkins", rid) for rid in rng.sample(sorted(set(pristine.checkins) - {r for _, r in rolled}), 30)}
    removed |= {("drafts", rid) for rid in rng.sample(sorted(set(pristine.drafts) - {r for _, r in rolled}), 5)}
    for table, rid in sorted(removed):
        con.execute(f"DELETE FROM {table} WHERE id=?", (rid,))
    resurrected = set(pristine.deleted_rows)
    for table, rid in sorted(resurrected):
        con.execute(f"INSERT INTO {table} (id, version, sealed) VALUES (?,?,?)", (rid, *pristine.deleted_rows[(table, rid)]))
    con.commit()
    con.close()
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        problems = verify(ws, pristine, rolled | removed | resurrected, removed)
        opened = {c.id for c in ws.moods.newest_first()} | {d.id for d in ws.drafts.all()}
        assert not opened & {rid for _, rid in rolled | resurrected}  # none of them opened
        reasons = {(x.table, x.record_id): x.reason for x in ws.problems}
        assert all("older version" in reasons[k] for k in rolled)
        assert all("removed outside companion" in reasons[k] for k in removed)
        assert all("not in the vault's ledger" in reasons[k] for k in resurrected)
    finally:
        ws.close()
    for kind, keys in (("rollback:whole-row", rolled), ("removed:row-deleted", removed),
                       ("resurrected:deleted-row-inserted", resurrected)):
        TALLY.add(kind, keys, problems)
    assert len(rolled) >= 100 and len(resurrected) == 20


def test_rollback_detection(tmp_path: Path, pristine: Pristine) -> None:
    """The plainest case: one check-in's row put back to its previous version, named by record."""
    paths = pristine.copy(tmp_path / "rollback-full")
    con = sqlite3.connect(paths.vault)
    (table, rid) = next(k for k in sorted(pristine.old_rows) if k[0] == "checkins")
    con.execute("UPDATE checkins SET version=?, sealed=? WHERE id=?", (*pristine.old_rows[(table, rid)], rid))
    con.commit()
    con.close()
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        assert [(x.table, x.record_id) for x in ws.problems] == [("checkins", rid)]
        assert rid not in {c.id for c in ws.moods.newest_first()}
        assert len(ws.moods) == len(pristine.checkins) - 1
    finally:
        ws.close()


def test_truncated_file(tmp_path: Path, pristine: Pristine) -> None:
    size = pristine.db.stat().st_size
    page = 4096
    lengths = sorted({0, 1, 15, 16, 99, 100, 101, 512, page - 1, page, page + 1, 2 * page, 3 * page,
                      size // 4, size // 2, 3 * size // 4, size - page, size - 1})
    rng = random.Random(SEED + 50)
    lengths += sorted(rng.sample(range(1, size), scale(6, 60)))
    clear_errors = opened_intact = opened_reported = 0
    everything = {("checkins", c) for c in pristine.checkins} | {("drafts", d) for d in pristine.drafts}
    everything.add(("settings", "app"))
    for i, length in enumerate(lengths):
        paths = pristine.copy(tmp_path / f"trunc{i}")
        with open(paths.vault, "r+b") as fh:
            fh.truncate(length)
        try:
            ws = open_copy(paths, pristine.mv.passphrase)
        except Exception as exc:
            assert_clear(exc)
            clear_errors += 1
            continue
        try:
            # It opened: whatever opens is exactly right, and whatever doesn't is reported by
            # record — nothing silently missing.
            problems = verify(ws, pristine, everything, removed=everything)
            opened = {("checkins", c.id) for c in ws.moods.newest_first()}
            opened |= {("drafts", d.id) for d in ws.drafts.all()}
            opened |= {("settings", "app")} if ("settings", "app") not in problems else set()
            silently_missing = everything - opened - problems
            assert not silently_missing, f"truncated at {length}: {len(silently_missing)} records vanished unreported"
            if problems:
                opened_reported += 1
            else:
                opened_intact += 1
        finally:
            ws.close()
    record("tamper.truncate.lengths_tried", len(lengths))
    record("tamper.truncate.refused_with_clear_error", clear_errors)
    record("tamper.truncate.opened_damage_reported_by_record", opened_reported)
    record("tamper.truncate.opened_intact", opened_intact)
    add_figure("tamper.cases_total", len(lengths))
    add_figure("tamper.cases_detected", clear_errors + opened_reported + opened_intact)


def test_envelope_in_meta_corrupted(tmp_path: Path, pristine: Pristine) -> None:
    """Any change to the key envelope: a clear VaultError/StoreError, or (a change in the recovery
    slot only) the passphrase still opens everything correctly and the recovery key clearly fails."""
    src = sqlite3.connect(pristine.db)
    header = src.execute("SELECT value FROM meta WHERE key=?", (ENVELOPE_KEY,)).fetchone()[0]
    src.close()
    other, _key, _rec = Envelope.create("another vault's passphrase", FLOOR_PARAMS)
    rng = random.Random(SEED + 60)
    variants: list[tuple[str, object]] = [
        ("deleted", None),
        ("empty", b""),
        ("as-text", header.decode("latin-1")),
        ("format-1 (a downgrade: the slots are bound to format 2)", header[:4] + b"\x01" + header[5:]),
        ("format-3", header[:4] + b"\x03" + header[5:]),
        ("format-0", header[:4] + b"\x00" + header[5:]),
        ("downgraded-kdf", header.replace(b'"m":65536', b'"m":1024')),
        ("other-vaults-envelope", other.to_bytes()),
        ("random", os.urandom(len(header))),
        ("huge", header + b" " * 70_000),
    ]
    variants += [(f"truncated@{n}", header[:n]) for n in sorted(rng.sample(range(1, len(header)), scale(5, 30)))]
    for _ in range(scale(16, 150)):
        variants.append(("bitflip", flip(header, 0, len(header), rng)))
    outcomes: Counter = Counter()
    for i, (kind, value) in enumerate(variants):
        paths = pristine.copy(tmp_path / f"env{i}")
        con = sqlite3.connect(paths.vault)
        if value is None:
            con.execute("DELETE FROM meta WHERE key=?", (ENVELOPE_KEY,))
        else:
            con.execute("UPDATE meta SET value=? WHERE key=?", (value, ENVELOPE_KEY))
        con.commit()
        con.close()
        try:
            ws = open_copy(paths, pristine.mv.passphrase)
        except Exception as exc:
            assert_clear(exc)
            outcomes[f"refused:{type(exc).__name__}"] += 1
            continue
        try:
            verify(ws, pristine, set())
            assert ws.problems == [] and len(ws.moods) == len(pristine.checkins)
            outcomes["opened-intact"] += 1
        finally:
            ws.close()
        # It opened with the passphrase: the change must have been in the recovery slot.
        vault = LockedVault.open(paths)
        try:
            with pytest.raises(VaultError) as info:
                vault.unlock_with_recovery(pristine.mv.recovery_key)
            assert_clear(info.value)
        finally:
            vault.close()
    # Another vault's envelope opened with *its* passphrase: a key that opens nothing.
    paths = pristine.copy(tmp_path / "env-other")
    con = sqlite3.connect(paths.vault)
    con.execute("UPDATE meta SET value=? WHERE key=?", (other.to_bytes(), ENVELOPE_KEY))
    con.commit()
    con.close()
    ws = open_copy(paths, "another vault's passphrase")
    try:
        assert len(ws.moods) == 0 and len(ws.drafts.all()) == 0
        every = set(pristine.checkins) | set(pristine.drafts) | {"app"}
        assert {x.record_id for x in ws.problems if x.table != "ledger"} == every
        assert ("ledger", "root") in {(x.table, x.record_id) for x in ws.problems}
    finally:
        ws.close()
    record("tamper.envelope.variants", len(variants) + 1)
    record("tamper.envelope.outcomes", dict(sorted(outcomes.items())))
    add_figure("tamper.cases_total", len(variants) + 1)
    add_figure("tamper.cases_detected", sum(v for k, v in outcomes.items() if k.startswith("refused")) + 1
               + outcomes["opened-intact"])


def test_damaged_settings_record_can_be_replaced(tmp_path: Path, pristine: Pristine) -> None:
    """A settings record that fails to open is reported, the defaults are used, and saving settings
    still works (it replaces the unreadable record) instead of failing on every attempt."""
    paths = pristine.copy(tmp_path / "settings")
    con = sqlite3.connect(paths.vault)
    blob = rows(con, "settings")["app"][1]
    set_blob(con, "settings", "app", flip(blob, 20, len(blob), random.Random(1)))
    con.commit()
    con.close()
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        assert ("settings", "app") in {(p.table, p.record_id) for p in ws.problems}
        ws.settings.update(auto_lock_minutes=7)
    finally:
        ws.close()
    ws = open_copy(paths, pristine.mv.passphrase)
    try:
        assert ws.problems == [] and ws.settings.value.auto_lock_minutes == 7
        ws.settings.update(theme="textual-light")
    finally:
        ws.close()


# -- every record table, as registered in the workspace (grows with each new record type) ----------------


def _populate_every_type(ws: Workspace, rng: random.Random) -> None:
    """A few records of each type added by later issues (journal, prompts, skills, practices,
    goals + ticks, reviews), through their own core API."""
    from datetime import date as _date

    if getattr(ws, "journal", None) is not None:
        from companion_tui.core.journal.entries import EntryDraft

        for i in range(6):
            ws.journal.add(EntryDraft(title=f"entry {i}", body=" ".join(rng.choices(WORDS, k=60)), tags=("sleep",)))
    if getattr(ws, "prompts", None) is not None:
        category = ws.prompts.all()[0].category
        for i in range(3):
            ws.prompts.add(category, f"What helped today, part {i}?")
    if getattr(ws, "skills", None) is not None:
        from companion_tui.core.skills.catalogue import SkillDraft

        skill = ws.skills.add(SkillDraft(name="cold water", when="panic rising", steps=("fill the sink", "dip")))
        if getattr(ws, "practices", None) is not None:
            from companion_tui.core.skills.practice import PracticeDraft

            for i in range(5):
                ws.practices.add(PracticeDraft(skill_id=skill.id, situation=f"situation {i}", before=7, after=4))
    if getattr(ws, "goals", None) is not None:
        from companion_tui.core.goals.model import GoalDraft

        for i in range(3):
            g = ws.goals.add(GoalDraft(title=f"goal {i}", per_week=3, start=_date.today() - timedelta(days=14)))
            for back in range(3):
                ws.goals.tick(g.id, _date.today() - timedelta(days=back))
    if getattr(ws, "reviews", None) is not None:
        from companion_tui.core.kernel.clock import week_start

        for weeks in (1, 2):
            ws.reviews.skip(week_start(_date.today()) - timedelta(weeks=weeks))


def _all_payloads(ws: Workspace) -> dict[str, dict[str, tuple[int, dict]]]:
    from companion_tui.core.workspace import PARTS

    out = {}
    for part in PARTS:
        for kind in part.types:
            loaded = ws.records.load(kind)
            assert loaded.problems == []
            out[kind.table] = {rid: (v, payload) for rid, v, payload in loaded.items}
    return out


def test_every_record_table_detects_tampering(tmp_path: Path) -> None:
    """For every table the workspace loads (PARTS), flipped bits and cross-table swaps are reported
    by table and id, and every other record of every type opens with exactly its saved payload."""
    from companion_tui.core.workspace import PARTS

    rng = random.Random(SEED + 70)
    mv, ws = create_vault(tmp_path / "every")
    from .support import random_draft

    for _ in range(10):
        ws.moods.add(random_draft(rng))
    ws.drafts.save("journal", {"body": "draft"})
    ws.settings.update(theme="nord")
    _populate_every_type(ws, rng)
    before = _all_payloads(ws)
    ws.close()
    tables = [t for t, rows_ in before.items() if rows_]
    paths = mv.paths
    con = sqlite3.connect(paths.vault)
    tampered: set[Key] = set()
    for i, table in enumerate(tables):
        ids = sorted(before[table])
        rid = ids[0]
        blob = con.execute(f"SELECT sealed FROM {table} WHERE id=?", (rid,)).fetchone()[0]
        set_blob(con, table, rid, flip(blob, 0, len(blob), rng))
        tampered.add((table, rid))
        # And a blob from the next table copied over this table's second row, when there is one.
        other = tables[(i + 1) % len(tables)]
        if len(ids) > 1 and other != table:
            donor = sorted(before[other])[-1]
            donor_blob = con.execute(f"SELECT sealed FROM {other} WHERE id=?", (donor,)).fetchone()[0]
            set_blob(con, table, ids[1], donor_blob)
            tampered.add((table, ids[1]))
    con.commit()
    con.close()
    vault = LockedVault.open(paths)
    ws = vault.unlock(mv.passphrase)
    try:
        problems = {(p.table, p.record_id) for p in ws.problems}
        assert problems == tampered
        for part in PARTS:
            for kind in part.types:
                table = kind.table
                loaded = ws.records.load(kind)
                for rid, v, payload in loaded.items:
                    assert before[table][rid] == (v, payload), f"wrong plaintext in {table}/{rid}"
                opened = {rid for rid, _, _ in loaded.items}
                assert opened == {rid for rid in before[table] if (table, rid) not in tampered}
    finally:
        ws.close()
    TALLY.add("every-table:bitflip+cross-table-copy", tampered, problems)
    record("tamper.every_table.tables_covered", len(tables))
    record("tamper.every_table.tables", sorted(tables))


def test_zz_report(pristine: Pristine) -> None:
    """Figures for the README (runs last in this module)."""
    record("tamper.vault_records", len(pristine.checkins) + len(pristine.drafts) + 1)
    for kind in sorted(TALLY.total):
        record(f"tamper.record.{kind}", f"{TALLY.detected[kind]}/{TALLY.total[kind]}")
    add_figure("tamper.cases_total", sum(TALLY.total.values()))
    add_figure("tamper.cases_detected", sum(TALLY.detected.values()))
    assert TALLY.detected == TALLY.total
