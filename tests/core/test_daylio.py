"""Daylio CSV import: every layout and quirk, from fixtures written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from companion_tui.core.exchange import daylio
from companion_tui.core.exchange.daylio import (
    DEFAULT_MOODS,
    UnknownMoodLabels,
    activity_tag,
    clean_note,
    import_daylio,
    parse,
    parse_mood_map,
    plan,
)
from companion_tui.core.exchange.daylio_dates import DateProblem, month_number, read_date, read_time
from companion_tui.core.kernel.errors import ValidationError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "daylio"
NOW = datetime(2026, 11, 25, 20, 30, tzinfo=UTC)


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def wall(c) -> tuple[date, time]:
    return c.at.date(), c.at.time()


def test_current_layout_with_bom_12h_times_activities_and_notes() -> None:
    assert read("current.csv").startswith(b"\xef\xbb\xbf")
    f = parse(read("current.csv"), NOW)
    assert f.layout == "current layout (full_date, note_title)"
    # Newest-first in the file, oldest first here; several on one day.
    assert [wall(c) for c in f.checkins] == [
        (date(2024, 3, 3), time(12, 30)),
        (date(2024, 3, 4), time(0, 0)),  # 12:00 AM
        (date(2024, 3, 5), time(8, 15)),
        (date(2024, 3, 5), time(17, 1)),  # 5:01 PM
        (date(2024, 3, 5), time(22, 0)),  # 10:00 pm
    ]
    sunday, awful, bad, meh, good = f.checkins
    assert [c.score for c in f.checkins] == [10, 1, 3, 5, 8]
    assert good.tags == ("friends", "walk", "reading")  # " | " with stray spaces
    assert good.note == 'Dinner\n\nDinner with Sam 🍝\nWe laughed about the "great" soup incident.'
    assert bad.tags == ("sleep badly", "work") and bad.note == ""
    assert awful.note == "Couldn't sleep.\nThoughts racing." and awful.tags == ()
    assert sunday.tags == ("family", "gym", "run 5k")
    assert sunday.note == "Sunday\n\nПривет, 世界! A calm day, ça va.\n\nDaylio activities: 🎮"
    assert f.renamed == {"gym 💪": "gym", "5k run": "run 5k"}
    assert f.kept_in_note == ("🎮",)
    assert all(c.at.tzinfo is not None and c.energy is None and c.emotions == () for c in f.checkins)
    assert len({c.origin for c in f.checkins}) == 5 and all(c.origin.startswith("daylio:") for c in f.checkins)


def test_full_date_layout_with_24h_times_and_any_case_labels() -> None:
    f = parse(read("full_date.csv"), NOW)
    assert f.layout == "full_date layout"
    assert [(wall(c), c.score) for c in f.checkins] == [
        ((date(2023, 6, 1), time(15, 26)), 3),
        ((date(2023, 12, 31), time(9, 5)), 5),
        ((date(2023, 12, 31), time(23, 59)), 8),
    ]
    assert f.checkins[0].tags == ("work", "commute")
    assert f.checkins[2].note == "New year's eve"
    assert dict(f.labels) == {"bad": 1, "MEH": 1, "Good": 1}


def test_older_layout_reads_year_and_date_text() -> None:
    f = parse(read("older_year.csv"), NOW)
    assert f.layout == "older layout (year + date)"
    assert [wall(c) for c in f.checkins] == [
        (date(2017, 12, 31), time(23, 59)),
        (date(2018, 2, 28), time(7, 40)),
        (date(2018, 3, 5), time(21, 15)),
    ]
    assert [c.score for c in f.checkins] == [10, 1, 8]


def test_localised_dates_rely_on_year_and_month_names() -> None:
    f = parse(read("localised.csv"), NOW)
    assert sorted(c.day for c in f.checkins) == [
        date(2019, 2, 12), date(2019, 3, 5), date(2019, 3, 5), date(2019, 5, 3), date(2019, 6, 1),
    ]
    assert {c.day: c.tags for c in f.checkins if c.tags} == {date(2019, 3, 5): ("lesen",), date(2019, 5, 3): ("trabajo",)}


def test_a_date_that_cant_be_read_is_named_with_its_line() -> None:
    with pytest.raises(ValidationError) as caught:
        parse(read("localised_unreadable.csv"), NOW)
    message = " ".join(caught.value.errors.values())
    assert "Line 2:" in message and "'5 марта' (year 2019) can't be read" in message
    assert "full_date" in message and "Line 3" not in message


def test_scales_column_is_reported_not_imported() -> None:
    f = parse(read("scales.csv"), NOW)
    assert len(f.checkins) == 2 and f.ignored == ("scales",)
    assert f.checkins[1].tags == ("walk",) and f.checkins[1].note == ""


def test_unknown_mood_labels_are_listed_with_how_to_map_them() -> None:
    with pytest.raises(UnknownMoodLabels) as caught:
        parse(read("custom_moods.csv"), NOW)
    assert dict(caught.value.labels) == {"so-so": 1, "super": 1, "Super": 1}
    message = caught.value.errors["mood"]
    assert "'so-so' (1 row)" in message and "'super'" in message and "--mood-map" in message
    assert "Nothing was imported" in message
    f = parse(read("custom_moods.csv"), NOW, parse_mood_map(["super=9", "So-So = 6"]))
    assert [c.score for c in f.checkins] == [9, 9, 6, 8]
    # A map can also change a default label.
    assert parse(read("custom_moods.csv"), NOW, {"super": 9, "so-so": 6, "good": 7}).checkins[-1].score == 7


def test_mood_map_arguments() -> None:
    assert parse_mood_map(["super=9", "not  great=2", "a=b=3"]) == {"super": 9, "not great": 2, "a=b": 3}
    for bad in ("super", "=3", "super=0", "super=11", "super=7.5", "super=high"):
        with pytest.raises(ValidationError):
            parse_mood_map([bad])
    assert DEFAULT_MOODS == {"rad": 10, "good": 8, "meh": 5, "bad": 3, "awful": 1}


def test_a_malformed_row_is_reported_by_line_after_a_multiline_note() -> None:
    with pytest.raises(ValidationError) as caught:
        parse(read("malformed.csv"), NOW)
    assert list(caught.value.errors.values()) == [
        "Line 5: the time '25:61' can't be read (expected e.g. 15:26, 5:01 PM or 10:00 pm)."
    ]


def test_wrong_number_of_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        parse(read("wrong_fields.csv"), NOW)
    assert "Line 3 has 9 fields but the header has 8" in " ".join(caught.value.errors.values())
    # Trailing empty fields and a missing trailing field are tolerated.
    text = "full_date,date,weekday,time,mood,activities,note_title,note\n2025-01-01,x,y,10:00,good,,,,,\n"
    assert len(parse(text, NOW).checkins) == 1


def test_not_a_daylio_file_and_other_encodings() -> None:
    with pytest.raises(ValidationError, match="doesn't look like a Daylio CSV export"):
        parse(b"date,score\n2024-01-01,5\n", NOW)
    with pytest.raises(ValidationError, match="empty"):
        parse(b"\n\n", NOW)
    with pytest.raises(ValidationError, match="not UTF-8"):
        parse("full_date,time,mood\n2024-01-01,10:00,meh,café\n".encode("latin-1"), NOW)


def test_crlf_line_endings_and_line_numbers() -> None:
    text = read("malformed.csv").decode().replace("\n", "\r\n")
    with pytest.raises(ValidationError, match="Line 5: the time"):
        parse(text, NOW)
    good = read("current.csv").replace(b"\n", b"\r\n")
    f = parse(good, NOW)
    assert f.checkins[1].note == "Couldn't sleep.\nThoughts racing."


def test_future_and_too_long_rows_are_malformed() -> None:
    head = "full_date,date,weekday,time,mood,activities,note\n"
    with pytest.raises(ValidationError, match="Line 2: .*in the future"):
        parse(head + "2030-01-01,x,y,10:00,good,,\n", NOW)
    with pytest.raises(ValidationError, match="Line 3: The note is too long"):
        parse(head + "2024-01-01,x,y,10:00,good,,\n2024-01-02,x,y,10:00,good,," + "x" * 20_001 + "\n", NOW)
    with pytest.raises(ValidationError, match="Line 2 has no mood"):
        parse(head + "2024-01-01,x,y,10:00,,,\n", NOW)
    with pytest.raises(ValidationError, match="Line 2: "):
        parse(head + "0001-01-01,x,y,00:00,good,,\n", NOW)


def test_many_bad_rows_are_summarised() -> None:
    rows = "".join(f"2024-01-{d:02d},x,y,99:99,good,,\n" for d in range(1, 11))
    with pytest.raises(ValidationError) as caught:
        parse("full_date,date,weekday,time,mood,activities,note\n" + rows, NOW)
    assert len(caught.value.errors) == 6 and "5 more rows" in caught.value.errors["more"]


def test_activity_tags() -> None:
    assert activity_tag("  Walk ") == "walk"
    assert activity_tag("gym 💪") == "gym"
    assert activity_tag("🎮") is None
    assert activity_tag("5k run") == "run 5k"
    assert activity_tag("2024") is None
    assert activity_tag("tea & cake") == "tea and cake"
    assert activity_tag("sleep/rest") == "sleep rest"
    assert activity_tag("Schwimmen") == "schwimmen" and activity_tag("чтение") == "чтение"
    assert activity_tag("self-care") == "self-care" and activity_tag("mum's") == "mum's"
    assert activity_tag("x" * 41) is None


def test_more_activities_than_tags_allowed_go_to_the_note() -> None:
    acts = " | ".join(f"thing {chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(32))
    text = f'full_date,date,weekday,time,mood,activities,note\n2024-01-01,x,y,10:00,good,"{acts}",hello\n'
    [c] = parse(text, NOW).checkins
    assert len(c.tags) == 30
    assert c.note == "hello\n\nDaylio activities: thing be, thing bf"


def test_notes() -> None:
    assert clean_note("", "a<br>b<BR />c<br/>d") == "a\nb\nc\nd"
    assert clean_note("  Title ", "") == "Title"
    assert clean_note("", "  ") == ""


def test_dates_and_times() -> None:
    assert read_time("15:26") == (15, 26) and read_time("5:01 PM") == (17, 1) and read_time("10:00 pm") == (22, 0)
    assert read_time("12:00 AM") == (0, 0) and read_time("12:30 pm") == (12, 30) and read_time("9.05 a.m.") == (9, 5)
    assert read_time("5:01\u202fPM") == (17, 1) and read_time("07:40:00") == (7, 40) and read_time("17h26") == (17, 26)
    for bad in ("", "25:00", "13:00 pm", "noon", "0:00 am"):
        with pytest.raises(DateProblem):
            read_time(bad)
    assert read_date("2024-02-29", None, None) == date(2024, 2, 29)
    assert read_date("", "2019", "Feb 3") == date(2019, 2, 3)
    assert read_date(None, "2019", "3 de mayo") == date(2019, 5, 3)
    assert read_date(None, "2019", "3월 5일") == date(2019, 3, 5)
    for full, year, text in (("2023-02-29", None, None), ("03/05/2024", None, None), (None, "19", "March 5"),
                             (None, "2019", "05/03"), (None, "2019", "February 30"), (None, None, None)):
        with pytest.raises(DateProblem):
            read_date(full, year, text)
    assert month_number("jui") is None and month_number("juil.") == 7 and month_number("Mär") == 3


def test_import_is_all_or_nothing_and_idempotent(workspace) -> None:
    with pytest.raises(ValidationError):
        import_daylio(workspace, parse(read("malformed.csv"), NOW))
    assert len(workspace.moods) == 0
    first = import_daylio(workspace, parse(read("current.csv"), NOW))
    assert (len(first.new), first.already) == (5, 0)
    assert first.summary(done=True) == "Imported 5 check-ins from Daylio (3 Mar 2024 to 5 Mar 2024)."
    again = import_daylio(workspace, parse(read("current.csv"), NOW))
    assert (len(again.new), again.already) == (0, 5)
    assert again.summary(done=True) == "Imported 0 check-ins from Daylio; 5 were already in the vault."
    assert len(workspace.moods) == 5


def test_reimport_after_reopening_and_with_a_new_row(workspace, open_workspace) -> None:
    import_daylio(workspace, parse(read("full_date.csv"), NOW))
    workspace.close()
    ws = open_workspace()
    grown = read("full_date.csv").replace(b"full_date,date,weekday,time,mood,activities,note\n",
                                          b"full_date,date,weekday,time,mood,activities,note\n"
                                          b"2024-01-02,Jan 2,Tuesday,8:00,rad,,\n")
    result = plan(ws, parse(grown, NOW))
    assert ([c.day for c in result.new], result.already) == ([date(2024, 1, 2)], 3)
    assert result.summary(False) == "Would import 1 check-in from Daylio (2 Jan 2024); 3 were already in the vault."
    # Same rows in 12-hour time and another order are the same rows.
    twelve = grown.replace(b"23:59", b"11:59 PM").replace(b"15:26", b"3:26 pm")
    assert len(plan(ws, parse(twelve, NOW)).new) == 1


def test_identical_rows_are_both_kept_and_reimport_cleanly(workspace) -> None:
    text = "full_date,date,weekday,time,mood,activities,note\n" + "2024-01-01,x,y,10:00,good,,same\n" * 2
    assert len(import_daylio(workspace, parse(text, NOW)).new) == 2
    assert len(import_daylio(workspace, parse(text, NOW)).new) == 0


def test_details_describe_what_happened() -> None:
    f = parse(read("current.csv"), NOW)
    lines = daylio.DaylioPlan(f, f.checkins, 0).details()
    assert lines[0] == "Read the current layout (full_date, note_title): 5 rows."
    assert lines[1] == "Moods (1–10): rad → 10 (1), good → 8 (1), meh → 5 (1), bad → 3 (1), awful → 1 (1)."
    assert "'gym 💪' → 'gym'" in lines[2] and "🎮" in lines[3]
    scales = parse(read("scales.csv"), NOW)
    assert "The scales column was not imported" in daylio.DaylioPlan(scales, [], 0).details()[-1]


def test_origin_survives_a_json_export_and_import(workspace, open_workspace) -> None:
    from companion_tui.core.exchange.document import export_json, import_json

    import_daylio(workspace, parse(read("current.csv"), NOW))
    data = export_json(workspace)
    assert all(c["origin"].startswith("daylio:") for c in data["checkins"])
    for c in list(workspace.moods.newest_first()):
        workspace.moods.delete(c.id)
    assert import_json(workspace, data) == 5
    workspace.close()
    ws = open_workspace()
    assert len(plan(ws, parse(read("current.csv"), NOW)).new) == 0


def test_any_text_is_read_or_refused_cleanly() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    header = "full_date,date,weekday,time,mood,activities,note_title,note\n"
    cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
    row = st.lists(cell, min_size=0, max_size=10).map(lambda cells: ",".join(cells))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(row, max_size=6), st.booleans())
    def check(rows, with_header):
        text = (header if with_header else "") + "\n".join(rows)
        try:
            parsed = parse(text.encode("utf-8"), NOW)
        except ValidationError as exc:
            assert all(isinstance(m, str) and m for m in exc.errors.values())
        else:
            assert all(1 <= c.score <= 10 and c.origin for c in parsed.checkins)

    check()
