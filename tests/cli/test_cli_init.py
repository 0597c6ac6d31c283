"""`companion init`: creating a vault from the command line."""

from __future__ import annotations

import re
import stat

from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths

KEY = re.compile(r"\b[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}\b")
NEW = "a new passphrase for tests"


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_creates_private_vault_and_prints_recovery_key_once(cli, paths: Paths) -> None:
    result = cli("init", COMPANION_PASSPHRASE=NEW)

    assert result.code == 0, result.err
    keys = KEY.findall(result.out)
    assert len(keys) == 1
    assert "write it down" in result.out.lower()
    assert "somewhere safe" in result.out
    assert "lose both" in result.out.lower()
    assert keys[0] not in result.err
    assert mode(paths.home) == 0o700
    assert mode(paths.vault) == 0o600
    assert mode(paths.lock) == 0o600
    # The passphrase and the printed recovery key both open it.
    vault = LockedVault.open(paths)
    try:
        assert len(vault.unlock(NEW).moods) == 0
        assert vault.unlock_with_recovery(keys[0]).problems == []
    finally:
        vault.close()


def test_init_reads_passphrase_twice_from_stdin(cli, paths: Paths) -> None:
    result = cli("init", input=f"{NEW}\n{NEW}\n")

    assert result.code == 0, result.err
    vault = LockedVault.open(paths)
    try:
        vault.unlock(NEW)
    finally:
        vault.close()


def test_init_mismatched_confirmation_creates_nothing(cli, paths: Paths) -> None:
    line = cli("init", input=f"{NEW}\n{NEW}x\n").one_line_error()

    assert "don't match" in line
    assert not paths.home.exists()


def test_init_uses_first_line_of_passphrase_file(cli, paths: Paths, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{NEW}\nsecond line is ignored\n")

    assert cli("init", COMPANION_PASSPHRASE_FILE=str(secret)).code == 0
    vault = LockedVault.open(paths)
    try:
        vault.unlock(NEW)
    finally:
        vault.close()


def test_init_refuses_empty_and_short_passphrases(cli, paths: Paths) -> None:
    assert "empty" in cli("init", COMPANION_PASSPHRASE="").one_line_error()
    assert "at least 8" in cli("init", COMPANION_PASSPHRASE="short").one_line_error()
    assert "empty" in cli("init", input="\n\n").one_line_error()
    assert not paths.home.exists()


def test_init_without_any_passphrase_source_fails_cleanly(cli, paths: Paths) -> None:
    line = cli("init").one_line_error()  # stdin is empty and not a terminal

    assert "COMPANION_PASSPHRASE" in line
    assert not paths.home.exists()


def test_init_warns_about_a_weak_passphrase_but_creates_the_vault(cli, paths: Paths) -> None:
    result = cli("init", COMPANION_PASSPHRASE="password")

    assert result.code == 0
    assert "warning: weak passphrase" in result.err
    assert "most common" in result.err
    assert paths.vault.exists()


def test_init_refuses_when_a_vault_exists(cli, vault, digest) -> None:
    before = digest(vault.paths.vault)

    line = cli("init", COMPANION_PASSPHRASE=NEW).one_line_error()

    assert "already exists" in line
    assert digest(vault.paths.vault) == before
