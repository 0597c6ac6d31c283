"""`companion mood add` and `companion mood list`, and every kind of bad check-in input."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault


def test_add_with_every_field_is_stored(cli, vault) -> None:
    result = cli(
        "mood", "add", "7",
        "--emotion", "calm", "--emotion", "Worn out",
        "--energy", "2",
        "--trigger", "long call with my sister",
        "--response", "went for a walk",
        "--tag", "outside", "--tag", "slept well",
        "--note", "better than this morning",
        "--at", "2026-01-02 21:30",
        COMPANION_PASSPHRASE=vault.passphrase,
    )

    assert result.code == 0, result.err
    assert "2026-01-02 21:30" in result.out
    ws = LockedVault.open(vault.paths).unlock_with_recovery(vault.recovery_key)
    try:
        [c] = ws.moods.newest_first()
    finally:
        ws.close()
    assert (c.score, c.energy) == (7, 2)
    assert c.emotions == ("calm", "worn out")
    assert c.tags == ("outside", "slept well")
    assert (c.trigger, c.response, c.note) == ("long call with my sister", "went for a walk", "better than this morning")
    assert c.at.replace(tzinfo=None) == datetime(2026, 1, 2, 21, 30)
    assert c.at.utcoffset() is not None


def test_list_shows_newest_first_within_the_days_asked(cli, vault, open_workspace) -> None:
    ws = open_workspace()
    now = datetime.now().astimezone()
    for score, days_ago, note in ((4, 3, "older entry"), (8, 1, "newer entry"), (2, 40, "long ago")):
        ws.moods.add(CheckInDraft(score=score, at=now - timedelta(days=days_ago), note=note, emotions=("hopeful",)))
    ws.close()

    week = cli("mood", "list", "--days", "7", COMPANION_PASSPHRASE=vault.passphrase)
    two_months = cli("mood", "list", "--days", "60", COMPANION_PASSPHRASE=vault.passphrase)

    assert week.code == 0, week.err
    assert "When" in week.out and "Mood" in week.out and "Emotions" in week.out
    assert week.out.index("newer entry") < week.out.index("older entry")
    assert " 8/10" in week.out and "hopeful" in week.out
    assert "long ago" not in week.out
    assert "long ago" in two_months.out


def test_list_on_an_empty_vault_says_so(cli, vault) -> None:
    result = cli("mood", "list", COMPANION_PASSPHRASE=vault.passphrase)

    assert result.code == 0
    assert "No check-ins in the last 30 days" in result.out


def test_at_reads_yesterday_a_bare_time_and_a_bare_date(cli, vault) -> None:
    for when in ("yesterday 22:05", "2026-01-03", "00:00"):
        assert cli("mood", "add", "5", "--at", when, COMPANION_PASSPHRASE=vault.passphrase).code == 0
    ws = LockedVault.open(vault.paths).unlock_with_recovery(vault.recovery_key)
    try:
        stamps = sorted(c.at.replace(tzinfo=None) for c in ws.moods.newest_first())
    finally:
        ws.close()
    today = datetime.now().date()
    assert stamps == [datetime(2026, 1, 3, 12, 0),  # a date alone means noon
                      datetime.combine(today - timedelta(days=1), datetime.min.time()).replace(hour=22, minute=5),
                      datetime.combine(today, datetime.min.time())]


def _future() -> str:
    return (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["0"], "from 1 to 10"),
        (["11"], "from 1 to 10"),
        (["abc"], "from 1 to 10"),
        (["5", "--energy", "9"], "Energy"),
        (["5", "--emotion", ""], "can't be empty"),
        (["5", "--emotion", "a,b"], "not commas"),
        (["5", "--tag", "   "], "can't be empty"),
        (["5", "--at", "someday"], "Can't read “someday”"),
        (["5", "--at", "2026-02-30 10:00"], "not a real date"),
        (["5", "--at", "FUTURE"], "in the future"),
    ],
)
def test_bad_input_is_one_clear_line_and_changes_nothing(cli, vault, digest, args, expected) -> None:
    args = [_future() if a == "FUTURE" else a for a in args]
    before = digest(vault.paths.vault)

    line = cli("mood", "add", *args, COMPANION_PASSPHRASE=vault.passphrase).one_line_error()

    assert expected in line
    assert digest(vault.paths.vault) == before


def test_add_without_a_vault_points_to_init(cli, paths) -> None:
    line = cli("mood", "add", "5", COMPANION_PASSPHRASE="whatever passphrase").one_line_error()

    assert "companion init" in line
    assert not paths.home.exists()


def test_gentle_safety_notice_after_a_check_in_note_never_blocks_saving(cli, vault) -> None:
    quiet = cli("mood", "add", "5", "--note", "a long day at work", COMPANION_PASSPHRASE=vault.passphrase)
    assert quiet.code == 0 and "carry this alone" not in quiet.err
    worried = cli("mood", "add", "2", "--note", "I want to end my life", COMPANION_PASSPHRASE=vault.passphrase)
    assert worried.code == 0, worried.err
    assert "Saved your check-in" in worried.out
    assert "carry this alone" in worried.err
    ws = LockedVault.open(vault.paths).unlock_with_recovery(vault.recovery_key)
    try:
        assert sorted(c.score for c in ws.moods.newest_first()) == [2, 5]
    finally:
        ws.close()
