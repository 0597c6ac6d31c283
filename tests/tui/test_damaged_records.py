"""What the app shows when records were changed behind its back (rolled back, removed, damaged)."""

from __future__ import annotations

import sqlite3

from companion_tui.core.moods import CheckInDraft
from companion_tui.core.workspace import LockedVault

from .conftest import PASSPHRASE, screen_text, unlock


def _two_checkins_one_rolled_back(paths) -> tuple[str, str]:  # noqa: ANN001
    """Two check-ins; the first edited once, then its row put back to the first version with sqlite3."""
    vault = LockedVault.open(paths)
    ws = vault.unlock(PASSPHRASE)
    first = ws.moods.add(CheckInDraft(score=3, note="the original note"))
    kept = ws.moods.add(CheckInDraft(score=8, note="a good walk"))
    with sqlite3.connect(paths.vault) as db:
        old = db.execute("SELECT version, sealed FROM checkins WHERE id=?", (first.id,)).fetchone()
    ws.moods.update(first.id, CheckInDraft(score=2, note="the note as it was edited"))
    ws.close()
    vault.close()
    with sqlite3.connect(paths.vault) as db:
        db.execute("UPDATE checkins SET version=?, sealed=? WHERE id=?", (*old, first.id))
    return first.id, kept.id


async def test_a_rolled_back_check_in_is_named_on_unlock_and_not_shown(vault_paths, make_app) -> None:
    rolled, kept = _two_checkins_one_rolled_back(vault_paths)
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await unlock(pilot)
        [problem] = app.workspace.problems
        assert (problem.table, problem.record_id) == ("checkins", rolled)
        assert [c.id for c in app.workspace.moods.newest_first()] == [kept]
        shown = " ".join(screen_text(app).split())
        assert f"check-in {rolled[:8]}…" in shown
        assert "put back to an older version" in shown
        assert "The rest of your vault is fine" in shown
        await pilot.press("m")
        await pilot.pause()
        mood = screen_text(app)
        assert "a good walk" in mood
        assert "the original note" not in mood and "as it was edited" not in mood
