"""The app shell driven by Pilot: create, unlock, wrong passphrase, get help now, keys, auto-lock."""

from __future__ import annotations

import hashlib

from textual.widgets import Input

from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.tui.dialogs.help_now import HelpNowScreen
from companion_tui.tui.dialogs.keys import KeysScreen
from companion_tui.tui.gate.problem import ProblemScreen
from companion_tui.tui.gate.recovery_key import RecoveryKeyScreen
from companion_tui.tui.gate.unlock import UnlockScreen
from companion_tui.tui.panes.today import TodayScreen
from companion_tui.vault import parse_recovery_key

from .conftest import PASSPHRASE, screen_text, unlock

NEW = "a new long passphrase"


async def test_first_run_creates_vault_and_shows_recovery_key_once(paths, make_app):
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Choose a passphrase" in screen_text(app)
        # Too short: a clear message, nothing created.
        await pilot.press(*"short", "enter", *"short", "enter")
        await pilot.pause()
        assert "at least 8 characters" in screen_text(app)
        assert not paths.vault.exists()
        # Mismatched confirmation.
        app.screen.query_one("#new-passphrase", Input).value = PASSPHRASE
        app.screen.query_one("#confirm-passphrase", Input).focus()
        await pilot.press(*"something else", "enter")
        await pilot.pause()
        assert "don't match" in screen_text(app)
        assert not paths.vault.exists()
        # Matching.
        await pilot.press(*PASSPHRASE, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RecoveryKeyScreen)
        key = app.screen.recovery_key
        assert parse_recovery_key(key)  # well-formed
        assert key in screen_text(app)
        # Must acknowledge: enter alone does not continue.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryKeyScreen)
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "haven't checked in today" in screen_text(app)
    # The vault exists, opens with the passphrase and with the recovery key.
    vault = LockedVault.open(paths)
    try:
        vault.unlock(PASSPHRASE)
        vault.unlock_with_recovery(key)
    finally:
        vault.close()


async def test_wrong_passphrase_shows_message_and_retry_works(vault_paths, make_app):
    before = hashlib.sha256(vault_paths.vault.read_bytes()).hexdigest()
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "Type your passphrase" in screen_text(app)
        await pilot.press(*"not the passphrase", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not correct" in screen_text(app)
        assert not app.unlocked
        assert app.screen.query_one("#passphrase", Input).value == ""
        # The file was not changed by the failed attempt.
        assert hashlib.sha256(vault_paths.vault.read_bytes()).hexdigest() == before
        await unlock(pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_second_instance_gets_a_clear_message(vault_paths, make_app):
    holder = LockedVault.open(vault_paths)
    try:
        app = make_app(vault_paths)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, ProblemScreen)
            assert "already open in another terminal" in screen_text(app)
    finally:
        holder.close()


async def test_not_a_vault_file_is_reported(paths, make_app):
    paths.home.mkdir()
    paths.vault.write_bytes(b"\x00garbage" * 100)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        assert "not a companion vault" in screen_text(app)
    assert paths.vault.read_bytes() == b"\x00garbage" * 100


async def test_checkin_shows_on_today(vault_paths, make_app, clock):
    vault = LockedVault.open(vault_paths)
    ws = vault.unlock(PASSPHRASE, clock=clock)
    ws.moods.add(CheckInDraft(score=8, emotions=("calm", "grateful"), at=clock.now))
    ws.close()
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        text = screen_text(app)
        assert "checked in 1 time today" in text
        assert "8/10" in text and "calm, grateful" in text
        assert "Checked in on 1 day this week" in text


async def test_f1_from_unlock_today_and_mood(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        for step in ("unlock", "today", "mood"):
            if step == "today":
                await unlock(pilot)
            if step == "mood":
                await pilot.press("m")
                await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpNowScreen), step
            text = screen_text(app)
            assert "988" in text and "116 123" in text and "13 11 14" in text
            assert "not for emergencies" in text
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpNowScreen)


