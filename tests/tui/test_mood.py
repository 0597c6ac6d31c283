"""Mood pane: the check-in form and history, driven by key presses on the real app and vault."""

from __future__ import annotations

from datetime import datetime, timedelta

from companion_tui.core.kernel.clock import parse_at
from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.tui.dialogs.checkin_view import CheckInView
from companion_tui.tui.panes.mood import AUTOSAVE_SECONDS, DRAFT, MoodScreen
from companion_tui.tui.widgets.checkin_form import CheckInForm
from companion_tui.tui.widgets.checkin_list import PAGE, CheckInList

from .conftest import autosave, screen_text, unlock

WIDE = (120, 40)
NARROW = (80, 24)

# -- helpers ---------------------------------------------------------------------------------


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space", ",": "comma"}.get(ch, ch) for ch in text])


async def open_mood(pilot) -> MoodScreen:
    await pilot.press("m")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, MoodScreen)
    return screen


async def tab_to(pilot, widget_id: str, limit: int = 20) -> None:
    """Press tab until the widget with this id has focus (proves it is reachable by keyboard)."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"#{widget_id} is not reachable with tab (focus is on {pilot.app.focused!r})")


def form(app) -> CheckInForm:
    return app.screen.query_one(CheckInForm)


def history_text(app) -> str:
    """The history rows as plain text, one per line."""
    history = app.screen.query_one(CheckInList)
    return "\n".join(str(history.get_option_at_index(i).prompt) for i in range(history.option_count))


def add(app, score: int, at: datetime, **fields):
    return app.workspace.moods.add(CheckInDraft(score=score, at=at, **fields))


# -- a full check-in --------------------------------------------------------------------------


async def test_full_checkin_by_key_presses(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await unlock(pilot)
        screen = await open_mood(pilot)
        assert "No check-ins yet" in screen_text(app)
        assert app.focused.id == "score"

        await pilot.press("7")
        await pilot.press("tab")
        assert app.focused.id == "emotion-filter"
        await type_text(pilot, "anx")
        await pilot.press("enter")
        await type_text(pilot, "tir")
        await pilot.press("enter")
        assert form(app).emotions.chosen == ["anxious", "tired"]
        assert app.focused.id == "emotion-filter" and app.focused.value == ""

        await pilot.press("tab")
        assert app.focused.id == "energy"
        await pilot.press("2")
        await pilot.press("tab")
        await type_text(pilot, "a long meeting ran over")
        await pilot.press("tab")
        await type_text(pilot, "went for a walk")
        await pilot.press("tab")
        assert app.focused.id == "tag-box"
        await type_text(pilot, "sle")
        await app.workers.wait_for_complete()  # the completion arrives from a worker
        await pilot.pause()
        assert "slept well" in screen_text(app)
        await pilot.press("right", "enter")
        await type_text(pilot, "walk,")
        assert form(app).tags.tags == ["slept well", "walk"]
        await pilot.press("tab")
        assert app.focused.id == "note"
        await type_text(pilot, "felt lighter after the walk")
        await pilot.press("ctrl+s")
        await pilot.pause()

        [saved] = app.workspace.moods.newest_first()
        assert saved.score == 7
        assert saved.emotions == ("anxious", "tired")
        assert saved.energy == 2
        assert saved.trigger == "a long meeting ran over"
        assert saved.response == "went for a walk"
        assert saved.tags == ("slept well", "walk")
        assert saved.note == "felt lighter after the walk"
        assert saved.at == clock.now.replace(microsecond=0)
        assert app.workspace.drafts.get(DRAFT) is None

        # The form is empty again, the history shows the check-in, a toast confirms.
        assert form(app).is_blank()
        rows = history_text(app)
        assert f"{clock.now:%H:%M}" in rows and "anxious, tired" in rows and "felt lighter" in rows
        await pilot.pause()
        text = screen_text(app)
        assert "Check-in saved" in text
        assert "No check-ins yet" not in text
        assert app.screen.query_one("#history-panel").border_subtitle.startswith("1 check-in ·")

        # Today shows it.
        await pilot.press("d")
        await pilot.pause()
        today = screen_text(app)
        assert "Today" in app.screen.title
        assert "7/10" in today and "anxious" in today
        assert "haven't checked in today" not in today


async def test_save_at_80x24(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=NARROW, notifications=True) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await pilot.press("0", "tab")
        await type_text(pilot, "calm")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        [saved] = app.workspace.moods.newest_first()
        assert (saved.score, saved.emotions) == (10, ("calm",))
        text = screen_text(app)
        assert "10" in text and "calm" in text and "Check-in saved" in text
        assert "No check-ins yet" not in text


# -- validation -------------------------------------------------------------------------------


async def test_missing_score_shows_the_error_and_stores_nothing(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await tab_to(pilot, "trigger")
        await type_text(pilot, "nothing much")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.workspace.moods) == 0
        text = screen_text(app)
        assert "Choose a mood score from 1 to 10." in text
        assert "Not saved yet" in text
        assert app.focused.id == "score"  # straight to the field that needs attention
        assert form(app).state()["trigger"] == "nothing much"  # nothing typed is lost
        # Setting the score clears the message and saving works.
        await pilot.press("5", "ctrl+s")
        await pilot.pause()
        assert len(app.workspace.moods) == 1
        assert "Choose a mood score" not in screen_text(app)


async def test_future_and_unreadable_times_are_refused(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await pilot.press("6")
        await tab_to(pilot, "at")
        tomorrow = clock.now + timedelta(days=1)
        await type_text(pilot, f"{tomorrow:%Y-%m-%d %H:%M}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.workspace.moods) == 0
        assert "is in the future" in screen_text(app)
        assert app.focused.id == "at"
        await pilot.press("ctrl+u")
        await type_text(pilot, "yesterday-ish")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.workspace.moods) == 0
        assert "Can't read “yesterday-ish”" in screen_text(app)


# -- back-dating, editing, deleting -----------------------------------------------------------


async def test_back_dated_with_words_as_the_journal_reads_them(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await pilot.press("6")
        await tab_to(pilot, "at")
        await type_text(pilot, "yesterday 21:40")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = app.workspace.moods.newest_first()
        yesterday = clock.now.date() - timedelta(days=1)
        assert (saved.day, saved.at.hour, saved.at.minute) == (yesterday, 21, 40)
        assert "21:40" in history_text(app)


async def test_back_dated_checkin(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        assert form(app).query_one("#at").value == f"{clock.now:%Y-%m-%d %H:%M}"
        await pilot.press("4")
        await tab_to(pilot, "at")
        # Focus selects the whole time, so typing replaces it.
        await type_text(pilot, "2026-11-20 08:15")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = app.workspace.moods.newest_first()
        assert saved.at == parse_at("2026-11-20 08:15")
        assert saved.day.isoformat() == "2026-11-20"
        rows = history_text(app)
        assert "Friday 20 November" in rows and "08:15" in rows
        # The next check-in starts at "now" again.
        assert form(app).query_one("#at").value == f"{clock.now:%Y-%m-%d %H:%M}"


async def test_edit_a_checkin(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await unlock(pilot)
        original = add(app, 3, clock.now - timedelta(hours=2), emotions=("sad",), note="rough morning")
        await open_mood(pilot)
        assert "rough morning" in history_text(app)
        await pilot.press("escape")  # leave the form: focus goes to the history
        assert isinstance(app.focused, CheckInList)
        await pilot.press("e")
        assert form(app).state()["score"] == 3
        assert form(app).emotions.chosen == ["sad"]
        assert "Editing the check-in" in screen_text(app)
        assert app.focused.id == "score"
        await pilot.press("8")
        await tab_to(pilot, "at")
        await type_text(pilot, "2026-11-24 22:00")
        await pilot.press("ctrl+s")
        await pilot.pause()

        [edited] = app.workspace.moods.newest_first()
        assert edited.id == original.id
        assert edited.version == original.version + 1
        assert edited.score == 8
        assert edited.emotions == ("sad",) and edited.note == "rough morning"
        assert edited.at == parse_at("2026-11-24 22:00")
        assert "Check-in updated" in screen_text(app)
        assert "Editing" not in screen_text(app)
        assert form(app).is_blank()


async def test_edit_without_touching_the_time_keeps_it(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        at = (clock.now - timedelta(days=3)).replace(second=42, microsecond=0)
        original = add(app, 5, at)
        await open_mood(pilot)
        await pilot.press("escape", "e", "6", "ctrl+s")
        await pilot.pause()
        edited = app.workspace.moods.get(original.id)
        assert (edited.score, edited.at, edited.version) == (6, at, 2)


async def test_escape_from_an_unsaved_edit_asks(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        original = add(app, 5, clock.now - timedelta(hours=1))
        await open_mood(pilot)
        await pilot.press("escape", "e", "9", "escape")
        await pilot.pause()
        assert "Stop editing?" in screen_text(app)
        await pilot.press("n")  # keep editing
        assert form(app).state()["score"] == 9
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert form(app).is_blank()
        assert "Editing" not in screen_text(app)
        assert app.workspace.moods.get(original.id).score == 5


async def test_delete_with_confirmation(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await unlock(pilot)
        add(app, 4, clock.now - timedelta(hours=3), note="older one")
        newer = add(app, 6, clock.now - timedelta(hours=1), note="newer one")
        await open_mood(pilot)
        await pilot.press("escape")
        assert app.screen.query_one(CheckInList).highlighted_id == newer.id

        await pilot.press("x")
        await pilot.pause()
        assert "Delete the check-in from" in screen_text(app)
        await pilot.press("n")  # cancel keeps it
        await pilot.pause()
        assert len(app.workspace.moods) == 2

        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        [left] = app.workspace.moods.newest_first()
        assert left.note == "older one"
        rows = history_text(app)
        assert "newer one" not in rows and "older one" in rows
        assert "deleted" in screen_text(app)


async def test_view_a_checkin_then_edit_from_the_view(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        add(
            app, 7, clock.now - timedelta(hours=1), emotions=("calm", "grateful"), energy=4,
            trigger="call with my sister", response="listened", tags=("family time",),
            note="[b]not markup[/b] and a long note " * 4,
        )
        await open_mood(pilot)
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckInView)
        text = screen_text(app)
        for expected in ("7/10", "calm", "grateful", "4/5", "call with my sister", "listened", "#family time",
                         "[b]not markup[/b]"):
            assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        assert form(app).state()["trigger"] == "call with my sister"


# -- emotions and tags ---------------------------------------------------------------------------


async def test_emotion_picker_own_word_space_toggle_and_removal(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await pilot.press("tab")
        await type_text(pilot, "wobbly")  # not in the vocabulary
        await pilot.pause()
        assert "add “wobbly” as your own word" in screen_text(app)
        await pilot.press("enter")
        picker = form(app).emotions
        assert picker.chosen == ["wobbly"]
        await type_text(pilot, "on edge")  # a space inside a word is typed, not a toggle
        await pilot.press("enter")
        assert picker.chosen == ["wobbly", "on edge"]
        await pilot.press("space")  # nothing typed: space toggles the highlighted word
        assert len(picker.chosen) == 3
        await pilot.press("space")
        assert len(picker.chosen) == 2
        await pilot.press("backspace")  # empty filter: removes the last word
        assert picker.chosen == ["wobbly"]
        await pilot.press("5", "ctrl+s")  # "5" goes into the filter, not the score
        await pilot.pause()
        assert len(app.workspace.moods) == 0
        assert app.focused.id == "score"  # the failed save went to the missing score
        await pilot.press("5", "ctrl+s")
        await pilot.pause()
        [saved] = app.workspace.moods.newest_first()
        assert saved.emotions == ("wobbly",)
        # Own words come back as suggestions next time.
        await pilot.press("n", "tab")
        await type_text(pilot, "wob")
        await pilot.pause()
        assert "Your own words" in screen_text(app)


async def test_score_keys(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        score = form(app).score
        await pilot.press("right")
        assert score.value == 5
        await pilot.press("0")
        assert score.value == 10
        await pilot.press("right")
        assert score.value == 10
        await pilot.press("3", "left", "left", "left")
        assert score.value == 1
        await pilot.press("backspace")
        assert score.value is None
        await pilot.press("tab", "tab")
        energy = form(app).energy
        await pilot.press("9")  # out of range for energy: ignored
        assert energy.value is None
        await pilot.press("4")
        assert energy.value == 4
        await pilot.press("0")
        assert energy.value is None


# -- new check-in, drafts ----------------------------------------------------------------------


async def test_new_checkin_from_today_focuses_the_score(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        app.action_pane("mood", "new")
        await pilot.pause()
        assert isinstance(app.screen, MoodScreen)
        assert app.focused.id == "score"
        await pilot.press("tab", "tab")
        assert app.focused.id == "energy"
        # A half-filled form is not thrown away without asking.
        await pilot.press("3", "escape", "n")
        await pilot.pause()
        assert "Start a new check-in?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert form(app).state()["energy"] == 3 and app.focused.id == "score"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert form(app).is_blank()


async def test_autosave_is_debounced_and_discarded_on_save(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        screen = await open_mood(pilot)
        await tab_to(pilot, "trigger")
        await type_text(pilot, "bus late")
        await pilot.pause()
        # Not written per keystroke: the draft waits for a pause in typing.
        assert app.workspace.drafts.get(DRAFT) is None
        assert screen.drafts.pending
        autosave(app, clock, AUTOSAVE_SECONDS - 0.5)
        assert app.workspace.drafts.get(DRAFT) is None, "written before the form was still for long enough"
        await type_text(pilot, "!")
        await pilot.pause()
        autosave(app, clock, AUTOSAVE_SECONDS - 0.5)  # long since the first key, not since the last
        assert app.workspace.drafts.get(DRAFT) is None, "the wait was not restarted by the last key"
        autosave(app, clock, 0.5)  # still for AUTOSAVE_SECONDS: written
        draft = app.workspace.drafts.get(DRAFT)
        assert draft is not None and draft.data["trigger"] == "bus late!"
        assert not screen.drafts.pending
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "6", "ctrl+s")
        await pilot.pause()
        assert len(app.workspace.moods) == 1
        assert app.workspace.drafts.get(DRAFT) is None
        screen.drafts.save_now()  # a late autosave finds a clean form and writes nothing
        assert app.workspace.drafts.get(DRAFT) is None


async def test_draft_survives_lock_and_is_offered_back(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await pilot.press("6", "tab")
        await type_text(pilot, "hopeful")
        await pilot.press("enter")
        await tab_to(pilot, "trigger")
        await type_text(pilot, "train delayed")
        assert app.workspace.drafts.get(DRAFT) is None

        app.action_lock()
        await pilot.pause()
        assert not app.unlocked
        await unlock(pilot)
        assert app.workspace.drafts.get(DRAFT) is not None
        await pilot.press("m")
        await pilot.pause()
        assert "Restore your unsaved check-in from" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        state = form(app).state()
        assert state["score"] == 6
        assert state["emotions"] == ["hopeful"]
        assert state["trigger"] == "train delayed"
        assert app.workspace.drafts.get(DRAFT) is None
        assert len(app.workspace.moods) == 0
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = app.workspace.moods.newest_first()
        assert (saved.score, saved.trigger) == (6, "train delayed")


async def test_declining_the_draft_discards_it(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await pilot.press("2")
        app.action_lock()
        await pilot.pause()
        await unlock(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert form(app).is_blank()
        assert app.workspace.drafts.get(DRAFT) is None
        # Locking again with an untouched form leaves no draft behind.
        app.action_lock()
        await pilot.pause()
        await unlock(pilot)
        assert app.workspace.drafts.get(DRAFT) is None


async def test_unsaved_edit_is_kept_as_a_draft_of_that_edit(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        original = add(app, 5, clock.now - timedelta(hours=1))
        await open_mood(pilot)
        await pilot.press("escape", "e", "2")
        keeper = app.screen.drafts
        assert keeper.data(keeper.state())["editing"] == original.id
        app.action_lock()
        await pilot.pause()
        await unlock(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "Editing the check-in" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [edited] = app.workspace.moods.newest_first()
        assert (edited.id, edited.score, edited.version) == (original.id, 2, 2)


# -- big histories -------------------------------------------------------------------------------


async def test_long_history_is_paged(vault_paths, make_app, clock):
    from companion_tui.core.moods.checkins import CheckIn

    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        start = clock.now.replace(microsecond=0)
        app.workspace.moods.import_many(
            CheckIn(id=f"c{i:04d}", version=1, score=i % 10 + 1, at=start - timedelta(hours=7 * i))
            for i in range(PAGE * 2 + 50)
        )
        await open_mood(pilot)
        history = app.screen.query_one(CheckInList)
        ids = [o.id for o in history.options if o.id and not o.disabled]
        assert len(ids) == PAGE + 1 and ids[-1] == "more"
        assert f"{PAGE * 2 + 50:,} check-ins" in screen_text(app)
        await pilot.press("escape", "end", "enter")
        await pilot.pause()
        ids = [o.id for o in history.options if o.id and not o.disabled]
        assert len(ids) == PAGE * 2 + 1
        await pilot.press("end", "enter")
        await pilot.pause()
        ids = [o.id for o in history.options if o.id and not o.disabled]
        assert len(ids) == PAGE * 2 + 50 and "more" not in ids


# -- bindings -----------------------------------------------------------------------------------


def test_every_mood_binding_has_an_id_and_a_description():
    from textual.binding import Binding

    from companion_tui.tui.dialogs import checkin_view
    from companion_tui.tui.widgets import checkin_list, emotion_picker, score_picker, tag_input

    classes = [
        MoodScreen, checkin_list.CheckInList, checkin_view.CheckInView, emotion_picker.EmotionFilter,
        score_picker.ScorePicker, tag_input.TagBox,
    ]
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), (cls, binding)
            assert binding.id and binding.id.startswith("mood."), (cls, binding)
            assert binding.description, (cls, binding)


async def test_keys_help_lists_the_mood_keys(vault_paths, make_app):
    from textual.widgets import Static

    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query(Static))  # all of it, scrolled or not
        for expected in ("^s", "New check-in", "Mood history", "Delete", "Toggle word", "Add tag"):
            assert expected in text


async def test_a_stale_autosave_is_not_offered_after_the_text_was_removed(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        screen = await open_mood(pilot)
        await pilot.press("4")
        screen.drafts.save_now()
        assert app.workspace.drafts.get(DRAFT) is not None
        await pilot.press("backspace")  # the score is cleared again: nothing left to keep
        app.action_lock()
        await pilot.pause()
        await unlock(pilot)
        assert app.workspace.drafts.get(DRAFT) is None


async def test_tags_toggle_and_backspace_removes_the_last(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await tab_to(pilot, "tag-box")
        await type_text(pilot, "Walk, Sunlight,")
        tags = form(app).tags
        assert tags.tags == ["walk", "sunlight"]
        await type_text(pilot, "walk")
        await pilot.press("enter")  # already there: enter takes it off again
        assert tags.tags == ["sunlight"]
        await pilot.press("backspace")
        assert tags.tags == []
        await type_text(pilot, "my own tag")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab", "8", "ctrl+s")
        await pilot.pause()
        [saved] = app.workspace.moods.newest_first()
        assert saved.tags == ("my own tag",)  # typed but not added yet still counts


async def test_gentle_safety_notice_after_saving_a_worrying_note(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await unlock(pilot)
        await open_mood(pilot)
        await pilot.press("3")
        await tab_to(pilot, "trigger")
        await type_text(pilot, "I want to end my life")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = app.workspace.moods.newest_first()  # saving was not blocked
        assert saved.score == 3
        text = screen_text(app)
        assert "carry this alone" in text and "Check-in saved" in text
