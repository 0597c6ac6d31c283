"""Check-in validation: every problem gets a plain message, all of them at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.moods.checkins import MAX_NOTE, MAX_WORD, CheckInDraft, validate

NOW = datetime(2026, 3, 14, 21, 30, tzinfo=timezone(timedelta(hours=1)))


def errors_for(**fields) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        validate(CheckInDraft(**fields), NOW)
    return info.value.errors


@pytest.mark.parametrize("score", [None, "", 0, 11, -1, "abc", "7.5", 7.5, True, "1e1"])
def test_bad_scores(score) -> None:
    message = errors_for(score=score)["score"]
    assert "1" in message and "10" in message


@pytest.mark.parametrize(("score", "expected"), [(1, 1), (10, 10), ("7", 7), (" 3 ", 3), (7.0, 7)])
def test_good_scores(score, expected) -> None:
    assert validate(CheckInDraft(score=score), NOW)["score"] == expected


@pytest.mark.parametrize("energy", [0, 6, "high", 2.5])
def test_bad_energy(energy) -> None:
    assert "Energy must be a whole number from 1 to 5" in errors_for(score=5, energy=energy)["energy"]


def test_energy_is_optional() -> None:
    assert validate(CheckInDraft(score=5, energy=""), NOW)["energy"] is None
    assert validate(CheckInDraft(score=5, energy="4"), NOW)["energy"] == 4


@pytest.mark.parametrize(
    ("word", "expected"),
    [("", "can't be empty"), ("   ", "can't be empty"), ("a,b", "not commas"), ("sad;", "letters, spaces"),
     ("9lives", "letters, spaces"), ("x" * (MAX_WORD + 1), "too long")],
)
def test_bad_emotion_words(word, expected) -> None:
    assert expected in errors_for(score=5, emotions=("calm", word))["emotions"]


def test_bad_tags_use_the_same_rules() -> None:
    assert "not commas" in errors_for(score=5, tags=("outside,walk",))["tags"]


def test_words_are_normalised_and_deduplicated() -> None:
    fields = validate(CheckInDraft(score=5, emotions=("Calm", "calm ", "worn  out", "don't-know"), tags=("Slept Well",)), NOW)
    assert fields["emotions"] == ("calm", "worn out", "don't-know")
    assert fields["tags"] == ("slept well",)


def test_future_times_are_refused_but_back_dating_is_fine() -> None:
    assert "in the future" in errors_for(score=5, at=NOW + timedelta(hours=1))["at"]
    assert validate(CheckInDraft(score=5, at=NOW + timedelta(minutes=2)), NOW)["score"] == 5  # clock slack
    assert validate(CheckInDraft(score=5, at=NOW - timedelta(days=400)), NOW)["at"] == NOW - timedelta(days=400)
    assert "too far in the past" in errors_for(score=5, at=datetime(1800, 1, 1, tzinfo=UTC))["at"]


def test_naive_time_becomes_local_and_default_is_now() -> None:
    assert validate(CheckInDraft(score=5), NOW)["at"] == NOW
    at = validate(CheckInDraft(score=5, at=datetime(2025, 1, 1, 12, 0)), NOW)["at"]
    assert at.tzinfo is not None and at.hour == 12


def test_text_limits_and_nul() -> None:
    assert "too long" in errors_for(score=5, note="x" * (MAX_NOTE + 1))["note"]
    assert "can't be stored" in errors_for(score=5, trigger="a\x00b")["trigger"]
    assert validate(CheckInDraft(score=5, response="  trimmed  "), NOW)["response"] == "trimmed"


def test_every_problem_is_reported_at_once() -> None:
    errors = errors_for(score=0, energy=9, emotions=("",), at=NOW + timedelta(days=1))
    assert set(errors) == {"score", "energy", "emotions", "at"}
    with pytest.raises(ValidationError) as info:
        validate(CheckInDraft(score=0, energy=9), NOW)
    assert "mood score" in str(info.value) and "Energy" in str(info.value)
