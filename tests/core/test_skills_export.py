"""Skills and practices in the JSON export, and their re-import."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from companion_tui.core.exchange.document import export_json, import_counts, parse_export
from companion_tui.core.exchange.sections.skills import PRACTICE_FIELDS, SKILL_FIELDS
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.skills.catalogue import SkillDraft
from companion_tui.core.skills.practice import PracticeDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.vault import FLOOR_PARAMS

NOW = datetime(2026, 3, 14, 21, 30, tzinfo=timezone(timedelta(hours=1)))
RECORD = {"kind": "thought_record", "thought": "I'll fail", "emotions": [{"name": "scared", "before": 70, "after": 30}],
          "distortions": ["fortune-telling"], "evidence_for": "a", "evidence_against": "b", "balanced": "c"}


@pytest.fixture
def filled(workspace):
    ws = workspace
    ws.clock = ws.practices.clock = lambda: NOW
    own = ws.skills.add(SkillDraft(name="Safe place", category="grounding", when="w", steps="one\ntwo", minutes=5,
                                   exercise="breathing:paced"))
    ws.skills.archive("worry-time")
    ws.practices.add(PracticeDraft(skill_id=own.id, at=NOW - timedelta(days=1), before=6, after=2, helped="a_lot",
                                   situation="s", notes="n", therapy=True))
    ws.practices.add(PracticeDraft(skill_id="thought-record", at=NOW - timedelta(days=3), details=RECORD))
    ws.practices.add(PracticeDraft(skill_id="grounding-5-4-3-2-1", at=NOW - timedelta(days=2), before=5,
                                   details={"kind": "grounding", "see": ["lamp"], "taste": ["tea"]}))
    return ws


@pytest.fixture
def empty(tmp_path):
    _vault, ws, _key = LockedVault.create(Paths(tmp_path / "empty"), "another passphrase", FLOOR_PARAMS)
    ws.clock = lambda: NOW
    yield ws
    ws.close()


def test_export_holds_own_skills_archive_state_and_every_practice_field(filled) -> None:
    data = json.loads(json.dumps(export_json(filled)))
    [skill] = data["skills"]
    assert tuple(skill) == SKILL_FIELDS
    assert (skill["name"], skill["steps"], skill["exercise"]) == ("Safe place", ["one", "two"], "breathing:paced")
    assert data["archived_builtin_skills"] == ["worry-time"]
    practices = data["practices"]
    assert all(tuple(p) == PRACTICE_FIELDS for p in practices)
    assert [p["skill"] for p in practices] == ["thought-record", "grounding-5-4-3-2-1", skill["id"]]  # oldest first
    assert [p["skill_name"] for p in practices] == ["Challenge a thought", "5-4-3-2-1 senses", "Safe place"]
    mine = practices[2]
    assert (mine["before"], mine["after"], mine["helped"], mine["situation"], mine["notes"], mine["therapy"]) == (
        6, 2, "a_lot", "s", "n", True)
    assert practices[0]["details"]["balanced"] == "c"


def test_round_trip_into_an_empty_vault_and_again_adds_nothing(filled, empty) -> None:
    data = json.loads(json.dumps(export_json(filled)))
    counts = import_counts(empty, data)
    assert counts["skills"] == (1, 1) and counts["practices"] == (3, 3)
    again = export_json(empty)
    for key in ("skills", "archived_builtin_skills", "practices"):
        assert again[key] == data[key]
    assert import_counts(empty, data)["practices"] == (0, 3)
    assert empty.vault.store.count("practices") == 3
    assert empty.vault.store.count("skills") == 2  # the own skill and worry-time's archive state


def test_an_export_without_skill_sections_still_imports(empty) -> None:
    counts = import_counts(empty, {"format": "companion-export", "version": 1, "checkins": []})
    assert "practices" not in counts and "skills" not in counts  # none in the file: not reported


def _base(**sections) -> dict:
    return {"format": "companion-export", "version": 1, "checkins": [], **sections}


GOOD = {"id": "b" * 32, "skill": "box-breathing", "at": "2026-03-01T10:00:00+01:00", "before": 5, "after": 3}


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        ({"practices": "nope"}, "'practices' must be a list"),
        ({"practices": [{**GOOD, "before": 12}]}, "Practice 1: Distress before is a whole number"),
        ({"practices": [{**GOOD, "helped": "enormously"}]}, "Practice 1: How much it helped"),
        ({"practices": [{**GOOD, "id": "xyz"}]}, "Practice 1: its id is missing"),
        ({"practices": [{**GOOD, "at": "yesterday"}]}, "Practice 1: 'at' is not an ISO date"),
        ({"practices": [GOOD, GOOD]}, "Practice 2: its id appears twice"),
        ({"practices": [{**GOOD, "details": {"kind": "grounding", "taste": ["a", "b"]}}]}, "Up to 1 things"),
        ({"skills": [{"id": "c" * 32, "name": "", "category": "other"}]}, "Skill 1: Give the skill a name"),
        ({"archived_builtin_skills": ["not-a-skill"]}, "not built-in skills"),
    ],
)
def test_bad_sections_are_rejected_before_anything_is_written(empty, sections, expected) -> None:
    data = _base(checkins=[{"id": "a" * 32, "score": 5, "at": "2026-03-01T10:00:00+01:00"}], **sections)
    with pytest.raises(ValidationError) as exc:
        parse_export(data, NOW)
    assert expected in str(exc.value)
    with pytest.raises(ValidationError):
        import_counts(empty, data)
    assert empty.vault.store.count("checkins") == 0 and empty.vault.store.count("practices") == 0


def test_a_practice_of_an_unknown_skill_is_rejected_on_import(empty) -> None:
    data = _base(practices=[{**GOOD, "skill": "d" * 32}])
    parse_export(data, NOW)  # without the vault, the skill can't be checked yet
    with pytest.raises(ValidationError) as exc:
        import_counts(empty, data)
    assert "not in your catalogue" in str(exc.value)
    assert len(empty.practices) == 0
