"""The weekly review on a real vault: when it is due, decisions applied with the review in one
transaction, answers kept in the journal when there is one, otherwise on the review record."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from companion_tui.core.goals.book import GoalDraft, Target
from companion_tui.core.goals.review import ReviewItem, add_journal_entry, entry_text
from companion_tui.core.kernel.errors import ValidationError

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 16, 8, 0, tzinfo=CET)  # Monday morning: a new week
LAST = date(2026, 3, 9)


@pytest.fixture
def ws(workspace):
    workspace.clock = lambda: NOW
    return workspace


def setup_goals(ws):
    walk = ws.goals.add(GoalDraft(title="Walk", per_week=3, start=date(2026, 3, 1)))
    call = ws.goals.add(GoalDraft(title="Call mum", kind="once", start=date(2026, 3, 1)))
    read = ws.goals.add(GoalDraft(title="Read", per_week=2, start=date(2026, 3, 1)))
    for d in (LAST, LAST + timedelta(days=2), LAST + timedelta(days=4)):
        ws.goals.tick(walk.id, d)
    ws.goals.tick(call.id, LAST + timedelta(days=1))
    return walk, call, read


def test_due_on_the_first_open_of_a_new_week_until_done_or_skipped(ws) -> None:
    assert ws.reviews.due(ws.goals, 0) is None  # no goals last week: nothing to review
    setup_goals(ws)
    assert ws.reviews.due(ws.goals, 0) == LAST
    assert ws.reviews.due(ws.goals, 6) == LAST - timedelta(days=1)  # weeks that start on Sunday
    ws.reviews.skip(LAST)
    assert ws.reviews.due(ws.goals, 0) is None
    assert ws.vault.store.count("reviews") == 1


def test_items_say_met_or_not_and_suggest_done_for_a_finished_once_goal(ws) -> None:
    setup_goals(ws)
    items = {i.title: i for i in ws.reviews.items_for(ws.goals, LAST, 0)}
    assert (items["Walk"].done, items["Walk"].needed, items["Walk"].met) == (3, 3, True)
    assert (items["Read"].met, items["Read"].decision) == (False, "keep")
    assert (items["Call mum"].met, items["Call mum"].decision) == (True, "done")


def test_save_applies_decisions_and_keeps_answers_without_a_journal(ws, open_workspace) -> None:
    walk, call, read = setup_goals(ws)
    items = {i.title: i for i in ws.reviews.items_for(ws.goals, LAST, 0)}
    chosen = [
        items["Walk"],
        items["Call mum"],
        ReviewItem(read.id, "Read", 0, 2, Target.weekly(2), "adjust", Target.weekly(1)),
    ]
    review = ws.reviews.save(ws.goals, LAST, chosen, helped="Walking with a friend", hindered="Late shifts")
    assert (review.helped, review.hindered, review.journal_id) == ("Walking with a friend", "Late shifts", None)
    assert ws.goals.get(call.id).status == "done"
    assert ws.goals.get(read.id).target == Target.weekly(1)
    assert ws.goals.get(read.id).era_on(LAST).target == Target.weekly(2)  # last week keeps its own target
    assert ws.reviews.due(ws.goals, 0) is None
    ws.close()

    again = open_workspace()
    [stored] = again.reviews.all()
    assert stored == review
    assert again.goals.get(call.id).status == "done"
    assert [i.decision for i in stored.items] == ["keep", "done", "adjust"]


def test_a_review_after_skipping_replaces_the_skipped_record(ws) -> None:
    setup_goals(ws)
    skipped = ws.reviews.skip(LAST)
    items = ws.reviews.items_for(ws.goals, LAST, 0)
    review = ws.reviews.save(ws.goals, LAST, items, helped="h")
    assert (review.id, review.version, review.skipped) == (skipped.id, 2, False)
    assert len(ws.reviews) == 1


def test_invalid_decisions_change_nothing(ws) -> None:
    walk, _call, _read = setup_goals(ws)
    bad = [ReviewItem(walk.id, "Walk", 3, 3, Target.weekly(3), "adjust", None)]
    with pytest.raises(ValidationError, match="new target"):
        ws.reviews.save(ws.goals, LAST, bad)
    assert len(ws.reviews) == 0 and ws.goals.get(walk.id).version == 1


class FakeJournal:
    """Stands in for ws.journal only when the journal isn't there yet (see the next test)."""

    def __init__(self) -> None:
        self.entries = []

    def add(self, body: str, *, title: str = "", kind: str = "free", at=None):
        from types import SimpleNamespace

        entry = SimpleNamespace(id=f"j{len(self.entries)}", body=body, title=title, kind=kind, at=at)
        self.entries.append(entry)
        return entry


def test_answers_go_to_a_journal_entry_of_kind_weekly_review(ws) -> None:
    setup_goals(ws)
    journal = getattr(ws, "journal", None) or FakeJournal()
    items = ws.reviews.items_for(ws.goals, LAST, 0)
    review = ws.reviews.save(ws.goals, LAST, items, helped="Mornings", hindered="Rain", journal=journal)
    assert review.journal_id is not None
    assert (review.helped, review.hindered) == ("", "")  # not duplicated on the review record
    title, body = entry_text(LAST, items, "Mornings", "Rain")
    assert "Mornings" in body and "Rain" in body and "Walk: 3/3, met" in body
    assert title == "Weekly review · week of Mon 9 Mar 2026"


def test_journal_adapter_reads_the_signature() -> None:
    class NoKind:
        def add(self, text):  # a journal without kinds can't hold a weekly review
            raise AssertionError("must not be called")

    assert add_journal_entry(NoKind(), "t", "b", NOW) is None
    j = FakeJournal()
    assert add_journal_entry(j, "t", "b", NOW) == "j0"
    assert (j.entries[0].kind, j.entries[0].title, j.entries[0].body) == ("weekly review", "t", "b")


def test_journal_adapter_handles_a_draft_or_keywords_signature() -> None:
    class DraftOrKeywords:  # the shape of JournalBook.add: add(draft=None, /, **fields)
        def __init__(self) -> None:
            self.got = None

        def add(self, draft=None, /, **fields):
            from types import SimpleNamespace

            self.got = fields
            return SimpleNamespace(id="e1")

    j = DraftOrKeywords()
    assert add_journal_entry(j, "Weekly review", "body text", NOW) == "e1"
    assert j.got == {"kind": "weekly review", "title": "Weekly review", "body": "body text", "at": NOW}
