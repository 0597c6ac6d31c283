"""Today's suggested skill: what it picks, and k starting it."""

from __future__ import annotations

from datetime import timedelta

from companion_tui.core.skills.catalogue import SkillDraft
from companion_tui.core.skills.practice import PracticeDraft
from companion_tui.tui.dialogs.skill_practice_form import PracticeFormScreen
from companion_tui.tui.panes.skills import SkillsScreen
from companion_tui.tui.panes.today import TodayScreen
from companion_tui.tui.screens.skill_pacer import PacerScreen
from companion_tui.tui.widgets.today_skill import TodaySkillCard, suggested_skill

from .conftest import screen_text, unlock
from .test_skills import fill


async def test_without_history_a_catalogue_skill_is_suggested_and_k_starts_it(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await unlock(pilot)
        assert isinstance(app.screen, TodayScreen)
        skill = suggested_skill(app.workspace, clock.now.date())
        assert skill is not None and skill.builtin
        text = screen_text(app)
        assert "A skill to try" in text and skill.name in text and "Something new to try" in text
        await pilot.press("k")
        await pilot.pause()
        assert app.current_mode == "skills"
        screen = app.screen
        if skill.exercise.startswith("breathing"):
            assert isinstance(screen, PacerScreen) and screen.skill.id == skill.id
        elif not skill.exercise:
            assert isinstance(screen, PracticeFormScreen) and screen.skill_id == skill.id
        else:
            assert screen.skill.id == skill.id

async def test_least_recently_practised_helpful_skill_is_suggested_and_refreshes(vault_paths, make_app, clock):
    now = clock.now
    fill(vault_paths, clock, practices=[
        PracticeDraft(skill_id="box-breathing", at=now - timedelta(days=9), before=7, after=3),
        PracticeDraft(skill_id="urge-surfing", at=now - timedelta(days=2), helped="a_lot"),
        PracticeDraft(skill_id="body-scan", at=now - timedelta(days=20), helped="not_at_all"),
    ])
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await unlock(pilot)
        text = screen_text(app)
        assert "Box breathing" in text and "Helped you before · last practised 9 days ago" in text
        assert "k start · breathing pacer" in text
        await pilot.press("k")
        await pilot.pause()
        pacer = app.screen
        assert isinstance(pacer, PacerScreen) and pacer.skill.id == "box-breathing"
        await pilot.press("6", "enter")
        clock.advance(70)
        pacer.tick()
        await pilot.pause()
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SkillsScreen)
        # Back on Today, box breathing was just practised: urge surfing is now the one to revisit.
        await pilot.press("d")
        await pilot.pause()
        card = app.screen.query_one(TodaySkillCard)
        assert "Urge surfing" in str(card.render())
        assert "Urge surfing" in screen_text(app)


async def test_archived_skills_are_not_suggested(vault_paths, make_app, clock):
    now = clock.now
    fill(vault_paths, clock, practices=[PracticeDraft(skill_id="urge-surfing", at=now - timedelta(days=3),
                                                      helped="a_lot")],
         skills=[SkillDraft(name="Walk the dog", category="activity")])
    app = make_app(vault_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert suggested_skill(app.workspace, now.date()).id == "urge-surfing"
        app.workspace.skills.archive("urge-surfing")
        assert suggested_skill(app.workspace, now.date()).id != "urge-surfing"
