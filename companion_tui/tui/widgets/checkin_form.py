"""The check-in form: score, emotions, energy, before/response, tags, note and when.

The form only holds what was typed. It can give back a JSON-able ``state()`` (for drafts and
for noticing unsaved changes), be filled from a state or a check-in, build a
``CheckInDraft`` for the core to validate, and show the core's validation messages next to
the fields. Saving, drafts and editing are the screen's business.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from companion_tui.core.kernel.when import parse_when
from companion_tui.core.moods.checkins import CheckIn, CheckInDraft
from companion_tui.tui.host import host_of
from companion_tui.tui.widgets.emotion_picker import EmotionPicker
from companion_tui.tui.widgets.score_picker import ENERGY_WORDS, ScorePicker
from companion_tui.tui.widgets.tag_input import TagInput

AT_FORMAT = "%Y-%m-%d %H:%M"

# Field key (as the core names it in ValidationError.errors) → (label, widget id).
FIELDS: dict[str, tuple[str, str]] = {
    "score": ("Mood", "score"),
    "emotions": ("Emotions", "emotions"),
    "energy": ("Energy", "energy"),
    "trigger": ("Before", "trigger"),
    "response": ("Response", "response"),
    "tags": ("Tags", "tags"),
    "note": ("Note", "note"),
    "at": ("When", "at"),
}

HINT_NEW = "[b]ctrl+s[/] save · [b]tab[/] next field · [b]esc[/] leave the form"
HINT_EDIT = "[b]ctrl+s[/] save changes · [b]tab[/] next field · [b]esc[/] stop editing"

EMPTY_STATE: dict = {
    "score": None,
    "emotions": [],
    "energy": None,
    "trigger": "",
    "response": "",
    "tags": [],
    "tag_text": "",
    "note": "",
    "at": "",
}


class CheckInForm(Vertical):
    HELP_TITLE = "Check-in form"

    @dataclass
    class Changed(Message):
        """Something in the form changed (typed, picked or loaded)."""

        form: CheckInForm
        field: str

        @property
        def control(self) -> CheckInForm:
            return self.form

    def __init__(self, known_tags: Callable[[], Iterable[str]] = lambda: (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.known_tags = known_tags
        self._auto_at = ""
        self.hint = HINT_NEW

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield from self._row("score", ScorePicker(10, id="score"))
        yield from self._row("emotions", EmotionPicker(id="emotions"))
        yield from self._row(
            "energy", ScorePicker(5, words=ENERGY_WORDS, empty_hint="optional · press 1–5, 0 clears", id="energy")
        )
        yield from self._row("trigger", Input(placeholder="What happened before?", id="trigger"))
        yield from self._row("response", Input(placeholder="How did I respond?", id="response"))
        yield from self._row("tags", TagInput(self.known_tags, id="tags"))
        note = TextArea(
            id="note",
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            tab_behavior="focus",
            placeholder="Anything else?",
        )
        yield from self._row("note", note)
        with Horizontal(classes="row", id="row-at"):
            yield Label(FIELDS["at"][0], classes="label")
            with Vertical(classes="field"):
                with Horizontal(classes="at-line"):
                    yield Input(placeholder="2026-11-24 21:30 · yesterday 22:00", id="at", max_length=32)
                    yield Static("back-date: yesterday 22:00, 21:30…", classes="at-hint")
                yield Static("", classes="field-error", id="error-at")
        yield Static("", id="form-status")

    def _row(self, key: str, widget: Widget) -> ComposeResult:
        with Horizontal(classes="row", id=f"row-{key}"):
            yield Label(FIELDS[key][0], classes="label")
            with Vertical(classes="field"):
                yield widget
                yield Static("", classes="field-error", id=f"error-{key}")

    def on_mount(self) -> None:
        self.show_status()

    # -- widgets ----------------------------------------------------------------------------

    @property
    def score(self) -> ScorePicker:
        return self.query_one("#score", ScorePicker)

    @property
    def energy(self) -> ScorePicker:
        return self.query_one("#energy", ScorePicker)

    @property
    def emotions(self) -> EmotionPicker:
        return self.query_one("#emotions", EmotionPicker)

    @property
    def tags(self) -> TagInput:
        return self.query_one("#tags", TagInput)

    @property
    def note(self) -> TextArea:
        return self.query_one("#note", TextArea)

    def _input(self, key: str) -> Input:
        return self.query_one(f"#{key}", Input)

    def focus_field(self, key: str = "score") -> None:
        widget = self.query_one(f"#{FIELDS[key][1]}")
        widget.focus()

    # -- state --------------------------------------------------------------------------------

    def state(self) -> dict:
        """What is in the form, JSON-able. ``at`` is "" unless the person changed the time."""
        at_text = self._input("at").value.strip()
        return {
            "score": self.score.value,
            "emotions": list(self.emotions.chosen),
            "energy": self.energy.value,
            "trigger": self._input("trigger").value,
            "response": self._input("response").value,
            "tags": list(self.tags.tags),
            "tag_text": self.tags.pending,
            "note": self.note.text,
            "at": "" if at_text == self._auto_at else at_text,
        }

    def is_blank(self) -> bool:
        """Nothing typed or picked (``DOMNode.is_empty`` is about children)."""
        state = self.state()
        return all(not state[k] for k in EMPTY_STATE)

    def load_state(self, state: dict, auto_at: str) -> None:
        """Fill every field from a state (missing keys are empty)."""
        full = {**EMPTY_STATE, **{k: v for k, v in state.items() if k in EMPTY_STATE}}
        self._auto_at = auto_at
        self.score.value = _int_or_none(full["score"])
        self.energy.value = _int_or_none(full["energy"])
        self.emotions.set_chosen(full["emotions"] or (), notify=False)
        self._input("trigger").value = str(full["trigger"] or "")
        self._input("response").value = str(full["response"] or "")
        self.tags.set_tags(full["tags"] or (), pending=str(full["tag_text"] or ""), notify=False)
        self.note.load_text(str(full["note"] or ""))
        self._input("at").value = str(full["at"] or "") or auto_at
        self.clear_errors()

    def clear(self, now: datetime) -> None:
        self.load_state(EMPTY_STATE, now.strftime(AT_FORMAT))

    def load_checkin(self, checkin: CheckIn) -> None:
        self.load_state(state_of(checkin), checkin.at.strftime(AT_FORMAT))

    def refresh_auto_at(self, now: datetime) -> None:
        """Keep an untouched "when" showing the current time."""
        at = self._input("at")
        if at.value.strip() == self._auto_at and not at.has_focus:
            self._auto_at = now.strftime(AT_FORMAT)
            at.value = self._auto_at

    def draft(self, original_at: datetime | None = None) -> CheckInDraft:
        """The form as a draft for the core. An untouched time means now (or, when editing,
        the check-in's own time, to the second). Raises ValidationError for an unreadable time."""
        state = self.state()
        at = original_at
        if state["at"]:  # what the journal's date field reads: 2026-11-24 21:30, yesterday 22:00, 21:30
            keep = original_at.time() if original_at else None
            at = parse_when(state["at"], host_of(self.app).clock(), keep)
            if original_at and at == original_at.replace(second=0, microsecond=0):
                at = original_at  # unchanged: keep its seconds
        tags = list(state["tags"])
        if state["tag_text"].strip():
            # Typed but not added yet: the person clearly meant it.
            tags.append(state["tag_text"])
        return CheckInDraft(
            score=state["score"],
            emotions=tuple(state["emotions"]),
            energy=state["energy"],
            trigger=state["trigger"],
            response=state["response"],
            tags=tuple(tags),
            note=state["note"],
            at=at,
        )

    # -- errors and status ----------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        for key, message in errors.items():
            if key not in FIELDS:
                continue
            self.query_one(f"#row-{key}").add_class("-invalid")
            # Messages can quote what was typed: show them as plain text, never as markup.
            self.query_one(f"#error-{key}", Static).update(Content(message))
        if len(errors) == 1:
            summary = next(iter(errors.values()))
        else:
            summary = f"{len(errors)} things to fix above."
        self.show_status(f"Not saved yet. {summary}", error=True)
        first = next((k for k in FIELDS if k in errors), None)
        if first is not None:
            self.focus_field(first)

    def clear_error(self, key: str) -> None:
        if key not in FIELDS:
            return
        row = self.query_one(f"#row-{key}")
        if row.has_class("-invalid"):
            row.remove_class("-invalid")
            self.query_one(f"#error-{key}", Static).update("")
            if not self.query(".row.-invalid"):
                self.show_status()

    def clear_errors(self) -> None:
        for row in self.query(".row.-invalid"):
            row.remove_class("-invalid")
        for error in self.query(".field-error").results(Static):
            error.update("")
        self.show_status()

    def set_editing(self, editing: bool) -> None:
        self.hint = HINT_EDIT if editing else HINT_NEW
        if not self.query(".row.-invalid"):
            self.show_status()

    def show_status(self, message: str = "", error: bool = False) -> None:
        status = self.query_one("#form-status", Static)
        status.set_class(error, "-error")
        status.update(Content(message) if message else self.hint)

    # -- changes --------------------------------------------------------------------------------

    def _changed(self, field: str) -> None:
        self.clear_error(field)
        self.post_message(self.Changed(self, field))

    @on(ScorePicker.Changed)
    def _picker_changed(self, event: ScorePicker.Changed) -> None:
        event.stop()
        self._changed(event.picker.id or "")

    @on(EmotionPicker.Changed)
    def _emotions_changed(self, event: EmotionPicker.Changed) -> None:
        event.stop()
        self._changed("emotions")

    @on(TagInput.Changed)
    def _tags_changed(self, event: TagInput.Changed) -> None:
        event.stop()
        self._changed("tags")

    @on(Input.Changed, "#trigger, #response, #at")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._changed(event.input.id or "")

    @on(Input.Submitted, "#trigger, #response, #at")
    def _input_submitted(self, event: Input.Submitted) -> None:
        # Enter in a one-line field moves on, like tab.
        event.stop()
        self.screen.focus_next()

    @on(TextArea.Changed, "#note")
    def _note_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._changed("note")


def state_of(checkin: CheckIn) -> dict:
    return {
        "score": checkin.score,
        "emotions": list(checkin.emotions),
        "energy": checkin.energy,
        "trigger": checkin.trigger,
        "response": checkin.response,
        "tags": list(checkin.tags),
        "tag_text": "",
        "note": checkin.note,
        "at": "",
    }


def _int_or_none(value: object) -> int | None:
    if not isinstance(value, (int, float, str)) or value == "":
        return None
    try:
        return int(value)
    except ValueError:
        return None
