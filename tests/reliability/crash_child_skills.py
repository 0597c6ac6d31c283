"""The process test_crash_skills.py kills: adds, edits and deletes practices (every field, with
thought records, grounding and breathing details) and now and then adds one of its own skills.

Uses crash_child.py's zygote (fork per request) with this module's ``run`` in place of its own.
Each operation writes a ``begin`` line before and an ``ok`` line after it returned, with the
record's comparable fields (skills_records.practice_fields / skill_fields), keyed
``"practices:<id>"`` / ``"skills:<id>"``.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crash_child
from crash_child import emit


def preload() -> None:
    crash_child.preload()
    import skills_records  # noqa: F401

    import companion_tui.core.skills.catalogue
    import companion_tui.core.skills.practice  # noqa: F401


def run(cfg: dict) -> None:
    import skills_records as sr

    from companion_tui.core.skills.catalogue import Skill
    from companion_tui.core.skills.catalogue import validate as validate_skill
    from companion_tui.core.skills.practice import Practice
    from companion_tui.core.skills.practice import validate as validate_practice
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths

    rng = random.Random(cfg["seed"])
    paths = Paths(Path(cfg["home"]))
    now = datetime.now(UTC).astimezone()

    def open_ws():
        return LockedVault.open(paths).unlock_with_recovery(cfg["recovery"])

    ws = open_ws()
    emit({"ready": True, "records": len(ws.practices)})
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
        n = len(ws.practices)
        op = rng.choices(["add", "update", "delete", "skill"], weights=[40 if n < 40 else 5, 35, 20, 5])[0]
        if op in ("update", "delete") and n < 5:
            op = "add"
        if op == "skill":
            draft = sr.random_skill(rng, seq)
            fields = sr.skill_fields(Skill(id="", version=1, **validate_skill(draft)))
            emit({"begin": "add", "seq": seq, "table": "skills", "fields": fields})
            skill = ws.skills.add(draft)
            emit({"ok": "add", "seq": seq, "key": f"skills:{skill.id}", "version": 1, "fields": fields})
            continue
        skills = sr.BUILTIN + [s.id for s in ws.skills.own()]
        if op == "delete":
            target = rng.choice(sorted(p.id for p in ws.practices.newest_first()))
            emit({"begin": "delete", "seq": seq, "key": f"practices:{target}"})
            ws.practices.delete(target)
            emit({"ok": "delete", "seq": seq, "key": f"practices:{target}"})
            continue
        draft = sr.random_practice(rng, now, skills)
        clean = validate_practice(draft, ws.clock(), ws.skills)
        fields = sr.practice_fields(Practice(id="", version=1, **clean))
        if op == "add":
            emit({"begin": "add", "seq": seq, "table": "practices", "fields": fields})
            practice = ws.practices.add(draft)
            emit({"ok": "add", "seq": seq, "key": f"practices:{practice.id}", "version": 1, "fields": fields})
        else:
            target = rng.choice(sorted(p.id for p in ws.practices.newest_first()))
            version = ws.practices.get(target).version + 1
            emit({"begin": "update", "seq": seq, "key": f"practices:{target}", "version": version, "fields": fields})
            ws.practices.update(target, draft)
            emit({"ok": "update", "seq": seq, "key": f"practices:{target}", "version": version, "fields": fields})


if __name__ == "__main__":
    crash_child.run = run  # every child the zygote forks runs the practice loop
    if sys.argv[1] == "--zygote":
        preload()
        crash_child.zygote()
    else:
        run(json.loads(sys.argv[1]))
