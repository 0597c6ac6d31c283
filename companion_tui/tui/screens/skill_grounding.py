"""5-4-3-2-1 grounding, one sense at a time: type each thing and press enter.

Enter on an empty line moves on to the next sense early; escape stops (what you typed so
far is still saved if you choose).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from companion_tui.core.skills.catalogue import Skill
from companion_tui.core.skills.exercises import GROUNDING_STEPS
from companion_tui.tui.screens.skill_exercise import ExerciseScreen


class GroundingScreen(ExerciseScreen):
    TITLE = "5-4-3-2-1 grounding"
    INTRO = ("Bring yourself back to the here and now through your senses. "
             "Take your time; there are no wrong answers.")

    def __init__(self, skill: Skill) -> None:
        super().__init__(skill)
        self.step = 0
        self.answers: dict[str, list[str]] = {s.sense: [] for s in GROUNDING_STEPS}

    def compose_run(self) -> ComposeResult:
        yield Static("", id="grounding-steps", classes="hint")
        yield Static("", id="grounding-prompt", classes="phase")
        yield Static("", id="grounding-items")
        yield Input(placeholder="type one thing, then enter", id="grounding-input")
        yield Static("[b]enter[/] on an empty line: next sense  ·  [b]escape[/] stop", classes="hint")

    def begin_run(self) -> None:
        self.step = 0
        self._show_step()
        self.query_one("#grounding-input", Input).focus()

    @property
    def current(self):
        return GROUNDING_STEPS[self.step]

    def _show_step(self) -> None:
        step = self.current
        done = self.answers[step.sense]
        dots = "  ".join(
            f"[b]{s.count}[/]" if i == self.step else f"[dim]{s.count}[/]" for i, s in enumerate(GROUNDING_STEPS)
        )
        self.query_one("#grounding-steps", Static).update(dots)
        self.query_one("#grounding-prompt", Static).update(f"[b]{step.prompt}[/]  ({len(done)} of {step.count})")
        self.query_one("#grounding-items", Static).update("\n".join(f"  • {item}" for item in done) or " ")

    @on(Input.Submitted, "#grounding-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.add(event.value)

    def add(self, text: str) -> None:
        """Record one thing for the current sense (empty: move on)."""
        if self.stage != "run":
            return
        field = self.query_one("#grounding-input", Input)
        field.value = ""
        text = " ".join(text.split())
        step = self.current
        if text:
            self.answers[step.sense].append(text[:200])
        if not text or len(self.answers[step.sense]) >= step.count:
            if self.step + 1 >= len(GROUNDING_STEPS):
                total = sum(len(v) for v in self.answers.values())
                self.finish_run(f"You noticed {total} thing{'s' if total != 1 else ''} around you. Well done.")
                return
            self.step += 1
        self._show_step()

    def stop_run(self) -> None:
        total = sum(len(v) for v in self.answers.values())
        self.finish_run(f"Stopped early, after noticing {total} thing{'s' if total != 1 else ''}.")

    def details(self) -> dict | None:
        return {"kind": "grounding", **{sense: list(items) for sense, items in self.answers.items()}}
