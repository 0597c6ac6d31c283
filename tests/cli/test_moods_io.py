"""`companion import daylio` and `companion export --format csv --what moods`, through the real CLI."""

from __future__ import annotations

import csv
import io
import stat
from datetime import datetime
from pathlib import Path

from companion_tui.core.exchange.csv_export import HEADER
from companion_tui.core.moods.checkins import CheckInDraft

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "daylio"


def checkins(open_workspace):
    ws = open_workspace()
    found = sorted(ws.moods.newest_first(), key=lambda c: c.at)
    ws.close()
    return found


def test_import_daylio_then_again_adds_nothing(cli, vault, open_workspace) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    first = cli("import", "daylio", str(FIXTURES / "current.csv"), **env)
    assert first.code == 0, first.err
    assert "Imported 5 check-ins from Daylio (3 Mar 2024 to 5 Mar 2024)." in first.out
    assert "Read the current layout (full_date, note_title): 5 rows." in first.out
    assert "'gym 💪' → 'gym'" in first.out
    stored = checkins(open_workspace)
    assert [c.score for c in stored] == [10, 1, 3, 5, 8]
    assert stored[-1].tags == ("friends", "walk", "reading")
    again = cli("import", "daylio", str(FIXTURES / "current.csv"), **env)
    assert again.code == 0, again.err
    assert "Imported 0 check-ins from Daylio; 5 were already in the vault." in again.out
    assert len(checkins(open_workspace)) == 5


def test_dry_run_shows_rows_and_writes_nothing(cli, vault, digest) -> None:
    before = digest(vault.paths.vault)
    result = cli("import", "daylio", str(FIXTURES / "full_date.csv"), "--dry-run",
                 COMPANION_PASSPHRASE=vault.passphrase)
    assert result.code == 0, result.err
    assert "2023-12-31 23:59   8/10" in result.out and "New year's eve" in result.out
    assert "Would import 3 check-ins from Daylio (1 Jun 2023 to 31 Dec 2023)." in result.out
    assert "Nothing was written (--dry-run)." in result.out
    assert digest(vault.paths.vault) == before


def test_unknown_labels_then_mood_map(cli, vault, open_workspace, digest) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    before = digest(vault.paths.vault)
    line = cli("import", "daylio", str(FIXTURES / "custom_moods.csv"), **env).one_line_error()
    assert "custom_moods.csv: These mood labels are not Daylio's defaults" in line
    assert "'so-so' (1 row)" in line and "--mood-map so-so=N" in line and "Nothing was imported." in line
    assert digest(vault.paths.vault) == before
    ok = cli("import", "daylio", str(FIXTURES / "custom_moods.csv"), "--mood-map", "super=9",
             "--mood-map", "so-so=6", **env)
    assert ok.code == 0, ok.err
    assert "super → 9 (1), Super → 9 (1)" in ok.out or "Super → 9" in ok.out
    assert [c.score for c in checkins(open_workspace)] == [9, 9, 6, 8]


def test_malformed_file_is_one_line_with_its_line_number(cli, vault, digest) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    before = digest(vault.paths.vault)
    line = cli("import", "daylio", str(FIXTURES / "malformed.csv"), **env).one_line_error()
    assert line == ("companion: malformed.csv: Line 5: the time '25:61' can't be read "
                    "(expected e.g. 15:26, 5:01 PM or 10:00 pm). Nothing was imported.")
    assert "--mood-map" in cli("import", "daylio", "x.csv", "--mood-map", "super", **env).one_line_error()
    assert "No such file" in cli("import", "daylio", "missing.csv", **env).one_line_error()
    assert "used with `companion import daylio" in cli("import", "json", "x.json", "--dry-run", **env).one_line_error()
    assert digest(vault.paths.vault) == before


def test_import_from_stdin(cli, vault, open_workspace) -> None:
    text = (FIXTURES / "older_year.csv").read_text(encoding="utf-8")
    result = cli("import", "daylio", "-", input=text, COMPANION_PASSPHRASE=vault.passphrase)
    assert result.code == 0, result.err
    assert len(checkins(open_workspace)) == 3


def test_csv_export_round_trips_through_the_csv_module(cli, vault, open_workspace, tmp_path) -> None:
    ws = open_workspace()
    ws.moods.add(CheckInDraft(score=7, emotions=("calm", "at ease"), energy=3, tags=("walk", "slept well"),
                              trigger='a call, then "news"', response="made tea", note="Line one,\nline two 🌿\r\n€",
                              at=datetime(2026, 3, 14, 21, 30).astimezone()))
    ws.moods.add(CheckInDraft(score=2, at=datetime(2026, 3, 13, 8, 0).astimezone()))
    stored = sorted(ws.moods.newest_first(), key=lambda c: c.at)
    ws.close()
    target = tmp_path / "moods.csv"
    result = cli("export", "--format", "csv", "--what", "moods", "-o", str(target),
                 COMPANION_PASSPHRASE=vault.passphrase)
    assert result.code == 0, result.err
    assert "NOT encrypted" in result.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    raw = target.read_bytes()
    assert raw.startswith(b"at,score,energy,emotions,tags,trigger,response,note\r\n")  # no BOM, CRLF
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == HEADER
    assert len(rows) == 3
    low, high = rows[1], rows[2]
    assert low == [stored[0].at.isoformat(timespec="seconds"), "2", "", "", "", "", "", ""]
    assert high[0] == stored[1].at.isoformat() and datetime.fromisoformat(high[0]) == stored[1].at
    assert high[1:] == ["7", "3", "calm;at ease", "walk;slept well", 'a call, then "news"', "made tea",
                        "Line one,\nline two 🌿\r\n€"]  # exactly as stored
    assert '"a call, then ""news"""' in raw.decode("utf-8")  # RFC 4180 quoting
    # stdout, and the default --what
    out = cli("export", "--format", "csv", COMPANION_PASSPHRASE=vault.passphrase)
    assert out.code == 0 and out.out.replace("\r\n", "\n").splitlines()[0] == ",".join(HEADER)
    bad = cli("export", "--format", "csv", "--what", "journal", COMPANION_PASSPHRASE=vault.passphrase)
    assert "--what can be: moods" in bad.one_line_error()
