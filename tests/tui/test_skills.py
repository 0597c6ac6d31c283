"""The Skills pane with Pilot: catalogue, own skills, the practice log (filter, view, edit, delete), what works."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input, Select

from companion_tui.core.skills.practice import PracticeDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.dialogs.skill_form import SkillFormScreen
from companion_tui.tui.dialogs.skill_practice_form import PracticeFormScreen
from companion_tui.tui.dialogs.skill_practice_view import PracticeViewScreen
from companion_tui.tui.panes.skills import SkillsScreen

from .conftest import PASSPHRASE, screen_text
from .test_skills_exercises import open_skills, stored


def fill(paths, clock, practices=(), skills=()):
    vault = LockedVault.open(paths)
    try:
        ws = vault.unlock(PASSPHRASE, clock=clock)
        made = [ws.skills.add(s) for s in skills]
        out = [ws.practices.add(p) for p in practices]
    finally:
        vault.close()
    return made, out


async def test_catalogue_shows_skills_by_category_and_details(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_skills(pilot)
        text = screen_text(app)
        assert "Breathing" in text and "Box breathing" in text and "Self-compassion" in text
        # The first skill is highlighted and described.
        assert "When it helps" in text and "Breathe in gently through your nose" in text
        assert "start the guided exercise" in text
        await pilot.press("down", "down", "down")  # past the 'Grounding' heading
        await pilot.pause()
        text = screen_text(app)
        assert "Name five things you can see" in text
        assert "not practised yet" in text


async def test_enter_on_a_skill_without_exercise_opens_the_log_form(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        skills = await open_skills(pilot)
        skills.query_one("#catalogue").select("feet-on-the-floor")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PracticeFormScreen)
        assert form.query_one("#skill", Select).value == "feet-on-the-floor"
        await pilot.press("6", "tab", "2", "tab", "3")  # before, after, helped
        form.query_one("#situation", Input).value = "on the bus"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is skills
        assert "Practice saved" in screen_text(app)
        assert "1 practice — too few to say" in screen_text(app)  # the catalogue now knows
    with stored(vault_paths, clock) as ws:
        [p] = ws.practices.newest_first()
    assert (p.skill_id, p.before, p.after, p.helped, p.situation) == ("feet-on-the-floor", 6, 2, "quite_a_bit",
                                                                      "on the bus")


async def test_log_form_back_dates_and_reports_bad_input(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_skills(pilot)
        await pilot.press("2", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PracticeFormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Choose the skill you practised" in screen_text(app)
        form.query_one("#skill", Select).value = "urge-surfing"
        form.query_one("#at", Input).value = "the day before"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Can't read “the day before”" in screen_text(app)
        day = (clock.now - timedelta(days=3)).date()
        form.query_one("#at", Input).value = f"{day} 08:15"
        form.query_one("#therapy").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SkillsScreen)
        assert f"{day}" in screen_text(app) and "★" in screen_text(app)
    with stored(vault_paths, clock) as ws:
        [p] = ws.practices.newest_first()
    assert p.at.date() == day and (p.at.hour, p.at.minute) == (8, 15) and p.therapy


async def test_log_filter_view_edit_and_delete_with_confirmation(vault_paths, make_app, clock):
    now = clock.now
    _, (box, urge, old) = fill(vault_paths, clock, practices=[
        PracticeDraft(skill_id="box-breathing", at=now - timedelta(days=1), before=7, after=4, helped="a_lot",
                      situation="before the exam"),
        PracticeDraft(skill_id="urge-surfing", at=now - timedelta(days=2), before=8, after=6, notes="hard one"),
        PracticeDraft(skill_id="paced-breathing", at=now - timedelta(days=40), before=5, after=5),
    ])
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        skills = await open_skills(pilot)
        await pilot.press("2")
        await pilot.pause()
        table = skills.query_one("#log-table", DataTable)
        assert table.row_count == 3
        assert "3 of 3 practices" in screen_text(app)
        # Filters: category, skill, dates.
        skills.query_one("#log-category", Select).value = "breathing"
        await pilot.pause()
        assert table.row_count == 2 and "2 of 3 practices" in screen_text(app)
        skills.query_one("#log-skill", Select).value = "paced-breathing"
        await pilot.pause()
        assert table.row_count == 1
        skills.query_one("#log-skill", Select).clear()
        skills.query_one("#log-category", Select).clear()
        skills.query_one("#log-from", Input).value = f"{(now - timedelta(days=7)).date()}"
        await pilot.pause()
        assert table.row_count == 2
        skills.query_one("#log-to", Input).value = "not a date"
        await pilot.pause()
        assert "date not understood" in screen_text(app)
        skills.query_one("#log-from", Input).value = ""
        skills.query_one("#log-to", Input).value = ""
        await pilot.pause()
        assert table.row_count == 3

        # View the newest, then edit it.
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticeViewScreen)
        text = screen_text(app)
        assert "Box breathing" in text and "before the exam" in text and "before 7  →  after 4  (down 3)" in text
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PracticeFormScreen) and form.practice.id == box.id
        form.query_one("#after").focus()
        await pilot.press("2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is skills
        assert app.workspace.practices.get(box.id).after == 2

        # Delete the second one: asked first; "no" keeps it, "yes" deletes it.
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete the practice of Urge surfing" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert len(app.workspace.practices) == 3
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert table.row_count == 2
        assert "Practice deleted" in screen_text(app)
    with stored(vault_paths, clock) as ws:
        ids = [p.id for p in ws.practices.newest_first()]
        assert ids == [box.id, old.id]
        assert ws.practices.get(box.id).version == 2
        assert ws.vault.store.count("practices") == 2


async def test_own_skill_add_edit_archive_restore(vault_paths, make_app, clock):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        skills = await open_skills(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SkillFormScreen)
        await pilot.press(*"Safe place")
        form.query_one("#category", Select).value = "grounding"
        form.query_one("#when", Input).value = "When memories pull me back"
        form.query_one("#steps").load_text("Picture the place\nNotice its colours")
        form.query_one("#minutes", Input).value = "6"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is skills
        text = screen_text(app)
        assert "Safe place (yours)" in text and "Picture the place" in text and "your own skill" in text
        [mine] = app.workspace.skills.own()

        await pilot.press("e")
        await pilot.pause()
        edit = app.screen
        assert isinstance(edit, SkillFormScreen) and edit.query_one("#name", Input).value == "Safe place"
        edit.query_one("#name", Input).value = "Box breathing"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already a skill called 'Box breathing'" in screen_text(app)
        edit.query_one("#name", Input).value = "Safe place imagery"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Safe place imagery (yours)" in screen_text(app)

        await pilot.press("x")
        await pilot.pause()
        assert "Safe place imagery" not in screen_text(app).split("╮", 1)[-1].split("│")[1]
        assert app.workspace.skills.get(mine.id).archived
        await pilot.press("h")
        await pilot.pause()
        skills.query_one("#catalogue").select(mine.id)
        await pilot.pause()
        assert "(archived)" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert not app.workspace.skills.get(mine.id).archived
        # Built-in skills can't be edited, but can be archived.
        skills.query_one("#catalogue").select("worry-time")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen is skills and "can't be edited" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
    with stored(vault_paths, clock) as ws:
        assert ws.skills.get(mine.id).name == "Safe place imagery"
        assert ws.skills.get("worry-time").archived


async def test_what_works_ranks_skills_and_charts_the_highlighted_one(vault_paths, make_app, clock):
    now = clock.now
    practices = [PracticeDraft(skill_id="urge-surfing", at=now - timedelta(days=d), before=8, after=3, helped="a_lot")
                 for d in (1, 5, 9)]
    practices += [PracticeDraft(skill_id="body-scan", at=now - timedelta(days=d), before=5, after=4,
                                helped="a_little") for d in (2, 3, 4)]
    practices += [PracticeDraft(skill_id="box-breathing", at=now - timedelta(days=6), before=9, after=1)]
    fill(vault_paths, clock, practices=practices)
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        skills = await open_skills(pilot)
        await pilot.press("3")
        await pilot.pause()
        table = skills.query_one("#works-table", DataTable)
        order = [table.coordinate_to_cell_key((r, 0)).row_key.value for r in range(table.row_count)]
        assert order == ["urge-surfing", "body-scan", "box-breathing"]
        text = screen_text(app)
        assert "−5.0" in text and "3/3" in text
        assert "distress down 5.0 on average; helped quite a bit or a lot 3 of 3 times" in text
        assert "before" in text and "after" in text and "█" in text  # the chart
        table.move_cursor(row=2)
        await pilot.pause()
        assert "1 practice — too few to say" in screen_text(app)
        await pilot.press("enter")  # back to the catalogue on that skill
        await pilot.pause()
        assert skills.tab == "catalogue"
        assert skills.query_one("#catalogue").highlighted.id == "box-breathing"
