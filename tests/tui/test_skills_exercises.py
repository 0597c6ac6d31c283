"""Guided exercises driven with Pilot and a fake clock: breathing pacer, 5-4-3-2-1 grounding, thought record."""

from __future__ import annotations

from contextlib import contextmanager

from textual.widgets import Input, SelectionList, TextArea

from companion_tui.core.workspace import LockedVault
from companion_tui.tui.panes.skills import SkillsScreen
from companion_tui.tui.screens.skill_grounding import GroundingScreen
from companion_tui.tui.screens.skill_pacer import PacerScreen
from companion_tui.tui.screens.skill_thought import ThoughtRecordScreen

from .conftest import PASSPHRASE, screen_text, unlock


@contextmanager
def stored(paths, clock):
    """The vault as stored, opened separately (after the app has closed it)."""
    vault = LockedVault.open(paths)
    try:
        yield vault.unlock(PASSPHRASE, clock=clock)
    finally:
        vault.close()


async def open_skills(pilot) -> SkillsScreen:
    await unlock(pilot)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SkillsScreen)
    return pilot.app.screen


async def test_pacer_phases_advance_pause_holds_time_and_practice_is_saved(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_skills(pilot)
        await pilot.press("b")
        await pilot.pause()
        pacer = app.screen
        assert isinstance(pacer, PacerScreen)
        assert "How distressed do you feel right now?" in screen_text(app)
        await pilot.press("7", "enter")
        await pilot.pause()
        assert "Breathe in   4" in screen_text(app)
        assert "Round 1 of 4" in screen_text(app)

        clock.advance(2)
        pacer.tick()
        await pilot.pause()
        assert "Breathe in   2" in screen_text(app)
        shape_half = pacer.query_one("#shape").fraction
        assert 0.4 < shape_half < 0.6  # the shape has grown half way

        clock.advance(2.5)
        pacer.tick()
        await pilot.pause()
        assert "Hold   4" in screen_text(app)

        await pilot.press("space")
        clock.advance(30)
        pacer.tick()
        await pilot.pause()
        text = screen_text(app)
        assert "Paused   4" in text and "Round 1 of 4" in text
        await pilot.press("space")
        clock.advance(4)
        pacer.tick()
        await pilot.pause()
        assert "Breathe out   4" in screen_text(app)
        assert pacer.query_one("#shape").fraction > 0.95  # full lungs, about to shrink

        clock.advance(60)  # the remaining 3½ rounds
        pacer.tick()
        await pilot.pause()
        text = screen_text(app)
        assert "Well done: 4 rounds of Box 4-4-4-4" in text
        assert "How distressed do you feel now?" in text
        await pilot.press("3", "tab", "4", "tab", *"slower out-breath", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SkillsScreen)
        assert "Practice saved" in screen_text(app)
    with stored(vault_paths, clock) as ws:
        [p] = ws.practices.newest_first()
    assert (p.skill_id, p.before, p.after, p.helped, p.notes) == ("box-breathing", 7, 3, "a_lot", "slower out-breath")
    assert p.details == {"kind": "breathing", "pattern": "box", "phases": [4, 4, 4, 4], "rounds": 4,
                         "completed_rounds": 4, "seconds": 64}


async def test_pacer_custom_pattern_skip_before_and_stop_early(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_skills(pilot)
        await pilot.press("b")
        await pilot.pause()
        pacer = app.screen
        pacer.query_one("#pattern").focus()
        await pilot.press("4")  # "Your own"
        await pilot.pause()
        custom = pacer.query_one("#custom", Input)
        assert custom.display
        custom.value = "3-0-6"
        pacer.query_one("#rounds", Input).value = "200"
        pacer.start()
        await pilot.pause()
        assert "Rounds must be a whole number from 1 to 100" in screen_text(app)
        assert pacer.stage == "before"
        pacer.query_one("#rounds", Input).value = "5"
        pacer.start()  # distress before left out
        await pilot.pause()
        clock.advance(3.5)
        pacer.tick()
        await pilot.pause()
        assert "Breathe out   6" in screen_text(app)  # no hold in 3-0-6
        clock.advance(14)
        await pilot.press("escape")
        await pilot.pause()
        assert "Stopped after 1 of 5 rounds" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SkillsScreen)
    with stored(vault_paths, clock) as ws:
        [p] = ws.practices.newest_first()
    assert (p.before, p.after, p.helped) == (None, None, None)
    assert p.details["pattern"] == "custom" and p.details["phases"] == [3, 0, 6, 0]
    assert (p.details["completed_rounds"], p.details["seconds"]) == (1, 18)


async def test_pacer_escape_before_starting_saves_nothing(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_skills(pilot)
        await pilot.press("b", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SkillsScreen)
        assert len(app.workspace.practices) == 0


async def test_grounding_step_by_step_is_saved_with_before_and_after(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_skills(pilot)
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, GroundingScreen)
        await pilot.press("1", "0")  # "1" then "0" makes 10
        await pilot.pause()
        assert "10/10" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Five things you can see" in screen_text(app)
        for thing in ("lamp", "window", "mug", "plant", "door"):
            await pilot.press(*thing, "enter")
        await pilot.pause()
        assert "Four things you can touch" in screen_text(app)
        await pilot.press(*"desk", "enter", "enter")  # an empty line moves on
        await pilot.pause()
        text = screen_text(app)
        assert "Three things you can hear" in text and "(0 of 3)" in text
        await pilot.press(*"rain", "enter", "enter")
        await pilot.press("enter")  # nothing to smell
        await pilot.press(*"mint", "enter")
        await pilot.pause()
        assert "You noticed 8 things around you" in screen_text(app)
        await pilot.press("4", "tab", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SkillsScreen)
    with stored(vault_paths, clock) as ws:
        [p] = ws.practices.newest_first()
    assert (p.skill_id, p.before, p.after, p.helped) == ("grounding-5-4-3-2-1", 10, 4, "quite_a_bit")
    assert p.details == {"kind": "grounding", "see": ["lamp", "window", "mug", "plant", "door"],
                         "touch": ["desk"], "hear": ["rain"], "smell": [], "taste": ["mint"]}


async def _type_into(pilot, widget_id: str, text: str) -> None:
    pilot.app.screen.query_one(widget_id).focus()
    await pilot.pause()
    await pilot.press(*text)


async def test_thought_record_is_saved_viewed_in_full_and_edited(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        skills = await open_skills(pilot)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ThoughtRecordScreen)
        # Nothing but the distress: a clear message, nothing saved.
        await pilot.press("8", "ctrl+s")
        await pilot.pause()
        assert "Write down the thought you want to look at" in screen_text(app)
        assert len(app.workspace.practices) == 0

        await _type_into(pilot, "#situation", "Friend didn't reply")
        await _type_into(pilot, "#thought", "They are angry with me")
        await _type_into(pilot, "#emo-name-0", "Anxious")
        await _type_into(pilot, "#emo-before-0", "80")
        await _type_into(pilot, "#emo-name-1", "sad")
        await _type_into(pilot, "#emo-before-1", "50")
        traps = screen.query_one("#distortions", SelectionList)
        traps.focus()
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "space")  # mind reading
        await pilot.pause()
        assert "without checking" in screen_text(app)  # the highlighted trap is explained
        await _type_into(pilot, "#evidence-for", "No reply for a day")
        await _type_into(pilot, "#evidence-against", "She is travelling")
        await _type_into(pilot, "#balanced", "She is probably busy")
        await pilot.pause()
        assert "Anxious" in screen_text(app)  # the re-rate row is labelled with the emotion
        await _type_into(pilot, "#emo-after-0", "30")
        screen.query_one("#after").focus()
        await pilot.press("4", "tab", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is skills

        [p] = app.workspace.practices.newest_first()
        assert (p.skill_id, p.before, p.after, p.helped, p.situation) == (
            "thought-record", 8, 4, "quite_a_bit", "Friend didn't reply")
        assert p.details == {
            "kind": "thought_record", "thought": "They are angry with me",
            "emotions": [{"name": "anxious", "before": 80, "after": 30}, {"name": "sad", "before": 50, "after": None}],
            "distortions": ["mind-reading"], "evidence_for": "No reply for a day",
            "evidence_against": "She is travelling", "balanced": "She is probably busy",
        }

        # Viewed in full from the log.
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        for shown in ("They are angry with me", "anxious: 80 → 30", "sad: 50 → –", "Mind reading",
                      "No reply for a day", "She is travelling", "She is probably busy", "before 8  →  after 4"):
            assert shown in text, shown
        # Edited from the view.
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ThoughtRecordScreen) and app.screen.practice is not None
        app.screen.query_one("#balanced", TextArea).load_text("She will reply when she can")
        await pilot.press("ctrl+s")
        await pilot.pause()
    with stored(vault_paths, clock) as ws:
        [again] = ws.practices.newest_first()
    assert again.version == 2 and again.details["balanced"] == "She will reply when she can"
    assert again.at == p.at and again.details["emotions"] == p.details["emotions"]


async def test_thought_record_draft_survives_auto_lock(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_skills(pilot)
        await pilot.press("r")
        await pilot.pause()
        await _type_into(pilot, "#thought", "Nobody likes me")
        app.action_lock()
        await pilot.pause()
        assert not app.unlocked
        await unlock(pilot)
        await pilot.press("s", "r")
        await pilot.pause()
        assert isinstance(app.screen, ThoughtRecordScreen)
        assert app.screen.query_one("#thought", TextArea).text == "Nobody likes me"
        assert "Draft restored" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # leave, keeping the draft
        await pilot.pause()
        assert app.workspace.drafts.get("skill-thought-record").data["thought"] == "Nobody likes me"
