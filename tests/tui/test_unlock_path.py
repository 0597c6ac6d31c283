"""The way from the passphrase to Today, kept short (benchmarks: ``unlock_to_today_app_ms``):
Today built while the passphrase is typed and filled once, no stylesheet re-parsed on the way
(theme still right), progress drawn from samples, the unlock screen kept for the next lock
without the passphrase, and the garbage collector kept off the records while unlocked."""

from __future__ import annotations

import gc
import weakref
from datetime import timedelta

from textual.color import Color
from textual.widgets import Input, Label, ProgressBar

from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.tui.gate.unlock import UnlockScreen
from companion_tui.tui.panes.mood import MoodScreen
from companion_tui.tui.panes.today import TodayScreen

from .conftest import PASSPHRASE, screen_text, unlock


def add_checkin(paths, clock, theme: str | None = None) -> None:
    ws = LockedVault.open(paths).unlock(PASSPHRASE, clock=clock)
    ws.moods.add(CheckInDraft(score=7, emotions=("calm",), at=clock.now - timedelta(hours=1)))
    if theme:
        ws.settings.update(theme=theme)
    ws.close()


def count_calls(monkeypatch, cls, name: str) -> list:
    calls: list = []
    original = getattr(cls, name)

    def counted(self, *args, **kwargs):
        calls.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counted)
    return calls


async def test_today_is_built_while_typing_then_filled_once(vault_paths, make_app, clock, monkeypatch):
    add_checkin(vault_paths, clock)
    composed = count_calls(monkeypatch, TodayScreen, "compose")
    filled = count_calls(monkeypatch, TodayScreen, "refresh_data")
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*PASSPHRASE)
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and app.current_mode == "gate"
        assert len(composed) == 1, "Today was not built while the passphrase was typed"
        today = composed[0]
        assert str(today.query_one("#checkin-status").render()) == "", "Today shows data before unlock"

        filled.clear()
        reparsed = count_calls(monkeypatch, type(app.stylesheet), "reparse")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is today and len(composed) == 1
        assert not reparsed, "unlocking re-parsed every stylesheet"
        assert filled == [today], "Today's cards were filled more than once on unlock"
        assert "You checked in 1 time today" in screen_text(app)

        # Locked again: Today is dropped, and built again as the passphrase is typed.
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert "today" not in app._modes
        await unlock(pilot)
        assert len(composed) == 2 and app.screen is composed[1]
        assert "You checked in 1 time today" in screen_text(app)


async def test_pressing_enter_at_once_still_fills_today(vault_paths, make_app, clock):
    """Typed and submitted in one go (pasted): Today may still be mounting when the records arrive."""
    add_checkin(vault_paths, clock)
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "You checked in 1 time today" in screen_text(app)


async def test_no_stylesheet_reparse_on_unlock_or_a_first_pane_and_the_theme_applies(
    vault_paths, make_app, clock, monkeypatch
):
    add_checkin(vault_paths, clock, theme="nord")
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press(*PASSPHRASE)
        await pilot.pause()
        # From here on: unlocking with the default theme active (the saved one is applied on unlock).
        default = count_calls(monkeypatch, type(app.stylesheet), "reparse")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.theme == "nord"
        card = app.screen.query_one("#checkin-card")
        assert card.has_focus
        assert card.styles.border_top[1] == Color.parse(app.theme_variables["primary"]), "Today kept the old theme"
        assert card.styles.padding.left == 1  # today.tcss applies

        # A pane shown for the first time: its stylesheet applies, nothing is parsed again.
        default.clear()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        assert app.screen.query_one("#form-panel").styles.border_top[0] == "round"  # mood.tcss applies
        assert not default, "the first show of a pane re-parsed every stylesheet"


async def test_progress_is_drawn_from_the_latest_report(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, UnlockScreen)
        screen.busy(True)
        status = screen.query_one("#unlock-status", Label)
        bar = screen.query_one("#unlock-progress", ProgressBar)
        screen.report(0.3, "Deriving your key…")
        screen.report(0.6, "Opening your records…")  # the worker only notes; nothing drawn yet
        assert str(status.render()) == "Unlocking…" and bar.progress == 0
        screen._draw_progress()  # what the screen's timer does five times a second
        assert str(status.render()) == "Opening your records…" and bar.progress == 0.6
        # A report that arrives after an error is stale: never drawn over the message.
        screen.show_error("Wrong passphrase.")
        screen.report(0.9, "Opening your records…")
        screen._draw_progress()
        await pilot.pause()
        assert str(status.render()) == "Wrong passphrase."


async def test_unlock_screen_waits_for_the_next_lock_without_the_passphrase(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        gate = app.screen
        await unlock(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert gate.query_one("#passphrase", Input).value == "", "the passphrase stayed in a widget"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is gate
        field = gate.query_one("#passphrase", Input)
        assert not field.disabled and field.has_focus
        assert str(gate.query_one("#unlock-status", Label).render()) == ""
        assert not gate.query_one("#unlock-progress").display
        await unlock(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_records_are_kept_from_the_collector_while_unlocked_and_freed_on_lock(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        ws = weakref.ref(app.workspace)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert gc.get_freeze_count() == 0
        gc.collect()
        assert ws() is None, "the locked workspace is still in memory"


async def test_sparkline_has_three_cells_a_day_when_the_card_is_wide(vault_paths, make_app, clock):
    add_checkin(vault_paths, clock)
    for size, wide in (((120, 40), True), ((80, 24), False)):
        app = make_app(vault_paths)
        async with app.run_test(size=size) as pilot:
            await unlock(pilot)
            text = screen_text(app)
            assert ("Mo Tu We" in text) is wide and ("M T W" in text) is not wide, size
