"""The process the crash tests kill.

``python crash_child.py '<json config>'`` runs one child directly. ``python crash_child.py --zygote``
imports everything once, then reads one JSON config per line on stdin and forks a fresh child
for each (its stdout/stderr go to the files named by ``out`` / ``err`` in the config), answers
``{"pid": N}``, waits for the child to die and answers ``{"status": S}`` (S = -signal or exit
code). Forking from a warmed-up process saves the ~0.3 s interpreter and import start-up per
kill; each child is still a separate process with its own SQLite connections and lock.

It opens an existing vault and loops forever, writing one line of JSON to stdout (flushed)
before each operation (``begin``) and one after the operation returned (``ok``). A line is
written only after the call returned, so an ``ok`` line means "acknowledged to the user".
The parent SIGKILLs it at a random moment and checks the vault against the acknowledged lines.

Modes:
  add         moods.add in a loop (every so often: close + reopen, or a WAL checkpoint)
  mutate      add / update / delete existing check-ins
  passphrase  change the passphrase back and forth between two values
  leak        like ``add`` with canary content given in the config; prints ids only

Config keys: home, mode, seed, recovery, passphrase (current), pair ([A, B]), floor (bool),
quiet (bool), content (leak mode: dict of field -> text).
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import UTC, datetime, timedelta


def emit(obj: dict) -> None:
    """One line, straight to fd 1 (no Python buffering): written before the next step starts."""
    data = (json.dumps(obj) + "\n").encode()
    while data:
        data = data[os.write(1, data):]


def preload() -> None:
    import companion_tui.core.moods.checkins
    import companion_tui.core.workspace  # noqa: F401


def zygote() -> None:
    preload()
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        if not line.strip():
            continue
        cfg = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the child
            try:
                out = os.open(cfg["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                err = os.open(cfg["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(out, 1)
                os.dup2(err, 2)
                os.close(out)
                os.close(err)
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                sys.stderr = open(2, "w", closefd=False)
                run(cfg)
            except BaseException:
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
            finally:
                os._exit(70)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        print(json.dumps({"status": code}), flush=True)


def main() -> None:
    if sys.argv[1] == "--zygote":
        zygote()
    else:
        run(json.loads(sys.argv[1]))


def run(cfg: dict) -> None:
    from companion_tui.core.moods.checkins import CheckInDraft
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths
    from companion_tui.vault import FLOOR_PARAMS
    from companion_tui.vault import envelope as envelope_mod

    if cfg.get("floor", True):
        envelope_mod.DEFAULT_PARAMS = FLOOR_PARAMS

    rng = random.Random(cfg["seed"])
    paths = Paths(__import__("pathlib").Path(cfg["home"]))
    mode = cfg["mode"]
    quiet = cfg.get("quiet", False)

    def open_ws():
        vault = LockedVault.open(paths)
        return vault.unlock_with_recovery(cfg["recovery"])

    emotions = ["calm", "anxious", "hopeful", "tired", "content", "irritable", "sad", "proud"]
    tags = ["work", "family", "sleep", "exercise", "friends", "therapy"]
    words = ["the", "a", "walk", "call", "sister", "long", "day", "slept", "badly", "felt", "lighter", "after", "talking", "it", "through"]
    now = datetime.now(UTC).astimezone()

    def draft() -> tuple[CheckInDraft, dict]:
        n = rng.choice([0, 2, 10, 40, 200])
        d = CheckInDraft(
            score=rng.randint(1, 10),
            emotions=tuple(rng.sample(emotions, rng.randint(0, 3))),
            energy=rng.choice([None, 1, 2, 3, 4, 5]),
            trigger=" ".join(rng.choices(words, k=rng.randint(0, 6))),
            response=" ".join(rng.choices(words, k=rng.randint(0, 6))),
            tags=tuple(rng.sample(tags, rng.randint(0, 2))),
            note=(" ".join(rng.choices(words, k=n)) + f" #{rng.getrandbits(48):012x}").strip(),
            at=(now - timedelta(minutes=rng.randint(0, 60 * 24 * 60))).replace(microsecond=0),
        )
        fields = {
            "score": d.score, "emotions": list(d.emotions), "energy": d.energy, "trigger": d.trigger,
            "response": d.response, "tags": list(d.tags), "note": d.note, "at": d.at.isoformat(),
        }
        return d, fields

    ws = open_ws()
    emit({"ready": True, "records": len(ws.moods)})
    seq = 0
    next_reopen = rng.randint(10, 80)

    if mode == "passphrase":
        current = cfg["passphrase"]
        a, b = cfg["pair"]
        while True:
            new = b if current == a else a
            emit({"begin": "passphrase", "seq": seq, "to": new})
            ws.change_passphrase(new)
            emit({"ok": "passphrase", "seq": seq, "to": new})
            current = new
            seq += 1

    while True:
        seq += 1
        if seq >= next_reopen:
            next_reopen = seq + rng.randint(10, 80)
            if rng.random() < 0.5:
                ws.close()
                ws = open_ws()
            else:
                ws.vault.store.checkpoint()
        op = "add"
        if mode == "mutate":
            n = len(ws.moods)
            if n >= 10:
                op = rng.choices(["add", "update", "delete"], weights=[30 if n < 40 else 5, 40, 30])[0]
        if op == "add":
            if mode == "leak":
                c = cfg["content"]
                d = CheckInDraft(score=rng.randint(1, 10), emotions=(c["emotion"],), tags=(c["tag"],),
                                 trigger=c["trigger"], response=c["response"], note=c["note"] + f" {seq}")
                emit({"begin": "add", "seq": seq})
                checkin = ws.moods.add(d)
                emit({"ok": "add", "seq": seq, "id": checkin.id})
                continue
            d, fields = draft()
            emit({"begin": "add", "seq": seq, **({} if quiet else {"fields": fields})})
            checkin = ws.moods.add(d)
            emit({"ok": "add", "seq": seq, "id": checkin.id, "version": checkin.version,
                  **({} if quiet else {"fields": fields})})
        elif op == "update":
            target = rng.choice(sorted(c.id for c in ws.moods.newest_first()))
            old = ws.moods.get(target)
            d, fields = draft()
            emit({"begin": "update", "seq": seq, "id": target, "version": old.version + 1, "fields": fields})
            new = ws.moods.update(target, d)
            emit({"ok": "update", "seq": seq, "id": target, "version": new.version, "fields": fields})
        else:
            target = rng.choice(sorted(c.id for c in ws.moods.newest_first()))
            emit({"begin": "delete", "seq": seq, "id": target})
            ws.moods.delete(target)
            emit({"ok": "delete", "seq": seq, "id": target})


if __name__ == "__main__":
    main()
