"""Bad files, bad folders, a busy vault, usage errors and unexpected errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from companion_tui.cli import main as cli_module
from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda real: os.urandom(8192), id="random-bytes"),
        pytest.param(lambda real: b"", id="empty"),
        pytest.param(lambda real: real[:1000], id="truncated"),
    ],
)
def test_a_file_that_is_not_a_vault(cli, vault, digest, damage) -> None:
    vault.paths.vault.write_bytes(damage(vault.paths.vault.read_bytes()))
    before = digest(vault.paths.vault)

    line = cli("mood", "list", COMPANION_PASSPHRASE=vault.passphrase).one_line_error()

    assert "not a companion vault" in line or "damaged" in line
    assert digest(vault.paths.vault) == before


def test_a_vault_from_a_newer_format_version(cli, vault, digest) -> None:
    with sqlite3.connect(vault.paths.vault) as db:
        (envelope,) = db.execute("SELECT value FROM meta WHERE key = 'envelope'").fetchone()
        db.execute("UPDATE meta SET value = ? WHERE key = 'envelope'", (envelope[:4] + bytes([9]) + envelope[5:],))
    db.close()
    before = digest(vault.paths.vault)

    line = cli("mood", "list", COMPANION_PASSPHRASE=vault.passphrase).one_line_error()

    assert "newer version" in line
    assert digest(vault.paths.vault) == before


def test_a_second_process_gets_a_clear_message(cli, vault, digest) -> None:
    held = LockedVault.open(vault.paths)
    try:
        before = digest(vault.paths.vault)
        line = cli("mood", "add", "5", COMPANION_PASSPHRASE=vault.passphrase).one_line_error()
        assert digest(vault.paths.vault) == before
    finally:
        held.close()

    assert "already open in another terminal" in line
    assert cli("mood", "list", COMPANION_PASSPHRASE=vault.passphrase).code == 0  # released: works again


def test_data_folder_whose_parent_is_missing(cli, tmp_path) -> None:
    home = tmp_path / "missing" / "home"

    line = cli("init", COMPANION_HOME=str(home), COMPANION_PASSPHRASE="good passphrase").one_line_error()

    assert "parent folder does not exist" in line
    assert not (tmp_path / "missing").exists()


def test_data_folder_that_cannot_be_created(cli, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    inside_file = cli("init", COMPANION_HOME=str(blocker / "home"), COMPANION_PASSPHRASE="good passphrase")
    is_file = cli("init", COMPANION_HOME=str(blocker), COMPANION_PASSPHRASE="good passphrase")

    assert "Cannot create the data folder" in inside_file.one_line_error()
    assert "not a folder" in is_file.one_line_error()
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_data_folder_in_an_unwritable_place(cli, tmp_path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir(mode=0o500)
    try:
        line = cli("init", COMPANION_HOME=str(parent / "home"), COMPANION_PASSPHRASE="good passphrase").one_line_error()
    finally:
        parent.chmod(0o700)
    assert "Cannot create the data folder" in line
    assert list(parent.iterdir()) == []


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs Linux sysfs, where even root can't mkdir")
def test_data_folder_on_a_filesystem_that_refuses_writes(cli) -> None:
    line = cli("init", COMPANION_HOME="/sys/companion-test-home", COMPANION_PASSPHRASE="good passphrase").one_line_error()

    assert "Cannot create the data folder" in line
    assert not os.path.exists("/sys/companion-test-home")


def test_a_tampered_record_is_named_and_the_rest_still_listed(cli, vault, open_workspace) -> None:
    from companion_tui.core.moods.checkins import CheckInDraft

    ws = open_workspace()
    bad = ws.moods.add(CheckInDraft(score=2, note="will be damaged"))
    ws.moods.add(CheckInDraft(score=9, note="still fine"))
    ws.close()
    with sqlite3.connect(vault.paths.vault) as db:
        (blob,) = db.execute("SELECT sealed FROM checkins WHERE id = ?", (bad.id,)).fetchone()
        db.execute("UPDATE checkins SET sealed = ? WHERE id = ?", (blob[:-1] + bytes([blob[-1] ^ 1]), bad.id))
    db.close()

    result = cli("mood", "list", COMPANION_PASSPHRASE=vault.passphrase)

    assert result.code == 0
    assert "still fine" in result.out and "will be damaged" not in result.out
    assert f"warning: check-in {bad.id[:8]}" in result.err


@pytest.mark.parametrize(
    "args",
    [["mood"], ["mood", "add"], ["mood", "list", "--days", "0"], ["export", "--format", "xml"], ["frobnicate"]],
)
def test_usage_errors_exit_2(cli, args) -> None:
    result = cli(*args)

    assert result.code == 2
    assert "usage:" in result.err
    assert "Traceback" not in result.err


def test_help_lists_every_command_and_variable(cli) -> None:
    result = cli("--help")

    assert result.code == 0
    for word in ("init", "mood", "export", "import", "passwd", "recover", "COMPANION_HOME",
                 "COMPANION_PASSPHRASE", "COMPANION_PASSPHRASE_FILE", "COMPANION_NEW_PASSPHRASE",
                 "COMPANION_RECOVERY_KEY", "not for emergencies"):
        assert word in result.out
    mood_help = cli("mood", "--help").out
    assert "add" in mood_help and "list" in mood_help


def test_unexpected_errors_show_only_the_exception_class(vault, monkeypatch, capsys) -> None:
    def explode(ws):
        raise RuntimeError("zqx private journal text")

    monkeypatch.setenv("COMPANION_PASSPHRASE", vault.passphrase)
    monkeypatch.setitem(sys.modules["companion_tui.core.exchange.document"].RENDERERS, "json", explode)

    code = cli_module.main(["export"])

    err = capsys.readouterr().err
    assert code == 1
    assert "RuntimeError" in err
    assert "zqx" not in err
    assert "Traceback" not in err


def test_startup_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from companion_tui.cli import main as cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'cryptography', 'textual', 'alembic') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)

    assert proc.returncode == 0, proc.stderr


def test_no_subcommand_starts_the_tui(monkeypatch) -> None:
    seen = []
    app = pytest.importorskip("companion_tui.tui.app")

    monkeypatch.setattr(app, "run_tui", lambda paths: seen.append(paths) or 0)

    assert cli_module.main([]) == 0
    assert seen == [Paths.default()]


def test_workspace_warnings_reach_stderr(cli, vault) -> None:
    vault.paths.backups.write_text("a file where the backups folder should be")

    result = cli("mood", "list", COMPANION_PASSPHRASE=vault.passphrase)

    assert result.code == 0
    assert "warning: Today's automatic backup could not be made" in result.err
