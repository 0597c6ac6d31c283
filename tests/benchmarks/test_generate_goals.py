"""The generator's goals, ticks and weekly reviews (benchmarks/gen_goals.py): goals that change
over the years, about 500 ticks a year, valid, deterministic, agreeing with the shared life."""

from __future__ import annotations

from collections import Counter
from datetime import date

from benchmarks.generate import GENERATORS, generate
from companion_tui.core.goals.weeks import progress, week_grid
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths

END = date(2026, 11, 1)
SECRET = "generator goals test"


def test_goals_change_over_the_years_with_about_500_ticks_a_year(tmp_path) -> None:
    names = [rt.name for rt in GENERATORS]
    assert names.index("goals") < names.index("ticks") < names.index("reviews")
    result = generate(tmp_path / "a", 2, seed=5, end=END, secret=SECRET)
    again = generate(tmp_path / "b", 2, seed=5, end=END, secret=SECRET)
    assert {k: result.digests[k] for k in ("goals", "ticks", "reviews")} == \
        {k: again.digests[k] for k in ("goals", "ticks", "reviews")}

    ws = LockedVault.open(Paths(tmp_path / "a")).unlock(SECRET)
    try:
        assert ws.problems == []
        goals, ticks, reviews = ws.goals.all(), ws.goals.ticks(), ws.reviews.all()
        assert 350 <= len(ticks) / 2 <= 650, len(ticks)
        statuses = Counter(g.status for g in goals)
        assert statuses["done"] + statuses["archived"] >= 3 and 1 <= statuses["active"] <= 4
        assert any(len(g.eras) > 2 for g in goals)  # paused or adjusted along the way
        assert {g.target.kind for g in goals} >= {"weekly"}
        # Every tick is one the app itself would accept: on a day the goal existed, not in the future.
        by_id = {g.id: g for g in goals}
        assert len({(t.goal_id, t.day) for t in ticks}) == len(ticks)
        assert all(by_id[t.goal_id].start <= t.day <= END for t in ticks)
        assert all(t.at.date() == t.day for t in ticks)
        assert sum(r.skipped for r in reviews) < len(reviews) / 2 < len(reviews) - 10
        assert ws.goals.tick_count() == result.counts["ticks"]
        # The week grid and streaks work on it.
        grid = week_grid(ws.goals, END, 0, END)
        assert grid.rows and all(0 <= progress(ws.goals, r.goal, 0, END).strength <= 1 for r in grid.rows)
    finally:
        ws.close()
