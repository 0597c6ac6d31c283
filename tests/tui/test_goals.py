"""The Goals pane driven by Pilot: add (with the gentle cap note), tick, move weeks, edit,
pause, drafts. Each test checks what was stored and what is on screen."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input, Select

from companion_tui.core.goals.book import GoalDraft, Target
from companion_tui.core.workspace import LockedVault
from companion_tui.tui.dialogs.goal_form import GoalFormScreen
from companion_tui.tui.dialogs.goal_list import GoalListScreen
from companion_tui.tui.panes.goals import GoalsScreen

from .conftest import PASSPHRASE, screen_text, unlock


def seed(paths, clock, *drafts: GoalDraft, ticks: dict[int, list[date]] | None = None):
    """Put goals (and ticks by goal index) into the vault before the app opens it."""
    ws = LockedVault.open(paths).unlock(PASSPHRASE, clock=clock)
    try:
        goals = [ws.goals.add(d) for d in drafts]
        for i, days in (ticks or {}).items():
            for day in days:
                ws.goals.tick(goals[i].id, day)
        return goals
    finally:
        ws.close()


async def open_goals(pilot) -> GoalsScreen:
    await unlock(pilot)
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GoalsScreen)
    return pilot.app.screen


async def test_add_a_goal_from_the_goals_pane(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot)
        assert "No goals this week" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GoalFormScreen)
        assert "Small steps" not in screen_text(app)  # no cap note for a first goal
        await pilot.press(*"Walk 20 minutes", "tab", *"Clears my head")
        # How often: open the select and pick "3× a week" with the keyboard.
        app.screen.query_one("#often", Select).focus()
        await pilot.press("enter", "down", "down", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        [goal] = app.workspace.goals.all()
        assert (goal.title, goal.why, goal.target) == ("Walk 20 minutes", "Clears my head", Target.weekly(3))
        text = screen_text(app)
        assert "Walk 20 minutes" in text and "0/3" in text
        assert "Strength 0%" in text  # the one-sentence explanation is on screen


async def test_form_shows_validation_messages_and_stays_open(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#start", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalFormScreen)
        assert "YYYY-MM-DD" in screen_text(app)
        app.screen.query_one("#start", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "short title" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen) and len(app.workspace.goals) == 0


async def test_fourth_goal_gets_a_kind_note_and_can_go_ahead(vault_paths, make_app, clock):
    seed(vault_paths, clock, *(GoalDraft(title=t) for t in ("One", "Two", "Three")))
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot)
        await pilot.press("a")
        await pilot.pause()
        text = screen_text(app)
        assert "You already have 3 goals on the go" in text and "pause one" in text
        assert "Add anyway" in text
        await pilot.press(*"Four", "enter")
        await pilot.pause()
        assert len(app.workspace.goals.active()) == 4
        assert "Four" in screen_text(app)


async def test_tick_today_back_tick_and_future_days(vault_paths, make_app, clock):
    today = clock.now.date()
    [walk] = seed(vault_paths, clock, GoalDraft(title="Walk", per_week=3, start=today - timedelta(days=30)))
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_goals(pilot)
        await pilot.press("space")  # today is selected by default
        await pilot.pause()
        assert app.workspace.goals.days(walk.id) == {today}
        assert "1/3" in screen_text(app)
        await pilot.press("left", "space")  # back-tick yesterday
        await pilot.pause()
        assert app.workspace.goals.days(walk.id) == {today, today - timedelta(days=1)}
        assert "2/3" in screen_text(app)
        await pilot.press("right", "right", "space")  # tomorrow: kindly refused
        await pilot.pause()
        assert len(app.workspace.goals.days(walk.id)) == 2
        assert "hasn't happened yet" in screen_text(app)
        await pilot.press("left", "left", "space")  # untick yesterday
        await pilot.pause()
        assert app.workspace.goals.days(walk.id) == {today}
    ws = LockedVault.open(vault_paths).unlock(PASSPHRASE, clock=clock)
    try:
        assert [t.day for t in ws.goals.ticks()] == [today]
    finally:
        ws.close()


async def test_move_between_weeks_and_back_tick_a_past_week(vault_paths, make_app, clock):
    today = clock.now.date()
    last_week = today - timedelta(days=7)
    [walk] = seed(vault_paths, clock, GoalDraft(title="Walk", per_week=1, start=today - timedelta(days=60)),
                  ticks={0: [today - timedelta(days=14)]})
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot)
        assert "This week" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        text = screen_text(app)
        assert "Last week" in text and f"{last_week:%a}"[:2] in text and "0/1" in text
        await pilot.press("space")  # the same weekday last week
        await pilot.pause()
        assert last_week in app.workspace.goals.days(walk.id)
        assert "1/1 ✓" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "1/1 ✓" in screen_text(app)  # two weeks ago was met too
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert "This week" in screen_text(app)
        assert "2 weeks in a row" in screen_text(app)
        await pilot.press("right_square_bracket", "w")
        await pilot.pause()
        assert "This week" in screen_text(app)


async def test_edit_pause_and_the_all_goals_list(vault_paths, make_app, clock):
    today = clock.now.date()
    walk, read = seed(vault_paths, clock, GoalDraft(title="Walk", start=today - timedelta(days=3)),
                      GoalDraft(title="Read", start=today - timedelta(days=3)))
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot)
        await pilot.press("e")
        await pilot.pause()
        title = app.screen.query_one("#title", Input)
        assert title.value == "Walk"
        title.value = "Walk in the park"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.workspace.goals.get(walk.id).title == "Walk in the park"
        await pilot.press("down", "p")  # pause "Read"
        await pilot.pause()
        assert app.workspace.goals.get(read.id).status == "paused"
        assert "paused" in screen_text(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, GoalListScreen)
        assert "[paused]" in screen_text(app)
        await pilot.press("down", "p")  # resume from the list
        await pilot.pause()
        assert app.workspace.goals.get(read.id).status == "active"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)


async def test_an_unsaved_goal_form_becomes_a_draft_on_lock(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Half-typed goal")
        app.action_lock()  # what auto-lock does (ctrl+l is an app key, not active inside a dialog)
        await pilot.pause()
        assert not app.unlocked
        await pilot.press(*PASSPHRASE, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("g", "a")
        await pilot.pause()
        assert app.screen.query_one("#title", Input).value == "Half-typed goal"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.workspace.drafts.get("goal-form") is None
        assert [g.title for g in app.workspace.goals.all()] == ["Half-typed goal"]


async def test_palette_actions_open_the_form_and_the_review(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await app.run_action("pane('goals', 'add')")
        await pilot.pause()
        assert isinstance(app.screen, GoalFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        await app.run_action("pane('goals', 'review')")
        await pilot.pause()
        from companion_tui.tui.screens.goal_review import ReviewScreen

        assert isinstance(app.screen, ReviewScreen)
        assert "no active goals that week" in screen_text(app)
