"""MoodLog on a real vault: writes go straight through and survive reopening."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.moods.checkins import CheckInDraft

TOKYO = timezone(timedelta(hours=9))
NOW = datetime(2026, 3, 14, 21, 30, tzinfo=timezone(timedelta(hours=1)))  # a Saturday


@pytest.fixture
def ws(workspace):
    workspace.moods.clock = lambda: NOW
    return workspace


def at(day: int, hour: int = 12, minute: int = 0) -> datetime:
    return NOW.replace(day=day, hour=hour, minute=minute)


def test_add_is_stored_and_survives_reopening(ws, open_workspace) -> None:
    c = ws.moods.add(CheckInDraft(score="7", emotions=("calm",), energy=3, trigger="t", response="r", tags=("outside",), note="n"))
    ws.close()

    reopened = open_workspace()
    [again] = reopened.moods.newest_first()

    assert again == c
    assert (again.version, again.at) == (1, NOW)
    assert reopened.vault.store.count("checkins") == 1


def test_update_bumps_the_version_and_back_dates(ws, open_workspace) -> None:
    c = ws.moods.add(CheckInDraft(score=4, note="first"))

    new = ws.moods.update(c.id, CheckInDraft(score=6, note="second", at=at(10, 8)))

    assert (new.id, new.version, new.score, new.note, new.at) == (c.id, 2, 6, "second", at(10, 8))
    assert new.created == c.created
    ws.close()
    assert open_workspace().moods.get(c.id) == new


def test_invalid_update_changes_nothing(ws) -> None:
    c = ws.moods.add(CheckInDraft(score=4))
    rows_before = ws.vault.store.rows("checkins")

    with pytest.raises(ValidationError):
        ws.moods.update(c.id, CheckInDraft(score=11))

    assert ws.moods.get(c.id) == c
    assert ws.vault.store.rows("checkins") == rows_before


def test_delete_removes_the_row(ws, open_workspace) -> None:
    keep = ws.moods.add(CheckInDraft(score=5))
    gone = ws.moods.add(CheckInDraft(score=2))

    ws.moods.delete(gone.id)

    assert [c.id for c in ws.moods.newest_first()] == [keep.id]
    assert ws.vault.store.count("checkins") == 1
    with pytest.raises(NotFound):
        ws.moods.delete(gone.id)
    ws.close()
    assert len(open_workspace().moods) == 1


def test_several_per_day_newest_first(ws) -> None:
    morning = ws.moods.add(CheckInDraft(score=3, at=at(14, 8)))
    evening = ws.moods.add(CheckInDraft(score=8, at=at(14, 20)))
    noon = ws.moods.add(CheckInDraft(score=5, at=at(14, 12)))
    ws.moods.add(CheckInDraft(score=9, at=at(13, 12)))

    assert [c.id for c in ws.moods.on_day(date(2026, 3, 14))] == [evening.id, noon.id, morning.id]
    assert len(ws.moods.since(1)) == 3
    assert len(ws.moods.since(2)) == 4


def test_daily_means_and_days_checked_in_this_week(ws) -> None:
    for day, score in [(9, 2), (9, 4), (11, 7), (14, 10), (8, 1)]:  # 9th is Monday, 8th the Sunday before
        ws.moods.add(CheckInDraft(score=score, at=at(day)))

    means = ws.moods.daily_means(date(2026, 3, 8), date(2026, 3, 14))

    assert means == [1.0, 3.0, None, 7.0, None, None, 10.0]
    assert ws.moods.days_checked_in_week() == 3
    assert ws.moods.days_checked_in_week(first_weekday=6) == 4  # weeks starting on Sunday


def test_a_late_evening_check_in_keeps_its_own_date(ws, open_workspace) -> None:
    late = datetime(2026, 3, 13, 23, 30, tzinfo=TOKYO)  # 14:30 UTC on the 13th
    very_late = datetime(2026, 3, 14, 0, 30, tzinfo=TOKYO)  # 15:30 UTC on the 13th, but the 14th in Tokyo
    ws.moods.add(CheckInDraft(score=6, at=late))
    ws.moods.add(CheckInDraft(score=2, at=very_late))
    ws.close()

    # Read it back on a machine whose local time is far west of Tokyo.
    saved_tz = os.environ.get("TZ")
    os.environ["TZ"] = "HST10"  # POSIX rule: UTC-10, no tz database needed
    time.tzset()
    try:
        assert datetime.now().astimezone().utcoffset() == timedelta(hours=-10)
        moods = open_workspace().moods
        moods.clock = lambda: NOW
        days = {c.at: c.day for c in moods.newest_first()}
        on_14th = [c.score for c in moods.on_day(date(2026, 3, 14))]
        means = moods.daily_means(date(2026, 3, 13), date(2026, 3, 14))
        offsets = {c.at.utcoffset() for c in moods.newest_first()}
    finally:
        if saved_tz is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved_tz
        time.tzset()

    assert very_late.astimezone(UTC).date() == date(2026, 3, 13)
    assert days == {late: date(2026, 3, 13), very_late: date(2026, 3, 14)}
    assert on_14th == [2]
    assert means == [6.0, 2.0]
    assert offsets == {timedelta(hours=9)}


def test_own_words_join_the_vocabulary(ws) -> None:
    ws.moods.add(CheckInDraft(score=5, emotions=("zoomy",), tags=("choir practice",)))

    assert ws.moods.known_emotions()[-1] == "zoomy"
    assert len(ws.moods.known_emotions()) > 40
    assert ws.moods.known_tags()[-1] == "choir practice"


def test_imported_check_ins_can_be_edited(ws, open_workspace) -> None:
    c = ws.moods.add(CheckInDraft(score=5))
    ws.moods.update(c.id, CheckInDraft(score=6))
    moved = replace(ws.moods.get(c.id), id="f" * 32)  # version 2 elsewhere

    ws.moods.import_many([moved])
    edited = ws.moods.update(moved.id, CheckInDraft(score=9))

    assert edited.version == 2
    ws.close()
    assert open_workspace().moods.get(moved.id).score == 9
