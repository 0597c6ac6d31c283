"""Child for test_crash_journal.py: the real app, headless, typing into a new journal entry.

    python crash_child_journal.py HOME PASSPHRASE SEED

Unlocks with the passphrase, opens the Journal pane (setting aside any unfinished draft
from an earlier child), starts a free entry and types ``text_for(SEED)`` key by key, with
a thinking pause now and then. After each key it prints ``{"t": monotonic, "n": chars}``
(the key has been handled when the line is written), and ``{"saved": chars}`` whenever the
encrypted draft it can read back in the vault has grown (an autosave that has committed). The
parent SIGKILLs it mid-typing. Timing uses the real clocks, so the editor's autosave runs
exactly as for a person; the parent asserts what was acknowledged, not how fast it came.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time

WORDS = ["today", "I", "walked", "to", "the", "river", "and", "felt", "a", "little", "lighter", "afterwards,", "then", "called", "my", "sister;", "we", "talked", "about", "the", "week", "and", "what", "I", "want", "to", "bring", "to", "my", "next", "session."]


def text_for(seed: int, length: int = 600) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    while len(" ".join(out)) < length:
        out.append(rng.choice(WORDS))
    return " ".join(out)[:length]


def say(**fields: object) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


async def main(home: str, passphrase: str, seed: int) -> None:
    from pathlib import Path

    from companion_tui.paths import Paths
    from companion_tui.tui.app import CompanionApp
    from companion_tui.tui.dialogs.journal_drafts import JournalDraftsScreen
    from companion_tui.tui.screens.journal_editor import JournalEditor
    from companion_tui.vault import FLOOR_PARAMS

    app = CompanionApp(Paths(Path(home)), kdf_params=FLOOR_PARAMS)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*passphrase, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.unlocked, "did not unlock"
        await pilot.press("j")
        await pilot.pause()
        if isinstance(app.screen, JournalDraftsScreen):
            await pilot.press("escape")  # an earlier child's draft: later
            await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor), app.screen
        say(ready=time.monotonic(), draft=app.screen.draft_name)
        rng = random.Random(seed)
        name = app.screen.draft_name
        saved = 0
        for i, ch in enumerate(text_for(seed)):
            await pilot.press(ch)
            say(t=time.monotonic(), n=i + 1)
            draft = app.workspace.drafts.get(name) if app.workspace else None
            body = len(draft.data.get("body", "")) if draft else 0
            if body > saved:  # drafts.save returns after its transaction committed
                saved = body
                say(saved=saved)
            if rng.random() < 0.06:
                await asyncio.sleep(rng.uniform(0.2, 1.5))  # thinking
        say(done=time.monotonic())
        await asyncio.sleep(120)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
