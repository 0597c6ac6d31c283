"""`companion skill list` and `companion skill log`, run as a real subprocess."""

from __future__ import annotations

from datetime import datetime

from companion_tui.core.skills.catalogue import SkillDraft
from companion_tui.core.workspace import LockedVault


def _practices(vault):
    ws = LockedVault.open(vault.paths).unlock_with_recovery(vault.recovery_key)
    try:
        return ws.practices.newest_first()
    finally:
        ws.close()


def test_list_shows_builtin_and_own_skills_and_filters_by_category(cli, vault, open_workspace) -> None:
    ws = open_workspace()
    ws.skills.add(SkillDraft(name="Safe place", category="grounding", minutes=5, when="Before bed"))
    ws.skills.archive("anchor-object")
    ws.close()

    everything = cli("skill", "list", COMPANION_PASSPHRASE=vault.passphrase)
    grounding = cli("skill", "list", "--category", "Grounding", COMPANION_PASSPHRASE=vault.passphrase)
    compassion = cli("skill", "list", "--category", "self-compassion", COMPANION_PASSPHRASE=vault.passphrase)
    with_archived = cli("skill", "list", "--all", "--category", "grounding", COMPANION_PASSPHRASE=vault.passphrase)

    assert everything.code == 0, everything.err
    assert "Box breathing" in everything.out and "Sleep wind-down" in everything.out
    assert "Safe place (yours)" in everything.out
    assert "Hold an anchor object" not in everything.out
    assert grounding.code == 0, grounding.err
    assert "5-4-3-2-1 senses" in grounding.out and "Safe place" in grounding.out
    assert "Box breathing" not in grounding.out
    assert "Self-compassion break" in compassion.out and "Box breathing" not in compassion.out
    assert "Hold an anchor object [archived]" in with_archived.out


def test_list_without_a_vault_shows_the_builtin_catalogue(cli) -> None:
    result = cli("skill", "list", "--category", "breathing")
    assert result.code == 0, result.err
    assert "Box breathing" in result.out and "4-7-8 breathing" in result.out


def test_unknown_category_is_one_clear_line(cli, vault) -> None:
    line = cli("skill", "list", "--category", "juggling", COMPANION_PASSPHRASE=vault.passphrase).one_line_error()
    assert "no skill category 'juggling'" in line and "breathing" in line


def test_log_with_every_option_is_stored(cli, vault) -> None:
    result = cli(
        "skill", "log", "BOX breathing", "--before", "7", "--after", "3", "--helped", "quite a bit",
        "--situation", "before the interview", "--note", "slower out-breath helped", "--therapy",
        "--at", "2026-01-02 08:15", COMPANION_PASSPHRASE=vault.passphrase,
    )

    assert result.code == 0, result.err
    assert result.out.strip() == (
        "Logged Box breathing for 2026-01-02 08:15: distress 7 → 3, helped quite a bit, flagged for therapy."
    )
    [p] = _practices(vault)
    assert (p.skill_id, p.before, p.after, p.helped, p.therapy) == ("box-breathing", 7, 3, "quite_a_bit", True)
    assert (p.situation, p.notes) == ("before the interview", "slower out-breath helped")
    assert p.at.replace(tzinfo=None) == datetime(2026, 1, 2, 8, 15)


def test_log_matches_part_of_a_name_and_own_skills(cli, vault, open_workspace) -> None:
    ws = open_workspace()
    ws.skills.add(SkillDraft(name="Call my sister", category="relationships"))
    ws.close()
    assert cli("skill", "log", "urge", COMPANION_PASSPHRASE=vault.passphrase).code == 0
    result = cli("skill", "log", "call my SISTER", "--helped", "4", COMPANION_PASSPHRASE=vault.passphrase)
    assert result.code == 0, result.err
    assert "Logged Call my sister" in result.out and "helped a lot" in result.out
    assert len(_practices(vault)) == 2


def test_unknown_and_ambiguous_skills_are_clear(cli, vault, digest) -> None:
    before = digest(vault.paths.vault)
    unknown = cli("skill", "log", "juggling", COMPANION_PASSPHRASE=vault.passphrase).one_line_error()
    ambiguous = cli("skill", "log", "breathing", COMPANION_PASSPHRASE=vault.passphrase).one_line_error()
    assert "No skill matches 'juggling'" in unknown and "skill list" in unknown
    assert "'breathing' matches 3 skills" in ambiguous
    assert "Box breathing" in ambiguous and "type more of the name" in ambiguous
    assert digest(vault.paths.vault) == before


def test_bad_numbers_are_reported_before_the_passphrase_is_asked(cli, vault) -> None:
    # No passphrase given at all: the input problem must be what is reported.
    too_high = cli("skill", "log", "box breathing", "--before", "11").one_line_error()
    helped = cli("skill", "log", "box breathing", "--helped", "enormously").one_line_error()
    when = cli("skill", "log", "box breathing", "--at", "the day before").one_line_error()
    assert "Distress before is a whole number from 0" in too_high
    assert "not at all, a little, quite a bit, a lot" in helped
    assert "--at 'the day before': Can't read" in when
    assert _practices(vault) == []


def test_export_and_import_carry_skills_and_practices(cli, vault, tmp_path) -> None:
    from companion_tui.core.workspace import LockedVault as Vault
    from companion_tui.paths import Paths
    from companion_tui.vault import FLOOR_PARAMS

    ws = Vault.open(vault.paths).unlock_with_recovery(vault.recovery_key)
    own = ws.skills.add(SkillDraft(name="Safe place", category="grounding"))
    ws.close()
    assert cli("skill", "log", "safe place", "--before", "6", "--after", "2", COMPANION_PASSPHRASE=vault.passphrase).code == 0
    assert cli("skill", "log", "box breathing", "--helped", "a lot", COMPANION_PASSPHRASE=vault.passphrase).code == 0
    out = tmp_path / "export.json"
    assert cli("export", "-o", str(out), COMPANION_PASSPHRASE=vault.passphrase).code == 0

    other = Paths(tmp_path / "other")
    _v, ws2, _key = Vault.create(other, "another long passphrase", FLOOR_PARAMS)
    ws2.close()
    result = cli("import", "json", str(out), COMPANION_PASSPHRASE="another long passphrase",
                 COMPANION_HOME=str(other.home))
    assert result.code == 0, result.err
    assert "Imported 1 own skill." in result.out and "Imported 2 skill practices." in result.out
    ws3 = Vault.open(other).unlock("another long passphrase")
    try:
        assert ws3.skills.get(own.id).name == "Safe place"
        assert {p.skill_id for p in ws3.practices.newest_first()} == {own.id, "box-breathing"}
    finally:
        ws3.close()
