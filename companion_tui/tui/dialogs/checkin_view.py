"""One check-in in full, in a modal. Dismisses with "edit", "delete" or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from companion_tui.core.moods.checkins import CheckIn
from companion_tui.tui.widgets.emotion_picker import chips
from companion_tui.tui.widgets.mood_spark import mood_style
from companion_tui.tui.widgets.score_picker import ENERGY_WORDS, SCORE_WORDS


def describe(c: CheckIn) -> list[tuple[str, Content | str]]:
    """(label, value) rows for a check-in; empty fields are left out."""
    style = mood_style(c.score)
    rows: list[tuple[str, Content | str]] = [
        ("When", f"{c.at:%A %-d %B %Y, %H:%M}"),
        ("Mood", Content.assemble((f"{c.score}/10", style), "  ", (SCORE_WORDS[c.score], style))),
    ]
    if c.emotions:
        rows.append(("Emotions", chips(c.emotions)))
    if c.energy is not None:
        rows.append(("Energy", f"{c.energy}/5  {ENERGY_WORDS.get(c.energy, '')}"))
    if c.trigger:
        rows.append(("Before", c.trigger))
    if c.response:
        rows.append(("Response", c.response))
    if c.tags:
        rows.append(("Tags", "  ".join(f"#{t}" for t in c.tags)))
    if c.note:
        rows.append(("Note", c.note))
    return rows


class CheckInView(ModalScreen[str | None]):
    DEFAULT_CSS = """
    CheckInView {
        align: center middle;
    }
    CheckInView > VerticalScroll {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-color: $text-primary;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 1 2;
    }
    CheckInView .row {
        height: auto;
        margin-bottom: 1;
    }
    CheckInView .label {
        width: 11;
        color: $text-muted;
    }
    CheckInView .value {
        width: 1fr;
        height: auto;
    }
    """
    BINDINGS = [
        Binding("escape,enter,v,q", "close", "Close", id="mood.view.close"),
        Binding("e", "answer('edit')", "Edit", id="mood.view.edit"),
        Binding("delete,x", "answer('delete')", "Delete", id="mood.view.delete"),
    ]

    def __init__(self, checkin: CheckIn) -> None:
        super().__init__()
        self.checkin = checkin

    def compose(self) -> ComposeResult:
        with VerticalScroll() as body:
            body.border_title = "Check-in"
            body.border_subtitle = "e edit · x delete · esc close"
            for label, value in describe(self.checkin):
                with Horizontal(classes="row"):
                    yield Static(label, classes="label")
                    # Plain strings are the person's own words: never parse them as markup.
                    yield Static(value, classes="value", markup=not isinstance(value, str))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_answer(self, what: str) -> None:
        self.dismiss(what)
