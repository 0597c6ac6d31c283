"""Journal pane, driven by key presses on the real app and a real vault: writing from a prompt,
autosave and recovery after a crash, search highlighting, flags, delete, filters, prompts."""

from __future__ import annotations

import shutil
from datetime import timedelta

from textual.widgets import TextArea

from companion_tui.core.journal.entries import DRAFT_PREFIX, EntryDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.dialogs.journal_drafts import JournalDraftsScreen
from companion_tui.tui.dialogs.journal_filter import JournalFilterScreen
from companion_tui.tui.panes.journal import JournalScreen
from companion_tui.tui.screens.journal_editor import SETTLE_IDLE, SETTLE_MAX, JournalEditor
from companion_tui.tui.screens.journal_prompts import PromptLibraryScreen
from companion_tui.tui.screens.journal_view import JournalView
from companion_tui.tui.widgets.journal_list import MATCH_STYLE, EntryList

from .conftest import PASSPHRASE, screen_text, unlock

WIDE = (120, 40)
NARROW = (80, 24)


def seed(paths: Paths, clock, *drafts: EntryDraft) -> None:
    """Entries written before the app starts (through the core, like the CLI would)."""
    vault = LockedVault.open(paths)
    ws = vault.unlock(PASSPHRASE, clock=clock)
    for d in drafts:
        ws.journal.add(d)
    ws.close()


async def open_journal(pilot) -> JournalScreen:
    await pilot.press("j")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, JournalScreen), screen
    return screen


def editor(app) -> JournalEditor:
    assert isinstance(app.screen, JournalEditor), app.screen
    return app.screen


def rows(app) -> list[str]:
    entries = app.screen.query_one(EntryList)
    return [str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)]


# -- writing -------------------------------------------------------------------------------


