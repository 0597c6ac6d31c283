"""Crash safety for goals and ticks: a child adds goals, ticks and unticks days, changes status
and targets, and deletes goals together with their ticks (one transaction), and is SIGKILLed at
random moments.

After every kill the vault must open, pass ``PRAGMA integrity_check``, unlock with no record
failing to open, and hold exactly the acknowledged goals and ticks — plus at most the one
operation in flight when the kill landed (all of it: a deleted goal never leaves its ticks).
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .goals_records import snapshot
from .support import HERE, KillOutcome, Zygote, add_figure, create_vault, record, run_and_kill, scale
from .test_crash import CrashStats, open_and_check

SEED = 20260707


class GoalsZygote(Zygote):
    """The zygote of crash_child.py, running crash_child_goals.run in each forked child."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen([sys.executable, str(HERE / "crash_child_goals.py"), "--zygote"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    z = GoalsZygote()
    yield z
    z.close()


def apply(model: dict, line: dict) -> None:
    for key in line.get("del", ()):
        model.pop(key, None)
    model.update(line.get("set", {}))


def check_after_kill(model: dict, actual: dict, outcome: KillOutcome) -> bool:
    """``actual`` is the model, or the model with the whole in-flight operation. True if the latter."""
    if actual == model:
        return False
    op = outcome.inflight
    assert op is not None, f"vault differs and nothing was in flight: {_diff(model, actual)}"
    expected = dict(model)
    if op["begin"] == "add":
        extra = set(actual) - set(model)
        assert len(extra) == 1 and set(model) <= set(actual), _diff(model, actual)
        (key,) = extra
        assert key.startswith(op["table"] + ":") and actual[key] == op["value"], _diff(model, actual)
        expected[key] = actual[key]
    else:
        apply(expected, op)
    assert actual == expected, f"in-flight {op['begin']} half done: {_diff(expected, actual)}"
    return True


def _diff(model: dict, actual: dict) -> str:
    missing = sorted(set(model) - set(actual))
    extra = sorted(set(actual) - set(model))
    changed = sorted(k for k in set(model) & set(actual) if model[k] != actual[k])
    return f"missing={missing[:5]} extra={extra[:5]} changed={changed[:5]}"


def test_kill_while_adding_ticking_changing_and_deleting_goals(tmp_path: Path, zygote: Zygote) -> None:
    kills = scale(30, 300)
    rng = random.Random(SEED)
    stats = CrashStats()
    t0 = time.perf_counter()
    mv, ws = create_vault(tmp_path / "home")
    ws.close()
    model: dict = {}
    ops: set[str] = set()
    for k in range(kills):
        cfg = {"home": str(mv.paths.home), "seed": rng.getrandbits(32), "recovery": mv.recovery_key}
        early = rng.random() < 0.1
        outcome = run_and_kill(cfg, tmp_path, rng, zygote=zygote, early=early, max_delay=0.25)
        stats.kills += 1
        stats.early_kills += early
        stats.mid_op += outcome.mid_op
        for line in outcome.lines:
            if "ok" in line:
                apply(model, line)
                stats.acked += 1
                ops.add(line["ok"] + (":multi" if len(line.get("del", ())) > 1 else ""))
        stats.passphrase_unlocks += k % 5 == 0
        ws = open_and_check(mv, mv.passphrase if k % 5 == 0 else None)
        try:
            actual = snapshot(ws)
            stats.inflight_committed += check_after_kill(model, actual, outcome)
            stats.record_checks += len(model)
            model = actual
        finally:
            ws.close()
    stats.seconds = time.perf_counter() - t0
    for name, value in vars(stats).items():
        record(f"crash.goals.{name}", round(value, 1) if isinstance(value, float) else value)
    add_figure("crash.total_kills", stats.kills)
    assert stats.acked > kills  # the child really was saving between kills
    assert stats.mid_op > kills // 4  # and many kills landed inside a save
    assert {"add", "set", "del", "del:multi"} <= ops  # incl. a goal deleted with its ticks
    assert any(key.startswith("ticks:") for key in model) and any(key.startswith("goals:") for key in model)
