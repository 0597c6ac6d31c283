"""Crash safety: a child process saves in a loop and is SIGKILLed at random (seeded) moments.

After every kill the parent reopens the same vault and checks: it opens (the OS released the
lock), ``PRAGMA integrity_check`` is ok, it unlocks, no record fails to open, and the check-ins
are exactly the acknowledged ones — plus, at most, the one operation that was in flight when the
kill landed (committed but not yet acknowledged), never anything else, never anything older.

Children are forked from a warmed-up "zygote" helper (crash_child.py --zygote) so a kill costs
milliseconds instead of an interpreter start-up; a few kills use a fresh interpreter as well.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from companion_tui.core.workspace import LockedVault, Workspace
from companion_tui.vault import WrongPassphrase

from .support import (
    KillOutcome,
    MadeVault,
    Zygote,
    add_figure,
    create_vault,
    fields_of,
    random_draft,
    record,
    run_and_kill,
    scale,
)

SEED = 20260314
Model = dict[str, tuple[int, dict]]


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    z = Zygote()
    yield z
    z.close()


@dataclass
class CrashStats:
    kills: int = 0
    fresh_interpreter_kills: int = 0
    early_kills: int = 0
    mid_op: int = 0
    acked: int = 0
    record_checks: int = 0
    inflight_committed: int = 0
    passphrase_unlocks: int = 0
    seconds: float = 0.0


def open_and_check(mv: MadeVault, passphrase: str | None) -> Workspace:
    """Reopen after a kill: lock free, file intact, key opens, every record opens."""
    vault = LockedVault.open(mv.paths)  # VaultBusy here would mean the dead child still holds the lock
    try:
        assert vault.store.integrity_check() == "ok"
        ws = vault.unlock(passphrase) if passphrase else vault.unlock_with_recovery(mv.recovery_key)
    except BaseException:
        vault.close()
        raise
    assert ws.problems == [], ws.problems
    return ws


def snapshot(ws: Workspace) -> Model:
    return {c.id: (c.version, fields_of(c)) for c in ws.moods.newest_first()}


def apply_op(model: Model, op: dict) -> None:
    kind = op.get("ok") or op.get("begin")
    if kind == "add":
        model[op["id"]] = (op["version"], op["fields"])
    elif kind == "update":
        assert model[op["id"]][0] == op["version"] - 1
        model[op["id"]] = (op["version"], op["fields"])
    elif kind == "delete":
        del model[op["id"]]


def check_after_kill(model: Model, actual: Model, outcome: KillOutcome) -> bool:
    """``actual`` must be the model (acknowledged ops applied), or the model plus the one op that
    was in flight. Returns whether the in-flight op turned out to be committed."""
    if actual == model:
        return False
    op = outcome.inflight
    assert op is not None, _diff(model, actual, "vault differs and no operation was in flight")
    kind = op["begin"]
    expected = dict(model)
    if kind == "add":
        extra = set(actual) - set(model)
        assert len(extra) == 1 and set(model) <= set(actual), _diff(model, actual, "in-flight add")
        (new_id,) = extra
        assert actual[new_id] == (1, op["fields"]), _diff(model, actual, "in-flight add content")
        expected[new_id] = actual[new_id]
    else:
        apply_op(expected, op)
    assert actual == expected, _diff(model, actual, f"in-flight {kind}")
    return True


def _diff(model: Model, actual: Model, what: str) -> str:
    missing = sorted(set(model) - set(actual))
    extra = sorted(set(actual) - set(model))
    changed = sorted(k for k in set(model) & set(actual) if model[k] != actual[k])
    return f"{what}: missing={missing[:5]} extra={extra[:5]} changed={changed[:5]}"


def crash_loop(tmp_path: Path, zygote: Zygote, mode: str, kills: int, seed: int, *, rotate_every: int = 50,
               max_delay: float = 0.2, early_share: float = 0.15, fresh_share: float = 0.04,
               passphrase_every: int = 5) -> CrashStats:
    rng = random.Random(seed)
    stats = CrashStats()
    t0 = time.perf_counter()
    mv: MadeVault | None = None
    model: Model = {}
    for k in range(kills):
        if mv is None or k % rotate_every == 0:
            # One vault per round of kills: keeps the long run's vault a sensible size.
            mv, ws = create_vault(tmp_path / f"round{k // rotate_every}")
            ws.close()
            model = {}
        cfg = {"home": str(mv.paths.home), "mode": mode, "seed": rng.getrandbits(32), "recovery": mv.recovery_key}
        early = rng.random() < early_share
        fresh = rng.random() < fresh_share
        outcome = run_and_kill(cfg, tmp_path, rng, zygote=None if fresh else zygote, early=early,
                               max_delay=max_delay)
        stats.kills += 1
        stats.early_kills += early
        stats.fresh_interpreter_kills += fresh
        stats.mid_op += outcome.mid_op
        for line in outcome.lines:
            if "ok" in line:
                apply_op(model, line)
                stats.acked += 1
        use_passphrase = k % passphrase_every == 0
        stats.passphrase_unlocks += use_passphrase
        ws = open_and_check(mv, mv.passphrase if use_passphrase else None)
        try:
            actual = snapshot(ws)
            stats.inflight_committed += check_after_kill(model, actual, outcome)
            stats.record_checks += len(model)
            model = actual
        finally:
            ws.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def _report(prefix: str, stats: CrashStats) -> None:
    for name, value in vars(stats).items():
        record(f"crash.{prefix}.{name}", round(value, 1) if isinstance(value, float) else value)
    add_figure("crash.total_kills", stats.kills)


def test_kill_while_saving_checkins(tmp_path: Path, zygote: Zygote) -> None:
    kills = scale(60, 600)
    stats = crash_loop(tmp_path, zygote, "add", kills, SEED)
    _report("add", stats)
    assert stats.kills == kills
    assert stats.acked > kills  # the child really was saving between kills
    assert stats.mid_op > kills // 4  # and many kills landed inside a save


def test_kill_while_editing_and_deleting(tmp_path: Path, zygote: Zygote) -> None:
    kills = scale(30, 300)
    stats = crash_loop(tmp_path, zygote, "mutate", kills, SEED + 1, max_delay=0.25, early_share=0.1)
    _report("mutate", stats)
    assert stats.kills == kills
    assert stats.acked > kills
    assert stats.mid_op > kills // 4


def test_kill_during_passphrase_change(tmp_path: Path, zygote: Zygote) -> None:
    """Afterwards the acknowledged passphrase (or the one being set) opens the vault, never neither,
    and the other one does not."""
    kills = scale(15, 150)
    rng = random.Random(SEED + 2)
    a, b = "passphrase alpha one", "passphrase bravo two"
    mv, ws = create_vault(tmp_path / "home", a)
    for _ in range(5):
        ws.moods.add(random_draft(rng))
    expected = snapshot(ws)
    ws.close()
    current = a
    opened_with_inflight = changes_acked = mid_change = busy_checks = 0
    t0 = time.perf_counter()
    for _ in range(kills):
        cfg = {"home": str(mv.paths.home), "mode": "passphrase", "seed": rng.getrandbits(32),
               "recovery": mv.recovery_key, "passphrase": current, "pair": [a, b]}
        busy_check = rng.random() < 0.3  # this child never closes the vault: check it holds the lock
        busy_checks += busy_check
        # Half the kills wait for one acknowledged change first, so changes do get acknowledged
        # even on a loaded machine where a key derivation takes longer than the random delay.
        outcome = run_and_kill(cfg, tmp_path, rng, zygote=zygote, early=rng.random() < 0.1, max_delay=0.5,
                               check_lock=mv.paths.home if busy_check else None,
                               after_first_ok=rng.random() < 0.5)
        acked = [x["to"] for x in outcome.lines if x.get("ok") == "passphrase"]
        changes_acked += len(acked)
        mid_change += outcome.mid_op
        if acked:
            current = acked[-1]
        candidates = [current] + ([outcome.inflight["to"]] if outcome.inflight else [])
        ws = None
        for i, p in enumerate(candidates):
            try:
                ws = open_and_check(mv, p)
            except WrongPassphrase:
                continue
            opened_with_inflight += i > 0
            current = p
            break
        assert ws is not None, "neither the acknowledged nor the in-flight passphrase opens the vault"
        try:
            assert snapshot(ws) == expected  # a passphrase change never touches the records
        finally:
            ws.close()
        other = b if current == a else a
        with pytest.raises(WrongPassphrase):
            open_and_check(mv, other)
    record("crash.passphrase.kills", kills)
    record("crash.passphrase.kills_mid_change", mid_change)
    record("crash.passphrase.second_opener_refused_while_child_alive", busy_checks)
    record("crash.passphrase.changes_acknowledged", changes_acked)
    record("crash.passphrase.opened_with_inflight_passphrase", opened_with_inflight)
    record("crash.passphrase.seconds", round(time.perf_counter() - t0, 1))
    add_figure("crash.total_kills", kills)
    assert changes_acked > 0
    assert mid_change > 0
