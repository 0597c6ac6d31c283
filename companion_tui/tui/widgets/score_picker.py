"""A one-line number picker: digit keys set it, left/right nudge it, backspace clears it.

Used for the mood score (1–10, where ``0`` means 10) and for energy (1–5, optional,
where ``0`` clears). It shows the number, a small coloured bar and a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from companion_tui.tui.widgets.mood_spark import mood_style

SCORE_WORDS = {
    1: "very low", 2: "very low", 3: "low", 4: "low", 5: "so-so",
    6: "okay", 7: "good", 8: "good", 9: "very good", 10: "very good",
}
ENERGY_WORDS = {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}


class ScorePicker(Widget, can_focus=True):
    """A focusable number from 1 to ``maximum`` (or nothing)."""

    HELP_TITLE = "Mood score and energy"
    DEFAULT_CSS = """
    ScorePicker {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $boost;
    }
    ScorePicker:focus {
        background: $primary 25%;
    }
    """
    BINDINGS = [
        Binding("left", "nudge(-1)", "Lower", key_display="←", id="mood.picker.lower"),
        Binding("right", "nudge(1)", "Higher", key_display="→", id="mood.picker.higher"),
        Binding("backspace,delete", "clear", "Clear", show=False, id="mood.picker.clear"),
    ]

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Changed(Message):
        picker: ScorePicker
        value: int | None

        @property
        def control(self) -> ScorePicker:
            return self.picker

    def __init__(
        self,
        maximum: int = 10,
        *,
        words: dict[int, str] | None = None,
        empty_hint: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.maximum = maximum
        self.words = words or SCORE_WORDS
        self.empty_hint = empty_hint or (
            "press 1–9, or 0 for 10" if maximum == 10 else f"press 1–{maximum}"
        )

    # -- keys ---------------------------------------------------------------------------

    def on_key(self, event: Key) -> None:
        if event.character is None or not event.character.isdigit() or len(event.character) != 1:
            return
        event.stop()
        event.prevent_default()
        digit = int(event.character)
        if digit == 0:
            # "0" is 10 on a 1–10 scale; on a shorter, optional scale it clears.
            self.value = 10 if self.maximum == 10 else None
        elif digit <= self.maximum:
            self.value = digit
        else:
            self.app.bell()

    def action_nudge(self, step: int) -> None:
        if self.value is None:
            self.value = (self.maximum + 1) // 2
        else:
            self.value = max(1, min(self.maximum, self.value + step))

    def action_clear(self) -> None:
        self.value = None

    # -- state --------------------------------------------------------------------------

    def validate_value(self, value: int | None) -> int | None:
        if value is None:
            return None
        return max(1, min(self.maximum, int(value)))

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def style_for(self, value: int) -> str:
        # Energy is not good or bad; only the mood score carries colour meaning.
        return mood_style(value) if self.maximum == 10 else "bold"

    def render(self) -> Text | str:
        value = self.value
        width = self.maximum
        if value is None:
            return Text.assemble(
                (" –", "dim"), "  ", ("░" * width, "dim"), "  ", (self.empty_hint, "dim italic")
            )
        style = self.style_for(value)
        if self.maximum == 10:
            bar = Text.assemble((("█" * value), style.replace("bold ", "")), ("░" * (width - value), "dim"))
        else:
            bar = Text.assemble(("●" * value, "bold"), ("○" * (width - value), "dim"))
        return Text.assemble(
            (f"{value:>2}", style), (f"/{self.maximum}", "dim"), "  ", bar, "  ", (self.words.get(value, ""), style)
        )
