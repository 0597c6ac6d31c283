"""The breathing pacer's timing model with a hand-moved clock."""

from __future__ import annotations

import pytest

from companion_tui.core.skills.exercises import GROUNDING_STEPS, PATTERNS, Pacer, make_pattern, pattern_for


class Clock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


def test_patterns() -> None:
    assert PATTERNS["box"].seconds == (4, 4, 4, 4) and PATTERNS["box"].cycle == 16
    assert PATTERNS["4-7-8"].seconds == (4, 7, 8, 0) and PATTERNS["4-7-8"].timing == "4-7-8"
    paced = PATTERNS["paced"]
    assert paced.seconds == (5, 0, 5, 0) and 60 / paced.cycle == 6  # six breaths a minute
    custom = make_pattern(3, 0, 6, 2)
    assert [p.kind for p in custom.phases] == ["in", "out", "rest"] and custom.timing == "3-6-2"
    for bad in ((0, 0, 4, 0), (4, 0, 31, 0), (4, -1, 4, 0)):
        with pytest.raises(ValueError):
            make_pattern(*bad)
    assert pattern_for("breathing:4-7-8") is PATTERNS["4-7-8"]
    assert pattern_for("grounding") is None and pattern_for("breathing:nope") is None


def test_phases_and_countdown_follow_the_clock() -> None:
    clock = Clock()
    pacer = Pacer(PATTERNS["4-7-8"], rounds=2, clock=clock)
    pacer.start()
    s = pacer.state()
    assert (s.phase.label, s.remaining, s.round, s.size) == ("Breathe in", 4, 1, 0.0)
    clock.t += 2
    s = pacer.state()
    assert (s.phase.kind, s.remaining) == ("in", 2) and s.size == pytest.approx(0.5)
    clock.t += 2.5
    s = pacer.state()
    assert (s.phase.label, s.remaining, s.size) == ("Hold", 7, 1.0)
    clock.t += 7
    s = pacer.state()
    assert (s.phase.label, s.remaining) == ("Breathe out", 8) and 0.9 < s.size < 1.0
    clock.t += 8
    s = pacer.state()
    assert (s.round, s.phase.label, s.completed_rounds) == (2, "Breathe in", 1)
    clock.t += 19
    s = pacer.state()
    assert s.done and s.completed_rounds == 2 and pacer.done
    clock.t += 100
    assert pacer.elapsed == 38  # never past the end


def test_pause_freezes_time_and_resume_continues() -> None:
    clock = Clock()
    pacer = Pacer(PATTERNS["box"], rounds=1, clock=clock)
    pacer.start()
    clock.t += 5
    pacer.toggle_pause()
    assert pacer.paused and pacer.state().paused
    clock.t += 60
    s = pacer.state()
    assert (s.phase.label, s.remaining, s.elapsed) == ("Hold", 3, 5)
    pacer.toggle_pause()
    assert not pacer.paused
    clock.t += 4
    assert pacer.state().phase.label == "Breathe out"


def test_stop_ends_early_and_counts_completed_rounds() -> None:
    clock = Clock()
    pacer = Pacer(PATTERNS["paced"], rounds=5, clock=clock)
    assert not pacer.started and pacer.elapsed == 0
    pacer.start()
    clock.t += 25
    pacer.stop()
    clock.t += 100
    assert pacer.elapsed == 25 and pacer.state().completed_rounds == 2 and not pacer.done
    pacer.resume()  # a stopped pacer stays stopped
    assert pacer.elapsed == 25


def test_rounds_must_be_sensible() -> None:
    with pytest.raises(ValueError):
        Pacer(PATTERNS["box"], rounds=0, clock=Clock())


def test_grounding_steps_count_down_from_five() -> None:
    assert [s.count for s in GROUNDING_STEPS] == [5, 4, 3, 2, 1]
    assert [s.sense for s in GROUNDING_STEPS] == ["see", "touch", "hear", "smell", "taste"]
