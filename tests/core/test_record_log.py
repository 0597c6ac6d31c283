"""RecordLog, the base of the mood log, the practice log and the journal, on a real vault.

``Notes`` is a bare subclass over the check-in table (its records are plain CheckIns, so the
workspace still opens them at unlock); its drafts are the fields themselves, so what is
tested here is the base: ids, versions, the vault first and memory after, the cached order.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from operator import attrgetter

import pytest

from companion_tui.core.kernel.errors import NotFound
from companion_tui.core.kernel.record_log import RecordLog
from companion_tui.core.moods.checkins import RECORD as CHECKINS
from companion_tui.core.moods.checkins import CheckIn
from companion_tui.store.database import ConflictError, StoreError

AT = datetime(2026, 3, 14, 21, 30, tzinfo=timezone(timedelta(hours=1)))


class Notes(RecordLog[CheckIn, dict]):
    table = "checkins"
    noun = "note"
    record_type = CheckIn
    sort_key = attrgetter("at", "created")

    def _validate(self, draft: dict, old: CheckIn | None) -> dict:
        return dict(draft)


def notes_of(ws) -> Notes:
    return Notes(ws.records, Notes.parse(ws.records.load(CHECKINS)))


def test_not_found_names_the_record_as_a_person_would(workspace) -> None:
    notes = notes_of(workspace)

    with pytest.raises(NotFound, match=r"^No note with id abc\.$"):
        notes.get("abc")
    with pytest.raises(NotFound, match="No note with id abc"):
        notes.update("abc", {"score": 3, "at": AT})
    with pytest.raises(NotFound, match="No note with id abc"):
        notes.delete("abc")


@pytest.mark.parametrize(
    ("attr", "noun"), [("moods", "check-in"), ("practices", "practice"), ("journal", "journal entry")]
)
def test_each_log_names_its_own_records(workspace, attr: str, noun: str) -> None:
    log = getattr(workspace, attr)

    assert isinstance(log, RecordLog)
    with pytest.raises(NotFound, match=rf"^No {noun} with id nope\.$"):
        log.get("nope")
    assert "nope" not in log


def test_update_bumps_the_version_and_is_durable_after_reopening(workspace, open_workspace) -> None:
    notes = notes_of(workspace)
    first = notes.add({"score": 4, "at": AT, "note": "first"})

    new = notes.update(first.id, {"score": 6, "at": AT, "note": "second"})

    assert (new.id, new.version, new.note, new.created) == (first.id, 2, "second", first.created)
    assert new.updated >= first.updated and new.updated.microsecond == 0
    assert notes.get(first.id) is new and len(notes) == 1 and first.id in notes
    workspace.close()
    again = notes_of(open_workspace())
    assert again.get(first.id) == new
    assert again.newest_first() == [new]


def test_a_failed_update_leaves_memory_as_it_was(workspace) -> None:
    notes = notes_of(workspace)
    note = notes.add({"score": 4, "at": AT})
    order = notes.newest_first()
    # The row changes underneath the log (as from another writer): the log's update must conflict.
    workspace.records.write("checkins", note.id, 2, replace(note, version=2, note="elsewhere").to_payload())

    with pytest.raises(ConflictError):
        notes.update(note.id, {"score": 9, "at": AT})

    assert notes.get(note.id) is note
    assert notes.newest_first() is order


def test_a_failed_import_adds_nothing_to_memory_or_the_vault(workspace) -> None:
    notes = notes_of(workspace)
    kept = notes.add({"score": 4, "at": AT})
    fresh = CheckIn(id="f" * 32, version=7, score=5, at=AT)

    with pytest.raises(StoreError):  # the second one's id is taken: the whole transaction fails
        notes.import_many([fresh, replace(kept, note="again")])

    assert len(notes) == 1 and fresh.id not in notes and notes.get(kept.id) is kept
    assert workspace.vault.store.count("checkins") == 1
    assert notes.import_many([fresh]) == 1
    assert notes.get(fresh.id).version == 1


def test_newest_first_is_cached_until_a_write(workspace, open_workspace) -> None:
    notes = notes_of(workspace)
    old = notes.add({"score": 3, "at": AT - timedelta(days=2)})
    new = notes.add({"score": 8, "at": AT})
    order = notes.newest_first()

    assert order == [new, old]
    assert notes.newest_first() is order

    notes.delete(new.id)

    assert notes.newest_first() == [old]
    assert new.id not in notes
    workspace.close()
    assert notes_of(open_workspace()).newest_first() == [old]


def test_what_the_base_stores_the_workspace_opens(workspace, open_workspace) -> None:
    """A record added through the bare base is a check-in like any other after reopening."""
    note = notes_of(workspace).add({"score": 7, "at": AT, "emotions": ("calm",)})
    workspace.close()

    reopened = open_workspace()
    assert reopened.moods.get(note.id) == note
    assert reopened.problems == []
