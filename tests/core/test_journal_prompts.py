"""The prompt library: the shipped prompts, the prompt of the day, and a person's own changes."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from companion_tui.core.journal.prompts import builtin_categories, builtin_prompts
from companion_tui.core.kernel.errors import NotFound, ValidationError

DAY = date(2026, 3, 14)


def test_shipped_prompts_are_plentiful_varied_and_well_formed() -> None:
    prompts = builtin_prompts()
    categories = builtin_categories()
    assert len(prompts) >= 60
    assert len(categories) >= 7
    ids = [p.id for p in prompts]
    assert len(set(ids)) == len(ids)
    per_category = Counter(p.category for p in prompts)
    assert set(per_category) == {c.id for c in categories}
    assert min(per_category.values()) >= 6
    for p in prompts:
        assert re.fullmatch(r"[a-z-]+\.[a-z-]+", p.id), p.id
        assert p.id.startswith(p.category + ".")
        assert p.text.strip() == p.text and p.text[-1] in "?.", p.text
        assert len(p.text) < 140, p.id  # fits above the editor on a small screen
    labels = {c.label for c in categories}
    for needed in ("After a session", "Gratitude", "Self-compassion", "Questions for my therapist"):
        assert needed in labels


def test_prompts_never_diagnose_or_claim_to_be_therapy() -> None:
    words = " ".join(p.text.lower() for p in builtin_prompts())
    for banned in ("disorder", "diagnos", "symptom", "you are depressed", "this is therapy", "should feel"):
        assert banned not in words


def test_prompt_of_the_day_is_stable_and_rotates_categories(workspace) -> None:
    lib = workspace.prompts
    week = [lib.for_day(DAY + timedelta(days=i)) for i in range(len(lib.categories))]
    assert [lib.for_day(DAY + timedelta(days=i)) for i in range(len(lib.categories))] == week
    assert len({p.category for p in week}) == len(lib.categories)  # every category once per round


def test_prompt_of_the_day_does_not_repeat_soon(workspace) -> None:
    lib = workspace.prompts
    days = [lib.for_day(DAY + timedelta(days=i)).id for i in range(60)]
    assert len(set(days)) == 60


def test_prompt_of_the_day_skips_used_and_hidden(workspace) -> None:
    lib = workspace.prompts
    today = lib.for_day(DAY)
    assert lib.for_day(DAY, used_recently={today.id}) != today
    assert lib.for_day(DAY, used_recently={today.id}).category == today.category
    lib.set_hidden(today.id)
    assert lib.for_day(DAY) != today


def test_another_prompt_gives_distinct_alternatives(workspace) -> None:
    lib = workspace.prompts
    seen = [lib.for_day(DAY, skip=i).id for i in range(12)]
    assert len(set(seen)) == 12
    assert lib.for_day(DAY, skip=1).category != lib.for_day(DAY).category
    assert lib.for_day(DAY, skip=1000) is not None  # wraps around


def test_add_edit_hide_persist(workspace, open_workspace) -> None:
    lib = workspace.prompts
    mine = lib.add("gratitude", "  What made me   smile today? ")
    assert (mine.text, mine.builtin, mine.category) == ("What made me smile today?", False, "gratitude")
    edited = lib.edit("wins.today", "What went right today?")
    assert edited.edited and edited.text == "What went right today?"
    lib.set_hidden("open.room")
    lib.set_hidden(mine.id)
    lib.set_hidden(mine.id, False)
    workspace.close()

    ws = open_workspace()
    lib = ws.prompts
    assert lib.get(mine.id).text == "What made me smile today?"
    assert mine.id in [p.id for p in lib.in_category("gratitude")]
    assert lib.get("wins.today").text == "What went right today?"
    assert lib.get("open.room").hidden
    assert "open.room" not in [p.id for p in lib.all()]
    assert "open.room" in [p.id for p in lib.all(include_hidden=True)]
    # Editing back to the original wording drops the edit.
    original = next(p.text for p in builtin_prompts() if p.id == "wins.today")
    assert not lib.edit("wins.today", original).edited
    assert ws.vault.store.count("prompts") == 3
    assert b"What made me smile" not in ws.vault.paths.vault.read_bytes()


def test_invalid_prompts_are_refused(workspace) -> None:
    with pytest.raises(ValidationError):
        workspace.prompts.add("gratitude", "   ")
    with pytest.raises(ValidationError):
        workspace.prompts.add("gratitude", "x" * 600)
    with pytest.raises(NotFound):
        workspace.prompts.add("no-such-category", "text")
    assert workspace.vault.store.count("prompts") == 0
