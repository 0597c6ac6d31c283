"""The JSON export and its re-import (companion_tui.core.exchange.document)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from companion_tui.core.exchange.document import CHECKIN_FIELDS, EXPORT_FORMATS, RENDERERS, export_json, import_json
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.vault import FLOOR_PARAMS

TOKYO = timezone(timedelta(hours=9))


@pytest.fixture
def filled(workspace):
    workspace.moods.add(CheckInDraft(score=8, emotions=("proud",), at=datetime(2026, 1, 5, 23, 30, tzinfo=TOKYO)))
    workspace.moods.add(CheckInDraft(score=3, energy=2, trigger="t", response="r", tags=("alcohol",), note="n",
                                     at=datetime(2026, 1, 2, 9, 0, tzinfo=UTC)))
    workspace.drafts.save("mood-form", {"note": "draft only"})
    workspace.settings.update(week_start=6)
    return workspace


@pytest.fixture
def empty_vault(tmp_path):
    _vault, ws, _key = LockedVault.create(Paths(tmp_path / "empty"), "another passphrase", FLOOR_PARAMS)
    yield ws
    ws.close()


@pytest.fixture
def empty(workspace):
    """An empty vault, opened without Argon2id (cheap, for the many invalid-input cases)."""
    return workspace


def test_export_holds_everything_but_drafts(filled) -> None:
    data = export_json(filled)

    assert (data["format"], data["version"]) == ("companion-export", 1)
    assert datetime.fromisoformat(data["exported_at"]).tzinfo is not None
    assert [c["score"] for c in data["checkins"]] == [3, 8]  # oldest first
    assert all(tuple(c) == CHECKIN_FIELDS for c in data["checkins"])
    assert data["checkins"][1]["at"] == "2026-01-05T23:30:00+09:00"
    first = data["checkins"][0]
    assert (first["trigger"], first["response"], first["tags"], first["note"], first["energy"]) == ("t", "r", ["alcohol"], "n", 2)
    assert data["settings"] == {"auto_lock_minutes": 10, "theme": "textual-dark", "week_start": 6}
    assert "draft only" not in json.dumps(data)
    assert "json" in EXPORT_FORMATS
    rendered = json.loads(RENDERERS["json"](filled))
    assert rendered["checkins"] == data["checkins"] and rendered["settings"] == data["settings"]


def test_import_round_trips_and_skips_what_is_present(filled, empty_vault) -> None:
    data = json.loads(json.dumps(export_json(filled)))

    assert import_json(empty_vault, data) == 2
    assert import_json(empty_vault, data) == 0

    again = export_json(empty_vault)
    assert again["checkins"] == data["checkins"]
    assert empty_vault.vault.store.count("checkins") == 2
    assert empty_vault.settings.value.week_start == 0  # settings are not imported
    assert [c.day.isoformat() for c in empty_vault.moods.newest_first()] == ["2026-01-05", "2026-01-02"]


def _export(*checkins: dict) -> dict:
    return {"format": "companion-export", "version": 1, "checkins": list(checkins)}


GOOD = {"id": "a" * 32, "score": 5, "at": "2025-06-01T10:00:00+02:00"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "not a companion export"),
        ({"format": "daylio"}, "not a companion export"),
        ({"format": "companion-export", "version": 2, "checkins": []}, "newer version"),
        ({"format": "companion-export", "version": "1", "checkins": []}, "no valid version"),
        ({"format": "companion-export", "version": 1}, "no list of check-ins"),
        (_export(GOOD, {**GOOD, "id": "b" * 32, "score": 0}), "Check-in 2: The mood score"),
        (_export({**GOOD, "id": "../etc"}), "32 lowercase hex"),
        (_export({**GOOD, "at": "last tuesday"}), "not an ISO date"),
        (_export({**GOOD, "at": "2999-01-01T00:00:00+00:00"}), "in the future"),
        (_export({**GOOD, "emotions": "sad"}), "list of words"),
        (_export({**GOOD, "emotions": ["a,b"]}), "not commas"),
        (_export({**GOOD, "note": 42}), "must be text"),
        (_export(GOOD, GOOD), "appears twice"),
        (_export("not an object"), "not an object"),
    ],
)
def test_invalid_imports_write_nothing(empty, data, expected) -> None:
    with pytest.raises(ValidationError) as info:
        import_json(empty, data)

    assert expected in str(info.value)
    assert len(empty.moods) == 0
    assert empty.vault.store.count("checkins") == 0


def test_many_problems_are_summarised(empty) -> None:
    data = _export(*({**GOOD, "id": f"{i:032x}", "score": 99} for i in range(12)))

    with pytest.raises(ValidationError) as info:
        import_json(empty, data)

    assert "and 7 more problems" in str(info.value)
    assert str(info.value).count("Check-in") == 5


def test_optional_fields_default_sensibly(empty) -> None:
    assert import_json(empty, _export({**GOOD, "unknown": "ignored"}) | {"journal": []}) == 1

    [c] = empty.moods.newest_first()
    assert (c.emotions, c.energy, c.note, c.version) == ((), None, "", 1)
    assert c.created.tzinfo is not None and c.updated == c.created
