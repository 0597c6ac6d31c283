"""Crash safety while writing: the real app types into a journal entry and is SIGKILLed mid-typing.

The editor promises that an encrypted draft is never more than ~2 s behind the last key. How
soon it writes is the draft keeper's schedule, tested on a clock the test drives
(tests/tui/test_draft_keeper*); here, with real clocks and real kills, the test asserts what
does not depend on the machine's speed: after every kill the vault opens, passes
``PRAGMA integrity_check``, every record opens, and the child's draft holds a prefix of what it
typed that includes everything the child saw committed before the kill. The seconds of typing
lost are measured and recorded, not asserted. The Journal pane then offers that draft.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from companion_tui.core.journal.entries import DRAFT_PREFIX, EntryDraft

from .crash_child_journal import text_for
from .support import HERE, add_figure, create_vault, record, scale
from .test_crash import open_and_check

REPO_ROOT = HERE.parents[1]
SEED = 20260505
STARTUP_TIMEOUT = 90.0


def _reader(proc: subprocess.Popen, lines: list[dict], ready: threading.Event, saved: threading.Event) -> None:
    for raw in proc.stdout:  # type: ignore[union-attr]
        try:
            line = json.loads(raw)
        except ValueError:
            continue
        lines.append(line)
        if "ready" in line:
            ready.set()
        if "saved" in line:
            saved.set()


def run_child(home: Path, passphrase: str, seed: int, kill_after: float,
              after_a_save: bool = False) -> tuple[list[dict], float]:
    """Start the child, let it type for ``kill_after`` seconds (counted from its first committed
    autosave when ``after_a_save``), SIGKILL it; (its lines, kill time)."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("COMPANION_HOME", None)
    proc = subprocess.Popen([sys.executable, str(HERE / "crash_child_journal.py"), str(home), passphrase, str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: list[dict] = []
    ready, saved = threading.Event(), threading.Event()
    reader = threading.Thread(target=_reader, args=(proc, lines, ready, saved), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not ready.wait(0.2):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                raise AssertionError(f"the child never started typing: {proc.stderr.read()[-2000:]}")  # type: ignore[union-attr]
        if after_a_save and not saved.wait(STARTUP_TIMEOUT):
            raise AssertionError("the child typed for a long while and no autosave ever committed")
        time.sleep(kill_after)
        killed_at = time.monotonic()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
        reader.join(timeout=10)
    return lines, killed_at


def test_kill_while_typing_loses_at_most_two_seconds(tmp_path: Path) -> None:
    kills = scale(3, 20)
    rng = random.Random(SEED)
    mv, ws = create_vault(tmp_path / "home")
    ws.close()
    worst_loss = 0.0
    typed_total = 0
    checked = 0  # kills where a committed autosave had to be in the draft
    for k in range(kills):
        seed = rng.getrandbits(32)
        lines, killed_at = run_child(mv.paths.home, mv.passphrase, seed, kill_after=rng.uniform(1.0, 7.0),
                                     after_a_save=k % 2 == 0)  # every other kill comes after a committed save
        ready = next(line for line in lines if "ready" in line)
        typed = [(line["t"], line["n"]) for line in lines if "n" in line]
        assert typed, "the child typed nothing before it was killed"
        text = text_for(seed)
        must_have = max((line["saved"] for line in lines if "saved" in line), default=0)
        at_most = typed[-1][1] + 1  # a key may have been handled after its line was last read

        ws = open_and_check(mv, None)
        try:
            draft = ws.drafts.get(ready["draft"])
            others = [d.name for d in ws.drafts.all() if d.name.startswith(DRAFT_PREFIX)]
        finally:
            ws.close()
        if draft is None:
            assert must_have == 0, f"kill {k}: no draft, but a draft of {must_have} characters had been committed"
            continue
        checked += must_have > 0
        body = EntryDraft.from_dict(draft.data).body
        assert text.startswith(body), f"kill {k}: the draft is not what was typed: {body[-40:]!r}"
        assert must_have <= len(body) <= at_most, (k, must_have, len(body), at_most)
        assert ready["draft"] in others
        # How much typing was lost: from the first key not in the draft to the kill.
        lost_from = next((t for t, n in typed if n > len(body)), killed_at)
        worst_loss = max(worst_loss, killed_at - lost_from)
        typed_total += typed[-1][1]
    record("crash.journal.kills", kills)
    record("crash.journal.worst_seconds_lost", round(worst_loss, 2))
    record("crash.journal.characters_typed", typed_total)
    add_figure("crash.total_kills", kills)
    assert checked, "no kill came after an autosave: nothing was tested"


def test_the_draft_left_by_a_kill_is_offered_back(tmp_path: Path) -> None:
    """After a kill, the next unlock offers the draft in the Journal pane and it saves as an entry."""
    import asyncio

    from textual.widgets import TextArea

    from companion_tui.tui.app import CompanionApp
    from companion_tui.tui.dialogs.journal_drafts import JournalDraftsScreen
    from companion_tui.tui.screens.journal_editor import JournalEditor
    from companion_tui.vault import FLOOR_PARAMS

    mv, ws = create_vault(tmp_path / "home")
    ws.close()
    seed = 7
    lines, _ = run_child(mv.paths.home, mv.passphrase, seed, kill_after=4.0)
    ws = open_and_check(mv, None)
    [draft] = [d for d in ws.drafts.all() if d.name.startswith(DRAFT_PREFIX)]
    kept = EntryDraft.from_dict(draft.data).body
    ws.close()
    assert kept and text_for(seed).startswith(kept)

    async def reopen() -> None:
        app = CompanionApp(mv.paths, kdf_params=FLOOR_PARAMS)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press(*mv.passphrase, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
            assert isinstance(app.screen, JournalDraftsScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, JournalEditor)
            assert app.screen.query_one(TextArea).text == kept
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert [e.body for e in app.workspace.journal.newest_first()] == [kept.strip()]
            assert app.workspace.drafts.all() == []

    asyncio.run(reopen())
