"""The skill catalogue on a real vault, and the assets behind it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from companion_tui.core.kernel import assets
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.skills.catalogue import EXERCISES, SkillDraft, validate

REQUIRED_CATEGORIES = {"breathing", "grounding", "thinking", "feelings", "relationships", "self_compassion",
                       "activity", "body", "sleep"}
# Words that would make the content diagnostic or claim to be treatment.
NOT_OUR_VOICE = re.compile(r"\b(disorder|diagnos\w*|symptom\w*|patient|cure\w*|treat(ment)?)\b", re.I)


def test_assets_have_enough_skills_in_every_category() -> None:
    skills = assets.skills()
    assert len(skills) >= 15
    assert len({s.id for s in skills}) == len(skills)
    categories = dict(assets.skill_categories())
    assert {s.category for s in skills} >= REQUIRED_CATEGORIES
    for s in skills:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.id) and len(s.id) <= 32, s.id
        assert s.category in categories
        assert s.name and s.when and 2 <= len(s.steps) <= 8 and 1 <= s.minutes <= 60
        assert s.exercise in EXERCISES
        assert not NOT_OUR_VOICE.search(" ".join((s.name, s.when, *s.steps))), s.id
    names = {s.name.lower() for s in skills}
    for wanted in ("box breathing", "4-7-8 breathing", "slow paced breathing", "5-4-3-2-1 senses",
                   "feet on the floor", "challenge a thought", "decatastrophising", "name the emotion",
                   "urge surfing", "opposite action", "i-statements", "setting a boundary",
                   "asking for what you need", "self-compassion break", "one small pleasant activity",
                   "progressive muscle relaxation", "sleep wind-down"):
        assert wanted in names
    exercises = Counter(s.exercise for s in skills if s.exercise)
    assert {"breathing:box", "breathing:4-7-8", "breathing:paced", "grounding", "thought_record"} <= set(exercises)


def test_distortions_asset() -> None:
    items = assets.distortions()
    assert len(items) >= 12
    assert len({d.id for d in items}) == len(items)
    for d in items:
        assert d.name and len(d.explanation) > 20 and len(d.example) > 10
        assert not NOT_OUR_VOICE.search(d.explanation + d.example)
    ids = {d.id for d in items}
    assert {"all-or-nothing", "overgeneralising", "mental-filter", "discounting-the-positive", "mind-reading",
            "fortune-telling", "catastrophising", "emotional-reasoning", "should-statements", "labelling",
            "personalising", "blaming-others"} <= ids


def test_catalogue_lists_builtins_in_category_order(workspace) -> None:
    skills = workspace.skills.all()
    assert len(skills) == len(assets.skills())
    order = [c for c, _ in assets.skill_categories()]
    positions = [order.index(s.category) for s in skills]
    assert positions == sorted(positions)
    assert all(s.builtin and not s.archived for s in skills)
    assert workspace.skills.get("box-breathing").name == "Box breathing"
    with pytest.raises(NotFound):
        workspace.skills.get("no-such-skill")


def test_own_skill_add_edit_archive_survive_reopening(workspace, open_workspace) -> None:
    cat = workspace.skills
    mine = cat.add(SkillDraft(name="  Safe  place  ", category="grounding", when="Before bed",
                              steps="Picture the place\n\n  Notice the colours ", minutes="7"))
    assert (mine.name, mine.steps, mine.minutes, mine.builtin, mine.version) == (
        "Safe place", ("Picture the place", "Notice the colours"), 7, False, 1)
    edited = cat.update(mine.id, SkillDraft(name="Safe place", category="grounding", steps=("Picture it",),
                                            exercise="breathing:paced"))
    assert (edited.version, edited.steps, edited.exercise, edited.created) == (2, ("Picture it",), "breathing:paced",
                                                                                 mine.created)
    archived = cat.archive(mine.id)
    cat.archive("urge-surfing")
    assert archived.archived and archived.version == 3
    assert mine.id not in {s.id for s in cat.all()}
    assert {mine.id, "urge-surfing"} <= {s.id for s in cat.all(include_archived=True)}
    workspace.close()

    again = open_workspace().skills
    assert again.get(mine.id) == archived
    assert again.get("urge-surfing").archived
    assert again.archived_builtin() == ["urge-surfing"]
    restored = again.archive("urge-surfing", archived=False)
    assert not restored.archived
    # One record per built-in's state, however often it is toggled; its row id is random.
    rows = again._records.store.rows("skills")
    assert len(rows) == 2
    assert all(re.fullmatch(r"[0-9a-f]{32}", r.id) for r in rows)


def test_builtins_cannot_be_edited_and_names_are_unique(workspace) -> None:
    cat = workspace.skills
    with pytest.raises(ValidationError) as exc:
        cat.update("box-breathing", SkillDraft(name="Mine", category="breathing"))
    assert "Built-in" in exc.value.errors["skill"]
    with pytest.raises(ValidationError) as exc:
        cat.add(SkillDraft(name="BOX breathing", category="breathing"))
    assert "already a skill called 'Box breathing'" in exc.value.errors["name"]
    assert len(cat.own()) == 0


def test_validation_reports_every_problem() -> None:
    with pytest.raises(ValidationError) as exc:
        validate(SkillDraft(name="", category="nope", steps=("x" * 401,), minutes="ten", exercise="juggling"))
    assert set(exc.value.errors) == {"name", "category", "steps", "minutes", "exercise"}
    with pytest.raises(ValidationError) as exc:
        validate(SkillDraft(name="a\x00b", category="other", minutes=0))
    assert set(exc.value.errors) == {"name", "minutes"}


def test_find_matches_names_case_insensitively(workspace) -> None:
    cat = workspace.skills
    assert [s.id for s in cat.find("BOX BREATHING")] == ["box-breathing"]
    assert [s.id for s in cat.find("box-breathing")] == ["box-breathing"]
    assert {s.id for s in cat.find("breathing")} == {"box-breathing", "breathing-4-7-8", "paced-breathing"}
    assert [s.id for s in cat.find("urge")] == ["urge-surfing"]
    assert cat.find("juggling") == [] and cat.find("  ") == []
    cat.archive("urge-surfing")
    assert [s.id for s in cat.find("urge")] == ["urge-surfing"]  # archived skills can still be named
