"""The generator's skills and practices (benchmarks/gen_skills.py): about three practices a week,
thought records among them, valid, deterministic, agreeing with the shared life."""

from __future__ import annotations

from collections import Counter
from datetime import date

from benchmarks.generate import GENERATORS, generate
from companion_tui.core.skills.practice import PracticeDraft
from companion_tui.core.skills.practice import validate as validate_practice
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths

END = date(2026, 11, 1)
SECRET = "generator skills test"


def _practices(home):
    ws = LockedVault.open(Paths(home)).unlock(SECRET)
    try:
        assert ws.problems == []
        return ws.practices.newest_first(), ws.skills.own(), ws
    finally:
        ws.vault.close()


def test_about_three_practices_a_week_with_thought_records(tmp_path) -> None:
    assert [rt.name for rt in GENERATORS][:3] == ["checkins", "skills", "practices"]
    result = generate(tmp_path / "a", 1, seed=3, end=END, secret=SECRET)
    again = generate(tmp_path / "b", 1, seed=3, end=END, secret=SECRET)
    other = generate(tmp_path / "c", 1, seed=4, end=END, secret=SECRET)
    assert result.digests["practices"] == again.digests["practices"]
    assert result.digests["practices"] != other.digests["practices"]

    practices, own, ws = _practices(tmp_path / "a")
    per_week = len(practices) / (365.25 / 7)
    assert 2.3 <= per_week <= 4.0, per_week
    assert result.counts["skills"] == len(own) == 2
    kinds = Counter(p.kind for p in practices)
    assert kinds["thought_record"] >= 0.05 * len(practices)
    record = next(p for p in practices if p.kind == "thought_record")
    assert record.details["thought"] and record.details["emotions"] and record.skill_id == "thought-record"
    assert sum(p.before is not None for p in practices) > 0.7 * len(practices)
    assert sum(p.drop is not None for p in practices) > 0.6 * len(practices)
    assert any(p.skill_id in {s.id for s in own} for p in practices)
    # Every practice is one the app itself would accept.
    known = {"thought-record"} | {s.id for s in ws.skills.all(include_archived=True)}
    for p in practices[:200]:
        validate_practice(PracticeDraft(p.skill_id, p.at, p.situation, p.before, p.after, p.helped, p.notes,
                                        p.therapy, p.details), ws.clock(), known)
