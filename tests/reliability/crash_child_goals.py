"""The process test_crash_goals.py kills: adds goals, ticks and unticks days, changes a goal's
status or target, and deletes goals with all their ticks (one transaction), in a loop.

Uses crash_child.py's zygote (fork per request) with this module's ``run`` in place of its own.
Each operation writes a ``begin`` line before and an ``ok`` line after it returned. Lines say
what the vault should hold afterwards: ``set`` (key -> [version, fields]) and ``del`` (keys);
an add, whose id is only known afterwards, gives ``table`` and ``value`` in its ``begin`` line.
Keys are ``"goals:<id>"`` and ``"ticks:<id>"`` (goals_records.snapshot).
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crash_child
from crash_child import emit


def preload() -> None:
    crash_child.preload()
    import goals_records  # noqa: F401

    import companion_tui.core.goals.book  # noqa: F401


def run(cfg: dict) -> None:
    import goals_records as gr

    from companion_tui.core.goals.book import Target
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths

    rng = random.Random(cfg["seed"])
    paths = Paths(Path(cfg["home"]))
    today = datetime.now(UTC).astimezone().date()

    def open_ws():
        return LockedVault.open(paths).unlock_with_recovery(cfg["recovery"])

    ws = open_ws()
    emit({"ready": True, "records": len(ws.goals) + ws.goals.tick_count()})
    seq = 0
    next_reopen = rng.randint(10, 80)
    while True:
        seq += 1
        if seq >= next_reopen:
            next_reopen = seq + rng.randint(10, 80)
            if rng.random() < 0.5:
                ws.close()
                ws = open_ws()
            else:
                ws.vault.store.checkpoint()
        goals = ws.goals.all()
        op = rng.choices(["add", "tick", "untick", "change", "delete"],
                         weights=[30 if len(goals) < 6 else 2, 45, 15, 8, 3])[0]
        if not goals:
            op = "add"
        if op == "add":
            draft = gr.random_goal(rng, today, seq)
            emit({"begin": "add", "seq": seq, "table": "goals", "value": gr.draft_value(draft, today)})
            goal = ws.goals.add(draft)
            emit({"ok": "add", "seq": seq, "set": {f"goals:{goal.id}": gr.goal_value(goal)}})
            continue
        goal = rng.choice(goals)
        if op in ("tick", "untick"):
            day = today - timedelta(days=rng.randint(0, (today - goal.start).days))
            tick = next((t for t in ws.goals.ticks() if t.goal_id == goal.id and t.day == day), None)
            if tick is None:
                emit({"begin": "add", "seq": seq, "table": "ticks", "value": gr.tick_value(goal.id, day)})
                made = ws.goals.tick(goal.id, day)
                emit({"ok": "add", "seq": seq, "set": {f"ticks:{made.id}": gr.tick_value(goal.id, day)}})
            else:
                emit({"begin": "del", "seq": seq, "del": [f"ticks:{tick.id}"]})
                ws.goals.untick(goal.id, day)
                emit({"ok": "del", "seq": seq, "del": [f"ticks:{tick.id}"]})
        elif op == "change":
            if rng.random() < 0.5:
                new = ws.goals.with_change(goal, status=rng.choice(["active", "paused", "done"]))
            else:
                new = ws.goals.with_change(goal, target=Target.weekly(rng.randint(1, 7)))
            value = [goal.version + 1, gr.goal_fields(new)]
            emit({"begin": "set", "seq": seq, "set": {f"goals:{goal.id}": value}})
            saved = ws.goals.save(new)
            emit({"ok": "set", "seq": seq, "set": {f"goals:{goal.id}": gr.goal_value(saved)}})
        else:
            keys = [f"goals:{goal.id}"] + [f"ticks:{t.id}" for t in ws.goals.ticks() if t.goal_id == goal.id]
            emit({"begin": "del", "seq": seq, "del": keys})
            ws.goals.delete(goal.id)
            emit({"ok": "del", "seq": seq, "del": keys})


if __name__ == "__main__":
    crash_child.run = run  # every child the zygote forks runs the goals loop
    if sys.argv[1] == "--zygote":
        preload()
        crash_child.zygote()
    else:
        run(json.loads(sys.argv[1]))