async def test_keys_help_lists_bindings(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        text = screen_text(app)
        for words in ("Get help now", "Today", "Mood", "Lock", "Check in"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_pane_keys_switch_modes(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        assert app.current_mode == "today"
        await pilot.press("m")
        await pilot.pause()
        assert app.current_mode == "mood"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert app.current_mode == "today"


async def test_auto_lock_after_idle_minutes(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.check_auto_lock()
        assert app.unlocked
        clock.advance(9 * 60)
        app.check_auto_lock()
        assert app.unlocked, "locked too early"
        clock.advance(61)
        app.check_auto_lock()
        await pilot.pause()
        assert not app.unlocked
        assert app.workspace is None
        assert isinstance(app.screen, UnlockScreen)
        assert "today" not in app._modes, "pane screens holding decrypted data were not dropped"
        # Unlocks again.
        await unlock(pilot)
        assert app.current_mode == "today"


async def test_auto_lock_minutes_setting_is_honoured(vault_paths, make_app, clock):
    vault = LockedVault.open(vault_paths)
    ws = vault.unlock(PASSPHRASE)
    ws.settings.update(auto_lock_minutes=2)
    ws.close()
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        clock.advance(60)
        await pilot.press("question_mark", "escape")  # activity resets the idle timer
        clock.advance(90)
        app.check_auto_lock()
        assert app.unlocked
        clock.advance(31)
        app.check_auto_lock()
        await pilot.pause()
        assert not app.unlocked


async def test_recover_with_recovery_key(paths, make_app):
    vault, ws, recovery = LockedVault.create(paths, PASSPHRASE)
    ws.moods.add(CheckInDraft(score=4))
    ws.close()
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press(*"AAAA-BBBB", "enter", *NEW, "enter", *NEW, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "32 letters" in screen_text(app)
        app.screen.query_one("#recovery", Input).value = recovery.lower()
        app.screen.query_one("#recover-confirm", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.unlocked
        assert len(app.workspace.moods) == 1
    vault = LockedVault.open(paths)
    try:
        vault.unlock(NEW)
    finally:
        vault.close()


async def test_quit_checkpoints_and_releases_lock(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.workspace.moods.add(CheckInDraft(score=6))
        await pilot.press("q")
        await pilot.pause()
    wal = vault_paths.vault.with_name("vault.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    vault = LockedVault.open(vault_paths)  # the lock was released
    vault.close()


async def test_crash_report_shows_no_content(vault_paths, clock):
    """Textual's own crash report prints local variables; ours names only the error type and place."""
    import pytest
    from textual.binding import Binding

    from companion_tui.tui.app import CompanionApp
    from companion_tui.vault import FLOOR_PARAMS

    class Crashing(CompanionApp):
        BINDINGS = [*CompanionApp.BINDINGS, Binding("ctrl+b", "boom", "Boom", id="test.boom")]

        def action_boom(self) -> None:
            secret_note = "zqx-private-canary"  # a local variable Textual's traceback would print
            raise RuntimeError(secret_note)

        def _fatal_error(self) -> None:
            super()._fatal_error()
            self.report = list(self._exit_renderables)

    app = Crashing(vault_paths, clock=clock, idle_clock=clock.monotonic, kdf_params=FLOOR_PARAMS)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await unlock(pilot)
            app.workspace.drafts  # unlocked
            await pilot.press("ctrl+b")
            await pilot.pause()
    from rich.console import Console

    console = Console(record=True, width=200, file=__import__("io").StringIO())
    for renderable in app.report:
        console.print(renderable)
    report = console.export_text()
    assert "unexpected error" in report and "RuntimeError" in report
    assert "zqx-private-canary" not in report


async def test_no_screenshot_command_and_theme_is_remembered(vault_paths, make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Theme" in titles and "Screenshot" not in titles
        app.action_screenshot()
        app.deliver_screenshot()
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        assert app.workspace.settings.value.theme == "nord"
    assert not list(tmp_path.glob("*.svg")), "a screenshot was written to disk"
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert app.theme == "nord"


async def test_passphrase_typed_before_the_file_is_open_still_unlocks(vault_paths, make_app):
    """Submitting at once (before the background open finished) must not leave the screen stuck."""
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*PASSPHRASE, "enter")  # no wait for the open worker
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.unlocked
        assert isinstance(app.screen, TodayScreen)