async def test_write_from_the_prompt_of_the_day(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        screen = await open_journal(pilot)
        prompt = app.workspace.journal.prompt_of_the_day(clock.now.date())
        assert prompt.text[:40] in screen_text(app)
        assert "No entries yet" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        ed = editor(app)
        assert prompt.text[:40] in screen_text(app)  # the prompt sits above the body
        assert app.focused is ed.query_one(TextArea)
        await pilot.press(*"It was grey, with a bit of sun later.")
        await pilot.press("ctrl+b")  # bring to therapy
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [entry] = app.workspace.journal.newest_first()
        assert entry.body == "It was grey, with a bit of sun later."
        assert entry.prompt_id == prompt.id and entry.therapy and not entry.starred
        assert "It was grey, with a bit of sun later." in screen_text(app)
        assert not [d for d in app.workspace.drafts.all() if d.name.startswith(DRAFT_PREFIX)]


async def test_another_prompt_and_free_writing_with_title_and_tags(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        first = app.workspace.journal.prompt_of_the_day(clock.now.date())
        await pilot.press("n")
        await pilot.pause()
        second = app.workspace.journal.prompt_of_the_day(clock.now.date(), skip=1)
        assert second != first
        text = screen_text(app)
        assert second.text[:40] in text and "Another prompt" in text
        await pilot.press("w")  # free writing: no prompt
        await pilot.pause()
        ed = editor(app)
        assert ed.prompt is None
        await pilot.press("shift+tab", "shift+tab")  # the date, then the title
        assert app.focused is ed.query_one("#editor-title")
        await pilot.press(*"Sunday", "tab", "tab")  # past the date, left as it is
        await pilot.press(*"A slow morning.", "tab")
        await pilot.press(*"rest, family", "ctrl+f", "ctrl+s")
        await pilot.pause()
        [entry] = app.workspace.journal.newest_first()
        assert (entry.title, entry.body, entry.tags, entry.starred, entry.prompt_id) == (
            "Sunday", "A slow morning.", ("rest", "family"), True, None)


async def test_escape_with_unsaved_changes_asks(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        screen = await open_journal(pilot)
        await pilot.press("w", *"half a thought", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Leave without saving?" in screen_text(app)
        await pilot.press("n")  # keep writing
        await pilot.pause()
        assert editor(app).query_one(TextArea).text == "half a thought"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is screen
        assert len(app.workspace.journal) == 0
        # Nothing typed: escape leaves at once.
        await pilot.press("w", "escape")
        await pilot.pause()
        assert app.screen is screen


async def test_empty_entry_is_not_saved_and_says_why(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("w", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)
        assert "There is nothing to save yet" in screen_text(app)
        assert len(app.workspace.journal) == 0


# -- autosave and recovery -------------------------------------------------------------------


async def test_autosave_is_debounced_and_survives_a_crash(vault_paths, make_app, clock, tmp_path):
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("w", *"Every word")
        ed = editor(app)
        drafts = app.workspace.drafts
        ed.tick()
        assert drafts.get(ed.draft_name) is None, "a draft was written while still typing"
        clock.advance(SETTLE_IDLE)
        ed.tick()
        assert drafts.get(ed.draft_name).data["body"] == "Every word"
        assert "2 words" in screen_text(app)
        # Typing without a pause still saves within SETTLE_MAX (+ one tick).
        for ch in " counts":
            await pilot.press(ch)
            clock.advance(0.25)
            ed.tick()
        assert drafts.get(ed.draft_name).data["body"] == "Every word count"  # "s" came 0.25 s ago
        clock.advance(SETTLE_IDLE)
        ed.tick()
        assert drafts.get(ed.draft_name).data["body"] == "Every word counts"
        # The "crash": copy the files as they are on disk right now, while the app is still open.
        crashed = Paths(tmp_path / "crashed")
        crashed.ensure_home()
        for name in ("vault.db", "vault.db-wal"):
            if (vault_paths.home / name).exists():
                shutil.copy2(vault_paths.home / name, crashed.home / name)
    assert SETTLE_IDLE + 0.25 <= 2 and SETTLE_MAX + 0.25 <= 2  # never more than ~2 s of typing lost

    app = make_app(crashed)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalDraftsScreen)
        assert "Every word counts" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        ed = editor(app)
        assert ed.query_one(TextArea).text == "Every word counts"
        assert "restored" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.body for e in app.workspace.journal.newest_first()] == ["Every word counts"]
        assert app.workspace.drafts.all() == []


async def test_lock_keeps_the_draft_and_unlock_offers_it(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("w", *"Locked mid-sentence")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.unlocked
        await unlock(pilot)
        assert "unfinished" in screen_text(app).lower()  # the Today card says so
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalDraftsScreen)
        await pilot.press("x")  # discard this time
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert app.workspace.drafts.all() == []


# -- search, flags, delete ----------------------------------------------------------------------


async def test_search_narrows_and_highlights_matches(vault_paths, make_app, clock):
    seed(vault_paths, clock,
         EntryDraft(title="River", body="Filler. " * 40 + "Walked by the river with Zoë; the café was warm.",
                    tags=("outside",), at=clock.now - timedelta(days=3)),
         EntryDraft(body="Rain all day, stayed in.", tags=("home",), at=clock.now - timedelta(days=2)),
         EntryDraft(body="Met Zoe for coffee.", tags=("outside",), at=clock.now - timedelta(days=1)))
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        assert len(rows(app)) == 3
        await pilot.press("slash", *"zoe CAFE", "enter")
        await pilot.pause()
        assert len(rows(app)) == 1
        entries = app.screen.query_one(EntryList)
        prompt = entries.get_option_at_index(0).prompt
        marked = [prompt.plain[s.start:s.end] for s in prompt.spans if s.style == MATCH_STYLE]
        assert marked == ["Zoë", "café"]
        assert prompt.plain.split("\n")[1].strip().startswith("…")  # the snippet starts near the match
        assert "with Zoë" in screen_text(app)  # the snippet is cut to the list's width, match in view
        assert "1 of 3" in screen_text(app)
        app.screen.query_one("#search").value = "tag:outside"
        await pilot.pause(0.3)
        assert len(rows(app)) == 2
        app.screen.query_one("#search").value = '"river with zoe"'
        await pilot.pause(0.3)
        assert len(rows(app)) == 1
        await pilot.press("escape")  # clears the search
        await pilot.pause()
        assert len(rows(app)) == 3


async def test_star_therapy_flags_and_today_count(vault_paths, make_app, clock):
    seed(vault_paths, clock, EntryDraft(body="Something to talk about.", at=clock.now - timedelta(hours=2)))
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        assert "No entries flagged for therapy in 7 days." in screen_text(app)
        await open_journal(pilot)
        await pilot.press("asterisk", "b")
        await pilot.pause()
        [entry] = app.workspace.journal.newest_first()
        assert entry.starred and entry.therapy
        assert "★⚑" in rows(app)[0]
        await pilot.press("asterisk")
        await pilot.pause()
        assert not app.workspace.journal.newest_first()[0].starred
        await pilot.press("d")
        await pilot.pause()
        assert "1 entry to bring to therapy (7 days)" in screen_text(app)


async def test_read_rendered_markdown_then_delete_with_confirmation(vault_paths, make_app, clock):
    seed(vault_paths, clock,
         EntryDraft(title="Notes", body="## What helped\n\n- a **walk**\n- tea", at=clock.now - timedelta(hours=1)),
         EntryDraft(body="Keep this one.", at=clock.now - timedelta(hours=3)))
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        screen = await open_journal(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalView)
        text = screen_text(app)
        assert "What helped" in text and "##" not in text and "**" not in text
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(app.workspace.journal) == 2
        assert app.screen is screen
        await pilot.press("x", "y")
        await pilot.pause()
        assert [e.body for e in app.workspace.journal.newest_first()] == ["Keep this one."]
        assert "Notes" not in "\n".join(rows(app))


async def test_edit_an_entry(vault_paths, make_app, clock):
    seed(vault_paths, clock, EntryDraft(body="First version.", at=clock.now - timedelta(hours=1)))
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert editor(app).query_one(TextArea).text == "First version."
        await pilot.press(*" Added later.", "ctrl+s")
        await pilot.pause()
        [entry] = app.workspace.journal.newest_first()
        assert (entry.body, entry.version) == ("First version. Added later.", 2)


async def test_filter_by_starred_and_tag(vault_paths, make_app, clock):
    seed(vault_paths, clock,
         EntryDraft(body="starred one", starred=True, tags=("work",), at=clock.now - timedelta(hours=1)),
         EntryDraft(body="plain one", tags=("work",), at=clock.now - timedelta(hours=2)),
         EntryDraft(body="other tag", tags=("home",), at=clock.now - timedelta(hours=3)))
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, JournalFilterScreen)
        await pilot.press(*"work", "tab", "space", "ctrl+s")
        await pilot.pause()
        assert [r.split("\n")[0].strip().split()[-2:] for r in rows(app)] == [["starred", "one"]]
        assert "filter: #work, starred" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(rows(app)) == 3


# -- prompts and Today ----------------------------------------------------------------------------


async def test_prompt_library_add_your_own_and_write_from_it(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PromptLibraryScreen)
        assert "Questions for my therapist" in screen_text(app)
        await pilot.press("a", *"What am I avoiding this week?", "enter")
        await pilot.pause()
        mine = [p for p in app.workspace.prompts.all() if not p.builtin]
        assert [p.text for p in mine] == ["What am I avoiding this week?"]
        await pilot.press("h")  # hide it…
        await pilot.pause()
        assert app.workspace.prompts.get(mine[0].id).hidden
        await pilot.press("v", "end", "h", "enter")  # …show hidden ones, unhide it, write from it
        await pilot.pause()
        ed = editor(app)
        assert ed.prompt is not None and ed.prompt.id == mine[0].id
        assert "What am I avoiding this week?" in screen_text(app)


async def test_today_card_writes_from_the_prompt_of_the_day(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        prompt = app.workspace.journal.prompt_of_the_day(clock.now.date())
        assert prompt.text[:40] in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert app.current_mode == "journal"
        ed = editor(app)
        assert ed.prompt == prompt


async def test_safety_notice_is_quiet_and_never_blocks_saving(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await unlock(pilot)
        screen = await open_journal(pilot)
        await pilot.press("w", *"Some nights I want to die.", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # saved and back at the list: nothing in the way
        assert len(app.workspace.journal) == 1
        text = screen_text(app)
        assert "You don't have to carry this alone" in text
        assert "F1" in text
        await pilot.press("f1")
        await pilot.pause()
        assert "988" in screen_text(app)


async def test_a_20000_word_entry_opens_and_stays_editable(vault_paths, make_app, clock):
    body = "\n\n".join(" ".join(f"word{i}" for i in range(p * 100, p * 100 + 100)) for p in range(200))
    seed(vault_paths, clock, EntryDraft(title="Long", body=body, at=clock.now - timedelta(hours=1)))
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("e")
        await pilot.pause()
        ed = editor(app)
        for _ in range(50):
            if ed.loaded:
                break
            await pilot.pause()
        assert ed.loaded
        assert "20,000 words" in screen_text(app)
        await pilot.press(*" and one more")
        clock.advance(SETTLE_IDLE)
        ed.tick()
        await pilot.pause()
        assert "20,003 words" in screen_text(app)
        assert app.workspace.drafts.get(ed.draft_name).data["body"].endswith("and one more")


async def test_keys_help_and_palette_reach_the_journal(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in ("Journal", "Answer prompt", "Another prompt", "Search", "Filter", "Bring to therapy"):
            assert words in text, words
        await pilot.press("escape", "d")
        await pilot.pause()
        app.action_pane("journal", "write")
        await pilot.pause()
        assert app.current_mode == "journal"
        assert isinstance(app.screen, JournalEditor) and app.screen.prompt is None
        app.action_pane("journal", "prompts")  # the editor is open: nothing is thrown away
        await pilot.pause()
        assert isinstance(app.screen, JournalEditor)


def test_long_entries_are_read_in_parts_at_paragraphs_outside_code():
    from companion_tui.tui.screens.journal_view import parts

    body = "\n\n".join(f"paragraph {i} " + "word " * 150 for i in range(100))
    pieces = parts(body, size=4_000)
    assert len(pieces) > 5 and "\n\n".join(pieces) == body
    fenced = ("text\n\n```\nline\n\nstill code\n```\n\n" + "x " * 400 + "\n\n") * 30
    pieces = parts(fenced, size=1_000)
    assert "\n\n".join(pieces) == fenced and all(p.count("```") % 2 == 0 for p in pieces)
    assert parts("short") == ["short"]


async def test_reading_a_20000_word_entry_part_by_part(vault_paths, make_app, clock):
    body = "\n\n".join(" ".join(f"word{i}" for i in range(p * 100, p * 100 + 100)) for p in range(200))
    seed(vault_paths, clock, EntryDraft(title="Long", body=body, at=clock.now - timedelta(hours=1)))
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW) as pilot:
        await unlock(pilot)
        await open_journal(pilot)
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, JournalView)
        assert len(view.query(".view-part")) == 1
        hint = view.query_one("#view-more")
        assert hint.display and "more words. Press space to read on." in str(hint.render())
        for _ in range(len(view.parts)):
            await pilot.press("space")
        await pilot.pause()
        assert len(view.query(".view-part")) == len(view.parts) > 1
        assert not view.query_one("#view-more").display
