"""`companion journal add|list|search`, `import jrnl`, `export --format md`, journal in the JSON export."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.vault import FLOOR_PARAMS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "jrnl"


def entries(vault, open_workspace):
    ws = open_workspace()
    found = ws.journal.newest_first()
    ws.close()
    return found


def test_add_with_every_option_then_list_and_search(cli, vault, open_workspace) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    added = cli("journal", "add", "-m", "Walked by the river with Zoë.\n\nFelt calmer after.", "--title", "Evening walk",
                "--tag", "outside", "--tag", "@Family", "--star", "--therapy", "--at", "2026-01-05 19:30", **env)
    assert added.code == 0, added.err
    assert "Saved your journal entry for 2026-01-05 19:30 (9 words) ★ (bring to therapy)." in added.out
    assert added.err == ""  # no safety notice for ordinary text
    [entry] = entries(vault, open_workspace)
    assert (entry.title, entry.tags, entry.starred, entry.therapy) == ("Evening walk", ("outside", "family"), True, True)
    assert entry.body == "Walked by the river with Zoë.\n\nFelt calmer after."

    listed = cli("journal", "list", "--days", "100000", **env)
    assert listed.code == 0
    assert "2026-01-05 19:30  ★⚑  Evening walk" in listed.out and "#outside #family" in listed.out
    assert "No journal entries in the last 1 days." in cli("journal", "list", "--days", "1", **env).out
    assert "Evening walk" in cli("journal", "list", "--days", "100000", "--tag", "family", **env).out
    assert "tagged 'work'" in cli("journal", "list", "--days", "100000", "--tag", "work", **env).out

    found = cli("journal", "search", "zoe", "RIVER", **env)
    assert found.code == 0
    assert "Evening walk" in found.out and "Walked by the river with Zoë." in found.out
    assert "1 entry found." in found.out
    assert "\x1b[" not in found.out  # no colour codes when not on a terminal
    assert "No entries match" in cli("journal", "search", "tag:work", **env).out


def test_add_from_stdin(cli, vault, open_workspace) -> None:
    result = cli("journal", "add", input="Line one\nline two from a pipe\n", COMPANION_PASSPHRASE=vault.passphrase)
    assert result.code == 0, result.err
    [entry] = entries(vault, open_workspace)
    assert entry.body == "Line one\nline two from a pipe"


def test_bad_input_is_one_line_and_changes_nothing(cli, vault, digest) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    before = digest(vault.paths.vault)
    assert "nothing to save" in cli("journal", "add", "-m", "   ", **env).one_line_error()
    assert "Can't read “soon”" in cli("journal", "add", "-m", "x", "--at", "soon", **env).one_line_error()
    assert "in the future" in cli("journal", "add", "-m", "x", "--at", "2999-01-01 10:00", **env).one_line_error()
    assert "can't be a tag" in cli("journal", "add", "-m", "x", "--tag", "a/b", **env).one_line_error()
    assert "at least one word" in cli("journal", "search", '""', **env).one_line_error()
    assert cli("journal", **env).code == 2
    assert digest(vault.paths.vault) == before


def test_safety_notice_is_quiet_and_the_entry_is_saved(cli, vault, open_workspace) -> None:
    result = cli("journal", "add", "-m", "Honestly I want to die some days.", COMPANION_PASSPHRASE=vault.passphrase)
    assert result.code == 0
    assert "Saved your journal entry" in result.out
    assert "988" in result.err and "Your entry is saved" in result.err
    assert "Traceback" not in result.err
    assert len(entries(vault, open_workspace)) == 1


def test_import_jrnl_twice_adds_nothing_the_second_time(cli, vault, open_workspace, digest) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    first = cli("import", "jrnl", str(FIXTURES / "basic.json"), **env)
    assert first.code == 0, first.err
    assert "Imported 5 journal entries from jrnl." in first.out
    again = cli("import", "jrnl", str(FIXTURES / "basic.json"), **env)
    assert "Imported 0 journal entries from jrnl; 5 were already in the vault." in again.out
    assert len(entries(vault, open_workspace)) == 5
    before = digest(vault.paths.vault)
    bad = cli("import", "jrnl", str(FIXTURES / "bad_entry.json"), **env)
    assert "Entry 2" in bad.one_line_error()
    not_jrnl = cli("import", "jrnl", "-", input='{"format": "companion-export"}', **env)
    assert "not a jrnl JSON export" in not_jrnl.one_line_error()
    assert digest(vault.paths.vault) == before


def test_export_markdown_to_a_private_file(cli, vault, tmp_path) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    assert cli("import", "jrnl", str(FIXTURES / "basic.json"), **env).code == 0
    target = tmp_path / "journal.md"
    result = cli("export", "--format", "md", "--what", "journal", "-o", str(target), **env)
    assert result.code == 0, result.err
    assert "NOT encrypted" in result.err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert "## January 2024" in text and "## February 2024" in text and "## March 2024" in text
    assert "### Monday 8 January 2024, 18:45 · Started the new job today." in text
    assert "Tags: #work · ★ Starred" in text
    def body(markdown: str) -> list[str]:  # the header line names the minute of export; the rest must match
        return [line for line in markdown.splitlines() if not line.startswith("Exported")]

    assert body(cli("export", "--format", "md", **env).out) == body(text)  # --what journal is the default
    assert "--what" in cli("export", "--format", "json", "--what", "journal", **env).one_line_error()
    assert "Can't export 'moods'" in cli("export", "--format", "md", "--what", "moods", **env).one_line_error()


def test_json_export_import_round_trips_journal(cli, vault, tmp_path) -> None:
    env = {"COMPANION_PASSPHRASE": vault.passphrase}
    cli("journal", "add", "-m", "A therapy thought", "--therapy", "--tag", "work", **env)
    cli("import", "jrnl", str(FIXTURES / "dayone_uuid.json"), **env)
    exported = tmp_path / "export.json"
    assert cli("export", "-o", str(exported), **env).code == 0
    other = Paths(tmp_path / "other")
    _v, ws, _k = LockedVault.create(other, "another passphrase", FLOOR_PARAMS)
    ws.close()
    env2 = {"COMPANION_HOME": str(other.home), "COMPANION_PASSPHRASE": "another passphrase"}
    first = cli("import", "json", str(exported), **env2)
    assert first.code == 0, first.err
    assert "Imported 3 journal entries." in first.out
    again = cli("import", "json", str(exported), **env2)
    assert "Imported 0 journal entries; 3 were already in the vault." in again.out
    original = json.loads(exported.read_text())
    restored = json.loads(cli("export", **env2).out)
    assert restored["journal"] == original["journal"] and len(original["journal"]) == 3
    assert cli("import", "jrnl", str(FIXTURES / "dayone_uuid.json"), **env2).out.startswith("Imported 0")
