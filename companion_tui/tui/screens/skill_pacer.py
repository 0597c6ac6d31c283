"""The breathing pacer: choose a pattern and rounds, breathe along with the shape, log it.

Timing comes from ``app.idle_clock`` (monotonic seconds, replaced in tests) through the
pure ``core.exercises.Pacer``; a Textual interval only redraws (``tick``). Space pauses,
escape stops early (the rounds done so far are still saved if you choose).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Input, Static

from companion_tui.core.skills.catalogue import Skill
from companion_tui.core.skills.exercises import MAX_ROUNDS, PATTERNS, Pacer, Pattern, make_pattern, pattern_for
from companion_tui.tui.screens.skill_exercise import ExerciseScreen
from companion_tui.tui.widgets.skill_breath import BreathShape
from companion_tui.tui.widgets.skill_pickers import ChoicePicker

REDRAW_SECONDS = 0.1
CHOICES = (("box", "Box 4-4-4-4"), ("4-7-8", "4-7-8"), ("paced", "Paced 5-5"), ("custom", "Your own"))


def parse_timing(text: str) -> Pattern:
    """ "4-2-6-2" (in-hold-out-rest; holds optional: "4-6" is in-out). Raises ValueError."""
    parts = [p for p in text.replace(",", "-").replace(" ", "-").split("-") if p]
    if not parts or not all(p.isdigit() for p in parts) or len(parts) not in (2, 3, 4):
        raise ValueError("Type the seconds as in-hold-out-rest, e.g. 4-2-6-2, or in-out, e.g. 5-5.")
    n = [int(p) for p in parts]
    if len(n) == 2:
        n = [n[0], 0, n[1], 0]
    elif len(n) == 3:
        n = [*n, 0]
    inhale, hold, exhale, rest = n
    return make_pattern(inhale, hold, exhale, rest)


class PacerScreen(ExerciseScreen):
    TITLE = "Breathing pacer"
    BINDINGS = [Binding("space", "pause", "Pause / resume", id="skills.pacer.pause")]
    INTRO = "Breathe along with the shape: in as it grows, out as it shrinks. Stop whenever you like."

    def __init__(self, skill: Skill) -> None:
        super().__init__(skill)
        self.initial = pattern_for(skill.exercise) or PATTERNS["box"]
        self.pattern: Pattern = self.initial
        self.pacer: Pacer | None = None
        self._timer: Timer | None = None

    def compose_setup(self) -> ComposeResult:
        ids = [c[0] for c in CHOICES]
        with Horizontal(classes="row"):
            yield Static("Pattern", classes="label")
            yield ChoicePicker(CHOICES, value=ids.index(self.initial.id), required=True, id="pattern")
        with Horizontal(classes="row", id="custom-row"):
            yield Static("Seconds", classes="label")
            yield Input("4-2-6-2", placeholder="in-hold-out-rest, e.g. 4-2-6-2", id="custom", compact=True)
        with Horizontal(classes="row"):
            yield Static("Rounds", classes="label")
            yield Input(str(self.initial.rounds), type="integer", id="rounds", classes="short", compact=True)
        yield Static("", id="setup-error", classes="error")

    def compose_run(self) -> ComposeResult:
        with Vertical(id="pacer"):
            yield Static("", id="phase", classes="phase")
            yield BreathShape(id="shape")
            yield Static("", id="pacer-status", classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_custom()

    @on(ChoicePicker.Changed, "#pattern")
    def _pattern_changed(self, event: ChoicePicker.Changed) -> None:
        self._show_custom()
        if event.value is not None and CHOICES[event.value][0] in PATTERNS:
            self.query_one("#rounds", Input).value = str(PATTERNS[CHOICES[event.value][0]].rounds)

    def _show_custom(self) -> None:
        self.query_one("#custom-row").display = self.query_one("#pattern", ChoicePicker).choice == "custom"

    @on(Input.Submitted, "#custom, #rounds")
    def _setup_submitted(self) -> None:
        self.start()

    def validate_setup(self) -> bool:
        error = self.query_one("#setup-error", Static)
        choice = self.query_one("#pattern", ChoicePicker).choice or "box"
        try:
            pattern = parse_timing(self.query_one("#custom", Input).value) if choice == "custom" else PATTERNS[choice]
        except ValueError as exc:
            error.update(str(exc))
            return False
        rounds = self.query_one("#rounds", Input).value.strip()
        if not rounds.isdigit() or not 1 <= int(rounds) <= MAX_ROUNDS:
            error.update(f"Rounds must be a whole number from 1 to {MAX_ROUNDS}.")
            return False
        error.update("")
        self.pattern = pattern
        self.pacer = Pacer(pattern, int(rounds), self.host.idle_clock)
        return True

    def begin_run(self) -> None:
        assert self.pacer is not None
        self.pacer.start()
        self.set_focus(None)  # space and escape go to the pacer, not to a hidden field
        self.query_one("#exercise-title", Static).update(
            f"[b]{escape(self.skill.name)}[/]  ·  {self.pattern.name}  ·  {self.pacer.rounds} rounds")
        self.tick()
        self._timer = self.set_interval(REDRAW_SECONDS, self.tick)

    def tick(self) -> None:
        """Redraw from the pacer's state; move on when the rounds are done."""
        if self.pacer is None or self.stage != "run":
            return
        state = self.pacer.state()
        if state.done:
            self._end(f"Well done: {state.rounds} round{'s' if state.rounds != 1 else ''} of {self.pattern.name}.")
            return
        self.query_one("#shape", BreathShape).show(state.size, state.phase.kind, state.paused)
        label = "Paused" if state.paused else state.phase.label
        self.query_one("#phase", Static).update(f"[b]{label}[/]   {state.remaining}")
        left = int(self.pacer.total - state.elapsed)
        self.query_one("#pacer-status", Static).update(
            f"Round {state.round} of {state.rounds}  ·  {left // 60}:{left % 60:02d} left  ·  "
            f"[b]space[/] {'resume' if state.paused else 'pause'}  ·  [b]escape[/] stop"
        )

    def action_pause(self) -> None:
        if self.stage == "run" and self.pacer is not None:
            self.pacer.toggle_pause()
            self.tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pause":
            return self.stage == "run"
        return super().check_action(action, parameters)

    def stop_run(self) -> None:
        assert self.pacer is not None
        self.pacer.stop()
        done = self.pacer.state().completed_rounds
        self._end(f"Stopped after {done} of {self.pacer.rounds} rounds. Every round counts.")

    def _end(self, outcome: str) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.finish_run(outcome)

    def details(self) -> dict | None:
        if self.pacer is None:
            return None
        state = self.pacer.state()
        return {"kind": "breathing", "pattern": self.pattern.id, "phases": list(self.pattern.seconds),
                "rounds": self.pacer.rounds, "completed_rounds": state.completed_rounds,
                "seconds": int(round(state.elapsed))}
