"""Reading a typed "when" (core.when): formats, hand-computed offsets across DST changes, refusals,
and dating a journal entry through the store (what is stored, and where it sorts)."""

from __future__ import annotations

import os
import time as time_mod
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion_tui.core.journal.entries import EntryDraft
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.when import Unreadable, check_when, describe, read_when, show

GMT, BST = UTC, timezone(timedelta(hours=1))
EST, EDT = timezone(timedelta(hours=-5)), timezone(timedelta(hours=-4))


def _set_tz(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name
    time_mod.tzset()


@pytest.fixture
def london() -> Iterator[None]:
    old = os.environ.get("TZ")
    _set_tz("Europe/London")
    try:
        yield
    finally:
        _set_tz(old)


@pytest.fixture
def new_york() -> Iterator[None]:
    old = os.environ.get("TZ")
    _set_tz("America/New_York")
    try:
        yield
    finally:
        _set_tz(old)


def problem(text: str, now: datetime, keep: time | None = None) -> str:
    with pytest.raises(ValidationError) as err:
        read_when(text, now, keep)
    assert set(err.value.errors) == {"at"}
    return err.value.errors["at"]


# -- formats (London, in winter: GMT = UTC+0) ---------------------------------------------------------

WINTER_NOW = datetime(2026, 11, 25, 20, 30, 17, tzinfo=GMT)  # Wednesday evening


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-11-24 21:30", datetime(2026, 11, 24, 21, 30, tzinfo=GMT)),
    ("2026-11-24T21:30", datetime(2026, 11, 24, 21, 30, tzinfo=GMT)),
    ("  2026-11-24   7:05 ", datetime(2026, 11, 24, 7, 5, tzinfo=GMT)),
    ("2026-1-4 00:00", datetime(2026, 1, 4, 0, 0, tzinfo=GMT)),
    ("yesterday 22:00", datetime(2026, 11, 24, 22, 0, tzinfo=GMT)),
    ("Yesterday at 22:00", datetime(2026, 11, 24, 22, 0, tzinfo=GMT)),
    ("today 08:00", datetime(2026, 11, 25, 8, 0, tzinfo=GMT)),
    ("09:15", datetime(2026, 11, 25, 9, 15, tzinfo=GMT)),  # a time alone is today
    ("now", datetime(2026, 11, 25, 20, 30, tzinfo=GMT)),  # minute precision
])
def test_formats(london, text: str, expected: datetime) -> None:
    at = read_when(text, WINTER_NOW)
    assert at == expected and at.utcoffset() == expected.utcoffset()


def test_a_day_alone_keeps_the_time_of_day_but_never_passes_now(london) -> None:
    keep = time(23, 10)  # e.g. the entry being edited was written at 23:10
    assert read_when("yesterday", WINTER_NOW, keep) == datetime(2026, 11, 24, 23, 10, tzinfo=GMT)
    assert read_when("2026-11-20", WINTER_NOW, keep) == datetime(2026, 11, 20, 23, 10, tzinfo=GMT)
    # Today at 23:10 hasn't happened yet at 20:30: it becomes now.
    assert read_when("today", WINTER_NOW, keep) == datetime(2026, 11, 25, 20, 30, tzinfo=GMT)
    # Without a time to keep, now's time of day is kept.
    assert read_when("yesterday", WINTER_NOW) == datetime(2026, 11, 24, 20, 30, tzinfo=GMT)


@pytest.mark.parametrize(("text", "words"), [
    ("2026-02-30 10:00", "is not a real date"),
    ("2026-13-01", "is not a real date"),
    ("25:00", "is not a time of day"),
    ("yesterday 12:60", "is not a time of day"),
    ("last tuesday", "Can't read “last tuesday” as a date"),
    ("24/11/2026", "Can't read"),
    ("2026-11-2421:30", "Can't read"),
    ("", "Type when this was"),
    ("1850-06-01 12:00", "too far in the past"),
    ("2026-11-26 09:00", "is in the future; an entry can be back-dated, not forward-dated."),
])
def test_refusals_are_plain(london, text: str, words: str) -> None:
    assert words in problem(text, WINTER_NOW)


