"""`companion export --format json` and `companion import json`."""

from __future__ import annotations

import json
import stat

import pytest

from companion_tui.core.exchange.document import export_json
from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.vault import FLOOR_PARAMS


@pytest.fixture
def filled(vault, open_workspace):
    ws = open_workspace()
    ws.moods.add(CheckInDraft(score=6, emotions=("calm",), note="first note, with ünïcode ✓", tags=("outside",)))
    ws.moods.add(CheckInDraft(score=3, energy=1, trigger="bad news", response="called a friend"))
    ws.drafts.save("mood-form", {"note": "unsaved draft text"})
    ws.settings.update(auto_lock_minutes=25)
    ws.close()
    return vault


def test_export_to_file_is_private_complete_and_warns(cli, filled, tmp_path) -> None:
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()

    result = cli("export", "--format", "json", "-o", str(target), COMPANION_PASSPHRASE=filled.passphrase)

    assert result.code == 0, result.err
    assert "NOT encrypted" in result.err
    assert result.out == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["export.json"]  # no temp file left behind
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("companion-export", 1)
    assert sorted(c["score"] for c in data["checkins"]) == [3, 6]
    notes = {c["note"] for c in data["checkins"]}
    assert "first note, with ünïcode ✓" in notes
    assert {c["trigger"] for c in data["checkins"]} == {"", "bad news"}
    assert data["settings"]["auto_lock_minutes"] == 25
    assert "unsaved draft text" not in target.read_text(encoding="utf-8")


def test_export_replaces_an_existing_file_and_keeps_it_private(cli, filled, tmp_path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old")
    target.chmod(0o644)

    assert cli("export", "-o", str(target), COMPANION_PASSPHRASE=filled.passphrase).code == 0

    assert json.loads(target.read_text())["format"] == "companion-export"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_a_missing_folder_or_a_folder_fails_before_unlocking(cli, filled, tmp_path) -> None:
    missing = cli("export", "-o", str(tmp_path / "nope" / "x.json"), COMPANION_PASSPHRASE="wrong passphrase")
    folder = cli("export", "-o", str(tmp_path), COMPANION_PASSPHRASE="wrong passphrase")

    assert "does not exist" in missing.one_line_error()  # not "passphrase is not correct": checked first
    assert "it is a folder" in folder.one_line_error()


@pytest.mark.parametrize("output", [None, "-"])
def test_export_to_stdout(cli, filled, output) -> None:
    args = ["export"] + (["-o", output] if output else [])

    result = cli(*args, COMPANION_PASSPHRASE=filled.passphrase)

    assert result.code == 0
    assert "NOT encrypted" in result.err
    assert len(json.loads(result.out)["checkins"]) == 2


def test_export_then_import_into_an_empty_vault_round_trips(cli, filled, tmp_path, companion_home) -> None:
    exported = tmp_path / "export.json"
    assert cli("export", "-o", str(exported), COMPANION_PASSPHRASE=filled.passphrase).code == 0
    other = Paths(tmp_path / "other-home")
    _vault, ws, _key = LockedVault.create(other, "another passphrase", FLOOR_PARAMS)
    ws.close()
    env = {"COMPANION_HOME": str(other.home), "COMPANION_PASSPHRASE": "another passphrase"}

    first = cli("import", "json", str(exported), **env)
    again = cli("import", "json", str(exported), **env)

    assert first.code == 0, first.err
    assert "Imported 2 check-ins" in first.out
    assert "Imported 0 check-ins; 2 were already in the vault" in again.out
    ws = LockedVault.open(other).unlock("another passphrase")
    try:
        reexported = export_json(ws)
    finally:
        ws.close()
    assert reexported["checkins"] == json.loads(exported.read_text())["checkins"]


def test_import_of_a_bad_file_changes_nothing(cli, filled, tmp_path, digest) -> None:
    before = digest(filled.paths.vault)
    env = {"COMPANION_PASSPHRASE": filled.passphrase}
    not_json = tmp_path / "not.json"
    not_json.write_text("{not json")
    wrong_kind = tmp_path / "wrong.json"
    wrong_kind.write_text(json.dumps({"format": "something-else"}))
    one_bad = tmp_path / "one-bad.json"
    good = {"id": "a" * 32, "score": 5, "at": "2025-01-01T10:00:00+01:00"}
    one_bad.write_text(json.dumps({"format": "companion-export", "version": 1,
                                   "checkins": [good, {**good, "id": "b" * 32, "score": 11}]}))

    assert "not valid JSON" in cli("import", "json", str(not_json), **env).one_line_error()
    assert "not a companion export" in cli("import", "json", str(wrong_kind), **env).one_line_error()
    assert "Check-in 2" in cli("import", "json", str(one_bad), **env).one_line_error()
    assert "No such file" in cli("import", "json", str(tmp_path / "missing.json"), **env).one_line_error()
    assert digest(filled.paths.vault) == before
