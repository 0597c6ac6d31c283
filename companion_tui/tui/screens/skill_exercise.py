"""The frame every guided exercise shares: distress before (skippable), the exercise, then
distress after, how much it helped and a note, saved as one practice.

A subclass provides ``compose_setup`` (extra choices shown with the first question),
``compose_run``, ``begin_run`` (called when the person starts), ``stop_run`` (escape while
running) and ``details()`` (what goes into the practice's details). It calls
``self.finish_run()`` when the exercise is complete. The screen dismisses with the saved
``Practice``, or None when left without saving.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Checkbox, Header, Input, Static

from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.skills.catalogue import Skill
from companion_tui.core.skills.practice import Practice, PracticeDraft
from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.host import HostScreen
from companion_tui.tui.widgets.footer import KeysFooter
from companion_tui.tui.widgets.skill_pickers import DistressPicker, HelpedPicker

STAGES = ("before", "run", "after")


class ExerciseScreen(HostScreen[Practice | None]):
    CSS_PATH = "skill_exercise.tcss"
    BINDINGS = [
        Binding("enter", "next", "Continue", id="skills.exercise.next"),
        Binding("ctrl+s", "save", "Save", id="skills.exercise.save"),
        Binding("escape", "escape", "Stop / back", id="skills.exercise.escape"),
    ]
    #: Shown above the first question.
    INTRO = ""

    def __init__(self, skill: Skill) -> None:
        super().__init__()
        self.skill = skill
        self.stage = "before"
        self.before: int | None = None
        self.outcome = ""  # a line shown above the after questions

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="exercise"):
            yield Static(f"[b]{escape(self.skill.name)}[/]", id="exercise-title", classes="exercise-title")
            with Vertical(id="stage-before", classes="stage"):
                if self.INTRO:
                    yield Static(self.INTRO, classes="exercise-intro")
                yield from self.compose_setup()
                yield Static("How distressed do you feel right now? (0 none … 10 the most)", classes="question")
                yield DistressPicker(id="before")
                yield Static("Press [b]enter[/] to begin. Leaving the number out is fine.", classes="hint")
            with Vertical(id="stage-run", classes="stage"):
                yield from self.compose_run()
            with Vertical(id="stage-after", classes="stage"):
                yield Static("", id="outcome", classes="exercise-intro")
                yield Static("How distressed do you feel now?", classes="question")
                yield DistressPicker(id="after")
                yield Static("How much did it help?", classes="question")
                yield HelpedPicker(id="helped")
                yield Static("Notes — what worked, what didn't (for you or your therapist)", classes="question")
                yield Input(placeholder="optional", id="notes", compact=True)
                yield Checkbox("Bring to therapy", id="therapy")
                yield Static("Press [b]ctrl+s[/] (or enter in the notes) to save · [b]escape[/] to leave without saving.",
                             classes="hint")
        yield KeysFooter()

    def compose_setup(self) -> ComposeResult:
        yield from ()

    def compose_run(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.show_stage("before")
        self.query_one("#before", DistressPicker).focus()

    def show_stage(self, stage: str) -> None:
        self.stage = stage
        for name in STAGES:
            self.query_one(f"#stage-{name}").display = name == stage
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.stage == "after"
        if action == "next":
            return self.stage != "run" or None
        return True

    # -- moving through the stages ----------------------------------------------------------

    def action_next(self) -> None:
        if self.stage == "before":
            self.start()
        elif self.stage == "after":
            self.action_save()

    def start(self) -> None:
        """Leave the first question and begin the exercise (also used by tests)."""
        if not self.validate_setup():
            return
        self.before = self.query_one("#before", DistressPicker).value
        self.show_stage("run")
        self.begin_run()

    def validate_setup(self) -> bool:
        return True

    def begin_run(self) -> None:
        pass

    def stop_run(self) -> None:
        self.finish_run()

    def finish_run(self, outcome: str = "") -> None:
        if self.stage != "run":
            return
        self.outcome = outcome
        self.query_one("#outcome", Static).update(outcome)
        self.show_stage("after")
        after = self.query_one("#after", DistressPicker)
        if self.before is not None and after.value is None:
            after.value = self.before  # a starting point to nudge from
        after.focus()

    def details(self) -> dict | None:
        return None

    def situation(self) -> str:
        return ""

    def action_escape(self) -> None:
        if self.stage == "before":
            self.dismiss(None)
        elif self.stage == "run":
            self.stop_run()
        else:
            self.app.push_screen(
                ConfirmScreen("Leave without saving this practice?", yes="Leave", no="Stay"),
                self._leave,
            )

    def _leave(self, leave: bool | None) -> None:
        if leave:
            self.dismiss(None)

    @on(Input.Submitted, "#notes")
    def _notes_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self.stage != "after":
            return
        ws = self.ws
        draft = PracticeDraft(
            skill_id=self.skill.id,
            at=self.host.clock(),
            situation=self.situation(),
            before=self.before,
            after=self.query_one("#after", DistressPicker).value,
            helped=self.query_one("#helped", HelpedPicker).level,
            notes=self.query_one("#notes", Input).value,
            therapy=self.query_one("#therapy", Checkbox).value,
            details=self.details(),
        )
        try:
            practice = ws.practices.add(draft)
        except ValidationError as exc:
            self.notify(" ".join(exc.errors.values()), title="Not saved", severity="error")
            return
        self.notify(f"{escape(self.skill.name)} · {practice_summary(practice)}", title="Practice saved")
        self.dismiss(practice)


def practice_summary(p: Practice) -> str:
    bits = []
    if p.before is not None or p.after is not None:
        bits.append(f"distress {'–' if p.before is None else p.before} → {'–' if p.after is None else p.after}")
    if p.helped:
        bits.append(f"helped {p.helped_label}")
    return ", ".join(bits) or "logged"