def test_unreadable_text_is_told_apart_from_a_wrong_date(london) -> None:
    """The editor shows a hint, not an error, while the text can't be read yet (still being typed)."""
    for text in ("", "2026-11-", "yest", "last tuesday", "yesterday 22:"):
        with pytest.raises(Unreadable):
            read_when(text, WINTER_NOW)
    for text in ("2026-02-30", "25:00", "2026-11-26 09:00"):
        with pytest.raises(ValidationError) as err:
            read_when(text, WINTER_NOW)
        assert not isinstance(err.value, Unreadable)


def test_a_future_time_alone_suggests_yesterday(london) -> None:
    just_after_midnight = datetime(2026, 11, 26, 0, 20, tzinfo=GMT)
    message = problem("23:40", just_after_midnight)
    assert message == ("2026-11-26 23:40 is in the future; an entry can be back-dated, not forward-dated. "
                       "If you meant yesterday, type “yesterday 23:40”.")
    assert read_when("yesterday 23:40", just_after_midnight) == datetime(2026, 11, 25, 23, 40, tzinfo=GMT)
    # Within the five-minute slack a clock a little behind is not "the future".
    assert read_when("00:24", just_after_midnight).minute == 24


def test_long_text_is_quoted_short() -> None:
    message = problem("x" * 500, WINTER_NOW)
    assert len(message) < 120 and "…" in message


# -- offsets across DST changes, computed by hand ----------------------------------------------------------
# Europe/London: summer time starts 2026-03-29 at 01:00 GMT (clocks 01:00 -> 02:00) and ends
# 2026-10-25 at 01:00 GMT (clocks 02:00 -> 01:00). America/New_York: starts 2026-03-08 02:00 -> 03:00.


def test_past_dates_get_the_offset_in_force_on_their_own_date(london) -> None:
    now = datetime(2026, 11, 25, 20, 30, tzinfo=GMT)  # read in winter...
    july = read_when("2026-07-14 21:30", now)  # ...a summer evening is still BST
    assert july == datetime(2026, 7, 14, 21, 30, tzinfo=BST)
    assert july.utcoffset() == timedelta(hours=1)
    assert july.astimezone(UTC) == datetime(2026, 7, 14, 20, 30, tzinfo=UTC)


def test_spring_forward_day(london) -> None:
    now = datetime(2026, 3, 30, 12, 0, tzinfo=BST)
    assert read_when("2026-03-28 21:30", now).utcoffset() == timedelta(0)  # the Saturday: GMT
    assert read_when("2026-03-29 00:30", now).utcoffset() == timedelta(0)  # before the change
    sunday_night = read_when("2026-03-29 21:30", now)
    assert sunday_night.utcoffset() == timedelta(hours=1)
    assert sunday_night.astimezone(UTC) == datetime(2026, 3, 29, 20, 30, tzinfo=UTC)
    assert read_when("2026-03-29 02:30", now) == datetime(2026, 3, 29, 2, 30, tzinfo=BST)
    # 01:30 never happened that night.
    assert "didn't happen here: the clocks went forward" in problem("2026-03-29 01:30", now)
    # "yesterday", keeping a time from across the change, takes the new offset.
    assert read_when("yesterday", now, keep=time(21, 30)) == datetime(2026, 3, 29, 21, 30, tzinfo=BST)
    assert read_when("2026-03-28", now, keep=time(21, 30)) == datetime(2026, 3, 28, 21, 30, tzinfo=GMT)


def test_fall_back_day(london) -> None:
    now = datetime(2026, 10, 26, 9, 0, tzinfo=GMT)
    assert read_when("yesterday 00:30", now) == datetime(2026, 10, 25, 0, 30, tzinfo=BST)
    # 01:30 happened twice; the first (summer time) is taken.
    assert read_when("yesterday 01:30", now).utcoffset() == timedelta(hours=1)
    assert read_when("yesterday 21:30", now) == datetime(2026, 10, 25, 21, 30, tzinfo=GMT)


