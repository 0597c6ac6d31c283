"""Crash safety for skills and practices: a child adds, edits and deletes practices carrying every
field (distress, helped, situation, notes, therapy flag, thought-record / grounding / breathing
details) and adds own skills, and is SIGKILLed at random moments.

After every kill the vault must open, pass ``PRAGMA integrity_check``, unlock with no record
failing to open, and hold exactly the acknowledged practices and skills — plus at most the one
operation in flight when the kill landed. Uses the same checks as test_crash.py.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .skills_records import practice_fields, skill_fields
from .support import HERE, Zygote, add_figure, create_vault, record, run_and_kill, scale
from .test_crash import CrashStats, apply_op, check_after_kill, open_and_check

SEED = 20260606


class SkillsZygote(Zygote):
    """The zygote of crash_child.py, running crash_child_skills.run in each forked child."""

    def __init__(self) -> None:
        self._proc = subprocess.Popen([sys.executable, str(HERE / "crash_child_skills.py"), "--zygote"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    z = SkillsZygote()
    yield z
    z.close()


def snapshot(ws) -> dict:
    out = {f"practices:{p.id}": (p.version, practice_fields(p)) for p in ws.practices.newest_first()}
    out.update({f"skills:{s.id}": (s.version, skill_fields(s)) for s in ws.skills.own()})
    return out


def _keyed(line: dict) -> dict:
    """test_crash's apply_op / check_after_kill speak of ``id``; ours are ``table:id`` keys."""
    return {**line, "id": line["key"]} if "key" in line else line


def test_kill_while_logging_editing_and_deleting_practices(tmp_path: Path, zygote: Zygote) -> None:
    kills = scale(30, 300)
    rng = random.Random(SEED)
    stats = CrashStats()
    t0 = time.perf_counter()
    mv, ws = create_vault(tmp_path / "home")
    ws.close()
    model: dict = {}
    kinds: set[str] = set()
    for k in range(kills):
        cfg = {"home": str(mv.paths.home), "seed": rng.getrandbits(32), "recovery": mv.recovery_key}
        early = rng.random() < 0.1
        outcome = run_and_kill(cfg, tmp_path, rng, zygote=zygote, early=early, max_delay=0.25)
        stats.kills += 1
        stats.early_kills += early
        stats.mid_op += outcome.mid_op
        for line in outcome.lines:
            if "ok" in line:
                apply_op(model, _keyed(line))
                stats.acked += 1
                kinds.add(str(((line.get("fields") or {}).get("details") or {}).get("kind")))
        if outcome.inflight is not None:
            outcome.inflight = _keyed(outcome.inflight)
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
        record(f"crash.practices.{name}", round(value, 1) if isinstance(value, float) else value)
    add_figure("crash.total_kills", stats.kills)
    assert stats.acked > kills  # the child really was saving between kills
    assert stats.mid_op > kills // 4  # and many kills landed inside a save
    assert {"thought_record", "grounding", "breathing", "None"} <= kinds  # every kind of practice was saved
    assert any(key.startswith("skills:") for key in model)
