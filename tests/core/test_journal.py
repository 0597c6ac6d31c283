"""Journal entries in a real vault: validation, writes, reopening, filters, search, drafts."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from companion_tui.core.journal.entries import (
    MAX_BODY,
    Entry,
    EntryDraft,
    Filter,
    edit_draft_name,
    new_draft_name,
    normalize_tag,
    validate,
    word_count,
)
from companion_tui.core.kernel.errors import NotFound, ValidationError

NOW = datetime(2026, 3, 14, 21, 30, tzinfo=timezone(timedelta(hours=1)))


def at(days_ago: int, hour: int = 20) -> datetime:
    return (NOW - timedelta(days=days_ago)).replace(hour=hour, minute=0)


# -- validation --------------------------------------------------------------------------


def test_validate_cleans_fields() -> None:
    clean = validate(
        EntryDraft(title="  A   title\n", body="\n\nBody line\r\nsecond  \n\n", tags=("@Work", "#Slept  Well", "work", " ")),
        NOW,
    )
    assert clean["title"] == "A title"
    assert clean["body"] == "Body line\nsecond"
    assert clean["tags"] == ("work", "slept well")
    assert clean["kind"] == "entry" and clean["at"] == NOW.replace(second=0)


def test_validate_is_idempotent() -> None:
    first = validate(EntryDraft(title=" t ", body="  indented code\n\n", tags=("a",)), NOW)
    again = validate(EntryDraft(**{k: v for k, v in first.items()}), NOW)
    assert again == first


def test_validate_reports_every_problem() -> None:
    with pytest.raises(ValidationError) as err:
        validate(EntryDraft(title="x" * 300, body="", tags=("no/slash",), kind="", at=NOW + timedelta(days=1)), NOW)
    assert set(err.value.errors) == {"title", "tags", "kind", "at"}
    with pytest.raises(ValidationError) as err:
        validate(EntryDraft(body="   \n "), NOW)
    assert "nothing to save" in err.value.errors["body"]
    with pytest.raises(ValidationError) as err:
        validate(EntryDraft(body="x" * (MAX_BODY + 1)), NOW)
    assert "too long" in err.value.errors["body"]


def test_title_alone_is_an_entry_and_future_allowed_for_imports() -> None:
    assert validate(EntryDraft(title="Just a title"), NOW)["body"] == ""
    later = NOW + timedelta(days=3)
    assert validate(EntryDraft(body="x", at=later), NOW, allow_future=True)["at"] == later.replace(second=0)


def test_helpers() -> None:
    assert word_count("  one two\nthree\t four ") == 4
    assert normalize_tag("  @Slept   WELL ") == "slept well"
    assert new_draft_name().startswith("journal:new:") and new_draft_name() != new_draft_name()
    assert edit_draft_name("abc") == "journal:edit:abc"


def test_draft_dict_round_trip() -> None:
    draft = EntryDraft("T", "B", ("a", "b"), True, True, "wins.today", "entry", NOW)
    assert EntryDraft.from_dict(draft.to_dict()) == draft
    assert EntryDraft.from_dict({}) == EntryDraft()


def test_headline() -> None:
    assert Entry("i", 1, NOW, title="Title", body="Body").headline == "Title"
    assert Entry("i", 1, NOW, body="\n\n## First heading\nrest").headline == "First heading"
    assert Entry("i", 1, NOW).headline == ""


# -- the store -----------------------------------------------------------------------------


def test_add_update_delete_persist(workspace, open_workspace) -> None:
    j = workspace.journal
    e = j.add(body="Today I walked.", title="Walk", tags=("outside",), prompt_id="wins.today")
    review = j.add(EntryDraft(body="How the week went", kind="Weekly  Review"))
    assert (e.version, review.kind) == (1, "weekly review")
    e2 = j.update(e.id, starred=True, therapy=True)
    assert (e2.version, e2.starred, e2.therapy, e2.body, e2.created) == (2, True, True, "Today I walked.", e.created)
    workspace.close()

    ws = open_workspace()
    assert len(ws.journal) == 2
    back = ws.journal.get(e.id)
    assert back == e2
    assert ws.journal.get(review.id).kind == "weekly review"
    ws.journal.delete(e.id)
    with pytest.raises(NotFound):
        ws.journal.get(e.id)
    ws.close()
    ws = open_workspace()
    assert [x.id for x in ws.journal.newest_first()] == [review.id]
    assert ws.vault.store.count("journal") == 1


def test_failed_validation_writes_nothing(workspace) -> None:
    e = workspace.journal.add(body="keep me")
    with pytest.raises(ValidationError):
        workspace.journal.update(e.id, body="", title="")
    with pytest.raises(ValidationError):
        workspace.journal.add(body="")
    assert workspace.journal.get(e.id).body == "keep me"
    assert workspace.vault.store.count("journal") == 1


def test_newest_first_and_since(workspace) -> None:
    workspace.clock = lambda: NOW
    j = workspace.journal
    j.clock = lambda: NOW
    old = j.add(body="old", at=at(10))
    mid = j.add(body="mid", at=at(3), therapy=True)
    new = j.add(body="new", at=at(0, hour=8), therapy=True)
    assert [e.id for e in j.newest_first()] == [new.id, mid.id, old.id]
    assert [e.id for e in j.since(7)] == [new.id, mid.id]
    assert j.therapy_count(7) == 2
    assert j.therapy_count(2) == 1


def test_filters(workspace) -> None:
    j = workspace.journal
    j.clock = lambda: NOW
    a = j.add(body="a", tags=("work",), starred=True, at=at(1), prompt_id="gratitude.three")
    b = j.add(body="b", tags=("work", "sleep"), therapy=True, at=at(5), prompt_id="triggers.story")
    c = j.add(body="c", at=at(40), kind="weekly review")

    def ids(**kw) -> list[str]:
        return [e.id for e in j.find("", Filter(**kw))]

    assert ids(tag="WORK") == [a.id, b.id]
    assert ids(tag="sleep") == [b.id]
    assert ids(starred=True) == [a.id]
    assert ids(therapy=True) == [b.id]
    assert ids(category="gratitude") == [a.id]
    assert ids(since=at(6).date()) == [a.id, b.id]
    assert ids(until=at(2).date()) == [b.id, c.id]
    assert ids(kind="weekly review") == [c.id]
    assert ids(tag="work", therapy=True) == [b.id]
    assert Filter(tag="work", therapy=True).describe(workspace.prompts) == "#work, bring to therapy"
    assert Filter(category="gratitude").describe(workspace.prompts) == "prompt: Gratitude"
    assert not Filter().active and Filter(starred=True).active


def test_search_through_the_store(workspace) -> None:
    j = workspace.journal
    a = j.add(body="Walked by the river with Zoë.", tags=("outside",))
    j.add(body="Rain all day.")
    assert j.find("zoe river") == [a]
    assert j.find("tag:outside") == [a]
    assert j.find("river", Filter(starred=True)) == []
    edited = j.update(a.id, body="Walked in the park.")
    assert j.find("river") == []
    assert j.find("park") == [edited]


def test_known_tags_most_used_first(workspace) -> None:
    j = workspace.journal
    j.add(body="x", tags=("b", "a"))
    j.add(body="y", tags=("a",))
    assert j.known_tags() == ["a", "b"]


def test_prompt_of_the_day_avoids_recently_used(workspace) -> None:
    j = workspace.journal
    j.clock = lambda: NOW
    today = NOW.date()
    first = j.prompt_of_the_day(today)
    assert first is not None and j.prompt_of_the_day(today) == first
    j.clock = lambda: NOW - timedelta(days=1)  # written yesterday
    j.add(body="answered it yesterday", prompt_id=first.id, at=at(1))
    j.clock = lambda: NOW
    assert j.prompt_of_the_day(today) != first
    # Writing from today's prompt today does not change today's prompt.
    shown = j.prompt_of_the_day(today)
    j.add(body="answered", prompt_id=shown.id, at=at(0, hour=9))
    assert j.prompt_of_the_day(today) == shown
    # ...nor does dating that answer yesterday: it was still written today.
    j.add(body="answered, about last night", prompt_id=shown.id, at=at(1, hour=22))
    assert j.prompt_of_the_day(today) == shown
    assert shown.id in j.prompts_used(today + timedelta(days=1) - timedelta(days=30), today)


def test_drafts_for_editing_are_encrypted_and_survive(workspace, open_workspace) -> None:
    name = new_draft_name()
    workspace.drafts.save(name, EntryDraft(title="half", body="a half-written thought").to_dict())
    workspace.close()
    ws = open_workspace()
    assert EntryDraft.from_dict(ws.drafts.get(name).data).body == "a half-written thought"
    raw = ws.vault.paths.vault.read_bytes()
    assert b"half-written" not in raw


def test_kind_and_add_api_for_other_areas(workspace) -> None:
    entry = workspace.journal.add(title="Week of 9 March", body="Goals: 2 of 3.", kind="weekly review")
    assert workspace.journal.find("", Filter(kind="weekly review")) == [entry]
    assert entry.kind == "weekly review"


def test_day_uses_the_entrys_own_offset(workspace) -> None:
    late = datetime(2026, 3, 13, 23, 30, tzinfo=timezone(timedelta(hours=9)))
    entry = workspace.journal.add(body="late", at=late)
    assert entry.day == date(2026, 3, 13)
