"""Dating a journal entry in the editor, driven by key presses on the real app and a real vault:
back-dating a new entry, moving an existing one, refusing a bad date, and a draft that keeps its date.
What was stored is read back by reopening the vault; what is on screen is read from the terminal."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta

from textual.widgets import TextArea

from companion_tui.core.journal.entries import EntryDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.tui.dialogs.journal_drafts import JournalDraftsScreen
from companion_tui.tui.screens.journal_editor import SETTLE_IDLE, JournalEditor
from companion_tui.tui.widgets.journal_when import WhenInput

from .conftest import PASSPHRASE, screen_text, unlock
from .test_journal import NARROW, WIDE, editor, open_journal, rows, seed


def local(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    """A wall-clock time here, with the UTC offset in force on that date."""
    return datetime(y, mo, d, h, mi).astimezone()


def reopened(paths: Paths, clock) -> list:
    """The journal as stored: open the vault again from disk, newest first."""
    ws = LockedVault.open(paths).unlock(PASSPHRASE, clock=clock)
    try:
        return list(ws.journal.newest_first())
    finally:
        ws.close()


def when(app) -> WhenInput:
    return editor(app).query_one("#editor-when", WhenInput)


def note(app) -> str:
    return str(editor(app).query_one("#editor-when-note").render())


async def test_new_entry_back_dated_to_yesterday(vault_paths, make_app, clock):
    today = clock.now.date()
    yesterday = today - timedelta(days=1)
    seed(vault_paths, clock,
         EntryDraft(body="Earlier today.", at=clock.now - timedelta(hours=2)),
         EntryDraft(body="Three days ago.", at=clock.now - timedelta(days=3)))
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        screen = await open_journal(pilot)
        prompt = app.workspace.journal.prompt_of_the_day(today)
        await pilot.press("r")  # answer the prompt of the day...
        await pilot.pause()
        ed = editor(app)
        # A new entry's date starts at now and, left alone, follows the clock.
        assert when(app).value == f"{clock.now:%Y-%m-%d %H:%M}"
        clock.advance(120)
        ed.tick()
        assert when(app).value == f"{clock.now:%Y-%m-%d %H:%M}"
        await pilot.press(*"Couldn't sleep after the call.")
        await pilot.press("shift+tab")  # tab order: title, date, body
        assert app.focused is when(app)
        await pilot.press(*"yesterday 22:00")  # focus selected the date: typing replaces it
        await pilot.pause()
        assert when(app).value == "yesterday 22:00"
        assert f"yesterday, {yesterday:%A %-d %B %Y}, 22:00" in screen_text(app)
        await pilot.press("tab")  # leaving the field writes out the date it means
        await pilot.pause()
        assert when(app).value == f"{yesterday:%Y-%m-%d} 22:00"
        assert app.focused is ed.query_one(TextArea)
        assert "dated yesterday" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        # ...it sits between today's entry and the older one, and today's prompt stays.
        shown = rows(app)
        assert [r.split("\n")[0].split()[-1] for r in shown] == ["today.", "call.", "ago."]
        assert f"{yesterday:%a %-d %b} 22:00" in shown[1]
        assert app.workspace.journal.prompt_of_the_day(today) == prompt
        assert prompt.text[:40] in screen_text(app)

    stored = reopened(vault_paths, clock)
    assert [e.body for e in stored] == ["Earlier today.", "Couldn't sleep after the call.", "Three days ago."]
    entry = stored[1]
    assert entry.at == local(yesterday.year, yesterday.month, yesterday.day, 22, 0)
    assert entry.at.utcoffset() == local(yesterday.year, yesterday.month, yesterday.day, 22, 0).utcoffset()
    assert entry.prompt_id == prompt.id and entry.day == yesterday


async def test_edit_an_entrys_date(vault_paths, make_app, clock):
    recent_at = (clock.now - timedelta(hours=1)).replace(second=42, microsecond=0)
    seed(vault_paths, clock,
         EntryDraft(body="Wrong date on this one.", at=recent_at),
         EntryDraft(body="Three days ago.", at=clock.now - timedelta(days=3)))
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        original = app.workspace.journal.newest_first()[0]
        await pilot.press("e")
        await pilot.pause()
        assert when(app).value == f"{recent_at:%Y-%m-%d %H:%M}"  # the entry's own time
        # Only the date: the time of day is kept.
        await pilot.press("ctrl+t", *"2026-11-20")
        await pilot.pause()
        assert "Friday 20 November 2026" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, JournalEditor)
        assert "Entry updated" in screen_text(app)
        shown = rows(app)
        assert "Three days ago." in shown[0] and "Wrong date on this one." in shown[1]
        assert f"Fri 20 Nov {recent_at:%H:%M}" in shown[1]
        assert app.screen.entries.current_id == original.id  # the highlight moved with it
        # Editing the text again without touching the date keeps it exactly.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*" Fixed.", "ctrl+s")
        await pilot.pause()

    stored = reopened(vault_paths, clock)
    moved = next(e for e in stored if e.id == original.id)
    assert moved.at == local(2026, 11, 20, recent_at.hour, recent_at.minute)
    assert (moved.version, moved.body) == (3, "Wrong date on this one. Fixed.")
    assert moved.created == original.created
    assert [e.id for e in stored][-1] == original.id


async def test_a_bad_date_shows_a_message_and_saves_nothing(vault_paths, make_app, clock):
    seed(vault_paths, clock, EntryDraft(body="Leave me be.", at=clock.now - timedelta(days=1)))
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("w", *"Words to keep.", "ctrl+t", *"tomorrow")
        await pilot.pause()
        assert "e.g. yesterday 22:00" in screen_text(app)  # still typing: a hint, not an error
        await pilot.press("tab")
        await pilot.pause()
        assert "Can't read “tomorrow” as a date" in note(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)
        assert app.focused is when(app)  # back to the date, ready to retype
        tomorrow = clock.now.date() + timedelta(days=1)
        await pilot.press(*f"{tomorrow:%Y-%m-%d} 09:00", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)
        text = screen_text(app)
        assert f"{tomorrow:%Y-%m-%d} 09:00 is in the future" in text and "back-dated" in text
        assert "Not saved yet" in text
        assert editor(app).query_one(TextArea).text == "Words to keep."
        assert len(app.workspace.journal) == 1
        # A time alone later than now is today's: the message suggests yesterday.
        later = clock.now + timedelta(hours=1)
        await pilot.press("ctrl+t", *f"{later:%H:%M}", "ctrl+s")
        await pilot.pause()
        assert f"type “yesterday {later:%H:%M}”" in note(app)
        # Editing an existing entry: a bad date changes nothing.
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("e", "ctrl+t", *"2026-02-30 10:00", "ctrl+s")
        await pilot.pause()
        assert "is not a real date" in note(app)
        assert app.workspace.journal.newest_first()[0].version == 1

    [kept] = reopened(vault_paths, clock)
    assert (kept.body, kept.version) == ("Leave me be.", 1)


async def test_the_draft_keeps_the_date_through_a_crash_and_a_lock(vault_paths, make_app, clock, tmp_path):
    yesterday = clock.now.date() - timedelta(days=1)
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("w", *"About last night", "ctrl+t", *"yesterday 23:15", "tab")
        ed = editor(app)
        clock.advance(SETTLE_IDLE)
        ed.tick()
        kept = app.workspace.drafts.get(ed.draft_name).data
        assert (kept["body"], kept["at"][:16]) == ("About last night", f"{yesterday:%Y-%m-%d}T23:15")
        crashed = Paths(tmp_path / "crashed")  # the files as they are on disk right now
        crashed.ensure_home()
        for name in ("vault.db", "vault.db-wal"):
            if (vault_paths.home / name).exists():
                shutil.copy2(vault_paths.home / name, crashed.home / name)

    app = make_app(crashed)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalDraftsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert when(app).value == f"{yesterday:%Y-%m-%d} 23:15"
        assert "dated yesterday" in screen_text(app) and "restored" in screen_text(app)
        # Text that can't be read yet is kept as typed, through a lock.
        await pilot.press("ctrl+t", *"last tues")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.unlocked
        await unlock(pilot)
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert when(app).value == "last tues"
        assert editor(app).query_one(TextArea).text == "About last night"
        assert "Can't read “last tues”" in screen_text(app)
        await pilot.press("ctrl+t", *"yesterday 23:15", "ctrl+s")
        await pilot.pause()
        assert app.workspace.drafts.all() == []

    [entry] = reopened(crashed, clock)
    assert (entry.body, entry.at) == ("About last night", local(yesterday.year, yesterday.month, yesterday.day, 23, 15))


async def test_the_date_key_is_shown_and_in_the_keys_help(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert "^t date" in screen_text(app)  # the key is shown by the field (not in the footer)
        app.action_keys()  # ? types into the text here; the palette's "Keys" does this
        await pilot.pause()
        text = screen_text(app)
        assert re.search(r"\^t\s+Date", text)
