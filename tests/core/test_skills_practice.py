"""The practice log on a real vault: every field stored, filters, edit/delete, the on_logged hook."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.skills.catalogue import SkillDraft
from companion_tui.core.skills.practice import PracticeDraft, parse_helped

NOW = datetime(2026, 3, 14, 21, 30, tzinfo=timezone(timedelta(hours=1)))

THOUGHT_RECORD = {
    "kind": "thought_record",
    "thought": "They think I'm useless",
    "emotions": [{"name": "Anxious", "before": "80", "after": 40}, {"name": "ashamed", "before": 60}],
    "distortions": ["mind-reading", "all-or-nothing"],
    "evidence_for": "Nobody replied",
    "evidence_against": "They thanked me last week",
    "balanced": "They may just be busy",
}


@pytest.fixture
def ws(workspace):
    workspace.practices.clock = lambda: NOW
    return workspace


def test_every_field_is_stored_and_survives_reopening(ws, open_workspace) -> None:
    p = ws.practices.add(PracticeDraft(
        skill_id="thought-record", at=NOW - timedelta(days=2), situation="After the meeting", before="8",
        after=5, helped="Quite a bit", notes="Writing it down helped", therapy=True, details=THOUGHT_RECORD,
    ))
    assert (p.before, p.after, p.drop, p.helped, p.helped_label, p.therapy, p.kind) == (
        8, 5, 3, "quite_a_bit", "quite a bit", True, "thought_record")
    # Details are cleaned: emotions lower-cased, numbers as ints, traps in catalogue order.
    assert p.details["emotions"] == [{"name": "anxious", "before": 80, "after": 40},
                                     {"name": "ashamed", "before": 60, "after": None}]
    assert p.details["distortions"] == ["all-or-nothing", "mind-reading"]
    ws.close()
    again = open_workspace().practices.get(p.id)
    assert again == p
    assert again.at == NOW - timedelta(days=2)


def test_grounding_and_breathing_details(ws) -> None:
    g = ws.practices.add(PracticeDraft(skill_id="grounding-5-4-3-2-1", before=6, after=3, details={
        "kind": "grounding", "see": ["lamp", " ", "window"], "touch": ["desk"], "hear": [], "smell": ["tea"],
        "taste": ["mint"]}))
    assert g.details["see"] == ["lamp", "window"] and g.details["hear"] == []
    b = ws.practices.add(PracticeDraft(skill_id="box-breathing", details={
        "kind": "breathing", "pattern": "box", "phases": [4, 4, 4, 4], "rounds": 4, "completed_rounds": 4,
        "seconds": 64}))
    assert b.details["seconds"] == 64
    with pytest.raises(ValidationError) as exc:
        ws.practices.add(PracticeDraft(skill_id="grounding-5-4-3-2-1", details={"kind": "grounding",
                                                                                "taste": ["a", "b"]}))
    assert "details.taste" in exc.value.errors
    with pytest.raises(ValidationError) as exc:
        ws.practices.add(PracticeDraft(skill_id="thought-record", details={**THOUGHT_RECORD,
                                                                           "distortions": ["nonsense"]}))
    assert "details.distortions" in exc.value.errors
    with pytest.raises(ValidationError):
        ws.practices.add(PracticeDraft(skill_id="box-breathing", details={"kind": "juggling"}))


def test_validation_reports_every_problem_and_writes_nothing(ws) -> None:
    with pytest.raises(ValidationError) as exc:
        ws.practices.add(PracticeDraft(skill_id="nope", before=11, after="-1", helped="hugely",
                                       at=NOW + timedelta(days=1), notes="x" * 20_001))
    assert set(exc.value.errors) == {"skill", "before", "after", "helped", "at", "notes"}
    with pytest.raises(ValidationError) as exc:
        ws.practices.add(PracticeDraft())
    assert "Choose the skill" in exc.value.errors["skill"]
    assert len(ws.practices) == 0 and ws.vault.store.count("practices") == 0


def test_parse_helped() -> None:
    assert parse_helped("A LOT") == "a_lot"
    assert parse_helped("quite-a-bit") == "quite_a_bit"
    assert parse_helped("not at all") == "not_at_all"
    assert parse_helped("2") == "a_little"
    assert parse_helped("") is None and parse_helped(None) is None
    with pytest.raises(ValueError):
        parse_helped("5")


def test_update_and_delete(ws, open_workspace) -> None:
    p = ws.practices.add(PracticeDraft(skill_id="urge-surfing", before=7))
    new = ws.practices.update(p.id, PracticeDraft(skill_id="urge-surfing", before=7, after=2, helped="a lot",
                                                  at=NOW - timedelta(days=1)))
    assert (new.version, new.after, new.created) == (2, 2, p.created)
    other = ws.practices.add(PracticeDraft(skill_id="body-scan"))
    ws.practices.delete(other.id)
    with pytest.raises(NotFound):
        ws.practices.get(other.id)
    ws.close()
    again = open_workspace()
    assert [x.id for x in again.practices.newest_first()] == [p.id]
    assert again.practices.get(p.id) == new


def test_filter_by_skill_category_date_and_therapy(ws) -> None:
    own = ws.skills.add(SkillDraft(name="Walk round the block", category="activity"))
    days = {"box-breathing": 1, "paced-breathing": 3, "urge-surfing": 5, own.id: 8}
    made = {sid: ws.practices.add(PracticeDraft(skill_id=sid, at=NOW - timedelta(days=d), therapy=d == 5))
            for sid, d in days.items()}
    log = ws.practices
    assert [p.skill_id for p in log.newest_first()] == list(days)
    assert [p.id for p in log.filter(skill_id="urge-surfing")] == [made["urge-surfing"].id]
    assert {p.skill_id for p in log.filter(category="breathing")} == {"box-breathing", "paced-breathing"}
    assert [p.skill_id for p in log.filter(category="activity")] == [own.id]
    first, last = (NOW - timedelta(days=5)).date(), (NOW - timedelta(days=3)).date()
    assert [p.skill_id for p in log.filter(first=first, last=last)] == ["paced-breathing", "urge-surfing"]
    assert [p.skill_id for p in log.filter(therapy=True)] == ["urge-surfing"]
    assert log.last_for("box-breathing") == made["box-breathing"]
    assert log.last_for("body-scan") is None


def test_on_logged_observers_see_new_practices_only(ws) -> None:
    seen: list = []
    ws.practices.on_logged.append(seen.append)
    p = ws.practices.add(PracticeDraft(skill_id="box-breathing", before=5, after=3))
    ws.practices.update(p.id, PracticeDraft(skill_id="box-breathing", before=5, after=2))
    with pytest.raises(ValidationError):
        ws.practices.add(PracticeDraft(skill_id="nope"))
    assert seen == [p]


def test_observer_error_propagates_but_practice_is_saved(ws) -> None:
    def broken(practice):
        raise RuntimeError("goal store unavailable")

    ws.practices.on_logged.append(broken)
    with pytest.raises(RuntimeError):
        ws.practices.add(PracticeDraft(skill_id="box-breathing"))
    assert len(ws.practices) == 1 and ws.vault.store.count("practices") == 1


def test_practice_of_an_archived_skill_still_resolves(ws) -> None:
    own = ws.skills.add(SkillDraft(name="My thing", category="other"))
    p = ws.practices.add(PracticeDraft(skill_id=own.id))
    ws.skills.archive(own.id)
    assert ws.skills.name_of(p.skill_id) == "My thing"
    assert ws.practices.filter(category="other") == [p]
    assert date(2026, 3, 14) == p.day
