"""Guided exercises as pure models: the breathing pacer's timing and the grounding steps.

The pacer never reads the time itself: it is given a ``clock`` (monotonic seconds) and
computes the phase, the countdown and the size of the shape from the elapsed time, so a
test can move time by hand and the UI only has to redraw.

    pacer = Pacer(PATTERNS["box"], rounds=4, clock=time.monotonic)
    pacer.start()
    state = pacer.state()      # state.phase.label, state.remaining, state.size, state.round
    pacer.toggle_pause()
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

PHASE_LABELS = {"in": "Breathe in", "hold": "Hold", "out": "Breathe out", "rest": "Rest"}
MAX_PHASE = 30
MAX_ROUNDS = 100


@dataclass(frozen=True)
class Phase:
    kind: str  # "in", "hold" (after breathing in), "out", "rest" (after breathing out)
    seconds: int

    @property
    def label(self) -> str:
        return PHASE_LABELS[self.kind]


@dataclass(frozen=True)
class Pattern:
    id: str
    name: str
    phases: tuple[Phase, ...]
    rounds: int = 4  # suggested

    @property
    def cycle(self) -> int:
        return sum(p.seconds for p in self.phases)

    @property
    def seconds(self) -> tuple[int, int, int, int]:
        """(in, hold, out, rest) seconds, zero where the pattern has no such phase."""
        by_kind = {p.kind: p.seconds for p in self.phases}
        return by_kind.get("in", 0), by_kind.get("hold", 0), by_kind.get("out", 0), by_kind.get("rest", 0)

    @property
    def timing(self) -> str:
        return "-".join(str(s) for s in self.seconds if s)


def make_pattern(inhale: int, hold: int, exhale: int, rest: int, pattern_id: str = "custom",
                 name: str = "") -> Pattern:
    """A pattern from four durations in seconds; holds may be 0 (left out). Raises ValueError."""
    for value, what in ((inhale, "breathing in"), (exhale, "breathing out")):
        if not 1 <= value <= MAX_PHASE:
            raise ValueError(f"Seconds {what} must be from 1 to {MAX_PHASE}.")
    for value in (hold, rest):
        if not 0 <= value <= MAX_PHASE:
            raise ValueError(f"Holds must be from 0 to {MAX_PHASE} seconds.")
    phases = tuple(Phase(k, s) for k, s in (("in", inhale), ("hold", hold), ("out", exhale), ("rest", rest)) if s)
    timing = "-".join(str(s) for s in (inhale, hold, exhale, rest) if s)
    return Pattern(pattern_id, name or f"Your own {timing}", phases)


PATTERNS: dict[str, Pattern] = {
    "box": make_pattern(4, 4, 4, 4, "box", "Box 4-4-4-4"),
    "4-7-8": Pattern("4-7-8", "4-7-8", (Phase("in", 4), Phase("hold", 7), Phase("out", 8))),
    "paced": Pattern("paced", "Paced 5-5 (six a minute)", (Phase("in", 5), Phase("out", 5)), rounds=30),
}


def pattern_for(exercise: str) -> Pattern | None:
    """The pattern a skill's ``exercise`` ("breathing:box") names, or None."""
    kind, _, pattern = exercise.partition(":")
    return PATTERNS.get(pattern) if kind == "breathing" else None


@dataclass(frozen=True)
class PacerState:
    round: int  # 1-based, the round in progress (== rounds when done)
    rounds: int
    phase: Phase
    phase_index: int
    remaining: int  # whole seconds left in this phase, counting down to 1
    fraction: float  # how far through this phase, 0..1
    size: float  # how big the shape is, 0 (empty lungs) .. 1 (full)
    elapsed: float
    paused: bool
    done: bool
    completed_rounds: int


def _ease(x: float) -> float:
    return (1 - math.cos(math.pi * max(0.0, min(1.0, x)))) / 2


class Pacer:
    """Breathing rounds timed from an injected monotonic clock; pause and resume freeze time."""

    def __init__(self, pattern: Pattern, rounds: int, clock: Callable[[], float]) -> None:
        if not 1 <= rounds <= MAX_ROUNDS:
            raise ValueError(f"Rounds must be from 1 to {MAX_ROUNDS}.")
        if pattern.cycle <= 0:
            raise ValueError("A pattern needs at least one second.")
        self.pattern = pattern
        self.rounds = rounds
        self.clock = clock
        self._banked = 0.0  # seconds elapsed before the current run
        self._since: float | None = None  # clock value when the current run started
        self.started = False
        self.stopped = False

    @property
    def total(self) -> float:
        return float(self.pattern.cycle * self.rounds)

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def paused(self) -> bool:
        return self.started and not self.running and not self.stopped and not self.done

    @property
    def elapsed(self) -> float:
        live = self.clock() - self._since if self._since is not None else 0.0
        return min(self.total, self._banked + max(0.0, live))

    @property
    def done(self) -> bool:
        return self.started and self.elapsed >= self.total

    def start(self) -> None:
        if not self.started:
            self.started = True
            self._since = self.clock()

    def pause(self) -> None:
        if self.running and not self.done:
            self._banked = self.elapsed
            self._since = None

    def resume(self) -> None:
        if self.started and not self.running and not self.stopped:
            self._since = self.clock()

    def toggle_pause(self) -> None:
        if self.running:
            self.pause()
        else:
            self.resume()

    def stop(self) -> None:
        """End early (or after finishing); time stops where it is."""
        self._banked = self.elapsed
        self._since = None
        self.stopped = True

    def state(self) -> PacerState:
        elapsed = self.elapsed
        done = self.started and elapsed >= self.total
        cycle = self.pattern.cycle
        completed = min(self.rounds, int(elapsed // cycle))
        if done:
            last = len(self.pattern.phases) - 1
            phase = self.pattern.phases[last]
            return PacerState(self.rounds, self.rounds, phase, last, 0, 1.0, _size(phase, 1.0), elapsed,
                              False, True, self.rounds)
        into = elapsed - completed * cycle
        index = 0
        for index, phase in enumerate(self.pattern.phases):  # noqa: B007 - index is read after the loop
            if into < phase.seconds:
                break
            into -= phase.seconds
        fraction = into / phase.seconds
        remaining = max(1, math.ceil(phase.seconds - into - 1e-9))
        return PacerState(completed + 1, self.rounds, phase, index, remaining, fraction, _size(phase, fraction),
                          elapsed, self.paused, False, completed)


def _size(phase: Phase, fraction: float) -> float:
    if phase.kind == "in":
        return _ease(fraction)
    if phase.kind == "out":
        return 1 - _ease(fraction)
    return 1.0 if phase.kind == "hold" else 0.0


# -- 5-4-3-2-1 grounding --------------------------------------------------------------------


@dataclass(frozen=True)
class GroundingStep:
    sense: str  # the key in the practice details
    count: int
    prompt: str


GROUNDING_STEPS: tuple[GroundingStep, ...] = (
    GroundingStep("see", 5, "Five things you can see"),
    GroundingStep("touch", 4, "Four things you can touch or feel"),
    GroundingStep("hear", 3, "Three things you can hear"),
    GroundingStep("smell", 2, "Two things you can smell (or like the smell of)"),
    GroundingStep("taste", 1, "One thing you can taste (or like the taste of)"),
)
