"""Journal in and out: jrnl import (fixtures in tests/fixtures/jrnl), JSON round trip, Markdown."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from companion_tui.core.exchange.document import export_json, import_counts, import_json, parse_export
from companion_tui.core.exchange.jrnl import import_jrnl, origin, parse
from companion_tui.core.exchange.md_export import render_markdown
from companion_tui.core.kernel.errors import ValidationError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "jrnl"


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


# -- jrnl ----------------------------------------------------------------------------------


def test_jrnl_import_keeps_text_time_tags_and_stars(workspace) -> None:
    result = import_jrnl(workspace, load("basic.json"))
    assert (result.added, result.already, result.twice) == (5, 0, 0)
    entries = {e.title: e for e in workspace.journal.newest_first()}
    first = entries["Started the new job today."]
    assert first.body == "Nervous all morning, but the team was kind. @work\n\nLunch with Priya helped."
    assert first.tags == ("work",) and first.starred and not first.therapy
    local = first.at.astimezone()
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2024, 1, 8, 18, 45)
    assert first.origin.startswith("jrnl:")
    assert entries["Couldn't sleep again."].tags == ("sleep", "work")
    assert entries["Café afternoon — wrote for an hour."].body.startswith("Crème brûlée")
    assert entries["Short one."].body == ""
    assert workspace.journal.find("tag:family") == [entries["Called Mum."]]


def test_jrnl_reimport_adds_nothing_twice(workspace, open_workspace) -> None:
    import_jrnl(workspace, load("basic.json"))
    workspace.close()
    ws = open_workspace()  # origins survive reopening
    again = import_jrnl(ws, load("basic.json"))
    assert (again.added, again.already) == (0, 5)
    assert "0 journal entries" in again.summary() and "5 were already" in again.summary()
    assert len(ws.journal) == 5
    edited = ws.journal.newest_first()[0]
    ws.journal.update(edited.id, body="I changed this one after importing.")
    assert import_jrnl(ws, load("basic.json")).added == 0  # still recognised after an edit


def test_jrnl_uuid_and_old_format(workspace) -> None:
    result = import_jrnl(workspace, load("dayone_uuid.json"))
    assert result.added == 2
    origins = workspace.journal.origins()
    assert "jrnl:uuid:5B1C0A66A3D84D6F9F3B2E1D0C9B8A77" in origins
    assert import_jrnl(workspace, load("old_format_no_tags.json")).added == 2
    starred = [e.title for e in workspace.journal.newest_first() if e.starred]
    assert "Another one." in starred


def test_jrnl_duplicates_inside_a_file_are_added_once(workspace) -> None:
    result = import_jrnl(workspace, load("duplicates.json"))
    assert (result.added, result.twice) == (2, 1)
    assert "1 was a repeat inside the file" in result.summary()


def test_jrnl_bad_entry_means_nothing_is_imported(workspace) -> None:
    with pytest.raises(ValidationError) as err:
        import_jrnl(workspace, load("bad_entry.json"))
    assert "Entry 2" in str(err.value)
    assert len(workspace.journal) == 0 and workspace.vault.store.count("journal") == 0


@pytest.mark.parametrize("data", [[], {"entries": "no"}, {"tags": {}}, "text"])
def test_jrnl_not_an_export(data) -> None:
    with pytest.raises(ValidationError, match="not a jrnl JSON export"):
        parse(data, datetime.now().astimezone())


def test_jrnl_very_long_title_moves_into_the_body() -> None:
    long_title = "word " * 60
    [entry] = parse({"entries": [{"title": long_title, "body": "rest", "date": "2024-01-01", "time": "10:00"}]},
                    datetime.now().astimezone()).entries
    assert entry.title == "" and entry.body.startswith("word word") and entry.body.endswith("rest")


def test_origin_is_a_stable_fingerprint() -> None:
    item = {"date": "2024-01-01", "time": "10:00", "title": "a", "body": "b"}
    assert origin(item) == origin(dict(item)) != origin({**item, "body": "c"})


# -- JSON export -------------------------------------------------------------------------------

NOW = datetime(2026, 3, 14, 21, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def filled(workspace):
    j = workspace.journal
    j.add(title="Walk", body="Went for a walk.\n\n- river\n- rain", tags=("outside", "family"), starred=True,
          at=NOW - timedelta(days=2))
    j.add(body="Bring this up: the deadline pattern.", therapy=True, prompt_id="for-therapist.pattern",
          at=NOW - timedelta(days=40, hours=3))
    j.add(title="Week 11", body="Two of three goals.", kind="weekly review", at=NOW - timedelta(days=1))
    import_jrnl(workspace, load("dayone_uuid.json"))
    workspace.prompts.add("gratitude", "Who helped me today?")
    workspace.prompts.edit("wins.today", "What went right?")
    workspace.prompts.set_hidden("open.room")
    return workspace


def test_json_export_round_trips_exactly(filled, open_workspace, tmp_path) -> None:
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths
    from companion_tui.vault import FLOOR_PARAMS

    data = json.loads(json.dumps(export_json(filled)))
    assert len(data["journal"]) == 5 and len(data["prompts"]) == 3
    assert [e["at"] for e in data["journal"]] == sorted(e["at"] for e in data["journal"])  # oldest first

    _v, other, _key = LockedVault.create(Paths(tmp_path / "other"), "another passphrase", FLOOR_PARAMS)
    counts = import_counts(other, data)
    assert counts == {"checkins": (0, 0), "journal": (5, 5)}
    assert import_counts(other, data)["journal"] == (0, 5)
    again = json.loads(json.dumps(export_json(other)))
    assert again["journal"] == data["journal"]
    assert again["prompts"] == data["prompts"]
    assert {e.id: e for e in other.journal.newest_first()} == {e.id: e for e in filled.journal.newest_first()}
    assert other.prompts.get("wins.today").text == "What went right?"
    assert other.prompts.get("open.room").hidden
    # jrnl origins survive, so importing the jrnl file into the restored vault adds nothing.
    assert import_jrnl(other, load("dayone_uuid.json")).added == 0
    other.close()


def test_json_import_checks_journal_before_writing(filled, open_workspace) -> None:
    data = json.loads(json.dumps(export_json(filled)))
    data["journal"][1]["tags"] = ["no/slashes"]
    data["journal"][2]["at"] = "yesterday"
    with pytest.raises(ValidationError) as err:
        parse_export(data, NOW)
    assert "Journal entry 2" in str(err.value) and "Journal entry 3" in str(err.value)
    filled.close()
    ws = open_workspace()
    for e in list(ws.journal.newest_first()):
        ws.journal.delete(e.id)
    with pytest.raises(ValidationError):
        import_json(ws, data)
    assert len(ws.journal) == 0


def test_json_import_without_journal_section_still_works(workspace) -> None:
    data = {"format": "companion-export", "version": 1, "checkins": []}
    assert import_counts(workspace, data) == {"checkins": (0, 0), "journal": (0, 0)}


# -- Markdown ----------------------------------------------------------------------------------


def test_markdown_groups_by_month_with_date_title_tags_body(filled) -> None:
    text = render_markdown(filled)
    assert text.startswith("# Journal\n")
    assert "not encrypted" in text
    months = [line for line in text.splitlines() if line.startswith("## ")]
    assert months == sorted(months, key=lambda m: datetime.strptime(m[3:], "%B %Y"))
    assert "## November 2023" in months and "## March 2026" in months
    walk = text.index("· Walk")
    assert "Tags: #outside, #family · ★ Starred" in text[walk:walk + 200]
    assert "Went for a walk.\n\n- river\n- rain" in text
    assert "> Have I noticed a pattern lately" in text  # the prompt it answered
    assert "Bring to therapy" in text and "Weekly review" in text
    assert text.index("Session notes.") < text.index("· Walk")  # oldest first


def test_markdown_refuses_unknown_parts(filled) -> None:
    with pytest.raises(ValueError):
        render_markdown(filled, what="moods")
