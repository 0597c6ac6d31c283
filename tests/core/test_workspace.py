"""The unlocked workspace: drafts and settings persist, tampering is named, passphrases."""

from __future__ import annotations

import sqlite3

import pytest

from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.settings import Settings
from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import (
    LockedVault,
    PassphraseTooShort,
    check_new_passphrase,
    strength_label,
    strength_warnings,
)
from companion_tui.vault import WrongPassphrase


def test_drafts_persist_replace_and_discard(workspace, open_workspace) -> None:
    workspace.drafts.save("mood-form", {"note": "half a thought"})
    workspace.drafts.save("mood-form", {"note": "a whole thought", "score": 6})
    workspace.drafts.save("mood-edit:abc", {"note": "other"})
    workspace.close()

    ws = open_workspace()
    assert ws.drafts.get("mood-form").data == {"note": "a whole thought", "score": 6}
    assert ws.vault.store.count("drafts") == 2
    ws.drafts.discard("mood-form")
    ws.close()

    ws = open_workspace()
    assert ws.drafts.get("mood-form") is None
    assert [d.name for d in ws.drafts.all()] == ["mood-edit:abc"]


def test_settings_persist_and_validate(workspace, open_workspace) -> None:
    assert workspace.settings.value == Settings()
    workspace.settings.update(auto_lock_minutes=3, week_start=6)
    with pytest.raises(ValidationError) as info:
        workspace.settings.update(auto_lock_minutes=0)
    assert "between 1 and 240" in info.value.errors["auto_lock_minutes"]
    workspace.close()

    assert open_workspace().settings.value == Settings(auto_lock_minutes=3, week_start=6)


def _flip_a_byte(db_path, table: str, record_id: str) -> None:
    with sqlite3.connect(db_path) as db:
        (blob,) = db.execute(f"SELECT sealed FROM {table} WHERE id = ?", (record_id,)).fetchone()
        middle = len(blob) // 2
        db.execute(f"UPDATE {table} SET sealed = ? WHERE id = ?", (blob[:middle] + bytes([blob[middle] ^ 0x40]) + blob[middle + 1 :], record_id))
    db.close()


def test_a_tampered_record_is_named_and_the_rest_opens(vault, workspace, open_workspace) -> None:
    keep = [workspace.moods.add(CheckInDraft(score=s)) for s in (3, 5, 7)]
    bad = workspace.moods.add(CheckInDraft(score=9))
    draft = workspace.drafts.save("mood-form", {"note": "x"})
    workspace.close()
    _flip_a_byte(vault.paths.vault, "checkins", bad.id)
    _flip_a_byte(vault.paths.vault, "drafts", draft.id)

    ws = open_workspace()

    assert {(p.table, p.record_id) for p in ws.problems} == {("checkins", bad.id), ("drafts", draft.id)}
    assert all("failed authentication" in str(p) for p in ws.problems)
    assert {c.id for c in ws.moods.newest_first()} == {c.id for c in keep}
    assert ws.drafts.get("mood-form") is None


def test_a_blob_moved_to_another_row_is_named(vault, workspace, open_workspace) -> None:
    a = workspace.moods.add(CheckInDraft(score=2))
    b = workspace.moods.add(CheckInDraft(score=8))
    workspace.close()
    with sqlite3.connect(vault.paths.vault) as db:
        (blob,) = db.execute("SELECT sealed FROM checkins WHERE id = ?", (a.id,)).fetchone()
        db.execute("UPDATE checkins SET sealed = ? WHERE id = ?", (blob, b.id))
    db.close()

    ws = open_workspace()

    assert [p.record_id for p in ws.problems] == [b.id]
    assert [c.id for c in ws.moods.newest_first()] == [a.id]


@pytest.mark.parametrize(
    ("passphrase", "confirm", "expected"),
    [("", None, "can't be empty"), ("   ", None, "can't be empty"), ("short", None, "at least 8"),
     ("long enough", "long enouhg", "don't match")],
)
def test_unusable_new_passphrases(passphrase, confirm, expected) -> None:
    with pytest.raises(PassphraseTooShort) as info:
        check_new_passphrase(passphrase, confirm)
    assert expected in str(info.value)


def test_weak_passphrases_warn_and_strong_ones_do_not() -> None:
    assert any("most common" in w for w in check_new_passphrase("password", "password"))
    assert strength_warnings("aaaaaaaaaaaa")
    assert strength_warnings("abcdefgh")
    assert check_new_passphrase("violet kettle 42 drift") == []
    labels = [strength_label(p) for p in ("abc", "abcdefgh", "violet kettle", "violet kettle 42 drift")]
    assert labels == ["too short", "weak", "good", "strong"]


def test_change_passphrase_rewraps_only(vault, workspace, open_workspace) -> None:
    workspace.moods.add(CheckInDraft(score=6, note="kept"))
    rows_before = workspace.vault.store.rows("checkins")
    workspace.change_passphrase("an entirely new passphrase")
    workspace.close()

    locked = LockedVault.open(vault.paths)
    try:
        with pytest.raises(WrongPassphrase):
            locked.unlock(vault.passphrase)
        ws = locked.unlock("an entirely new passphrase")
        assert [c.note for c in ws.moods.newest_first()] == ["kept"]
        assert ws.vault.store.rows("checkins") == rows_before  # records untouched, byte for byte
        assert locked.unlock_with_recovery(vault.recovery_key).problems == []
    finally:
        locked.close()


def test_every_write_bumps_its_parts_change_count_and_no_other(workspace) -> None:
    before = {name: workspace.change_count(name) for name in ("moods", "drafts", "settings", "journal")}
    assert before["moods"] == 0
    saved = workspace.moods.add(CheckInDraft(score=6))
    assert workspace.change_count("moods") == before["moods"] + 1
    workspace.moods.update(saved.id, CheckInDraft(score=7, at=saved.at))
    assert workspace.change_count("moods") == before["moods"] + 2
    workspace.moods.delete(saved.id)
    assert workspace.change_count("moods") == before["moods"] + 3
    assert workspace.change_count("journal") == before["journal"]
    workspace.drafts.save("mood-form", {"note": "x"})
    assert workspace.change_count("drafts") == before["drafts"] + 1
    assert workspace.change_count("moods") == before["moods"] + 3  # a draft is not a check-in
    workspace.settings.update(week_start=6)
    assert workspace.change_count("settings") > before["settings"]
    # Several parts together: their sum, which changes when any of them does.
    assert workspace.change_count("moods", "drafts") == workspace.change_count("moods") + workspace.change_count("drafts")
    assert workspace.change_count() == 0


def test_goals_count_both_their_record_types(workspace) -> None:
    from companion_tui.core.workspace import Workspace

    assert len(Workspace.goals.types) == 2
    assert workspace.change_count("goals") == sum(workspace.records.writes(t.table) for t in Workspace.goals.types)