def test_new_york_spring_forward(new_york) -> None:
    now = datetime(2026, 3, 9, 8, 0, tzinfo=EDT)
    assert read_when("2026-03-07 22:00", now) == datetime(2026, 3, 7, 22, 0, tzinfo=EST)
    assert read_when("yesterday 22:00", now) == datetime(2026, 3, 8, 22, 0, tzinfo=EDT)
    assert "clocks went forward" in problem("2026-03-08 02:30", now)


# -- helpers and the checks used by validate() ----------------------------------------------------------------


def test_show_and_describe() -> None:
    at = datetime(2026, 11, 24, 21, 30, 59, tzinfo=GMT)
    assert show(at) == "2026-11-24 21:30"
    assert describe(at, date(2026, 11, 25)) == "yesterday, Tuesday 24 November 2026, 21:30"
    assert describe(at, date(2026, 11, 24)) == "today, Tuesday 24 November 2026, 21:30"
    assert describe(at, date(2026, 12, 24)) == "Tuesday 24 November 2026, 21:30"


def test_check_when() -> None:
    assert check_when(WINTER_NOW + timedelta(minutes=4), WINTER_NOW) == WINTER_NOW + timedelta(minutes=4)
    assert check_when(WINTER_NOW + timedelta(days=3), WINTER_NOW, allow_future=True)
    with pytest.raises(ValidationError) as err:
        check_when(WINTER_NOW + timedelta(minutes=6), WINTER_NOW, what="a check-in")
    assert "a check-in can be back-dated" in err.value.errors["at"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(
    st.text(max_size=40),
    st.builds("{}-{}-{} {}:{}".format, *(st.integers(0, 99999),) + (st.integers(0, 99),) * 4),
    st.builds("{} {}:{:02d}".format, st.sampled_from(["today", "yesterday", "0001-01-01", "9999-12-31"]),
              st.integers(0, 30), st.integers(0, 70)),
))
def test_any_text_is_read_or_refused_cleanly(london, text: str) -> None:
    try:
        at = read_when(text, WINTER_NOW, keep=time(12, 0))
    except ValidationError as exc:
        assert set(exc.errors) == {"at"} and exc.errors["at"].strip()
        return
    assert at.tzinfo is not None and at <= WINTER_NOW + timedelta(minutes=5) and at.year >= 1900
    assert read_when(show(at), WINTER_NOW) == at  # what the field then shows reads back the same


# -- through the journal store ------------------------------------------------------------------------------------------


def test_dating_an_entry_stores_the_offset_and_sorts_it(london, workspace, open_workspace) -> None:
    j = workspace.journal
    j.clock = lambda: datetime(2026, 3, 30, 12, 0, tzinfo=BST)
    now = j.clock()
    a = j.add(EntryDraft(body="Saturday", at=read_when("2026-03-28 21:30", now)))
    b = j.add(EntryDraft(body="written late"))
    assert [e.body for e in j.newest_first()] == ["written late", "Saturday"]
    moved = j.update(b.id, EntryDraft(body="written late", at=read_when("2026-03-29 21:30", now)))
    assert moved.version == 2 and moved.created == b.created
    with pytest.raises(ValidationError) as err:
        j.update(a.id, EntryDraft(body="Saturday", at=datetime(2026, 4, 2, 9, 0, tzinfo=BST)))
    assert "is in the future" in err.value.errors["at"]
    workspace.close()

    again = open_workspace().journal
    stored = {e.body: e.at for e in again.newest_first()}
    assert list(stored) == ["written late", "Saturday"]
    assert stored["written late"].isoformat() == "2026-03-29T21:30:00+01:00"
    assert stored["Saturday"].isoformat() == "2026-03-28T21:30:00+00:00"
    assert again.get(a.id).version == 1  # the refused change stored nothing
