"""One-line pickers for practices: distress 0–10 and how much it helped.

Distress: digit keys set it (``1`` then ``0`` makes 10), left/right nudge, backspace clears
(leaving it out is always fine). Helped: ``1``–``4`` or left/right, backspace clears.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from companion_tui.core.skills.practice import HELPED, HELPED_LABELS

DISTRESS_WORDS = {0: "none", 1: "very little", 2: "a little", 3: "a little", 4: "some", 5: "moderate",
                  6: "quite a lot", 7: "a lot", 8: "a lot", 9: "very high", 10: "the most"}


def distress_style(value: int) -> str:
    if value >= 8:
        return "bold red"
    if value >= 5:
        return "yellow"
    return "green"


class _Picker(Widget, can_focus=True):
    value: reactive[int | None] = reactive(None)
    maximum = 10
    minimum = 0

    @dataclass
    class Changed(Message):
        picker: _Picker
        value: int | None

        @property
        def control(self) -> _Picker:
            return self.picker

    def action_nudge(self, step: int) -> None:
        if self.value is None:
            self.value = self.minimum if step > 0 else self.maximum
        else:
            self.value = max(self.minimum, min(self.maximum, self.value + step))

    def action_clear(self) -> None:
        self.value = None

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))


class DistressPicker(_Picker):
    """Distress from 0 (none) to 10 (the most), or nothing."""

    HELP_TITLE = "Distress 0–10"
    DEFAULT_CSS = """
    DistressPicker { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    DistressPicker:focus { background: $primary 25%; }
    """
    BINDINGS = [
        Binding("left", "nudge(-1)", "Lower", key_display="←", id="skills.distress.lower"),
        Binding("right", "nudge(1)", "Higher", key_display="→", id="skills.distress.higher"),
        Binding("backspace,delete", "clear", "Leave out", show=False, id="skills.distress.clear"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._last_digit: str | None = None

    def on_key(self, event: Key) -> None:
        char = event.character
        if char is None or len(char) != 1 or not char.isdigit():
            self._last_digit = None
            return
        event.stop()
        event.prevent_default()
        if char == "0" and self.value == 1 and self._last_digit == "1":
            self.value = 10
        else:
            self.value = int(char)
        self._last_digit = char

    def render(self) -> Text:
        if self.value is None:
            return Text.assemble((" –", "dim"), "  ", ("░" * 10, "dim"), "  ",
                                 ("type 0–10, or leave it out", "dim italic"))
        v = self.value
        style = distress_style(v)
        return Text.assemble((f"{v:>2}", style), ("/10", "dim"), "  ",
                             ("█" * v, style.replace("bold ", "")), ("░" * (10 - v), "dim"), "  ",
                             (DISTRESS_WORDS[v], style))


class ChoicePicker(_Picker):
    """One of a few labelled choices in a row: digit keys pick, left/right move.

    ``value`` is the index (None when nothing is chosen, unless ``required``); ``choice`` the id.
    """

    HELP_TITLE = "Choice"
    BINDINGS = [
        Binding("left", "nudge(-1)", "Previous", key_display="←", id="skills.choice.previous"),
        Binding("right", "nudge(1)", "Next", key_display="→", id="skills.choice.next"),
        Binding("backspace,delete", "clear", "Leave out", show=False, id="skills.choice.clear"),
    ]
    DEFAULT_CSS = """
    ChoicePicker { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    ChoicePicker:focus { background: $primary 25%; }
    """
    empty_hint = ""

    def __init__(self, choices: tuple[tuple[str, str], ...], *, value: int | None = None, required: bool = False,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.choices = choices
        self.maximum = len(choices) - 1
        self.required = required
        self.set_reactive(ChoicePicker.value, value)

    @property
    def choice(self) -> str | None:
        return None if self.value is None else self.choices[self.value][0]

    @choice.setter
    def choice(self, choice: str | None) -> None:
        ids = [c[0] for c in self.choices]
        self.value = ids.index(choice) if choice in ids else None

    def action_clear(self) -> None:
        if not self.required:
            self.value = None

    def on_key(self, event: Key) -> None:
        char = event.character
        if char and len(char) == 1 and char.isdigit():
            event.stop()
            event.prevent_default()
            if 1 <= int(char) <= len(self.choices):
                self.value = int(char) - 1
            else:
                self.app.bell()

    def render(self) -> Text:
        out = Text()
        for i, (_, label) in enumerate(self.choices):
            style = "bold reverse" if self.value == i else "dim"
            out.append(f" {i + 1} {label} ", style=style)
            out.append(" ")
        if self.value is None and self.empty_hint:
            out.append(self.empty_hint, style="dim italic")
        return out


class HelpedPicker(ChoicePicker):
    """How much it helped: 1 not at all … 4 a lot, or nothing. ``level`` gives the stored word."""

    HELP_TITLE = "How much it helped"
    DEFAULT_CSS = """
    HelpedPicker { height: 1; width: 1fr; padding: 0 1; background: $boost; }
    HelpedPicker:focus { background: $primary 25%; }
    """
    empty_hint = " (1–4, optional)"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(tuple((k, HELPED_LABELS[k]) for k in HELPED), id=id, classes=classes)

    @property
    def level(self) -> str | None:
        return self.choice

    @level.setter
    def level(self, level: str | None) -> None:
        self.choice = level
