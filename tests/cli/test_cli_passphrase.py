"""Passphrases on the command line: wrong ones, where they come from, passwd and recover."""

from __future__ import annotations

import pytest

from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault
from companion_tui.vault import WrongPassphrase

NEW = "a brand new passphrase"


@pytest.fixture
def with_entry(vault, open_workspace):
    ws = open_workspace()
    ws.moods.add(CheckInDraft(score=4, note="entry that must survive"))
    ws.close()
    return vault


def test_wrong_passphrase_is_one_line_and_changes_nothing(cli, with_entry, digest) -> None:
    files_before = sorted(p.name for p in with_entry.paths.home.iterdir())
    before = digest(with_entry.paths.vault)

    line = cli("mood", "list", COMPANION_PASSPHRASE="not the passphrase").one_line_error()

    assert line == "companion: The passphrase is not correct."
    assert digest(with_entry.paths.vault) == before
    assert sorted(p.name for p in with_entry.paths.home.iterdir()) == files_before


def test_empty_passphrase_is_refused(cli, with_entry) -> None:
    assert "COMPANION_PASSPHRASE is set but empty" in cli("mood", "list", COMPANION_PASSPHRASE="").one_line_error()
    assert "can't be empty" in cli("mood", "list", input="\n").one_line_error()


def test_passphrase_from_file_and_from_stdin(cli, with_entry, tmp_path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(with_entry.passphrase + "\r\n")

    from_file = cli("mood", "list", COMPANION_PASSPHRASE_FILE=str(secret))
    from_stdin = cli("mood", "list", input=with_entry.passphrase + "\n")
    missing = cli("mood", "list", COMPANION_PASSPHRASE_FILE=str(tmp_path / "nope")).one_line_error()

    assert "entry that must survive" in from_file.out
    assert "entry that must survive" in from_stdin.out
    assert "Can't read the passphrase file" in missing


def assert_only_new_passphrase_opens(info) -> None:
    vault = LockedVault.open(info.paths)
    try:
        with pytest.raises(WrongPassphrase):
            vault.unlock(info.passphrase)
        notes = [c.note for c in vault.unlock(NEW).moods.newest_first()]
        assert vault.unlock_with_recovery(info.recovery_key).problems == []  # the recovery key still works
    finally:
        vault.close()
    assert notes == ["entry that must survive"]


def test_passwd_changes_the_passphrase(cli, with_entry) -> None:
    result = cli("passwd", COMPANION_PASSPHRASE=with_entry.passphrase, COMPANION_NEW_PASSPHRASE=NEW)

    assert result.code == 0, result.err
    assert "Passphrase changed" in result.out
    assert_only_new_passphrase_opens(with_entry)


def test_passwd_mismatched_confirmation_keeps_the_old_passphrase(cli, with_entry, digest) -> None:
    before = digest(with_entry.paths.vault)

    line = cli("passwd", input=f"{NEW}\n{NEW} typo\n", COMPANION_PASSPHRASE=with_entry.passphrase).one_line_error()

    assert "don't match" in line
    assert digest(with_entry.paths.vault) == before


def test_passwd_refuses_a_short_new_passphrase(cli, with_entry, digest) -> None:
    before = digest(with_entry.paths.vault)

    line = cli("passwd", COMPANION_PASSPHRASE=with_entry.passphrase, COMPANION_NEW_PASSPHRASE="short").one_line_error()

    assert "at least 8" in line
    assert digest(with_entry.paths.vault) == before


def test_recover_sets_a_new_passphrase_with_the_recovery_key(cli, with_entry) -> None:
    result = cli("recover", COMPANION_RECOVERY_KEY=with_entry.recovery_key.lower(), COMPANION_NEW_PASSPHRASE=NEW)

    assert result.code == 0, result.err
    assert "New passphrase set" in result.out
    assert_only_new_passphrase_opens(with_entry)


def test_recover_with_prompts_on_stdin(cli, with_entry) -> None:
    result = cli("recover", input=f"{with_entry.recovery_key}\n{NEW}\n{NEW}\n")

    assert result.code == 0, result.err
    vault = LockedVault.open(with_entry.paths)
    try:
        assert [c.note for c in vault.unlock(NEW).moods.newest_first()] == ["entry that must survive"]
    finally:
        vault.close()


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("not a key", "32 letters and digits"),
        ("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "does not open this vault"),
        ("", "32 letters and digits"),
    ],
)
def test_recover_with_a_bad_key_changes_nothing(cli, with_entry, digest, key, expected) -> None:
    before = digest(with_entry.paths.vault)

    line = cli("recover", COMPANION_RECOVERY_KEY=key, COMPANION_NEW_PASSPHRASE=NEW).one_line_error()

    assert expected in line
    assert digest(with_entry.paths.vault) == before


def test_missing_input_names_the_variable_to_set(cli, with_entry) -> None:
    no_new = cli("passwd", COMPANION_PASSPHRASE=with_entry.passphrase).one_line_error()
    no_key = cli("recover").one_line_error()

    assert "No new passphrase given" in no_new and "COMPANION_NEW_PASSPHRASE" in no_new
    assert "No recovery key given" in no_key and "COMPANION_RECOVERY_KEY" in no_key
