"""`companion goal add | list | tick` in a subprocess, on a real vault."""

from __future__ import annotations

from datetime import date, timedelta

from companion_tui.core.goals.book import GoalDraft, Target
from companion_tui.core.workspace import LockedVault


def stored(vault):
    ws = LockedVault.open(vault.paths).unlock_with_recovery(vault.recovery_key)
    try:
        return ws.goals.all(), ws.goals.ticks()
    finally:
        ws.close()


def test_add_with_each_kind_of_target(cli, vault) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    r1 = cli("goal", "add", "Walk 20 minutes", "--per-week", "3", "--category", "self care",
             "--why", "clears my head", **env)
    r2 = cli("goal", "add", "Take my meds", "--daily", "--category", "healthy", **env)
    r3 = cli("goal", "add", "Book the dentist", "--once", "--start", "2026-01-05", **env)
    assert (r1.code, r2.code, r3.code) == (0, 0, 0), (r1.err, r2.err, r3.err)
    assert "Added “Walk 20 minutes”: 3× a week, self-care" in r1.out
    goals, _ = stored(vault)
    assert [(g.title, g.target, g.category) for g in goals] == [
        ("Walk 20 minutes", Target.weekly(3), "self-care"),
        ("Take my meds", Target.daily(), "healthy habits"),
        ("Book the dentist", Target.once(), "other"),
    ]
    assert goals[0].why == "clears my head" and goals[2].start == date(2026, 1, 5)


def test_add_links_a_skill_by_name(cli, vault) -> None:
    r = cli("goal", "add", "Breathe slowly", "--daily", "--skill", "box breathing",
            COMPANION_PASSPHRASE=vault.passphrase)
    assert r.code == 0, r.err
    assert "linked to Box breathing" in r.out
    [goal], _ = stored(vault)
    assert goal.skill_id
    unknown = cli("goal", "add", "X", "--skill", "juggling", COMPANION_PASSPHRASE=vault.passphrase)
    assert "No skill matches" in unknown.one_line_error()


def test_fourth_goal_gets_the_gentle_note_and_is_added(cli, vault, open_workspace) -> None:
    ws = open_workspace()
    for title in ("One", "Two", "Three"):
        ws.goals.add(GoalDraft(title=title))
    ws.close()
    r = cli("goal", "add", "Four", COMPANION_PASSPHRASE=vault.passphrase)
    assert r.code == 0
    assert "Small steps tend to work better" in r.err and "anyway" in r.err
    assert len(stored(vault)[0]) == 4


def test_bad_input_is_one_clear_line_before_the_vault_is_opened(cli, vault, digest) -> None:
    before = digest(vault.paths.vault)
    # No passphrase given: these must fail on the input alone.
    assert "from 1 to 7" in cli("goal", "add", "Walk", "--per-week", "9").one_line_error()
    assert "no goal category" in cli("goal", "add", "Walk", "--category", "chores").one_line_error()
    assert "YYYY-MM-DD" in cli("goal", "tick", "Walk", "--day", "yesterday").one_line_error()
    assert "short title" in cli("goal", "add", "   ").one_line_error()
    assert cli("goal", "add", "W", "--daily", "--once").code == 2  # usage
    assert digest(vault.paths.vault) == before


def test_tick_matches_titles_case_insensitively_and_undo(cli, vault, open_workspace) -> None:
    ws = open_workspace()
    walk = ws.goals.add(GoalDraft(title="Walk 20 minutes", per_week=3, start=date.today() - timedelta(days=14)))
    ws.goals.add(GoalDraft(title="Walk the dog"))
    ws.close()
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    yesterday = date.today() - timedelta(days=1)

    r = cli("goal", "tick", "walk 20 MINUTES", **env)
    assert r.code == 0, r.err
    assert "Ticked “Walk 20 minutes” for today" in r.out
    again = cli("goal", "tick", "walk 20", **env)
    assert "already ticked" in again.out
    back = cli("goal", "tick", "WALK 20", "--day", yesterday.isoformat(), **env)
    assert back.code == 0 and f"{yesterday:%a %-d %b %Y}" in back.out
    _, ticks = stored(vault)
    assert sorted(t.day for t in ticks) == [yesterday, date.today()]
    assert {t.goal_id for t in ticks} == {walk.id} and {t.source for t in ticks} == {"cli"}

    undo = cli("goal", "tick", "walk 20", "--undo", **env)
    assert undo.code == 0 and "Removed the tick" in undo.out
    assert [t.day for t in stored(vault)[1]] == [yesterday]


def test_tick_unknown_ambiguous_and_future(cli, vault, open_workspace) -> None:
    ws = open_workspace()
    ws.goals.add(GoalDraft(title="Walk 20 minutes"))
    ws.goals.add(GoalDraft(title="Walk the dog"))
    ws.close()
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    assert "No goal called “swim”" in cli("goal", "tick", "swim", **env).one_line_error()
    line = cli("goal", "tick", "walk", **env).one_line_error()
    assert "matches 2 goals" in line and "Walk the dog" in line
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert "hasn't happened yet" in cli("goal", "tick", "dog", "--day", tomorrow, **env).one_line_error()


def test_list_shows_this_weeks_grid(cli, vault, open_workspace) -> None:
    ws = open_workspace()
    today = date.today()
    walk = ws.goals.add(GoalDraft(title="Walk 20 minutes", per_week=1, start=today - timedelta(days=30)))
    ws.goals.tick(walk.id, today)
    paused = ws.goals.add(GoalDraft(title="Yoga"))
    ws.goals.set_status(paused.id, "paused")
    ws.close()

    r = cli("goal", "list", COMPANION_PASSPHRASE=vault.passphrase)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("This week · ")
    row = next(line for line in lines if line.startswith("Walk 20 minutes"))
    assert "[x]" in row and "1/1" in row and "met ✓" in row
    assert f"{today:%a}"[:2] + "*" in lines[1]
    assert "Paused: Yoga." in r.out
    older = cli("goal", "list", "--week", (today - timedelta(days=7)).isoformat(), COMPANION_PASSPHRASE=vault.passphrase)
    assert "Last week · " in older.out and "0/1" in older.out


def test_list_on_an_empty_vault_says_how_to_start(cli, vault) -> None:
    r = cli("goal", "list", COMPANION_PASSPHRASE=vault.passphrase)
    assert r.code == 0 and "No goals this week" in r.out and "companion goal add" in r.out
