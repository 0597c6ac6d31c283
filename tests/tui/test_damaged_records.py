"""What the app shows when records were changed behind its back (rolled back, removed, damaged)."""

from __future__ import annotations

import sqlite3

from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault

from .conftest import PASSPHRASE, screen_text, unlock


def _two_checkins_one_rolled_back(paths) -> tuple[str, str]:
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
        assert "Records not opened" in shown and f"{rolled[:8]}…" in shown  # the notice, naming the record
        [notice] = [n.message for n in app._notifications]  # its whole text (wrapped on screen)
        assert f"check-in {rolled[:8]}… was put back to an older version" in notice
        assert "changed outside companion" in notice and "The rest of your vault is fine" in notice
        await pilot.press("m")
        await pilot.pause()
        mood = screen_text(app)
        assert "a good walk" in mood
        assert "the original note" not in mood and "as it was edited" not in mood


async def test_a_panes_stylesheet_does_not_restyle_todays_cards(vault_paths, make_app) -> None:
    """Pane stylesheets are app-wide once loaded: Journal's and Goals' rules must not reach Today's
    cards that share an id (#prompt-card, #goals-note) after those panes were visited."""
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)

        def looks() -> list:
            return [(w.styles.background, w.styles.margin, w.styles.padding, w.styles.color)
                    for w in (app.screen.query_one("#prompt-card"), app.screen.query_one("#goals-note"))]

        before = looks()
        for key in ("j", "escape", "g", "escape", "d"):
            await pilot.press(key)
            await pilot.pause()
        assert app.current_mode == "today"
        assert looks() == before
